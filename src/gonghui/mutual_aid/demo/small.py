"""The small demo (what `make run` loads): periods 18-21 closed (18-20 settled) and 22 open, enrolments of the
demo unions, contributions, a history of paid claims, and in the open period claims in every state — a review
queue, an open batch exported to the bank, a paid batch, and the demo worker's claim history."""

import datetime
import struct
import zlib
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.core import demo, roles, scope
from gonghui.core.auth import policy
from gonghui.core.models import WorkflowLog
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs import services as org_services

from .. import services
from ..models import (
    Claim,
    ClaimInvoice,
    ContributionStatement,
    Enrolment,
    Payment,
    Payout,
    PayoutBatch,
    Period,
    PersonAccount,
    SecondPayout,
    Settlement,
)
from ..services.second_payouts import second_payouts_make
from ..services.settlement import settlement_compute
from ..workflows import CLAIM_FLOW, SETTLEMENT_FLOW
from . import population as P
from . import rows
from .history import record_states

WUHUA, KUNMING = "530102", "530100"
# (username, display name, division of the organisation, role): reviewers at two levels (the second approval
# of large claims comes from the level above) and a cashier, so separation of duties can be shown.
STAFF = (("ma_reviewer", "五华区总工会互助审核员", WUHUA, "mutual_aid_reviewer"),
         ("ma_senior", "昆明市总工会互助复核员", KUNMING, "mutual_aid_reviewer"),
         ("ma_cashier", "五华区总工会互助出纳", WUHUA, "mutual_aid_cashier"))


def png(width: int = 48, height: int = 32, colour=(220, 228, 240)) -> bytes:
    """A small valid PNG (a pale card), standing in for a photo of a document."""
    raw = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class _Progress:
    """What settlement_compute needs of a job context when the demo runs it in-process."""

    def __init__(self, settlement_id):
        self.params = {"settlement_id": settlement_id}

    def progress(self, *args, **kwargs):
        return None


def _staff_users(admin) -> dict:
    user_model = get_user_model()
    made, now = {}, timezone.now()
    granter = user_model.objects.get(username="security_admin")
    approver = user_model.objects.get(username="security_reviewer")
    for username, display, division, role in STAFF:
        org = org_selectors.organisations_visible(admin).get(division_id=division, kind="federation")
        user = user_model(username=username, display_name=display, kind=user_model.Kind.STAFF,
                          password_changed_at=now)
        user.set_password(demo.DEMO_PASSWORD)
        user.save(force_insert=True)
        # Granted as the pages do (三员分立, issue 19 §4): one security administrator asks for the role, which
        # handles money, and the other approves it — the demo's grants come pre-approved.
        outcome = org_services.role_grant(actor=granter, user=user, org=org, role=role)
        if getattr(outcome, "status", None) == "pending":  # a RoleRequest awaiting the second person
            org_services.role_request_approve(actor=approver, request=outcome)
        scope.forget(user)
        if policy.second_factor_required(user):
            user.totp_secret, user.totp_confirmed_at = demo.demo_totp_secret(username), now
            user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        made[username] = user
    return made


