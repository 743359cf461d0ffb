"""Forms of the worker pages. They check shape only; the rules live in members.worker_accounts and
members.services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.errors import ApplicationError
from gonghui.core.validators import name_validator


def _attrs(**extra) -> dict:
    return {"autocapitalize": "off", "spellcheck": "false", **extra}


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("Mobile number"), max_length=20, widget=forms.TextInput(
        attrs=_attrs(inputmode="tel", autocomplete="tel", placeholder=_("11-digit mobile number"))))


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Verification code"), max_length=6, min_length=6, widget=forms.TextInput(
            attrs=_attrs(inputmode="numeric", autocomplete="one-time-code", pattern="[0-9]*",
                         placeholder=_("6 digits"))), **kwargs)

    def clean(self, value):
        value = super().clean("".join((value or "").split()))
        if value and not value.isdigit():
            raise forms.ValidationError(_("The code has 6 digits."))
        return value


class PasswordLoginForm(PhoneForm):
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeLoginForm(PhoneForm):
    code = CodeField(required=False)


class SignupForm(PhoneForm):
    """Filled in two steps on one page: the phone first (to send the code), then the rest."""

    code = CodeField(required=False)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50, required=False,
                           validators=[name_validator],
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(label=_("Resident ID number"), max_length=24, required=False,
                                widget=forms.TextInput(attrs=_attrs(autocomplete="off")))
    password = forms.CharField(label=_("Password"), strip=False, required=False,
                               help_text=_("At least 8 characters, mixing 3 of: lower-case letters, "
                                           "upper-case letters, digits and symbols."),
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"},
                                                          render_value=False))
    password2 = forms.CharField(label=_("Password again"), strip=False, required=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    SIGNUP_FIELDS = ("code", "name", "id_number", "password", "password2")

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "send":
            return data
        for name in self.SIGNUP_FIELDS:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(_("This field is required."), code="required"))
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class TransferRequestForm(forms.Form):
    to_org = forms.IntegerField(label=_("New union"), widget=forms.HiddenInput,
                                error_messages={"required": _("Choose the union you are moving to.")})
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


def add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's error beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
