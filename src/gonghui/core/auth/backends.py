"""Django's permission checks answered by the org scope (core.scope)."""

from django.contrib.auth.backends import ModelBackend

from .. import scope


class ScopedPermissionBackend(ModelBackend):
    """Passwords as Django checks them; ``user.has_perm(perm, obj)`` answered by the scope: anywhere when obj
    is None, over the object's organisation path otherwise (``obj.scope_path``)."""

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if "." in perm and perm.split(".", 1)[0] in {"admin", "auth", "contenttypes", "sessions", "core"}:
            return super().has_perm(user_obj, perm, obj)
        path = getattr(obj, "scope_path", None) if obj is not None else None
        return scope.has_perm(user_obj, perm, path)
