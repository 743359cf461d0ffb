"""The plan as data: the default plan, the round trip through JSON, and a clear refusal of every kind of bad data."""

import copy
import dataclasses
import json
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.errors import ValidationFailed
from gonghui.mutual_aid.plans import (
    BENEFIT_LABELS,
    BENEFIT_TYPES,
    DOCUMENT_LABELS,
    DOCUMENT_TYPES,
    Band,
    PlanRules,
    SecondPayoutRule,
    default_plan_data,
    parse_plan,
    plan_to_data,
)

from .test_calculation import rules


def test_default_plan_offers_every_benefit_and_round_trips():
    data = default_plan_data()
    assert json.loads(json.dumps(data)) == data  # JSON as it is: decimals as strings
    rules = parse_plan(data)
    assert tuple(rules.benefits) == BENEFIT_TYPES
    inpatient = rules.benefits["inpatient"]
    assert inpatient.deductible == Decimal("500.00")
    assert inpatient.bands == (Band(Decimal("10000.00"), Decimal("0.50")), Band(Decimal("30000.00"), Decimal("0.60")),
                               Band(None, Decimal("0.70")))
    assert (inpatient.cap_per_claim, inpatient.cap_per_period) == (Decimal("30000.00"), Decimal("60000.00"))
    assert (inpatient.waiting_days, inpatient.reduced_days, inpatient.reduced_factor) == (30, 90, Decimal("0.50"))
    assert "pathology_report" in rules.benefits["serious_illness"].documents
    assert parse_plan(plan_to_data(rules)) == rules
    assert plan_to_data(rules) == data
    assert set(BENEFIT_LABELS) == set(BENEFIT_TYPES) and set(DOCUMENT_LABELS) == set(DOCUMENT_TYPES)


def test_numbers_may_come_as_whole_numbers_or_short_text():
    data = default_plan_data()
    data["benefits"]["inpatient"].update(deductible=800, reduced_factor="0.5", cap_per_claim="30000")
    data["second_payout"]["ratio"] = 0.3  # a JSON client's float, read through its text
    rules = parse_plan(data)
    assert str(rules.benefits["inpatient"].deductible) == "800.00"
    assert str(rules.benefits["inpatient"].reduced_factor) == "0.50"
    assert str(rules.second_payout.ratio) == "0.30"
    assert parse_plan(plan_to_data(rules)) == rules


def test_plan_adds_its_own_documents():
    data = default_plan_data()
    data["documents"] = {"unit_certificate": "单位证明"}
    data["benefits"]["accident"]["documents"].append("unit_certificate")
    rules = parse_plan(data)
    assert rules.document_labels["unit_certificate"] == "单位证明"
    assert rules.required_documents("accident")[-1] == ("unit_certificate", "单位证明")
    assert plan_to_data(rules) == data


def test_a_plan_may_offer_fewer_benefits():
    data = default_plan_data()
    del data["benefits"]["women"]
    rules = parse_plan(data)
    assert "women" not in rules.benefits
    with pytest.raises(ValidationFailed) as error:
        rules.benefit("women")
    assert error.value.code == "benefit_not_offered"


def _broken(change) -> ValidationFailed:
    data = copy.deepcopy(default_plan_data())
    change(data)
    with pytest.raises(ValidationFailed) as error:
        parse_plan(data)
    assert error.value.code == "invalid_plan"
    return error.value


def _inpatient(**values):
    return lambda data: data["benefits"]["inpatient"].update(values)


