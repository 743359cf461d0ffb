"""What the services share."""

from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.errors import ValidationFailed
from gonghui.core.pinyin import pinyin_keys


def require(actor, permission: str, obj) -> None:
    scope.require(actor, permission, obj)


def clean_text(value, *, field: str, max_length: int, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ValidationFailed(_("This field is required."), code="workforce_field_required", field=field)
    if len(text) > max_length:
        raise ValidationFailed(_("Too long (at most %(n)s characters).") % {"n": max_length},
                               code="workforce_field_too_long", field=field)
    return text


def title_keys(title: str) -> dict:
    full, initials = pinyin_keys(title)
    return {"title_pinyin": full[:600], "title_initials": initials[:200]}


def person_under(person, org) -> bool:
    """Is the person a member of a union in ``org``'s subtree?"""
    path = person.scope_path
    return bool(path) and path.startswith(org.path)
