"""The benefit plan of a period as data: what each benefit type pays, and the second payout's rule.

A plan is stored as JSON (``default_plan_data()``: decimals as strings) and turned into frozen ``PlanRules`` by
``parse_plan``, which refuses bad data with a translated message naming the benefit and the number at fault.
``plan_to_data`` writes the same JSON back (``parse_plan(plan_to_data(rules)) == rules``). Pure Python: no database.

Bands are cumulative like tax brackets, over the part of the self-paid cost above the deductible: with bands
(10,000 at 50 %, 30,000 at 60 %, open at 70 %), 12,000 above the deductible pays 10,000 × 0.5 + 2,000 × 0.6.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed

PLAN_FORMAT = 1

BENEFIT_TYPES = ("inpatient", "serious_illness", "accident", "women")
BENEFIT_LABELS = {
    "inpatient": _("Inpatient treatment"),
    "serious_illness": _("Serious illness / special outpatient disease"),
    "accident": _("Accidental injury"),
    "women": _("Women's special diseases"),
}

DOCUMENT_TYPES = (
    "application_form", "id_copy", "bank_card_copy", "settlement_sheet", "discharge_record", "invoices",
    "pathology_report", "diagnosis_certificate", "outpatient_records", "accident_report",
)
DOCUMENT_LABELS = {
    "application_form": _("Application form"),
    "id_copy": _("Copy of the ID card"),
    "bank_card_copy": _("Copy of the bank card"),
    "settlement_sheet": _("Hospital settlement sheet (what basic insurance paid)"),
    "discharge_record": _("Discharge record"),
    "invoices": _("Invoices"),
    "pathology_report": _("Pathology report"),
    "diagnosis_certificate": _("Diagnosis certificate"),
    "outpatient_records": _("Outpatient records"),
    "accident_report": _("Accident report"),
}

CENT = Decimal("0.01")
RATIO_PLACES = Decimal("0.0001")
MAX_AMOUNT = Decimal("100000000")  # 100 million yuan: far above any cap; catches a slipped decimal point
MAX_DAYS = 3660


@dataclass(frozen=True)
class Band:
    upto: Decimal | None  # upper limit of the amount above the deductible; None: no upper limit
    ratio: Decimal  # 0..1


@dataclass(frozen=True)
class BenefitRule:
    code: str
    deductible: Decimal
    bands: tuple[Band, ...]
    cap_per_claim: Decimal
    cap_per_period: Decimal
    waiting_days: int  # cover days 1..waiting_days: nothing is paid
    reduced_days: int  # cover days waiting_days+1..reduced_days: the amount times reduced_factor
    reduced_factor: Decimal
    documents: tuple[str, ...]

    @property
    def label(self):
        return BENEFIT_LABELS[self.code]


@dataclass(frozen=True)
class SecondPayoutRule:
    threshold: Decimal  # self-paid cost left after first payouts above which a person qualifies
    ratio: Decimal  # of the excess over the threshold
    cap: Decimal  # per person
    surplus_share: Decimal  # at most this share of the period's surplus is paid out in total


@dataclass(frozen=True)
class PlanRules:
    benefits: dict[str, BenefitRule]
    second_payout: SecondPayoutRule
    document_labels: dict  # code -> label: the standard documents plus any the plan names itself

    def benefit(self, code: str) -> BenefitRule:
        try:
            return self.benefits[code]
        except KeyError:
            raise ValidationFailed(gettext("The plan of this period offers no such benefit."),
                                   code="benefit_not_offered", field="benefit_type")

    def required_documents(self, code: str) -> list[tuple[str, object]]:
        """(code, label) of the documents a claim for this benefit needs, in the plan's order."""
        return [(doc, self.document_labels.get(doc, doc)) for doc in self.benefit(code).documents]


_BASE_DOCUMENTS = ["application_form", "id_copy", "bank_card_copy", "invoices"]


