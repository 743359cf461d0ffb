"""Factories for periods, enrolments and claims; other apps' tests may use them too.

Dates are relative to today, so the tests do not age: the factory period's cover runs from 200 days ago to
165 days ahead, its enrolment closed a week before the cover began."""

import datetime
import io
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gonghui.core.models import User
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Enrolment, Period
from gonghui.mutual_aid.services.contributions import statement_refresh

_seq = itertools.count(1)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


# Whole files: the upload check (core.uploads) decodes a photo and wants a PDF's end.
PNG = _png()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def period_dates(start: datetime.date | None = None) -> dict:
    start = start or timezone.localdate() - datetime.timedelta(days=200)
    return {"coverage_start": start, "coverage_end": start + datetime.timedelta(days=364),
            "enrolment_opens": start - datetime.timedelta(days=60),
            "enrolment_deadline": start - datetime.timedelta(days=8),
            "claim_deadline": start + datetime.timedelta(days=364 + 90)}


def make_period(world, *, number: int | None = None, status: str = Period.Status.OPEN, plan_data=None,
                **settings) -> Period:
    admin = User.objects.get(username="province_admin")
    values = {**period_dates(), **settings}
    period = services.period_create(actor=admin, org=world.province, number=number or 100 + next(_seq),
                                    plan_data=plan_data, **values)
    if status != Period.Status.DRAFT:
        Period.objects.filter(pk=period.pk).update(status=status)
        period.status = status
    return period


def enrol(person, period: Period, *, org=None, unit=None, status: str = Enrolment.Status.ACTIVE,
          is_renewal: bool = True, shares: int = 1, cover_start: datetime.date | None = None) -> Enrolment:
    """An enrolment written straight to the database (tests of claims need cover, not the enrolment rules)."""
    org = org or person.current_org
    enrolment = Enrolment.objects.create(
        period=period, person=person, org=org, unit=unit, category=person.category, shares=shares, status=status,
        is_renewal=is_renewal, enrolled_on=period.enrolment_deadline, cover_start=cover_start or period.coverage_start,
    )
    statement_refresh(period=period, org=org, unit_id=unit.pk if unit else None)
    if status == Enrolment.Status.ACTIVE:
        Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
    return enrolment


def claim_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "benefit_type": "inpatient", "hospital": "昆明医科大学第一附属医院",
        "admission_date": today - datetime.timedelta(days=30), "discharge_date": today - datetime.timedelta(days=20),
        "diagnosis": "肺炎", "diagnosis_category": "disease", "total_cost": Decimal("30000.00"),
        "insurance_paid": Decimal("18000.00"), "self_paid": Decimal("12000.00"), "bank_name": "中国工商银行",
        "bank_account": "6222020200112233445", "invoice_numbers": [f"INV{next(_seq):08d}"],
    }
    data.update(overrides)
    return data


def upload(name: str = "photo.png", content: bytes = PNG, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_required_documents(actor, claim) -> None:
    for code, _label in claim.plan_version.rules.required_documents(claim.benefit_type):
        services.claim_document_add(actor=actor, claim=claim, doc_type=code, upload=upload())


def file_claim(actor, person, *, submit: bool = True, **overrides):
    """A claim filed (and, with ``submit``, submitted with every required document)."""
    claim = services.claim_file(actor=actor, person=person, **claim_data(**overrides))
    if submit:
        add_required_documents(actor, claim)
        services.claim_submit(actor=actor, claim=claim)
    return claim


def png_stream() -> io.BytesIO:
    return io.BytesIO(PNG)