def _write_history(ctx, periods, people, sexes, users, places, worker_person_id) -> dict:
    """Enrolments, statements, payments, paid claims with payouts and accounts, period by period. In the open
    period Wuhua's claims are left to the services (_current_claims)."""
    rng = ctx.rng
    admin = users["admin"]
    unit_in: dict = {}
    per_period: dict = defaultdict(list)
    for member in people:
        joined = P.joins(rng, periods, member, unit_in)
        if member.person_id == worker_person_id:  # the demo worker has been in the scheme for years
            joined = [(period, index > 0, True) for index, period in enumerate(periods[-3:])]
        for period, renewal, _insured in joined:
            per_period[period.pk].append(rows.enrolment(period, member, renewal=renewal, created_by=admin))
    today = timezone.localdate()
    written = {}
    for period in periods:
        current = period.status == Period.Status.OPEN
        enrolments = Enrolment.objects.bulk_create(per_period[period.pk], batch_size=2000)
        made, unpaid = rows.statements(rng, period, enrolments, current=current)
        if current:  # the worker's union has paid
            unpaid = {key for key in unpaid if key[1] != places["grassroots_union"]}
            for statement in made:
                if statement.org_id == places["grassroots_union"]:
                    statement.amount_paid, statement.status = statement.amount_due, ContributionStatement.Status.PAID
        made = ContributionStatement.objects.bulk_create(made, batch_size=2000)
        Payment.objects.bulk_create(rows.payments(period, made, users["ma_cashier"]), batch_size=2000)
        waiting = {e.pk for e in enrolments if (e.unit_id, e.org_id) in unpaid}
        Enrolment.objects.filter(pk__in=waiting).update(status=Enrolment.Status.PENDING)
        for enrolment in enrolments:
            if enrolment.pk in waiting:
                enrolment.status = Enrolment.Status.PENDING
        last_day = min(period.coverage_end, today - datetime.timedelta(days=1))
        pool = [e for e in enrolments if not current or e.org_id not in places["wuhua_unions"]]
        claims = rows.history_claims(rng, period, pool, sexes=sexes, filer=admin, reviewer=users["ma_reviewer"],
                                     cashier=users["ma_cashier"], last_day=last_day,
                                     rate=P.CLAIM_RATE * (0.6 if current else 1))
        claims = Claim.objects.bulk_create(claims, batch_size=1000)
        _finish_paid_claims(period, claims, users)
        written[period.pk] = enrolments
        ctx.progress(f"mutual aid period {period.number}: {len(enrolments)} participants, {len(claims)} paid claims")
    return written


def _finish_paid_claims(period, claims, users):
    ClaimInvoice.objects.bulk_create([ClaimInvoice(claim=c, number=rows.invoice_number(f"{c.pk}"),
                                                   hospital_key=c.hospital) for c in claims], batch_size=2000)
    if not claims:
        return
    batch = PayoutBatch.objects.create(
        org=period.org, period=period, status=PayoutBatch.Status.CLOSED, created_by=users["ma_cashier"],
        total=sum((c.approved_amount for c in claims), Decimal("0")), count=len(claims),
        bank_reference=f"YN-PAY-{period.number}",
        exported_by=users["ma_cashier"], exported_at=timezone.now(), closed_at=timezone.now())
    Payout.objects.bulk_create([Payout(batch=batch, claim=c, amount=c.approved_amount, status=Payout.Status.PAID,
                                       bank_reference=batch.bank_reference, decided_by=users["ma_cashier"],
                                       decided_at=c.paid_at) for c in claims], batch_size=2000)
    accounts: dict = defaultdict(lambda: [Decimal("0"), 0, Decimal("0")])
    for c in claims:
        entry = accounts[(c.person_id, c.benefit_type)]
        entry[0] += c.approved_amount
        entry[1] += 1
        entry[2] += c.self_paid
    PersonAccount.objects.bulk_create([PersonAccount(person_id=p, period=period, benefit_type=b, used=u,
                                                     claims_approved=n, self_paid_total=s)
                                       for (p, b), (u, n, s) in accounts.items()], batch_size=2000)
    steps = (("create", "", "draft"), ("submit", "draft", "submitted"),
             ("start_review", "submitted", "under_review"), ("approve", "under_review", "approved"),
             ("batch", "approved", "in_batch"), ("pay", "in_batch", "paid"))
    logs = [WorkflowLog(workflow=CLAIM_FLOW.name, object_type=Claim._meta.label_lower, object_id=str(c.pk),
                        transition=name, from_state=source, to_state=target,
                        actor=users["ma_cashier"] if name in ("batch", "pay") else
                        users["ma_reviewer"] if name in ("start_review", "approve") else c.filed_by)
            for c in claims for name, source, target in steps]
    WorkflowLog.objects.bulk_create(logs, batch_size=2000)


