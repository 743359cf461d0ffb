"""Staff sign-in pages: password, second factor (enrolment and verification), password change, sign-out.
Thin: the forms validate, core.auth.signin does the work."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ..auth import policy, signin, totp
from ..auth.errors import SignInLocked
from ..errors import ApplicationError
from .forms import LoginForm, PasswordChangeForm, TotpCodeForm

SESSION_NEXT = "gonghui_next"


def _safe_next(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


def _continue(request):
    """After a step: the next owed step, else where the user was going, else the staff home."""
    step = policy.pending_step(request)
    if step:
        return redirect(step)
    return redirect(_safe_next(request, request.session.pop(SESSION_NEXT, None)) or reverse("staff:home"))


def _signed_in_staff(request) -> bool:
    return request.user.is_authenticated and not request.user.is_worker


@never_cache
@sensitive_post_parameters("password")
def login_view(request):
    if _signed_in_staff(request) and request.method == "GET":
        return _continue(request)
    form = LoginForm(request.POST or None)
    error = error_code = None
    if request.method == "POST" and form.is_valid():
        next_url = _safe_next(request, request.POST.get("next"))
        try:
            signin.password_sign_in(request, username=form.cleaned_data["username"],
                                    password=form.cleaned_data["password"])
        except ApplicationError as exc:
            error, error_code = exc.message, exc.code
        else:
            if next_url:
                request.session[SESSION_NEXT] = next_url
            return _continue(request)
    context = {"form": form, "error": error, "error_code": error_code,
               "next": _safe_next(request, request.GET.get("next")) or "",
               "max_failures": settings.GONGHUI_LOGIN_MAX_FAILURES,
               "lock_minutes": settings.GONGHUI_LOGIN_LOCK_MINUTES}
    return render(request, "staff/auth/login.html", context, status=401 if error else 200)


@require_POST
def logout_view(request):
    signin.sign_out(request)
    messages.info(request, _("You have signed out."))
    return redirect("staff:login")


def _locked_out(request, exc: SignInLocked):
    messages.error(request, exc.message)
    return redirect("staff:login")


def _code_step(request, step, code: str):
    """Run a second-factor step with the code given. Returns (done, response, error): done with the response
    that continues; not done with the lock-out response; or not done with the message to show."""
    try:
        step(request, code=code)
    except SignInLocked as exc:
        return False, _locked_out(request, exc), None
    except ApplicationError as exc:
        return False, None, exc.message
    return True, _continue(request), None


@never_cache
def totp_setup_view(request):
    if not _signed_in_staff(request):
        return redirect_to_login(request.get_full_path())
    user = request.user
    if user.totp_confirmed_at:  # enrolled already: the secret is never shown again
        return _continue(request)
    form = TotpCodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        done, response, error = _code_step(request, signin.totp_enrolment_confirm, form.cleaned_data["code"])
        if done:
            messages.success(request, _("The second factor is set up."))
        if response is not None:
            return response
    secret = signin.totp_enrolment_secret(user)
    context = {
        "form": form, "error": error, "qr_svg": totp.qr_svg(totp.provisioning_uri(user)),
        "secret_groups": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": policy.second_factor_required(user),
    }
    return render(request, "staff/auth/totp_setup.html", context)


@never_cache
def totp_verify_view(request):
    if not _signed_in_staff(request):
        return redirect_to_login(request.get_full_path())
    if not request.user.totp_confirmed_at:
        return redirect("staff:totp_setup")
    if policy.second_factor_done(request):
        return _continue(request)
    form = TotpCodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        _done, response, error = _code_step(request, signin.second_factor_verify, form.cleaned_data["code"])
        if response is not None:
            return response
    return render(request, "staff/auth/totp_verify.html", {"form": form, "error": error})


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change_view(request):
    if not _signed_in_staff(request):
        return redirect_to_login(request.get_full_path())
    if policy.second_factor_owed(request.user) and not policy.second_factor_done(request):
        return _continue(request)  # prove the second factor before changing the password
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        signin.password_change(request, new_password=form.cleaned_data["new_password1"])
        messages.success(request, _("Your password has been changed; other sessions were signed out."))
        return _continue(request)
    context = {"form": form, "expired": policy.password_expired(request.user)}
    return render(request, "staff/auth/password_change.html", context)
