"""The entry path on the workflow kit: every step, its checks, coded refusal, notifications, exit and return."""

import datetime
from decimal import Decimal

import pytest

from gonghui.assistance import rules, services
from gonghui.assistance.errors import (
    CategoryRequired,
    DocumentsMissing,
    EvidenceRequired,
    NoticeNotOver,
    PersonInAnotherFile,
    ReasonRequired,
)
from gonghui.assistance.models import HardshipFile, HouseholdMember
from gonghui.assistance.workflows import FILE_FLOW
from gonghui.core.errors import InvalidTransition, NotFound, PermissionDenied
from gonghui.core.models import AuditEvent, Message
from gonghui.members.models import Person

from .factories import make_standard
from .helpers import TODAY, attach, exit_evidence, to_checked, to_filed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


@pytest.fixture
def standard():
    return make_standard("530102", TODAY.year, Decimal("700.00"))


def worker_person(world):
    return Person.objects.get(user=world.user("worker"))


def open_file(world, **kwargs):
    defaults = {"county_code": "530102", "causes": ["illness"], "medical_costs": "3000",
                "members": [{"name": "张小伟", "relation": "child", "id_number": "530102201201010016"}]}
    return services.file_open(actor=world.user("grassroots_officer"), org=world.wuhua_union,
                              person=worker_person(world), **{**defaults, **kwargs})


def test_whole_path_from_application_to_exit_and_return(world, standard):
    file = open_file(world)
    assert file.members.count() == 2 and file.state == "applied"
    file = to_filed(world, file)
    assert file.state == "filed" and file.category == "deep" and file.filed_on
    steps = [h.transition for h in FILE_FLOW.history(file)]
    assert steps == ["create", "screen", "visit", "cross_check", "publish", "approve", "file"]
    # the applicant heard of every step
    worker = world.user("worker")
    assert Message.objects.filter(recipient=worker, event="assistance.file_step").count() == 6
    officer = world.user("grassroots_officer")
    with pytest.raises(EvidenceRequired):
        services.file_step(actor=officer, file=file, transition="exit", exit_code="income_above")
    exit_evidence(officer, file)
    with pytest.raises(ReasonRequired):
        services.file_step(actor=officer, file=file, transition="exit", exit_code="")
    file = services.file_step(actor=officer, file=file, transition="exit", exit_code="income_above")
    assert file.state == "exited" and file.follow_up_until > TODAY
    assert not HouseholdMember.objects.filter(file=file, active=True).exists()
    file = services.file_step(actor=officer, file=file, transition="reopen", comment="病情复发")
    file.refresh_from_db()
    assert file.state == "applied" and file.returns == 1 and file.returned_on == TODAY
    assert HouseholdMember.objects.filter(file=file, active=True).count() == 2
    assert [h.transition for h in FILE_FLOW.history(file)][-2:] == ["exit", "reopen"]


def test_cross_check_shows_the_arithmetic_and_an_exclusion_can_only_be_refused(world, standard):
    file = to_checked(world, open_file(world), cross_check={"homes_owned": 2})
    assert file.proposed_category == ""
    log = list(FILE_FLOW.history(file))[-1]
    assert "÷" in log.comment and str(rules.EXCLUSIONS["homes"]) in log.comment
    officer, county = world.user("grassroots_officer"), world.user("county_officer")
    file = services.file_step(actor=officer, file=file, transition="publish", notice_days=1, today=TODAY)
    with pytest.raises(CategoryRequired):
        services.file_step(actor=county, file=file, transition="approve", today=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ReasonRequired):
        services.file_step(actor=county, file=file, transition="refuse")
    file = services.file_step(actor=county, file=file, transition="refuse", refusal_code="excluded")
    assert file.state == "refused"
    message = Message.objects.filter(recipient=world.user("worker")).latest("pk")
    assert message.context["reason"] == "excluded"


