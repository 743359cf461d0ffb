"""Cursor pagination: walks every item once, in order, whatever the page size."""

import pytest

from gonghui.members.models import Person
from gonghui.members.tests.factories import make_person

from .openapi_check import assert_problem


def _walk(api, path, limit, params=None):
    seen, cursor, pages = [], None, 0
    while True:
        query = {**(params or {}), "limit": limit, **({"cursor": cursor} if cursor else {})}
        body = api.get(path, query).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 4, 7, 200])
def test_cursor_walks_all_persons_once(world, as_token, limit):
    for i in range(12):
        make_person(world.wuhua_union, "李娜" if i % 3 else f"测试{i:02d}")  # equal names: ties broken by id
    api = as_token("county_officer")
    seen, pages = _walk(api, "/persons", limit)
    expected = list(Person.objects.filter(current_org__path__startswith=world.wuhua.path)
                    .order_by("name", "id").values_list("id", flat=True))
    assert seen == expected and len(set(seen)) == len(seen) == 14
    assert pages == -(-len(expected) // limit)  # no empty trailing page


@pytest.mark.django_db
def test_descending_ordering_and_filters(world, as_token):
    api = as_token("province_admin")
    seen, _ = _walk(api, "/memberships", 2)
    assert len(seen) == len(set(seen)) == 3
    orgs, _ = _walk(api, "/orgs", 50, {"level": "county"})
    assert len(orgs) == len(set(orgs)) > 100


@pytest.mark.django_db
def test_bad_cursor_and_limit_are_problems(world, as_token):
    api = as_token("county_officer")
    # Outside the cursor's alphabet: the schema says so (validation_failed); in it but not one we gave: invalid_cursor.
    body = assert_problem(api.get("/persons", {"cursor": "!!!"}), 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "cursor"]
    assert assert_problem(api.get("/persons", {"cursor": "xyz"}), 422, "invalid_cursor")["field"] == "cursor"
    assert_problem(api.get("/persons", {"cursor": "WyJ4Il0"}), 422, "invalid_cursor")  # ["x"]: wrong length
    # ["x","y"]: "y" is not an id
    assert_problem(api.get("/persons", {"cursor": "WyJ4IiwieSJd"}), 422, "invalid_cursor")
    assert_problem(api.get("/persons", {"limit": 201}), 422, "validation_failed")
