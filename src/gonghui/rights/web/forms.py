"""Forms of the rights pages: they validate what was typed; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.money import AmountField

from ..models import Activity, CaseType, CaseWorker, Channel, DisputeType, LegalCase, Outcome, RefusalReason, Urgency


def _blank(choices):
    return [("", "—"), *choices]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=_blank([("open", _("Open")), *LegalCase.State.choices]))
    dispute_type = forms.ChoiceField(label=_("Dispute type"), required=False, choices=_blank(DisputeType.choices))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_blank(Channel.choices))
    case_type = forms.ChoiceField(label=_("Case type"), required=False, choices=_blank(CaseType.choices))
    sla = forms.ChoiceField(label=_("Decision clock"), required=False, choices=_blank([
        ("warning", _("Due within a working day")), ("overdue", _("Overdue")), ("paused", _("Paused"))]))
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class IntakeForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Union"), queryset=None)
    person_id = forms.IntegerField(label=_("Member number (from the member page)"), min_value=1)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.WALK_IN)
    dispute_type = forms.ChoiceField(label=_("Dispute type"), choices=DisputeType.choices)
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices, initial=CaseType.MEDIATION)
    employer_name = forms.CharField(label=_("Employer"), max_length=120)
    employer_credit_code = forms.CharField(label=_("Employer's credit code"), max_length=18, required=False)
    amount_claimed = AmountField(label=_("Amount claimed (yuan)"), required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    hardship = forms.BooleanField(label=_("The worker is in hardship"), required=False)
    workers_involved = forms.IntegerField(label=_("Workers involved"), min_value=1, initial=1)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    court_name = forms.CharField(label=_("Court (court referrals)"), max_length=120, required=False)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=60, required=False)
    court_deadline = forms.DateField(label=_("Court's deadline"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    paper = forms.FileField(label=_("A paper of the dispute"), required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class RefuseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RefusalReason.choices)
    comment = forms.CharField(label=_("The letter's words"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=1000, required=False)


class AssignForm(forms.Form):
    case_worker = forms.ModelChoiceField(label=_("Lawyer or mediator"), queryset=None)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = workers


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    amount_recovered = AmountField(label=_("Amount recovered (yuan)"), required=False)
    reached_worker = forms.TypedChoiceField(label=_("The money reached the worker"), required=False,
                                            choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                                            coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None)
    comment = forms.CharField(label=_("Closing report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                              required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    happened_on = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    remind_on = forms.DateField(label=_("Remind me on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))


class PaperForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("rights.paper", _("Dispute paper")),
                                                       ("rights.closing", _("Closing document"))])
    file = forms.FileField(label=_("File (photo or PDF)"))


class ApplyForm(forms.Form):
    dispute_type = forms.ChoiceField(label=_("What is the dispute about?"), choices=DisputeType.choices)
    employer_name = forms.CharField(label=_("Employer"), max_length=120)
    employer_credit_code = forms.CharField(label=_("Employer's credit code (if you know it)"), max_length=18,
                                           required=False)
    amount_claimed = AmountField(label=_("Amount owed to you (yuan)"), required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    paper = forms.FileField(label=_("A photo of your papers (contract, pay slips, chat records)"), required=False)


class MobilePaperForm(forms.Form):
    file = forms.FileField(label=_("File (photo or PDF)"))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=[(i, "★" * i) for i in range(5, 0, -1)])
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class MediationAgreeForm(forms.Form):
    points_in_dispute = forms.CharField(label=_("Points in dispute"), widget=forms.Textarea(attrs={"rows": 3}),
                                        max_length=4000)
    agreement_terms = forms.CharField(label=_("Terms of the agreement"), widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=4000)
    agreed_amount = AmountField(label=_("Amount agreed (yuan)"))


class MediationReturnForm(forms.Form):
    points_in_dispute = forms.CharField(label=_("Points in dispute"), widget=forms.Textarea(attrs={"rows": 3}),
                                        max_length=4000)
    return_reason = forms.CharField(label=_("Why it goes back to the court"),
                                    widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class MediationConfirmForm(forms.Form):
    confirmation_number = forms.CharField(label=_("Judicial confirmation number"), max_length=60)
    confirmed_on = forms.DateField(label=_("Confirmed on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))


class ScheduleForm(forms.Form):
    lines = forms.CharField(label=_("Payments (one a line: date and amount, e.g. 2026-12-31 3000.00)"),
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def clean_lines(self):
        import datetime

        rows = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            try:
                day = datetime.date.fromisoformat(parts[0])
                amount = parts[1]
            except (ValueError, IndexError):
                raise forms.ValidationError(_("Line %(n)s: write a date (YYYY-MM-DD) and an amount.")
                                            % {"n": number}) from None
            rows.append((day, amount))
        return rows


class PaymentForm(forms.Form):
    received_amount = AmountField(label=_("Amount received (yuan)"))
    received_on = forms.DateField(label=_("Received on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class FailForm(forms.Form):
    comment = forms.CharField(label=_("What happened"), max_length=1000)


class CaseWorkerForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Union"), queryset=None)
    username = forms.CharField(label=_("Staff account (user name)"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=CaseWorker.Role.choices)
    name = forms.CharField(label=_("Name"), max_length=50)
    body = forms.CharField(label=_("Law firm or mediation body"), max_length=120, required=False)
    max_open = forms.IntegerField(label=_("Open cases at most"), min_value=1, max_value=200, initial=15)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=60)
    is_workday = forms.BooleanField(label=_("A make-up working day (调休)"), required=False)
