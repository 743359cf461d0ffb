from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core import masking
from gonghui.core.fields import EncryptedTextField
from gonghui.core.models import ScopedByLookup, province_code_field
from gonghui.core.sensitive import SensitiveField


class Person(ScopedByLookup, models.Model):
    """A real-name worker. The resident ID number and the mobile number are encrypted at rest; a keyed hash
    serves exact lookup and uniqueness, and the last four digits serve "search by tail" (they are what the
    masked display shows anyway)."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class Category(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        MIGRANT = "migrant", _("Migrant worker")
        NEW_FORM = "new_form", _("New-employment-form worker")

    class Occupation(models.TextChoices):
        NONE = "", _("—")
        COURIER = "courier", _("Courier")
        RIDER = "rider", _("Food-delivery rider")
        RIDE_HAILING = "ride_hailing", _("Ride-hailing driver")
        TRUCK_DRIVER = "truck_driver", _("Truck driver")
        DOMESTIC = "domestic", _("Domestic worker")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=50)
    name_pinyin = models.CharField(max_length=200, blank=True)
    name_initials = models.CharField(max_length=50, blank=True)
    # Each is three columns (encrypted value, lookup hash, last four) declared once: core.sensitive.
    id_number = SensitiveField(_("resident ID number"), purpose="person.id_number", hash_field="id_number_hash",
                               tail_field="id_tail", mask=masking.mask_id_number)
    phone = SensitiveField(_("mobile number"), purpose="person.phone", hash_field="phone_hash",
                           tail_field="phone_tail", mask=masking.mask_phone, optional=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    category = models.CharField(_("worker category"), max_length=12, choices=Category.choices,
                                default=Category.EMPLOYEE)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices, blank=True,
                                  default="")
    # The union that holds the current membership, kept in step by members.services: the scope of a person.
    current_org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("current union"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="person", verbose_name=_("worker account"))
    province_code = province_code_field()  # on every large table: shardable by province
    # Identity squatting (issue 19 §3): a person created by a worker's own sign-up is unverified until the union
    # confirms it, or its verified phone and ID meet the union's record; until then the account sees nothing
    # tied to the person, and a union import or registration keeps the union's record and detaches it.
    self_registered_at = models.DateTimeField(_("self-registered"), null=True, blank=True)
    identity_verified_at = models.DateTimeField(_("identity verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "current_org__path"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name"], name="person_name"),
            # pattern ops: on PostgreSQL LIKE 'zhang%' uses the index whatever the collation
            models.Index(fields=["name_pinyin"], name="person_pinyin_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name_initials"], name="person_initials_prefix",
                         opclasses=["varchar_pattern_ops"]),
            # Exact-match columns get plain indexes and constraints declared here rather than unique=True /
            # db_index=True, which on PostgreSQL also build a LIKE (varchar_pattern_ops) index nobody uses, one
            # more index for every imported row to maintain.
            models.Index(fields=["id_tail"], name="person_id_tail"),
            models.Index(fields=["phone_tail"], name="person_phone_tail"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["id_number_hash"], name="person_unique_id_number_hash"),
            models.UniqueConstraint(fields=["phone_hash"], name="person_unique_phone_hash"),
        ]
        # (name contains: a pg_trgm GIN index on PostgreSQL, created by migration 0002 only there)

    def __str__(self):
        return self.name

    @property
    def identity_unverified(self) -> bool:
        return self.self_registered_at is not None and self.identity_verified_at is None

    @property
    def name_masked(self) -> str:
        return masking.mask_name(self.name)


class IdentityConflict(ScopedByLookup, models.Model):
    """A union import or registration met a person whose identity a worker registered themself and the union
    never confirmed. The union's record was kept and the account detached from the person; an officer of the
    union decides: the account does belong to this person (confirm), or it does not (detach: the account is
    closed)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To resolve")
        CONFIRMED = "confirmed", _("Confirmed: the account is the person's")
        DETACHED = "detached", _("Detached: the account is not the person's")

    class Source(models.TextChoices):
        IMPORT = "import", _("Roster import")
        REGISTRATION = "registration", _("Registration by staff")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identity_conflicts",
                               verbose_name=_("person"))
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("self-registered account"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("union"))
    source = models.CharField(_("met by"), max_length=12, choices=Source.choices)
    claimed_name = models.CharField(_("name given at sign-up"), max_length=50)
    claimed_phone = EncryptedTextField(_("mobile number given at sign-up"), purpose="person.phone", blank=True,
                                       default="")
    claimed_phone_tail = models.CharField(max_length=4, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("resolved by"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("identity conflict")
        verbose_name_plural = _("identity conflicts")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "account"], condition=models.Q(status="pending"),
                                               name="identity_conflict_once_pending")]

    def __str__(self):
        return f"{self.person_id} / {self.account_id} ({self.status})"

    @property
    def claimed_phone_masked(self) -> str:
        return masking.mask_phone("1" + "0" * 6 + self.claimed_phone_tail) if self.claimed_phone_tail else ""
