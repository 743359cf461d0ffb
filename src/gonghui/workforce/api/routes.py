"""The workforce router (staff, scoped): measures (with the workflow kit's history and steps), courses, skill
levels, competitions and the module's figures."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from gonghui.core.api.pagination import KeysetPagination
from gonghui.core.api.workflow import add_workflow_routes
from gonghui.core.errors import ValidationFailed
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..roles import WORKFORCE_CHANGE, WORKFORCE_VIEW
from ..workflows import MEASURE_FLOW
from .schemas import (
    CertificationIn,
    CertificationOut,
    CompetitionOut,
    ContestTradeOut,
    CourseDetailOut,
    CourseOut,
    EditionOut,
    FigureOut,
    MeasureIn,
    MeasureOut,
)

router = Router(tags=["workforce"])


class MeasureFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    state: str = Field("", pattern=r"^(|adopted|implementing|implemented|withdrawn)$")
    year: int | None = Field(None, ge=1990, le=2100)


class CourseFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    trade: str = Field("", max_length=100)
    year: int | None = Field(None, ge=1990, le=2100)


class CertificationFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY_LENGTH)
    level: int | None = Field(None, ge=1, le=5)
    year: int | None = Field(None, ge=1990, le=2100)


@router.get("/workforce/measures", response=list[MeasureOut], summary="List reform measures")
@paginate(KeysetPagination)
def measure_list(request, filters: Query[MeasureFilters]):
    """Measures in your part of the tree; ``q`` matches the title, its pinyin or initials, or the issuing bodies."""
    return selectors.measure_list(request.auth, query=filters.q, state=filters.state, year=filters.year)


@router.post("/workforce/measures", response={201: MeasureOut}, summary="Record a reform measure")
def measure_create(request, payload: MeasureIn):
    org = org_selectors.organisation_get(request.auth, payload.org_id, permission=WORKFORCE_CHANGE)
    data = payload.model_dump()
    data.pop("org_id")
    return Status(201, services.measure_create(actor=request.auth, org=org, **data))


@router.get("/workforce/measures/{measure_id}", response=MeasureOut, summary="One reform measure")
def measure_detail(request, measure_id: int):
    return selectors.measure_get(request.auth, measure_id)


def _measure_step(*, actor, obj, transition, comment):
    return services.measure_transition(actor=actor, measure=obj, transition=transition, comment=comment)


add_workflow_routes(router, "workforce-measures", flow=MEASURE_FLOW, fetch=selectors.measure_get, run=_measure_step,
                    out=MeasureOut, tag_name="reform measure")


@router.get("/workforce/courses", response=list[CourseOut], summary="List training courses")
@paginate(KeysetPagination)
def course_list(request, filters: Query[CourseFilters]):
    return selectors.course_list(request.auth, query=filters.q, trade=filters.trade, year=filters.year)


@router.get("/workforce/courses/{course_id}", response=CourseDetailOut, summary="One course with its sessions")
def course_detail(request, course_id: int):
    course = selectors.course_get(request.auth, course_id)
    counts = selectors.attendance_counts(course)
    data = {f: getattr(course, f) for f in ("id", "title", "organiser", "trade", "start_date", "end_date", "place",
                                            "hours", "funding", "capacity", "open_for_registration")}
    return {**data, "org": {"id": course.org_id, "name": course.org.name},
            "sessions": [{"id": s.pk, "day": s.day, "place": s.place, "hours": s.hours, "present": s.present}
                         for s in selectors.course_sessions(course)],
            "enrolled": course.enrolments.count(), "attendances": sum(counts.values())}


@router.get("/workforce/certifications", response=list[CertificationOut], summary="List skill levels gained")
@paginate(KeysetPagination)
def certification_list(request, filters: Query[CertificationFilters]):
    return selectors.certification_list(request.auth, query=filters.q, level=filters.level, year=filters.year)


@router.post("/workforce/certifications", response={201: CertificationOut}, summary="Record a skill level")
def certification_create(request, payload: CertificationIn):
    person = member_selectors.person_get(request.auth, payload.person_id)
    data = payload.model_dump()
    data.pop("person_id")
    return Status(201, services.certification_record(actor=request.auth, person=person, **data))


@router.get("/workforce/competitions", response=list[CompetitionOut], summary="List labour competitions")
@paginate(KeysetPagination)
def competition_list(request, q: str = Query("", max_length=100), year: int | None = Query(None, ge=1990, le=2100)):
    return selectors.competition_list(request.auth, query=q, year=year)


@router.get("/workforce/figures", response=list[FigureOut], summary="The module's figures for a year")
def figures(request, year: int = Query(..., ge=2000, le=2100), org_id: int | None = None):
    """Every workforce figure (through the indicator registry) for the year, for an organisation you see or your
    whole part of the tree."""
    org = org_selectors.organisation_get(request.auth, org_id, permission=WORKFORCE_VIEW) if org_id else None
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if start > datetime.date.today() + datetime.timedelta(days=366):
        raise ValidationFailed(code="workforce_year_invalid", field="year")
    return [{"code": f["code"], "label": str(f["label"]), "value": f["value"]}
            for f in selectors.figures(request.auth, start, end, org=org)]


@router.get("/workforce/contests", response=list[EditionOut], summary="List skills-contest editions")
@paginate(KeysetPagination)
def edition_list(request, year: int | None = Query(None, ge=1990, le=2100)):
    return selectors.edition_list(request.auth, year=year)


@router.get("/workforce/contest-trades/{trade_id}", response=ContestTradeOut,
            summary="A contest trade with its scoring rules and results")
def contest_trade_detail(request, trade_id: int):
    """The entries in ranking order (rank and title once the results are published)."""
    trade = selectors.contest_trade_get(request.auth, trade_id)
    results = [{"entry_id": e.pk, "person_id": e.person_id, "name": e.person.name, "union": e.quota.org.name,
                "theory": e.theory_score, "practice": e.practice_score, "final": e.final_score, "rank": e.rank,
                "title": e.title} for e in selectors.contest_entries(trade)]
    data = {f: getattr(trade, f) for f in ("id", "edition_id", "trade", "state", "theory_weight", "practice_weight",
                                           "drop_extremes", "champion_ranks", "expert_ranks")}
    return {**data, "results": results}
