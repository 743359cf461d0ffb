"""Background job kinds of medical mutual aid (found by core.jobs on first use)."""

from gonghui.core.jobs import job_kind

from .imports import service as _roster_import  # noqa: F401  (registers the roster import's preview and commit)
from .services import settlement


@job_kind(settlement.JOB_KIND)
def settle_period(ctx) -> dict:
    try:
        return settlement.settlement_compute(ctx)
    except BaseException:
        settlement.settlement_fail(ctx.params["settlement_id"])
        raise
