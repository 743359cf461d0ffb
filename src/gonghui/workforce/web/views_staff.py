"""Staff pages of reform measures and training: lists with filters, search (also by pinyin), pagination and
export; a course's page with its sessions (QR codes), roster import, roster and completion. Thin: forms
validate, services decide."""

import segno
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import attachments, audit, exports, scope
from gonghui.core.files import stored_download, xlsx_download
from gonghui.core.imports.uploads import import_job, report_name
from gonghui.core.web.pages import call_service, is_htmx, paginate, require_anywhere, staff_view

from .. import selectors, services
from ..roles import WORKFORCE_CHANGE, WORKFORCE_EXPORT, WORKFORCE_VIEW
from ..services.roster import REPORT_KIND
from ..workflows import ENROLMENT_FLOW, MEASURE_FLOW
from .common import create_in_org, gate, person_from_form
from .forms import (
    CourseFilterForm,
    CourseForm,
    MeasureFilterForm,
    MeasureForm,
    PersonByIdForm,
    RosterFilterForm,
    RosterForm,
    SessionForm,
    TransitionForm,
)


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


@staff_view
def index(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    today = timezone.localdate()
    year = today.year
    start = today.replace(month=1, day=1)
    return render(request, "workforce/staff/index.html", {
        "year": year, "figures": selectors.figures(user, start, today),
        "can_change": scope.has_perm(user, WORKFORCE_CHANGE)})


# --- measures -------------------------------------------------------------------------------------------------

def _measures(request, permission=WORKFORCE_VIEW):
    form = MeasureFilterForm(request.GET or None)
    data = _filters(form)
    return form, selectors.measure_list(request.user, query=data.get("q", ""), state=data.get("state", ""),
                                        area=data.get("area", ""), year=data.get("year"), permission=permission)


@staff_view
def measure_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    form, measures = _measures(request)
    page, query_string = paginate(request, measures)
    for measure in page:
        measure.state_label = MEASURE_FLOW.state_label(measure.state)
    return render(request, "workforce/staff/measure_list.html", {
        "form": form, "page": page, "query_string": query_string,
        "can_add": scope.has_perm(user, WORKFORCE_CHANGE), "can_export": scope.has_perm(user, WORKFORCE_EXPORT)})


@staff_view
def measure_create(request):
    return create_in_org(request, form_class=MeasureForm, service=services.measure_create,
                         success=_("The measure is recorded."), detail="workforce:measure_detail",
                         title=_("Record a reform measure"), multipart=True)


@staff_view
def measure_detail(request, pk):
    user = request.user
    measure = selectors.measure_get(user, pk)
    return render(request, "workforce/staff/measure_detail.html", {
        "measure": measure, "state_label": MEASURE_FLOW.state_label(measure.state),
        "history": selectors.measure_history(measure), "flow": MEASURE_FLOW,
        "transitions": MEASURE_FLOW.available(measure, user), "transition_form": TransitionForm(),
        "documents": attachments.attachments_of(measure, user=user)})


@staff_view
@require_POST
def measure_transition(request, pk):
    user = request.user
    measure = selectors.measure_get(user, pk)
    gate(user, WORKFORCE_CHANGE, measure)
    form = TransitionForm(request.POST)
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    transition = str(request.POST.get("transition", ""))[:40]
    call_service(request, services.measure_transition, actor=user, measure=measure, transition=transition,
                 comment=comment, success=_("Done."))
    return redirect("workforce:measure_detail", pk=measure.pk)


@staff_view
def measure_export(request):
    user = request.user
    require_anywhere(user, WORKFORCE_EXPORT)
    _form, measures = _measures(request, permission=WORKFORCE_EXPORT)
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Reform measures"), header=[
        _("Title"), _("Issuing bodies"), _("Document number"), _("Date issued"), _("Area"), _("Status"),
        _("Recording union")])
    for m in measures.iterator(chunk_size=2000):
        sheet.write_row([m.title, m.issuing_bodies, m.document_number, m.issued_on, str(m.get_area_display()),
                         str(MEASURE_FLOW.state_label(m.state)), m.org.name])
    rows = sheet.row - 1
    content = book.close()
    audit.record("workforce.export", actor=user, object_type="workforce.reformmeasure", detail={"rows": rows})
    return xlsx_download(content, f"reform-measures-{timezone.localdate():%Y%m%d}.xlsx")


# --- courses --------------------------------------------------------------------------------------------------

def _courses(request, permission=WORKFORCE_VIEW):
    form = CourseFilterForm(request.GET or None)
    data = _filters(form)
    return form, selectors.course_list(request.user, query=data.get("q", ""), trade=data.get("trade", ""),
                                       year=data.get("year"), permission=permission)


@staff_view
def course_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    form, courses = _courses(request)
    page, query_string = paginate(request, courses)
    context = {"form": form, "page": page, "query_string": query_string,
               "can_add": scope.has_perm(user, WORKFORCE_CHANGE),
               "can_export": scope.has_perm(user, WORKFORCE_EXPORT)}
    template = "workforce/staff/_course_table.html" if is_htmx(request) else "workforce/staff/course_list.html"
    return render(request, template, context)


def _funding_default(data) -> None:
    data["funding"] = data.get("funding") or 0


