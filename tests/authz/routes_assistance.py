"""Matrix rows of the hardship-worker module (see harness.py for the fields of a Route)."""

from gonghui.assistance import roles as R

from .harness import Route

STAFF, WORKER, API = "staff", "worker", "api"
BASE = "API {} /api/v1/assistance"


def api(method: str, path: str, **kwargs) -> Route:
    return Route(BASE.format(method) + path, API, method=method, **kwargs)


def file_id(obj):
    return {"file_id": obj.pk}


def obj_id(obj):
    return {"obj_id": obj.pk}


def pk(obj):
    return {"pk": obj.pk}


def _fund(file) -> int:
    from gonghui.assistance.models import Fund

    return Fund.objects.filter(org_id=file.org_id).values_list("pk", flat=True).first()


def rows() -> list:
    return [
        # staff pages
        Route("assistance:file_list", STAFF, perm=R.VIEW, marker="hs_file"),
        Route("assistance:file_export", STAFF, perm=R.EXPORT),
        Route("assistance:standards", STAFF, perm=R.VIEW),
        Route("assistance:file_create", STAFF, perm=R.CHANGE, data=lambda obj, world: {"q": "帮扶"},
              marker="hs_person"),
        Route("assistance:aid_queue", STAFF, perm=R.VIEW, marker="hs_aid"),
        Route("assistance:warnings", STAFF, perm=R.CHANGE),
        Route("assistance:reviews", STAFF, perm=R.VIEW, data={"county": "530103"}),
        Route("assistance:file_detail", STAFF, obj="hs_file", perm=R.VIEW, kwargs=pk),
        Route("assistance:file_transition", STAFF, obj="hs_file", perm=R.CHANGE, method="POST", kwargs=pk,
              data={"transition": "screen", "comment": "matrix"}),
        Route("assistance:file_upload", STAFF, obj="hs_file", perm=R.CHANGE, method="POST", kwargs=pk,
              data={"kind": "assistance.visit_photo"}, note="no file sent: a message, nothing written"),
        Route("assistance:file_make_permanent", STAFF, obj="hs_file", perm=R.CHANGE, method="POST", kwargs=pk,
              note="not a temporary file: a message, nothing written"),
        Route("assistance:aid_propose", STAFF, obj="hs_filed", perm=R.AID_PROPOSE, method="POST", kwargs=pk,
              data=lambda f, world: {"kind": "living", "amount": "100.00", "fund": _fund(f)}),
        Route("assistance:aid_transition", STAFF, obj="hs_aid", perm=R.AID_APPROVE, method="POST",
              kwargs=lambda a: {"aid_id": a.pk}, data={"transition": "approve"}),
        # the worker's pages: their own only
        Route("m_assistance:status", WORKER),
        Route("m_assistance:apply", WORKER),
        # API
        api("GET", "/files", perm=R.VIEW, marker="hs_file"),
        api("POST", "/files", obj="hs_person", perm=R.CHANGE, in_body=True,
            data=lambda p, world: {"org_id": p.current_org_id, "person_id": p.pk, "county_code": "530102"}),
        api("GET", "/files/{file_id}", obj="hs_file", perm=R.VIEW, kwargs=file_id),
        api("POST", "/files/{file_id}/members", obj="hs_file", perm=R.CHANGE, kwargs=file_id,
            data={"name": "矩阵家属", "relation": "child", "id_number": "530102201001010011"}),
        api("GET", "/files/{file_id}/assessment", obj="hs_file", perm=R.SENSITIVE, kwargs=file_id),
        api("POST", "/files/{file_id}/step/{name}", obj="hs_file", perm=R.CHANGE,
            kwargs=lambda f: {"file_id": f.pk, "name": "screen"}, data={"comment": "matrix"}),
        api("POST", "/files/{file_id}/reveal", obj="hs_file", perm=R.SENSITIVE, kwargs=file_id,
            data={"field": "medical_costs", "reason": "matrix check"},
            note="a denied reveal in sight is audited (an audit row only)"),
        api("POST", "/files/{file_id}/objections", obj="hs_file", perm=R.CHANGE, kwargs=file_id,
            data={"text": "matrix objection"}, note="not on notice: 409 for those allowed"),
        api("POST", "/files/{file_id}/make-permanent", obj="hs_file", perm=R.CHANGE, kwargs=file_id,
            note="not a temporary file: 409 for those allowed"),
        api("GET", "/files/{obj_id}/history", obj="hs_file", perm=R.VIEW, kwargs=obj_id),
        api("POST", "/files/{obj_id}/transitions/{name}", obj="hs_file", perm=R.CHANGE,
            kwargs=lambda f: {"obj_id": f.pk, "name": "screen"}, data={"comment": "matrix"}),
        api("GET", "/standards", perm=R.VIEW),
        api("POST", "/standards", perm=R.STANDARDS, data={"county_code": "530102", "year": 2030, "monthly": "700"}),
        api("GET", "/funds", perm=R.VIEW, marker="hs_fund"),
        api("POST", "/funds", obj="hs_fund", perm=R.FUNDS, in_body=True,
            data=lambda f, world: {"org_id": f.org_id, "name": "矩阵新资金", "balance": "10"}),
        api("POST", "/funds/{fund_id}/top-up", obj="hs_fund", perm=R.FUNDS, kwargs=lambda f: {"fund_id": f.pk},
            data={"amount": "10.00"}),
        api("GET", "/aid", perm=R.VIEW, marker="hs_aid"),
        api("POST", "/files/{file_id}/aid", obj="hs_filed", perm=R.AID_PROPOSE, kwargs=file_id,
            data=lambda f, world: {"fund_id": _fund(f), "kind": "living", "amount": "100.00"}),
        api("GET", "/aid/{obj_id}/history", obj="hs_aid", perm=R.VIEW, kwargs=obj_id),
        api("POST", "/aid/{obj_id}/transitions/{name}", obj="hs_aid", perm=R.AID_APPROVE,
            kwargs=lambda a: {"obj_id": a.pk, "name": "approve"}, data={"comment": "matrix"}),
        api("GET", "/warnings", perm=None, note="a list: empty without both modules' permissions"),
        api("POST", "/warnings/dismiss", obj="ma_claim", perm=R.CHANGE, in_body=True,
            data=lambda c, world: {"source": "large_self_paid", "reference": str(c.pk), "reason": "matrix check"}),
        api("GET", "/reviews", perm=R.VIEW, marker="hs_review"),
        api("POST", "/reviews", perm=R.CHANGE, data={"county_code": "530102", "year": 2026}),
        api("POST", "/reviews/{review_id}/decide", obj="hs_review", perm=R.CHANGE,
            kwargs=lambda r: {"review_id": r.pk}, data={"result": "keep", "comment": "matrix"}),
        api("POST", "/reviews/{review_id}/spot-check", obj="hs_review", perm=R.APPROVE,
            kwargs=lambda r: {"review_id": r.pk}, data={"result": "matrix check"},
            note="the county itself gets 409 (the level above checks)"),
        api("GET", "/me/files"),
        api("POST", "/me/files", data={"county_code": "530102"},
            note="a worker applies for their own household; staff accounts get 422"),
    ]
