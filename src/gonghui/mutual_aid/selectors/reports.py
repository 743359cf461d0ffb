"""Figures for reports and charts, for the caller's part of the tree (or a subtree of it): participants by
category, unit and new vs renewing; contributions; claims and payouts by benefit type and by organisation below;
trends over periods (data for ECharts); all of it as an Excel workbook."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from gonghui.core import exports, scope
from gonghui.core.money import to_fen

from .. import permissions as P
from ..models import Claim, ContributionStatement, Enrolment, Period
from ..plans import BENEFIT_LABELS

PATH_SEGMENT_LENGTH = 9  # "00000042/": orgs.services.PATH_SEGMENT
PAID_OUT = (Claim.State.PAID,)
APPROVED_OR_LATER = (Claim.State.APPROVED, Claim.State.IN_BATCH, Claim.State.PAID, Claim.State.PAYMENT_FAILED)
ZERO = Decimal("0.00")


def _exact(value):
    """Sums of money as exact yuan and fen (SQLite adds decimals as floating point)."""
    if isinstance(value, Decimal):
        return to_fen(value)
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return value


def _root(user, org=None) -> str | None:
    """The subtree reported on: ``org`` (already fetched through scope) or the user's widest root."""
    if org is not None:
        return org.path
    roots = scope.paths_with(user, P.VIEW)
    return min(roots, key=len) if roots else None


def _in(qs, user, root: str | None, path_lookup: str = "org__path"):
    qs = qs.filter(scope.scope_q(user, P.VIEW, path_lookup))
    return qs.filter(**{f"{path_lookup}__startswith": root}) if root else qs


def _by_child(qs, root: str, value_fields: dict) -> list[dict]:
    """Group rows by the organisation directly below ``root`` (the subtree each row belongs to)."""
    child = Substr("org__path", 1, len(root) + PATH_SEGMENT_LENGTH)
    rows = list(qs.filter(org__path__startswith=root).annotate(child=child).values("child")
                .annotate(**value_fields).order_by("child"))
    ids = [int(r["child"][len(root):].strip("/") or 0) for r in rows if len(r["child"]) > len(root)]
    names = scope.org_labels(ids)
    result = []
    for row in rows:
        segment = row.pop("child")[len(root):].strip("/")
        org_id = int(segment) if segment else None
        result.append({"org_id": org_id, "org": names.get(org_id, _("(this organisation)")) if org_id else
                       _("(this organisation)"), **row})
    return result


def _participants_report(user, *, period: Period, org=None) -> dict:
    root = _root(user, org)
    if root is None:
        return {"total": 0, "by_category": [], "new": 0, "renewing": 0, "by_org": [], "top_units": []}
    qs = _in(Enrolment.objects.filter(period=period, status__in=Enrolment.COUNTED), user, root)
    by_category = {r["category"]: r["n"] for r in qs.values("category").annotate(n=Count("id"))}
    renewal = {r["is_renewal"]: r["n"] for r in qs.values("is_renewal").annotate(n=Count("id"))}
    return {
        "total": sum(by_category.values()),
        "by_category": [{"code": code, "label": str(label), "count": by_category.get(code, 0)}
                        for code, label in Enrolment.Category.choices],
        "new": renewal.get(False, 0), "renewing": renewal.get(True, 0),
        "by_org": _by_child(qs, root, {"count": Count("id")}),
        "top_units": list(qs.exclude(unit=None).values("unit_id", "unit__name").annotate(count=Count("id"))
                          .order_by("-count", "unit_id")[:20]),
        "units": qs.exclude(unit=None).values("unit_id").distinct().count(),
    }


def _contributions_report(user, *, period: Period, org=None) -> dict:
    root = _root(user, org)
    qs = _in(ContributionStatement.objects.filter(period=period), user, root) if root else \
        ContributionStatement.objects.none()
    totals = qs.aggregate(due=Sum("amount_due"), paid=Sum("amount_paid"), statements=Count("id"))
    by_status = {r["status"]: r for r in qs.values("status").annotate(n=Count("id"), due=Sum("amount_due"),
                                                                      paid=Sum("amount_paid"))}
    return {
        "statements": totals["statements"], "due": totals["due"] or ZERO, "paid": totals["paid"] or ZERO,
        "by_status": [{"code": code, "label": str(label), "count": by_status.get(code, {}).get("n", 0),
                       "due": by_status.get(code, {}).get("due") or ZERO,
                       "paid": by_status.get(code, {}).get("paid") or ZERO}
                      for code, label in ContributionStatement.Status.choices],
        "by_org": _by_child(qs, root, {"due": Sum("amount_due"), "paid": Sum("amount_paid")}) if root else [],
    }


