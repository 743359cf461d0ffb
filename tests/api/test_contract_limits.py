"""Issue 19 §8: what Django refuses while reading a request answers a problem (400/413), never 500; every
integer the API reads is bounded to its column; the OpenAPI document is valid, has no duplicate keys and declares
the 429 of the rate-limited operations with Retry-After."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from openapi_spec_validator import validate
from pydantic import ValidationError as PydanticValidationError

from gonghui.core.api.contract import INT32_MAX, INT64_MAX
from gonghui.members.models import Unit
from gonghui.venues.tests.factories import make_venue

from .openapi_check import assert_matches_schema, assert_problem

pytestmark = pytest.mark.django_db

MULTIPART_ENDPOINTS = ["/imports", "/mutual-aid/roster-imports", "/mutual-aid/claims/1/documents"]


@pytest.mark.parametrize("path", MULTIPART_ENDPOINTS)
def test_multipart_without_a_boundary_is_a_400_problem(world, as_token, path):
    api = as_token("province_admin")
    response = api._call("POST", path, data=b"--x\r\nContent-Disposition: form-data; name=\"org_id\"\r\n\r\n1\r\n--x--",
                         content_type="multipart/form-data")
    assert_problem(response, 400, "bad_multipart")


def test_an_integer_past_its_column_is_refused_with_422(world, as_token):
    api = as_token("county_officer")
    unit = Unit.objects.get(org=world.wuhua_union)
    for too_big in (2**70, INT64_MAX + 1, INT32_MAX + 1, -1):
        body = assert_problem(api.patch(f"/units/{unit.pk}", {"staff_count": too_big}), 422, "validation_failed")
        assert body["errors"][0]["loc"][-1] == "staff_count"
    assert api.patch(f"/units/{unit.pk}", {"staff_count": INT32_MAX}).status_code == 200
    unit.refresh_from_db()
    assert unit.staff_count == INT32_MAX
    assert_problem(api.get(f"/units/{2**70}"), 422, "validation_failed")
    assert_problem(api.get("/persons", {"org_id": str(2**64)}), 422, "validation_failed")


def test_a_json_body_must_be_an_object(world, as_token):
    api = as_token("county_officer")
    unit = Unit.objects.get(org=world.wuhua_union)
    for body in ("[null, null]", '"x"', "1", "null", '{"is_active": "yes"}', '{"staff_count": "5"}',
                 '{"is_active": 1}', '{"staff_count": true}'):
        response = api._call("PATCH", f"/units/{unit.pk}", data=body, content_type="application/json")
        assert_problem(response, 422, "validation_failed")
    assert api.patch(f"/units/{unit.pk}", {"staff_count": 8.0, "is_active": True}).status_code == 200
    assert api.patch(f"/units/{unit.pk}", {}).status_code == 200


def test_more_than_a_thousand_query_parameters_is_a_400_problem(world, as_token):
    api = as_token("county_officer")
    query = "&".join(f"p{i}=1" for i in range(1001))
    assert_problem(api._call("GET", "/persons?" + query), 400, "too_many_parameters")


def test_a_ten_megabyte_json_body_is_a_413_problem(world, as_token):
    api = as_token("county_officer")
    payload = json.dumps({"parent_id": world.wuhua.pk, "name": "x" * (10 * 1024 * 1024), "level": "grassroots",
                          "kind": "grassroots"})
    assert_problem(api._call("POST", "/orgs", data=payload, content_type="application/json"), 413,
                   "request_too_large")


def test_rate_limited_station_posts_declare_429_with_retry_after(world, settings):
    settings.GONGHUI_VENUES_RATE_LIMITS = {"check_in": (1, 600), "problem": (1, 3600)}
    venue = make_venue(world.wuhua_union, "近站", lat=25.0, lng=102.0)
    client = Client()
    for path, payload in ((f"/api/v1/stations/{venue.code}/check-in", {"phone": "13912345678",
                                                                        "occupation": "courier"}),
                          (f"/api/v1/stations/{venue.code}/problems", {"category": "dirty"})):
        client.post(path, payload, content_type="application/json")
        response = client.post(path, payload, content_type="application/json")
        assert_problem(response, 429, "rate_limited")
        assert_matches_schema(response, "POST", path)  # 429 is declared for this operation
        assert int(response["Retry-After"]) > 0


def _refuse_duplicates(pairs):
    keys = [key for key, _value in pairs]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"duplicate keys in the OpenAPI document: {duplicates}"
    return dict(pairs)


def test_openapi_document_is_valid_and_has_no_duplicate_keys(db):
    response = Client().get("/api/v1/openapi.json")
    spec = json.loads(response.content, object_pairs_hook=_refuse_duplicates)
    validate(spec)  # openapi-spec-validator: OpenAPI 3.1
    exports = ["/api/v1/persons/export", "/api/v1/mutual-aid/payout-batches/{batch_id}/export",
               "/api/v1/mutual-aid/reports/periods/{period_id}/export"]
    for path in exports:  # the file types they answer, declared once (ninja's own 200 no longer beside them)
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert content and all(c["schema"]["type"] == "string" for c in content.values())
    assert Client().get("/api/v1/docs").status_code == 200


def _unbounded_integers(node, where: str, spec: dict, seen: set):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref and ref not in seen:
            seen.add(ref)
            yield from _unbounded_integers(spec["components"]["schemas"][ref.rsplit("/", 1)[-1]], ref, spec, seen)
        if node.get("type") == "integer" and not ("minimum" in node and "maximum" in node):
            yield where
        for key, value in node.items():
            yield from _unbounded_integers(value, f"{where}/{key}", spec, seen)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _unbounded_integers(value, f"{where}/{i}", spec, seen)


def test_every_integer_a_request_carries_is_bounded(db):
    spec = Client().get("/api/v1/openapi.json").json()
    unbounded = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            request_side = {"parameters": operation.get("parameters", []),
                            "requestBody": operation.get("requestBody", {})}
            unbounded += list(_unbounded_integers(request_side, f"{method} {path}", spec, set()))
    assert not unbounded, unbounded


def test_required_reasons_are_declared_non_blank(world, as_token):
    """What a service strips and refuses as missing is refused by the schema, as the document says."""
    from gonghui.members.models import Person

    api = as_token("county_officer")
    person = Person.objects.filter(current_org=world.wuhua_union).first()
    for reason in ("", "   "):
        body = assert_problem(api.post(f"/persons/{person.pk}/reveal", {"field": "phone", "reason": reason}), 422,
                              "validation_failed")
        assert body["errors"][0]["loc"][-1] == "reason"
    spec = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("RevealIn", "RefusalIn", "VenueReturnIn"):
        field = spec[name]["properties"].get("reason") or spec[name]["properties"]["comment"]
        assert field["minLength"] == 1 and field["pattern"] == r"\S", name


def test_money_is_a_json_string_with_its_pattern(db):
    from gonghui.mutual_aid.api.schemas import PaymentIn

    spec = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert spec["PaymentIn"]["properties"]["amount"]["type"] == "string"
    assert PaymentIn.model_validate({"amount": "1234.50", "reference": "x"}).amount == Decimal("1234.50")
    for refused in (1234.5, "0", "0.00", "-1", "1.234", "", "1e3"):
        with pytest.raises(PydanticValidationError):
            PaymentIn.model_validate({"amount": refused, "reference": "x"})


def test_no_two_api_schemas_share_a_name(db):
    """The OpenAPI document names each schema by its class: two apps' classes of one name would silently show
    one shape for both (a module's RevealIn once replaced the members' one)."""
    from ninja import Schema

    Client().get("/api/v1/openapi.json")  # every router mounted
    modules: dict[str, set[str]] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("gonghui."):
                modules.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}
