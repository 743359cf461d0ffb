"""Matrix rows of the medical mutual aid pages (/staff/mutual-aid/ and /m/mutual-aid/), found by the harness
(harness.discover_routes). Objects: objects_mutual_aid.py (ma_*) and objects.py (org, unit)."""

from gonghui.mutual_aid import permissions as P

from .harness import Route

STAFF, WORKER = "staff", "worker"


def pk(name="pk"):
    return lambda obj: {name: obj.pk}


def _anywhere(_obj) -> None:
    return None  # periods are the federation's scheme: read by anyone holding mutual_aid.view somewhere


def _document(doc) -> dict:
    return {"pk": doc.claim_id, "document_id": doc.pk}


def _period22(obj=None, world=None) -> dict:
    from gonghui.mutual_aid.models import Period

    return {"period": Period.objects.get(number=22).pk}


def page(name: str, **kwargs) -> Route:
    return Route(f"mutual_aid:{name}", STAFF, **kwargs)


def post(name: str, obj: str, perm: str, data=None, **kwargs) -> Route:
    return Route(f"mutual_aid:{name}", STAFF, obj=obj, perm=perm, method="POST", kwargs=kwargs.pop("kwargs", pk()),
                 data=data or {}, **kwargs)


def worker(name: str, **kwargs) -> Route:
    return Route(f"m_mutual_aid:{name}", WORKER, **kwargs)


def rows() -> list:
    claim_actions = {"note": "matrix", "code": "other", "amount": "100.00", "reason": "matrix", "comment": "matrix"}
    return [
        # --- pages (mapages) ---
        page("index", perm=P.VIEW, marker="ma_claim"),
        page("period_list", perm=P.VIEW),
        page("period_create", perm=P.MANAGE_PERIODS),
        page("period_detail", obj="ma_period", perm=P.VIEW, kwargs=pk(), path_of=_anywhere),
        page("period_edit", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk()),
        post("period_open", "ma_period", P.MANAGE_PERIODS, note="already open: those allowed are told so"),
        post("period_close", "ma_period", P.MANAGE_PERIODS),
        page("plan_version_create", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk()),
        page("settlement", obj="ma_closed_period", perm=P.VIEW, kwargs=pk(),
             note="the federation's totals: its own staff only"),
        post("settlement_start", "ma_closed_period", P.SETTLE),
        post("settlement_approve", "ma_closed_period", P.SETTLE),
        # enrolment and contributions
        page("enrol_units", perm=P.ENROL, marker="unit"),
        page("unit_enrol", obj="unit", perm=P.ENROL, kwargs=lambda unit: {"unit_id": unit.pk}, data=_period22,
             note="the unit is found through members.view, then enrol is needed over its union"),
        page("enrolment_list", perm=P.VIEW, marker="ma_enrolment"),
        page("late_queue", perm=P.REVIEW, marker="ma_enrolment"),
        post("late_decide", "ma_enrolment", P.REVIEW, {"decision": "approve"},
             note="not a late request: those allowed are told nothing was done"),
        post("enrolment_leave", "ma_enrolment", P.ENROL, {"left_on": "2026-06-30"}),
        post("enrolment_withdraw", "ma_enrolment", P.ENROL),
        page("roster_import_start", perm=P.ENROL, marker="org", note="the union choices are the user's own"),
        page("roster_import_template", perm=P.ENROL),
        Route("mutual_aid:roster_import_job", STAFF, obj="ma_roster_job", owner="county_officer",
              kwargs=pk("job_id")),
        Route("mutual_aid:roster_import_commit", STAFF, obj="ma_roster_job", owner="county_officer", method="POST",
              kwargs=pk("job_id"), note="a preview with errors: the owner is told it cannot be committed"),
        Route("mutual_aid:roster_import_report", STAFF, obj="ma_roster_job", owner="county_officer",
              kwargs=pk("job_id")),
        page("statement_list", perm=P.VIEW, marker="ma_statement"),
        page("statement_export", perm=P.VIEW, marker="ma_statement"),
        page("statement_detail", obj="ma_statement", perm=P.VIEW, kwargs=pk()),
        post("payment_record", "ma_statement", P.PAY, {"amount": "120.00", "reference": "MATRIX-PAY"}),
        # claims
        page("claim_queue", perm=P.VIEW, marker="ma_claim"),
        page("claim_export", perm=P.VIEW, marker="ma_claim"),
        page("claim_new", perm=P.CLAIM_FILE, marker="ma_claim", data={"q": "王"}),
        page("claim_detail", obj="ma_claim", perm=P.VIEW, kwargs=pk()),
        post("claim_upload", "ma_claim", P.CLAIM_FILE, {"doc_type": "invoices"},
             note="no file sent: those allowed are told to choose one"),
        post("claim_submit", "ma_claim", P.CLAIM_FILE, note="already submitted: those allowed are told so"),
        post("claim_document_remove", "ma_document", P.CLAIM_FILE, kwargs=_document,
             note="the claim is submitted: those allowed are told it cannot change"),
        post("claim_transition", "ma_claim", P.REVIEW, {"transition": "start_review", "comment": "matrix"},
             note="core/_transitions.html posts here"),
        post("claim_start_review", "ma_claim", P.REVIEW, claim_actions),
        post("claim_return", "ma_claim", P.REVIEW, claim_actions),
        post("claim_adjust", "ma_claim", P.REVIEW, claim_actions, note="not under review: refused with a message"),
        post("claim_approve", "ma_claim", P.REVIEW, claim_actions, note="not under review: nothing is done"),
        post("claim_approve_second", "ma_claim", P.APPROVE_LARGE, claim_actions),
        post("claim_reject", "ma_claim", P.REVIEW, claim_actions),
        post("claim_requeue", "ma_claim", P.PAY, note="not a failed payment: nothing is done"),
        page("bank_change_list", perm=P.VIEW, marker="ma_bank_change"),
        page("bank_change_detail", obj="ma_bank_change", perm=P.VIEW, kwargs=pk()),
        post("bank_change_approve", "ma_bank_change", P.REVIEW),
        post("bank_change_reject", "ma_bank_change", P.REVIEW, {"note": "matrix"}),
        # payouts and reports
        page("batch_list", perm=P.VIEW, marker="ma_batch"),
        Route("mutual_aid:batch_create", STAFF, obj="org", perm=P.PAY, method="POST", in_body=True,
              data=lambda obj, world: {"org": obj.pk, **_period22()}),
        page("batch_detail", obj="ma_batch", perm=P.VIEW, kwargs=pk()),
        post("batch_export", "ma_batch", P.PAY, {"format": "csv"}),
        post("batch_mark", "ma_batch", P.PAY, {"bank_reference": "MATRIX-BANK"}),
        page("report", perm=P.VIEW, marker="ma_claim"),
        page("report_export", perm=P.VIEW),
        # the worker's pages: their own things only
        worker("cover"),
        worker("claim_list"),
        worker("claim_new"),
        worker("claim_detail", obj="ma_claim", kwargs=pk(), worker_status=404,
               note="someone else's claim: not found"),
        worker("claim_upload", obj="ma_claim", method="POST", kwargs=pk(), worker_status=404),
        worker("claim_submit", obj="ma_claim", method="POST", kwargs=pk(), worker_status=404),
        worker("claim_document_remove", obj="ma_document", method="POST", kwargs=_document, worker_status=404),
    ]
