"""Staff and worker pages: the queue with filters and export, intake, the case page, the worker's apply, follow and
rate; permissions over anonymous, worker, staff without and with the permission; confidential papers; query counts."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.fixtures import make_user, sign_in

from gonghui.core.models import AuditEvent
from gonghui.rights import services
from gonghui.rights.models import LegalCase
from gonghui.rights.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, officer):
    return sign_in(client, officer)


def test_queue_filters_search_and_sla(staff, world):
    wage = factories.make_case(world, credit_code=factories.CREDIT_CODE)
    factories.make_case(world, dispute_type="overtime", employer_name="另一家公司")
    page = staff.get(reverse("rights:queue"), {"dispute_type": "wage_arrears"}).content.decode()
    assert wage.reference in page and "另一家公司" not in page
    page = staff.get(reverse("rights:queue"), {"q": "zw"}).content.decode()  # initials of 张伟
    assert wage.reference in page
    page = staff.get(reverse("rights:queue"), {"q": factories.CREDIT_CODE}).content.decode()
    assert wage.reference in page and "另一家公司" not in page


def test_queue_query_count_does_not_grow(staff, world, django_assert_max_num_queries):
    for _ in range(3):
        factories.make_case(world)
    with django_assert_max_num_queries(20) as few:
        staff.get(reverse("rights:queue"))
    for _ in range(20):
        factories.make_case(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff.get(reverse("rights:queue"))


def test_export_is_a_real_workbook_and_audited(staff, world):
    case = factories.make_case(world, claimed="12345.67")
    response = staff.get(reverse("rights:export"))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][0] == case.reference and float(rows[1][10]) == 12345.67
    assert AuditEvent.objects.filter(action="rights.export").exists()


def test_intake_page_takes_a_case_in(staff, world):
    person = factories.worker_person(world)
    response = staff.post(reverse("rights:intake"), {
        "org": world.wuhua_union.pk, "person_id": person.pk, "channel": "phone", "dispute_type": "dismissal",
        "case_type": "arbitration", "employer_name": "某物流公司", "amount_claimed": "8,000", "urgency": "urgent",
        "workers_involved": 1, "summary": "被无故辞退", "paper": factories.png_upload()})
    case = LegalCase.objects.get(employer_name="某物流公司")
    assert response.status_code == 302 and case.channel == "phone" and str(case.amount_claimed) == "8000.00"
    page = staff.get(reverse("rights:case_detail", args=[case.pk])).content.decode()
    assert case.reference in page and "paper.png" in page


def test_case_page_steps_refuse_and_letter(staff, world):
    case = factories.make_case(world)
    staff.post(reverse("rights:case_transition", args=[case.pk]), {"transition": "review", "comment": "审查"})
    staff.post(reverse("rights:case_refuse", args=[case.pk]), {"reason": "time_barred", "comment": "超过时效"})
    case.refresh_from_db()
    assert case.state == "refused"
    letter = staff.get(reverse("rights:letter", args=[case.pk, "refusal"]))
    assert letter["Content-Type"] == "application/pdf" and "no-store" in letter["Cache-Control"]


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("worker", 404), ("staff_no_role", 404),
                                         ("sibling_officer", 404), ("county_officer", 200)])
def test_case_page_permissions(client, world, who, status):
    case = factories.make_case(world)
    if who != "anonymous":
        sign_in(client, world.user(who))
    response = client.get(reverse("rights:case_detail", args=[case.pk]))
    assert response.status_code == status


def test_papers_are_confidential(client, world, officer, lawyer):
    """Only the responsible officers and the assigned lawyer read papers; each read is audited."""
    user, worker = lawyer
    case = factories.make_case(world, state="accepted")
    paper = services.paper_add(actor=officer, case=case, upload=factories.png_upload())
    url = reverse("rights:paper", args=[case.pk, paper.pk])
    other = make_user("other_lawyer", roles=[(world.wuhua, "rights_case_worker")])
    viewer = make_user("rights_viewer", roles=[(world.wuhua, "viewer")])
    assert sign_in(client, other).get(url).status_code == 404  # not assigned: the case is out of sight
    assert sign_in(client, viewer).get(url).status_code == 404  # sees the case, not its papers
    assert "paper.png" not in client.get(reverse("rights:case_detail", args=[case.pk])).content.decode()
    assert sign_in(client, user).get(url).status_code == 404  # not yet assigned
    services.case_assign(actor=officer, case=case, case_worker=worker)
    before = AuditEvent.objects.filter(action="attachment.read").count()
    assert sign_in(client, user).get(url).status_code == 200
    assert sign_in(client, officer).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="attachment.read").count() == before + 2


def test_worker_applies_follows_and_rates(client, world, officer, lawyer):
    worker_user = world.user("worker")
    sign_in(client, worker_user)
    response = client.post(reverse("m_rights:apply"), {
        "dispute_type": "wage_arrears", "employer_name": "某外卖站点", "amount_claimed": "4200",
        "urgency": "normal", "summary": "两个月工资没发", "paper": factories.png_upload("slip.png")})
    case = LegalCase.objects.get(employer_name="某外卖站点")
    assert response.status_code == 302 and case.channel == "mobile"
    page = client.get(reverse("m_rights:case_detail", args=[case.pk])).content.decode()
    assert case.reference in page and "slip.png" in page
    user, cw = lawyer
    services.case_accept(actor=officer, case=case)
    services.case_assign(actor=officer, case=case, case_worker=cw)
    services.case_close(actor=user, case=case, outcome="withdrawn")
    sign_in(client, worker_user)
    client.post(reverse("m_rights:rate", args=[case.pk]), {"rating": "4", "comment": "及时"})
    case.refresh_from_db()
    assert case.rating == 4
    other = factories.make_case(world, person=factories.worker_person(world).__class__.objects.get(name="李娜"))
    assert client.get(reverse("m_rights:case_detail", args=[other.pk])).status_code == 404


def test_employers_and_caseload_pages(staff, world, lawyer):
    factories.make_case(world, credit_code=factories.CREDIT_CODE)
    assert factories.CREDIT_CODE in staff.get(reverse("rights:employers")).content.decode()
    assert "李律师" in staff.get(reverse("rights:caseload")).content.decode()


def test_member_panel_shows_the_persons_cases(staff, world):
    case = factories.make_case(world)
    page = staff.get(reverse("members:person_detail", args=[case.person_id])).content.decode()
    assert case.reference in page


def test_the_worker_never_reads_staff_remarks_only_what_is_meant_for_them(world, client):
    from django.urls import reverse
    from tests.fixtures import sign_in

    from gonghui.rights import services
    from gonghui.rights.tests import factories as rf

    case = rf.make_case(world)
    officer = world.user("province_admin")
    services.case_review(actor=officer, case=case, comment="内部：雇主可能是老赖，先查征信")
    sign_in(client, world.user("worker"))
    services.case_ask_worker(actor=officer, case=case, comment="请上传劳动合同")
    page = client.get(reverse("m_rights:case_detail", args=[case.pk])).content.decode()
    assert "老赖" not in page
    assert "请上传劳动合同" in page  # what the worker is asked for, they read
