"""One API style for every case's history and transitions:

    GET  /api/v1/<resource>/{id}/history              every step, oldest first (the one history schema)
    POST /api/v1/<resource>/{id}/transitions/{name}   take a step: {comment, assignee_id?, due_date?}

``add_workflow_routes`` mounts both on an app's router; the handlers stay thin: the scoped selector fetches the
case (404 out of scope), the app's service takes the step through ``core.workflow.apply`` (gate, history, audit).
"""

import datetime
from collections.abc import Callable

from ninja import Field, Router, Schema

from ..workflow import Workflow


class WorkflowStepOut(Schema):
    transition: str
    from_state: str
    to_state: str
    actor: str | None
    assignee_id: int | None = None
    due_date: datetime.date | None = None
    at: datetime.datetime
    comment: str

    @staticmethod
    def resolve_actor(step) -> str | None:
        return str(step.actor) if step.actor_id else None


class TransitionIn(Schema):
    comment: str = Field("", max_length=1000)


def add_workflow_routes(router: Router, resource: str, *, flow: Workflow, fetch: Callable, run: Callable | None = None,
                        out=None, shape: Callable = lambda obj: obj, tag_name: str = "", steps: bool = True) -> None:
    """``fetch(user, id)`` is the app's scoped selector; ``run(actor=, obj=, transition=, comment=)`` its service;
    ``out`` the response schema of the case after the step, filled from ``shape(case)``. ``steps=False`` mounts
    the history only, for cases whose steps need more than a comment (a bank file, the bank's answer)."""
    noun = tag_name or resource.rstrip("s")

    @router.get(f"/{resource}/{{obj_id}}/history", response=list[WorkflowStepOut],
                summary=f"History of a {noun}", operation_id=f"{resource.replace('-', '_')}_history")
    def history(request, obj_id: int):
        return list(flow.history(fetch(request.auth, obj_id)))

    if not steps:
        return

    @router.post(f"/{resource}/{{obj_id}}/transitions/{{name}}", response=out,
                 summary=f"Take a step on a {noun}", operation_id=f"{resource.replace('-', '_')}_transition")
    def transition(request, obj_id: int, name: str, payload: TransitionIn):
        obj = fetch(request.auth, obj_id)
        run(actor=request.auth, obj=obj, transition=name, comment=payload.comment)
        return shape(fetch(request.auth, obj_id))
