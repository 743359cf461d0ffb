"""The member export page: the member list's filters carried over, a format, and (for those allowed) the
numbers in clear with a reason. The file itself comes from members.exports, like the API's."""

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from gonghui.core.errors import PermissionDenied
from gonghui.core.web.pages import call_service, int_or_none, staff_view

from .. import exports
from ..models import Membership, Person


class ExportForm(forms.Form):
    # The list's filters travel as hidden fields: the page shows them, the export applies them.
    q = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                                 choices=[("", ""), *Person.Category.choices])
    status = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                               choices=[("", ""), *Membership.Status.choices, ("none", "")])
    format = forms.ChoiceField(label=_("Format"), initial="xlsx", widget=forms.RadioSelect,
                               choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (UTF-8)"))])
    unmasked = forms.BooleanField(label=_("Export ID and mobile numbers in clear"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False,
                             help_text=_("Required for an export in clear; written to the audit log."))

    def __init__(self, *args, allow_unmasked: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_unmasked:
            del self.fields["unmasked"]
            del self.fields["reason"]

    def filters(self) -> exports.ExportFilters:
        data = self.cleaned_data
        return exports.ExportFilters(query=data.get("q") or "", org_id=data.get("org"),
                                     category=data.get("category") or "", status=data.get("status") or "")


def _filter_summary(user, filters: exports.ExportFilters) -> list[tuple[str, str]]:
    shown = []
    if filters.query:
        shown.append((_("Search"), filters.query))
    if filters.org_id:
        from gonghui.orgs.selectors import organisation_get

        shown.append((_("Organisation"), organisation_get(user, filters.org_id).name))
    if filters.category:
        shown.append((_("Category"), dict(Person.Category.choices).get(filters.category, "")))
    if filters.status:
        labels = {**dict(Membership.Status.choices), "none": _("No current membership")}
        shown.append((_("Membership"), labels.get(filters.status, "")))
    return shown


@never_cache
@staff_view
def person_export(request):
    user = request.user
    source = request.POST if request.method == "POST" else request.GET
    org_id = int_or_none(source.get("org"))
    allow_unmasked = exports.may_export_unmasked(user, org_id)  # 404 without export permission over the org
    if request.method == "POST":
        form = ExportForm(request.POST, allow_unmasked=allow_unmasked)
        if form.is_valid():
            data = form.cleaned_data
            outcome = call_service(request, exports.member_export, form=form, actor=user,
                                   fmt=data["format"], filters=form.filters(),
                                   unmasked=bool(data.get("unmasked")), reason=data.get("reason") or "")
            if isinstance(outcome.error, PermissionDenied):
                raise DjangoPermissionDenied
            if outcome.ok:
                return exports.http_response(outcome.result)
    else:
        form = ExportForm(initial={**{k: request.GET.get(k, "") for k in ("q", "category", "status")},
                                   "org": org_id}, allow_unmasked=allow_unmasked)
    initial = form.initial if not form.is_bound else {}
    filters = exports.ExportFilters(
        query=(source.get("q") or initial.get("q") or "")[:100], org_id=org_id,
        category=source.get("category", "") if source.get("category") in dict(Person.Category.choices) else "",
        status=source.get("status", ""))
    context = {"form": form, "summary": _filter_summary(user, filters), "allow_unmasked": allow_unmasked,
               "list_query": _list_query(source)}
    return render(request, "members/person_export.html", context)


def _list_query(source) -> str:
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    for key in ("q", "org", "category", "status"):
        if source.get(key):
            params[key] = source.get(key)
    return params.urlencode()
