"""Staff pages: the queue per step (filters, pinyin search, pagination, export), the household page with its
timeline, steps, documents, the rules' arithmetic (for holders of the sensitive permission) and aid. Thin: the
services decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import attachments, audit, exports, scope
from gonghui.core.errors import ApplicationError, NotFound, PermissionDenied
from gonghui.core.files import xlsx_download
from gonghui.core.web.pages import call_service, int_or_none, paginate, require_anywhere, staff_view
from gonghui.members import selectors as member_selectors

from .. import rules, selectors, services
from ..models import AidRecord, HardshipFile, HouseholdMember
from ..roles import AID_PROPOSE, APPROVE, CHANGE, EXPORT, SENSITIVE, STANDARDS, VIEW
from ..services.files import AUTHORISATION, EXIT_EVIDENCE, VISIT_PHOTO
from ..workflows import AID_FLOW, FILE_FLOW


def _gate(check, *args) -> None:
    """The service's own gate, asked before a form is acted on: 404 out of sight, 403 in sight without it (the
    service asks again)."""
    try:
        check(*args)
    except NotFound:
        raise Http404 from None
    except PermissionDenied:
        raise DjangoPermissionDenied from None


STATE_TABS = ["open", "applied", "screened", "visited", "checked", "notice", "approved", "filed", "refused",
              "exited"]


def _filters(request) -> dict:
    g = request.GET
    return {"query": g.get("q", "")[:selectors.MAX_QUERY_LENGTH], "state": g.get("state", "open"),
            "category": g.get("category", ""), "level": g.get("level", ""), "cause": g.get("cause", ""),
            "county": "".join(ch for ch in g.get("county", "") if ch.isdigit())[:6]}


@staff_view
def file_list(request):
    require_anywhere(request.user, VIEW)
    filters = _filters(request)
    page, query_string = paginate(request, selectors.file_list(request.user, **filters))
    return render(request, "assistance/staff/file_list.html", {
        "page": page, "query_string": query_string, "filters": filters, "tabs": STATE_TABS,
        "states": FILE_FLOW.states, "categories": HardshipFile.Category.choices[1:],
        "levels": HardshipFile.Level.choices, "causes": rules.CAUSES.items(),
        "can_export": scope.has_perm(request.user, EXPORT)})


@staff_view
def file_export(request):
    user = request.user
    require_anywhere(user, EXPORT)
    filters = _filters(request)
    rows = selectors.file_list(user, **filters)
    rows = rows.filter(pk__in=scope.scoped(HardshipFile.objects.all(), user, EXPORT).values("pk"))
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Hardship files"), header=[
        _("File"), _("Name"), _("Organisation"), _("County"), _("State"), _("Category"), _("Level"),
        _("Causes"), _("Applied on"), _("Filed on"), _("Exited on"), _("Exit reason")])
    for f in rows.iterator(chunk_size=2000):
        sheet.write_row([f.pk, f.name, f.org.name, f.county_code, str(f.get_state_display()),
                         str(f.get_category_display()), str(f.get_level_display()),
                         "、".join(str(rules.CAUSES.get(c, c)) for c in f.causes), f.applied_on, f.filed_on,
                         f.exited_on, str(f.get_exit_code_display()) if f.exit_code else ""])
    count = sheet.row - 1
    content = book.close()
    audit.record("assistance.file.export", actor=user, object_type="assistance.hardshipfile",
                 detail={"rows": count, **{k: v for k, v in filters.items() if v}})
    return xlsx_download(content, f"hardship-files-{timezone.localdate():%Y%m%d}.xlsx")


@staff_view
def file_detail(request, pk):
    user = request.user
    file = selectors.file_get(user, pk)
    assessment, assessment_error = None, ""
    if scope.has_perm(user, SENSITIVE, file.scope_path):
        try:
            assessment = services.assessment(file)
        except ApplicationError as exc:
            assessment_error = exc.message
    aid = list(selectors.aid_list(user, file_id=file.pk)[:100])
    for a in aid:
        a.steps = AID_FLOW.available(a, user)
    return render(request, "assistance/staff/file_detail.html", {
        "file": file, "members": selectors.members_of(file), "history": FILE_FLOW.history(file),
        "flow": FILE_FLOW, "transitions": FILE_FLOW.available(file, user),
        "assessment": assessment, "assessment_error": assessment_error,
        "documents": _labelled_documents(file, user),
        "can_upload": scope.has_perm(user, CHANGE, file.scope_path),
        "doc_kinds": [(VISIT_PHOTO, _("Home-visit photo")),
                      (AUTHORISATION, _("Signed authorisation to check family finances")),
                      (EXIT_EVIDENCE, _("Evidence for leaving hardship"))],
        "refusals": HardshipFile.Refusal.choices, "exit_reasons": HardshipFile.ExitReason.choices,
        "categories": HardshipFile.Category.choices[1:], "aid": aid, "aid_kinds": AidRecord.Kind.choices,
        "funds": selectors.funds_visible(user, AID_PROPOSE)[:50] if file.state == "filed" else [],
        "can_propose": file.state == "filed" and scope.has_perm(user, AID_PROPOSE, file.scope_path)})


def _labelled_documents(file, user) -> list:
    documents = list(attachments.attachments_of(file, user=user).order_by("pk"))
    for d in documents:
        d.kind_label = attachments.get_kind(d.kind).label
    return documents


def _flag(post, name):
    """A cross-check checkbox: ticked or not (the findings are only posted with the cross-check step)."""
    if post.get("transition") != "cross_check":
        return None
    return post.get(name, "") in ("1", "on")


@require_POST
@staff_view
def file_transition(request, pk):
    file = selectors.file_get(request.user, pk)
    p = request.POST
    if p.get("transition") in FILE_FLOW.transitions:
        _gate(FILE_FLOW.check, request.user, file, FILE_FLOW.transition(p["transition"]))
    check = {k: v for k, v in {"homes_owned": p.get("homes_owned") or None,
                               "owns_business": _flag(p, "owns_business"),
                               "private_school": _flag(p, "private_school"),
                               "vehicle_regular": _flag(p, "vehicle_regular"),
                               "subsistence_allowance": _flag(p, "subsistence_allowance")}.items()
             if v is not None}
    days = p.get("notice_days")
    call_service(request, services.file_step, success=_("The file was updated."), actor=request.user, file=file,
                 transition=p.get("transition", ""), comment=p.get("comment", "")[:1000],
                 refusal_code=p.get("refusal_code", ""), exit_code=p.get("exit_code", ""),
                 category=p.get("category", ""), notice_days=int(days) if (days or "").isdigit() else None,
                 cross_check=check)
    return redirect(reverse("assistance:file_detail", args=[file.pk]))


@require_POST
@staff_view
def file_upload(request, pk):
    file = selectors.file_get(request.user, pk)
    _gate(scope.require, request.user, CHANGE, file)
    kind = request.POST.get("kind", "")
    upload = request.FILES.get("document")
    if kind not in (VISIT_PHOTO, AUTHORISATION, EXIT_EVIDENCE) or upload is None:
        messages.error(request, _("Choose a kind of document and a file."))
    else:
        call_service(request, attachments.attachment_add, success=_("The document was added."), actor=request.user,
                     owner=file, kind=kind, upload=upload)
    return redirect(reverse("assistance:file_detail", args=[file.pk]))


@require_POST
@staff_view
def aid_propose(request, pk):
    file = selectors.file_get(request.user, pk)
    _gate(scope.require, request.user, AID_PROPOSE, file)
    fund = selectors.fund_get(request.user, request.POST.get("fund") or 0)
    call_service(request, services.aid_propose, success=_("The aid was proposed."), actor=request.user, file=file,
                 fund=fund, kind=request.POST.get("kind", ""), amount=request.POST.get("amount", ""),
                 note=request.POST.get("note", ""))
    return redirect(reverse("assistance:file_detail", args=[file.pk]))


@require_POST
@staff_view
def aid_transition(request, aid_id):
    aid = selectors.aid_get(request.user, aid_id)
    if request.POST.get("transition") in AID_FLOW.transitions:
        _gate(AID_FLOW.check, request.user, aid, AID_FLOW.transition(request.POST["transition"]))
    call_service(request, services.aid_step, success=_("The aid was updated."), actor=request.user, aid=aid,
                 transition=request.POST.get("transition", ""), comment=request.POST.get("comment", "")[:1000])
    return redirect(reverse("assistance:file_detail", args=[aid.file_id]))


@staff_view
def standards(request):
    """The 低保 table: read by anyone who sees hardship files; set one row or import a sheet with the
    standards permission (the service's gate; a refusal is the page's 403)."""
    user = request.user
    require_anywhere(user, VIEW)
    errors, county = None, "".join(ch for ch in request.GET.get("county", "") if ch.isdigit())[:6]
    if request.method == "POST":
        _gate(scope.require, user, STANDARDS)
        if request.POST.get("action") == "import":
            outcome = call_service(request, services.standards_import, actor=user,
                                   upload=request.FILES.get("file"))
            if outcome.ok:
                count, errors = outcome.result
                if count:
                    messages.success(request, _("%(count)s standards imported.") % {"count": count})
                    return redirect(reverse("assistance:standards"))
        else:
            outcome = call_service(request, services.standard_set, success=_("The standard was set."), actor=user,
                                   county_code=request.POST.get("county_code", ""),
                                   year=int_or_none(request.POST.get("year")) or 0,
                                   monthly=request.POST.get("monthly", ""))
            if outcome.ok:
                return redirect(reverse("assistance:standards"))
    page, query_string = paginate(request, selectors.standards().filter(county_code__startswith=county))
    return render(request, "assistance/staff/standards.html", {
        "page": page, "query_string": query_string, "county": county, "errors": errors,
        "can_edit": scope.has_perm(user, STANDARDS)})


@staff_view
def file_create(request):
    """Open a household's file for a member (``?person=`` from the member page or the early-warning list)."""
    user = request.user
    require_anywhere(user, CHANGE)
    person_id = int_or_none(request.POST.get("person") or request.GET.get("person"))
    person = member_selectors.person_get(user, person_id, permission=CHANGE) if person_id else None
    if request.method == "POST" and person is not None:
        p = request.POST
        members = [{"name": p.get(f"m{i}_name", "").strip(), "id_number": p.get(f"m{i}_id", "").strip(),
                    "relation": p.get(f"m{i}_relation", "other"), "income": p.get(f"m{i}_income", "")}
                   for i in range(1, 5) if p.get(f"m{i}_name", "").strip() and p.get(f"m{i}_id", "").strip()]
        members.insert(0, {"relation": "self", "income": p.get("income", "")})
        outcome = call_service(request, services.file_open, success=_("The file was opened."), actor=user,
                               org=person.current_org, person=person, county_code=p.get("county_code", "").strip(),
                               members=members, causes=p.getlist("causes"), housing=p.get("housing", "own"),
                               temporary=bool(p.get("temporary")), medical_costs=p.get("medical_costs", ""),
                               schooling_costs=p.get("schooling_costs", ""))
        if outcome.ok:
            return redirect(reverse("assistance:file_detail", args=[outcome.result.pk]))
    query = request.GET.get("q", "")[:50]
    found = member_selectors.person_list(user, query=query)[:20] if query and person is None else []
    return render(request, "assistance/staff/file_create.html", {
        "person": person, "found": found, "query": query, "causes": rules.CAUSES.items(),
        "housing": HardshipFile.Housing.choices, "relations": HouseholdMember.Relation.choices[1:],
        "slots": range(1, 5)})


