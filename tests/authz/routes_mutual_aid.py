"""Matrix rows of the medical mutual aid module (see routes.py for the fields of a Route)."""

from gonghui.mutual_aid import permissions as P

from .harness import Route

API = "api"
BASE = "API {} /api/v1/mutual-aid"


def pk(name):
    return lambda obj: {name: obj.pk}


def api(method: str, path: str, **kwargs) -> Route:
    return Route(BASE.format(method) + path, API, method=method, **kwargs)


def _period22(_obj=None) -> dict:
    from gonghui.mutual_aid.models import Period

    return {"period_id": Period.objects.get(number=22).pk}


def _period_of(obj) -> dict:
    return {"period_id": obj.period_id if hasattr(obj, "period_id") else obj.pk}


def _claim_body(obj, world) -> dict:
    from gonghui.mutual_aid.tests.factories import claim_data

    data = {key: str(value) if not isinstance(value, list) else value for key, value in claim_data().items()}
    return {**data, "person_id": obj.pk}


def _plan(obj, world) -> dict:
    from gonghui.mutual_aid.plans import default_plan_data

    return {"data": default_plan_data()}


def rows() -> list:
    """The API rows and the pages' rows (routes_mutual_aid_pages.py): the manifest names this module."""
    from .routes_mutual_aid_pages import rows as page_rows

    return api_rows() + page_rows()


