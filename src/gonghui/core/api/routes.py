"""Generic endpoints of the kernel: role definitions and workflow definitions."""

from ninja import Field, Router, Schema

from gonghui.core import roles, workflow
from gonghui.core.errors import NotFound

from .schemas import Choice

router = Router(tags=["definitions"])


class RoleOut(Schema):
    code: str
    label: str
    family: str
    rank: int
    description: str
    permissions: list[str]


class TransitionOut(Schema):
    name: str
    label: str
    sources: list[str]
    target: str
    permission: str | None
    four_eyes: bool = Field(False, description="The person the case names as its requester (or as the one it "
                                               "concerns) may not take this step: someone else must.")


class WorkflowOut(Schema):
    name: str
    initial: str
    states: list[Choice]
    transitions: list[TransitionOut]


def role_out(role: roles.Role) -> dict:
    return {"code": role.code, "label": str(role.label), "family": role.family, "rank": role.rank,
            "description": str(role.description), "permissions": sorted(role.permissions)}


@router.get("/roles", response=list[RoleOut], summary="Role definitions")
def role_definitions(request):
    """Every role that can be granted, with its family, rank and permissions."""
    return [role_out(role) for role in roles.all_roles()]


@router.get("/workflows/{name}", response=WorkflowOut, summary="A workflow's states and transitions")
def workflow_definition(request, name: str):
    """The states and transitions of a process (e.g. ``membership_transfer``), as pages and API apply them."""
    try:
        flow = workflow.get_workflow(name)
    except KeyError:
        raise NotFound() from None
    return {
        "name": flow.name, "initial": flow.initial,
        "states": [{"code": code, "label": str(label)} for code, label in flow.states.items()],
        "transitions": [{"name": t.name, "label": str(t.label), "sources": list(t.sources),
                         "target": t.target, "permission": t.permission, "four_eyes": t.distinct_from is not None}
                        for t in flow.transitions.values()],
    }


from .indicators import router as indicators_router  # noqa: E402
from .jobs import router as jobs_router  # noqa: E402
from .messages import router as messages_router  # noqa: E402

router.add_router("/", jobs_router)
router.add_router("/", messages_router)
router.add_router("/", indicators_router)
