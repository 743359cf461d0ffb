"""The workflow kit: each process declares its states and transitions once; ``apply`` and ``apply_many`` move
cases through them.

    TRANSFER_FLOW = Workflow("membership_transfer", states={...}, initial="requested", audit_prefix="transfer.",
                             owner=own_person("person_id"),
                             transitions=[Transition("accept", ("requested",), "accepted", _("Accept"),
                                                     TRANSFERS_DECIDE), ...])
    workflow.apply(transfer, "accept", actor=user, comment="...")

``apply`` checks the transition's permission through the one scope gate (``scope.require``: 404 out of sight,
403 in sight without it; the owner hook lets "the worker's own" case through), moves the state with a conditional
UPDATE (``WHERE state IN sources``, so two people pressing the same button at once cannot both succeed: the second
gets InvalidTransition, 409), and writes the history row and the registered audit action — all in one
transaction, so a failure leaves none of them. ``apply_many`` does the same for many cases at once, all or none.

A transition may demand four eyes (``distinct_from="requested_by_id"``, several fields, or a callable
``(actor, case) -> bool``): the gate then refuses, with ``SamePerson`` (403, ``four_eyes``, or the transition's own
``distinct_error``) and a ``denied`` audit row, an actor who is the person the case names — the one who asked for a
money role cannot grant it, a cashier cannot approve the bank account they entered.

A case may carry an assignee and a due date (``assignee_field`` / ``due_field``), set by a transition and kept in
its history row; ``acting_path`` and ``levels_above`` answer at which level of the tree an approver acts.

History rows that move no state, or were written outside a transition (a change of a payee's account, the state a
case had when its history began), name a ``note`` declared on the workflow, so every history reads in words.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import audit, scope
from .errors import InvalidTransition, NotFound, SamePerson, ValidationFailed
from .models import WorkflowLog
from .models.scoped import NO_PATH

_REGISTRY: dict[str, "Workflow"] = {}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    permission: str | None = None
    # The path the permission is asked over, when it is not the case's own scope (a transfer is scoped by the
    # receiving union, but withdrawing it is the old union's business: "from_org__path").
    scope_lookup: str | None = None
    # The case's owner (Workflow.owner) may take this step without the permission: a worker withdrawing their own
    # request.
    owner_may: bool = False
    # Four eyes: the actor must not be the person the case names in this field (or in any of these fields:
    # "requested_by_id", ("requested_by_id", "user_id")), or, a callable (actor, case) -> True when the actor is
    # the one who may not take the step. Checked in the gate, so apply, apply_many and the buttons agree.
    distinct_from: str | tuple[str, ...] | Callable[[object, object], bool] | None = None
    # The error the gate raises then (a PermissionDenied subclass with the module's code); SamePerson by default.
    distinct_error: type | None = None
    # The audit code, when it is not audit_prefix + name (a code the log already holds under another spelling).
    audit_action: str | None = None

    def is_same_person(self, actor, obj) -> bool:
        """Is ``actor`` the person this four-eyes step must not be taken by?"""
        rule = self.distinct_from
        if rule is None:
            return False
        if callable(rule):
            return bool(rule(actor, obj))
        actor_id = getattr(actor, "pk", None)
        if actor_id is None:
            return False
        fields = (rule,) if isinstance(rule, str) else rule
        return any(getattr(obj, field, None) == actor_id for field in fields)


def own_person(person_attr: str = "person_id") -> Callable[[object, object], bool]:
    """An owner hook: is ``actor`` the worker account of the case's person (``obj.<person_attr>``)?"""

    def is_owner(actor, obj) -> bool:
        if not getattr(actor, "is_worker", False):
            return False
        person = getattr(actor, "person", None)  # the reverse one-to-one of members.Person.user
        return person is not None and person.pk == getattr(obj, person_attr, None)

    return is_owner


def _follow(obj, lookup: str) -> str:
    value = obj
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return NO_PATH
    return value


