"""Skill levels and master-apprentice pairs of members."""

import datetime

from django.db import IntegrityError, transaction

from gonghui.core import audit

from ..errors import CertificateNumberTaken, LevelAlreadyRecorded, MentorIsApprentice, PairExists
from ..models import MentorPair, SkillCertification, SkillLevel
from ..notifications import tell_certified
from ..roles import WORKFORCE_CHANGE, WORKFORCE_VIEW
from .common import clean_text, require


def certification_record(*, actor, person, trade: str, level: int, certifying_body: str,
                         certified_on: datetime.date, certificate_number: str,
                         source: str = SkillCertification.Source.ASSESSMENT) -> SkillCertification:
    """Record a level a member gained; recorded under the member's union. The same level in the same trade
    twice is refused (``upgrade_counts_once``), so an upgrade is counted once however often it is reported."""
    require(actor, WORKFORCE_CHANGE, person)
    level = int(level)
    if level not in SkillLevel.values:
        from gonghui.core.errors import ValidationFailed

        raise ValidationFailed(code="workforce_level_invalid", field="level")
    trade = clean_text(trade, field="trade", max_length=100)
    body = clean_text(certifying_body, field="certifying_body", max_length=200)
    number = clean_text(certificate_number, field="certificate_number", max_length=60)
    if SkillCertification.objects.filter(person=person, trade=trade, level=level).exists():
        raise LevelAlreadyRecorded()
    try:
        with transaction.atomic():
            certification = SkillCertification.objects.create(
                org_id=person.current_org_id, person=person, trade=trade, level=level, certifying_body=body,
                certified_on=certified_on, certificate_number=number, source=source, recorded_by=actor)
            audit.record("workforce.certification_record", actor=actor, obj=certification,
                         detail={"person": person.pk, "trade": trade, "level": level})
            tell_certified(certification)
    except IntegrityError:
        if SkillCertification.objects.filter(person=person, trade=trade, level=level).exists():
            raise LevelAlreadyRecorded() from None
        raise CertificateNumberTaken(field="certificate_number") from None
    return certification


def mentor_pair_create(*, actor, mentor, apprentice, trade: str, started_on: datetime.date,
                       note: str = "") -> MentorPair:
    require(actor, WORKFORCE_CHANGE, apprentice)
    require(actor, WORKFORCE_VIEW, mentor)
    if mentor.pk == apprentice.pk:
        raise MentorIsApprentice(field="mentor")
    trade = clean_text(trade, field="trade", max_length=100)
    try:
        with transaction.atomic():
            pair = MentorPair.objects.create(org_id=apprentice.current_org_id, mentor=mentor, apprentice=apprentice,
                                             trade=trade, started_on=started_on, note=(note or "").strip()[:300])
            audit.record("workforce.mentor_pair_create", actor=actor, obj=pair, detail={"trade": trade})
    except IntegrityError:
        raise PairExists() from None
    return pair
