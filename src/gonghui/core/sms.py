"""Sending text messages (worker one-time codes) through a pluggable backend.

settings.GONGHUI_SMS_BACKEND names the class: ConsoleSmsBackend (development: logs that a message went out,
never the number in clear), FileSmsBackend (test machines: appends each message as a JSON line to
settings.GONGHUI_SMS_FILE_PATH so testers and browser tests can read their codes), LocmemSmsBackend (unit
tests: keeps messages in ``LocmemSmsBackend.outbox``). A production gateway subclasses SmsBackend.
"""

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .masking import mask_phone

logger = logging.getLogger("gonghui.sms")


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str
    # An idempotency key a gateway may pass on (notifications: one per message), so that it drops a repeat.
    key: str = ""


class SmsBackend:
    def send(self, message: SmsMessage) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    def send(self, message: SmsMessage) -> None:
        # The text carries a one-time code: only development logs it, and never with the number in clear.
        if settings.DEBUG:
            logger.info("SMS code sent to %s: %s", mask_phone(message.to), message.text)
        else:
            logger.info("SMS code sent to %s", mask_phone(message.to))


class FileSmsBackend(SmsBackend):
    _lock = threading.Lock()

    def send(self, message: SmsMessage) -> None:
        path = Path(settings.GONGHUI_SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"at": timezone.now().isoformat(), "to": message.to, "text": message.text},
                          ensure_ascii=False)
        with self._lock, path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        logger.info("SMS code sent to %s (written to the test outbox file)", mask_phone(message.to))


class LocmemSmsBackend(SmsBackend):
    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        type(self).outbox.append(message)


def get_backend() -> SmsBackend:
    return import_string(settings.GONGHUI_SMS_BACKEND)()


def send_sms(*, to: str, text: str) -> None:
    get_backend().send(SmsMessage(to=to, text=str(text)))
