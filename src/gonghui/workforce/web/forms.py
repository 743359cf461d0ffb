"""Forms of the workforce pages (they validate; the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.money import AmountField
from gonghui.orgs import selectors as org_selectors

from ..models import CompetitionHonour, Enrolment, LabourCompetition, ReformMeasure, SkillLevel
from ..roles import WORKFORCE_CHANGE

DATE = forms.DateInput(attrs={"type": "date"})


class OrgChoiceMixin:
    def set_orgs(self, user):
        self.fields["org"].choices = [(o.pk, o.name) for o in org_selectors.organisation_choices(
            user, WORKFORCE_CHANGE, limit=300)]


class MeasureFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=[("", _("Any status")), *ReformMeasure.State.choices])
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("All areas")),
                                                                       *ReformMeasure.Area.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class MeasureForm(OrgChoiceMixin, forms.Form):
    org = forms.TypedChoiceField(label=_("Recording union"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    issuing_bodies = forms.CharField(label=_("Issuing bodies"), max_length=300,
                                     help_text=_("e.g. 省总工会、省人社厅 (separate several with 、)"))
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("Date issued"), widget=DATE)
    area = forms.ChoiceField(label=_("Area"), choices=ReformMeasure.Area.choices)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Document (PDF)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_orgs(user)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    trade = forms.CharField(label=_("Trade"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class CourseForm(OrgChoiceMixin, forms.Form):
    org = forms.TypedChoiceField(label=_("Running union"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    trade = forms.CharField(label=_("Trade"), max_length=100)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=10000, decimal_places=1)
    funding = AmountField(label=_("Funding (yuan)"), required=False)
    capacity = forms.IntegerField(label=_("Places"), required=False, min_value=1)
    open_for_registration = forms.BooleanField(label=_("Workers may register on their phones"), required=False,
                                               initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_orgs(user)


class SessionForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=24, decimal_places=1)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class PersonByIdForm(forms.Form):
    id_number = forms.CharField(label=_("Member's ID number"), max_length=18, min_length=15)


class RosterForm(forms.Form):
    file = forms.FileField(label=_("Attendance sheet (.xlsx or .csv)"))


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=[("", _("Any status")), *Enrolment.State.choices])


class CertificationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    level = forms.TypedChoiceField(label=_("Level"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("All levels")), *SkillLevel.choices])
    trade = forms.CharField(label=_("Trade"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class CertificationForm(forms.Form):
    id_number = forms.CharField(label=_("Member's ID number"), max_length=18, min_length=15)
    trade = forms.CharField(label=_("Trade"), max_length=100)
    level = forms.TypedChoiceField(label=_("Level gained"), coerce=int, choices=SkillLevel.choices)
    certifying_body = forms.CharField(label=_("Certifying body"), max_length=200)
    certified_on = forms.DateField(label=_("Date certified"), widget=DATE)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60)


class PairForm(forms.Form):
    mentor_id_number = forms.CharField(label=_("Master's ID number"), max_length=18, min_length=15)
    apprentice_id_number = forms.CharField(label=_("Apprentice's ID number"), max_length=18, min_length=15)
    trade = forms.CharField(label=_("Trade"), max_length=100)
    started_on = forms.DateField(label=_("Started"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CompetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("All levels")), *LabourCompetition.Level.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class CompetitionForm(OrgChoiceMixin, forms.Form):
    org = forms.TypedChoiceField(label=_("Running union"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=LabourCompetition.Level.choices)
    basis = forms.ChoiceField(label=_("Tied to"), choices=LabourCompetition.Basis.choices)
    subject = forms.CharField(label=_("Project or industry"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_orgs(user)


class ParticipationForm(forms.Form):
    unit_name = forms.CharField(label=_("Unit"), max_length=200)
    team_name = forms.CharField(label=_("Team"), max_length=200, required=False)
    participants = forms.IntegerField(label=_("Participations"), min_value=1)


class HonourForm(forms.Form):
    title = forms.CharField(label=_("Honour"), max_length=100, help_text=_("e.g. 工人先锋号, 五一劳动奖状"))
    recipient_kind = forms.ChoiceField(label=_("Recipient"), choices=CompetitionHonour.Recipient.choices)
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=200)


class EditionForm(OrgChoiceMixin, forms.Form):
    org = forms.TypedChoiceField(label=_("Running union"), coerce=int)
    number = forms.IntegerField(label=_("Edition (第N届)"), min_value=1, max_value=999)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_orgs(user)


class ContestTradeForm(forms.Form):
    trade = forms.CharField(label=_("Trade"), max_length=100)
    theory_weight = forms.DecimalField(label=_("Theory weight (%)"), min_value=0, max_value=100, initial=30)
    practice_weight = forms.DecimalField(label=_("Practice weight (%)"), min_value=0, max_value=100, initial=70)
    drop_extremes = forms.BooleanField(label=_("Drop the highest and lowest judge's score"), required=False,
                                       initial=True)
    champion_ranks = forms.IntegerField(label=_("Ranks titled 技术状元"), min_value=0, max_value=50, initial=1)
    expert_ranks = forms.IntegerField(label=_("Ranks titled 技术能手 (up to)"), min_value=0, max_value=200,
                                      initial=10)
    promotion_level = forms.TypedChoiceField(label=_("Level a title brings"), required=False, coerce=int,
                                             empty_value=None, choices=[("", _("None")), *SkillLevel.choices])


class QuotaForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Union"), coerce=int)
    places = forms.IntegerField(label=_("Places"), min_value=0, max_value=1000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in org_selectors.organisation_choices(
            user, WORKFORCE_CHANGE, limit=300)]


class ScoreForm(forms.Form):
    part = forms.ChoiceField(label=_("Part"), choices=[("theory", _("Theory")), ("practice", _("Practice"))])
    score = forms.DecimalField(label=_("Score"), min_value=0, max_value=100, decimal_places=2)


class CorrectionForm(forms.Form):
    new_score = forms.DecimalField(label=_("Corrected score"), min_value=0, max_value=100, decimal_places=2)
    reason = forms.CharField(label=_("Reason"), max_length=500)