@staff_view
def aid_queue(request):
    """Aid waiting for a decision or for payment, in scope, with the steps the user may take."""
    require_anywhere(request.user, VIEW)
    state = request.GET.get("state", "proposed")
    state = state if state in AidRecord.State.values else "proposed"
    page, query_string = paginate(request, selectors.aid_list(request.user, state=state,
                                                              kind=request.GET.get("kind", "")))
    for a in page:
        a.steps = AID_FLOW.available(a, request.user)
    return render(request, "assistance/staff/aid_queue.html", {
        "page": page, "query_string": query_string, "state": state, "states": AidRecord.State.choices,
        "kinds": AidRecord.Kind.choices, "kind": request.GET.get("kind", "")})


@staff_view
def warnings(request):
    """意外致困预警: members whose household may have fallen into hardship, with the reason; open a file or
    dismiss with a reason."""
    from .. import warnings as early

    user = request.user
    require_anywhere(user, CHANGE)
    if request.method == "POST":
        call_service(request, early.warning_dismiss, success=_("The warning was dismissed."), actor=user,
                     source=request.POST.get("source", early.LARGE_SELF_PAID_SOURCE),
                     reference=request.POST.get("reference", ""), reason=request.POST.get("reason", ""))
        return redirect(reverse("assistance:warnings"))
    return render(request, "assistance/staff/warnings.html", {
        "rows": early.early_warnings(user)[:200], "threshold": early.LARGE_SELF_PAID})