def _claims_report(user, *, period: Period, org=None) -> dict:
    root = _root(user, org)
    qs = _in(Claim.objects.filter(period=period), user, root) if root else Claim.objects.none()
    approved = Q(state__in=APPROVED_OR_LATER)
    paid = Q(state__in=PAID_OUT)
    figures = {"claims": Count("id"), "approved": Count("id", filter=approved),
               "approved_total": Sum("approved_amount", filter=approved), "paid": Count("id", filter=paid),
               "paid_total": Sum("approved_amount", filter=paid), "self_paid_total": Sum("self_paid")}
    by_benefit = {r["benefit_type"]: r for r in qs.values("benefit_type").annotate(**figures)}
    by_state = {r["state"]: r["n"] for r in qs.values("state").annotate(n=Count("id"))}
    totals = qs.aggregate(**figures)
    return {
        "totals": {k: v if v is not None else ZERO for k, v in totals.items()},
        "by_benefit": [{"code": code, "label": str(label),
                        **{k: (by_benefit.get(code, {}).get(k) or (0 if k in ("claims", "approved", "paid") else ZERO))
                           for k in figures}} for code, label in BENEFIT_LABELS.items()],
        "by_state": [{"code": code, "label": str(label), "count": by_state.get(code, 0)}
                     for code, label in Claim.State.choices],
        "by_org": _by_child(qs, root, figures) if root else [],
        "persons_helped": qs.filter(paid).values("person_id").distinct().count(),
    }


def trends(user, *, org=None, periods: int = 5) -> dict:
    """Series over the last ``periods`` periods, ready for an ECharts line or bar chart:
    {"periods": ["第18期", …], "series": [{"name", "code", "data": [...]}, …]}."""
    root = _root(user, org)
    chosen = list(Period.objects.order_by("-number")[:periods])[::-1]
    ids = [p.pk for p in chosen]
    participants, contributions, helped, paid = {}, {}, {}, {}
    if root is not None and ids:
        participants = {r["period_id"]: r["n"] for r in _in(Enrolment.objects.filter(
            period_id__in=ids, status__in=Enrolment.COUNTED), user, root).values("period_id").annotate(n=Count("id"))}
        contributions = {r["period_id"]: r["s"] for r in _in(ContributionStatement.objects.filter(
            period_id__in=ids), user, root).values("period_id").annotate(s=Sum("amount_paid"))}
        for r in _in(Claim.objects.filter(period_id__in=ids, state__in=PAID_OUT), user, root).values(
                "period_id").annotate(n=Count("id"), s=Sum("approved_amount")):
            helped[r["period_id"]], paid[r["period_id"]] = r["n"], r["s"]
    label = _("Period %(number)s")

    def series(code, name, values, money=False):
        # A period without data reads 0 (0.00 yuan for money), never None.
        data = [to_fen(values.get(pk)) if money else values.get(pk) or 0 for pk in ids]
        return {"code": code, "name": name, "data": [str(v) if money else v for v in data]}

    return {"periods": [label % {"number": p.number} for p in chosen], "series": [
        series("participants", _("Participants"), participants),
        series("contributions", _("Contributions received (yuan)"), contributions, money=True),
        series("person_times_helped", _("Person-times helped"), helped),
        series("paid", _("Benefits paid (yuan)"), paid, money=True),
    ]}


def participants_report(user, *, period: Period, org=None) -> dict:
    return _exact(_participants_report(user, period=period, org=org))


def contributions_report(user, *, period: Period, org=None) -> dict:
    return _exact(_contributions_report(user, period=period, org=org))


def claims_report(user, *, period: Period, org=None) -> dict:
    return _exact(_claims_report(user, period=period, org=org))


def report_workbook(user, *, period: Period, org=None) -> bytes:
    """The period's report as .xlsx: participants, contributions, claims (by benefit and by organisation)."""
    participants = _participants_report(user, period=period, org=org)
    contributions = _contributions_report(user, period=period, org=org)
    claims = _claims_report(user, period=period, org=org)
    book = exports.Workbook()

    def sheet(title, header, rows):
        ws = book.sheet(title, header=header, widths=(18,) * len(header))
        for row in rows:
            ws.write_row(row)  # text as text (an organisation named "=..." stays a name), money as #,##0.00

    sheet(_("Participants"), [_("Category"), _("Participants")],
          [[row["label"], row["count"]] for row in participants["by_category"]]
          + [[_("New joiners"), participants["new"]], [_("Renewing"), participants["renewing"]],
             [_("Total"), participants["total"]]])
    sheet(_("Participants by union"), [_("Organisation"), _("Participants")],
          [[row["org"], row["count"]] for row in participants["by_org"]])
    sheet(_("Contributions"), [_("Status"), _("Statements"), _("Due"), _("Paid")],
          [[row["label"], row["count"], row["due"], row["paid"]] for row in contributions["by_status"]])
    sheet(_("Claims by benefit"), [_("Benefit"), _("Claims"), _("Approved"), _("Approved amount"), _("Paid"),
                                   _("Paid amount")],
          [[row["label"], row["claims"], row["approved"], row["approved_total"], row["paid"], row["paid_total"]]
           for row in claims["by_benefit"]])
    sheet(_("Claims by union"), [_("Organisation"), _("Claims"), _("Approved amount"), _("Paid amount")],
          [[row["org"], row["claims"], row["approved_total"] or ZERO, row["paid_total"] or ZERO]
           for row in claims["by_org"]])
    return book.close()
