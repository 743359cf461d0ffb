"""The workforce objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in the
sibling county (Panlong). Keys are the ``obj`` names of routes_workforce.py."""

from gonghui.core.roles import MEMBERS_VIEW
from gonghui.workforce.roles import WORKFORCE_VIEW

VIEW_PERMISSION = {"wf_measure": WORKFORCE_VIEW, "wf_course": WORKFORCE_VIEW, "wf_closed_course": WORKFORCE_VIEW,
                   "wf_session": WORKFORCE_VIEW, "wf_enrolment": WORKFORCE_VIEW, "wf_certification": WORKFORCE_VIEW,
                   "wf_pair": WORKFORCE_VIEW, "wf_competition": WORKFORCE_VIEW, "wf_roster_job": WORKFORCE_VIEW,
                   "wf_person": MEMBERS_VIEW, "wf_edition": WORKFORCE_VIEW, "wf_contest_trade": WORKFORCE_VIEW,
                   "wf_scoring_entry": WORKFORCE_VIEW, "wf_titled_entry": WORKFORCE_VIEW,
                   "wf_published_score": WORKFORCE_VIEW, "wf_correction": WORKFORCE_VIEW}


def build_objects(world) -> dict:
    from gonghui.core.models import Job
    from gonghui.members.tests.factories import make_person
    from gonghui.workforce.tests.factories import (
        make_certification,
        make_competition,
        make_course,
        make_enrolment,
        make_measure,
        make_pair,
        make_session,
    )

    sides = {}
    for side, union in (("inside", world.wuhua_union), ("outside", world.panlong_union)):
        label = "五华" if side == "inside" else "盘龙"
        region = "530102" if side == "inside" else "530103"
        person = make_person(union, f"{label}学员", region=region)
        other = make_person(union, f"{label}师傅", region=region)
        course = make_course(union, f"{label}矩阵电工培训班")
        closed = make_course(union, f"{label}矩阵内部培训班", open_for_registration=False)
        sides[side] = {
            "wf_measure": make_measure(union, f"{label}矩阵产改措施"),
            "wf_course": course, "wf_closed_course": closed, "wf_session": make_session(course),
            "wf_enrolment": make_enrolment(course, person),
            "wf_certification": make_certification(person, trade=f"{label}矩阵工种"),
            "wf_pair": make_pair(other, person, trade=f"{label}矩阵师带徒"),
            "wf_competition": make_competition(union, f"{label}矩阵劳动竞赛"), "wf_person": person,
            **_contest(world, union, label, person, other),
        }
    job = Job.objects.create(kind="workforce.roster_check", created_by=world.user("county_officer"),
                             status=Job.Status.SUCCEEDED, params={"filename": "matrix.xlsx"},
                             result={"rows": 1, "errors": 1, "report": _report()})
    sides["inside"]["wf_roster_job"] = sides["outside"]["wf_roster_job"] = job
    return sides


def _contest(world, union, label: str, person, other) -> dict:
    """An edition run by the side's county federation: a trade still registering, one being scored and one
    published (a titled entry, a locked score, an open correction asked by the province administrator)."""
    from gonghui.workforce.models import (
        ContestEdition,
        ContestEntry,
        ContestQuota,
        ContestTrade,
        JudgeScore,
        ScoreCorrection,
    )

    admin = world.user("province_admin")
    county = union.parent
    edition = ContestEdition.objects.create(org=county, number=1, year=2025, title=f"{label}矩阵技能大赛")
    open_trade = ContestTrade.objects.create(edition=edition, trade=f"{label}矩阵电工")
    scoring = ContestTrade.objects.create(edition=edition, trade=f"{label}矩阵焊工", state="scoring")
    published = ContestTrade.objects.create(edition=edition, trade=f"{label}矩阵钳工", state="published")
    entries = {}
    for trade in (open_trade, scoring, published):
        quota = ContestQuota.objects.create(trade=trade, org=county, places=5)
        entries[trade.state] = ContestEntry.objects.create(trade=trade, person=person, quota=quota)
    titled = entries["published"]
    titled.final_score, titled.rank, titled.title = 90, 1, "champion"
    titled.certificate_token = f"matrix-{label}-{titled.pk}"
    titled.save()
    score = JudgeScore.objects.create(entry=titled, part="theory", judge=admin, score=90)
    locked = JudgeScore.objects.create(entry=titled, part="practice", judge=admin, score=90)
    correction = ScoreCorrection.objects.create(score=score, old_score=90, new_score=92, reason="矩阵",
                                                requested_by=admin)
    return {"wf_edition": edition, "wf_contest_trade": open_trade, "wf_scoring_entry": entries["scoring"],
            "wf_titled_entry": titled, "wf_published_score": locked, "wf_correction": correction}


def _report() -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = "imports/reports/workforce-roster-matrix.xlsx"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(b"PK matrix"))
    return name


def marker_text(obj) -> str | None:
    from gonghui.workforce.models import (
        ContestEdition,
        Course,
        LabourCompetition,
        MentorPair,
        ReformMeasure,
        SkillCertification,
    )

    if isinstance(obj, ContestEdition):
        return obj.title
    if isinstance(obj, ReformMeasure | Course | LabourCompetition):
        return obj.title
    if isinstance(obj, SkillCertification | MentorPair):
        return obj.trade
    return None
