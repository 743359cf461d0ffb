"""The hardship rules as pure functions (DOMAIN.md, "Hardship workers"): the per-capita test against the county's
minimum-living standard (低保), the exclusions, and the category the rules propose — with the arithmetic shown, so
the person who confirms the category reads how it was reached. No database, no clock: the same inputs give the
same answer, which is what the hypothesis tests rely on.

Per-capita monthly income = (household yearly income − unavoidable yearly costs (medical, schooling), never below
0) ÷ household size ÷ 12, in fen (half up). Then, unless an exclusion applies:

- 深度困难 (deep): per-capita below the standard;
- 意外致困 (accident): below twice the standard and a sudden event (accident, disaster) among the causes;
- 相对困难 (relative): below twice the standard and illness, disability, schooling or unemployment among the causes;
- otherwise not in hardship.

Exclusions (any one refuses the file): two or more homes, a shop or business of one's own or employing others,
children in private or overseas schools, regular use of a vehicle.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from gonghui.core.money import FEN, ZERO, to_fen

RULE_VERSION = "2026-1"

DEEP, RELATIVE, ACCIDENT, NONE = "deep", "relative", "accident", ""
CATEGORY_LABELS = {DEEP: _("Deep hardship (深度困难)"), RELATIVE: _("Relative hardship (相对困难)"),
                   ACCIDENT: _("Accident-caused hardship (意外致困)")}

CAUSES = {"illness": _("Illness"), "disability": _("Disability"), "schooling": _("Schooling"),
          "accident": _("Accident"), "unemployment": _("Unemployment"), "disaster": _("Disaster")}
SUDDEN_CAUSES = frozenset({"accident", "disaster"})
RELATIVE_CAUSES = frozenset({"illness", "disability", "schooling", "unemployment"})

EXCLUSIONS = {"homes": _("owns two or more homes"), "business": _("owns a shop or business or employs others"),
              "private_school": _("a child in a private or overseas school"),
              "vehicle": _("regular use of a vehicle")}

# Aid per household per calendar year, by kind (yuan): the province's current rule, kept here with the version.
AID_KINDS = {"living": _("Living aid"), "medical": _("Medical aid"), "schooling": _("Schooling aid (金秋助学)"),
             "employment": _("Employment aid"), "emergency": _("Emergency aid")}
YEARLY_LIMITS = {"living": Decimal("6000.00"), "medical": Decimal("20000.00"), "schooling": Decimal("10000.00"),
                 "employment": Decimal("3000.00"), "emergency": Decimal("10000.00")}


@dataclass(frozen=True)
class Household:
    incomes: tuple[Decimal, ...]            # each member's yearly income (yuan); one entry per member
    medical_costs: Decimal = ZERO           # unavoidable yearly costs
    schooling_costs: Decimal = ZERO
    causes: frozenset[str] = frozenset()
    homes_owned: int = 1
    owns_business: bool = False             # a shop or business of one's own, or employing others
    private_school: bool = False
    vehicle_regular: bool = False


@dataclass(frozen=True)
class Assessment:
    size: int
    income: Decimal
    costs: Decimal
    net: Decimal
    per_capita_monthly: Decimal
    standard_monthly: Decimal
    exclusions: tuple[str, ...]
    category: str
    lines: list = field(default_factory=list)   # the arithmetic, one sentence each

    @property
    def eligible(self) -> bool:
        return self.category != NONE


def exclusions_of(h: Household) -> tuple[str, ...]:
    found = []
    if h.homes_owned >= 2:
        found.append("homes")
    if h.owns_business:
        found.append("business")
    if h.private_school:
        found.append("private_school")
    if h.vehicle_regular:
        found.append("vehicle")
    return tuple(found)


def per_capita_monthly(income: Decimal, costs: Decimal, size: int) -> Decimal:
    if size <= 0:
        raise ValueError("a household has at least one member")
    net = max(to_fen(income) - to_fen(costs), ZERO)
    return (net / size / 12).quantize(FEN, rounding=ROUND_HALF_UP)


def assess(h: Household, standard_monthly: Decimal) -> Assessment:
    """The per-capita test and the category the rules propose, with each step of the arithmetic in ``lines``."""
    size = len(h.incomes)
    income = to_fen(sum(h.incomes, ZERO))
    costs = to_fen(h.medical_costs) + to_fen(h.schooling_costs)
    net = max(income - costs, ZERO)
    pc = per_capita_monthly(income, costs, size)
    standard = to_fen(standard_monthly)
    excluded = exclusions_of(h)
    lines = [
        _("Household income %(income)s − unavoidable costs %(costs)s = %(net)s a year")
        % {"income": income, "costs": costs, "net": net},
        _("%(net)s ÷ %(size)s people ÷ 12 months = %(pc)s per person a month")
        % {"net": net, "size": size, "pc": pc},
        _("Minimum-living standard %(standard)s; twice it %(double)s") % {"standard": standard,
                                                                          "double": standard * 2},
    ]
    if excluded:
        category = NONE
        lines.append(_("Excluded: %(why)s") % {"why": "; ".join(str(EXCLUSIONS[e]) for e in excluded)})
    elif pc < standard:
        category = DEEP
        lines.append(_("%(pc)s is below the standard: deep hardship") % {"pc": pc})
    elif pc < standard * 2 and h.causes & SUDDEN_CAUSES:
        category = ACCIDENT
        lines.append(_("%(pc)s is below twice the standard after a sudden event: accident-caused hardship")
                     % {"pc": pc})
    elif pc < standard * 2 and h.causes & RELATIVE_CAUSES:
        category = RELATIVE
        lines.append(_("%(pc)s is below twice the standard with illness, disability, schooling or unemployment: "
                       "relative hardship") % {"pc": pc})
    else:
        category = NONE
        lines.append(_("%(pc)s is not below the lines for the causes given: not in hardship") % {"pc": pc})
    return Assessment(size, income, costs, net, pc, standard, excluded, category, [str(x) for x in lines])


def allowed_categories(a: Assessment) -> set[str]:
    """What a person may confirm: the proposed category, or a milder one the household also meets (deep hardship
    is also within twice the standard). Nothing once excluded."""
    if a.exclusions or a.category == NONE:
        return set()
    allowed = {a.category}
    if a.category == DEEP:
        allowed |= {RELATIVE, ACCIDENT}
    return allowed


def within_yearly_limit(kind: str, already: Iterable[Decimal], amount: Decimal) -> bool:
    return to_fen(sum(already, ZERO)) + to_fen(amount) <= YEARLY_LIMITS[kind]