def api_rows() -> list:
    return [
        # periods and plans: the federation's scheme, read by anyone holding mutual_aid.view somewhere
        api("GET", "/periods", perm=P.VIEW),
        api("POST", "/periods", obj="org", perm=P.MANAGE_PERIODS, in_body=True,
            data=lambda obj, world: {"org_id": obj.pk, "number": 99},
            note="a grassroots union cannot run a period: those allowed get 422"),
        api("GET", "/periods/{period_id}", perm=P.VIEW, kwargs=_period22),
        api("PATCH", "/periods/{period_id}", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk("period_id"),
            data={"second_approval_above": "12000.00"}),
        api("POST", "/periods/{period_id}/open", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk("period_id")),
        api("POST", "/periods/{period_id}/close", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk("period_id")),
        api("POST", "/periods/{period_id}/plans", obj="ma_period", perm=P.MANAGE_PERIODS, kwargs=pk("period_id"),
            data=_plan),
        api("PUT", "/plans/{version_id}", obj="ma_plan", perm=P.MANAGE_PERIODS, kwargs=pk("version_id"),
            data=_plan, note="used by claims: those allowed get 409"),
        # settlement of the closed period (its settlement awaits review)
        api("POST", "/periods/{period_id}/settlement", obj="ma_closed_period", perm=P.SETTLE,
            kwargs=pk("period_id")),
        api("GET", "/periods/{period_id}/settlement", obj="ma_closed_period", perm=P.VIEW, kwargs=pk("period_id")),
        api("POST", "/periods/{period_id}/settlement/approve", obj="ma_closed_period", perm=P.SETTLE,
            kwargs=pk("period_id")),
        api("GET", "/periods/{period_id}/settlement/candidates", obj="ma_closed_period", perm=P.VIEW,
            kwargs=pk("period_id")),
        # history in the workflow kit's style (claims, periods, settlements, payout batches) and the steps a
        # comment takes
        api("GET", "/claims/{obj_id}/history", obj="ma_claim", perm=P.VIEW, kwargs=pk("obj_id"),
            note="a worker reads their own claim's"),
        api("POST", "/claims/{obj_id}/transitions/{name}", obj="ma_claim", perm=P.REVIEW,
            kwargs=lambda obj: {"obj_id": obj.pk, "name": "start_review"}),
        api("GET", "/periods/{obj_id}/history", perm=P.VIEW,
            kwargs=lambda _obj=None: {"obj_id": _period22()["period_id"]}),
        api("POST", "/periods/{obj_id}/transitions/{name}", obj="ma_period", perm=P.MANAGE_PERIODS,
            kwargs=lambda obj: {"obj_id": obj.pk, "name": "close"}),
        api("GET", "/settlements/{obj_id}/history", obj="ma_settlement", perm=P.VIEW, kwargs=pk("obj_id")),
        api("POST", "/settlements/{obj_id}/transitions/{name}", obj="ma_settlement", perm=P.SETTLE,
            kwargs=lambda obj: {"obj_id": obj.pk, "name": "approve"}),
        api("GET", "/payout-batches/{obj_id}/history", obj="ma_batch", perm=P.VIEW, kwargs=pk("obj_id")),
        # enrolment
        api("GET", "/enrolments", perm=P.VIEW, marker="ma_enrolment"),
        api("POST", "/enrolments/roster", obj="unit", perm=P.ENROL, in_body=True,
            data=lambda obj, world: {**_period22(), "unit_id": obj.pk},
            note="past the deadline without a reason: those allowed get 422"),
        api("POST", "/enrolments", obj="person", perm=P.ENROL, in_body=True,
            data=lambda obj, world: {**_period22(), "person_id": obj.pk}),
        api("GET", "/enrolments/{enrolment_id}", obj="ma_enrolment", perm=P.VIEW, kwargs=pk("enrolment_id")),
        api("POST", "/enrolments/{enrolment_id}/leave", obj="ma_enrolment", perm=P.ENROL,
            kwargs=pk("enrolment_id")),
        api("POST", "/enrolments/{enrolment_id}/decide", obj="ma_enrolment", perm=P.REVIEW,
            kwargs=pk("enrolment_id"), data={"approve": True}, note="not a late request: those allowed get 409"),
        api("DELETE", "/enrolments/{enrolment_id}", obj="ma_enrolment", perm=P.ENROL, kwargs=pk("enrolment_id"),
            note="claims refer to it: those allowed get 409"),
        api("POST", "/roster-imports", obj="org", perm=P.ENROL, in_body=True,
            data=lambda obj, world: {**_period22(), "org_id": obj.pk},
            note="multipart; the matrix sends JSON without a file, so everyone gets 422 and nothing is written"),
        api("GET", "/roster-imports/template", perm=P.ENROL),
        api("POST", "/roster-imports/{job_id}/commit", obj="ma_roster_job", owner="county_officer",
            kwargs=pk("job_id"), note="a preview with errors: the owner gets 409"),
        api("GET", "/roster-imports/{job_id}/report", obj="ma_roster_job", owner="county_officer",
            kwargs=pk("job_id")),
        api("GET", "/periods/{period_id}/units/{unit_id}/roster", obj="unit", perm=P.ENROL,
            kwargs=lambda obj: {**_period22(), "unit_id": obj.pk}),
        # contributions
        api("GET", "/statements", perm=P.VIEW, marker="ma_statement"),
        api("GET", "/statements/{statement_id}", obj="ma_statement", perm=P.VIEW, kwargs=pk("statement_id")),
        api("POST", "/statements/{statement_id}/payments", obj="ma_statement", perm=P.PAY,
            kwargs=pk("statement_id"), data={"amount": "120.00", "reference": "MATRIX-1"}),
        # claims
        api("GET", "/claims", perm=P.VIEW, marker="ma_claim", note="a worker sees their own claims"),
        api("POST", "/claims", obj="person", perm=P.CLAIM_FILE, in_body=True, data=_claim_body),
        api("GET", "/claims/{claim_id}", obj="ma_claim", perm=P.VIEW, kwargs=pk("claim_id")),
        api("PATCH", "/claims/{claim_id}", obj="ma_claim", perm=P.CLAIM_FILE, kwargs=pk("claim_id"),
            data={"hospital": "矩阵改名医院"}, note="submitted: those allowed get 409"),
        api("POST", "/claims/{claim_id}/documents", obj="ma_claim", perm=P.CLAIM_FILE, kwargs=pk("claim_id"),
            note="multipart; the matrix sends no file, so those allowed get 409/422 and the rest 404"),
        api("POST", "/claims/{claim_id}/submit", obj="ma_claim", perm=P.CLAIM_FILE, kwargs=pk("claim_id")),
        api("DELETE", "/documents/{document_id}", obj="ma_document", perm=P.CLAIM_FILE, kwargs=pk("document_id")),
        # review
        api("POST", "/claims/{claim_id}/start-review", obj="ma_claim", perm=P.REVIEW, kwargs=pk("claim_id")),
        api("POST", "/claims/{claim_id}/return", obj="ma_claim", perm=P.REVIEW, kwargs=pk("claim_id"),
            data={"note": "请补充材料"}),
        api("POST", "/claims/{claim_id}/adjust", obj="ma_claim", perm=P.REVIEW, kwargs=pk("claim_id"),
            data={"amount": "100.00", "reason": "矩阵"}),
        api("POST", "/claims/{claim_id}/approve", obj="ma_claim", perm=P.REVIEW, kwargs=pk("claim_id")),
        api("POST", "/claims/{claim_id}/approve-second", obj="ma_claim", perm=P.APPROVE_LARGE,
            kwargs=pk("claim_id")),
        api("POST", "/claims/{claim_id}/reject", obj="ma_claim", perm=P.REVIEW, kwargs=pk("claim_id"),
            data={"code": "documents_invalid", "note": "矩阵"}),
        api("POST", "/claims/{claim_id}/requeue", obj="ma_claim", perm=P.PAY, kwargs=pk("claim_id"),
            note="not a failed payment: those allowed get 409"),
        # another bank account for a failed payment: a reviewer who did not ask for it decides
        api("GET", "/bank-account-changes", perm=P.VIEW, marker="ma_bank_change"),
        api("POST", "/bank-account-changes/{change_id}/approve", obj="ma_bank_change", perm=P.REVIEW,
            kwargs=pk("change_id")),
        api("POST", "/bank-account-changes/{change_id}/reject", obj="ma_bank_change", perm=P.REVIEW,
            kwargs=pk("change_id"), data={"note": "矩阵"}),
        api("GET", "/bank-account-changes/{obj_id}/history", obj="ma_bank_change", perm=P.VIEW, kwargs=pk("obj_id")),
        api("POST", "/bank-account-changes/{obj_id}/transitions/{name}", obj="ma_bank_change", perm=P.REVIEW,
            kwargs=lambda obj: {"obj_id": obj.pk, "name": "reject"}, data={"comment": "矩阵"}),
        # payouts
        api("GET", "/payout-batches", perm=P.VIEW, marker="ma_batch"),
        api("POST", "/payout-batches", obj="org", perm=P.PAY, in_body=True,
            data=lambda obj, world: {"org_id": obj.pk, **_period22()}),
        api("GET", "/payout-batches/{batch_id}", obj="ma_batch", perm=P.VIEW, kwargs=pk("batch_id")),
        api("GET", "/payout-batches/{batch_id}/export", obj="ma_batch", perm=P.PAY, kwargs=pk("batch_id")),
        api("POST", "/payout-batches/{batch_id}/mark", obj="ma_batch", perm=P.PAY, kwargs=pk("batch_id"),
            data={"bank_reference": "MATRIX-BANK"}),
        # reports and the worker's cover
        api("GET", "/reports/periods/{period_id}", perm=P.VIEW, kwargs=_period22, marker="org"),
        api("GET", "/reports/periods/{period_id}/export", perm=P.VIEW, kwargs=_period22),
        api("GET", "/reports/trends", perm=P.VIEW, marker="org"),
        api("GET", "/me/cover", note="staff get {cover: null}"),
    ]
