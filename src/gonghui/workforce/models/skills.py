from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel


class SkillLevel(models.IntegerChoices):
    """The five vocational skill levels, lowest first (职业技能等级)."""

    JUNIOR = 1, _("Junior worker (初级工)")
    INTERMEDIATE = 2, _("Intermediate worker (中级工)")
    SENIOR = 3, _("Senior worker (高级工)")
    TECHNICIAN = 4, _("Technician (技师)")
    SENIOR_TECHNICIAN = 5, _("Senior technician (高级技师)")


class SkillCertification(OrgScopedModel):
    """A skill level a member gained in a trade, with the certifying body and certificate. An upgrade counts once:
    one row per person, trade and level (database constraint), however often it is reported."""

    class Source(models.TextChoices):
        ASSESSMENT = "assessment", _("Skill assessment")
        CONTEST = "contest", _("Promoted through a contest")

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    trade = models.CharField(_("trade"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel.choices)
    certifying_body = models.CharField(_("certifying body"), max_length=200)
    certified_on = models.DateField(_("date certified"), db_index=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.ASSESSMENT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("skill certification")
        verbose_name_plural = _("skill certifications")
        ordering = ["-certified_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "trade", "level"], name="upgrade_counts_once"),
            models.UniqueConstraint(fields=["certifying_body", "certificate_number"],
                                    name="certificate_number_unique_per_body"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="skill_level_in_range"),
        ]

    def __str__(self):
        return f"{self.trade} {self.get_level_display()}"


class MentorPair(OrgScopedModel):
    """A master-apprentice pair (师带徒) and its outcome."""

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        QUALIFIED = "qualified", _("Apprentice qualified")
        ENDED = "ended", _("Ended without qualifying")

    mentor = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    apprentice = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    trade = models.CharField(_("trade"), max_length=100)
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.ONGOING)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("master-apprentice pair")
        verbose_name_plural = _("master-apprentice pairs")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["mentor", "apprentice", "trade"], name="one_pair_per_trade"),
            models.CheckConstraint(condition=~models.Q(mentor=models.F("apprentice")), name="mentor_not_apprentice"),
        ]

    def __str__(self):
        return f"{self.mentor_id}→{self.apprentice_id} {self.trade}"