def default_plan_data() -> dict:
    """A sensible Yunnan-like plan (Yunnan's own ratios are not published); every number is editable per period.

    The contribution per share is period data, not plan data."""
    return {
        "format": PLAN_FORMAT,
        "benefits": {
            "inpatient": {
                "deductible": "500.00",
                "bands": [{"upto": "10000.00", "ratio": "0.50"}, {"upto": "30000.00", "ratio": "0.60"},
                          {"upto": None, "ratio": "0.70"}],
                "cap_per_claim": "30000.00", "cap_per_period": "60000.00",
                "waiting_days": 30, "reduced_days": 90, "reduced_factor": "0.50",
                "documents": [*_BASE_DOCUMENTS, "settlement_sheet", "discharge_record"],
            },
            "serious_illness": {
                "deductible": "0.00",
                "bands": [{"upto": None, "ratio": "1.00"}],  # a lump sum: the cap, once the cost reaches it
                "cap_per_claim": "15000.00", "cap_per_period": "15000.00",
                "waiting_days": 90, "reduced_days": 90, "reduced_factor": "1.00",
                "documents": [*_BASE_DOCUMENTS, "settlement_sheet", "discharge_record", "pathology_report",
                              "diagnosis_certificate"],
            },
            "accident": {
                "deductible": "200.00",
                "bands": [{"upto": "5000.00", "ratio": "0.60"}, {"upto": None, "ratio": "0.70"}],
                "cap_per_claim": "10000.00", "cap_per_period": "20000.00",
                "waiting_days": 0, "reduced_days": 0, "reduced_factor": "1.00",  # accidents are not foreseeable
                "documents": [*_BASE_DOCUMENTS, "settlement_sheet", "accident_report"],
            },
            "women": {
                "deductible": "0.00",
                "bands": [{"upto": None, "ratio": "1.00"}],
                "cap_per_claim": "20000.00", "cap_per_period": "20000.00",
                "waiting_days": 90, "reduced_days": 180, "reduced_factor": "0.50",
                "documents": [*_BASE_DOCUMENTS, "settlement_sheet", "pathology_report", "diagnosis_certificate"],
            },
        },
        "second_payout": {"threshold": "20000.00", "ratio": "0.30", "cap": "10000.00", "surplus_share": "0.50"},
        "documents": {},  # documents the plan adds to the standard list: {"code": "label as written"}
    }


def _fail(message: str, field: str):
    return ValidationFailed(message, code="invalid_plan", field=field)