def test_visit_needs_photos_and_the_signed_authorisation(world, standard):
    officer = world.user("grassroots_officer")
    file = open_file(world)
    services.file_step(actor=officer, file=file, transition="screen")
    with pytest.raises(DocumentsMissing):
        services.file_step(actor=officer, file=file, transition="visit")
    attach(officer, file, "assistance.visit_photo")
    with pytest.raises(DocumentsMissing):
        services.file_step(actor=officer, file=file, transition="visit")


def test_notice_runs_its_days_and_approval_is_county_level(world, standard):
    file = to_checked(world, open_file(world))
    officer, county = world.user("grassroots_officer"), world.user("county_officer")
    file = services.file_step(actor=officer, file=file, transition="publish", notice_days=5, today=TODAY)
    assert file.notice_until == TODAY + datetime.timedelta(days=5)
    later = TODAY + datetime.timedelta(days=5)
    with pytest.raises(NoticeNotOver):
        services.file_step(actor=county, file=file, transition="approve", today=TODAY)
    # the grassroots officer has no approval permission: 403 in sight
    with pytest.raises(PermissionDenied):
        services.file_step(actor=officer, file=file, transition="approve", today=later)
    stale = HardshipFile.objects.get(pk=file.pk)
    services.file_step(actor=county, file=file, transition="approve", today=later)
    with pytest.raises(InvalidTransition):  # a second click on the page still showing "notice"
        services.file_step(actor=county, file=stale, transition="approve", today=later)
    assert [h.transition for h in FILE_FLOW.history(file)].count("approve") == 1


def test_person_never_in_two_active_files(world, standard):
    open_file(world)
    with pytest.raises(PersonInAnotherFile):
        open_file(world, members=[])
    # a household member of one file cannot be the head or a member of another
    other = Person.objects.get(name="李娜")
    with pytest.raises(PersonInAnotherFile):
        services.file_open(actor=world.user("grassroots_officer"), org=world.wuhua_union, person=other,
                           county_code="530102",
                           members=[{"name": "张小伟", "relation": "child", "id_number": "530102201201010016"}])
    assert HardshipFile.objects.count() == 1


def test_sibling_union_never_sees_or_moves_the_file(world, standard):
    file = open_file(world)
    with pytest.raises(NotFound):
        services.file_step(actor=world.user("sibling_officer"), file=file, transition="screen")
    from gonghui.assistance import selectors

    assert not selectors.file_list(world.user("sibling_officer")).exists()
    assert selectors.file_list(world.user("grassroots_officer")).count() == 1


def test_reveal_is_for_the_sensitive_permission_and_audited(world, standard):
    file = open_file(world)
    with pytest.raises(PermissionDenied):
        services.reveal(actor=world.user("grassroots_officer"), file=file, field="medical_costs", reason="核对")
    assert AuditEvent.objects.filter(action="assistance.file.reveal", result="denied").count() == 1
    value = services.reveal(actor=world.user("county_officer"), file=file, field="medical_costs", reason="核对")
    assert value == "3,000.00"
    event = AuditEvent.objects.filter(action="assistance.file.reveal").latest("pk")
    assert event.detail["reason"] == "核对" and "3000" not in str(event.detail)
    with pytest.raises(NotFound):
        services.reveal(actor=world.user("sibling_officer"), file=file, field="medical_costs", reason="核对")


def test_temporary_file_made_permanent_or_cancelled(world, standard):
    officer = world.user("grassroots_officer")
    file = open_file(world, temporary=True)
    services.file_make_permanent(actor=officer, file=file)
    assert not HardshipFile.objects.get(pk=file.pk).temporary
    with pytest.raises(InvalidTransition):
        services.file_make_permanent(actor=officer, file=file)
    other = services.file_open(actor=officer, org=world.wuhua_union, person=Person.objects.get(name="李娜"),
                               county_code="530102", temporary=True)
    services.file_step(actor=officer, file=other, transition="refuse", refusal_code="temporary_ended")
    assert HardshipFile.objects.get(pk=other.pk).state == "refused"
