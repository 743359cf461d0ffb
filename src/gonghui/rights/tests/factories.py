"""Factories of the rights module, usable by other apps' tests."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gonghui.members.models import Person
from gonghui.rights.models import CaseWorker, LegalCase
from gonghui.rights.workflows import CASE_FLOW

CREDIT_CODE = "91530102MA6K8XYW0K"


def png_upload(name: str = "paper.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def worker_person(world) -> Person:
    return Person.objects.get(user=world.user("worker"))


def make_case(world, *, org=None, person=None, state: str = "submitted", dispute_type: str = "wage_arrears",
              case_type: str = "mediation", employer_name: str = "五华测试建筑有限公司", credit_code: str = "",
              claimed: str = "12000.00", submitted_on: datetime.date | None = None, channel: str = "walk_in",
              **extra) -> LegalCase:
    """A case written straight to the database (its history begins with a creation row)."""
    org = org or world.wuhua_union
    person = person or worker_person(world)
    number = LegalCase.objects.count() + 1
    case = LegalCase.objects.create(
        org=org, reference=f"WQT{number:08d}", channel=channel, dispute_type=dispute_type, case_type=case_type,
        state=state, person=person, employer_name=employer_name, employer_credit_code=credit_code,
        summary="拖欠三个月工资", amount_claimed=Decimal(claimed),
        submitted_on=submitted_on or datetime.date.today(), **extra)
    CASE_FLOW.start(case, actor=None)
    return case


def make_case_worker(org, user, *, role: str = "lawyer", name: str = "李律师", max_open: int = 15) -> CaseWorker:
    return CaseWorker.objects.create(org=org, user=user, role=role, name=name, body="云南测试律师事务所",
                                     max_open=max_open)


def indicator_rows(holders, persons, rng, day, **_context) -> None:
    """Rows for tests/test_indicators.py: every dispute type, channel, case type and outcome at least once, spread
    over ``holders`` and the days ``day(rng)`` draws; some decided late, some money not yet with the worker."""
    from gonghui.rights.models import ALLOWED_OUTCOMES, MONEY_OUTCOMES, CaseType, Channel, DisputeType

    types = CaseType.values
    for i in range(60):
        case_type = types[i % len(types)]
        allowed = ALLOWED_OUTCOMES[case_type]
        state = "closed" if i % 6 else rng.choice(["submitted", "review", "refused", "in_progress"])
        outcome = allowed[(i // len(types)) % len(allowed)] if state == "closed" else ""
        submitted = day(rng)
        decided = submitted + datetime.timedelta(days=rng.randrange(1, 12)) if state != "submitted" else None
        money = state == "closed" and outcome in MONEY_OUTCOMES
        LegalCase.objects.create(
            org=holders[i % len(holders)], reference=f"WQI{i:08d}", channel=Channel.values[i % 4],
            dispute_type=DisputeType.values[i % 6], case_type=case_type, state=state,
            person=persons[i % len(persons)], employer_name="指标测试公司", summary="指标",
            amount_claimed=Decimal(rng.randrange(1, 10**7)) / 100, submitted_on=submitted, decided_on=decided,
            decision_days=rng.randrange(1, 9) if decided else None,
            decided_in_time=(i % 4 != 0) if decided else None,
            refusal_reason="not_labour" if state == "refused" else "", outcome=outcome,
            closed_on=decided + datetime.timedelta(days=rng.randrange(0, 300)) if state == "closed" else None,
            amount_recovered=Decimal(rng.randrange(1, 10**7)) / 100 if money else None,
            reached_worker=(i % 3 != 0) if money else None)
