"""Skills contests: editions and trades with their scoring rules, quotas, registration by unions, judges'
scores, publication (ranking, titles, the level a title brings, certificates), and corrections of published
scores by a second person."""

import datetime
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.core import audit, workflow
from gonghui.core.errors import ValidationFailed

from .. import ranking
from ..errors import (
    AlreadyRegistered,
    ContestNotOpen,
    CorrectionNeedsPublished,
    NoQuota,
    NotScoring,
    QuotaFull,
    ScoresLocked,
    WeightsInvalid,
)
from ..models import (
    TITLE_LABELS,
    ContestEdition,
    ContestEntry,
    ContestQuota,
    ContestTrade,
    JudgeScore,
    ScoreCorrection,
    SkillCertification,
)
from ..notifications import tell_certificate, tell_certified, tell_contest_registered
from ..roles import WORKFORCE_CHANGE, WORKFORCE_JUDGE
from ..workflows import CONTEST_FLOW, CORRECTION_FLOW
from .common import clean_text, person_under, require


def edition_create(*, actor, org, number: int, year: int, title: str) -> ContestEdition:
    require(actor, WORKFORCE_CHANGE, org)
    try:
        with transaction.atomic():
            edition = ContestEdition.objects.create(org=org, number=number, year=year,
                                                    title=clean_text(title, field="title", max_length=200))
            audit.record("workforce.contest_edition_create", actor=actor, obj=edition, detail={"number": number})
    except IntegrityError:
        raise ValidationFailed(_("This union already has an edition with this number."),
                               code="workforce_edition_exists", field="number") from None
    return edition


def trade_add(*, actor, edition: ContestEdition, trade: str, theory_weight=Decimal(30), practice_weight=Decimal(70),
              drop_extremes: bool = True, champion_ranks: int = 1, expert_ranks: int = 10,
              promotion_level: int | None = None) -> ContestTrade:
    require(actor, WORKFORCE_CHANGE, edition)
    theory_weight, practice_weight = Decimal(theory_weight), Decimal(practice_weight)
    if theory_weight < 0 or practice_weight < 0 or theory_weight + practice_weight != 100:
        raise WeightsInvalid(field="theory_weight")
    if not 0 <= champion_ranks <= expert_ranks:
        raise ValidationFailed(_("The champion ranks come before the expert ranks."),
                               code="workforce_contest_ranks_invalid", field="expert_ranks")
    try:
        with transaction.atomic():
            row = ContestTrade.objects.create(
                edition=edition, trade=clean_text(trade, field="trade", max_length=100), theory_weight=theory_weight,
                practice_weight=practice_weight, drop_extremes=drop_extremes, champion_ranks=champion_ranks,
                expert_ranks=expert_ranks, promotion_level=promotion_level or None)
            CONTEST_FLOW.start(row, actor=actor)
            audit.record("workforce.contest_trade_add", actor=actor, obj=row, detail={"trade": row.trade})
    except IntegrityError:
        raise ValidationFailed(_("This trade is already in the edition."), code="workforce_trade_exists",
                               field="trade") from None
    return row


def quota_set(*, actor, trade: ContestTrade, org, places: int) -> ContestQuota:
    """The places of a union in the trade (the organiser's subtree only)."""
    require(actor, WORKFORCE_CHANGE, trade)
    if not org.path.startswith(trade.edition.org.path):
        raise ValidationFailed(_("Quotas go to unions under the organiser."), code="workforce_quota_outside",
                               field="org")
    with transaction.atomic():
        quota, _created = ContestQuota.objects.update_or_create(trade=trade, org=org,
                                                                defaults={"places": max(0, int(places))})
        audit.record("workforce.contest_quota_set", actor=actor, obj=trade, detail={"org": org.pk,
                                                                                    "places": quota.places})
    return quota


def _quota_for(trade: ContestTrade, person) -> ContestQuota:
    """The quota of the union nearest the member (their own, or the closest one above with places)."""
    path = person.scope_path or ""
    quotas = [q for q in trade.quotas.select_related("org") if path.startswith(q.org.path)]
    if not quotas:
        raise NoQuota()
    return max(quotas, key=lambda q: len(q.org.path))


