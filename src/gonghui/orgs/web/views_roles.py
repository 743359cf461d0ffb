"""Staff pages for role assignments: list in scope, grant, revoke, the grants awaiting a second person, and the
system administrator's page that creates a staff account (its first role waits for the security administrator).
Who may grant what is decided by orgs.services (family, rank, subtree, two people for money)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import roles, scope
from gonghui.core.web.pages import call_service, int_or_none, paginate, queue_filter, require_anywhere, staff_view

from .. import selectors, services
from ..models import RoleRequest
from .forms import RoleDecisionForm, RoleFilterForm, RoleGrantForm, StaffUserForm, grantable_anywhere


@staff_view
def role_list(request):
    user = request.user
    form = RoleFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    assignments = selectors.role_assignments_visible(user)
    if filters.get("q"):
        text = filters["q"].strip()
        assignments = assignments.filter(Q(user__username__icontains=text)
                                         | Q(user__display_name__icontains=text))
    if filters.get("role"):
        assignments = assignments.filter(role=filters["role"])
    org_id = int_or_none(request.GET.get("org"))
    if org_id:
        org = selectors.organisation_get(user, org_id)
        assignments = assignments.filter(org__path__startswith=org.path)
    page, query_string = paginate(request, assignments.order_by("org__path", "role", "user__username"))
    for assignment in page:
        assignment.can_revoke = assignment.user_id != user.pk and assignment.role in {
            r.code for r in selectors.grantable_roles(user, assignment.org)}
    return render(request, "orgs/role_list.html", {
        "form": form, "page": page, "query_string": query_string,
        "can_manage": scope.has_perm(user, roles.ROLES_MANAGE),
        "can_create_users": scope.has_perm(user, roles.USERS_MANAGE),
        "pending_requests": selectors.role_requests_visible(user).count(),
    })


@staff_view
def role_grant(request):
    user = request.user
    require_anywhere(user, roles.ROLES_MANAGE)
    form = RoleGrantForm(request.POST or None, user=user, org_query=request.GET.get("org_q", ""),
                         initial={"org": int_or_none(request.GET.get("org"))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.role_grant, form=form, actor=user,
                               user=data["username"], org=data["org"], role=data["role"])
        if outcome.ok:
            if isinstance(outcome.result, RoleRequest):
                messages.success(request, _("This role handles money: it takes effect when a second security "
                                            "administrator approves it."))
                return redirect("orgs:role_request_list")
            messages.success(request, _("The role was granted."))
            return redirect("orgs:role_list")
    return render(request, "orgs/role_form.html", {"form": form, "title": _("Grant a role"),
                                                   "org_q": request.GET.get("org_q", "")})


def _require_manage(user, org) -> None:
    """Seen (roles.view) but not managed there: 403 before the service is asked (out of sight is already 404)."""
    if not scope.has_perm(user, roles.ROLES_MANAGE, org.path):
        raise DjangoPermissionDenied


@require_POST
@staff_view
def role_revoke(request, pk):
    assignment = selectors.role_assignment_get(request.user, pk)
    _require_manage(request.user, assignment.org)
    if assignment.user_id == request.user.pk:
        messages.error(request, _("You cannot revoke your own role; ask an administrator above you."))
    else:
        call_service(request, services.role_revoke, actor=request.user, assignment=assignment,
                     success=_("The role was revoked."))
    return redirect("orgs:role_list")


@staff_view
def staff_user_create(request):
    user = request.user
    require_anywhere(user, roles.USERS_MANAGE)
    form = StaffUserForm(request.POST or None, user=user, org_query=request.GET.get("org_q", ""),
                         initial={"org": int_or_none(request.GET.get("org"))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(
            request, services.staff_user_create, form=form,
            success=_("The account was created; give the holder the temporary password in person. At the first "
                      "sign-in they enrol their own second factor and choose a password; the role waits for the "
                      "security administrator."),
            actor=user, org=data["org"], username=data["username"], display_name=data["display_name"],
            password=data["password"], role=data["role"])
        if outcome.ok:
            return redirect("orgs:role_list")
    return render(request, "orgs/role_form.html", {"form": form, "title": _("New staff account"),
                                                   "org_q": request.GET.get("org_q", "")})


@staff_view
def org_options(request):
    """htmx: organisations where the user manages roles, matching ``org_q``."""
    require_anywhere(request.user, roles.ROLES_MANAGE)
    orgs = selectors.organisation_choices(request.user, roles.ROLES_MANAGE,
                                          query=request.GET.get("org_q", ""), limit=50)
    return render(request, "orgs/_org_options.html", {"orgs": orgs})


@staff_view
def role_options(request):
    """htmx: the roles the user may grant at the chosen organisation."""
    require_anywhere(request.user, roles.ROLES_MANAGE)
    org_id = int_or_none(request.GET.get("org"))
    org = None
    if org_id:
        org = selectors.organisations_visible(request.user, roles.ROLES_MANAGE).filter(pk=org_id).first()
    return render(request, "orgs/_role_options.html", {"roles": grantable_anywhere(request.user, org)})


# --- grants awaiting a second person --------------------------------------------------------------------

@staff_view
def role_request_list(request):
    user = request.user
    require_anywhere(user, roles.ROLES_VIEW)
    status, order, filter_context = queue_filter(request, RoleRequest.Status.choices, queue=RoleRequest.Status.PENDING,
                                                 date_field="requested_at")
    page, query_string = paginate(request, selectors.role_requests_visible(user, status=status).order_by(*order))
    for item in page:
        item.can_decide = selectors.role_request_decidable(user, item)
    return render(request, "orgs/role_requests.html", {"page": page, "query_string": query_string,
                                                       "decision_form": RoleDecisionForm(), **filter_context})


@staff_view
def role_request_detail(request, pk):
    item = selectors.role_request_get(request.user, pk)
    return render(request, "orgs/role_request_detail.html", {
        "r": item, "can_decide": selectors.role_request_decidable(request.user, item),
        "decision_form": RoleDecisionForm(), "history": selectors.role_request_history(item)})


@require_POST
@staff_view
def role_request_approve(request, pk):
    item = selectors.role_request_get(request.user, pk)
    _require_manage(request.user, item.org)
    call_service(request, services.role_request_approve, actor=request.user, request=item,
                 success=_("Approved: the role is granted."))
    return redirect("orgs:role_request_list")


@require_POST
@staff_view
def role_request_reject(request, pk):
    item = selectors.role_request_get(request.user, pk)
    _require_manage(request.user, item.org)
    form = RoleDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    call_service(request, services.role_request_reject, actor=request.user, request=item, note=note,
                 success=_("Rejected: the role is not granted."))
    return redirect("orgs:role_request_list")
