"""Every write on a hardship file: opening it (by an officer, or the worker on /m/), its household, each step of
entry, refusal, exit and return. State moves only through core.workflow (history and audit in the transaction)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.core import attachments, audit, scope, workflow
from gonghui.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.money import parse_amount, to_fen
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.sensitive import columns, lookup_hash

from .. import rules
from ..errors import (
    CategoryRequired,
    DocumentsMissing,
    EvidenceRequired,
    LevelTooLow,
    NoticeNotOver,
    PersonInAnotherFile,
    ReasonRequired,
    StandardMissing,
)
from ..models import HardshipFile, HouseholdMember, MinimumLivingStandard
from ..notifications import tell_applicant
from ..roles import APPROVE, CHANGE, SENSITIVE
from ..workflows import FILE_FLOW

VISIT_PHOTO, AUTHORISATION, EXIT_EVIDENCE = ("assistance.visit_photo", "assistance.authorisation",
                                              "assistance.exit_evidence")
COUNTY_DEPTH = 3  # province/prefecture/county: a county union's path has three parts
SENSITIVE_FIELDS = {"income", "health", "disability", "medical_costs", "schooling_costs"}


def _amount_text(value, field: str) -> str:
    if value in (None, ""):
        return ""
    return str(parse_amount(value if not isinstance(value, float) else str(value), field=field))


def _check_free(hashes: list[str], *, exclude_file: int | None = None) -> None:
    """No person in two active files, province-wide (the same person twice in one household neither)."""
    if len(set(hashes)) != len(hashes):
        raise PersonInAnotherFile(field="members")
    taken = HouseholdMember.objects.filter(id_number_hash__in=hashes, active=True)
    if exclude_file is not None:
        taken = taken.exclude(file_id=exclude_file)
    if taken.exists():
        raise PersonInAnotherFile(field="members")


def _member_row(file, data: dict) -> HouseholdMember:
    member = HouseholdMember(file=file, name=data["name"].strip()[:50], relation=data.get("relation", "other"),
                             income=_amount_text(data.get("income"), "income"),
                             health=(data.get("health") or "")[:500], disability=(data.get("disability") or "")[:500],
                             schooling=(data.get("schooling") or "")[:100],
                             employment=(data.get("employment") or "")[:100],
                             **columns(HouseholdMember, "id_number", str(data["id_number"]).strip().upper()))
    if member.relation not in HouseholdMember.Relation.values:
        raise ValidationFailed(code="hardship_relation_invalid", field="relation")
    return member


def _save_members(rows: list[HouseholdMember]) -> None:
    """Insert members; the partial unique index on active memberships is the last word under concurrent entry."""
    try:
        with transaction.atomic():
            HouseholdMember.objects.bulk_create(rows)
    except IntegrityError:
        raise PersonInAnotherFile(field="members") from None


def file_open(*, actor, org, person, county_code: str, members: list[dict] = (), causes: list[str] = (),
              housing: str = "own", temporary: bool = False, medical_costs="", schooling_costs="",
              self_applied: bool = False) -> HardshipFile:
    """Open a household's file with the worker as its first member. An officer needs ``CHANGE`` over ``org``; a
    worker applies for themselves (``self_applied``: ``person`` is their own)."""
    if org is None:
        raise ValidationFailed(code="hardship_no_union", field="org_id")
    if not self_applied:
        scope.require(actor, CHANGE, org)
    unknown = set(causes) - set(rules.CAUSES)
    if unknown or housing not in HardshipFile.Housing.values:
        raise ValidationFailed(code="hardship_field_invalid", field="causes" if unknown else "housing")
    if not (county_code or "").isdigit() or len(county_code) != 6:
        raise ValidationFailed(code="hardship_county_invalid", field="county_code")
    name_pinyin, name_initials = pinyin_keys(person.name)
    with transaction.atomic():
        file = HardshipFile(org=org, person=person, name=person.name, name_pinyin=name_pinyin,
                            name_initials=name_initials, county_code=county_code, causes=sorted(set(causes)),
                            housing=housing, temporary=temporary, applied_on=timezone.localdate(),
                            medical_costs=_amount_text(medical_costs, "medical_costs"),
                            schooling_costs=_amount_text(schooling_costs, "schooling_costs"))
        file.save(force_insert=True)
        rows = [_member_row(file, {"name": person.name, "relation": "self", "id_number": person.id_number,
                                   **next((m for m in members if m.get("relation") == "self"), {})})]
        rows += [_member_row(file, m) for m in members if m.get("relation") != "self"]
        _check_free([r.id_number_hash for r in rows])
        _save_members(rows)
        FILE_FLOW.start(file, actor=actor, comment="")
        audit.record("assistance.file.create", actor=actor, obj=file, detail={"members": len(rows),
                                                                              "self_applied": self_applied})
    return file


def member_add(*, actor, file, data: dict) -> HouseholdMember:
    scope.require(actor, CHANGE, file)
    if file.state not in ("applied", "screened", "visited", "filed"):
        raise InvalidTransition()
    with transaction.atomic():
        row = _member_row(file, data)
        _check_free([row.id_number_hash])
        _save_members([row])
        FILE_FLOW._log(file, "member_add", file.state, file.state, actor, row.name)
        audit.record("assistance.file.member_add", actor=actor, obj=file, detail={"member": row.pk})
    return row


def standard_for(county_code: str, year: int) -> Decimal:
    row = MinimumLivingStandard.objects.filter(county_code=county_code, year__lte=year).order_by("-year").first()
    if row is None:
        raise StandardMissing(field="county_code")
    return row.monthly


def household_of(file) -> rules.Household:
    members = list(file.members.all())
    return rules.Household(
        incomes=tuple(Decimal(m.income or "0") for m in members) or (Decimal("0"),),
        medical_costs=Decimal(file.medical_costs or "0"), schooling_costs=Decimal(file.schooling_costs or "0"),
        causes=frozenset(file.causes or ()), homes_owned=file.homes_owned, owns_business=file.owns_business,
        private_school=file.private_school, vehicle_regular=file.vehicle_regular)


def assessment(file, *, year: int | None = None) -> rules.Assessment:
    return rules.assess(household_of(file), standard_for(file.county_code, year or timezone.localdate().year))


def _acting_depth(actor, file) -> int:
    path = workflow.acting_path(actor, file.scope_path, APPROVE)
    if path is None:
        return 99
    return path.count("/")


def _move(file, transition: str, *, actor, comment: str = "", detail: dict | None = None, **updates):
    log = workflow.apply(file, transition, actor=actor, flow=FILE_FLOW, comment=comment, detail=detail, **updates)
    tell_applicant(file, comment=comment)
    return log


def file_step(*, actor, file, transition: str, comment: str = "", refusal_code: str = "", exit_code: str = "",
              category: str = "", notice_days: int | None = None, cross_check: dict | None = None,
              today: datetime.date | None = None) -> HardshipFile:
    """Take one step on ``file``. Each step checks what it needs (documents, notice days, a coded reason); the
    workflow gate checks the permission and that the state still allows the step (a second click gets 409)."""
    today = today or timezone.localdate()
    transition = (transition or "").strip()
    FILE_FLOW.check(actor, file, FILE_FLOW.transition(transition))
    with transaction.atomic():
        file = HardshipFile.objects.select_for_update().get(pk=file.pk)
        if transition == "visit":
            kinds = set(attachments.attachments_of(file, user=actor).values_list("kind", flat=True))
            if not {VISIT_PHOTO, AUTHORISATION} <= kinds:
                raise DocumentsMissing()
            _move(file, "visit", actor=actor, comment=comment)
        elif transition == "cross_check":
            _cross_check(actor, file, cross_check or {}, comment)
        elif transition == "publish":
            days = notice_days if notice_days is not None else file.notice_days
            if not 1 <= int(days) <= 60:
                raise ValidationFailed(code="hardship_notice_days", field="notice_days")
            _move(file, "publish", actor=actor, comment=comment, notice_days=int(days),
                  notice_until=today + datetime.timedelta(days=int(days)))
        elif transition == "approve":
            if _acting_depth(actor, file) > COUNTY_DEPTH:
                raise LevelTooLow()
            if file.notice_until and today < file.notice_until:
                raise NoticeNotOver()
            category = category or file.proposed_category
            if category not in rules.allowed_categories(assessment(file)):
                raise CategoryRequired(field="category")
            _move(file, "approve", actor=actor, comment=comment, category=category,
                  detail={"category": category})
        elif transition == "file":
            _move(file, "file", actor=actor, comment=comment, filed_on=today)
        elif transition == "refuse":
            if refusal_code not in HardshipFile.Refusal.values:
                raise ReasonRequired(field="refusal_code")
            _move(file, "refuse", actor=actor, comment=comment, refusal_code=refusal_code,
                  detail={"reason": refusal_code})
            file.members.update(active=False)
        elif transition == "exit":
            return file_exit(actor=actor, file=file, exit_code=exit_code, comment=comment, today=today)
        elif transition == "reopen":
            _reopen(actor, file, comment)
        else:
            _move(file, transition, actor=actor, comment=comment)
    return file


def _cross_check(actor, file, data: dict, comment: str) -> None:
    """Record what the cross-check found (entered by staff), apply the rules and keep the proposed category;
    an exclusion is explained in the step's comment and the file can then only be refused."""
    fields = {"homes_owned": int(data.get("homes_owned", file.homes_owned) or 0),
              "owns_business": bool(data.get("owns_business", file.owns_business)),
              "private_school": bool(data.get("private_school", file.private_school)),
              "vehicle_regular": bool(data.get("vehicle_regular", file.vehicle_regular)),
              "subsistence_allowance": bool(data.get("subsistence_allowance", file.subsistence_allowance))}
    for name, value in fields.items():
        setattr(file, name, value)
    result = assessment(file)
    explained = "\n".join([*result.lines, comment]).strip()
    _move(file, "cross_check", actor=actor, comment=explained[:1000], proposed_category=result.category,
          detail={"proposed": result.category, "exclusions": list(result.exclusions),
                  "rule": rules.RULE_VERSION}, **fields)


