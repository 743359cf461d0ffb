"""Skills contests: quotas, registration, judges' scores, publication (ranking, titles, promotion, certificates),
scores locked once published, corrections by a second person with history; certificate PDF and public check."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.core.errors import NotFound
from gonghui.core.models import Message, WorkflowLog
from gonghui.workforce import services
from gonghui.workforce.errors import (
    AlreadyRegistered,
    ContestNotOpen,
    CorrectionNeedsPublished,
    NoQuota,
    NotScoring,
    QuotaFull,
    ScoresLocked,
    SecondPersonRequired,
    WeightsInvalid,
)
from gonghui.workforce.models import ContestEntry, JudgeScore, SkillCertification

from .factories import world_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return world_people()


@pytest.fixture
def contest(world, people):
    admin = world.user("province_admin")
    edition = services.edition_create(actor=admin, org=world.kunming, number=5, year=2025,
                                      title="第五届昆明市职工职业技能大赛")
    trade = services.trade_add(actor=admin, edition=edition, trade="电工", promotion_level=4)
    services.quota_set(actor=admin, trade=trade, org=world.wuhua, places=2)
    return trade


def _score(trade, entry, judges, theory, practice):
    for judge, t, p in zip(judges, theory, practice, strict=True):
        services.score_enter(actor=judge, entry=entry, part="theory", score=t)
        services.score_enter(actor=judge, entry=entry, part="practice", score=p)


def test_rules_of_a_trade(world, contest):
    with pytest.raises(WeightsInvalid):
        services.trade_add(actor=world.user("province_admin"), edition=contest.edition, trade="焊工",
                           theory_weight=40, practice_weight=70)


def test_registration_under_quota(world, people, contest):
    officer = world.user("county_officer")
    entry = services.entry_register(actor=officer, trade=contest, person=people["张伟"])
    assert entry.quota.org == world.wuhua
    assert Message.objects.filter(event="workforce.contest_registered", recipient=world.user("worker")).exists()
    with pytest.raises(AlreadyRegistered):
        services.entry_register(actor=officer, trade=contest, person=people["张伟"])
    services.entry_register(actor=officer, trade=contest, person=people["李娜"])
    from gonghui.members.tests.factories import make_person

    third = make_person(world.wuhua_union, "赵敏")
    with pytest.raises(QuotaFull):
        services.entry_register(actor=officer, trade=contest, person=third)
    with pytest.raises(NotFound):  # Panlong is not the Wuhua officer's
        services.entry_register(actor=officer, trade=contest, person=people["王芳"])
    with pytest.raises(NoQuota):  # Panlong has no places
        services.entry_register(actor=world.user("province_admin"), trade=contest, person=people["王芳"])


def test_scoring_publication_titles_promotion_and_lock(world, people, contest):
    admin, officer = world.user("province_admin"), world.user("county_officer")
    from tests.fixtures import make_user

    judges = [admin, world.user("prefecture_officer"), make_user("judge3", roles=[(world.kunming, "member_officer")])]
    first = services.entry_register(actor=officer, trade=contest, person=people["张伟"])
    second = services.entry_register(actor=officer, trade=contest, person=people["李娜"])
    with pytest.raises(NotScoring):
        services.score_enter(actor=admin, entry=first, part="theory", score=90)
    services.trade_close(actor=admin, trade=contest)
    with pytest.raises(ContestNotOpen):
        services.entry_register(actor=officer, trade=contest, person=people["张伟"])
    _score(contest, first, judges, [90, 80, 10], [95, 90, 100])   # theory 80 (only middle), practice 95
    _score(contest, second, judges, [85, 85, 85], [90, 91, 92])   # theory 85, practice 91
    services.score_enter(actor=judges[2], entry=first, part="theory", score=70)  # the judge corrects themself
    services.trade_publish(actor=admin, trade=contest)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.theory_score, first.practice_score, first.final_score) == (Decimal("80.00"), Decimal("95.00"),
                                                                             Decimal("90.50"))
    assert (first.rank, first.title, second.rank, second.title) == (1, "champion", 2, "expert")
    assert first.certificate_token and second.certificate_token
    promoted = SkillCertification.objects.get(person=people["张伟"], trade="电工", level=4)
    assert promoted.source == "contest"
    assert Message.objects.filter(event="workforce.certificate_issued").count() == 1  # 李娜 has no account
    with pytest.raises(ScoresLocked):
        services.score_enter(actor=judges[0], entry=first, part="theory", score=100)
    # a correction: asked by one person, decided by another, with history; the ranking follows
    score = JudgeScore.objects.get(entry=second, part="practice", judge=judges[1])
    correction = services.correction_request(actor=judges[1], score=score, new_score=99, reason="录入错误")
    with pytest.raises(SecondPersonRequired):
        services.correction_decide(actor=judges[1], correction=correction, approve=True)
    services.correction_decide(actor=admin, correction=correction, approve=True, comment="核实无误")
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.practice_score == Decimal("92.00") and second.final_score == Decimal("89.90")
    assert (first.rank, second.rank) == (1, 2)
    steps = list(WorkflowLog.objects.filter(workflow="workforce_score_correction").values_list("transition",
                                                                                               flat=True))
    assert sorted(steps) == ["approve", "create"]
    assert SkillCertification.objects.filter(person=people["张伟"], trade="电工").count() == 1  # promoted once


def test_corrections_only_after_publication(world, people, contest):
    admin = world.user("province_admin")
    entry = services.entry_register(actor=admin, trade=contest, person=people["张伟"])
    services.trade_close(actor=admin, trade=contest)
    score = services.score_enter(actor=admin, entry=entry, part="theory", score=60)
    with pytest.raises(CorrectionNeedsPublished):
        services.correction_request(actor=admin, score=score, new_score=70, reason="x")


def test_certificate_pdf_and_public_check(client, login, world, people, contest):
    from pypdf import PdfReader

    admin = world.user("province_admin")
    entry = services.entry_register(actor=admin, trade=contest, person=people["张伟"])
    services.trade_close(actor=admin, trade=contest)
    _score(contest, entry, [admin], [90], [90])
    services.trade_publish(actor=admin, trade=contest)
    entry.refresh_from_db()
    worker = login(world.user("worker"))
    listing = worker.get(reverse("m_workforce:certificates")).content.decode()
    assert "电工" in listing
    response = worker.get(reverse("m_workforce:certificate_pdf", args=[entry.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "技术状元" in text and "电工" in text
    public = client.get(reverse("workforce_verify:certificate", args=[entry.certificate_token])).content.decode()
    assert "技术状元" in public or "Technical champion" in public
    assert people["张伟"].name not in public  # the name is shown masked
    assert client.get(reverse("workforce_verify:certificate", args=["forged"])).status_code == 404
    other = ContestEntry.objects.exclude(pk=entry.pk).first()
    assert other is None or worker.get(reverse("m_workforce:certificate_pdf", args=[other.pk])).status_code == 404
    staff = login(world.user("prefecture_officer"))  # the organiser's side (Kunming)
    assert staff.get(reverse("workforce:certificate_pdf", args=[entry.pk])).status_code == 200
    assert login(world.user("sibling_officer")).get(reverse("workforce:certificate_pdf",
                                                            args=[entry.pk])).status_code == 404


def test_contest_results_show_in_the_skills_record(world, people, contest):
    from gonghui.workforce import selectors

    admin = world.user("province_admin")
    entry = services.entry_register(actor=admin, trade=contest, person=people["张伟"])
    services.trade_close(actor=admin, trade=contest)
    _score(contest, entry, [admin], [70], [70])
    services.trade_publish(actor=admin, trade=contest)
    record = selectors.my_skills_record(people["张伟"])
    assert [e.title for e in record["contests"]] == ["champion"]
    assert datetime.date.today() == SkillCertification.objects.get(person=people["张伟"]).certified_on


def test_contest_pages(login, world, people, contest, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.members.tests.factories import make_person

    admin = world.user("province_admin")
    services.entry_register(actor=admin, trade=contest, person=people["张伟"])
    client = login(world.user("prefecture_officer"))
    assert "第五届" in client.get(reverse("workforce:contest_list")).content.decode()
    assert client.get(reverse("workforce:edition_detail", args=[contest.edition_id])).status_code == 200
    url = reverse("workforce:contest_trade", args=[contest.pk])
    page = client.get(url).content.decode()
    assert "张伟" in page and 'value="close"' in page
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    services.quota_set(actor=admin, trade=contest, org=world.wuhua, places=20)
    for i in range(8):
        services.entry_register(actor=admin, trade=contest, person=make_person(world.wuhua_union, f"选手{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    client.post(reverse("workforce:contest_trade_step", args=[contest.pk]), {"transition": "close"})
    contest.refresh_from_db()
    assert contest.state == "scoring"
    entry = ContestEntry.objects.filter(trade=contest).first()
    client.post(reverse("workforce:score_enter", args=[entry.pk]), {"part": "theory", "score": "88.5"})
    assert JudgeScore.objects.get(entry=entry).score == Decimal("88.50")
    assert login(world.user("sibling_officer")).get(url).status_code == 404
