"""Password history (等保三级: a password is not reused): the current password and the last five are refused."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.fixtures import PASSWORD

from gonghui.core.models import UsedPassword

from .helpers import login_fully

PASSWORDS = [f"Gonghui#{year}x" for year in range(2020, 2027)]


def _change(user, password):
    validate_password(password, user=user)
    user.set_password(password)
    user.save()


def _refused(user, password) -> bool:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return "password_reused" in {e.code for e in error.error_list}
    return False


def test_the_current_password_and_the_last_five_are_refused_the_sixth_is_allowed(world):
    user = world.user("county_officer")
    for password in PASSWORDS[:6]:
        _change(user, password)
    assert _refused(user, PASSWORDS[5])  # the current one
    for password in PASSWORDS[1:5]:
        assert _refused(user, password)
    assert not _refused(user, PASSWORDS[0])  # six changes ago
    assert not _refused(user, PASSWORDS[6])


def test_only_hashes_are_kept_and_no_more_than_the_history(world):
    user = world.user("county_officer")
    for password in PASSWORDS:
        _change(user, password)
    kept = list(UsedPassword.objects.filter(user=user).values_list("password", flat=True))
    assert len(kept) == 4  # with the current one, the last five
    assert not any(password in hashed for password in PASSWORDS for hashed in kept)
    assert all(hashed.count("$") >= 2 for hashed in kept)


def test_a_new_account_has_no_history_to_check(world):
    from gonghui.core.models import User

    assert not _refused(User(username="newcomer"), PASSWORD)


@pytest.mark.parametrize("reuse", ["current", "previous"])
def test_the_password_page_refuses_a_reused_password_with_a_clear_message(client, world, reuse):
    user = world.user("county_officer")
    login_fully(client, user)
    client.post(reverse("staff:password_change"), {
        "old_password": PASSWORD, "new_password1": "New#Secret2026", "new_password2": "New#Secret2026"})
    old = "New#Secret2026" if reuse == "current" else PASSWORD
    response = client.post(reverse("staff:password_change"), {
        "old_password": "New#Secret2026", "new_password1": old, "new_password2": old})
    assert response.status_code == 200
    assert "password_reused" not in response.content.decode()  # the message, not the code
    assert "最近 5 次" in response.content.decode()  # zh-Hans, the default language
    user.refresh_from_db()
    assert user.check_password("New#Secret2026")