@staff_view
def reviews(request):
    """The yearly review of a county: launch it (a job with progress), the results, a person's decision, and
    the level above's spot check of the reproducible sample."""
    from gonghui.core import jobs

    from ..models import YearlyReview
    from ..services import reviews as review_services

    user = request.user
    require_anywhere(user, VIEW)
    source = request.POST if request.method == "POST" else request.GET
    county = "".join(ch for ch in source.get("county", "") if ch.isdigit())[:6]
    year = int_or_none(source.get("year")) or timezone.localdate().year
    if request.method == "POST":
        action = request.POST.get("action", "")
        back = f"{reverse('assistance:reviews')}?county={county}&year={year}"
        if action == "launch":
            _gate(scope.require, user, CHANGE)
            outcome = call_service(request, review_services.review_launch, success=_("The review was started."),
                                   actor=user, county_code=county, year=year)
            return redirect(f"{back}&job={outcome.result.pk}" if outcome.ok else back)
        review = scope.get_scoped_or_404(YearlyReview.objects.all(), user, VIEW,
                                         pk=int_or_none(request.POST.get("review")) or 0)
        if action == "decide":
            _gate(scope.require, user, CHANGE, review)
            call_service(request, review_services.review_decide, success=_("The decision was kept."), actor=user,
                         review=review, result=request.POST.get("result", ""),
                         comment=request.POST.get("comment", ""))
        elif action == "spot_check":
            _gate(scope.require, user, APPROVE, review)
            call_service(request, review_services.spot_check_record, success=_("The spot check was recorded."),
                         actor=user, review=review, result=request.POST.get("result", ""))
        return redirect(back)
    visible = scope.scoped(YearlyReview.objects.select_related("file", "reviewer"), user, VIEW)
    rows = visible.filter(year=year, file__county_code=county) if county else visible.none()
    page, query_string = paginate(request, rows.order_by("file_id"))
    sample = set(review_services.spot_check_sample(county, year, visible)) if county else set()
    job = None
    if int_or_none(request.GET.get("job")):
        try:
            job = jobs.job_get(user, request.GET["job"])
        except NotFound:
            job = None
    return render(request, "assistance/staff/reviews.html", {
        "page": page, "query_string": query_string, "county": county, "year": year, "sample": sample,
        "job": job, "results": YearlyReview.Result.choices, "can_launch": scope.has_perm(user, CHANGE)})


@require_POST
@staff_view
def file_make_permanent(request, pk):
    file = selectors.file_get(request.user, pk)
    _gate(scope.require, request.user, CHANGE, file)
    call_service(request, services.file_make_permanent, success=_("The file is now permanent."), actor=request.user,
                 file=file)
    return redirect(reverse("assistance:file_detail", args=[file.pk]))
