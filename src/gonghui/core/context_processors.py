from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import roles, scope
from .web import nav

NAV_PERMISSIONS = {"members": roles.MEMBERS_VIEW, "orgs": roles.ORGS_VIEW, "roles": roles.ROLES_VIEW,
                   "audit": roles.AUDIT_VIEW}


def platform(request):
    """Platform name, and whether the staff header may show the modules: only once every sign-in step is done
    (a user who still owes the second factor sees just the step and a way out)."""
    from .auth.policy import session_fully_authenticated

    user = getattr(request, "user", None)
    staff_ready = bool(user is not None and user.is_authenticated and not user.is_worker
                       and session_fully_authenticated(request))
    can, staff_links, mobile_links, unread = {}, [], [], 0
    if staff_ready:
        # Navigation shows only the modules the user can open somewhere (the pages check scope themselves).
        can = {name: scope.has_perm(user, permission) for name, permission in NAV_PERMISSIONS.items()}
        staff_links = nav.nav_links(nav.STAFF, user, scope.has_perm)
        unread = _unread(user)
    elif user is not None and user.is_authenticated and user.is_worker:
        mobile_links = nav.nav_links(nav.MOBILE, user, scope.has_perm)
        unread = _unread(user)
    return {"PLATFORM_NAME": settings.PLATFORM_NAME, "STAFF_READY": staff_ready, "STAFF_CAN": can,
            "STAFF_NAV": staff_links, "MOBILE_NAV": mobile_links,
            "UNREAD_MESSAGES": unread}


def _unread(user):
    """The inbox badge: counted only when a page shows it (JSON and file answers never do)."""
    from .inbox import unread_count

    return SimpleLazyObject(lambda: unread_count(user))
