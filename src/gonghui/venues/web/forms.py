"""Forms of the venue pages: the registry form (with hours per weekday) and the worker's small forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.money import AmountField
from gonghui.core.validators import name_validator
from gonghui.orgs import selectors as org_selectors

from .. import coords, hours
from ..models import Amenity, Occupation, ProblemReport, Venue
from ..roles import VENUES_CHANGE

SYSTEM_CHOICES = [(coords.WGS84, _("WGS-84 (GPS)")), (coords.GCJ02, _("GCJ-02 (Amap, Tencent)")),
                  (coords.BD09, _("BD-09 (Baidu)"))]


class VenueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Venue.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *Venue.Status.choices])
    approval = forms.ChoiceField(label=_("Approval"), required=False,
                                 choices=[("", _("Any approval")), *Venue.Approval.choices])
    amenity = forms.MultipleChoiceField(label=_("Amenities"), required=False, choices=Amenity.choices,
                                        widget=forms.CheckboxSelectMultiple)


class VenueForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Owning organisation"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=120, validators=[name_validator])
    kind = forms.ChoiceField(label=_("Kind"), choices=Venue.Kind.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    system = forms.ChoiceField(label=_("Coordinates entered in"), choices=SYSTEM_CHOICES, initial=coords.WGS84,
                               help_text=_("Drag the marker on the map, or type coordinates copied from a map app."))
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    lng = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    operation = forms.ChoiceField(label=_("How it is run"), choices=Venue.Operation.choices)
    partner_type = forms.ChoiceField(label=_("Partner"), choices=Venue.Partner.choices, required=False)
    partner_name = forms.CharField(label=_("Partner name"), max_length=120, required=False)
    amenities = forms.MultipleChoiceField(label=_("Amenities"), choices=Amenity.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    open_24h = forms.BooleanField(label=_("Open 24 hours"), required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=30, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Venue.Status.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = org_selectors.organisation_choices(user, VENUES_CHANGE, limit=300)
        self.fields["org"].choices = [(o.pk, o.name) for o in choices]
        if editing:
            self.fields["org"].required = False
            self.fields["org"].widget = forms.HiddenInput()
        for index, label in enumerate(hours.WEEKDAY_LABELS):
            self.fields[f"hours_{index}"] = forms.CharField(
                label=label, required=False, help_text=_("e.g. 08:00-12:00, 14:00-18:00; empty: closed") if
                index == 0 else "")

    def clean(self):
        data = super().clean()
        week = []
        for index in range(7):
            try:
                week.append(hours.parse_day_text(data.get(f"hours_{index}", "")))
            except ValidationFailed as exc:
                self.add_error(f"hours_{index}", str(exc.message))
        data["weekly_hours"] = week
        return data

    @staticmethod
    def hours_initial(weekly) -> dict:
        return {f"hours_{i}": hours.day_text(day) for i, day in enumerate(weekly or [[] for _ in range(7)])}


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DailyCountForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(label=_("Anonymous visits"), min_value=0, max_value=100_000)


class ClosureForm(forms.Form):
    start_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class CheckInForm(forms.Form):
    phone = forms.CharField(label=_("Mobile number"), max_length=30,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    occupation = forms.ChoiceField(label=_("Occupation"), choices=[("", _("Choose…")), *Occupation.choices])


class ProblemForm(forms.Form):
    category = forms.ChoiceField(label=_("What is wrong?"), choices=ProblemReport.Category.choices,
                                 widget=forms.RadioSelect)
    description = forms.CharField(label=_("Anything to add"), required=False, max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=[(i, "★" * i) for i in range(5, 0, -1)],
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)


def _year_field():
    import datetime

    return forms.IntegerField(label=_("Year"), min_value=1949, max_value=datetime.date.today().year + 1)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo (JPEG or PNG, at most 5 MB)"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
    caption = forms.CharField(label=_("Caption"), max_length=120, required=False)


class HonourForm(forms.Form):
    title = forms.CharField(label=_("Honour"), max_length=120, initial=_("Most beautiful outdoor-worker station"))
    year = _year_field()
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=120, required=False)


class FundingForm(forms.Form):
    title = forms.CharField(label=_("Project"), max_length=120)
    year = _year_field()
    amount = AmountField(label=_("Amount (yuan)"))
    floor_area = forms.DecimalField(label=_("Floor area (m²)"), max_digits=10, decimal_places=2, min_value=0,
                                    required=False)
