from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup, province_code_field

from .skills import SkillLevel


class ContestEdition(OrgScopedModel):
    """A yearly edition of a skills contest (第N届), run by a union."""

    number = models.PositiveSmallIntegerField(_("edition"))
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("contest edition")
        verbose_name_plural = _("contest editions")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="one_edition_number_per_org")]

    def __str__(self):
        return self.title


class ContestTrade(ScopedByLookup, models.Model):
    """A trade (工种) of an edition with its scoring rules; its state (CONTEST_FLOW: registering → scoring →
    published) locks the judges' scores once published."""

    class State(models.TextChoices):
        REGISTERING = "registering", _("Registration open")
        SCORING = "scoring", _("Scoring")
        PUBLISHED = "published", _("Results published")

    edition = models.ForeignKey(ContestEdition, on_delete=models.CASCADE, related_name="trades")
    trade = models.CharField(_("trade"), max_length=100)
    theory_weight = models.DecimalField(_("theory weight (%)"), max_digits=5, decimal_places=2, default=30)
    practice_weight = models.DecimalField(_("practice weight (%)"), max_digits=5, decimal_places=2, default=70)
    drop_extremes = models.BooleanField(_("drop the highest and lowest judge's score"), default=True)
    champion_ranks = models.PositiveSmallIntegerField(_("ranks titled 技术状元"), default=1)
    expert_ranks = models.PositiveSmallIntegerField(_("ranks titled 技术能手 (up to)"), default=10)
    promotion_level = models.PositiveSmallIntegerField(_("level a title brings"), choices=SkillLevel.choices,
                                                       null=True, blank=True)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.REGISTERING)
    province_code = province_code_field()

    scope_path_lookup = "edition__org__path"

    class Meta:
        verbose_name = _("contest trade")
        verbose_name_plural = _("contest trades")
        ordering = ["edition", "trade"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "trade"], name="one_trade_per_edition"),
            models.CheckConstraint(condition=models.Q(theory_weight__gte=0, practice_weight__gte=0),
                                   name="contest_weights_not_negative"),
            models.CheckConstraint(condition=models.Q(expert_ranks__gte=models.F("champion_ranks")),
                                   name="contest_expert_ranks_after_champion"),
        ]

    def __str__(self):
        return f"{self.edition} {self.trade}"


class ContestQuota(ScopedByLookup, models.Model):
    """How many contestants a union may register in a trade."""

    trade = models.ForeignKey(ContestTrade, on_delete=models.CASCADE, related_name="quotas")
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    places = models.PositiveSmallIntegerField(_("places"))

    scope_path_lookup = "trade__edition__org__path"

    class Meta:
        verbose_name = _("contest quota")
        verbose_name_plural = _("contest quotas")
        constraints = [models.UniqueConstraint(fields=["trade", "org"], name="one_quota_per_union")]

    def __str__(self):
        return f"{self.trade_id}/{self.org_id}: {self.places}"


class ContestEntry(ScopedByLookup, models.Model):
    """A contestant registered by a union under its quota; scores, rank and title are written when the trade's
    results are published (and again after an approved correction)."""

    trade = models.ForeignKey(ContestTrade, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    quota = models.ForeignKey(ContestQuota, on_delete=models.PROTECT, related_name="entries")
    theory_score = models.DecimalField(_("theory"), max_digits=5, decimal_places=2, null=True, blank=True)
    practice_score = models.DecimalField(_("practice"), max_digits=5, decimal_places=2, null=True, blank=True)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    title = models.CharField(_("title won"), max_length=10, blank=True)
    certificate_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    province_code = province_code_field()

    scope_path_lookup = "trade__edition__org__path"

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["trade", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["trade", "person"], name="one_entry_per_trade")]

    def __str__(self):
        return f"{self.trade_id}/{self.person_id}"


class JudgeScore(ScopedByLookup, models.Model):
    """One judge's score of one part of an entry (0–100)."""

    class Part(models.TextChoices):
        THEORY = "theory", _("Theory")
        PRACTICE = "practice", _("Practice")

    entry = models.ForeignKey(ContestEntry, on_delete=models.CASCADE, related_name="scores")
    part = models.CharField(_("part"), max_length=8, choices=Part.choices)
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    province_code = province_code_field()

    scope_path_lookup = "entry__trade__edition__org__path"

    class Meta:
        verbose_name = _("judge's score")
        verbose_name_plural = _("judges' scores")
        constraints = [
            models.UniqueConstraint(fields=["entry", "part", "judge"], name="one_score_per_judge_and_part"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="score_0_to_100"),
        ]

    def __str__(self):
        return f"{self.entry_id} {self.part} {self.score}"


class ScoreCorrection(ScopedByLookup, models.Model):
    """A change to a published score: asked by one person, decided by another (CORRECTION_FLOW)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    score = models.ForeignKey(JudgeScore, on_delete=models.CASCADE, related_name="corrections")
    old_score = models.DecimalField(_("old score"), max_digits=5, decimal_places=2)
    new_score = models.DecimalField(_("new score"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.REQUESTED)
    created_at = models.DateTimeField(auto_now_add=True)
    province_code = province_code_field()

    scope_path_lookup = "score__entry__trade__edition__org__path"

    class Meta:
        verbose_name = _("score correction")
        verbose_name_plural = _("score corrections")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(new_score__gte=0, new_score__lte=100),
                                   name="correction_score_0_to_100"),
            models.UniqueConstraint(fields=["score"], condition=models.Q(state="requested"),
                                    name="one_open_correction_per_score"),
        ]

    def __str__(self):
        return f"{self.score_id}: {self.old_score} → {self.new_score}"


TITLE_LABELS = {"champion": _("Technical champion (技术状元)"), "expert": _("Technical expert (技术能手)")}
