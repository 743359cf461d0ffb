"""Forms of the staff pages. They check shape only; the business rules (ID checksum, duplicates, scope) are
the services', whose errors come back onto these forms through views_common.call_service."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core import roles
from gonghui.core.validators import name_validator
from gonghui.orgs import selectors as org_selectors

from .. import selectors
from ..models import Membership, Person, Transfer

CHOICE_LIMIT = 200


def org_label(org) -> str:
    return f"{org.name}"


def show_only(field, options, *, label=str, selected=None):
    """Render a bounded list in a select whose field still validates against its whole (scoped) queryset:
    a province officer reaches thousands of unions, the page shows the ones matching a search."""
    shown = list(options)
    if selected is not None and all(o.pk != selected.pk for o in shown):
        shown.insert(0, selected)
    empty = [("", "---------")] if not field.required or not shown else []
    field.widget.choices = empty + [(o.pk, label(o)) for o in shown]


def _selected(field, data, prefix_name):
    value = data.get(prefix_name) if data is not None else None
    if not value:
        return None
    try:
        return field.queryset.filter(pk=value).first()
    except (TypeError, ValueError):
        return None


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={
                            "placeholder": _("Name, pinyin, initials or last 4 digits"),
                            "type": "search", "autocomplete": "off"}))
    org = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Person.Category.choices])
    status = forms.ChoiceField(label=_("Membership"), required=False,
                               choices=[("", _("Any status")), *Membership.Status.choices,
                                        ("none", _("No current membership"))])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        federations = [o for o in org_selectors.organisation_choices(user, roles.MEMBERS_VIEW)
                       if o.level != "grassroots"]
        options = federations or org_selectors.organisation_choices(user, roles.MEMBERS_VIEW)
        choices = [(o.pk, "\u3000" * max(o.depth - options[0].depth, 0) + o.name) for o in options]
        wanted = self.data.get("org") if self.data else None
        if wanted and wanted not in {str(pk) for pk, _label in choices}:
            visible = org_selectors.organisation_search(user)
            chosen = visible.filter(pk=wanted if wanted.isdigit() else 0).first()
            if chosen:
                choices.insert(0, (chosen.pk, chosen.name))
        self.fields["org"].choices = [("", _("All organisations in my scope")), *choices]


class PersonCreateForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50, validators=[name_validator])
    id_number = forms.CharField(label=_("Resident ID number"), max_length=30)
    phone = forms.CharField(label=_("Mobile number"), max_length=30, required=False)
    category = forms.ChoiceField(label=_("Worker category"), choices=Person.Category.choices)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=Person.Occupation.choices, required=False)
    org = forms.ModelChoiceField(label=_("Grassroots union"), queryset=None)
    unit = forms.ModelChoiceField(label=_("Unit (employer)"), queryset=None, required=False)
    joined_on = forms.DateField(label=_("Joined on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, org_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        org_field, unit_field = self.fields["org"], self.fields["unit"]
        org_field.queryset = org_selectors.organisation_search(user, level="grassroots",
                                                               permission=roles.MEMBERS_CHANGE)
        unit_field.queryset = selectors.units_visible(user, roles.MEMBERS_CHANGE).filter(is_active=True)
        chosen_org = _selected(org_field, self.data or self.initial, "org")
        show_only(org_field, org_selectors.organisation_choices(
            user, roles.MEMBERS_CHANGE, level="grassroots", query=org_query, limit=CHOICE_LIMIT),
            label=org_label, selected=chosen_org)
        # Picking a union refills the unit list (htmx).
        org_field.widget.attrs.update({"hx-get": reverse_lazy("members:unit_options"),
                                       "hx-target": "#id_unit", "hx-trigger": "change"})
        units = unit_field.queryset.filter(org=chosen_org) if chosen_org else unit_field.queryset.none()
        show_only(unit_field, units[:CHOICE_LIMIT], selected=_selected(unit_field, self.data, "unit"))

    def clean(self):
        data = super().clean()
        org, unit = data.get("org"), data.get("unit")
        if org and unit and unit.org_id != org.pk:
            self.add_error("unit", _("This unit belongs to another union."))
        return data


class PersonEditForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50, validators=[name_validator])
    id_number = forms.CharField(label=_("Resident ID number"), max_length=30, required=False,
                                help_text=_("Leave empty to keep the number on file."))
    phone = forms.CharField(label=_("Mobile number"), max_length=30, required=False,
                            help_text=_("Leave empty to keep the number on file."))
    remove_phone = forms.BooleanField(label=_("Remove the mobile number"), required=False)
    category = forms.ChoiceField(label=_("Worker category"), choices=Person.Category.choices)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=Person.Occupation.choices, required=False)


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[("id_number", _("ID number")), ("phone", _("Mobile number"))])
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class TransferRequestForm(forms.Form):
    to_org = forms.TypedChoiceField(label=_("Receiving grassroots union"), coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, target_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        targets = list(org_selectors.transfer_targets(target_query)[:50]) if target_query else []
        choices = [(o.pk, f"{o.name} ({o.parent.name})" if o.parent_id else o.name) for o in targets]
        wanted = self.data.get("to_org") if self.data else None
        if wanted and wanted not in {str(pk) for pk, _label in choices}:
            chosen = org_selectors.transfer_targets().filter(pk=wanted if wanted.isdigit() else 0).first()
            if chosen:
                choices.insert(0, (chosen.pk, chosen.name))
        self.fields["to_org"].choices = choices


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(Membership.Status.RETIRED, _("Retired")),
                                        (Membership.Status.LAPSED, _("Lapsed"))])


class TransferFilterForm(forms.Form):
    q = forms.CharField(label=_("Person"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("Any decision")),
                                       *[(v, lbl) for v, lbl in Transfer.State.choices if v != "requested"]])


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=1000)


class RefuseForm(forms.Form):
    comment = forms.CharField(label=_("Reason for refusing"), widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=1000)


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Name, pinyin or credit code"),
                                                      "type": "search", "autocomplete": "off"}))


class UnitForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Grassroots union"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=150, validators=[name_validator])
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=30, required=False)
    industry = forms.CharField(label=_("Industry"), max_length=60, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    staff_count = forms.IntegerField(label=_("Number of staff"), min_value=0, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, user, org_query: str = "", editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # A unit stays with its union; moving it is a transfer of its members, not an edit.
            del self.fields["org"]
            return
        del self.fields["is_active"]
        field = self.fields["org"]
        field.queryset = org_selectors.organisation_search(user, level="grassroots",
                                                           permission=roles.MEMBERS_CHANGE)
        show_only(field, org_selectors.organisation_choices(
            user, roles.MEMBERS_CHANGE, level="grassroots", query=org_query, limit=CHOICE_LIMIT),
            label=org_label, selected=_selected(field, self.data or self.initial, "org"))
