from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core import masking
from gonghui.core.models import PROVINCE_CODE, ScopedByLookup
from gonghui.core.sensitive import SensitiveField

BANK_ACCOUNT_PURPOSE = "mutual_aid.claim.bank_account"


def mask_account(value: str) -> str:
    """Eight stars and the last four digits, whatever the account's length: the mask does not tell it."""
    return masking.mask_bank_account(value and "0" * 8 + value[-4:])


class Claim(ScopedByLookup, models.Model):
    """A claim for one benefit after one hospital stay (or one accident, one diagnosis), filed by the worker or
    their union. The state moves only through workflows.CLAIM_FLOW; the arithmetic of the benefit is stored with
    every step (``calculation``) from the plan version in force at admission."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for more")
        UNDER_REVIEW = "under_review", _("Under review")
        AWAITING_SECOND = "awaiting_second", _("Awaiting second approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        IN_BATCH = "in_batch", _("In a payout batch")
        PAID = "paid", _("Paid")
        PAYMENT_FAILED = "payment_failed", _("Payment failed")

    class DiagnosisCategory(models.TextChoices):
        DISEASE = "disease", _("Disease")
        INJURY = "injury", _("Injury")
        MATERNITY = "maternity", _("Pregnancy and childbirth")
        TUMOUR = "tumour", _("Tumour")
        OTHER = "other", _("Other")

    class RejectionCode(models.TextChoices):
        NOT_COVERED = "not_covered", _("Not covered by the plan")
        NOT_ELIGIBLE = "not_eligible", _("Person not covered at the time")
        DOCUMENTS_INVALID = "documents_invalid", _("Documents invalid or not genuine")
        DUPLICATE = "duplicate", _("Already claimed")
        PAID_ELSEWHERE = "paid_elsewhere", _("Costs already reimbursed elsewhere")
        OTHER = "other", _("Other reason")

    OPEN_STATES = (State.SUBMITTED, State.RETURNED, State.UNDER_REVIEW, State.AWAITING_SECOND)

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("union"))
    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="claims",
                               verbose_name=_("period"))
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    enrolment = models.ForeignKey("mutual_aid.Enrolment", on_delete=models.PROTECT, related_name="claims",
                                  verbose_name=_("enrolment"))
    benefit_type = models.CharField(_("benefit"), max_length=20)
    hospital = models.CharField(_("hospital"), max_length=120)
    admission_date = models.DateField(_("admitted on"))
    discharge_date = models.DateField(_("discharged on"))
    diagnosis = models.CharField(_("diagnosis"), max_length=300)
    diagnosis_category = models.CharField(_("diagnosis category"), max_length=12,
                                          choices=DiagnosisCategory.choices, default=DiagnosisCategory.DISEASE)
    total_cost = models.DecimalField(_("total cost"), max_digits=12, decimal_places=2)
    insurance_paid = models.DecimalField(_("paid by basic medical insurance"), max_digits=12, decimal_places=2)
    self_paid = models.DecimalField(_("self-paid"), max_digits=12, decimal_places=2)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    # No lookup hash: nobody finds a claim by its account number (the stored columns stay as they were).
    bank_account = SensitiveField(_("bank account"), purpose=BANK_ACCOUNT_PURPOSE, hash_field=None,
                                  tail_field="bank_account_tail", mask=mask_account, optional=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    plan_version = models.ForeignKey("mutual_aid.PlanVersion", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="claims", verbose_name=_("plan version"))
    calculation = models.JSONField(_("calculation"), default=dict, blank=True)
    computed_amount = models.DecimalField(_("computed benefit"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    adjustment = models.DecimalField(_("adjustment"), max_digits=12, decimal_places=2, null=True, blank=True)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=300, blank=True)
    approved_amount = models.DecimalField(_("approved benefit"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    return_note = models.CharField(_("what is missing"), max_length=500, blank=True)
    rejection_code = models.CharField(_("rejection reason"), max_length=20, choices=RejectionCode.choices,
                                      blank=True)
    rejection_note = models.CharField(_("rejection note"), max_length=500, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("filed by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewer"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The organisation path where the first approver holds the review role: the second approver sits above it.
    first_approval_path = models.CharField(max_length=255, blank=True)
    second_approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("second approver"))
    second_approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("paid by"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    province_code = models.CharField(max_length=2, default=PROVINCE_CODE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(discharge_date__gte=models.F("admission_date")),
                                   name="ma_claim_discharge_after_admission"),
            models.CheckConstraint(condition=models.Q(total_cost__gte=0, insurance_paid__gte=0, self_paid__gte=0),
                                   name="ma_claim_amounts_not_negative"),
            models.CheckConstraint(condition=models.Q(approved_amount__isnull=True) | models.Q(approved_amount__gte=0),
                                   name="ma_claim_approved_not_negative"),
        ]
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="ma_claim_queue"),
            # id last: a payout batch takes the oldest approved claims of a period in id order and stops at its
            # limit instead of sorting every approved claim (4.4 s a batch at 361,000 claims).
            models.Index(fields=["period", "state", "id"], name="ma_claim_period_state_id"),
            models.Index(fields=["person", "period"], name="ma_claim_person_period"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"MA{self.period.number:02d}-{self.pk or 0:07d}" if self.period_id else f"MA-{self.pk or 0:07d}"

    @property
    def payable_amount(self) -> Decimal:
        return self.approved_amount if self.approved_amount is not None else Decimal("0")


class ClaimInvoice(models.Model):
    """An invoice a claim relies on. (number, hospital) is unique over every claim not rejected or withdrawn:
    the database itself refuses the same invoice claimed twice, however the claims arrive."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="invoices", verbose_name=_("claim"))
    number = models.CharField(_("invoice number"), max_length=60)
    hospital_key = models.CharField(max_length=120)
    released = models.BooleanField(default=False)  # the claim was rejected: the invoice may be claimed again

    class Meta:
        verbose_name = _("claim invoice")
        verbose_name_plural = _("claim invoices")
        constraints = [
            models.UniqueConstraint(fields=["number", "hospital_key"], condition=models.Q(released=False),
                                    name="ma_invoice_claimed_once"),
        ]

    def __str__(self):
        return self.number
