"""The objects each matrix row is called with: one inside the Wuhua county officer's part of the tree and one in
the sibling county (Panlong), so every actor meets an object in scope and one out of it.

This module holds the members' and the platform's objects; each business app keeps its own in
``objects_<app>.py`` with the same three names (``build_objects``, ``VIEW_PERMISSION``, ``marker_text``, and
optionally ``before_route``), found by the harness by that name (harness.object_modules)."""

from gonghui.core import roles
from gonghui.members import services as member_services
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.members.tests.factories import make_unit
from gonghui.orgs.models import RoleAssignment
from gonghui.orgs.services import create_grassroots

# What an actor needs to know an object exists at all; without it the answer must be exactly 404.
VIEW_PERMISSION = {"person": roles.MEMBERS_VIEW, "unit": roles.MEMBERS_VIEW, "membership": roles.MEMBERS_VIEW,
                   "transfer": roles.MEMBERS_VIEW, "org": roles.ORGS_VIEW, "assignment": roles.ROLES_VIEW,
                   "role_request": roles.ROLES_VIEW, "identity_conflict": roles.MEMBERS_VIEW,
                   "attachment": roles.MEMBERS_VIEW}

OUTSIDE_MARKER = "王芳"  # the out-of-scope person's name: must never appear in an out-of-scope actor's answer


def build_objects(world) -> dict:
    """Return {"inside": {kind: obj}, "outside": {kind: obj}}."""
    inside_person = Person.objects.get(name="李娜")
    outside_person = Person.objects.get(name=OUTSIDE_MARKER)
    outside_unit = make_unit(world.panlong_union, "盘龙测试物流有限公司")
    panlong_union2 = create_grassroots(parent=world.panlong, name="盘龙区第二测试工会")
    admin = world.user("province_admin")
    inside_transfer = member_services.transfer_request(actor=admin, person=inside_person,
                                                       to_org=world.wuhua_union2, reason="matrix")
    outside_transfer = member_services.transfer_request(actor=admin, person=outside_person, to_org=panlong_union2,
                                                        reason="matrix")
    from gonghui.core.auth.tokens import token_create

    token, _raw = token_create(user=world.user("county_officer"), name="matrix")
    session = _signed_in_session(world.user("county_officer"))
    job = _import_job(world.user("county_officer"))
    from gonghui.orgs.models import RoleRequest
    from tests.fixtures import make_user

    # grants of a money role awaiting a second person, asked by a security administrator outside the actors
    asker = make_user("matrix_security", roles=[(world.province, "security_admin")])
    inside_request = RoleRequest.objects.create(user=make_user("matrix_grantee_in"), org=world.wuhua_union,
                                                role="mutual_aid_cashier", requested_by=asker)
    outside_request = RoleRequest.objects.create(user=make_user("matrix_grantee_out"), org=world.panlong_union,
                                                 role="mutual_aid_cashier", requested_by=asker)
    from gonghui.core import notify

    message = notify(world.user("county_officer"), "core.account_locked", None, {"minutes": 15})
    conflicts = {side: _identity_conflict(org, f"13700000{n}11", name) for side, org, n, name in (
        ("inside", world.wuhua_union, 1, "矩阵冲突甲"), ("outside", world.panlong_union, 2, "矩阵冲突乙"))}
    files = {side: _attachment(world, person) for side, person in (("inside", inside_person),
                                                                    ("outside", outside_person))}
    objects = {
        "inside": {
            "token": token,
            "session": session,
            "job": job,
            "message": message,
            "person": inside_person,
            "unit": Unit.objects.filter(org=world.wuhua_union).first(),
            "org": world.wuhua_union,
            "transfer": inside_transfer,
            "membership": Membership.objects.get(person=inside_person, status="active"),
            "assignment": RoleAssignment.objects.get(user=world.user("grassroots_officer")),
            "role_request": inside_request,
            "identity_conflict": conflicts["inside"],
            "attachment": files["inside"],
        },
        "outside": {
            "token": token,
            "session": session,
            "job": job,
            "message": message,
            "person": outside_person,
            "unit": outside_unit,
            "org": world.panlong_union,
            "transfer": outside_transfer,
            "membership": Membership.objects.get(person=outside_person, status="active"),
            "assignment": RoleAssignment.objects.get(user=world.user("sibling_officer")),
            "role_request": outside_request,
            "identity_conflict": conflicts["outside"],
            "attachment": files["outside"],
        },
    }
    return objects


def _identity_conflict(org, phone, name):
    """A union record that met a self-registered identity (issue 19 §3): the account detached, to resolve."""
    from gonghui.members.models import IdentityConflict
    from gonghui.members.tests.factories import make_person
    from tests.fixtures import make_user

    person = make_person(org, name)
    account = make_user(f"matrix_squatter_{org.pk}", kind="worker")
    return IdentityConflict.objects.create(person=person, account=account, org=org, source="import",
                                           claimed_name="冒名", claimed_phone=phone, claimed_phone_tail=phone[-4:])


def _attachment(world, person):
    """A member's document (a PDF) on the person: read through /staff/files/<id>/ with members.view."""
    from gonghui.core.attachments import attachment_add

    return attachment_add(actor=world.user("province_admin"), owner=person, kind="members.person_document",
                          upload=b"%PDF-1.4\nmatrix\n%%EOF\n")


def _import_job(owner):
    """A checked import with errors and a report, owned by one user (jobs are seen by their creator only)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gonghui.core.models import Job

    report = default_storage.save("imports/reports/matrix.xlsx", ContentFile(b"PK matrix"))
    return Job.objects.create(kind="members.import_preview", created_by=owner, status=Job.Status.SUCCEEDED,
                              params={"filename": "matrix.xlsx"}, result={"rows": 1, "errors": 1, "report": report})


def open_transfer(objects: dict, side: str) -> Transfer:
    return objects[side]["transfer"]


def marker_text(obj) -> str:
    """The text that would give an out-of-scope object away in a list (asked after the apps' marker_text)."""
    from gonghui.members.models import IdentityConflict
    from gonghui.orgs.models import RoleRequest

    if isinstance(obj, RoleAssignment | RoleRequest):
        return obj.user.username
    if isinstance(obj, IdentityConflict):
        return obj.person.name
    if isinstance(obj, Transfer):
        return obj.person.name
    return obj.name


def _signed_in_session(user):
    """A session of ``user`` elsewhere (another browser), as the sessions page lists it."""
    from django.contrib.sessions.backends.db import SessionStore

    from gonghui.core.models import UserSession

    store = SessionStore()
    store.create()
    return UserSession.objects.create(user=user, session_key=store.session_key, ip="192.0.2.7",
                                      user_agent="matrix browser")
