"""The worker's own cover: the period, its status, and what is left of each benefit's cap."""

from ninja import Router

from gonghui.members import selectors as member_selectors

from .. import selectors
from .schemas import MyCoverOut

router = Router(tags=["mutual aid: me"])


@router.get("/mutual-aid/me/cover", response=MyCoverOut, summary="My cover")
def my_cover(request):
    person = member_selectors.worker_person(request.auth)
    if person is None:
        return {"cover": None}
    cover = selectors.my_cover(person)
    second = [{"id": s.pk, "period": s.period.number, "amount": s.amount, "status": s.status, "paid_at": s.paid_at}
              for s in selectors.my_second_payouts(person)]
    return {"cover": {**cover, "period": cover["period"].number} if cover else None, "second_payouts": second}
