"""Personal data never reaches a log line: a filter that scrubs resident ID numbers and mobile numbers from
every record (message and traceback), and the one logging configuration (``logging_config``) that puts it on
every handler. The access logs (runserver's ``django.server``, gunicorn's ``gunicorn.access``) keep no handler
of their own: their lines go up to the root handler and through the filter like every other line, so a search
URL (``/api/v1/persons?q=<ID>``) is written masked."""

import logging
import re

from .masking import mask_id_number, mask_phone

_ID_RE = re.compile(r"(?<![0-9])([1-8][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx])(?![0-9])")
_ID15_RE = re.compile(r"(?<![0-9])([1-8][0-9]{14})(?![0-9])")
# A mobile number alone or behind the country code written without a space (+8613812345678).
_PHONE_RE = re.compile(r"(?:(?<=\+86)|(?<=\b86)|(?<![0-9]))(1[3-9][0-9]{9})(?![0-9])")
# Loggers that servers write their access and error lines to (Django's runserver, gunicorn).
ACCESS_LOGGERS = ("django.server", "gunicorn.access", "gunicorn.error")
_formatter = logging.Formatter()


def scrub(text: str) -> str:
    text = _ID_RE.sub(lambda m: mask_id_number(m.group(1)), text)
    text = _ID15_RE.sub(lambda m: mask_id_number(m.group(1)), text)
    return _PHONE_RE.sub(lambda m: mask_phone(m.group(1)), text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:  # the traceback, formatted once, as handlers would
            record.exc_text = _formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def logging_config(level: str = "INFO") -> dict:
    """The dictConfig of every process: Django's (settings.LOGGING) and gunicorn's (gonghui.gunicorn_conf)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "gonghui.core.logging.PersonalDataFilter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # No handler of their own (Django's defaults for "django" and "django.server" write unfiltered, and
            # mail errors to ADMINS): their lines go to the root's handler.
            **{name: {"handlers": [], "propagate": True} for name in ("django", *ACCESS_LOGGERS)},
        },
    }
