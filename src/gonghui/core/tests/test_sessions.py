"""Signed-in sessions (等保三级: session limits): a staff account holds at most GONGHUI_STAFF_MAX_SESSIONS; its
holder sees where they are signed in and ends any other session; another user's session is 404."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from gonghui.core.models import AuditEvent, UserSession

from .helpers import login_fully


def _signed_in(user, count: int) -> list[Client]:
    clients = []
    for _ in range(count):
        client = Client()
        login_fully(client, user)
        clients.append(client)
    return clients


def _works(client) -> bool:
    return client.get(reverse("staff:home")).status_code == 200


def test_a_new_sign_in_ends_the_oldest_session_beyond_the_limit(world, settings):
    settings.GONGHUI_STAFF_MAX_SESSIONS = 2
    user = world.user("county_officer")
    first, second, third = _signed_in(user, 3)
    assert not _works(first)
    assert _works(second) and _works(third)
    assert UserSession.objects.filter(user=user).count() == 2
    ended = AuditEvent.objects.filter(action="auth.session_end", object_id=str(user.pk))
    assert [e.detail["reason"] for e in ended] == ["session_limit"]


def test_without_a_limit_every_session_lives(world, settings):
    settings.GONGHUI_STAFF_MAX_SESSIONS = 0
    clients = _signed_in(world.user("county_officer"), 3)
    assert all(_works(client) for client in clients)


def test_the_holder_sees_their_sessions_and_ends_another(world, settings):
    settings.GONGHUI_STAFF_MAX_SESSIONS = 3
    user = world.user("county_officer")
    other, this = _signed_in(user, 2)
    page = this.get(reverse("staff:sessions"))
    assert page.status_code == 200 and page["Cache-Control"].count("no-store")
    listed = page.context["sessions"]
    assert len(listed) == 2
    other_record = next(s for s in listed if s.session_key != this.session.session_key)
    response = this.post(reverse("staff:session_end", args=[other_record.pk]))
    assert response.status_code == 302
    assert not _works(other) and _works(this)
    assert not Session.objects.filter(session_key=other_record.session_key).exists()


def test_the_current_session_is_not_ended_from_the_list(world):
    user = world.user("county_officer")
    (client,) = _signed_in(user, 1)
    own = UserSession.objects.get(session_key=client.session.session_key)
    assert client.post(reverse("staff:session_end", args=[own.pk])).status_code == 404
    assert _works(client)


def test_ending_all_others_keeps_this_one(world, settings):
    settings.GONGHUI_STAFF_MAX_SESSIONS = 5
    user = world.user("county_officer")
    *others, this = _signed_in(user, 3)
    this.post(reverse("staff:sessions_end_others"))
    assert _works(this) and not any(_works(c) for c in others)
    assert UserSession.objects.filter(user=user).count() == 1


def test_another_user_s_session_is_not_found(world):
    (mine,) = _signed_in(world.user("county_officer"), 1)
    (theirs,) = _signed_in(world.user("sibling_officer"), 1)
    their_record = UserSession.objects.get(session_key=theirs.session.session_key)
    assert mine.post(reverse("staff:session_end", args=[their_record.pk])).status_code == 404
    assert _works(theirs)


def test_signing_out_drops_the_record(world):
    (client,) = _signed_in(world.user("county_officer"), 1)
    key = client.session.session_key
    client.post(reverse("staff:logout"))
    assert not UserSession.objects.filter(session_key=key).exists()
