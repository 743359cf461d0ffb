"""The venues router: public station endpoints and the staff registry (one module per audience)."""

from ninja import Router

from . import public, staff

router = Router()
router.add_router("/", public.router)
router.add_router("/", staff.router)