def _band(index, **values):
    return lambda data: data["benefits"]["inpatient"]["bands"][index].update(values)


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["benefits"].update(dental={}), "benefits.dental", "Unknown benefit type"),
    (lambda d: d.update(benefits={}), "benefits", "at least one benefit"),
    (lambda d: d.pop("benefits"), "benefits", "missing"),
    (lambda d: d.update(extra=1), "", "unknown entries"),
    (lambda d: d.update(format=99), "format", "format"),
    (_inpatient(deductible="-1"), "benefits.inpatient.deductible", "must not be negative"),
    (_inpatient(deductible="abc"), "benefits.inpatient.deductible", "must be a number"),
    (_inpatient(deductible="NaN"), "benefits.inpatient.deductible", "must be a number"),
    (_inpatient(deductible=True), "benefits.inpatient.deductible", "must be a number"),
    (_inpatient(deductible="1.001"), "benefits.inpatient.deductible", "decimal places"),
    (_inpatient(deductible="1e12"), "benefits.inpatient.deductible", "too large"),
    (_inpatient(cap_per_claim="0"), "benefits.inpatient.cap_per_claim", "above zero"),
    (_inpatient(cap_per_claim="70000"), "benefits.inpatient.cap_per_claim", "cannot be above"),
    (_inpatient(waiting_days=-1), "benefits.inpatient.waiting_days", "must not be negative"),
    (_inpatient(waiting_days="30"), "benefits.inpatient.waiting_days", "whole number of days"),
    (_inpatient(reduced_days=10), "benefits.inpatient.reduced_days", "reduced-cover period must end"),
    (_inpatient(reduced_factor="1.5"), "benefits.inpatient.reduced_factor", "between 0 and 1"),
    (_inpatient(bands=[]), "benefits.inpatient.bands", "at least one payout band"),
    (_band(0, ratio="1.01"), "benefits.inpatient.bands[0].ratio", "between 0 and 1"),
    (_band(1, ratio="-0.1"), "benefits.inpatient.bands[1].ratio", "must not be negative"),
    (_band(0, ratio="0.12345"), "benefits.inpatient.bands[0].ratio", "decimal places"),
    (_band(1, upto="5000"), "benefits.inpatient.bands[1].upto", "must increase"),
    (_band(1, upto="10000"), "benefits.inpatient.bands[1].upto", "must increase"),
    (_band(0, upto=None), "benefits.inpatient.bands[0].upto", "only the last band"),
    (_band(2, upto="90000"), "benefits.inpatient.bands[2].upto", "last band must have no upper limit"),
    (lambda d: d["benefits"]["inpatient"]["bands"][0].pop("ratio"), "benefits.inpatient.bands[0].ratio",
     "missing"),
    (lambda d: d["benefits"]["inpatient"].pop("cap_per_period"), "benefits.inpatient.cap_per_period", "missing"),
    (lambda d: d["benefits"]["inpatient"].pop("documents"), "benefits.inpatient.documents", "missing"),
    (_inpatient(documents=[]), "benefits.inpatient.documents", "required documents is missing"),
    (_inpatient(documents=["application_form", "selfie"]), "benefits.inpatient.documents", "unknown document"),
    (_inpatient(documents=["application_form", "invoices", "invoices"]), "benefits.inpatient.documents",
     "listed twice"),
    (_inpatient(documents=["invoices"]), "benefits.inpatient.documents", "application form must be"),
    (lambda d: d["benefits"].update(accident="x"), "benefits.accident", "not a set of named values"),
    (lambda d: d.pop("second_payout"), "second_payout", "missing"),
    (lambda d: d["second_payout"].update(surplus_share="2"), "second_payout.surplus_share", "between 0 and 1"),
    (lambda d: d["second_payout"].update(cap="0"), "second_payout.cap", "above zero"),
    (lambda d: d["second_payout"].update(threshold="-5"), "second_payout.threshold", "must not be negative"),
    (lambda d: d.update(documents={"invoices": "again"}), "documents", "needs a new code"),
    (lambda d: d.update(documents={"x y": "label"}), "documents", "needs a new code"),
])
def test_bad_plan_data_is_refused_with_a_clear_message(change, field, words):
    with translation.override("en"):
        error = _broken(change)
    assert error.field == field
    assert words in str(error.message), error.message


def test_messages_name_the_benefit_in_the_users_language():
    with translation.override("en"):
        error = _broken(_inpatient(cap_per_claim="70000"))
    assert str(error.message).startswith("Inpatient treatment:")
    with translation.override("zh-hans"):
        error = _broken(_inpatient(cap_per_claim="70000"))
    assert str(error.message)  # translated once the catalog has it; never an exception


def test_parse_plan_refuses_what_is_not_a_plan():
    for value in (None, [], "plan", 3):
        with pytest.raises(ValidationFailed):
            parse_plan(value)


@given(st.data())
def test_any_valid_plan_round_trips_through_json(data):
    benefits = {}
    for code in data.draw(st.lists(st.sampled_from(BENEFIT_TYPES), min_size=1, unique=True)):
        benefits[code] = dataclasses.replace(data.draw(rules()), code=code)
    money = st.integers(1, 10_000_000).map(lambda c: Decimal(c).scaleb(-2))
    ratio = st.integers(0, 10_000).map(lambda r: Decimal(r).scaleb(-4))
    second = SecondPayoutRule(threshold=data.draw(money), ratio=data.draw(ratio), cap=data.draw(money),
                              surplus_share=data.draw(ratio))
    original = PlanRules(benefits=benefits, second_payout=second, document_labels=dict(DOCUMENT_LABELS))
    text = json.dumps(plan_to_data(original))
    assert parse_plan(json.loads(text)) == original
    once = plan_to_data(parse_plan(json.loads(text)))  # numbers written the short way ("0.5000" as "0.50")
    assert plan_to_data(parse_plan(once)) == once


def test_a_plan_version_parses_its_plan_once_until_its_data_is_replaced():
    from gonghui.mutual_aid.models import PlanVersion

    version = PlanVersion(data=default_plan_data())
    assert version.rules is version.rules  # parsed once
    changed = default_plan_data()
    changed["benefits"]["inpatient"]["deductible"] = "800.00"
    version.data = changed  # what editing a version not yet in use does
    assert version.rules.benefit("inpatient").deductible == Decimal("800.00")
