"""The staff index of medical mutual aid: the current period at a glance, with links to each queue."""

from django.shortcuts import render

from gonghui.core.web.pages import require_anywhere, staff_view

from .. import permissions as P
from .. import selectors
from ._common import can, chosen_period


@staff_view
def index(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    period = chosen_period(request)
    context = {
        "period": period,
        "periods": selectors.period_list(user)[:20],
        "figures": selectors.dashboard(user, period),
        "to_batch": selectors.approved_to_batch(user, period),
        "can_manage": can(user, P.MANAGE_PERIODS),
        "can_enrol": can(user, P.ENROL),
        "can_file": can(user, P.CLAIM_FILE),
        "can_pay": can(user, P.PAY),
        "can_settle": can(user, P.SETTLE),
        "sla_days": period.review_days if period else selectors.REVIEW_SLA_DAYS,
    }
    return render(request, "mutual_aid/staff/index.html", context)
