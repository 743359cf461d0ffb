"""The hardship objects the matrix calls routes with: one household inside the Wuhua county officer's scope, one
in the sibling county (Panlong). Keys are the ``obj`` names used in routes_assistance.py."""

import datetime
from decimal import Decimal

from gonghui.assistance.roles import VIEW
from gonghui.core.roles import MEMBERS_VIEW

VIEW_PERMISSION = {"hs_review": VIEW, "hs_file": VIEW, "hs_filed": VIEW, "hs_fund": VIEW, "hs_aid": VIEW,
                   "hs_person": MEMBERS_VIEW}


def build_objects(world) -> dict:
    from gonghui.assistance.tests.factories import make_file, make_fund, make_standard
    from gonghui.members.tests.factories import make_person

    make_standard("530102")
    make_standard("530103")
    sides = {}
    for side, union, county, label in (("inside", world.wuhua_union, "530102", "五华"),
                                       ("outside", world.panlong_union, "530103", "盘龙")):
        file = make_file(union, f"{label}帮扶矩阵户", county=county)
        filed = make_file(union, f"{label}帮扶已建档户", county=county, state="filed")
        fund = make_fund(union, f"{label}帮扶矩阵资金", Decimal("100000.00"))
        from gonghui.assistance.models import AidRecord

        aid = AidRecord.objects.create(org=union, file=filed, fund=fund, kind="living", amount=Decimal("500.00"),
                                       given_on=datetime.date(2026, 1, 10))
        from gonghui.assistance.models import YearlyReview

        review = YearlyReview.objects.create(org=union, file=filed, year=2026, result="keep", rule_version="matrix")
        sides[side] = {"hs_file": file, "hs_filed": filed, "hs_fund": fund, "hs_aid": aid, "hs_review": review,
                       "hs_person": make_person(union, f"{label}帮扶申请人", region=county)}
    return sides


def marker_text(obj) -> str | None:
    from gonghui.assistance.models import AidRecord, Fund, HardshipFile, YearlyReview
    from gonghui.members.models import Person

    if isinstance(obj, HardshipFile | Fund | Person):
        return obj.name
    if isinstance(obj, AidRecord | YearlyReview):
        return obj.file.name
    return None