def _decimal(value, field: str, name, *, places: Decimal = CENT, allow_none: bool = False) -> Decimal | None:
    """A decimal from a string or a whole number (a float from a JSON client is read through its shortest
    text, never computed with)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise _fail(gettext("%(name)s must be a number.") % {"name": name}, field)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise _fail(gettext("%(name)s must be a number.") % {"name": name}, field)
    if not number.is_finite():
        raise _fail(gettext("%(name)s must be a number.") % {"name": name}, field)
    if number < 0:
        raise _fail(gettext("%(name)s must not be negative.") % {"name": name}, field)
    if number > MAX_AMOUNT:
        raise _fail(gettext("%(name)s is too large.") % {"name": name}, field)
    if number != number.quantize(places):
        raise _fail(gettext("%(name)s has too many decimal places (at most %(places)d).")
                    % {"name": name, "places": -places.as_tuple().exponent}, field)
    number = number.quantize(places)
    if places != CENT:  # ratios: "0.5000" and "0.5" both as "0.50", "0.1234" as it is
        number = number.normalize()
        number = number.quantize(CENT) if number.as_tuple().exponent > -2 else number
    return number


def _ratio(value, field: str, name) -> Decimal:
    number = _decimal(value, field, name, places=RATIO_PLACES)
    if number > 1:
        raise _fail(gettext("%(name)s must be between 0 and 1 (for example 0.60 for 60 %%).") % {"name": name},
                    field)
    return number


def _days(value, field: str, name) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(gettext("%(name)s must be a whole number of days.") % {"name": name}, field)
    if value < 0:
        raise _fail(gettext("%(name)s must not be negative.") % {"name": name}, field)
    if value > MAX_DAYS:
        raise _fail(gettext("%(name)s is too large.") % {"name": name}, field)
    return value


def _mapping(value, field: str, name) -> dict:
    if not isinstance(value, dict):
        raise _fail(gettext("%(name)s is missing or not a set of named values.") % {"name": name}, field)
    return value


def _field(data: dict, key: str, field: str, name):
    if key not in data:
        raise _fail(gettext("%(name)s is missing.") % {"name": name}, f"{field}.{key}" if field else key)
    return data[key]


def _parse_bands(value, field: str, label) -> tuple[Band, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(gettext("%(benefit)s: at least one payout band is needed.") % {"benefit": label}, field)
    bands, previous = [], Decimal(0)
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        item = _mapping(item, where, gettext("%(benefit)s: band %(number)d") % {"benefit": label,
                                                                               "number": index + 1})
        name_upto = gettext("%(benefit)s: upper limit of band %(number)d") % {"benefit": label, "number": index + 1}
        name_ratio = gettext("%(benefit)s: ratio of band %(number)d") % {"benefit": label, "number": index + 1}
        upto = _decimal(item.get("upto"), f"{where}.upto", name_upto, allow_none=True)
        ratio = _ratio(_field(item, "ratio", where, name_ratio), f"{where}.ratio", name_ratio)
        last = index == len(value) - 1
        if upto is None and not last:
            raise _fail(gettext("%(benefit)s: only the last band may have no upper limit.") % {"benefit": label},
                        f"{where}.upto")
        if upto is not None and last:
            raise _fail(gettext("%(benefit)s: the last band must have no upper limit (the caps limit the amount).")
                        % {"benefit": label}, f"{where}.upto")
        if upto is not None and upto <= previous:
            raise _fail(gettext("%(benefit)s: the upper limits of the bands must increase.") % {"benefit": label},
                        f"{where}.upto")
        previous = upto if upto is not None else previous
        bands.append(Band(upto=upto, ratio=ratio))
    return tuple(bands)


def _parse_documents(value, field: str, label, known: dict) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(gettext("%(benefit)s: the list of required documents is missing.") % {"benefit": label}, field)
    for code in value:
        if not isinstance(code, str) or code not in known:
            raise _fail(gettext("%(benefit)s: unknown document “%(code)s”.") % {"benefit": label, "code": code},
                        field)
    if len(set(value)) != len(value):
        raise _fail(gettext("%(benefit)s: a document is listed twice.") % {"benefit": label}, field)
    if "application_form" not in value:
        raise _fail(gettext("%(benefit)s: the application form must be among the required documents.")
                    % {"benefit": label}, field)
    return tuple(value)


def _named(whole, part) -> str:
    """"Inpatient treatment: deductible" — the name of a number in messages, in the user's language."""
    return gettext("%(whole)s: %(part)s") % {"whole": whole, "part": part}


def _parse_benefit(code: str, data, known_documents: dict) -> BenefitRule:
    field = f"benefits.{code}"
    label = BENEFIT_LABELS[code]
    data = _mapping(data, field, label)

    def read(key, title, parse=None):
        name = _named(label, title)
        value = _field(data, key, field, name)
        return parse(value, f"{field}.{key}", name) if parse else value

    deductible = read("deductible", gettext("deductible"), _decimal)
    cap_claim = read("cap_per_claim", gettext("cap per claim"), _decimal)
    cap_period = read("cap_per_period", gettext("cap per person per period"), _decimal)
    waiting = read("waiting_days", gettext("waiting period"), _days)
    reduced = read("reduced_days", gettext("reduced-cover period"), _days)
    factor = read("reduced_factor", gettext("reduced-cover factor"), _ratio)
    if cap_claim <= 0:
        raise _fail(gettext("%(benefit)s: the cap per claim must be above zero.") % {"benefit": label},
                    f"{field}.cap_per_claim")
    if cap_claim > cap_period:
        raise _fail(gettext("%(benefit)s: the cap per claim cannot be above the cap per person per period.")
                    % {"benefit": label}, f"{field}.cap_per_claim")
    if reduced < waiting:
        raise _fail(gettext("%(benefit)s: the reduced-cover period must end on or after the waiting period.")
                    % {"benefit": label}, f"{field}.reduced_days")
    bands = _parse_bands(read("bands", gettext("payout bands")), f"{field}.bands", label)
    documents = _parse_documents(read("documents", gettext("required documents")), f"{field}.documents", label,
                                 known_documents)
    return BenefitRule(code=code, deductible=deductible, bands=bands, cap_per_claim=cap_claim,
                       cap_per_period=cap_period, waiting_days=waiting, reduced_days=reduced, reduced_factor=factor,
                       documents=documents)


