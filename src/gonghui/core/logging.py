"""A logging filter that scrubs resident ID numbers and mobile numbers from every log record."""

import logging
import re

from .masking import mask_id_number, mask_phone

_ID_RE = re.compile(r"(?<![0-9])([1-8][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx])(?![0-9])")
_ID15_RE = re.compile(r"(?<![0-9])([1-8][0-9]{14})(?![0-9])")
# A mobile number alone or behind the country code written without a space (+8613812345678).
_PHONE_RE = re.compile(r"(?:(?<=\+86)|(?<=\b86)|(?<![0-9]))(1[3-9][0-9]{9})(?![0-9])")


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
        return True
