"""Collective-case endpoints: the group's workers, split, merge, the edit lock."""

from ninja import Router
from ninja.responses import Status

from gonghui.members import selectors as member_selectors

from .. import selectors, services
from .schemas import RightsCaseOut, RightsMemberIn, RightsMemberOut, RightsMergeIn, RightsSplitIn

router = Router(tags=["rights"])


@router.get("/legal-cases/{case_id}/members", response=list[RightsMemberOut],
             summary="The workers of a collective case")
def member_list(request, case_id: int):
    return selectors.members_of(selectors.case_get(request.auth, case_id))


@router.post("/legal-cases/{case_id}/members", response={201: RightsMemberOut}, summary="Add a worker to the group")
def case_member_add(request, case_id: int, payload: RightsMemberIn):
    case = selectors.case_get(request.auth, case_id)
    person = member_selectors.person_get(request.auth, payload.person_id)
    return Status(201, services.member_add(actor=request.auth, case=case, person=person,
                                           amount_claimed=payload.amount_claimed))


@router.delete("/legal-cases/{case_id}/members/{person_id}", response={204: None}, summary="Remove a worker")
def member_remove(request, case_id: int, person_id: int):
    case = selectors.case_get(request.auth, case_id)
    services.member_remove(actor=request.auth, case=case, person_id=person_id)
    return Status(204, None)


@router.post("/legal-cases/{case_id}/split", response={201: RightsCaseOut}, summary="Split workers off into a new case")
def case_split(request, case_id: int, payload: RightsSplitIn):
    case = selectors.case_get(request.auth, case_id)
    new = services.case_split(actor=request.auth, case=case, person_ids=payload.person_ids)
    return Status(201, selectors.case_get(request.auth, new.pk))


@router.post("/legal-cases/{case_id}/merge", response=RightsCaseOut, summary="Merge this case into another")
def case_merge(request, case_id: int, payload: RightsMergeIn):
    case = selectors.case_get(request.auth, case_id)
    into = selectors.case_get(request.auth, payload.into_id)
    services.case_merge(actor=request.auth, case=case, into=into, comment=payload.comment)
    return selectors.case_get(request.auth, into.pk)


@router.post("/legal-cases/{case_id}/lock", response=RightsCaseOut, summary="Take the edit lock (15 minutes)")
def case_lock(request, case_id: int):
    services.case_lock(actor=request.auth, case=selectors.case_get(request.auth, case_id))
    return selectors.case_get(request.auth, case_id)


@router.delete("/legal-cases/{case_id}/lock", response=RightsCaseOut, summary="Release the edit lock")
def case_unlock(request, case_id: int):
    services.case_unlock(actor=request.auth, case=selectors.case_get(request.auth, case_id))
    return selectors.case_get(request.auth, case_id)
