"""Matrix rows of the rights module (legal aid): staff pages, worker pages, API. Objects: objects_rights.py."""

from gonghui.rights import roles as R

from .harness import Route

STAFF, WORKER, API = "staff", "worker", "api"


def pk(name="pk"):
    return lambda obj: {name: obj.pk}


def _paper(paper) -> dict:
    return {"pk": int(paper.owner_id), "attachment_id": paper.pk}


def _county_lawyer(case, world) -> dict:
    """The matrix lawyer of the case's county (objects_rights.py)."""
    from gonghui.rights.models import CaseWorker

    prefixes = [case.org.path[:i + 1] for i, ch in enumerate(case.org.path) if ch == "/"]
    return {"case_worker_id": CaseWorker.objects.get(name="矩阵律师", org__path__in=prefixes).pk}


def _sibling_case(case) -> int:
    from gonghui.rights.models import LegalCase

    return LegalCase.objects.filter(org=case.org, state="submitted").exclude(pk=case.pk).order_by("id").first().pk


def rows() -> list:
    return [
        # staff pages
        Route("rights:queue", STAFF, perm=R.RIGHTS_VIEW, marker="rights_case"),
        Route("rights:export", STAFF, perm=R.RIGHTS_EXPORT),
        Route("rights:intake", STAFF, perm=R.RIGHTS_MANAGE),
        Route("rights:caseload", STAFF, perm=R.RIGHTS_VIEW),
        Route("rights:court_referrals", STAFF, perm=R.RIGHTS_VIEW),
        Route("rights:employers", STAFF, perm=R.RIGHTS_VIEW),
        Route("rights:case_detail", STAFF, obj="rights_case", perm=R.RIGHTS_VIEW, kwargs=pk()),
        Route("rights:case_transition", STAFF, obj="rights_case", perm=R.RIGHTS_MANAGE, method="POST",
              kwargs=pk(), data={"transition": "review", "comment": "matrix"}),
        Route("rights:case_refuse", STAFF, obj="rights_case", perm=R.RIGHTS_MANAGE, method="POST", kwargs=pk(),
              data={"reason": "not_labour", "comment": "matrix"}),
        Route("rights:case_assign", STAFF, obj="rights_accepted", perm=R.RIGHTS_MANAGE, method="POST",
              kwargs=pk(), note="no lawyer chosen: a message for those allowed, nothing written"),
        Route("rights:case_close", STAFF, obj="rights_open", perm=R.RIGHTS_WORK, method="POST", kwargs=pk(),
              data={"outcome": "agreement"}, note="no amount: a message for those allowed, nothing written"),
        Route("rights:activity_add", STAFF, obj="rights_open", perm=R.RIGHTS_WORK, method="POST", kwargs=pk(),
              data={"kind": "call", "note": "matrix"}),
        Route("rights:paper_add", STAFF, obj="rights_open", perm=R.RIGHTS_WORK, method="POST", kwargs=pk(),
              note="no file: a message for those allowed, nothing stored"),
        Route("rights:paper", STAFF, obj="rights_paper", perm=R.RIGHTS_PAPERS, kwargs=_paper,
              path_of=lambda p: p.org_path),
        Route("rights:payments", STAFF, perm=R.RIGHTS_VIEW),
        Route("rights:case_worker_add", STAFF, perm=R.RIGHTS_MANAGE),
        Route("rights:holidays", STAFF, perm=R.RIGHTS_VIEW),
        Route("rights:letter", STAFF, obj="rights_refused", perm=R.RIGHTS_VIEW,
              kwargs=lambda c: {"pk": c.pk, "kind": "refusal"}),
        Route("rights:mediation_step", STAFF, obj="rights_court", perm=R.RIGHTS_WORK, method="POST",
              kwargs=lambda c: {"pk": c.pk, "step": "agree"},
              note="fields missing: a message for those allowed, nothing written"),
        Route("rights:schedule", STAFF, obj="rights_closed", perm=R.RIGHTS_WORK, method="POST", kwargs=pk(),
              data={"lines": "2027-01-31 1000.00"}),
        Route("rights:instalment_pay", STAFF, obj="rights_instalment", perm=R.RIGHTS_WORK, method="POST",
              kwargs=lambda i: {"pk": i.case_id, "instalment_id": i.pk}, data={"received_amount": "3000.00"}),
        Route("rights:instalment_fail", STAFF, obj="rights_instalment", perm=R.RIGHTS_WORK, method="POST",
              kwargs=lambda i: {"pk": i.case_id, "instalment_id": i.pk}, data={"comment": "matrix"}),
        Route("rights:member_add", STAFF, obj="rights_open", perm=R.RIGHTS_MANAGE, method="POST", kwargs=pk(),
              data=lambda c, world: {"person_id": c.person_id},
              note="the applicant again: a message for those allowed"),
        Route("rights:member_remove", STAFF, obj="rights_open", perm=R.RIGHTS_MANAGE, method="POST",
              kwargs=lambda c: {"pk": c.pk, "person_id": 999999}),
        Route("rights:split", STAFF, obj="rights_open", perm=R.RIGHTS_MANAGE, method="POST", kwargs=pk(),
              data={"person_ids": "999999"}, note="no such worker in the group: a message for those allowed"),
        Route("rights:merge", STAFF, obj="rights_open", perm=R.RIGHTS_MANAGE, method="POST", kwargs=pk(),
              data={"into": "WQ-none"}, note="no such case: a message for those allowed"),
        Route("rights:lock", STAFF, obj="rights_open", perm=R.RIGHTS_MANAGE, method="POST", kwargs=pk()),
        # worker pages: the worker's own cases only
        Route("m_rights:case_list", WORKER),
        Route("m_rights:apply", WORKER),
        Route("m_rights:case_detail", WORKER, obj="rights_worker_case", kwargs=pk(), worker_status=404,
              note="outside: someone else's case"),
        Route("m_rights:paper_add", WORKER, obj="rights_worker_case", method="POST", kwargs=pk(),
              worker_status=404),
        Route("m_rights:rate", WORKER, obj="rights_worker_case", method="POST", kwargs=pk(), worker_status=404,
              data={"rating": "5"}),
        Route("m_rights:letter", WORKER, obj="rights_refused", kwargs=pk(), worker_status=404,
              note="someone else's refusal"),
        # API
        Route("API GET /api/v1/legal-cases", API, perm=R.RIGHTS_VIEW, marker="rights_case"),
        Route("API POST /api/v1/legal-cases", API, obj="rights_case", perm=R.RIGHTS_MANAGE,
              path_of=lambda c: c.org.path,
              data=lambda obj, world: {"org_id": obj.org_id, "person_id": obj.person_id, "channel": "phone",
                                       "dispute_type": "wage_arrears", "summary": "矩阵：拖欠工资",
                                       "employer_name": "矩阵公司"}),
        Route("API GET /api/v1/legal-cases/{case_id}", API, obj="rights_case", perm=R.RIGHTS_VIEW,
              kwargs=pk("case_id")),
        Route("API GET /api/v1/legal-cases/{obj_id}/history", API, obj="rights_case", perm=R.RIGHTS_VIEW,
              kwargs=pk("obj_id")),
        Route("API POST /api/v1/legal-cases/{obj_id}/transitions/{name}", API, obj="rights_case",
              perm=R.RIGHTS_MANAGE, kwargs=lambda c: {"obj_id": c.pk, "name": "review"}, data={}),
        Route("API POST /api/v1/legal-cases/{case_id}/accept", API, obj="rights_case", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data={}),
        Route("API POST /api/v1/legal-cases/{case_id}/refuse", API, obj="rights_case", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data={"reason": "not_labour"}),
        Route("API POST /api/v1/legal-cases/{case_id}/assign", API, obj="rights_accepted", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data=_county_lawyer),
        Route("API POST /api/v1/legal-cases/{case_id}/close", API, obj="rights_open", perm=R.RIGHTS_WORK,
              kwargs=pk("case_id"), data={"outcome": "withdrawn"}),
        Route("API GET /api/v1/legal-cases/{case_id}/activities", API, obj="rights_case", perm=R.RIGHTS_VIEW,
              kwargs=pk("case_id")),
        Route("API POST /api/v1/legal-cases/{case_id}/activities", API, obj="rights_open", perm=R.RIGHTS_WORK,
              kwargs=pk("case_id"), data={"kind": "call", "note": "matrix"}),
        Route("API GET /api/v1/legal-cases/{case_id}/mediation", API, obj="rights_court", perm=R.RIGHTS_VIEW,
              kwargs=pk("case_id")),
        Route("API POST /api/v1/legal-cases/{case_id}/mediation/{step}", API, obj="rights_court",
              perm=R.RIGHTS_WORK, kwargs=lambda c: {"case_id": c.pk, "step": "give_back"},
              data={"points_in_dispute": "工资数额", "return_reason": "双方分歧较大"}),
        Route("API GET /api/v1/legal-cases/{case_id}/instalments", API, obj="rights_closed", perm=R.RIGHTS_VIEW,
              kwargs=pk("case_id")),
        Route("API PUT /api/v1/legal-cases/{case_id}/instalments", API, obj="rights_closed", perm=R.RIGHTS_WORK,
              kwargs=pk("case_id"), data={"instalments": [{"due_on": "2027-01-31", "amount": "1000.00"}]}),
        Route("API POST /api/v1/legal-case-instalments/{instalment_id}/pay", API, obj="rights_instalment",
              perm=R.RIGHTS_WORK, kwargs=pk("instalment_id"), data={"received_amount": "3000.00"}),
        Route("API POST /api/v1/legal-case-instalments/{instalment_id}/fail", API, obj="rights_instalment",
              perm=R.RIGHTS_WORK, kwargs=pk("instalment_id"), data={"comment": "matrix"}),
        Route("API GET /api/v1/legal-cases/{case_id}/members", API, obj="rights_open", perm=R.RIGHTS_VIEW,
              kwargs=pk("case_id")),
        Route("API POST /api/v1/legal-cases/{case_id}/members", API, obj="rights_open", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data=lambda c, world: {"person_id": c.person_id},
              note="the applicant again: 422 for those allowed"),
        Route("API DELETE /api/v1/legal-cases/{case_id}/members/{person_id}", API, obj="rights_open",
              perm=R.RIGHTS_MANAGE, kwargs=lambda c: {"case_id": c.pk, "person_id": 999999}),
        Route("API POST /api/v1/legal-cases/{case_id}/split", API, obj="rights_open", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data={"person_ids": [999999]}, note="no such worker: 422 for those allowed"),
        Route("API POST /api/v1/legal-cases/{case_id}/merge", API, obj="rights_open", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data=lambda c, world: {"into_id": _sibling_case(c)},
              note="another employer: 422 for those allowed"),
        Route("API POST /api/v1/legal-cases/{case_id}/lock", API, obj="rights_open", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id"), data={}),
        Route("API DELETE /api/v1/legal-cases/{case_id}/lock", API, obj="rights_open", perm=R.RIGHTS_MANAGE,
              kwargs=pk("case_id")),
        Route("API GET /api/v1/legal-case-workers", API, perm=R.RIGHTS_VIEW),
        Route("API POST /api/v1/legal-case-workers", API, obj="rights_case", perm=R.RIGHTS_MANAGE,
              path_of=lambda c: c.org.path, data=lambda obj, world: {
                  "org_id": obj.org_id, "username": "staff_no_role", "role": "lawyer", "name": "矩阵律师"},
              note="the account lacks the case-worker role: 422 for those allowed, nothing written"),
        Route("API GET /api/v1/legal-aid-holidays", API, note="the calendar is public to every signed-in user"),
        Route("API POST /api/v1/legal-aid-holidays", API, obj="rights_case", perm=R.RIGHTS_MANAGE,
              path_of=lambda c: c.org.path.split("/")[0] + "/", data={"date": "2027-01-01", "name": "元旦"},
              note="kept by the province (rights.manage at the root); to anyone else it is not there (404)"),
        Route("API GET /api/v1/legal-case-employers", API, perm=R.RIGHTS_VIEW),
        Route("API GET /api/v1/rights/me/cases", API, note="the worker's own: empty for staff"),
        Route("API POST /api/v1/rights/me/cases", API, owner="worker",
              note="a worker's own request; staff have no person: 404",
              data={"dispute_type": "overtime", "summary": "矩阵：加班费", "employer_name": "矩阵公司"}),
        Route("API GET /api/v1/rights/me/cases/{case_id}", API, obj="rights_own_case", owner="worker",
              kwargs=pk("case_id"), note="only the worker's own"),
        Route("API POST /api/v1/rights/me/cases/{case_id}/rating", API, obj="rights_own_case", owner="worker",
              kwargs=pk("case_id"), data={"rating": 5}, note="only the worker's own, once closed (409 before)"),
    ]