class Workflow:
    def __init__(self, name: str, *, states: dict[str, str], initial: str, transitions: list[Transition],
                 state_field: str = "state", audit_prefix: str = "", owner: Callable | None = None,
                 assignee_field: str | None = None, due_field: str | None = None,
                 notes: dict[str, str] | None = None, audit_org: str | None = None):
        self.name = name
        self.states = states
        self.initial = initial
        self.transitions = {t.name: t for t in transitions}
        self.state_field = state_field
        # The audit action of a transition is audit_prefix + its name ("transfer." + "accept"); it must be
        # declared in the app's audit_actions.py like any other.
        self.audit_prefix = audit_prefix
        # The case's field naming the organisation its audit rows are recorded for ("org_id"), when that should
        # not be the acting organisation of the request: so that the auditors of the case's subtree read them.
        self.audit_org = audit_org
        self.owner = owner
        self.assignee_field = assignee_field
        self.due_field = due_field
        # Labels of history rows that are not transitions ({"bank_change_request": _("…")}).
        self.notes = dict(notes or {})
        for t in transitions:
            unknown = {*t.sources, t.target} - states.keys()
            if unknown:
                raise ValueError(f"workflow {name}: transition {t.name} names unknown states {unknown}")
            if t.owner_may and owner is None:
                raise ValueError(f"workflow {name}: transition {t.name} lets the owner act but there is no owner")
            if t.permission is None and not t.owner_may:
                # The gate needs something to check: a step nobody is allowed to take is a declaration error.
                raise ValueError(f"workflow {name}: transition {t.name} names no permission")
        _REGISTRY[name] = self

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def step_label(self, name: str) -> str:
        """The label of a history row's step: a transition, a declared note, or the case being created."""
        if name in self.transitions:
            return self.transitions[name].label
        if name in self.notes:
            return self.notes[name]
        return _("Created") if name == "create" else name

    def available(self, obj, actor=None) -> list[Transition]:
        """The transitions from the case's state; with ``actor``, only those the actor may take."""
        current = getattr(obj, self.state_field)
        steps = [t for t in self.transitions.values() if current in t.sources]
        return [t for t in steps if actor is None or self.may(actor, obj, t)]

    def may(self, actor, obj, transition: Transition) -> bool:
        if transition.is_same_person(actor, obj):
            return False
        if transition.owner_may and self.owner(actor, obj):
            return True
        if transition.permission is None:
            return False
        path = _follow(obj, transition.scope_lookup) if transition.scope_lookup else obj.scope_path
        return scope.has_perm(actor, transition.permission, path)

    def check(self, actor, obj, transition: Transition) -> None:
        """The gate of one transition: passes, or raises NotFound (out of sight) / PermissionDenied (in sight
        without the permission, or — four eyes — the person who asked)."""
        if not (transition.owner_may and self.owner(actor, obj)):
            if transition.permission is None:
                raise NotFound()  # an owner-only step: to anyone else it does not exist
            path = _follow(obj, transition.scope_lookup) if transition.scope_lookup else obj
            scope.require(actor, transition.permission, path)
        if transition.is_same_person(actor, obj):
            # After the scope gate, so that out of sight stays 404 for the requester too. The refusal is audited
            # (its own row, outside the step's transaction when the caller has none).
            audit.record(self.audit_action(transition), actor=actor, obj=obj, result="denied",
                         detail={"reason": "four_eyes", "state": getattr(obj, self.state_field, "")},
                         **self.audit_fields(obj))
            raise (transition.distinct_error or SamePerson)()

    def audit_fields(self, obj) -> dict:
        return {"acting_org_id": getattr(obj, self.audit_org)} if self.audit_org else {}

    def audit_action(self, transition: Transition) -> str:
        return transition.audit_action or f"{self.audit_prefix}{transition.name}"

    def transition(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError:
            raise ValidationFailed(code="transition_unknown", field="transition") from None

    def start(self, obj, *, actor, comment: str = "") -> WorkflowLog:
        """Record the creation of an object in its initial state."""
        return self._log(obj, "create", "", self.initial, actor, comment)

    def start_many(self, objs, *, actor, comment: str = "") -> list[WorkflowLog]:
        """``start`` for many new cases of one model at once (one INSERT)."""
        return WorkflowLog.objects.bulk_create(
            [self._log(obj, "create", "", self.initial, actor, comment, save=False) for obj in objs])

    def _case_updates(self, assignee, due) -> dict:
        updates = {}
        if assignee is not None:
            if not self.assignee_field:
                raise ValueError(f"workflow {self.name} has no assignee")
            updates[self.assignee_field] = assignee
        if due is not None:
            if not self.due_field:
                raise ValueError(f"workflow {self.name} has no due date")
            updates[self.due_field] = due
        return updates

    def _log(self, obj, transition: str, from_state: str, to_state: str, actor, comment: str, *,
             assignee=None, due=None, save: bool = True) -> WorkflowLog:
        log = WorkflowLog(
            workflow=self.name, object_type=obj._meta.label_lower, object_id=str(obj.pk), transition=transition,
            from_state=from_state, to_state=to_state,
            actor=actor if actor is not None and actor.is_authenticated else None, comment=comment,
            assignee=assignee, due_date=due,
        )
        if save:
            log.save(force_insert=True)
        return log

    def history(self, obj):
        return WorkflowLog.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
            "actor", "assignee"
        )


