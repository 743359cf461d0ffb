"""The audit-action registry: undeclared codes are refused, every declared action has a label in both languages,
every code written in the source is declared, and renamed codes keep their old rows findable."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gonghui.core import audit
from gonghui.core.models import AuditEvent

SRC = Path(__file__).resolve().parents[2] / "src" / "gonghui"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _app_actions():
    return [a for a in audit.all_actions() if a.owner != "tests"]


@pytest.mark.django_db
def test_recording_an_undeclared_action_raises_and_writes_nothing():
    with pytest.raises(audit.UnregisteredAuditAction):
        audit.record("members.nonsense", object_type="x", object_id=1)
    assert not AuditEvent.objects.filter(action="members.nonsense").exists()


@pytest.mark.django_db
def test_an_alias_cannot_be_recorded():
    """Old codes are for reading old rows only."""
    with pytest.raises(audit.UnregisteredAuditAction):
        audit.record("venue.create", object_type="venues.venue", object_id=1)


def test_every_declared_action_has_a_label_in_both_languages():
    actions = _app_actions()
    assert len(actions) > 80
    for action in actions:
        with translation.override("en"):
            english = str(action.label)
        with translation.override("zh-hans"):
            chinese = str(action.label)
        assert english and not CJK.search(english), action.code
        assert CJK.search(chinese), f"{action.code}: no Chinese label ({chinese!r})"


def test_every_app_declares_its_actions_under_its_own_owner():
    owners = {a.owner for a in _app_actions()}
    assert {"core", "orgs", "members", "mutual_aid", "venues"} <= owners


def test_every_literal_code_in_the_source_is_declared():
    literal = re.compile(r"""audit\.record\(\s*f?"([a-z_.{}]+)\"""")
    found = set()
    for path in SRC.rglob("*.py"):
        if "/tests/" in str(path):
            continue
        found.update(literal.findall(path.read_text(encoding="utf-8")))
    # The scan still finds the literals (fewer as processes move onto the workflow kit, whose codes are
    # audit_prefix + step: tests/kit/test_workflow.py checks those are declared).
    assert len(found) > 50
    declared = {a.code for a in _app_actions()}
    for code in found:
        if "{" in code:  # an f-string: its fixed prefix must begin at least one declared code
            assert any(d.startswith(code.split("{")[0]) for d in declared), code
        else:
            assert code in declared, code


def test_venue_codes_have_one_prefix_and_the_old_one_is_an_alias():
    codes = {a.code for a in _app_actions() if a.owner == "venues"}
    assert codes and all(c.startswith("venues.") for c in codes)
    assert audit.get_action("venue.create").code == "venues.create"
    with translation.override("en"):
        assert audit.action_label("venue.approve") == "Venue approved"
    assert audit.action_label("no.such.code") == "no.such.code"


def test_a_code_cannot_be_declared_twice_with_another_label():
    with pytest.raises(ValueError):
        audit.register_actions(audit.AuditAction("venues.create", "something else"), owner="venues")
    with pytest.raises(ValueError):  # an alias may not be reused as a code
        audit.register_actions(audit.AuditAction("venue.create", "x"), owner="tests")


def _old_row(code: str) -> AuditEvent:
    """A row as the module wrote it before the rename (inserted directly: the log keeps rows as they were)."""
    return AuditEvent.objects.create(at=timezone.now(), action=code, object_type="venues.venue", object_id="1",
                                     result="success", detail={}, prev_hash="0" * 64, hash="f" * 64)


@pytest.mark.django_db
def test_the_viewer_shows_labels_and_finds_rows_under_old_codes(client, world):
    from gonghui.core.tests.helpers import login_fully

    _old_row("venue.approve")
    audit.record("venues.create", object_type="venues.venue", object_id=2)
    login_fully(client, world.user("auditor"))
    with translation.override("zh-hans"):
        response = client.get(reverse("staff:audit_list"), {"action": "venues."}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    actions = [e.action for e in response.context["page"]]
    assert "venue.approve" in actions and "venues.create" in actions
    html = response.content.decode()
    assert "阵地审核通过" in html and "新建阵地" in html
