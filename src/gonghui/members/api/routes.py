"""The members router: persons, units and memberships, transfers, and /me (one module per concept)."""

from ninja import Router

from . import exports, identity, imports, me, persons, transfers, units

router = Router()
router.add_router("/", exports.router)  # before /persons/{person_id}
router.add_router("/", persons.router)
router.add_router("/", units.router)
router.add_router("/", transfers.router)
router.add_router("/", me.router)
router.add_router("/", imports.router)
router.add_router("/", identity.router)