@staff_view
def course_create(request):
    return create_in_org(request, form_class=CourseForm, service=services.course_create,
                         success=_("The course is created."), detail="workforce:course_detail",
                         title=_("Create a training course"), prepare=_funding_default)


def _qr(request, session) -> str:
    url = request.build_absolute_uri(reverse("m_workforce:check_in", args=[session.checkin_token]))
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=True))  # noqa: S308


@staff_view
def course_detail(request, pk):
    user = request.user
    course = selectors.course_get(user, pk)
    form = RosterFilterForm(request.GET or None)
    data = _filters(form)
    roster = selectors.course_roster(course, query=data.get("q", ""), state=data.get("state", ""))
    page, query_string = paginate(request, roster)
    counts = selectors.attendance_counts(course)
    for enrolment in page:
        enrolment.present = counts.get(enrolment.person_id, 0)
        enrolment.state_label = ENROLMENT_FLOW.state_label(enrolment.state)
    can_change = scope.has_perm(user, WORKFORCE_CHANGE, course.scope_path)
    return render(request, "workforce/staff/course_detail.html", {
        "course": course, "sessions": selectors.course_sessions(course), "page": page, "form": form,
        "query_string": query_string, "can_change": can_change, "session_form": SessionForm(),
        "enrol_form": PersonByIdForm(), "roster_form": RosterForm(),
        "attendances": sum(counts.values())})


@staff_view
@require_POST
def session_create(request, pk):
    user = request.user
    course = selectors.course_get(user, pk)
    gate(user, WORKFORCE_CHANGE, course)
    form = SessionForm(request.POST)
    if form.is_valid():
        call_service(request, services.session_create, actor=user, course=course, success=_("Session added."),
                     **form.cleaned_data)
    else:
        from django.contrib import messages

        messages.error(request, _("Check the session's day and hours."))
    return redirect("workforce:course_detail", pk=course.pk)


@staff_view
def session_qr(request, pk):
    session = selectors.session_get(request.user, pk)
    return render(request, "workforce/staff/session_qr.html", {"session": session, "qr": _qr(request, session)})


@staff_view
@require_POST
def course_enrol(request, pk):
    user = request.user
    course = selectors.course_get(user, pk)
    gate(user, WORKFORCE_CHANGE, course)
    person = person_from_form(request, user)
    if person is not None:
        call_service(request, services.enrol, actor=user, course=course, person=person,
                     success=_("The member is on the roster."))
    return redirect("workforce:course_detail", pk=course.pk)


@staff_view
def roster_import(request, pk):
    """Upload the attendance sheet of one session: a clean sheet is counted at once; one with errors writes
    nothing and offers its error report."""
    user = request.user
    session = selectors.session_get(user, pk)
    gate(user, WORKFORCE_CHANGE, session)
    form = RosterForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, services.roster_import, form=form, actor=user, session=session,
                               upload=form.cleaned_data["file"])
        result = outcome.result
    return render(request, "workforce/staff/roster_import.html", {"session": session, "form": form,
                                                                  "result": result})


@staff_view
def roster_template(request):
    require_anywhere(request.user, WORKFORCE_CHANGE)
    content = exports.import_template(
        _("Training attendance"), [(_("ID number"), True), (_("Name"), True)],
        [(_("ID number"), _("18-character resident ID number, formatted as text.")),
         (_("Name"), _("As registered with the union."))])
    return xlsx_download(content, "training-attendance-template.xlsx")


@staff_view
def roster_report(request, job_id):
    job = import_job(request.user, job_id, REPORT_KIND)
    return stored_download(report_name(job), f"roster-errors-{job.pk}.xlsx")


@staff_view
@require_POST
def course_complete(request, pk):
    """Mark the course completed for everyone enrolled who attended at least one session."""
    user = request.user
    course = selectors.course_get(user, pk)
    gate(user, WORKFORCE_CHANGE, course)
    outcome = call_service(request, services.enrolments_complete, actor=user, course=course)
    if outcome.ok:
        from django.contrib import messages

        messages.success(request, _("%(n)s members marked completed.") % {"n": outcome.result})
    return redirect("workforce:course_detail", pk=course.pk)


@staff_view
@require_POST
def enrolment_transition(request, pk, transition):
    user = request.user
    enrolment = selectors.enrolment_get(user, pk)
    gate(user, WORKFORCE_CHANGE, enrolment)
    call_service(request, services.enrolment_transition, actor=user, enrolment=enrolment, transition=transition,
                 success=_("Done."))
    return redirect("workforce:course_detail", pk=enrolment.course_id)


@staff_view
def course_export(request):
    user = request.user
    require_anywhere(user, WORKFORCE_EXPORT)
    _form, courses = _courses(request, permission=WORKFORCE_EXPORT)
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Training courses"), header=[
        _("Title"), _("Organiser"), _("Trade"), _("Start date"), _("End date"), _("Place"), _("Hours"),
        _("Funding (yuan)"), _("Enrolled"), _("Running union")])
    for c in courses.iterator(chunk_size=2000):
        sheet.write_row([c.title, c.organiser, c.trade, c.start_date, c.end_date, c.place, float(c.hours),
                         c.funding, c.enrolled, c.org.name])
    rows = sheet.row - 1
    content = book.close()
    audit.record("workforce.export", actor=user, object_type="workforce.course", detail={"rows": rows})
    return xlsx_download(content, f"training-courses-{timezone.localdate():%Y%m%d}.xlsx")
