"""Staff pages of skill levels, master-apprentice pairs and labour competitions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import audit, exports, scope
from gonghui.core.errors import NotFound
from gonghui.core.files import xlsx_download
from gonghui.core.web.pages import call_service, paginate, require_anywhere, staff_view

from .. import selectors, services
from ..roles import WORKFORCE_CHANGE, WORKFORCE_EXPORT, WORKFORCE_VIEW
from .common import create_in_org, gate
from .forms import (
    CertificationFilterForm,
    CertificationForm,
    CompetitionFilterForm,
    CompetitionForm,
    HonourForm,
    PairForm,
    ParticipationForm,
)


def _certifications(request, permission=WORKFORCE_VIEW):
    form = CertificationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.certification_list(request.user, query=data.get("q", ""), level=data.get("level"),
                                              trade=data.get("trade", ""), year=data.get("year"),
                                              permission=permission)


@staff_view
def certification_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    form, certifications = _certifications(request)
    page, query_string = paginate(request, certifications)
    return render(request, "workforce/staff/certification_list.html", {
        "form": form, "page": page, "query_string": query_string,
        "can_add": scope.has_perm(user, WORKFORCE_CHANGE), "can_export": scope.has_perm(user, WORKFORCE_EXPORT)})


def _person_or_error(request, form, field: str, permission: str):
    try:
        return selectors.person_by_id_number(request.user, form.cleaned_data[field], permission=permission)
    except NotFound:
        form.add_error(field, _("No member you can see has this ID number."))
        return None


@staff_view
def certification_create(request):
    user = request.user
    require_anywhere(user, WORKFORCE_CHANGE)
    form = CertificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = _person_or_error(request, form, "id_number", WORKFORCE_CHANGE)
        if person is not None:
            data = {k: v for k, v in form.cleaned_data.items() if k != "id_number"}
            outcome = call_service(request, services.certification_record, form=form, actor=user, person=person,
                                   success=_("The skill level is recorded."), **data)
            if outcome.ok:
                return redirect("workforce:certification_list")
    return render(request, "workforce/staff/form.html", {"form": form, "title": _("Record a skill level")})


@staff_view
def certification_export(request):
    user = request.user
    require_anywhere(user, WORKFORCE_EXPORT)
    _form, certifications = _certifications(request, permission=WORKFORCE_EXPORT)
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Skill levels"), header=[
        _("Name"), _("Trade"), _("Level"), _("Certifying body"), _("Date certified"), _("Certificate number"),
        _("Union")])
    for c in certifications.iterator(chunk_size=2000):
        sheet.write_row([c.person.name, c.trade, str(c.get_level_display()), c.certifying_body, c.certified_on,
                         c.certificate_number, c.org.name])
    rows = sheet.row - 1
    content = book.close()
    audit.record("workforce.export", actor=user, object_type="workforce.skillcertification", detail={"rows": rows})
    return xlsx_download(content, f"skill-levels-{timezone.localdate():%Y%m%d}.xlsx")


@staff_view
def pair_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    query = (request.GET.get("q") or "")[:100]
    page, query_string = paginate(request, selectors.pair_list(user, query=query))
    return render(request, "workforce/staff/pair_list.html", {
        "page": page, "query_string": query_string, "q": query, "can_add": scope.has_perm(user, WORKFORCE_CHANGE)})


@staff_view
def pair_create(request):
    user = request.user
    require_anywhere(user, WORKFORCE_CHANGE)
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor = _person_or_error(request, form, "mentor_id_number", WORKFORCE_VIEW)
        apprentice = _person_or_error(request, form, "apprentice_id_number", WORKFORCE_CHANGE)
        if mentor is not None and apprentice is not None:
            data = form.cleaned_data
            outcome = call_service(request, services.mentor_pair_create, form=form, actor=user, mentor=mentor,
                                   apprentice=apprentice, trade=data["trade"], started_on=data["started_on"],
                                   note=data["note"], success=_("The pair is recorded."))
            if outcome.ok:
                return redirect("workforce:pair_list")
    return render(request, "workforce/staff/form.html", {"form": form,
                                                         "title": _("Record a master-apprentice pair")})


@staff_view
def competition_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    form = CompetitionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    competitions = selectors.competition_list(user, query=data.get("q", ""), level=data.get("level", ""),
                                              year=data.get("year"))
    page, query_string = paginate(request, competitions)
    return render(request, "workforce/staff/competition_list.html", {
        "form": form, "page": page, "query_string": query_string,
        "can_add": scope.has_perm(user, WORKFORCE_CHANGE)})


@staff_view
def competition_create(request):
    return create_in_org(request, form_class=CompetitionForm, service=services.competition_create,
                         success=_("The competition is recorded."), detail="workforce:competition_detail",
                         title=_("Record a labour competition"))


@staff_view
def competition_detail(request, pk):
    user = request.user
    competition = selectors.competition_get(user, pk)
    return render(request, "workforce/staff/competition_detail.html", {
        "competition": competition, "participations": competition.participations.all(),
        "honours": competition.honours.all(),
        "total": sum(p.participants for p in competition.participations.all()),
        "can_change": scope.has_perm(user, WORKFORCE_CHANGE, competition.scope_path),
        "participation_form": ParticipationForm(), "honour_form": HonourForm()})


@staff_view
@require_POST
def participation_add(request, pk):
    user = request.user
    competition = selectors.competition_get(user, pk)
    gate(user, WORKFORCE_CHANGE, competition)
    form = ParticipationForm(request.POST)
    if form.is_valid():
        call_service(request, services.participation_add, actor=user, competition=competition,
                     success=_("Participation recorded."), **form.cleaned_data)
    else:
        messages.error(request, _("Give the unit and the number of participations."))
    return redirect("workforce:competition_detail", pk=competition.pk)


@staff_view
@require_POST
def honour_add(request, pk):
    user = request.user
    competition = selectors.competition_get(user, pk)
    gate(user, WORKFORCE_CHANGE, competition)
    form = HonourForm(request.POST)
    if form.is_valid():
        call_service(request, services.honour_add, actor=user, competition=competition,
                     success=_("Honour recorded."), **form.cleaned_data)
    else:
        messages.error(request, _("Give the honour and its recipient."))
    return redirect("workforce:competition_detail", pk=competition.pk)
