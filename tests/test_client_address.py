"""Issue 19 §6: the client's address behind a reverse proxy (configurable from the environment), and the
submitter's address on the audit events a background job writes."""

import runpy

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from gonghui.core import jobs
from gonghui.core.middleware import client_ip
from gonghui.core.models import AuditEvent, Job
from gonghui.members.tests.imports.helpers import good_rows, upload, xlsx_bytes

SETTINGS_FILE = settings.BASE_DIR / "settings.py"


def _settings_with(monkeypatch, **env) -> dict:
    for name in ("GONGHUI_TRUSTED_PROXIES", "GONGHUI_TRUST_X_REAL_IP"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_trusted_proxies_come_from_the_environment(monkeypatch):
    assert _settings_with(monkeypatch)["GONGHUI_TRUSTED_PROXIES"] == []
    assert _settings_with(monkeypatch, GONGHUI_TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.7")[
        "GONGHUI_TRUSTED_PROXIES"] == ["10.0.0.0/8", "192.0.2.7"]
    # The variable docs/deploy.md has always named: nginx on the same machine.
    assert _settings_with(monkeypatch, GONGHUI_TRUST_X_REAL_IP="1")["GONGHUI_TRUSTED_PROXIES"] == [
        "127.0.0.1", "::1"]
    with pytest.raises(ValueError):
        _settings_with(monkeypatch, GONGHUI_TRUSTED_PROXIES="10.0.0.0/8,nginx")


@pytest.mark.parametrize(("proxies", "remote", "header", "expected"), [
    ([], "127.0.0.1", "203.0.113.9", "127.0.0.1"),                        # no proxy trusted: the header is ignored
    (["127.0.0.1"], "127.0.0.1", "203.0.113.9", "203.0.113.9"),           # from the proxy: believed
    (["10.0.0.0/8"], "10.1.2.3", "2001:db8::1", "2001:db8::1"),
    (["127.0.0.1"], "198.51.100.4", "203.0.113.9", "198.51.100.4"),       # anyone else can write the header
    (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),          # garbage never reaches the audit log
    (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
])
def test_x_real_ip_is_believed_only_from_a_trusted_proxy(settings, proxies, remote, header, expected):
    settings.GONGHUI_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_REAL_IP=header)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_a_jobs_audit_events_carry_the_submitters_address(world, login, settings, tmp_path,
                                                           django_capture_on_commit_callbacks):
    """Behind nginx every event recorded 127.0.0.1, and events written by jobs no address at all."""
    settings.GONGHUI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    client = login(world.user("grassroots_officer"))
    via_nginx = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.9"}
    since = AuditEvent.objects.order_by("id").values_list("id", flat=True).last() or 0
    # The jobs run later, outside the request, as in the job worker.
    with django_capture_on_commit_callbacks():
        client.post(reverse("members:import_start"),
                    {"org": world.wuhua_union.pk, "file": upload(xlsx_bytes(good_rows(3)))}, **via_nginx)
    preview = Job.objects.get(created_by=world.user("grassroots_officer"))
    jobs.run(preview.pk)
    with django_capture_on_commit_callbacks():
        client.post(reverse("members:import_commit", args=[preview.pk]), **via_nginx)
    commit = Job.objects.exclude(pk=preview.pk).get(created_by=world.user("grassroots_officer"))
    jobs.run(commit.pk)
    commit.refresh_from_db()
    assert commit.status == "succeeded" and preview.ip == commit.ip == "203.0.113.9"
    written = AuditEvent.objects.filter(pk__gt=since, channel="job")
    assert written.exists() and set(written.values_list("ip", flat=True)) == {"203.0.113.9"}
    assert set(written.values_list("acting_org_id", flat=True)) == {world.wuhua_union.pk}