def apply(obj, transition_name: str, *, actor, flow: Workflow | None = None, comment: str = "",
          assignee=None, due: datetime.date | None = None, detail: dict | None = None,
          **extra_updates) -> WorkflowLog:
    """Take one transition on one case: gate, conditional UPDATE, history row and audit event, atomically.

    ``flow`` defaults to the workflow registered for the case's model. ``extra_updates`` are further columns
    written by the same UPDATE (a decision's date, a response). A second apply of the same step (double click,
    two officers) finds the state moved and raises InvalidTransition (409) with nothing written."""
    flow = flow or workflow_for(obj)
    transition = flow.transition(transition_name)
    flow.check(actor, obj, transition)
    updates = {flow.state_field: transition.target, **flow._case_updates(assignee, due), **extra_updates}
    with transaction.atomic():
        updated = type(obj).objects.filter(pk=obj.pk, **{f"{flow.state_field}__in": transition.sources}).update(
            **updates)
        if not updated:
            raise InvalidTransition()
        from_state = getattr(obj, flow.state_field)
        for field, value in updates.items():
            setattr(obj, field, value)
        log = flow._log(obj, transition.name, from_state, transition.target, actor, comment, assignee=assignee,
                        due=due)
        audit.record(flow.audit_action(transition), actor=actor, obj=obj,
                     detail={"from": from_state, "to": transition.target, **(detail or {})}, **flow.audit_fields(obj))
    return log


def apply_many(objs: Iterable, transition_name: str, *, actor, flow: Workflow | None = None, comment: str = "",
               assignee=None, due: datetime.date | None = None, detail: dict | None = None,
               **extra_updates) -> list[WorkflowLog]:
    """Take one transition on many cases of one model: every case passes the gate, then one conditional UPDATE
    moves them all, with a history row and an audit event each. All or none: if any case is no longer in a
    source state (someone moved it meanwhile), InvalidTransition and nothing is written."""
    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    if any(type(o) is not model for o in objs):
        raise ValueError("apply_many moves cases of one model at a time")
    flow = flow or workflow_for(objs[0])
    transition = flow.transition(transition_name)
    for obj in objs:
        flow.check(actor, obj, transition)
    ids = list(dict.fromkeys(o.pk for o in objs))
    updates = {flow.state_field: transition.target, **flow._case_updates(assignee, due), **extra_updates}
    with transaction.atomic():
        # Lock the rows (PostgreSQL) so the states logged as "from" are the ones the UPDATE moves.
        before = dict(model.objects.select_for_update().filter(
            pk__in=ids, **{f"{flow.state_field}__in": transition.sources}).values_list("pk", flow.state_field))
        if len(before) != len(ids):
            raise InvalidTransition()
        updated = model.objects.filter(pk__in=ids, **{f"{flow.state_field}__in": transition.sources}).update(
            **updates)
        if updated != len(ids):
            raise InvalidTransition()
        logs, events = [], []
        for obj in objs:
            if obj.pk not in before:
                continue  # the same case twice in the list
            from_state = before.pop(obj.pk)
            for field, value in updates.items():
                setattr(obj, field, value)
            logs.append(flow._log(obj, transition.name, from_state, transition.target, actor, comment,
                                  assignee=assignee, due=due, save=False))
            events.append((flow.audit_action(transition), {
                "actor": actor, "obj": obj, **flow.audit_fields(obj),
                "detail": {"from": from_state, "to": transition.target, "bulk": len(ids), **(detail or {})}}))
        audit.record_many(events)
        WorkflowLog.objects.bulk_create(logs)
    return logs


# --- approval levels -----------------------------------------------------------------------------------------

def acting_path(actor, path: str, permission: str) -> str | None:
    """The deepest organisation path where ``actor`` holds ``permission`` over ``path``: the level they act at
    (superusers act for the whole tree, ""). None if they hold it nowhere above ``path``."""
    if getattr(actor, "is_superuser", False):
        return ""
    paths = [g.org_path for g in scope.grants(actor) if permission in g.permissions and path.startswith(g.org_path)]
    return max(paths, key=len) if paths else None


def levels_above(actor, path: str, first_path: str, permission: str) -> bool:
    """Does ``actor`` hold ``permission`` over ``path`` at an organisation strictly above ``first_path`` (where the
    first approver acted)? At the top of the tree (the first approver acts for the province) another province
    approver will do: there is no level above."""
    if getattr(actor, "is_superuser", False):
        return True
    paths = [g.org_path for g in scope.grants(actor) if permission in g.permissions and path.startswith(g.org_path)]
    if first_path.count("/") <= 1:
        return bool(paths)
    return any(first_path.startswith(p) and len(p) < len(first_path) for p in paths)


# --- the registry --------------------------------------------------------------------------------------------

def get_workflow(name: str) -> Workflow:
    return _REGISTRY[name]


def all_workflows() -> dict[str, Workflow]:
    return dict(_REGISTRY)


_BY_MODEL: dict[str, Workflow] = {}


def bind(model, flow: Workflow) -> Workflow:
    """Say which workflow moves a model's cases (so ``apply`` and the API helper find it from the case)."""
    _BY_MODEL[model._meta.label_lower] = flow
    return flow


def workflow_for(obj) -> Workflow:
    try:
        return _BY_MODEL[obj._meta.label_lower]
    except KeyError:
        raise ValueError(f"no workflow is bound to {obj._meta.label_lower}; pass flow=") from None
