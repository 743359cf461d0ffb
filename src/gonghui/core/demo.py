"""The demo-data registry: each app registers the parts it builds, `gonghui demo` runs them in order.

core imports no business app, so the apps register here (in their AppConfig.ready) instead of the command
reaching into them. A part has a ``builder`` (writes rows, runs once) and an optional ``describe`` (runs every
time, also when the demo already exists, to list the accounts a tester can sign in with).
"""

import base64
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

SCALES = ("small", "county", "province")
AVAILABLE_SCALES = ("small",)
DEMO_PASSWORD = "Demo#2026"  # published in the README: demo data only
# The demo exists once this account exists: the parts run in one transaction, so it is all or nothing.
MARKER_USERNAME = "province_admin"
DEFAULT_PERSONS = {"small": 3000, "county": 100_000, "province": 3_000_000}


@dataclass
class DemoAccount:
    username: str
    role: str
    organisation: str
    login_url: str
    password: str = DEMO_PASSWORD
    totp_secret: str = ""
    totp_uri: str = ""
    note: str = ""


@dataclass
class DemoContext:
    scale: str = "small"
    seed: int = 2026
    persons: int | None = None  # overrides the scale's number of persons (tests build fewer)
    progress: Callable[[str], None] = print
    shared: dict = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    rng: random.Random = field(init=False)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    @property
    def person_count(self) -> int:
        return self.persons if self.persons is not None else DEFAULT_PERSONS[self.scale]


@dataclass(frozen=True)
class DemoPart:
    name: str
    builder: Callable[[DemoContext], None]
    order: int
    describe: Callable[[DemoContext], None] | None = None


_PARTS: dict[str, DemoPart] = {}


def register_demo_part(name: str, builder: Callable[[DemoContext], None], order: int, *,
                       describe: Callable[[DemoContext], None] | None = None) -> DemoPart:
    part = DemoPart(name, builder, order, describe)
    if name in _PARTS and _PARTS[name] != part:
        raise ValueError(f"demo part {name!r} is registered twice")
    _PARTS[name] = part
    return part


def demo_parts() -> list[DemoPart]:
    return sorted(_PARTS.values(), key=lambda p: (p.order, p.name))


def demo_totp_secret(username: str) -> str:
    """A fixed second-factor secret per demo account, so testers can keep it in their authenticator app."""
    digest = hashlib.sha256(f"gonghui-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()
