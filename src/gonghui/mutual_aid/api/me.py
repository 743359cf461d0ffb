"""The worker's own cover: the period, its status, and what is left of each benefit's cap."""

from ninja import Router

from .. import selectors
from .schemas import MyCoverOut

router = Router(tags=["mutual aid: me"])


@router.get("/mutual-aid/me/cover", response=MyCoverOut, summary="My cover")
def my_cover(request):
    person = getattr(request.auth, "person", None) if getattr(request.auth, "is_worker", False) else None
    cover = selectors.my_cover(person) if person is not None else None
    if cover is None:
        return {"cover": None}
    return {"cover": {**cover, "period": cover["period"].number}}
