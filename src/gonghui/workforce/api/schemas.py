"""In/Out schemas of the workforce API."""

import datetime
from decimal import Decimal

from ninja import Field, Schema


class WorkforceOrgRef(Schema):
    id: int
    name: str


class MeasureOut(Schema):
    id: int
    title: str
    issuing_bodies: str
    document_number: str
    issued_on: datetime.date
    area: str
    state: str
    org: WorkforceOrgRef


class MeasureIn(Schema):
    org_id: int
    title: str = Field(..., min_length=1, max_length=200)
    issuing_bodies: str = Field(..., min_length=1, max_length=300)
    document_number: str = Field("", max_length=100)
    issued_on: datetime.date
    area: str = Field(..., pattern=r"^(skills|careers|pay|standing|innovation|organisation|other)$")
    summary: str = Field("", max_length=5000)


class CourseOut(Schema):
    id: int
    title: str
    organiser: str
    trade: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    hours: Decimal
    funding: Decimal
    capacity: int | None
    open_for_registration: bool
    org: WorkforceOrgRef


class SessionOut(Schema):
    id: int
    day: datetime.date
    place: str
    hours: Decimal
    present: int = 0


class CourseDetailOut(CourseOut):
    sessions: list[SessionOut]
    enrolled: int
    attendances: int


class CertificationOut(Schema):
    id: int
    person_id: int
    person_name: str
    trade: str
    level: int
    certifying_body: str
    certified_on: datetime.date
    certificate_number: str

    @staticmethod
    def resolve_person_name(obj):
        return obj.person.name


class CertificationIn(Schema):
    person_id: int
    trade: str = Field(..., min_length=1, max_length=100)
    level: int = Field(..., ge=1, le=5)
    certifying_body: str = Field(..., min_length=1, max_length=200)
    certified_on: datetime.date
    certificate_number: str = Field(..., min_length=1, max_length=60)


class CompetitionOut(Schema):
    id: int
    title: str
    level: str
    basis: str
    subject: str
    year: int
    participations: int

    @staticmethod
    def resolve_participations(obj):
        return getattr(obj, "participations_total", None) or 0


class FigureOut(Schema):
    code: str
    label: str
    value: Decimal | int


class EditionOut(Schema):
    id: int
    number: int
    year: int
    title: str
    org: WorkforceOrgRef


class ContestResultOut(Schema):
    entry_id: int
    person_id: int
    name: str
    union: str
    theory: Decimal | None
    practice: Decimal | None
    final: Decimal | None
    rank: int | None
    title: str


class ContestTradeOut(Schema):
    id: int
    edition_id: int
    trade: str
    state: str
    theory_weight: Decimal
    practice_weight: Decimal
    drop_extremes: bool
    champion_ranks: int
    expert_ranks: int
    results: list[ContestResultOut]
