"""The rights objects the matrix calls routes with: one case inside the Wuhua county officer's scope, one in the
sibling county (Panlong), in the states the routes need. Keys are the ``obj`` names used in routes_rights.py."""

from gonghui.rights.roles import RIGHTS_PAPERS, RIGHTS_VIEW

VIEW_PERMISSION = {"rights_case": RIGHTS_VIEW, "rights_accepted": RIGHTS_VIEW, "rights_open": RIGHTS_VIEW,
                   "rights_paper": RIGHTS_PAPERS, "rights_worker_case": RIGHTS_VIEW,
                   "rights_own_case": RIGHTS_VIEW, "rights_court": RIGHTS_VIEW, "rights_mediation": RIGHTS_VIEW,
                   "rights_closed": RIGHTS_VIEW, "rights_refused": RIGHTS_VIEW, "rights_instalment": RIGHTS_VIEW}


def build_objects(world) -> dict:
    import datetime
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from gonghui.core.models import Attachment
    from gonghui.members.models import Person
    from gonghui.rights.models import CourtMediation, Instalment
    from gonghui.rights.tests import factories

    sides = {}
    from gonghui.rights.tests.factories import make_case_worker
    from tests.fixtures import make_user

    for county, username in ((world.wuhua, "matrix_lawyer_in"), (world.panlong, "matrix_lawyer_out")):
        make_case_worker(county, make_user(username, roles=[(county, "rights_case_worker")]), name="矩阵律师")
    worker_person = Person.objects.get(user=world.user("worker"))
    for side, union, person in (("inside", world.wuhua_union, Person.objects.get(name="李娜")),
                                ("outside", world.panlong_union, Person.objects.get(name="王芳"))):
        case = factories.make_case(world, org=union, person=person, employer_name=f"{side}矩阵建筑公司")
        accepted = factories.make_case(world, org=union, person=person, state="accepted")
        open_case = factories.make_case(world, org=union, person=person, state="in_progress")
        paper = Attachment(owner_type="rights.legalcase", owner_id=str(case.pk), org_path=union.path,
                           kind="rights.paper", content_type="image/png", size=8, sha256="0" * 64)
        paper.file.save(f"rights-matrix-{side}.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
        paper.save()
        court = factories.make_case(world, org=union, person=person, state="in_progress", channel="court",
                                    court_name="五华区人民法院", court_case_number="(2026)云0102民初1号")
        mediation = CourtMediation.objects.create(case=court, state="mediating")
        closed = factories.make_case(world, org=union, person=person, state="closed", outcome="agreement",
                                     amount_recovered=Decimal("9000.00"), reached_worker=False)
        instalment = Instalment.objects.create(case=closed, due_on=datetime.date(2026, 12, 31),
                                               amount=Decimal("3000.00"))
        refused = factories.make_case(world, org=union, person=person, state="refused", refusal_reason="not_labour",
                                      decided_on=datetime.date(2026, 12, 1))
        sides[side] = {"rights_refused": refused, "rights_court": court, "rights_mediation": mediation,
                       "rights_closed": closed,
                       "rights_instalment": instalment, "rights_case": case, "rights_accepted": accepted,
                       "rights_open": open_case,
                       "rights_paper": paper,
                       # worker pages are called with someone else's case (the worker's own: rights' tests)
                       "rights_worker_case": case,
                       "rights_own_case": factories.make_case(world, org=union, person=worker_person)}
    return sides


def marker_text(obj) -> str | None:
    from gonghui.rights.models import LegalCase

    if isinstance(obj, LegalCase):
        return obj.reference
    return None
