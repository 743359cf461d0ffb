"""Labour competitions: record one, its participating units and teams (人次), its honours."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.errors import Conflict, ValidationFailed

from ..errors import DatesInvalid
from ..models import CompetitionHonour, CompetitionParticipation, LabourCompetition
from ..roles import WORKFORCE_CHANGE
from .common import clean_text, require, title_keys


def competition_create(*, actor, org, title: str, level: str, basis: str, subject: str,
                       start_date: datetime.date, end_date: datetime.date | None = None) -> LabourCompetition:
    require(actor, WORKFORCE_CHANGE, org)
    if end_date and end_date < start_date:
        raise DatesInvalid(field="end_date")
    if level not in LabourCompetition.Level.values or basis not in LabourCompetition.Basis.values:
        raise ValidationFailed(code="workforce_competition_invalid", field="level")
    title = clean_text(title, field="title", max_length=200)
    with transaction.atomic():
        competition = LabourCompetition.objects.create(
            org=org, title=title, **title_keys(title), level=level, basis=basis,
            subject=clean_text(subject, field="subject", max_length=200), year=start_date.year,
            start_date=start_date, end_date=end_date)
        audit.record("workforce.competition_create", actor=actor, obj=competition, detail={"level": level})
    return competition


def participation_add(*, actor, competition: LabourCompetition, unit_name: str, participants: int,
                      team_name: str = "") -> CompetitionParticipation:
    require(actor, WORKFORCE_CHANGE, competition)
    if int(participants) <= 0:
        raise ValidationFailed(_("Give the number of participations."), code="workforce_participants_invalid",
                               field="participants")
    try:
        with transaction.atomic():
            row = CompetitionParticipation.objects.create(
                competition=competition, unit_name=clean_text(unit_name, field="unit_name", max_length=200),
                team_name=clean_text(team_name, field="team_name", max_length=200, required=False),
                participants=int(participants))
            audit.record("workforce.participation_add", actor=actor, obj=competition,
                         detail={"participation": row.pk, "participants": row.participants})
    except IntegrityError:
        raise Conflict(_("This unit and team are already recorded."), code="workforce_participation_exists"
                       ) from None
    return row


def honour_add(*, actor, competition: LabourCompetition, title: str, recipient_kind: str, recipient_name: str,
               year: int | None = None) -> CompetitionHonour:
    require(actor, WORKFORCE_CHANGE, competition)
    if recipient_kind not in CompetitionHonour.Recipient.values:
        raise ValidationFailed(code="workforce_recipient_invalid", field="recipient_kind")
    with transaction.atomic():
        honour = CompetitionHonour.objects.create(
            competition=competition, title=clean_text(title, field="title", max_length=100),
            recipient_kind=recipient_kind,
            recipient_name=clean_text(recipient_name, field="recipient_name", max_length=200),
            year=year or competition.year)
        audit.record("workforce.honour_add", actor=actor, obj=competition,
                     detail={"honour": honour.pk, "title": honour.title})
    return honour
