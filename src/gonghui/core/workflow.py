"""Workflow: each process declares its states and transitions in one place; every transition is recorded.

    TRANSFER_FLOW = Workflow("transfer", states={...}, transitions=[Transition("accept", ("requested",),
                             "accepted", _("Accept")), ...])
    TRANSFER_FLOW.apply(transfer, "accept", actor=user, comment="...")

``apply`` moves the state with a conditional UPDATE (``WHERE state IN sources``), so two people pressing the
same button at once cannot both succeed: the second gets InvalidTransition. Pages and API read the same
history through ``history``.
"""

from dataclasses import dataclass

from django.db import transaction

from .errors import InvalidTransition
from .models import WorkflowLog

_REGISTRY: dict[str, "Workflow"] = {}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    permission: str | None = None


class Workflow:
    def __init__(self, name: str, *, states: dict[str, str], initial: str, transitions: list[Transition],
                 state_field: str = "state"):
        self.name = name
        self.states = states
        self.initial = initial
        self.transitions = {t.name: t for t in transitions}
        self.state_field = state_field
        for t in transitions:
            unknown = {*t.sources, t.target} - states.keys()
            if unknown:
                raise ValueError(f"workflow {name}: transition {t.name} names unknown states {unknown}")
        _REGISTRY[name] = self

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def available(self, obj) -> list[Transition]:
        current = getattr(obj, self.state_field)
        return [t for t in self.transitions.values() if current in t.sources]

    def start(self, obj, *, actor, comment: str = "") -> WorkflowLog:
        """Record the creation of an object in its initial state."""
        return self._log(obj, "create", "", self.initial, actor, comment)

    def apply(self, obj, transition_name: str, *, actor, comment: str = "", **extra_updates) -> WorkflowLog:
        transition = self.transitions[transition_name]
        model = type(obj)
        with transaction.atomic():
            updated = model.objects.filter(
                pk=obj.pk, **{f"{self.state_field}__in": transition.sources}
            ).update(**{self.state_field: transition.target}, **extra_updates)
            if not updated:
                raise InvalidTransition()
            from_state = getattr(obj, self.state_field)
            setattr(obj, self.state_field, transition.target)
            for field, value in extra_updates.items():
                setattr(obj, field, value)
            return self._log(obj, transition.name, from_state, transition.target, actor, comment)

    def _log(self, obj, transition: str, from_state: str, to_state: str, actor, comment: str) -> WorkflowLog:
        return WorkflowLog.objects.create(
            workflow=self.name, object_type=obj._meta.label_lower, object_id=str(obj.pk), transition=transition,
            from_state=from_state, to_state=to_state,
            actor=actor if actor is not None and actor.is_authenticated else None, comment=comment,
        )

    def history(self, obj):
        return WorkflowLog.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
            "actor"
        )


def get_workflow(name: str) -> Workflow:
    return _REGISTRY[name]


def all_workflows() -> dict[str, Workflow]:
    return dict(_REGISTRY)
