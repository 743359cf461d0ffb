"""The shared test world: Yunnan's tree, grassroots unions in two sibling counties and one far county, and one
user for each kind of actor in the authorization matrix.

The world is built once per test database (once per xdist worker), committed, and every test runs in a
transaction that is rolled back at its end, so each test sees the same world and never another test's changes.
A ``transaction=True`` test commits and Django flushes the database after it; the next database test finds the
world gone and it is built again before that test's transaction starts (``pytest_runtest_setup`` below).
A test that needs a database without the world (the demo builds its own) asks for ``empty_db``.
"""

from contextlib import contextmanager
from dataclasses import dataclass, fields

import pyotp
import pytest
from django.utils import timezone

from gonghui.core.auth.policy import SESSION_SECOND_FACTOR_OK
from gonghui.core.models import User
from gonghui.members.tests.factories import make_person, make_unit
from gonghui.orgs.models import Organisation, RoleAssignment
from gonghui.orgs.services import create_grassroots, load_federation_tree

PASSWORD = "Gonghui#2026"


@dataclass
class World:
    province: Organisation
    kunming: Organisation
    wuhua: Organisation          # county
    panlong: Organisation        # sibling county of wuhua
    wuhua_union: Organisation    # grassroots in wuhua
    wuhua_union2: Organisation   # second grassroots in wuhua
    panlong_union: Organisation  # grassroots in panlong (out of scope for the wuhua officer)
    users: dict

    def user(self, key: str) -> User:
        return self.users[key]


def make_user(username: str, *, kind: str = "staff", roles: list[tuple[Organisation, str]] = (),
              totp: bool = False, password_expired: bool = False) -> User:
    """A user with a current password (unless ``password_expired``) and, with ``totp``, a confirmed second
    factor."""
    user = User.objects.create_user(username=username, password=PASSWORD, kind=kind, display_name=username)
    user.password_changed_at = None if password_expired else timezone.now()
    if totp:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "password_changed_at"])
    for org, role in roles:
        RoleAssignment.objects.create(user=user, org=org, role=role)
    return user


def build_world() -> World:
    province = load_federation_tree()
    kunming = Organisation.objects.get(division_id="530100")
    wuhua = Organisation.objects.get(division_id="530102")
    panlong = Organisation.objects.get(division_id="530103")
    wuhua_union = create_grassroots(parent=wuhua, name="五华区测试公司工会")
    wuhua_union2 = create_grassroots(parent=wuhua, name="五华区快递联合工会", kind=Organisation.Kind.JOINT)
    panlong_union = create_grassroots(parent=panlong, name="盘龙区测试公司工会")
    users = {
        "province_admin": make_user("province_admin", roles=[(province, "org_admin")], totp=True),
        "prefecture_officer": make_user("prefecture_officer", roles=[(kunming, "member_officer")], totp=True),
        "county_officer": make_user("county_officer", roles=[(wuhua, "org_admin")], totp=True),
        "sibling_officer": make_user("sibling_officer", roles=[(panlong, "org_admin")], totp=True),
        "grassroots_officer": make_user("grassroots_officer", roles=[(wuhua_union, "member_officer")]),
        "auditor": make_user("auditor", roles=[(province, "auditor")], totp=True),
        "staff_no_role": make_user("staff_no_role"),
    }
    unit = make_unit(wuhua_union, "五华测试科技有限公司")
    worker_user = make_user("worker", kind="worker")
    make_person(wuhua_union, "张伟", unit=unit, user=worker_user)
    users["worker"] = worker_user
    make_person(wuhua_union, "李娜", unit=unit)
    make_person(panlong_union, "王芳", region="530103")
    return World(province, kunming, wuhua, panlong, wuhua_union, wuhua_union2, panlong_union, users)


# --- the world, built once per test database -------------------------------------------------------------

ORG_FIELDS = [f.name for f in fields(World) if f.name != "users"]


@dataclass(frozen=True)
class WorldHandle:
    """Primary keys of the committed world, and the tables it fills (emptied by ``empty_db``)."""

    orgs: dict[str, int]
    users: dict[str, int]
    tables: tuple[str, ...]

    def load(self) -> World:
        """Fresh instances for one test (two queries): no test sees another's in-memory changes."""
        orgs = Organisation.objects.in_bulk(self.orgs.values())
        users = User.objects.in_bulk(self.users.values())
        return World(**{name: orgs[pk] for name, pk in self.orgs.items()},
                     users={key: users[pk] for key, pk in self.users.items()})

    def present(self) -> bool:
        """False after a transactional test's flush (or anything else that removed the world)."""
        return User.objects.filter(pk=self.users["worker"]).exists()


_HANDLE: WorldHandle | None = None


