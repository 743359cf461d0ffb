from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core import masking
from gonghui.core.models import PROVINCE_CODE, ScopedByLookup
from gonghui.core.sensitive import SensitiveField

from .venue import Venue


class Occupation(models.TextChoices):
    SANITATION = "sanitation", _("Sanitation worker")
    COURIER = "courier", _("Courier")
    RIDER = "rider", _("Food-delivery rider")
    DRIVER = "driver", _("Driver (taxi, ride-hailing, truck)")
    TRAFFIC_POLICE = "traffic_police", _("Traffic police")
    CONSTRUCTION = "construction", _("Construction worker")
    MUNICIPAL = "municipal", _("Municipal or utility worker")
    OTHER = "other", _("Other outdoor work")


class StationVisitor(models.Model):
    """The light registration of a first visit by scanning a station's QR code: a mobile number and an
    occupation, nothing more. It can later become a membership (the number matches the person's)."""

    phone = SensitiveField(_("mobile number"), purpose="venues.visitor.phone", hash_field="phone_hash",
                           tail_field="phone_tail", mask=masking.mask_phone, unique_hash=True)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    first_venue = models.ForeignKey(Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("station visitor")
        verbose_name_plural = _("station visitors")

    def __str__(self):
        return self.phone_masked


class Visit(ScopedByLookup, models.Model):
    """One counted visit (a check-in). A person counts once per station per two hours (services.visit_check_in
    guarantees it with VisitCooldown)."""

    class Source(models.TextChoices):
        QR = "qr", _("QR check-in")
        STAFF = "staff", _("Recorded by staff")

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="visits")
    visitor_key = models.CharField(max_length=80)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    visitor = models.ForeignKey(StationVisitor, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="visits")
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.QR)
    visited_at = models.DateTimeField(_("visited at"), db_index=True)
    province_code = models.CharField(max_length=2, default=PROVINCE_CODE)

    scope_path_lookup = "venue__org__path"

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at", "-id"]
        indexes = [models.Index(fields=["venue", "visited_at"], name="visit_venue_time")]

    def __str__(self):
        return f"{self.venue_id} @ {self.visited_at:%Y-%m-%d %H:%M}"


class VisitCooldown(models.Model):
    """The last counted visit of a person at a station. Counting is a conditional UPDATE (``counted_at`` older
    than the window) or an INSERT guarded by the unique constraint, so two scans at the same moment count once."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="+")
    visitor_key = models.CharField(max_length=80)
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["venue", "visitor_key"], name="one_cooldown_per_visitor")]

    def __str__(self):
        return f"{self.venue_id} {self.visitor_key}"


class DailyVisitCount(ScopedByLookup, models.Model):
    """Anonymous visits an operator records in bulk for a day (people who did not scan)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="daily_counts")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("visits"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    province_code = models.CharField(max_length=2, default=PROVINCE_CODE)

    scope_path_lookup = "venue__org__path"

    class Meta:
        verbose_name = _("daily visit count")
        verbose_name_plural = _("daily visit counts")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["venue", "day"], name="one_count_per_venue_day")]

    def __str__(self):
        return f"{self.venue_id} {self.day}: {self.count}"


class ProblemReport(ScopedByLookup, models.Model):
    """A worker's report of a problem at a venue; the operator's queue works it through PROBLEM_FLOW and the
    reporter follows its state by the tracking link."""

    class Category(models.TextChoices):
        NO_WATER = "no_water", _("No drinking water")
        CLOSED = "closed", _("Closed when it should be open")
        CHARGER = "charger", _("Charger broken")
        DIRTY = "dirty", _("Not clean")
        EQUIPMENT = "equipment", _("Other equipment broken")
        WRONG_INFO = "wrong_info", _("Wrong information on the map")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="problems")
    category = models.CharField(_("problem"), max_length=12, choices=Category.choices)
    description = models.TextField(_("what happened"), max_length=1000, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    tracking_token = models.CharField(max_length=32, unique=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    response = models.TextField(_("answer to the reporter"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path_lookup = "venue__org__path"

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="problem_state_time")]

    def __str__(self):
        return f"{self.venue.name}: {self.get_category_display()}"


class Rating(ScopedByLookup, models.Model):
    """One rating per counted visit, by the person who made it."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="rating")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField(_("stars"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_lookup = "venue__org__path"

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="rating_stars_1_5")]

    def __str__(self):
        return f"{self.venue_id}: {self.stars}"