def entry_register(*, actor, trade: ContestTrade, person) -> ContestEntry:
    """A union registers a member under its quota; the trade row is locked so that two registrations for the
    last place give one entry."""
    require(actor, WORKFORCE_CHANGE, person)
    if not person_under(person, trade.edition.org):
        raise NoQuota()
    with transaction.atomic():
        ContestTrade.objects.select_for_update().filter(pk=trade.pk).first()
        trade.refresh_from_db(fields=["state"])
        if trade.state != ContestTrade.State.REGISTERING:
            raise ContestNotOpen()
        quota = _quota_for(trade, person)
        require(actor, WORKFORCE_CHANGE, quota.org)
        if ContestEntry.objects.filter(trade=trade, person=person).exists():
            raise AlreadyRegistered()
        if ContestEntry.objects.filter(quota=quota).count() >= quota.places:
            raise QuotaFull()
        entry = ContestEntry.objects.create(trade=trade, person=person, quota=quota)
        audit.record("workforce.contest_register", actor=actor, obj=trade, detail={"entry": entry.pk,
                                                                                   "quota": quota.pk})
        tell_contest_registered(entry)
    return entry


def trade_close(*, actor, trade: ContestTrade, comment: str = "") -> ContestTrade:
    workflow.apply(trade, "close", actor=actor, flow=CONTEST_FLOW, comment=comment)
    return trade


def score_enter(*, actor, entry: ContestEntry, part: str, score) -> JudgeScore:
    """A judge's score of one part (0–100, two places); entering it again replaces the judge's own. Published
    scores are locked: only a correction (by two people) changes them."""
    require(actor, WORKFORCE_JUDGE, entry)
    if part not in JudgeScore.Part.values:
        raise ValidationFailed(code="workforce_score_part_invalid", field="part")
    value = _score_value(score)
    with transaction.atomic():
        state = ContestTrade.objects.select_for_update().filter(pk=entry.trade_id).values_list(
            "state", flat=True).first()
        if state == ContestTrade.State.PUBLISHED:
            raise ScoresLocked()
        if state != ContestTrade.State.SCORING:
            raise NotScoring()
        row, _created = JudgeScore.objects.update_or_create(entry=entry, part=part, judge=actor,
                                                            defaults={"score": value})
        audit.record("workforce.contest_score", actor=actor, obj=entry.trade,
                     detail={"entry": entry.pk, "part": part, "score": str(value)})
    return row


def _score_value(score) -> Decimal:
    try:
        value = Decimal(str(score)).quantize(ranking.CENT)
    except Exception:  # any unreadable number is the same user error
        value = None
    if value is None or not Decimal(0) <= value <= Decimal(100):
        raise ValidationFailed(_("A score is a number from 0 to 100."), code="workforce_score_invalid",
                               field="score")
    return value


def rules_of(trade: ContestTrade) -> ranking.Rules:
    return ranking.Rules(theory_weight=trade.theory_weight, practice_weight=trade.practice_weight,
                         drop_extremes=trade.drop_extremes, champion_ranks=trade.champion_ranks,
                         expert_ranks=trade.expert_ranks)


