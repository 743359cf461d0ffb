"""Worker-page tests: text messages go to an in-memory outbox; the cache (codes, rate limits) starts empty."""

import re

import pytest
from django.core.cache import cache

from gonghui.core.sms import LocmemSmsBackend
from gonghui.members.models import Person

CODE_RE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.LANGUAGE_CODE = "en"  # assertions read English messages, whatever the catalogs say
    settings.GONGHUI_SMS_BACKEND = "gonghui.core.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox.clear()
    cache.clear()
    yield LocmemSmsBackend.outbox
    LocmemSmsBackend.outbox.clear()
    cache.clear()


def last_code(outbox, phone: str) -> str:
    for message in reversed(outbox):
        if message.to == phone:
            return CODE_RE.search(message.text).group(1)
    raise AssertionError("no text message was sent to this number")


@pytest.fixture
def worker_person(world) -> Person:
    return Person.objects.get(user=world.user("worker"))
