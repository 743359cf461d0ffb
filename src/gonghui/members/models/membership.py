from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup, province_code_field


class Membership(ScopedByLookup, models.Model):
    """A person's membership of one union. One current (active or retired) membership per person, enforced by
    the database; a transfer ends the old one and starts a new one, so history is the list of rows."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")
        TRANSFERRED = "transferred", _("Transferred out")
        LAPSED = "lapsed", _("Lapsed")

    CURRENT = (Status.ACTIVE, Status.RETIRED)

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="memberships",
                               verbose_name=_("person"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="memberships",
                            verbose_name=_("union"))
    unit = models.ForeignKey("members.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="memberships", verbose_name=_("unit (employer)"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("joined on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    card_number = models.CharField(_("member card number"), max_length=20, unique=True)
    province_code = province_code_field()  # on every large table: shardable by province
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-joined_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(status__in=["active", "retired"]),
                                    name="one_current_membership_per_person"),
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F(
                "joined_on")), name="membership_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.person} @ {self.org} ({self.get_status_display()})"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT


class Transfer(ScopedByLookup, models.Model):
    """Asked by the member or the old union, accepted or refused by the receiving union (动态接转)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")

    class Origin(models.TextChoices):
        MEMBER = "member", _("Asked by the member")
        OLD_UNION = "old_union", _("Asked by the old union")

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="transfers",
                               verbose_name=_("person"))
    from_membership = models.ForeignKey("members.Membership", on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("membership transferred"))
    from_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="transfers_out",
                                 verbose_name=_("from union"))
    to_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="transfers_in",
                               verbose_name=_("to union"))
    to_unit = models.ForeignKey("members.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("new unit (employer)"))
    origin = models.CharField(_("asked by"), max_length=10, choices=Origin.choices)
    reason = models.TextField(_("reason"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)
    new_membership = models.OneToOneField("members.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="arrived_by_transfer", verbose_name=_("new membership"))

    # The receiving union decides, so scope follows to_org; the old union sees its outgoing requests through
    # selectors.transfers_visible, which also admits from_org.
    scope_path_lookup = "to_org__path"

    class Meta:
        verbose_name = _("membership transfer")
        verbose_name_plural = _("membership transfers")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(state="requested"),
                                    name="one_open_transfer_per_person"),
            models.CheckConstraint(condition=~models.Q(from_org=models.F("to_org")),
                                   name="transfer_changes_union"),
        ]

    def __str__(self):
        return f"{self.person}: {self.from_org} → {self.to_org}"