def _row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def install_world() -> WorldHandle:
    """Build the world into the test database and commit it (reused as is when --reuse-db kept one)."""
    from django.db import transaction

    global _HANDLE
    with transaction.atomic():
        before = _row_counts()
        existing = User.objects.filter(username="worker", kind=User.Kind.WORKER).exists()
        built = _find_world() if existing else build_world()
        after = _row_counts()
    filled = {table for table, count in after.items() if count > before.get(table, 0)}
    _HANDLE = WorldHandle(orgs={name: getattr(built, name).pk for name in ORG_FIELDS},
                          users={key: user.pk for key, user in built.users.items()},
                          tables=tuple(sorted(filled | _WORLD_TABLES_ALWAYS)))
    return _HANDLE


# The world's tables, named too because a world kept by --reuse-db adds no new rows to count.
_WORLD_TABLES_ALWAYS = {"core_user", "orgs_organisation", "orgs_division", "orgs_roleassignment",
                        "members_person", "members_membership", "members_unit"}


def _find_world() -> World:
    """The world a previous run left in a kept database (--reuse-db)."""
    orgs = {
        "province": Organisation.objects.get(division_id="530000"),
        "kunming": Organisation.objects.get(division_id="530100"),
        "wuhua": Organisation.objects.get(division_id="530102"),
        "panlong": Organisation.objects.get(division_id="530103"),
        "wuhua_union": Organisation.objects.get(name="五华区测试公司工会"),
        "wuhua_union2": Organisation.objects.get(name="五华区快递联合工会"),
        "panlong_union": Organisation.objects.get(name="盘龙区测试公司工会"),
    }
    users = {user.username: user for user in User.objects.filter(username__in=ACTOR_USERNAMES)}
    return World(**orgs, users=users)


ACTOR_USERNAMES = ("province_admin", "prefecture_officer", "county_officer", "sibling_officer",
                   "grassroots_officer", "auditor", "staff_no_role", "worker")


def world_handle() -> WorldHandle:
    """The committed world's handle (for fixtures of a wider scope than a test, e.g. the matrix's objects)."""
    assert _HANDLE is not None, "the test database (and its world) is not set up yet"
    return _HANDLE


_BLOCKER = None  # pytest-django's database blocker, kept for the setup hook below


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _test_settings):
    """pytest-django's test databases, then the world built into them once (per xdist worker)."""
    global _BLOCKER
    _BLOCKER = django_db_blocker
    with django_db_blocker.unblock():
        install_world()


def _uses_db(item) -> bool:
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(names))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's fixtures (and so before its transaction): rebuild the world if a transactional test
    flushed it. One cheap query per database test."""
    if _HANDLE is not None and _uses_db(item):
        from django.db import connection

        with _BLOCKER.unblock():
            # Inside a shared_transaction the world may be gone on purpose (the demo's module empties it).
            if not connection.in_atomic_block and not _HANDLE.present():
                install_world()


@contextmanager
def shared_transaction(django_db_blocker):
    """For a module-scoped fixture: data that many tests share, built once inside a transaction kept open around
    those tests (each test's own transaction becomes a savepoint inside it) and rolled back after the last, as
    Django's ``TestCase.setUpTestData`` does for a class. Not for ``transaction=True`` tests."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield  # the fixture builds its data with the blocker unblocked, and yields it with the blocker as it was
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(db) -> World:
    """The shared world, as fresh instances read by primary key (built once: see the module's docstring)."""
    return world_handle().load()


def remove_world() -> None:
    """Delete the world's rows, inside the open transaction (so they are back when it rolls back). DELETE, not
    TRUNCATE: foreign keys are checked at commit, which never comes, and PostgreSQL's TRUNCATE would cascade to
    every table and refuse to run after deferred checks are queued."""
    from django.db import connection

    assert connection.in_atomic_block, "the world is removed only inside a transaction that will roll back"
    with connection.cursor() as cursor:
        for table in world_handle().tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture
def empty_db(db):
    """A database without the world, for the few tests that build everything themselves (the demo, the
    federation tree): the world's rows are deleted inside the test's transaction."""
    from django.db import connection

    assert not connection.savepoint_ids, "empty_db inside a shared_transaction: it would empty the shared data"
    remove_world()


def sign_in(client, user):
    """force_login plus the second factor marked done: a session that owes no sign-in step (the user's own
    password_changed_at still decides about expiry)."""
    client.force_login(user)
    session = client.session
    session[SESSION_SECOND_FACTOR_OK] = True
    session.save()
    return client


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as the staff pages expect (password current, second factor
    done) and returns it."""

    def _login(user):
        if user.password_changed_at is None:
            user.password_changed_at = timezone.now()
            user.save(update_fields=["password_changed_at"])
        return sign_in(client, user)

    return _login