def file_exit(*, actor, file, exit_code: str, comment: str = "", follow_up_months: int = 12,
              today: datetime.date | None = None) -> HardshipFile:
    """解困脱困 / 撤档: a coded reason and evidence; the members are free again; followed up by phone."""
    today = today or timezone.localdate()
    if exit_code not in HardshipFile.ExitReason.values:
        raise ReasonRequired(field="exit_code")
    if not attachments.attachments_of(file, user=actor, kind=EXIT_EVIDENCE).exists():
        raise EvidenceRequired()
    with transaction.atomic():
        _move(file, "exit", actor=actor, comment=comment, exit_code=exit_code, exited_on=today,
              follow_up_until=today + datetime.timedelta(days=30 * follow_up_months), detail={"reason": exit_code})
        file.members.update(active=False)
    return file


def _reopen(actor, file, comment: str) -> None:
    """返困: the same file goes back to the start of entry with its history; its members must be free."""
    hashes = list(file.members.values_list("id_number_hash", flat=True))
    _check_free(hashes, exclude_file=file.pk)
    _move(file, "reopen", actor=actor, comment=comment, returns=file.returns + 1, returned_on=timezone.localdate(),
          exit_code="", category="", proposed_category="", notice_until=None, filed_on=None)
    try:
        with transaction.atomic():
            file.members.update(active=True)
    except IntegrityError:
        raise PersonInAnotherFile(field="members") from None


