"""The matrix's proof of "nothing changed" (harness.WriteCapture): a write a refused request makes is caught,
whatever table and however it is sent; what is rolled back, the session and audit entries are not changes."""

import pytest
from django.db import connection, transaction
from django.test import Client

from gonghui.core import audit
from gonghui.members.models import Person
from gonghui.orgs.models import Organisation
from tests.fixtures import sign_in

from .harness import WriteCapture
from .test_authorization_matrix import ROUTES, _call, _check, _url


@pytest.mark.parametrize(("sql", "write"), [
    ('INSERT INTO "members_person" ("name") VALUES (%s)', "INSERT members_person"),
    ("INSERT OR IGNORE INTO members_unit (name) VALUES (1)", "INSERT members_unit"),
    ('UPDATE "orgs_organisation" SET "name" = %s', "UPDATE orgs_organisation"),
    ('DELETE FROM "venues_venue" WHERE id = 1', "DELETE venues_venue"),
    ('TRUNCATE "members_person" CASCADE', "TRUNCATE members_person"),
    ('  update "public"."core_user" set name = 1', "UPDATE core_user"),
    ('UPDATE "core_auditevent" SET "action" = %s', "UPDATE core_auditevent"),
    ("WITH t AS (SELECT 1) DELETE FROM members_person", "? WITH t AS (SELECT 1) DELETE FROM members_person"),
    ("ALTER TABLE members_person ADD COLUMN x int", "? ALTER TABLE members_person ADD COLUMN x int"),
])
def test_every_kind_of_write_statement_is_named(sql, write):
    capture = WriteCapture()
    capture.note(sql)
    assert capture.writes == {write} and capture.changed == {write}


@pytest.mark.parametrize("sql", ['SELECT "id" FROM "members_person" FOR UPDATE', "PRAGMA foreign_keys",
                                 "SET TIME ZONE 'UTC'", "EXPLAIN SELECT 1"])
def test_reads_are_not_writes(sql):
    capture = WriteCapture()
    capture.note(sql)
    assert capture.writes == set()


def test_a_write_through_the_orm_or_a_raw_cursor_is_caught(world):
    with WriteCapture() as capture:
        Organisation.objects.filter(pk=world.panlong_union.pk).update(name="forged")
    assert capture.changed == {"UPDATE orgs_organisation"}
    with WriteCapture() as capture, connection.cursor() as cursor:
        cursor.execute("DELETE FROM members_membership WHERE id = -1")  # matches nothing: still a write statement
    assert capture.changed == {"DELETE members_membership"}


def test_what_a_savepoint_rolled_back_is_not_a_change_but_what_it_released_is(world):
    with WriteCapture() as capture:
        try:
            with transaction.atomic():
                Person.objects.filter(name="王芳").update(name="forged")
                with transaction.atomic():
                    Organisation.objects.filter(pk=world.panlong_union.pk).update(name="forged")
                raise RuntimeError
        except RuntimeError:
            pass
        assert capture.changed == set()
        with transaction.atomic(), transaction.atomic():
            Person.objects.filter(name="王芳").update(name="kept")
    assert capture.changed == {"UPDATE members_person"}


def test_a_failed_statement_wrote_nothing(world):
    from django.db import IntegrityError

    from gonghui.core.models import User

    with WriteCapture() as capture, pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="worker")  # taken
    assert capture.changed == set()


def test_sessions_and_audit_entries_are_not_changes(world, client):
    with WriteCapture() as capture:
        sign_in(client, world.user("sibling_officer"))
        audit.record("auth.logout", actor=world.user("sibling_officer"), obj=world.user("sibling_officer"))
    # a sign-in writes last_login and the session's record (core.UserSession), which the matrix does before capturing
    assert "INSERT core_auditevent" in capture.writes
    assert capture.changed <= {"UPDATE core_user", "INSERT core_usersession", "DELETE core_usersession"}


class ForgedWrite:
    """A middleware that renames an organisation on every request, whatever the answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        Organisation.objects.filter(name="五华区测试公司工会").update(name="forged")
        return self.get_response(request)


def test_the_matrix_fails_a_refused_request_that_wrote(world, settings):
    """The matrix's own request and check, on a refused request that answers 404 as it should but wrote."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.ForgedWrite"]
    route = ROUTES["members:unit_detail"]
    obj = world.wuhua_union.units.first()
    client = sign_in(Client(), world.user("sibling_officer"))
    url = _url(route, obj)
    response, changed = _call(client, route, url, obj, world)
    assert response.status_code == 404 and changed == {"UPDATE orgs_organisation"}
    with pytest.raises(AssertionError, match="a refused request changed data"):
        _check(route, "sibling_officer", world.user("sibling_officer"), response, obj, "inside", changed)
    assert Organisation.objects.filter(name="forged").count() == 0  # and the matrix rolled it back
