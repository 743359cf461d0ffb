"""A hardship file (一户一档: one per household), its household members, and the county minimum-living standards."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core import masking
from gonghui.core.fields import EncryptedTextField
from gonghui.core.models.scoped import OrgScopedModel, ScopedByLookup
from gonghui.core.sensitive import SensitiveField


def mask_secret(value: str | None) -> str:
    """Incomes, costs and health are shown as stars unless revealed (audited)."""
    return "****" if value else ""


class HardshipFile(OrgScopedModel):
    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SCREENED = "screened", _("Screened")
        VISITED = "visited", _("Visited")
        CHECKED = "checked", _("Cross-checked")
        NOTICE = "notice", _("On public notice")
        APPROVED = "approved", _("Approved")
        FILED = "filed", _("Filed")
        REFUSED = "refused", _("Refused")
        EXITED = "exited", _("Lifted out")

    class Category(models.TextChoices):
        NONE = "", _("—")
        DEEP = "deep", _("Deep hardship (深度困难)")
        RELATIVE = "relative", _("Relative hardship (相对困难)")
        ACCIDENT = "accident", _("Accident-caused hardship (意外致困)")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        LOWER = "lower", _("Prefecture or county")

    class Housing(models.TextChoices):
        OWN = "own", _("Own home")
        RENTED = "rented", _("Rented")
        PUBLIC = "public", _("Public housing")
        RELATIVES = "relatives", _("With relatives")
        NONE = "none", _("No fixed home")

    class Refusal(models.TextChoices):
        NOT_MEMBER = "not_member", _("Not a union member")
        INCOME_ABOVE = "income_above", _("Income above the line")
        EXCLUDED = "excluded", _("An exclusion applies")
        PAPERS_MISSING = "papers_missing", _("Papers missing")
        FALSE_STATEMENT = "false_statement", _("False statement")
        OBJECTION_UPHELD = "objection_upheld", _("An objection to the notice was upheld")
        TEMPORARY_ENDED = "temporary_ended", _("Temporary aid ended (file cancelled)")

    class ExitReason(models.TextChoices):
        INCOME_ABOVE = "income_above", _("Income above the line")
        RETIRED = "retired", _("Retired")
        TRANSFERRED = "transferred", _("Transferred")
        DIED = "died", _("Died")
        MOVED = "moved", _("Moved away")
        INELIGIBLE = "ineligible", _("Found ineligible")

    # None once the file is anonymised (withdrawn more than 10 years ago)
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+", null=True,
                               blank=True, verbose_name=_("worker"))
    name = models.CharField(_("name"), max_length=50)
    name_pinyin = models.CharField(max_length=200, blank=True)
    name_initials = models.CharField(max_length=50, blank=True)
    county_code = models.CharField(_("county"), max_length=6)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.APPLIED)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, blank=True, default="")
    proposed_category = models.CharField(_("proposed category"), max_length=10, choices=Category.choices,
                                         blank=True, default="")
    level = models.CharField(_("file level"), max_length=10, choices=Level.choices, default=Level.LOWER)
    causes = models.JSONField(_("causes"), default=list, blank=True)
    housing = models.CharField(_("housing"), max_length=10, choices=Housing.choices, default=Housing.OWN)
    temporary = models.BooleanField(_("temporary-aid file"), default=False)
    # cross-check (信息比对)
    homes_owned = models.PositiveSmallIntegerField(_("homes owned"), default=1)
    owns_business = models.BooleanField(_("owns a shop or business, or employs others"), default=False)
    private_school = models.BooleanField(_("child in a private or overseas school"), default=False)
    vehicle_regular = models.BooleanField(_("vehicle in regular use"), default=False)
    subsistence_allowance = models.BooleanField(_("receives 低保"), default=False)
    # unavoidable yearly costs: sensitive (encrypted; shown whole only through an audited reveal)
    medical_costs = EncryptedTextField(_("medical costs a year"), purpose="assistance.costs", blank=True,
                                       default="")
    schooling_costs = EncryptedTextField(_("schooling costs a year"), purpose="assistance.costs", blank=True,
                                         default="")
    notice_days = models.PositiveSmallIntegerField(_("days of public notice"), default=7)
    notice_until = models.DateField(_("notice until"), null=True, blank=True)
    objections = models.TextField(_("objections"), blank=True, default="")
    refusal_code = models.CharField(_("refusal reason"), max_length=20, choices=Refusal.choices, blank=True,
                                    default="")
    exit_code = models.CharField(_("exit reason"), max_length=20, choices=ExitReason.choices, blank=True,
                                 default="")
    follow_up_until = models.DateField(_("follow up until"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    returns = models.PositiveSmallIntegerField(_("returns to hardship"), default=0)
    returned_on = models.DateField(_("last return to hardship"), null=True, blank=True)

    class Meta:
        verbose_name = _("hardship file")
        verbose_name_plural = _("hardship files")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["state", "org"], name="hardship_state_org"),
                   models.Index(fields=["name_pinyin"], name="hardship_pinyin")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(state="exited") | ~models.Q(exit_code=""),
                                   name="hardship_exit_has_reason"),
            models.CheckConstraint(condition=~models.Q(state="refused") | ~models.Q(refusal_code=""),
                                   name="hardship_refusal_has_reason"),
        ]

    def __str__(self):
        return self.name

    medical_costs_masked = property(lambda self: mask_secret(self.medical_costs))
    schooling_costs_masked = property(lambda self: mask_secret(self.schooling_costs))


class HouseholdMember(ScopedByLookup, models.Model):
    class Relation(models.TextChoices):
        SELF = "self", _("The worker")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        OTHER = "other", _("Other relative")

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=50)
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    # hashed with the members' purpose: the same person has the same hash here and in the member registry
    id_number = SensitiveField(_("resident ID number"), purpose="assistance.member_id",
                               hash_purpose="person.id_number", hash_field="id_number_hash", tail_field="id_tail",
                               mask=masking.mask_id_number)
    # True while the file is open (not refused, not exited): a person is in at most one active file province-wide
    active = models.BooleanField(default=True)
    income = EncryptedTextField(_("yearly income"), purpose="assistance.income", blank=True, default="")
    health = EncryptedTextField(_("health"), purpose="assistance.health", blank=True, default="")
    disability = EncryptedTextField(_("disability"), purpose="assistance.health", blank=True, default="")
    schooling = models.CharField(_("schooling"), max_length=100, blank=True, default="")
    employment = models.CharField(_("employment"), max_length=100, blank=True, default="")

    scope_path_lookup = "file__org__path"

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["id_number_hash"], condition=models.Q(active=True),
                                               name="hardship_one_active_file_per_person")]

    def __str__(self):
        return self.name

    income_masked = property(lambda self: mask_secret(self.income))
    health_masked = property(lambda self: mask_secret(self.health))
    disability_masked = property(lambda self: mask_secret(self.disability))


class MinimumLivingStandard(models.Model):
    """低保: the monthly minimum-living standard per person of a county in a year (kept by province staff)."""

    county_code = models.CharField(_("county"), max_length=6)
    year = models.PositiveSmallIntegerField(_("year"))
    monthly = models.DecimalField(_("monthly standard per person"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("minimum-living standard")
        verbose_name_plural = _("minimum-living standards")
        ordering = ["county_code", "-year"]
        constraints = [models.UniqueConstraint(fields=["county_code", "year"], name="hardship_one_standard"),
                       models.CheckConstraint(condition=models.Q(monthly__gt=0), name="hardship_standard_positive")]

    def __str__(self):
        return f"{self.county_code} {self.year}"
