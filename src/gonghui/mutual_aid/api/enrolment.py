"""Enrolment of members in a period (a unit's roster, or one person), late requests, leaving; contribution
statements and payments."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.members import selectors as member_selectors

from .. import permissions as P
from .. import selectors, services
from .schemas import (
    EnrolmentOut,
    EnrolPersonIn,
    LateDecisionIn,
    LeaveIn,
    PaymentIn,
    RosterIn,
    RosterResultOut,
    RosterRowOut,
    StatementDetailOut,
    StatementOut,
)

router = Router(tags=["mutual aid: enrolment"])


class EnrolmentFilters(Schema):
    period_id: int | None = None
    org_id: int | None = None
    unit_id: int | None = None
    status: str = ""
    category: str = ""
    renewal: bool | None = None
    q: str = ""


class StatementFilters(Schema):
    period_id: int | None = None
    status: str = ""
    org_id: int | None = None
    q: str = ""


@router.get("/mutual-aid/enrolments", response=list[EnrolmentOut], summary="List enrolments")
@paginate(KeysetPagination)
def enrolment_list(request, filters: Query[EnrolmentFilters]):
    return selectors.enrolment_list(request.auth, period_id=filters.period_id, org_id=filters.org_id,
                                    unit_id=filters.unit_id, status=filters.status, category=filters.category,
                                    renewal=filters.renewal, query=filters.q).order_by("id")


@router.post("/mutual-aid/enrolments/roster", response=RosterResultOut, summary="Enrol a unit's roster")
def enrolment_roster(request, payload: RosterIn):
    """Each member is checked (age at the start of cover, in service, basic insurance, continuous cover for 55+
    and retirees); those who cannot join come back in ``refused`` with reason codes and labels. ``warnings``
    names a missed participation threshold. After the deadline every entry is a late request."""
    period = selectors.period_get(request.auth, payload.period_id)
    unit = member_selectors.unit_get(request.auth, payload.unit_id)
    result = services.enrolment_enrol_roster(actor=request.auth, period=period, unit=unit,
                                             person_ids=payload.person_ids, shares=payload.shares,
                                             without_insurance=set(payload.without_insurance),
                                             late_reason=payload.late_reason)
    return {"enrolled": [selectors.enrolment_get(request.auth, e.pk) for e in result.enrolled],
            "refused": [{"person_id": r.person_id, "name": r.name, "reasons": r.reasons, "labels": r.labels}
                        for r in result.refused],
            "warnings": result.warnings, "staff": result.staff, "participants": result.participants,
            "late": result.late}


@router.post("/mutual-aid/enrolments", response={201: EnrolmentOut}, summary="Enrol one member")
def enrolment_create(request, payload: EnrolPersonIn):
    """One member through their own union (new-form workers through their joint union); refused with
    ``ma_not_eligible`` and the reason codes in the problem's detail when they cannot join."""
    period = selectors.period_get(request.auth, payload.period_id)
    person = member_selectors.person_get(request.auth, payload.person_id)
    enrolment = services.enrolment_enrol_person(actor=request.auth, period=period, person=person,
                                                shares=payload.shares, basic_insurance=payload.basic_insurance,
                                                late_reason=payload.late_reason)
    return Status(201, selectors.enrolment_get(request.auth, enrolment.pk))


@router.get("/mutual-aid/enrolments/{enrolment_id}", response=EnrolmentOut, summary="One enrolment")
def enrolment_detail(request, enrolment_id: int):
    return selectors.enrolment_get(request.auth, enrolment_id)


@router.post("/mutual-aid/enrolments/{enrolment_id}/leave", response=EnrolmentOut,
             summary="A member left (cover runs to the end of the period)")
def enrolment_leave(request, enrolment_id: int, payload: LeaveIn):
    enrolment = selectors.enrolment_get(request.auth, enrolment_id)
    return services.enrolment_leave(actor=request.auth, enrolment=enrolment, left_on=payload.left_on)


@router.post("/mutual-aid/enrolments/{enrolment_id}/decide", response=EnrolmentOut,
             summary="Approve or refuse a late enrolment")
def enrolment_decide(request, enrolment_id: int, payload: LateDecisionIn):
    enrolment = selectors.enrolment_get(request.auth, enrolment_id)
    return services.enrolment_decide_late(actor=request.auth, enrolment=enrolment, approve=payload.approve,
                                          comment=payload.comment)


@router.delete("/mutual-aid/enrolments/{enrolment_id}", response={204: None},
               summary="Withdraw an enrolment made by mistake (before the deadline)")
def enrolment_withdraw(request, enrolment_id: int):
    services.enrolment_withdraw(actor=request.auth, enrolment=selectors.enrolment_get(request.auth, enrolment_id))
    return Status(204, None)


@router.get("/mutual-aid/periods/{period_id}/units/{unit_id}/roster", response=list[RosterRowOut],
            summary="A unit's members with their eligibility")
def unit_roster(request, period_id: int, unit_id: int):
    period = selectors.period_get(request.auth, period_id)
    unit = member_selectors.unit_get(request.auth, unit_id)
    P.require(request.auth, P.ENROL, unit.org.path)
    return [{"person": row["person"], "membership_status": row["membership_status"],
             "enrolled": row["enrolment"] is not None,
             "enrolment_status": row["enrolment"].status if row["enrolment"] else None, "renewal": row["renewal"],
             "eligible": row["eligible"], "reasons": row["reasons"], "reason_labels": row["reason_labels"]}
            for row in selectors.unit_roster(request.auth, period=period, unit=unit)]


@router.get("/mutual-aid/statements", response=list[StatementOut], summary="List contribution statements")
@paginate(KeysetPagination)
def statement_list(request, filters: Query[StatementFilters]):
    return selectors.statement_list(request.auth, period_id=filters.period_id, status=filters.status,
                                    org_id=filters.org_id, query=filters.q).order_by("id")


@router.get("/mutual-aid/statements/{statement_id}", response=StatementDetailOut,
            summary="One statement with its payments")
def statement_detail(request, statement_id: int):
    statement = selectors.statement_get(request.auth, statement_id)
    statement.payments_list = list(statement.payments.order_by("paid_on", "id"))
    return {**{f.attname: getattr(statement, f.attname) for f in statement._meta.concrete_fields},
            "org": statement.org, "unit": statement.unit, "outstanding": statement.outstanding,
            "credit": statement.credit, "payments": statement.payments_list}


@router.post("/mutual-aid/statements/{statement_id}/payments", response={201: StatementDetailOut},
             summary="Record a payment and reconcile")
def payment_create(request, statement_id: int, payload: PaymentIn):
    statement = selectors.statement_get(request.auth, statement_id)
    services.payment_record(actor=request.auth, statement=statement, amount=payload.amount,
                            reference=payload.reference, paid_on=payload.paid_on)
    return Status(201, statement_detail(request, statement_id))
