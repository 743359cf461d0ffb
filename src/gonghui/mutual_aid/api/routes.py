"""The mutual_aid router: one module per concept."""

from ninja import Router

from . import bank_changes, claims, enrolment, history, imports, me, payouts, periods, reports, review

router = Router()
router.add_router("/", periods.router)
router.add_router("/", enrolment.router)
router.add_router("/", imports.router)
router.add_router("/", claims.router)
router.add_router("/", review.router)
router.add_router("/", bank_changes.router)
router.add_router("/", payouts.router)
router.add_router("/", reports.router)
router.add_router("/mutual-aid", history.router)
router.add_router("/mutual-aid", bank_changes.history_router)
router.add_router("/", me.router)
