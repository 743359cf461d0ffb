"""Filing a claim: the refusals given at once (outside the period or cover, past the deadline, waiting period,
the same invoice claimed before, missing documents), the documents, and submission."""

import datetime
import re
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import attachments, audit, money, sensitive, uploads, workflow

from .. import permissions as P
from ..attachments import CLAIM_DOCUMENT, MAX_DOCUMENT_BYTES  # noqa: F401  (MAX_DOCUMENT_BYTES: kept importable here)
from ..calculation import compute_benefit, cover_day, days_covered, in_waiting_period
from ..errors import (
    ClaimDataInvalid,
    ClaimDeadlinePassed,
    ClaimNotEditable,
    CoverNotActive,
    DocumentInvalid,
    DuplicateInvoice,
    InWaitingPeriod,
    MissingDocuments,
    NotCovered,
    OutsideCover,
)
from ..models import Claim, ClaimDocument, ClaimInvoice, Enrolment, PersonAccount
from ..plans import BENEFIT_TYPES
from ..workflows import CLAIM_FLOW
from ._common import MAX_YUAN, gate, normalise_key, today
from .periods import plan_in_force

_ACCOUNT = re.compile(r"^[0-9]{12,30}$")
EDITABLE_STATES = (Claim.State.DRAFT, Claim.State.RETURNED)
FIELDS = ("benefit_type", "hospital", "admission_date", "discharge_date", "diagnosis", "diagnosis_category",
          "total_cost", "insurance_paid", "self_paid", "bank_name", "bank_account")


def require_filer(actor, claim_or_enrolment) -> None:
    """The worker themself, or staff holding claim_file over the person's union."""
    if P.is_own_person(actor, claim_or_enrolment.person):
        return
    P.require(actor, P.CLAIM_FILE, claim_or_enrolment.scope_path)


def enrolment_covering(person, on: datetime.date) -> Enrolment | None:
    return (Enrolment.objects.select_related("period", "org")
            .filter(person=person, period__coverage_start__lte=on, period__coverage_end__gte=on).first())


def _clean(data: dict) -> dict:
    clean = dict(data)
    if clean.get("benefit_type") not in BENEFIT_TYPES:
        raise ClaimDataInvalid(_("Choose a benefit type."), field="benefit_type")
    for name in ("hospital", "diagnosis"):
        clean[name] = (clean.get(name) or "").strip()
        if not clean[name]:
            raise ClaimDataInvalid(_("This field is required."), field=name)
    clean["hospital"], clean["diagnosis"] = clean["hospital"][:120], clean["diagnosis"][:300]
    for name in ("total_cost", "insurance_paid", "self_paid"):
        clean[name] = money.parse_amount(clean.get(name), field=name, maximum=MAX_YUAN)
    if clean["self_paid"] <= 0:
        raise ClaimDataInvalid(_("The self-paid cost must be above zero."), field="self_paid")
    if clean["insurance_paid"] + clean["self_paid"] > clean["total_cost"]:
        raise ClaimDataInvalid(_("Basic insurance and the self-paid part together cannot exceed the total cost."),
                               field="self_paid")
    admission, discharge = clean.get("admission_date"), clean.get("discharge_date")
    if not isinstance(admission, datetime.date) or not isinstance(discharge, datetime.date):
        raise ClaimDataInvalid(_("Give the admission and discharge dates."), field="admission_date")
    if discharge < admission:
        raise ClaimDataInvalid(_("The discharge date cannot be before the admission date."), field="discharge_date")
    if discharge > today():
        raise ClaimDataInvalid(_("Claims are filed after discharge."), field="discharge_date")
    account = re.sub(r"[\s\u3000-]", "", clean.get("bank_account") or "")
    if not _ACCOUNT.match(account):
        raise ClaimDataInvalid(_("The bank account number must be 12 to 30 digits."), field="bank_account")
    clean["bank_account"] = account
    clean["bank_name"] = (clean.get("bank_name") or "").strip()[:60]
    clean.setdefault("diagnosis_category", Claim.DiagnosisCategory.DISEASE)
    if clean["diagnosis_category"] not in Claim.DiagnosisCategory.values:
        raise ClaimDataInvalid(field="diagnosis_category")
    return clean


def _invoice_keys(numbers, hospital: str) -> list[tuple[str, str]]:
    keys = []
    for number in numbers or []:
        key = normalise_key(number)[:60]
        if key and (key, normalise_key(hospital)[:120]) not in keys:
            keys.append((key, normalise_key(hospital)[:120]))
    if not keys:
        raise ClaimDataInvalid(_("Give at least one invoice number."), field="invoice_numbers")
    return keys


