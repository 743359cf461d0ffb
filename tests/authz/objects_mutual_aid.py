"""The medical mutual aid objects the matrix calls routes with: one inside the Wuhua county officer's scope, one in the
sibling county (Panlong). Keys are the ``obj`` names used in routes_mutual_aid.py.

Periods belong to the provincial federation (both sides name the same one). Claims are filed and approved by
users outside the matrix's actors, so separation of duties never refuses an actor the matrix expects to pass."""

from gonghui.mutual_aid import permissions as P

# What an actor needs to know such an object exists (see VIEW_PERMISSION in objects.py).
VIEW_PERMISSION = {kind: P.VIEW for kind in ("ma_period", "ma_closed_period", "ma_settlement", "ma_plan",
                                             "ma_enrolment", "ma_statement", "ma_claim", "ma_document", "ma_batch",
                                             "ma_bank_change")}


def _claim(person, period, filer, state, *, number: str, reviewer=None):
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gonghui.core.models import Attachment
    from gonghui.mutual_aid.attachments import CLAIM_DOCUMENT
    from gonghui.mutual_aid.models import Claim, ClaimDocument, ClaimInvoice
    from gonghui.mutual_aid.services import plan_in_force

    today = timezone.localdate()
    enrolment = period.enrolments.get(person=person)
    approved = state == Claim.State.APPROVED
    claim = Claim.objects.create(
        org=enrolment.org, period=period, person=person, enrolment=enrolment, benefit_type="inpatient",
        hospital="矩阵医院", admission_date=today - timezone.timedelta(days=20),
        discharge_date=today - timezone.timedelta(days=10), diagnosis="矩阵", total_cost=Decimal("3000.00"),
        insurance_paid=Decimal("1000.00"), self_paid=Decimal("2000.00"), bank_account="6222020200112233445",
        bank_account_tail="3445", state=state, plan_version=plan_in_force(period, period.coverage_start),
        filed_by=filer, submitted_at=timezone.now(), approved_by=reviewer if approved else None,
        approved_amount=Decimal("750.00") if approved else None)
    ClaimInvoice.objects.create(claim=claim, number=number, hospital_key="矩阵医院")
    content = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
    attachment = Attachment(owner_type="mutual_aid.claim", owner_id=str(claim.pk), org_path=claim.scope_path,
                            kind=CLAIM_DOCUMENT.code, content_type="image/png", size=len(content), sha256="0" * 64,
                            uploaded_by=filer)
    attachment.file.save("matrix.png", ContentFile(content), save=False)
    attachment.save()
    ClaimDocument.objects.create(claim=claim, doc_type="invoices", attachment=attachment)
    return claim


def _roster_job(owner):
    """A checked roster import with errors and a report, seen by its creator only."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gonghui.core.models import Job
    from gonghui.mutual_aid.imports import PREVIEW

    report = default_storage.save("imports/reports/roster-matrix.xlsx", ContentFile(b"PK matrix"))
    return Job.objects.create(kind=PREVIEW, created_by=owner, status=Job.Status.SUCCEEDED,
                              params={"filename": "matrix.xlsx"}, result={"rows": 1, "errors": 1, "report": report})


def build_objects(world) -> dict:
    from gonghui.members.models import Person, Unit
    from gonghui.mutual_aid import services
    from gonghui.mutual_aid.models import BankAccountChange, Claim, ContributionStatement, Period, Settlement
    from gonghui.mutual_aid.tests.factories import enrol, make_period, period_dates
    from tests.fixtures import make_user

    filer = make_user("ma_matrix_filer", roles=[(world.province, "member_officer")])
    reviewer = make_user("ma_matrix_reviewer", roles=[(world.province, "mutual_aid_reviewer")])
    cashier = make_user("ma_matrix_cashier", roles=[(world.province, "mutual_aid_cashier")])
    period = make_period(world, number=22)
    current = period_dates()
    closed = make_period(world, number=21, status=Period.Status.CLOSED,
                         **period_dates(current["coverage_start"].replace(year=current["coverage_start"].year - 1)))
    settlement = Settlement.objects.create(period=closed, status=Settlement.Status.REVIEW, started_by=filer,
                                          totals={"claims": 0})
    unit = Unit.objects.get(name="五华测试科技有限公司")
    roster_job = _roster_job(world.user("county_officer"))
    sides = {}
    for side, name, unit_of in (("inside", "李娜", unit), ("outside", "王芳", None)):
        person = Person.objects.get(name=name)
        enrolment = enrol(person, period, unit=unit_of)
        claim = _claim(person, period, filer, Claim.State.SUBMITTED, number=f"MATRIX-{side}-1")
        _claim(person, period, filer, Claim.State.APPROVED, number=f"MATRIX-{side}-2", reviewer=reviewer)
        batch = services.payout_batch_create(actor=cashier, org=person.current_org, period=period)
        # a failed payment a cashier asked to pay to another account: awaiting a reviewer (issue 19 §4)
        failed = _claim(person, period, filer, Claim.State.PAYMENT_FAILED, number=f"MATRIX-{side}-3",
                        reviewer=reviewer)
        bank_change = BankAccountChange.objects.create(claim=failed, bank_account="6217000011112222333",
                                                       bank_account_tail="2333", requested_by=cashier)
        statement = ContributionStatement.objects.get(period=period, org=person.current_org)
        sides[side] = {"ma_period": period, "ma_closed_period": closed, "ma_settlement": settlement,
                       "ma_plan": period.plan_versions.first(),
                       "ma_enrolment": enrolment, "ma_statement": statement, "ma_claim": claim,
                       "ma_document": claim.documents.first(), "ma_batch": batch,
                       "ma_roster_job": roster_job, "ma_bank_change": bank_change}
    return sides


def marker_text(obj) -> str | None:
    """The text that would give an out-of-scope object of this module away in a list; None if not ours."""
    from gonghui.mutual_aid.models import (
        BankAccountChange,
        Claim,
        ClaimDocument,
        ContributionStatement,
        Enrolment,
        PayoutBatch,
    )

    if isinstance(obj, Claim | Enrolment):
        return obj.person.name
    if isinstance(obj, ClaimDocument | BankAccountChange):
        return obj.claim.person.name
    if isinstance(obj, ContributionStatement):
        return obj.unit.name if obj.unit_id else obj.org.name
    if isinstance(obj, PayoutBatch):
        return obj.org.name
    return None
