from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup


class Channel(models.TextChoices):
    MOBILE = "mobile", _("Mobile application")
    PHONE = "phone", _("Telephone")
    WALK_IN = "walk_in", _("Walk-in")
    COURT = "court", _("Court referral")


class DisputeType(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("Wage arrears")
    CONTRACT = "contract", _("Labour contract")
    DISMISSAL = "dismissal", _("Dismissal")
    WORK_INJURY = "work_injury", _("Work injury")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")
    OVERTIME = "overtime", _("Overtime")


class CaseType(models.TextChoices):
    """How the union helps (DOMAIN.md: the statistics' case types); each has its own allowed outcomes."""

    CONSULTATION = "consultation", _("Consultation")
    DOCUMENTS = "documents", _("Document drafting")
    MEDIATION = "mediation", _("Mediation")
    ARBITRATION = "arbitration", _("Arbitration")
    LITIGATION = "litigation", _("Litigation")


class Outcome(models.TextChoices):
    ADVICE_GIVEN = "advice_given", _("Advice given")
    DOCUMENTS_DELIVERED = "documents_delivered", _("Documents delivered")
    AGREEMENT = "agreement", _("Mediation agreement")
    MEDIATION_FAILED = "mediation_failed", _("Mediation failed")
    AWARD_WON = "award_won", _("Arbitration award in the worker's favour")
    AWARD_LOST = "award_lost", _("Arbitration award against the worker")
    JUDGMENT_WON = "judgment_won", _("Judgment in the worker's favour")
    JUDGMENT_LOST = "judgment_lost", _("Judgment against the worker")
    SETTLED = "settled", _("Settled by the parties")
    WITHDRAWN = "withdrawn", _("Withdrawn by the worker")


# Which outcomes close which kind of case; outcomes that bring money back ask for the amount recovered.
ALLOWED_OUTCOMES = {
    CaseType.CONSULTATION: (Outcome.ADVICE_GIVEN, Outcome.WITHDRAWN),
    CaseType.DOCUMENTS: (Outcome.DOCUMENTS_DELIVERED, Outcome.WITHDRAWN),
    CaseType.MEDIATION: (Outcome.AGREEMENT, Outcome.MEDIATION_FAILED, Outcome.SETTLED, Outcome.WITHDRAWN),
    CaseType.ARBITRATION: (Outcome.AWARD_WON, Outcome.AWARD_LOST, Outcome.SETTLED, Outcome.WITHDRAWN),
    CaseType.LITIGATION: (Outcome.JUDGMENT_WON, Outcome.JUDGMENT_LOST, Outcome.SETTLED, Outcome.WITHDRAWN),
}
MONEY_OUTCOMES = frozenset({Outcome.AGREEMENT, Outcome.AWARD_WON, Outcome.JUDGMENT_WON, Outcome.SETTLED})
# The outcomes a lawyer or a mediator may record: a mediator closes mediations, a lawyer the rest.
ROLE_CASE_TYPES = {
    "lawyer": (CaseType.CONSULTATION, CaseType.DOCUMENTS, CaseType.ARBITRATION, CaseType.LITIGATION,
               CaseType.MEDIATION),
    "mediator": (CaseType.MEDIATION, CaseType.CONSULTATION),
}


class RefusalReason(models.TextChoices):
    NOT_LABOUR = "not_labour", _("Not a labour dispute")
    OUT_OF_AREA = "out_of_area", _("Outside this union's area")
    TIME_BARRED = "time_barred", _("The time limit for the claim has passed")
    ALREADY_HANDLED = "already_handled", _("Already decided by a court or arbitration")
    NOT_ELIGIBLE = "not_eligible", _("The applicant does not meet the legal-aid conditions")
    NO_REPLY = "no_reply", _("The applicant did not provide what was asked")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class CaseWorker(OrgScopedModel):
    """A lawyer or mediator who works cases for a union (a staff account holding the case-worker role), with the
    mediation body or law firm they belong to and how many open cases they take at most."""

    class Role(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        MEDIATOR = "mediator", _("Mediator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("account"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    name = models.CharField(_("name"), max_length=50)
    body = models.CharField(_("law firm or mediation body"), max_length=120, blank=True)
    max_open = models.PositiveSmallIntegerField(_("open cases at most"), default=15)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lawyer or mediator")
        verbose_name_plural = _("lawyers and mediators")
        constraints = [models.UniqueConstraint(fields=["user", "org"], name="rights_worker_once_per_org")]

    def __str__(self):
        return self.name


class LegalCase(OrgScopedModel):
    """One request for legal aid or mediation, from intake to closure, with the money claimed and recovered."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVIEW = "review", _("Eligibility review")
        WAITING = "waiting", _("Waiting for the worker")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        MERGED = "merged", _("Merged into another case")

    OPEN_STATES = ("submitted", "review", "waiting", "accepted", "assigned", "in_progress")
    DECISION_STATES = ("submitted", "review", "waiting")

    reference = models.CharField(_("case number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    dispute_type = models.CharField(_("dispute type"), max_length=20, choices=DisputeType.choices)
    case_type = models.CharField(_("case type"), max_length=20, choices=CaseType.choices,
                                 default=CaseType.MEDIATION)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("worker"))
    employer_unit = models.ForeignKey("members.Unit", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("employer (registered unit)"))
    employer_name = models.CharField(_("employer"), max_length=120)
    employer_credit_code = models.CharField(_("employer's credit code"), max_length=18, blank=True, db_index=True)
    summary = models.TextField(_("what happened"))
    amount_claimed = models.DecimalField(_("amount claimed"), max_digits=12, decimal_places=2, default=0)
    amount_recovered = models.DecimalField(_("amount recovered"), max_digits=12, decimal_places=2, null=True,
                                           blank=True)
    reached_worker = models.BooleanField(_("the money reached the worker"), null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    hardship = models.BooleanField(_("the worker is in hardship"), default=False)
    workers_involved = models.PositiveIntegerField(_("workers involved"), default=1)
    submitted_on = models.DateField(_("submitted on"))
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_days = models.PositiveSmallIntegerField(_("working days to decision"), null=True, blank=True)
    decided_in_time = models.BooleanField(_("decided within the deadline"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=20, choices=RefusalReason.choices,
                                      blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("assigned to"))
    case_worker = models.ForeignKey(CaseWorker, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="cases", verbose_name=_("lawyer or mediator"))
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    court_name = models.CharField(_("court"), max_length=120, blank=True)
    court_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    court_deadline = models.DateField(_("court's deadline"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("comment on the service"), max_length=500, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    collective = models.BooleanField(_("collective case"), default=False)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("merged into"))
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("being edited by"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("legal-aid case")
        verbose_name_plural = _("legal-aid cases")
        indexes = [models.Index(fields=["state", "decision_due"], name="rights_case_state_due"),
                   models.Index(fields=["org", "submitted_on"], name="rights_case_org_day")]
        constraints = [
            models.CheckConstraint(condition=Q(amount_claimed__gte=0), name="rights_claimed_not_negative"),
            models.CheckConstraint(condition=Q(amount_recovered__isnull=True) | Q(amount_recovered__gte=0),
                                   name="rights_recovered_not_negative"),
            models.CheckConstraint(condition=~Q(state="closed") | ~Q(outcome=""), name="rights_closed_has_outcome"),
            models.CheckConstraint(condition=~Q(state="refused") | ~Q(refusal_reason=""),
                                   name="rights_refused_has_reason"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="rights_rating_1_to_5"),
        ]

    def __str__(self):
        return self.reference


class SlaPause(ScopedByLookup, models.Model):
    """A stretch during which the decision clock stood still (waiting for the worker's papers)."""

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField(_("paused on"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)

    scope_path_lookup = "case__org__path"

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(ended_on__isnull=True),
                                               name="rights_one_open_pause")]

    def __str__(self):
        return f"{self.started_on}–{self.ended_on or ''}"


class Activity(ScopedByLookup, models.Model):
    """One entry of a case's timeline: a call, a meeting, a document, a hearing; optionally with a date to be
    reminded of."""

    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        DOCUMENT = "document", _("Document")
        HEARING = "hearing", _("Hearing")
        NOTE = "note", _("Note")

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    remind_on = models.DateField(_("remind me on"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_lookup = "case__org__path"

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on}"


class CaseMember(ScopedByLookup, models.Model):
    """One worker of a collective case (a building site's unpaid workers against one employer), with what is
    claimed and recovered for them."""

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("worker"))
    amount_claimed = models.DecimalField(_("amount claimed"), max_digits=12, decimal_places=2, default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    scope_path_lookup = "case__org__path"

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="rights_member_once_per_case"),
                       models.CheckConstraint(condition=Q(amount_claimed__gte=0),
                                              name="rights_member_claim_not_negative")]

    def __str__(self):
        return f"{self.case_id}:{self.person_id}"
