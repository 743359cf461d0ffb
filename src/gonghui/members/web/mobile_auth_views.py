"""Worker sign-up, sign-in (password or SMS code) and sign-out at /m/."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from gonghui.core import captcha
from gonghui.core.auth import otp
from gonghui.core.errors import ApplicationError

from .. import worker_accounts
from .mobile_forms import CodeLoginForm, PasswordLoginForm, SignupForm, add_application_error

AUTH_BACKEND = "gonghui.core.auth.backends.ScopedPermissionBackend"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if allowed and target.startswith("/m/"):
        return target
    return reverse("m:card")


def _sign_in(request, user):
    login(request, user, backend=AUTH_BACKEND)
    return redirect(_next_url(request))


@sensitive_post_parameters("password")
@never_cache
def login_password(request):
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = worker_accounts.login_with_password(phone=form.cleaned_data["phone"],
                                                       password=form.cleaned_data["password"])
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            return _sign_in(request, user)
    return render(request, "mobile/login.html", {"form": form, "next": _next_url(request)})


def _send_code(request, form, send) -> tuple[bool, str | None]:
    """Ask for a code with ``send(challenge_passed)``, answering the picture challenge the page showed, if any.
    Returns (sent, a new challenge picture to show or None)."""
    answer = request.POST.get("captcha", "")
    answered = captcha.has_challenge(request)
    passed = captcha.solved(request, answer) if answered else False
    try:
        send(passed)
    except otp.ChallengeRequired as exc:
        wrong = answered and answer.strip()
        form.add_error(None, _("The digits did not match; type the ones in this new picture.") if wrong
                       else str(exc.message))
        return False, captcha.new_challenge(request)
    return True, None


@sensitive_post_parameters("code")
@never_cache
def login_code(request):
    form = CodeLoginForm(request.POST or None)
    code_sent, challenge = False, None
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "send":
                code_sent, challenge = _send_code(request, form, lambda passed: worker_accounts.request_login_code(
                    phone=phone, challenge_passed=passed))
                if code_sent:
                    messages.info(request, _("If this number has an account, a code is on its way."))
            elif not form.cleaned_data.get("code"):
                form.add_error("code", _("Enter the code from the text message."))
            else:
                user = worker_accounts.login_with_code(phone=phone, code=form.cleaned_data["code"])
                return _sign_in(request, user)
        except ApplicationError as exc:
            add_application_error(form, exc)
    return render(request, "mobile/login_code.html",
                  {"form": form, "code_sent": code_sent, "challenge": challenge, "next": _next_url(request)})


@sensitive_post_parameters("password", "password2", "id_number", "code")
@never_cache
def signup(request):
    form = SignupForm(request.POST or None)
    code_sent, challenge = False, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "send":
                code_sent, challenge = _send_code(request, form, lambda passed: worker_accounts.request_signup_code(
                    phone=data["phone"], challenge_passed=passed))
                if code_sent:
                    messages.info(request, _("A code has been sent to your phone. It is valid for 5 minutes."))
            else:
                user = worker_accounts.worker_signup(
                    phone=data["phone"], code=data["code"], name=data["name"], id_number=data["id_number"],
                    password=data["password"])
                login(request, user, backend=AUTH_BACKEND)
                messages.success(request, _("Your account is ready."))
                return redirect("m:card")
        except ApplicationError as exc:
            add_application_error(form, exc)
    return render(request, "mobile/signup.html", {"form": form, "code_sent": code_sent, "challenge": challenge})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("m:login")
