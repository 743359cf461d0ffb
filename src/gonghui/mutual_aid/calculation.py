"""The benefit of one claim, step by step, in Decimal (never float) — every step kept to show reviewer and worker.

The pipeline (docs/mutual-aid-calculation.md has a worked example):

1. self-paid cost (what basic insurance did not pay);
2. minus the deductible, never below zero: the eligible amount;
3. the payout bands, cumulative like tax brackets, over the eligible amount;
4. the new joiner's waiting period: nothing on cover days 1..waiting_days, times reduced_factor up to reduced_days;
5. the cap per claim; 6. what is left of the cap per person per period;
7. a reviewer's adjustment, if any: a new amount, clamped to [0, min(caps, self-paid)];
8. rounding to 0.01 yuan, half up — once, at the end.

Each step's ``amount_after`` is the next step's ``amount_before``. The result is never negative, never above the
self-paid cost, the cap per claim or what is left of the period's cap, and never decreases when the cost rises.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.money import format_yuan

from .plans import CENT, BenefitRule

ZERO = Decimal("0.00")

STEP_LABELS = {
    "self_paid": _("Self-paid cost"),
    "deductible": _("Deductible"),
    "bands": _("Payout ratio bands"),
    "waiting": _("Waiting period for new joiners"),
    "cap_per_claim": _("Cap per claim"),
    "cap_per_period": _("Cap per person per period"),
    "adjustment": _("Reviewer's adjustment"),
    "rounding": _("Rounding to 0.01 yuan"),
}

# Cover phases of the waiting step (detail["phase"]).
PHASE_LABELS = {
    "continuous": _("Continuous cover: no waiting period"),
    "waiting": _("Within the waiting period: no benefit"),
    "reduced": _("Reduced cover for new joiners"),
    "full": _("Full cover"),
}

# Keys of Step.detail (and of each band's detail) holding decimals: strings in to_data(), Decimal in memory.
_DECIMAL_KEYS = frozenset({
    "deductible", "lower", "upper", "ratio", "portion", "payout", "factor", "cap", "used_in_period",
    "cap_per_period", "remaining", "requested", "ceiling", "self_paid", "unrounded",
})


@dataclass(frozen=True)
class Step:
    code: str
    label: object  # lazy translation (STEP_LABELS)
    amount_before: Decimal
    amount_after: Decimal
    detail: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.amount_before != self.amount_after


@dataclass(frozen=True)
class Calculation:
    amount: Decimal  # what is paid, rounded to 0.01
    eligible: Decimal  # the self-paid cost above the deductible
    steps: tuple[Step, ...]
    remaining_before: Decimal  # of the cap per person per period, before this claim
    remaining_after: Decimal

    @property
    def adjusted(self) -> bool:
        return any(step.code == "adjustment" for step in self.steps)

    @property
    def computed(self) -> Decimal:
        """The amount the plan gives before any reviewer's adjustment, rounded like the final amount."""
        for step in self.steps:
            if step.code == "adjustment":
                return step.amount_before.quantize(CENT, rounding=ROUND_HALF_UP)
        return self.amount

    def step(self, code: str) -> Step | None:
        return next((step for step in self.steps if step.code == code), None)

    def to_data(self) -> dict:
        with translation.override("en"):  # the English text, for readers of the JSON; from_data uses the code
            labels = [str(STEP_LABELS.get(s.code, s.label)) for s in self.steps]
        return {
            "amount": str(self.amount), "eligible": str(self.eligible),
            "remaining_before": str(self.remaining_before), "remaining_after": str(self.remaining_after),
            "steps": [{"code": s.code, "label": label, "amount_before": str(s.amount_before),
                       "amount_after": str(s.amount_after), "detail": _encode(s.detail)}
                      for s, label in zip(self.steps, labels, strict=True)],
        }

    @classmethod
    def from_data(cls, data: dict) -> "Calculation":
        steps = tuple(
            Step(code=s["code"], label=STEP_LABELS.get(s["code"], s.get("label", s["code"])),
                 amount_before=Decimal(s["amount_before"]), amount_after=Decimal(s["amount_after"]),
                 detail=_decode(s.get("detail", {})))
            for s in data["steps"])
        return cls(amount=Decimal(data["amount"]), eligible=Decimal(data["eligible"]), steps=steps,
                   remaining_before=Decimal(data["remaining_before"]),
                   remaining_after=Decimal(data["remaining_after"]))


def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


