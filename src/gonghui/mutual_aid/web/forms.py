"""Forms of the mutual-aid pages. They check the shape of what is typed; the rules (eligibility, caps, states,
duties) are the services', whose errors come back onto these forms through core.web.pages.call_service."""

import json
import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core import money

from ..models import Claim, ContributionStatement, Enrolment
from ..plans import BENEFIT_LABELS

DOCUMENT_ACCEPT = "image/*,application/pdf"
_INVOICE_SPLIT = re.compile(r"[\s,，、;；]+")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def money_field(label, *, required: bool = True, positive: bool = False, **kwargs) -> money.AmountField:
    """An amount in yuan read by core.money's rule (the services' own): "¥1,280.50" and full-width digits pass,
    "12.345" and "1e3" do not; never negative, and not zero where ``positive``."""
    return money.AmountField(label=label, required=required, allow_zero=not positive, **kwargs)


ALL = _("All")


def choices_with_blank(choices, blank=ALL) -> list:
    return [("", blank), *choices]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (photos of a document's pages); the list may be empty when not required."""

    def __init__(self, *args, capture: bool = False, **kwargs):
        attrs = {"accept": DOCUMENT_ACCEPT, "multiple": True}
        if capture:
            attrs["capture"] = "environment"  # a phone opens its camera
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
            if self.required and not files:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return files
        return [single(data, initial)] if data else ([] if not self.required else [single(data, initial)])


# --- periods and plans ------------------------------------------------------------------------------------

class PeriodSettingsForm(forms.Form):
    coverage_start = forms.DateField(label=_("Cover starts"), required=False, widget=DateInput)
    coverage_end = forms.DateField(label=_("Cover ends"), required=False, widget=DateInput)
    enrolment_opens = forms.DateField(label=_("Enrolment opens"), required=False, widget=DateInput)
    enrolment_deadline = forms.DateField(label=_("Enrolment deadline"), required=False, widget=DateInput)
    claim_deadline = forms.DateField(label=_("Claim deadline"), required=False, widget=DateInput)
    contribution_per_share = money_field(_("Contribution per share (yuan)"), positive=True,
                                         initial=Decimal("120.00"))
    max_shares = forms.IntegerField(label=_("Shares allowed per person"), min_value=1, max_value=10, initial=1)
    min_age = forms.IntegerField(label=_("Minimum age (inclusive)"), min_value=0, max_value=120, initial=16)
    max_age = forms.IntegerField(label=_("Maximum age for new joiners (exclusive)"), min_value=1, max_value=120,
                                 initial=55)
    require_basic_insurance = forms.BooleanField(label=_("Basic medical insurance required"), required=False,
                                                 initial=True)
    continuous_cover_for_older = forms.BooleanField(
        label=_("Older members and retirees only with continuous cover"), required=False, initial=True)
    threshold_percent = forms.IntegerField(label=_("Participation threshold (per cent of staff)"), min_value=0,
                                           max_value=100, initial=60)
    small_unit_size = forms.IntegerField(label=_("Small units (all staff must join) up to"), min_value=0,
                                         max_value=1000, initial=10)
    second_approval_above = money_field(_("Second approval above (yuan)"), initial=Decimal("10000.00"))
    review_days = forms.IntegerField(label=_("Review deadline (days from submission)"), min_value=1, max_value=365,
                                     initial=15, required=False)

    def settings(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("org", "number")}


class PeriodCreateForm(PeriodSettingsForm):
    org = forms.TypedChoiceField(label=_("Federation"), coerce=int)
    number = forms.IntegerField(label=_("Period number"), min_value=1, max_value=999,
                                help_text=_("Empty dates follow Yunnan's calendar for this number."))
    field_order = ["org", "number"]

    def __init__(self, *args, federations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(org.pk, org.name) for org in federations]


class PlanVersionForm(forms.Form):
    valid_from = forms.DateField(label=_("Applies to admissions from"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    data = forms.CharField(label=_("Plan (JSON)"), widget=forms.Textarea(attrs={"rows": 24, "cols": 100,
                                                                              "spellcheck": "false"}),
                           help_text=_("Every figure of the plan; the previous version is filled in."))

    def clean_data(self):
        try:
            data = json.loads(self.cleaned_data["data"])
        except ValueError as exc:
            raise forms.ValidationError(_("This is not valid JSON: %(error)s") % {"error": exc}) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("The plan must be a JSON object."))
        return data


# --- enrolment and contributions --------------------------------------------------------------------------

class RosterForm(forms.Form):
    persons = forms.TypedMultipleChoiceField(label=_("Members to enrol"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)
    without_insurance = forms.TypedMultipleChoiceField(label=_("Without basic medical insurance"), coerce=int,
                                                       required=False, widget=forms.CheckboxSelectMultiple)
    shares = forms.IntegerField(label=_("Shares per person"), min_value=1, initial=1)
    late_reason = forms.CharField(label=_("Reason for the late enrolment"), max_length=300, required=False,
                                  help_text=_("Needed after the deadline: a reviewer then approves each entry."))

    def __init__(self, *args, person_choices, max_shares: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = person_choices
        self.fields["without_insurance"].choices = person_choices
        self.fields["shares"].max_value = max_shares
        self.fields["shares"].widget.attrs["max"] = max_shares


class LateDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), required=False, widget=DateInput)


class EnrolmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=choices_with_blank(Enrolment.Status.choices))
    leavers = forms.BooleanField(label=_("Only members who left"), required=False)


class StatementFilterForm(forms.Form):
    q = forms.CharField(label=_("Unit or union"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Reconciliation"), required=False,
                               choices=choices_with_blank(ContributionStatement.Status.choices))


class PaymentForm(forms.Form):
    amount = money_field(_("Amount received (yuan)"), positive=True)
    paid_on = forms.DateField(label=_("Received on"), required=False, widget=DateInput)
    reference = forms.CharField(label=_("Bank reference"), max_length=60)


# --- claims -----------------------------------------------------------------------------------------------

class ClaimFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=choices_with_blank(Claim.State.choices, _("Open claims")))
    benefit_type = forms.ChoiceField(label=_("Benefit"), required=False,
                                     choices=choices_with_blank(list(BENEFIT_LABELS.items())))
    org = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None)
    min_age = forms.IntegerField(label=_("Waiting at least (days)"), min_value=0, max_value=3650, required=False)
    min_amount = money_field(_("Self-paid from (yuan)"), required=False)
    max_amount = money_field(_("Self-paid up to (yuan)"), required=False)
    overdue = forms.BooleanField(label=_("Past the review deadline"), required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", _("All")), *((org.pk, org.name) for org in orgs)]


class ClaimForm(forms.Form):
    benefit_type = forms.ChoiceField(label=_("Benefit"), choices=list(BENEFIT_LABELS.items()))
    hospital = forms.CharField(label=_("Hospital"), max_length=120)
    admission_date = forms.DateField(label=_("Admitted on"), widget=DateInput)
    discharge_date = forms.DateField(label=_("Discharged on"), widget=DateInput)
    diagnosis = forms.CharField(label=_("Diagnosis"), max_length=300)
    diagnosis_category = forms.ChoiceField(label=_("Diagnosis category"), choices=Claim.DiagnosisCategory.choices)
    total_cost = money_field(_("Total cost (yuan)"))
    insurance_paid = money_field(_("Paid by basic medical insurance (yuan)"))
    self_paid = money_field(_("Self-paid (yuan)"))
    invoice_numbers = forms.CharField(label=_("Invoice numbers"), max_length=600,
                                      help_text=_("Separate several numbers with commas or spaces."))
    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False)
    bank_account = forms.CharField(label=_("Bank account number"), max_length=40,
                                   widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

    def clean_invoice_numbers(self):
        numbers = [n for n in _INVOICE_SPLIT.split(self.cleaned_data["invoice_numbers"]) if n]
        if not numbers:
            raise forms.ValidationError(_("Give at least one invoice number."))
        return numbers

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ClaimWithDocumentsForm(ClaimForm):
    """The worker's claim: the fields, and photos of each document a claim for any benefit may need (the
    list of the chosen benefit is checked by the service on submission)."""

    def __init__(self, *args, documents: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.document_fields = []
        for code, label in documents:
            name = f"doc_{code}"
            self.fields[name] = MultipleFileField(label=label, required=False, capture=True)
            self.document_fields.append(name)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("doc_")}

    def uploads(self) -> list[tuple[str, object]]:
        return [(name[4:], upload) for name in self.document_fields for upload in self.cleaned_data.get(name) or []]


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document"))
    files = MultipleFileField(label=_("Photos or PDF"))

    def __init__(self, *args, documents: list[tuple[str, str]], capture: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = documents
        if capture:
            self.fields["files"].widget.attrs["capture"] = "environment"


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What is missing"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(forms.Form):
    code = forms.ChoiceField(label=_("Reason"), choices=Claim.RejectionCode.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           help_text=_("Required for “Other reason”."))


class AdjustForm(forms.Form):
    amount = money_field(_("Amount to pay (yuan)"))
    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=300)


class RequeueForm(forms.Form):
    bank_account = forms.CharField(label=_("Corrected account number"), max_length=40, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False)


class BankChangeDecisionForm(forms.Form):
    note = forms.CharField(label=_("Note (required to reject)"), max_length=300, required=False)


# --- payouts, settlement, reports -------------------------------------------------------------------------

class BatchCreateForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Union (its whole subtree)"), coerce=int)
    period = forms.TypedChoiceField(label=_("Period"), coerce=int)
    kind = forms.ChoiceField(label=_("Pay"), choices=[("claims", _("Approved claims")),
                                                      ("second", _("Second payouts (after the settlement)"))],
                             required=False)

    def __init__(self, *args, orgs, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(org.pk, org.name) for org in orgs]
        self.fields["period"].choices = [(p.pk, str(p)) for p in periods]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (UTF-8)"))])


class MarkForm(forms.Form):
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=60)
    failed = forms.TypedMultipleChoiceField(label=_("Payments the bank refused"), coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    failure_reason = forms.CharField(label=_("Why the bank refused them"), max_length=300, required=False)

    def __init__(self, *args, pending_claims: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["failed"].choices = pending_claims

    def failures(self) -> dict[int, str]:
        reason = self.cleaned_data.get("failure_reason") or ""
        return {claim_id: reason for claim_id in self.cleaned_data.get("failed") or []}


class ReportFilterForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False, empty_value=None)
    org = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, periods, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.pk, str(p)) for p in periods]
        self.fields["org"].choices = [("", _("All my organisations")), *((o.pk, o.name) for o in orgs)]


class RosterImportForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Period"), coerce=int)
    org = forms.TypedChoiceField(label=_("Union"), coerce=int,
                                 help_text=_("The rows' units are looked up in this union's part of the tree."))
    late_reason = forms.CharField(label=_("Reason for the late enrolment"), max_length=300, required=False,
                                  help_text=_("Needed after the deadline: a reviewer then approves each entry."))
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def __init__(self, *args, periods, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.pk, str(p)) for p in periods]
        self.fields["org"].choices = [(o.pk, o.name) for o in unions]