def _settle(periods, users):
    """The oldest periods are settled (the job's own computation, run in-process); the last closed one waits
    for a settlement run by a demo user."""
    closed = [p for p in periods if p.status == Period.Status.CLOSED]
    for period in closed[:-1]:
        settlement = Settlement.objects.create(period=period, started_by=users["admin"])
        SETTLEMENT_FLOW.start(settlement, actor=users["admin"])
        settlement_compute(_Progress(settlement.pk))
        Settlement.objects.filter(pk=settlement.pk).update(status=Settlement.Status.APPROVED,
                                                           reviewed_by=users["ma_senior"],
                                                           approved_at=timezone.now())
        Period.objects.filter(pk=period.pk).update(status=Period.Status.SETTLED)
        _pay_second_payouts(settlement, users)
    record_states()  # what was loaded as rows gets its state in its history


def _pay_second_payouts(settlement, users) -> None:
    """The settled period's second payouts made payable by the service, then paid in one closed batch."""
    second_payouts_make(settlement=settlement, approver=users["ma_senior"])
    items = list(SecondPayout.objects.filter(settlement=settlement).order_by("id"))
    if not items:
        return
    cashier, now, period = users["ma_cashier"], timezone.now(), settlement.period
    batch = PayoutBatch.objects.create(
        org=period.org, period=period, kind=PayoutBatch.Kind.SECOND, status=PayoutBatch.Status.CLOSED,
        created_by=cashier, total=sum((item.amount for item in items), Decimal("0")), count=len(items),
        bank_reference=f"YN-SP-{period.number}", exported_by=cashier, exported_at=now, closed_at=now)
    Payout.objects.bulk_create([Payout(batch=batch, second_payout=item, amount=item.amount, status="paid",
                                       bank_reference=batch.bank_reference, decided_by=cashier, decided_at=now)
                                for item in items], batch_size=1000)
    SecondPayout.objects.filter(settlement=settlement).update(status=SecondPayout.Status.PAID, paid_at=now)


def _documents(actor, claim, image: bytes):
    for code, _label in claim.plan_version.rules.required_documents(claim.benefit_type):
        services.claim_document_add(actor=actor, claim=claim, doc_type=code,
                                    upload=SimpleUploadedFile(f"{code}.png", image, content_type="image/png"))


def _current_claims(ctx, period, enrolments, users, places, worker_person_id) -> dict:
    """Claims of the open period in Wuhua, made through the services, one story per state: a review queue (some
    past the SLA), returned, rejected, a large claim awaiting the second approval, approved claims waiting for
    a batch, a batch exported to the bank, a paid batch with one failed payment, and the worker's history."""
    rng = ctx.rng
    today = timezone.localdate()
    image = png()
    active = [e for e in enrolments if e.status == Enrolment.Status.ACTIVE and e.org_id in places["wuhua_unions"]]
    rng.shuffle(active)
    worker = [e for e in enrolments if e.person_id == worker_person_id and e.status == Enrolment.Status.ACTIVE]
    active = worker * 2 + [e for e in active if e.person_id != worker_person_id]
    plan = ["paid", "submitted"] * bool(worker) + ["draft"] * 2 + ["submitted"] * 6 + ["returned"] * 2 + \
        ["under_review"] * 3 + ["awaiting_second"] + ["approved"] * 4 + ["rejected"] * 2 + ["in_batch"] * 3 + \
        ["paid"] * 5 + ["payment_failed"]
    reviewer, cashier = users["ma_reviewer"], users["ma_cashier"]
    made = defaultdict(list)
    for number, (target, enrolment) in enumerate(zip(plan, active, strict=False)):
        filer = users["wuhua_officer"]
        if enrolment.person_id == worker_person_id:
            filer = users["worker"]
        elif enrolment.org_id == places["grassroots_union"]:
            filer = users["grassroots_officer"]
        benefit = "serious_illness" if target == "awaiting_second" else "inpatient"
        cost = Decimal("60000.00") if target == "awaiting_second" else max(P.self_paid(rng, "inpatient"),
                                                                            Decimal("1800.00"))
        admission, discharge = P.stay(rng, period, enrolment.cover_start, today - datetime.timedelta(days=3))
        account = P.bank_account(rng)
        claim = services.claim_file(
            actor=filer, person=enrolment.person, invoice_numbers=[rows.invoice_number(f"current-{number}")],
            benefit_type=benefit, hospital=rng.choice(P.HOSPITALS), admission_date=admission,
            discharge_date=discharge, diagnosis=rng.choice(P.DIAGNOSES[benefit]), total_cost=cost * 3,
            insurance_paid=cost * 2, self_paid=cost, bank_name=rng.choice(P.BANKS), bank_account=account)
        made[target].append(claim)
        if target == "draft":
            continue
        _documents(filer, claim, image)
        services.claim_submit(actor=filer, claim=claim)
        Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - datetime.timedelta(
            days=rng.randint(1, 30), hours=rng.randint(0, 8)))
        if target == "submitted":
            continue
        if target == "returned":
            services.claim_return(actor=reviewer, claim=claim, note="请补充出院记录（盖章页）的清晰照片")
            continue
        services.claim_start_review(actor=reviewer, claim=claim)
        if target == "rejected":
            services.claim_reject(actor=reviewer, claim=claim, code="paid_elsewhere", note="费用已由商业保险全额报销")

    def approve(claims):
        for claim in claims:
            services.claim_approve(actor=reviewer, claim=claim)

    # batches are built from whatever is approved: approve each group just before its batch
    if made["paid"] + made["payment_failed"]:
        approve(made["paid"] + made["payment_failed"])
        paid_batch = services.payout_batch_create(actor=cashier, org=places["wuhua"], period=period)
        services.payout_batch_export(actor=cashier, batch=paid_batch, fmt="xlsx")
        services.payout_batch_mark(actor=cashier, batch=paid_batch, bank_reference=f"ICBC{today:%Y%m%d}001",
                                   failures={c.pk: "户名与账号不符" for c in made["payment_failed"]})
    if made["in_batch"]:
        approve(made["in_batch"])
        open_batch = services.payout_batch_create(actor=cashier, org=places["wuhua"], period=period)
        services.payout_batch_export(actor=cashier, batch=open_batch, fmt="xlsx")
    approve(made["approved"] + made["awaiting_second"])
    return {state: len(claims) for state, claims in made.items()}


