"""The members router: persons, units and memberships, transfers, and /me (one module per concept)."""

from ninja import Router

from . import me, persons, transfers, units

router = Router()
router.add_router("/", persons.router)
router.add_router("/", units.router)
router.add_router("/", transfers.router)
router.add_router("/", me.router)
