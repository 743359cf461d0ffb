"""Valid synthetic identities for demo data and tests: resident ID numbers, credit codes, mobile numbers."""

import datetime
import random

from stdnum.cn import ric, uscc

MOBILE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "166",
                   "177", "180", "182", "183", "187", "188", "189", "191", "199")


def resident_id(region_code: str, birth: datetime.date, sequence: int) -> str:
    """An 18-digit resident ID number with a correct check digit; ``sequence`` (0–999) sets the order code,
    whose parity gives the sex (odd male, even female)."""
    body = f"{region_code}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(region_code: str, rng: random.Random) -> str:
    """A unified social credit code: registration authority 9 (market regulation), type 1 (enterprise)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + region_code + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