def _decode(value, key: str = ""):
    if isinstance(value, dict):
        return {k: _decode(item, k) for k, item in value.items()}
    if isinstance(value, list):
        return [_decode(item, key) for item in value]
    if key in _DECIMAL_KEYS and isinstance(value, str):
        return Decimal(value)
    return value


def cover_day(cover_start: datetime.date, admission: datetime.date) -> int:
    """The day of cover on which the person was admitted: the cover's first day is day 1."""
    return (admission - cover_start).days + 1


def days_covered(is_renewal: bool, cover_start: datetime.date, admission: datetime.date) -> int | None:
    """What ``compute_benefit`` takes as days_covered_at_admission: None when the cover continues from the
    previous period (no waiting period), else the day of cover of the admission."""
    return None if is_renewal else cover_day(cover_start, admission)


def cover_phase(rule: BenefitRule, days_covered_at_admission: int | None) -> tuple[str, Decimal]:
    """("continuous" | "waiting" | "reduced" | "full", factor). None: cover continued from the previous period,
    so no waiting period applies."""
    if days_covered_at_admission is None:
        return "continuous", Decimal(1)
    if days_covered_at_admission <= rule.waiting_days:
        return "waiting", Decimal(0)
    if days_covered_at_admission <= rule.reduced_days:
        return "reduced", rule.reduced_factor
    return "full", Decimal(1)


def in_waiting_period(rule: BenefitRule, days_covered_at_admission: int | None) -> bool:
    """True when a claim is refused at once: admitted within the new joiner's waiting period."""
    return cover_phase(rule, days_covered_at_admission)[0] == "waiting"


def _money(value, field_name: str) -> Decimal:
    """An amount of money in yuan: a Decimal (or int / str) with at most two decimals, not negative."""
    if isinstance(value, float | bool):
        raise TypeError(f"{field_name} must be a Decimal, not {type(value).__name__}")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValidationFailed(gettext("The amount must be a number."), field=field_name)
    if not number.is_finite() or number < 0:
        raise ValidationFailed(gettext("The amount must not be negative."), field=field_name)
    if number != number.quantize(CENT):
        raise ValidationFailed(gettext("The amount must be in yuan with at most two decimals."), field=field_name)
    return number


def _adjustment(value) -> Decimal:
    """A reviewer's amount: any finite number (below zero or above the caps is clamped, not refused)."""
    if isinstance(value, float | bool):
        raise TypeError(f"adjustment must be a Decimal, not {type(value).__name__}")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValidationFailed(gettext("The amount must be a number."), field="adjustment")
    if not number.is_finite():
        raise ValidationFailed(gettext("The amount must be a number."), field="adjustment")
    return number


def band_payouts(rule: BenefitRule, eligible: Decimal) -> list[dict]:
    """The part of the eligible amount in each band and what it pays (unrounded), bands not reached omitted."""
    rows, lower = [], Decimal(0)
    for band in rule.bands:
        if eligible <= lower:
            break
        upper = eligible if band.upto is None else min(eligible, band.upto)
        portion = upper - lower
        rows.append({"lower": lower, "upper": band.upto, "ratio": band.ratio, "portion": portion,
                     "payout": portion * band.ratio})
        if band.upto is None:
            break
        lower = band.upto
    return rows