def _check_cover(enrolment: Enrolment | None, data: dict, person) -> object:
    """The refusals given at once; returns the plan version in force at admission."""
    if enrolment is None:
        raise NotCovered(field="admission_date")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise CoverNotActive()
    period = enrolment.period
    if data["admission_date"] < enrolment.cover_start:
        raise OutsideCover(_("The admission date is before the person's cover started (%(date)s).")
                           % {"date": enrolment.cover_start.isoformat()}, field="admission_date")
    if today() > period.claim_deadline:
        raise ClaimDeadlinePassed(_("The deadline for claims of period %(number)s was %(date)s.")
                                  % {"number": period.number, "date": period.claim_deadline.isoformat()})
    version = plan_in_force(period, data["admission_date"])
    rule = version.rules.benefit(data["benefit_type"])
    if in_waiting_period(rule, _days_covered(enrolment, data["admission_date"])):
        raise InWaitingPeriod(_("Admitted on day %(day)s of cover: the first %(days)s days of a new joiner's cover "
                                "pay no benefit.") % {"day": cover_day(enrolment.cover_start, data["admission_date"]),
                                                      "days": rule.waiting_days}, field="admission_date")
    if data["benefit_type"] == "women" and getattr(person, "sex", "F") != "F":
        raise ClaimDataInvalid(_("This benefit is for women members."), field="benefit_type")
    return version


def _days_covered(enrolment: Enrolment, admission: datetime.date) -> int | None:
    return days_covered(enrolment.is_renewal, enrolment.cover_start, admission)


def _check_invoices_free(keys, exclude_claim: int | None = None) -> None:
    taken = Q()
    for number, hospital in keys:
        taken |= Q(number=number, hospital_key=hospital)
    clash = ClaimInvoice.objects.filter(taken, released=False).exclude(claim_id=exclude_claim).first()
    if clash is not None:
        raise DuplicateInvoice(_("Invoice %(number)s of this hospital has already been claimed.")
                               % {"number": clash.number}, field="invoice_numbers")


def _write_invoices(claim: Claim, keys) -> None:
    try:
        with transaction.atomic():
            claim.invoices.all().delete()
            ClaimInvoice.objects.bulk_create([ClaimInvoice(claim=claim, number=n, hospital_key=h) for n, h in keys])
    except IntegrityError:
        # Claimed by someone else at the same moment: the database constraint decides.
        raise DuplicateInvoice(field="invoice_numbers") from None