def build(ctx: demo.DemoContext) -> None:
    user_model = get_user_model()
    admin = user_model.objects.get(username="province_admin")
    users = {"admin": admin, **_staff_users(admin)}
    for username in ("grassroots_officer", "wuhua_officer", "worker"):
        users[username] = user_model.objects.get(username=username)
    wuhua = org_selectors.organisations_visible(admin).get(division_id=WUHUA, kind="federation")
    places = {"wuhua": wuhua, "grassroots_union": scope.all_grants(users["grassroots_officer"])[0].org_id,
              "wuhua_unions": set(org_selectors.organisations_visible(admin).filter(
                  path__startswith=wuhua.path, level="grassroots").values_list("pk", flat=True))}
    worker_person = getattr(users["worker"], "person", None)
    periods = P.create_periods(admin, ctx.shared.get("province") or wuhua.parent.parent)
    people = list(P.members(admin))
    sexes = {m.person_id: m.sex for m in people}
    written = _write_history(ctx, periods, people, sexes, users, places,
                             worker_person.pk if worker_person else None)
    _settle(periods, users)
    current = periods[-1]
    current.refresh_from_db()
    states = _current_claims(ctx, current, written[current.pk], users, places,
                             worker_person.pk if worker_person else None)
    ctx.progress(f"mutual aid period {current.number} claims in Wuhua: {states}")


def describe(ctx: demo.DemoContext) -> None:
    user_model = get_user_model()
    notes = {"ma_reviewer": "互助审核（五华区）", "ma_senior": "大额复核（昆明市，上一级）",
             "ma_cashier": "互助出纳（五华区）"}
    for username, _display, _division, role in STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            continue
        grant = next(iter(scope.all_grants(user)), None)
        ctx.accounts.append(demo.DemoAccount(
            username=username, role=str(roles.get_role(role).label),
            organisation=scope.org_labels([grant.org_id]).get(grant.org_id, "") if grant else "",
            login_url=demo.base_url() + "/staff/", totp_secret=user.totp_secret, note=notes[username]))