def _apply_ranking(trade: ContestTrade, actor) -> list[ContestEntry]:
    """Compute the ranking from the judges' scores and write it on the entries; returns the entries whose title
    is new (for their certificate, their promotion and their message)."""
    entries = {e.pk: e for e in ContestEntry.objects.select_related("person", "trade__edition").filter(trade=trade)}
    sheets: dict[int, dict[str, list[Decimal]]] = {pk: {"theory": [], "practice": []} for pk in entries}
    for entry_id, part, score in JudgeScore.objects.filter(entry__trade=trade).values_list("entry_id", "part",
                                                                                           "score"):
        sheets[entry_id][part].append(score)
    results = ranking.rank([ranking.Sheet(pk, tuple(s["theory"]), tuple(s["practice"])) for pk, s in sheets.items()],
                           rules_of(trade))
    newly_titled = []
    for result in results:
        entry = entries[result.entry_id]
        was = entry.title
        entry.theory_score, entry.practice_score, entry.final_score = result.theory, result.practice, result.final
        entry.rank, entry.title = result.rank, result.title
        if entry.title and not entry.certificate_token:
            entry.certificate_token = secrets.token_urlsafe(18)[:24]
        if entry.title and entry.title != was:
            newly_titled.append(entry)
    ContestEntry.objects.bulk_update(list(entries.values()), ["theory_score", "practice_score", "final_score", "rank",
                                                              "title", "certificate_token"])
    for entry in newly_titled:
        _promote(entry, trade, actor)
        tell_certificate(entry, str(TITLE_LABELS[entry.title]))
    return newly_titled


def _promote(entry: ContestEntry, trade: ContestTrade, actor) -> None:
    """The level a title brings, in the member's skills record (once: an upgrade counts once)."""
    if not trade.promotion_level:
        return
    person = entry.person
    if SkillCertification.objects.filter(person=person, trade=trade.trade, level=trade.promotion_level).exists():
        return
    with transaction.atomic():
        certification = SkillCertification.objects.create(
            org_id=person.current_org_id, person=person, trade=trade.trade, level=trade.promotion_level,
            certifying_body=trade.edition.org.name, certified_on=datetime.date.today(),
            certificate_number=f"C{trade.pk}-{entry.pk}", source=SkillCertification.Source.CONTEST,
            recorded_by=actor)
        audit.record("workforce.certification_record", actor=actor, obj=certification,
                     detail={"person": person.pk, "trade": trade.trade, "level": trade.promotion_level,
                             "contest_entry": entry.pk})
        tell_certified(certification)


def trade_publish(*, actor, trade: ContestTrade, comment: str = "") -> ContestTrade:
    """Rank, give titles, certificates and promotions, and lock the scores, in one transaction."""
    with transaction.atomic():
        workflow.apply(trade, "publish", actor=actor, flow=CONTEST_FLOW, comment=comment)
        _apply_ranking(trade, actor)
    return trade


def correction_request(*, actor, score: JudgeScore, new_score, reason: str) -> ScoreCorrection:
    require(actor, WORKFORCE_JUDGE, score)
    reason = clean_text(reason, field="reason", max_length=500)
    value = _score_value(new_score)
    state = ContestTrade.objects.filter(pk=score.entry.trade_id).values_list("state", flat=True).first()
    if state != ContestTrade.State.PUBLISHED:  # read afresh: the page's object may be older than the publication
        raise CorrectionNeedsPublished()
    try:
        with transaction.atomic():
            correction = ScoreCorrection.objects.create(score=score, old_score=score.score, new_score=value,
                                                        reason=reason, requested_by=actor)
            CORRECTION_FLOW.start(correction, actor=actor, comment=reason)
            audit.record("workforce.correction_request", actor=actor, obj=score.entry.trade,
                         detail={"correction": correction.pk, "old": str(score.score), "new": str(value)})
    except IntegrityError:
        raise ValidationFailed(_("A correction of this score is already waiting for a decision."),
                               code="workforce_correction_open") from None
    return correction


def correction_decide(*, actor, correction: ScoreCorrection, approve: bool, comment: str = "") -> ScoreCorrection:
    """The second person approves (the score changes and the trade is ranked again) or rejects; the asker is
    refused by the workflow gate (four eyes: SecondPersonRequired)."""
    with transaction.atomic():
        workflow.apply(correction, "approve" if approve else "reject", actor=actor, flow=CORRECTION_FLOW,
                       comment=comment)
        if approve:
            score = JudgeScore.objects.select_for_update().get(pk=correction.score_id)
            score.score = correction.new_score
            score.save(update_fields=["score"])
            _apply_ranking(score.entry.trade, actor)
    return correction
