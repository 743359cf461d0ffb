"""Court mediation and payment follow-up endpoints of the rights API."""

from typing import Literal

from ninja import Query, Router
from ninja.responses import Status

from gonghui.core.errors import NotFound

from .. import selectors, services
from .schemas import (
    RightsFailIn,
    RightsHolidayIn,
    RightsHolidayOut,
    RightsInstalmentOut,
    RightsMediationOut,
    RightsMediationStepIn,
    RightsPaymentIn,
    RightsScheduleIn,
)

router = Router(tags=["rights"])


def _mediation(request, case_id):
    mediation = selectors.mediation_of(selectors.case_get(request.auth, case_id))
    if mediation is None:
        raise NotFound()
    return mediation


@router.get("/legal-cases/{case_id}/mediation", response=RightsMediationOut, summary="A court referral's mediation")
def mediation_detail(request, case_id: int):
    return _mediation(request, case_id)


@router.post("/legal-cases/{case_id}/mediation/{step}", response=RightsMediationOut, summary="Take a mediation step")
def mediation_step(request, case_id: int, step: Literal["begin", "agree", "confirm", "give_back"],
                   payload: RightsMediationStepIn):
    """``begin``; ``agree`` (points_in_dispute, agreement_terms, agreed_amount); ``confirm``
    (confirmation_number, confirmed_on); ``give_back`` (points_in_dispute, return_reason)."""
    mediation = _mediation(request, case_id)
    data = payload.model_dump()
    fields = {"begin": (), "agree": ("points_in_dispute", "agreement_terms", "agreed_amount"),
              "confirm": ("confirmation_number", "confirmed_on"),
              "give_back": ("points_in_dispute", "return_reason")}[step]
    service = {"begin": services.mediation_begin, "agree": services.mediation_agree,
               "confirm": services.mediation_confirm, "give_back": services.mediation_give_back}[step]
    service(actor=request.auth, mediation=mediation, comment=data["comment"], **{f: data[f] for f in fields})
    return _mediation(request, case_id)


@router.get("/legal-cases/{case_id}/instalments", response=list[RightsInstalmentOut], summary="A case's payments")
def instalment_list(request, case_id: int):
    return selectors.instalments_of(selectors.case_get(request.auth, case_id))


@router.put("/legal-cases/{case_id}/instalments", response=list[RightsInstalmentOut],
             summary="Set the payment schedule")
def schedule_set(request, case_id: int, payload: RightsScheduleIn):
    case = selectors.case_get(request.auth, case_id)
    services.schedule_set(actor=request.auth, case=case,
                          instalments=[(i.due_on, i.amount) for i in payload.instalments])
    return selectors.instalments_of(case)


@router.post("/legal-case-instalments/{instalment_id}/pay", response=RightsInstalmentOut,
             summary="Record money received")
def instalment_pay(request, instalment_id: int, payload: RightsPaymentIn):
    instalment = selectors.instalment_get(request.auth, instalment_id)
    return services.instalment_pay(actor=request.auth, instalment=instalment, **payload.model_dump())


@router.post("/legal-case-instalments/{instalment_id}/fail", response=RightsInstalmentOut,
             summary="Record a payment not made (reopens the case)")
def instalment_fail(request, instalment_id: int, payload: RightsFailIn):
    instalment = selectors.instalment_get(request.auth, instalment_id)
    return services.instalment_fail(actor=request.auth, instalment=instalment, comment=payload.comment)


@router.get("/legal-aid-holidays", response=list[RightsHolidayOut],
             summary="The holiday calendar of the decision clock")
def holiday_list(request, year: int | None = Query(None, ge=2000, le=2100)):
    return list(selectors.holidays(year)[:400])


@router.post("/legal-aid-holidays", response={201: RightsHolidayOut}, summary="Add or change a holiday (province)")
def holiday_save(request, payload: RightsHolidayIn):
    return Status(201, services.holiday_save(actor=request.auth, **payload.model_dump()))