def claim_file(*, actor, person, invoice_numbers: list[str], **data) -> Claim:
    """A new claim (a draft until submitted with its documents), refused at once when it cannot be paid."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown claim fields: {sorted(unknown)}")
    clean = _clean(data)
    enrolment = enrolment_covering(person, clean["admission_date"])
    if enrolment is not None:
        require_filer(actor, enrolment)
    elif not P.is_own_person(actor, person):
        P.require(actor, P.CLAIM_FILE, person.scope_path)
    version = _check_cover(enrolment, clean, person)
    keys = _invoice_keys(invoice_numbers, clean["hospital"])
    _check_invoices_free(keys)
    with transaction.atomic():
        claim = Claim.objects.create(
            org=enrolment.org, period=enrolment.period, person=person, enrolment=enrolment, plan_version=version,
            filed_by=actor, province_code=enrolment.province_code,
            **{**clean, **sensitive.columns(Claim, "bank_account", clean["bank_account"])})
        _write_invoices(claim, keys)
        CLAIM_FLOW.start(claim, actor=actor)
        audit.record("mutual_aid.claim.file", actor=actor, obj=claim,
                     detail={"benefit_type": claim.benefit_type, "self_paid": str(claim.self_paid)})
    return claim


def claim_update(*, actor, claim: Claim, invoice_numbers: list[str] | None = None, **changes) -> Claim:
    """Change a draft or a returned claim; the same checks as filing run again."""
    require_filer(actor, claim)
    if claim.state not in EDITABLE_STATES:
        raise ClaimNotEditable()
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown claim fields: {sorted(unknown)}")
    current = {name: getattr(claim, name) for name in FIELDS}
    clean = _clean({**current, **{k: v for k, v in changes.items() if v is not None}})
    enrolment = enrolment_covering(claim.person, clean["admission_date"])
    if enrolment is None or enrolment.pk != claim.enrolment_id:
        raise NotCovered(field="admission_date")
    version = _check_cover(enrolment, clean, claim.person)
    numbers = invoice_numbers if invoice_numbers is not None else list(claim.invoices.values_list("number", flat=True))
    keys = _invoice_keys(numbers, clean["hospital"])
    _check_invoices_free(keys, exclude_claim=claim.pk)
    with transaction.atomic():
        changed = [name for name in FIELDS if clean[name] != current[name]]
        saved = set(changed)
        for name in changed:
            if name == "bank_account":  # the value and its tail together
                saved.update(sensitive.assign(claim, name, clean[name]))
            else:
                setattr(claim, name, clean[name])
        claim.plan_version = version
        claim.save(update_fields=[*sorted(saved), "plan_version", "updated_at"])
        _write_invoices(claim, keys)
        audit.record("mutual_aid.claim.update", actor=actor, obj=claim, detail={"fields": changed})
    return claim


# --- documents --------------------------------------------------------------------------------------------

def claim_document_add(*, actor, claim: Claim, doc_type: str, upload) -> ClaimDocument:
    """Attach a photo (JPEG, PNG) or PDF of at most 10 MB as a private ``core.Attachment`` of the claim (kind
    ``mutual_aid.claim_document``), checked by the one upload check: the type from the content, never the name;
    a PDF whole; a photo decoded and stored re-encoded, without its metadata (where it was taken, the camera).
    The worker whose claim it is reads it on /m/files/ (``for_user``), staff in scope on /staff/files/."""
    require_filer(actor, claim)
    if claim.state not in EDITABLE_STATES:
        raise ClaimNotEditable()
    if doc_type not in claim.plan_version.rules.document_labels:
        raise DocumentInvalid(_("Unknown document type."), field="doc_type")
    with transaction.atomic():
        try:
            attachment = attachments.attachment_add(actor=actor, owner=claim, kind=CLAIM_DOCUMENT.code,
                                                    upload=upload, for_user=_worker_of(claim))
        except uploads.UploadInvalid as exc:  # the kit's reason, under the code the module's API has always given
            raise DocumentInvalid(exc.message, field="file") from None
        document = ClaimDocument.objects.create(claim=claim, doc_type=doc_type, attachment=attachment)
        audit.record("mutual_aid.claim.document_add", actor=actor, obj=claim,
                     detail={"document": document.pk, "attachment": attachment.pk, "doc_type": doc_type,
                             "size": attachment.size})
    return document


def _worker_of(claim: Claim):
    """The worker account the claim's papers belong to (they read them on /m/files/): the person's own account
    once its identity is verified; None when the person has none (staff filed for them)."""
    person = claim.person
    user = person.user if person.user_id else None
    if user is None or not user.is_worker or person.identity_unverified:
        return None
    return user


def claim_document_remove(*, actor, document: ClaimDocument) -> None:
    """Remove a document from a draft or returned claim (the worker themself, or staff holding claim_file); the
    stored file goes once the transaction commits. Audited like adding one."""
    claim = document.claim
    require_filer(actor, claim)
    if claim.state not in EDITABLE_STATES:
        raise ClaimNotEditable()
    attachment = document.attachment
    with transaction.atomic():
        audit.record("mutual_aid.claim.document_remove", actor=actor, obj=claim,
                     detail={"document": document.pk, "attachment": attachment.pk, "doc_type": document.doc_type,
                             "size": attachment.size})
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()  # the document row goes with it
        transaction.on_commit(lambda: storage.delete(name))


def missing_documents(claim: Claim) -> list[tuple[str, str]]:
    rules = claim.plan_version.rules
    present = set(claim.documents.values_list("doc_type", flat=True))
    return [(code, str(label)) for code, label in rules.required_documents(claim.benefit_type) if code not in present]


# --- submission and the preview of the benefit -----------------------------------------------------------

def used_in_period(claim: Claim) -> Decimal:
    account = PersonAccount.objects.filter(person_id=claim.person_id, period_id=claim.period_id,
                                           benefit_type=claim.benefit_type).first()
    return account.used if account else Decimal("0")


def calculate(claim: Claim, used: Decimal):
    rule = claim.plan_version.rules.benefit(claim.benefit_type)
    return compute_benefit(rule, self_paid=claim.self_paid, used_in_period=used,
                           days_covered_at_admission=_days_covered(claim.enrolment, claim.admission_date),
                           adjustment=claim.adjustment)


def store_preview(claim: Claim) -> None:
    """The benefit as it would be paid now (the approval computes it again under the account lock)."""
    calc = calculate(claim, used_in_period(claim))
    claim.calculation, claim.computed_amount = calc.to_data(), calc.computed
    Claim.objects.filter(pk=claim.pk).update(calculation=claim.calculation, computed_amount=claim.computed_amount)


def claim_submit(*, actor, claim: Claim, comment: str = "") -> Claim:
    gate(actor, claim, "submit")  # the worker's own claim, or claim_file over the member's union
    if claim.state not in EDITABLE_STATES:
        raise ClaimNotEditable()
    if today() > claim.period.claim_deadline:
        raise ClaimDeadlinePassed()
    missing = missing_documents(claim)
    if missing:
        raise MissingDocuments(_("Required documents are missing: %(documents)s.")
                               % {"documents": "、".join(label for _code, label in missing)},
                               extra={"missing": [code for code, _label in missing]})
    with transaction.atomic():
        workflow.apply(claim, "submit", actor=actor, comment=comment, submitted_at=timezone.now(), return_note="")
        store_preview(claim)
    return claim
