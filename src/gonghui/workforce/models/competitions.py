from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup, province_code_field


class LabourCompetition(OrgScopedModel):
    """A labour competition (劳动竞赛) tied to a project or an industry."""

    class Level(models.TextChoices):
        NATIONAL_LEADING = "national_leading", _("National leading")
        PROVINCIAL_DEMONSTRATION = "provincial_demonstration", _("Provincial demonstration")
        PREFECTURE = "prefecture", _("Prefecture")
        COUNTY = "county", _("County")

    class Basis(models.TextChoices):
        PROJECT = "project", _("Project")
        INDUSTRY = "industry", _("Industry")

    title = models.CharField(_("title"), max_length=200)
    title_pinyin = models.CharField(max_length=600, blank=True)
    title_initials = models.CharField(max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    basis = models.CharField(_("tied to"), max_length=10, choices=Basis.choices)
    subject = models.CharField(_("project or industry"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("labour competition")
        verbose_name_plural = _("labour competitions")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title


class CompetitionParticipation(ScopedByLookup, models.Model):
    """A unit or team taking part, with the number of participations (人次) it brought."""

    competition = models.ForeignKey(LabourCompetition, on_delete=models.CASCADE, related_name="participations")
    unit_name = models.CharField(_("unit"), max_length=200)
    team_name = models.CharField(_("team"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("participations"))
    province_code = province_code_field()

    scope_path_lookup = "competition__org__path"

    class Meta:
        verbose_name = _("competition participation")
        verbose_name_plural = _("competition participations")
        ordering = ["competition", "id"]
        constraints = [models.UniqueConstraint(fields=["competition", "unit_name", "team_name"],
                                               name="one_participation_per_team")]

    def __str__(self):
        return f"{self.unit_name} {self.team_name}".strip()


class CompetitionHonour(ScopedByLookup, models.Model):
    """An honour a competition brought (工人先锋号, 五一劳动奖状 …) to a unit, a team or a person."""

    class Recipient(models.TextChoices):
        UNIT = "unit", _("Unit")
        TEAM = "team", _("Team")
        PERSON = "person", _("Person")

    competition = models.ForeignKey(LabourCompetition, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(_("honour"), max_length=100)
    recipient_kind = models.CharField(_("recipient"), max_length=8, choices=Recipient.choices)
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    province_code = province_code_field()

    scope_path_lookup = "competition__org__path"

    class Meta:
        verbose_name = _("competition honour")
        verbose_name_plural = _("competition honours")
        ordering = ["-year", "id"]

    def __str__(self):
        return f"{self.title} {self.recipient_name}"
