"""Sign-in errors. The messages never say whether a login name exists."""

from django.utils.translation import gettext_lazy as _

from ..errors import AuthenticationFailed, RateLimited


class SignInFailed(AuthenticationFailed):
    code = "sign_in_failed"
    default_message = _("The login name or password is not correct.")


class SignInLocked(RateLimited):
    code = "sign_in_locked"
    default_message = _("Too many failed attempts: signing in with this name is locked for %(minutes)d "
                        "minutes.")


class SecondFactorFailed(AuthenticationFailed):
    code = "second_factor_failed"
    default_message = _("The code is not correct or was already used; enter the current code from your app.")


class AddressLocked(RateLimited):
    """Too many failed sign-ins from one address, across names: the address is refused, the names are not
    locked."""

    code = "sign_in_address_locked"
    default_message = _("Too many failed sign-ins from your network address; please try again in %(minutes)d "
                        "minutes.")
