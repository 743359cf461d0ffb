"""Forms of the organisation and role pages; the rules (levels, ranks, scope) are the services'."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core import roles, scope
from gonghui.core.validators import name_validator

from .. import selectors
from ..models import Organisation
from ..services import LEVEL_ORDER

CHOICE_LIMIT = 200


def tree_label(org, base_depth: int = 0) -> str:
    return "\u3000" * max(org.depth - base_depth, 0) + org.name


def _chosen(queryset, value):
    try:
        return queryset.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError):
        return None


class OrgFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                      "placeholder": _("Name, pinyin or division code")}))


class OrgCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, validators=[name_validator])
    level = forms.ChoiceField(label=_("Level"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices,
                             initial=Organisation.Kind.GRASSROOTS)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def __init__(self, *args, parent: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        below = LEVEL_ORDER[LEVEL_ORDER.index(parent.level) + 1:] or [Organisation.Level.GRASSROOTS]
        labels = dict(Organisation.Level.choices)
        self.fields["level"].choices = [(level, labels[level]) for level in below]
        self.fields["level"].initial = Organisation.Level.GRASSROOTS


class OrgEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, validators=[name_validator])
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False)


class _OrgAndRoleForm(forms.Form):
    """An organisation where the actor manages roles, and a role the actor may grant there."""

    org = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=roles.role_choices)

    def __init__(self, *args, user, org_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        field.queryset = selectors.organisations_visible(user, roles.ROLES_MANAGE).filter(is_active=True)
        shown = selectors.organisation_choices(user, roles.ROLES_MANAGE, query=org_query, limit=CHOICE_LIMIT)
        chosen = _chosen(field.queryset, (self.data or {}).get("org") or self.initial.get("org"))
        if chosen and all(o.pk != chosen.pk for o in shown):
            shown.insert(0, chosen)
        base = min((o.depth for o in shown), default=0)
        field.widget.choices = [("", "---------")] + [(o.pk, tree_label(o, base)) for o in shown]
        field.widget.attrs.update({"hx-get": reverse_lazy("orgs:role_options"), "hx-target": "#id_role",
                                   "hx-trigger": "change"})
        # Every role validates (so the service, which decides, can say why one is refused); the list shows the
        # roles the actor may grant at the chosen organisation, or anywhere.
        self.fields["role"].widget.choices = [(r.code, r.label) for r in grantable_anywhere(user, chosen)]


def grantable_anywhere(user, org=None) -> list[roles.Role]:
    if org is not None:
        return selectors.grantable_roles(user, org)
    found: dict[str, roles.Role] = {}
    for grant in scope.grants(user):
        if roles.ROLES_MANAGE in grant.permissions:
            for role in roles.all_roles():
                if role.family in roles.GRANT_FAMILIES.get(grant.role.family, ()) and role.rank <= grant.role.rank:
                    found[role.code] = role
    if user.is_superuser:
        found = {r.code: r for r in roles.all_roles()}
    return sorted(found.values(), key=lambda r: (r.family, -r.rank))


class RoleGrantForm(_OrgAndRoleForm):
    username = forms.CharField(label=_("User name"), max_length=150)

    field_order = ["username", "org", "role"]

    def clean_username(self):
        user = selectors.staff_user_by_username(self.cleaned_data["username"])
        if user is None:
            raise forms.ValidationError(_("No active staff user has this user name."))
        return user


class StaffUserForm(forms.Form):
    """The system administrator's form: an account at an organisation in their part of the tree; the first role
    is asked of the security administrator (any role; they decide)."""

    username = forms.CharField(label=_("User name"), max_length=150)
    display_name = forms.CharField(label=_("Display name"), max_length=100)
    password = forms.CharField(label=_("Temporary password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At the first sign-in the user enrols their own second factor and "
                                           "chooses a new password."))
    org = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("First role (granted when a security administrator approves it)"),
                             choices=lambda: [("", "---------"), *roles.role_choices()], required=False)

    def __init__(self, *args, user, org_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        field.queryset = selectors.organisations_visible(user, roles.USERS_MANAGE).filter(is_active=True)
        shown = selectors.organisation_choices(user, roles.USERS_MANAGE, query=org_query, limit=CHOICE_LIMIT)
        chosen = _chosen(field.queryset, (self.data or {}).get("org") or self.initial.get("org"))
        if chosen and all(o.pk != chosen.pk for o in shown):
            shown.insert(0, chosen)
        base = min((o.depth for o in shown), default=0)
        field.widget.choices = [("", "---------")] + [(o.pk, tree_label(o, base)) for o in shown]


class RoleDecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RoleFilterForm(forms.Form):
    q = forms.CharField(label=_("User"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=lambda: [("", _("All roles")), *roles.role_choices()])