def compute_benefit(rule: BenefitRule, *, self_paid: Decimal, used_in_period: Decimal,
                    days_covered_at_admission: int | None, adjustment: Decimal | None = None) -> Calculation:
    """The benefit of one claim under ``rule``.

    used_in_period: what this person's earlier claims of the same benefit type took in the period.
    days_covered_at_admission: cover_day(cover start, admission), or None for continuous cover (no waiting).
    adjustment: a reviewer's new final amount; clamped to [0, min(self-paid, cap per claim, what is left)].
    """
    self_paid = _money(self_paid, "self_paid")
    used = _money(used_in_period, "used_in_period")
    with localcontext() as context:
        context.prec = 34  # exact for any amount below 10^20 yuan times 4-decimal ratios
        steps: list[Step] = [Step("self_paid", STEP_LABELS["self_paid"], self_paid, self_paid, {})]

        eligible = max(self_paid - rule.deductible, ZERO)
        steps.append(Step("deductible", STEP_LABELS["deductible"], self_paid, eligible,
                          {"deductible": rule.deductible}))

        bands = band_payouts(rule, eligible)
        amount = sum((row["payout"] for row in bands), ZERO)
        steps.append(Step("bands", STEP_LABELS["bands"], eligible, amount, {"bands": bands}))

        phase, factor = cover_phase(rule, days_covered_at_admission)
        before, amount = amount, amount * factor
        steps.append(Step("waiting", STEP_LABELS["waiting"], before, amount, {
            "phase": phase, "factor": factor, "days_covered": days_covered_at_admission,
            "waiting_days": rule.waiting_days, "reduced_days": rule.reduced_days}))

        before, amount = amount, min(amount, rule.cap_per_claim)
        steps.append(Step("cap_per_claim", STEP_LABELS["cap_per_claim"], before, amount,
                          {"cap": rule.cap_per_claim}))

        remaining_before = max(rule.cap_per_period - used, ZERO)
        before, amount = amount, min(amount, remaining_before)
        steps.append(Step("cap_per_period", STEP_LABELS["cap_per_period"], before, amount, {
            "cap_per_period": rule.cap_per_period, "used_in_period": used, "remaining": remaining_before}))

        if adjustment is not None:
            requested = _adjustment(adjustment)
            ceiling = min(self_paid, rule.cap_per_claim, remaining_before)
            before, amount = amount, min(max(requested, ZERO), ceiling)
            steps.append(Step("adjustment", STEP_LABELS["adjustment"], before, amount,
                              {"requested": requested, "ceiling": ceiling}))

        # Every bound above is a whole number of cents, so rounding half up never crosses one.
        before, amount = amount, amount.quantize(CENT, rounding=ROUND_HALF_UP)
        steps.append(Step("rounding", STEP_LABELS["rounding"], before, amount, {"unrounded": before}))

    return Calculation(amount=amount, eligible=eligible.quantize(CENT), steps=tuple(steps),
                       remaining_before=remaining_before.quantize(CENT),
                       remaining_after=(remaining_before - amount).quantize(CENT))


def describe(step: Step) -> str:
    """One translated sentence with the step's numbers, for the reviewer's and the worker's pages."""
    d = step.detail
    before, after = _yuan(step.amount_before), _yuan(step.amount_after)
    if step.code == "self_paid":
        return gettext("Self-paid cost after basic medical insurance: %(amount)s yuan.") % {"amount": after}
    if step.code == "deductible":
        return gettext("%(cost)s yuan minus the deductible of %(deductible)s yuan leaves %(eligible)s yuan.") % {
            "cost": before, "deductible": _yuan(d["deductible"]), "eligible": after}
    if step.code == "bands":
        parts = [gettext("%(portion)s yuan at %(ratio)s%% = %(payout)s yuan") % {
            "portion": _yuan(b["portion"]), "ratio": _percent(b["ratio"]), "payout": _yuan(b["payout"])}
            for b in d["bands"]]
        return gettext("Bands: %(parts)s; together %(amount)s yuan.") % {
            "parts": "; ".join(parts) or "—", "amount": after}
    if step.code == "waiting":
        if d["phase"] in ("continuous", "full"):
            return str(PHASE_LABELS[d["phase"]]) + "."
        return gettext("%(phase)s (cover day %(day)s): %(before)s yuan × %(factor)s = %(after)s yuan.") % {
            "phase": PHASE_LABELS[d["phase"]], "day": d["days_covered"], "before": before,
            "factor": d["factor"], "after": after}
    if step.code == "cap_per_claim":
        return gettext("Cap per claim %(cap)s yuan: %(before)s yuan becomes %(after)s yuan.") % {
            "cap": _yuan(d["cap"]), "before": before, "after": after}
    if step.code == "cap_per_period":
        return gettext("Cap per period %(cap)s yuan, %(used)s yuan already used, %(remaining)s yuan left: "
                       "%(before)s yuan becomes %(after)s yuan.") % {
            "cap": _yuan(d["cap_per_period"]), "used": _yuan(d["used_in_period"]),
            "remaining": _yuan(d["remaining"]), "before": before, "after": after}
    if step.code == "adjustment":
        return gettext("Adjusted by the reviewer to %(requested)s yuan (at most %(ceiling)s yuan): "
                       "%(after)s yuan.") % {
            "requested": _yuan(d["requested"]), "ceiling": _yuan(d["ceiling"]), "after": after}
    if step.code == "rounding":
        return gettext("Rounded to the fen: %(after)s yuan.") % {"after": after}
    return f"{step.label}: {before} → {after}"


def _yuan(value: Decimal) -> str:
    return format_yuan(value, symbol=False)


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).normalize():f}"