def _parse_second_payout(data) -> SecondPayoutRule:
    name = gettext("Second payout")
    data = _mapping(data, "second_payout", name)

    def read(key, title, parse):
        return parse(_field(data, key, "second_payout", _named(name, title)), f"second_payout.{key}",
                     _named(name, title))

    rule = SecondPayoutRule(threshold=read("threshold", gettext("threshold"), _decimal),
                            ratio=read("ratio", gettext("ratio"), _ratio),
                            cap=read("cap", gettext("cap per person"), _decimal),
                            surplus_share=read("surplus_share", gettext("share of the surplus"), _ratio))
    if rule.cap <= 0:
        raise _fail(gettext("Second payout: the cap per person must be above zero."), "second_payout.cap")
    return rule


def _parse_custom_documents(value) -> dict:
    value = _mapping(value if value is not None else {}, "documents", gettext("Additional documents"))
    custom = {}
    for code, label in value.items():
        if code in DOCUMENT_LABELS or not code.isidentifier() or not isinstance(label, str) or not label.strip():
            raise _fail(gettext("Additional document “%(code)s” needs a new code (letters, digits, _) and a name.")
                        % {"code": code}, "documents")
        custom[code] = label.strip()
    return custom


def parse_plan(data) -> PlanRules:
    """The rules of a plan's JSON; ValidationFailed (code "invalid_plan", field: where) on any bad value."""
    data = _mapping(data, "", gettext("The plan"))
    if data.get("format", PLAN_FORMAT) != PLAN_FORMAT:
        raise _fail(gettext("This plan was written in a format this version cannot read."), "format")
    unknown_keys = set(data) - {"format", "benefits", "second_payout", "documents"}
    if unknown_keys:
        raise _fail(gettext("The plan has unknown entries: %(keys)s.") % {"keys": ", ".join(sorted(unknown_keys))},
                    "")
    custom = _parse_custom_documents(data.get("documents"))
    document_labels = {**DOCUMENT_LABELS, **custom}
    benefits_data = _mapping(data.get("benefits"), "benefits", gettext("The benefits"))
    if not benefits_data:
        raise _fail(gettext("The plan must offer at least one benefit."), "benefits")
    for code in benefits_data:
        if code not in BENEFIT_TYPES:
            raise _fail(gettext("Unknown benefit type “%(code)s”.") % {"code": code}, f"benefits.{code}")
    benefits = {code: _parse_benefit(code, benefits_data[code], document_labels)
                for code in BENEFIT_TYPES if code in benefits_data}
    second = _parse_second_payout(_field(data, "second_payout", "", gettext("Second payout")))
    return PlanRules(benefits=benefits, second_payout=second, document_labels=document_labels)


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def plan_to_data(rules: PlanRules) -> dict:
    """The JSON of a plan (decimals as strings): ``parse_plan(plan_to_data(rules)) == rules``."""
    benefits = {}
    for code, rule in rules.benefits.items():
        benefits[code] = {
            "deductible": _text(rule.deductible),
            "bands": [{"upto": _text(band.upto), "ratio": _text(band.ratio)} for band in rule.bands],
            "cap_per_claim": _text(rule.cap_per_claim), "cap_per_period": _text(rule.cap_per_period),
            "waiting_days": rule.waiting_days, "reduced_days": rule.reduced_days,
            "reduced_factor": _text(rule.reduced_factor), "documents": list(rule.documents),
        }
    second = rules.second_payout
    return {
        "format": PLAN_FORMAT,
        "benefits": benefits,
        "second_payout": {"threshold": _text(second.threshold), "ratio": _text(second.ratio),
                          "cap": _text(second.cap), "surplus_share": _text(second.surplus_share)},
        "documents": {code: str(label) for code, label in rules.document_labels.items()
                      if code not in DOCUMENT_LABELS},
    }


def default_plan() -> PlanRules:
    return parse_plan(default_plan_data())
