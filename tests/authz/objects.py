"""The objects each matrix row is called with: one inside the Wuhua county officer's part of the tree and one in
the sibling county (Panlong), so every actor meets an object in scope and one out of it."""

from gonghui.members import services as member_services
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.members.tests.factories import make_unit
from gonghui.orgs.models import RoleAssignment
from gonghui.orgs.services import create_grassroots

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
    from gonghui.orgs.models import RoleRequest
    from tests.fixtures import make_user

    # grants of a money role awaiting a second person, asked by a security administrator outside the actors
    asker = make_user("matrix_security", roles=[(world.province, "security_admin")])
    inside_request = RoleRequest.objects.create(user=make_user("matrix_grantee_in"), org=world.wuhua_union,
                                                role="mutual_aid_cashier", requested_by=asker)
    outside_request = RoleRequest.objects.create(user=make_user("matrix_grantee_out"), org=world.panlong_union,
                                                 role="mutual_aid_cashier", requested_by=asker)
    job = _import_job(world.user("county_officer"))
    from gonghui.core import notify

    message = notify(world.user("county_officer"), "core.account_locked", None, {"minutes": 15})
    conflicts = {side: _identity_conflict(org, f"13700000{n}11", name) for side, org, n, name in (
        ("inside", world.wuhua_union, 1, "矩阵冲突甲"), ("outside", world.panlong_union, 2, "矩阵冲突乙"))}
    files = {side: _attachment(world, person) for side, person in (("inside", inside_person),
                                                                    ("outside", outside_person))}
    objects = {
        "inside": {
            "token": token,
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
    for module in app_modules():
        extra = module.build_objects(world)
        for side in ("inside", "outside"):
            objects[side].update(extra.get(side, {}))
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


def app_modules() -> list:
    """The other apps' object modules, named by their manifests (authz["objects"]); this one is the foundation's."""
    from gonghui.core import manifest

    return [module for module in manifest.authz_modules("objects") if module.__name__ != __name__]


def open_transfer(objects: dict, side: str) -> Transfer:
    return objects[side]["transfer"]


def marker_text(obj) -> str:
    """The text that would give an out-of-scope object away in a list."""
    from gonghui.orgs.models import RoleAssignment

    for module in app_modules():
        text = module.marker_text(obj)
        if text is not None:
            return text
    from gonghui.orgs.models import RoleRequest

    if isinstance(obj, RoleAssignment | RoleRequest):
        return obj.user.username
    from gonghui.members.models import IdentityConflict

    if isinstance(obj, IdentityConflict):
        return obj.person.name
    if isinstance(obj, Transfer):
        return obj.person.name
    return obj.name
