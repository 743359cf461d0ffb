"""Issue 19 §8: a bounded schemathesis run in the suite (coverage and fuzzing phases, every check, fixed seed,
few examples) as a province officer, a grassroots officer and without credentials: no finding."""

import os

import pytest

from gonghui.core.auth.tokens import token_create

from . import fuzz

ACTORS = ["province_admin", "grassroots_officer", None]


@pytest.mark.parametrize("actor", ACTORS, ids=[a or "anonymous" for a in ACTORS])
def test_the_api_holds_its_contract(transactional_db, world, actor):
    headers = {}
    if actor:
        _, raw = token_create(user=world.user(actor), name="fuzz")
        headers["Authorization"] = f"Bearer {raw}"
    requests, findings = fuzz.run(headers)
    report = os.environ.get("GONGHUI_FUZZ_REPORT")
    if report:
        with open(f"{report}.{actor or 'anonymous'}", "w") as out:
            out.write(f"{requests} requests, {len(findings)} findings\n" + "\n".join(findings) + "\n")
    assert requests > 0
    assert not findings, f"{len(findings)} finding(s) in {requests} requests:\n" + "\n".join(findings)
