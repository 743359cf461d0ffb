from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import PROVINCE_CODE, ScopedByLookup


class Amenity(models.TextChoices):
    """The facilities of a station (DOMAIN.md); stored as bits of ``Venue.amenity_bits`` in this order, so
    never reorder: add at the end."""

    WATER = "water", _("Drinking water")
    MICROWAVE = "microwave", _("Microwave (hot meals)")
    CHARGING = "charging", _("Phone charging")
    SEATS = "seats", _("Rest seats")
    TOILET = "toilet", _("Toilet")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    FIRST_AID = "first_aid", _("First-aid kit")
    TOOLBOX = "toolbox", _("Toolbox")
    UMBRELLAS = "umbrellas", _("Umbrellas")
    READING = "reading", _("Reading")
    WIFI = "wifi", _("Free WiFi")
    THERMOMETER = "thermometer", _("Thermometer")
    AIR_CONDITIONING = "air_conditioning", _("Air conditioning / heating")
    MOTHER_BABY = "mother_baby", _("Mother-and-baby room")
    AED = "aed", _("AED")
    COUNSELLING = "counselling", _("Counselling room")


AMENITY_CODES = [code for code, _label in Amenity.choices]
AMENITY_BIT = {code: 1 << index for index, code in enumerate(AMENITY_CODES)}


def amenity_mask(codes) -> int:
    mask = 0
    for code in codes or ():
        mask |= AMENITY_BIT[code]
    return mask


def amenity_codes(bits: int) -> list[str]:
    return [code for code in AMENITY_CODES if bits & AMENITY_BIT[code]]


class Venue(ScopedByLookup, models.Model):
    """A service venue: an outdoor-worker station (驿站) or one of the bigger places (service centre, cultural
    palace, recuperation base, mediation office). Coordinates are WGS-84; conversions happen at the edges
    (venues.coords)."""

    class Kind(models.TextChoices):
        STATION = "station", _("Outdoor-worker station")
        SERVICE_CENTRE = "service_centre", _("Worker service centre")
        CULTURAL_PALACE = "cultural_palace", _("Workers' cultural palace")
        RECUPERATION_BASE = "recuperation_base", _("Recuperation base")
        MEDIATION_OFFICE = "mediation_office", _("Mediation office")
        OTHER = "other", _("Other service venue")

    class Operation(models.TextChoices):
        UNION_BUILT = "union_built", _("Built by the union")
        CO_BUILT = "co_built", _("Co-built with a partner")

    class Partner(models.TextChoices):
        NONE = "", _("—")
        BANK = "bank", _("Bank")
        PETROL_STATION = "petrol_station", _("Petrol station")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        POST_OFFICE = "post_office", _("Post office")
        SUPERMARKET = "supermarket", _("Shop or supermarket")
        ENTERPRISE = "enterprise", _("Enterprise")
        GOVERNMENT = "government", _("Government office")
        OTHER = "other", _("Other partner")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        CLOSED = "closed", _("Closed")

    class Approval(models.TextChoices):
        PENDING = "pending", _("Awaiting county approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Returned")

    code = models.CharField(_("station code"), max_length=12, unique=True,
                            help_text=_("County code and a four-digit sequence; the QR code is made from it."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATION)
    name = models.CharField(_("name"), max_length=120)
    name_pinyin = models.CharField(max_length=400, blank=True)
    name_initials = models.CharField(max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("owning organisation"))
    county_code = models.CharField(_("county code"), max_length=6)
    province_code = models.CharField(_("province code"), max_length=2, default=PROVINCE_CODE)
    operation = models.CharField(_("how it is run"), max_length=12, choices=Operation.choices,
                                 default=Operation.UNION_BUILT)
    partner_type = models.CharField(_("partner"), max_length=20, choices=Partner.choices, blank=True, default="")
    partner_name = models.CharField(_("partner name"), max_length=120, blank=True)
    lat = models.FloatField(_("latitude (WGS-84)"))
    lng = models.FloatField(_("longitude (WGS-84)"))
    amenity_bits = models.PositiveIntegerField(_("amenities"), default=0)
    open_24h = models.BooleanField(_("open 24 hours"), default=False)
    weekly_hours = models.JSONField(_("opening hours"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=30, blank=True,
                                     help_text=_("The station's public number, shown to workers."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    star_level = models.PositiveSmallIntegerField(_("star level"), default=0)
    approval = models.CharField(_("approval"), max_length=10, choices=Approval.choices, default=Approval.PENDING)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("service venue")
        verbose_name_plural = _("service venues")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["lat", "lng"], name="venue_lat_lng"),
            models.Index(fields=["county_code", "kind"], name="venue_county_kind"),
            models.Index(fields=["approval", "status"], name="venue_approval_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(star_level__gte=0, star_level__lte=5), name="venue_star_0_5"),
            models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90, lng__gte=-180, lng__lte=180),
                                   name="venue_coordinates_valid"),
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{6}[0-9]{4,6}$"), name="venue_code_format"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def amenities(self) -> list[str]:
        return amenity_codes(self.amenity_bits)

    def amenity_labels(self) -> list[str]:
        return [Amenity(code).label for code in self.amenities]

    @property
    def is_public(self) -> bool:
        return self.approval == self.Approval.APPROVED and self.status != self.Status.CLOSED


class VenueClosure(ScopedByLookup, models.Model):
    """Dates a venue is shut (public holidays, repairs), both ends included."""

    scope_path_lookup = "venue__org__path"

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["start_date"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                              name="closure_dates_in_order")]

    def __str__(self):
        return f"{self.start_date} – {self.end_date}"


class VenueHonour(ScopedByLookup, models.Model):
    """An honour such as "most beautiful station" (最美工会户外劳动者服务站点), with its year and who gave it."""

    scope_path_lookup = "venue__org__path"

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(_("honour"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    awarded_by = models.CharField(_("awarded by"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "id"]

    def __str__(self):
        return f"{self.year} {self.title}"


class FundingProject(ScopedByLookup, models.Model):
    """A subsidy project that built or improved a venue."""

    scope_path_lookup = "venue__org__path"

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="funding")
    title = models.CharField(_("project"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("funding project")
        verbose_name_plural = _("funding projects")
        ordering = ["-year", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative")]

    def __str__(self):
        return f"{self.year} {self.title}"


class VenuePhoto(ScopedByLookup, models.Model):
    """A photo, kept in the private storage and served through the venue pages (never by a public file URL)."""

    scope_path_lookup = "venue__org__path"

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="venues/photos/%Y/")
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self):
        return self.caption or self.image.name