def objection_add(*, actor, file, text: str) -> HardshipFile:
    scope.require(actor, CHANGE, file)
    text = (text or "").strip()
    if file.state != "notice":
        raise InvalidTransition()
    if len(text) < 2:
        raise ReasonRequired(field="text")
    with transaction.atomic():
        stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        file.objections = f"{file.objections}\n{stamp} {text[:500]}".strip()
        file.save(update_fields=["objections", "updated_at"])
        FILE_FLOW._log(file, "objection", file.state, file.state, actor, text[:500])
        audit.record("assistance.file.objection", actor=actor, obj=file)
    return file


def reveal(*, actor, file, field: str, reason: str, member_id: int | None = None) -> str:
    """A sensitive value whole (income, health, disability of a member; the household's costs), for holders of
    ``SENSITIVE`` who give a reason; the audit row names the field and reason, never the value."""
    if field not in SENSITIVE_FIELDS:
        raise ValidationFailed(code="hardship_field_invalid", field="field")
    target = file if member_id is None else file.members.filter(pk=member_id).first()
    if target is None or not hasattr(target, field):
        raise ValidationFailed(code="hardship_field_invalid", field="field")
    try:
        scope.require(actor, SENSITIVE, file)
    except PermissionDenied:
        audit.record("assistance.file.reveal", actor=actor, obj=file, result="denied", detail={"field": field})
        raise
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ReasonRequired(field="reason")
    audit.record("assistance.file.reveal", actor=actor, obj=file,
                 detail={"field": field, "member": member_id, "reason": reason[:500]})
    value = getattr(target, field)
    return f"{to_fen(Decimal(value)):,}" if value and field not in ("health", "disability") else value


def is_free(id_number: str) -> bool:
    """Selector-like helper for forms: is this ID in no active file?"""
    return not HouseholdMember.objects.filter(
        id_number_hash=lookup_hash(HouseholdMember, "id_number", id_number), active=True).exists()


def file_make_permanent(*, actor, file) -> HardshipFile:
    """A temporary-aid file becomes an ordinary one (cancelling it is the refusal ``temporary_ended``)."""
    scope.require(actor, CHANGE, file)
    if not file.temporary or file.state in ("refused", "exited"):
        raise InvalidTransition()
    with transaction.atomic():
        updated = HardshipFile.objects.filter(pk=file.pk, temporary=True).update(temporary=False)
        if not updated:
            raise InvalidTransition()
        file.temporary = False
        FILE_FLOW._log(file, "permanent", file.state, file.state, actor, "")
        audit.record("assistance.file.permanent", actor=actor, obj=file)
    return file
