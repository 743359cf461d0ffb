"""Matrix rows of the workforce module (see harness.Route for the fields)."""

from gonghui.workforce import roles as W

from .harness import Route

STAFF, WORKER, API = "staff", "worker", "api"


def pk(name="pk"):
    return lambda obj: {name: obj.pk}


def staff(name: str, **kwargs) -> Route:
    return Route(f"workforce:{name}", STAFF, **kwargs)


def worker(name: str, **kwargs) -> Route:
    return Route(f"m_workforce:{name}", WORKER, **kwargs)


def api(method: str, path: str, **kwargs) -> Route:
    return Route(f"API {method} /api/v1{path}", API, **kwargs)


def rows() -> list:
    return [
        staff("index", perm=W.WORKFORCE_VIEW),
        staff("measure_list", perm=W.WORKFORCE_VIEW, marker="wf_measure"),
        staff("measure_create", perm=W.WORKFORCE_CHANGE),
        staff("measure_export", perm=W.WORKFORCE_EXPORT, marker="wf_measure"),
        staff("measure_detail", obj="wf_measure", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("measure_transition", obj="wf_measure", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"transition": "start"}),
        staff("course_list", perm=W.WORKFORCE_VIEW, marker="wf_course"),
        staff("course_create", perm=W.WORKFORCE_CHANGE),
        staff("course_export", perm=W.WORKFORCE_EXPORT, marker="wf_course"),
        staff("roster_template", perm=W.WORKFORCE_CHANGE),
        staff("course_detail", obj="wf_course", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("session_create", obj="wf_course", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data=lambda obj, world: {"day": obj.start_date.isoformat(), "hours": "4"}),
        staff("course_enrol", obj="wf_course", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"id_number": "11010519491231002X"}, note="nobody has this number: a message, nothing written"),
        staff("course_complete", obj="wf_course", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk()),
        staff("session_qr", obj="wf_session", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("roster_import", obj="wf_session", perm=W.WORKFORCE_CHANGE, kwargs=pk()),
        staff("roster_report", obj="wf_roster_job", owner="county_officer", kwargs=pk("job_id")),
        staff("enrolment_transition", obj="wf_enrolment", perm=W.WORKFORCE_CHANGE, method="POST",
              kwargs=lambda e: {"pk": e.pk, "transition": "complete"}),
        staff("certification_list", perm=W.WORKFORCE_VIEW, marker="wf_certification"),
        staff("certification_create", perm=W.WORKFORCE_CHANGE),
        staff("certification_export", perm=W.WORKFORCE_EXPORT, marker="wf_certification"),
        staff("pair_list", perm=W.WORKFORCE_VIEW, marker="wf_pair"),
        staff("pair_create", perm=W.WORKFORCE_CHANGE),
        staff("competition_list", perm=W.WORKFORCE_VIEW, marker="wf_competition"),
        staff("competition_create", perm=W.WORKFORCE_CHANGE),
        staff("competition_detail", obj="wf_competition", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("participation_add", obj="wf_competition", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"unit_name": "矩阵单位", "participants": "12"}),
        staff("honour_add", obj="wf_competition", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"title": "工人先锋号", "recipient_kind": "team", "recipient_name": "矩阵班组"}),
        staff("contest_list", perm=W.WORKFORCE_VIEW, marker="wf_edition"),
        staff("edition_create", perm=W.WORKFORCE_CHANGE),
        staff("edition_detail", obj="wf_edition", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("contest_trade", obj="wf_contest_trade", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("contest_trade_step", obj="wf_contest_trade", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"transition": "close"}),
        staff("quota_set", obj="wf_contest_trade", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data=lambda obj, world: {"org": obj.edition.org_id, "places": "3"}),
        staff("contest_register", obj="wf_contest_trade", perm=W.WORKFORCE_CHANGE, method="POST", kwargs=pk(),
              data={"id_number": "11010519491231002X"}, note="nobody has this number: a message, nothing written"),
        staff("score_enter", obj="wf_scoring_entry", perm=W.WORKFORCE_JUDGE, method="POST", kwargs=pk(),
              data={"part": "theory", "score": "88"}),
        staff("certificate_pdf", obj="wf_titled_entry", perm=W.WORKFORCE_VIEW, kwargs=pk()),
        staff("correction_request", obj="wf_published_score", perm=W.WORKFORCE_JUDGE, method="POST", kwargs=pk(),
              data={"new_score": "91", "reason": "矩阵"}),
        staff("correction_decide", obj="wf_correction", perm=W.WORKFORCE_CHANGE, method="POST",
              kwargs=lambda c: {"pk": c.pk, "decision": "reject"},
              note="asked by the province administrator: anyone else in scope may decide"),
        # the public check of a certificate (its QR code)
        Route("workforce_verify:certificate", "public", obj="wf_titled_entry",
              kwargs=lambda e: {"token": e.certificate_token}),
        # the worker's pages: their own record; a course closed to registration is not found on either side
        worker("record"),
        worker("courses"),
        worker("register", obj="wf_closed_course", method="POST", kwargs=pk(), worker_status=404),
        worker("certificates"),
        worker("certificate_pdf", obj="wf_titled_entry", kwargs=pk(), worker_status=404,
               note="someone else's certificate"),
        worker("check_in", obj="wf_session", kwargs=lambda s: {"token": s.checkin_token},
               note="the page of a session's QR code; checking in is a POST by the worker themselves"),
        # API
        api("GET", "/workforce/measures", perm=W.WORKFORCE_VIEW, marker="wf_measure"),
        api("POST", "/workforce/measures", obj="wf_measure", perm=W.WORKFORCE_CHANGE, path_of=lambda m: m.org.path,
            data=lambda obj, world: {"org_id": obj.org_id, "title": "矩阵措施", "issuing_bodies": "省总工会",
                                     "issued_on": "2026-01-05", "area": "skills"}),
        api("GET", "/workforce/measures/{measure_id}", obj="wf_measure", perm=W.WORKFORCE_VIEW,
            kwargs=pk("measure_id")),
        api("GET", "/workforce-measures/{obj_id}/history", obj="wf_measure", perm=W.WORKFORCE_VIEW,
            kwargs=pk("obj_id")),
        api("POST", "/workforce-measures/{obj_id}/transitions/{name}", obj="wf_measure", perm=W.WORKFORCE_CHANGE,
            kwargs=lambda m: {"obj_id": m.pk, "name": "start"}, data={}),
        api("GET", "/workforce/courses", perm=W.WORKFORCE_VIEW, marker="wf_course"),
        api("GET", "/workforce/courses/{course_id}", obj="wf_course", perm=W.WORKFORCE_VIEW, kwargs=pk("course_id")),
        api("GET", "/workforce/certifications", perm=W.WORKFORCE_VIEW, marker="wf_certification"),
        api("POST", "/workforce/certifications", obj="wf_person", perm=W.WORKFORCE_CHANGE,
            data=lambda obj, world: {"person_id": obj.pk, "trade": "矩阵工", "level": 2, "certifying_body": "矩阵中心",
                                     "certified_on": "2026-01-05", "certificate_number": "M-0001"}),
        api("GET", "/workforce/competitions", perm=W.WORKFORCE_VIEW, marker="wf_competition"),
        api("GET", "/workforce/figures", perm=W.WORKFORCE_VIEW, data={"year": 2025}),
        api("GET", "/workforce/contests", perm=W.WORKFORCE_VIEW, marker="wf_edition"),
        api("GET", "/workforce/contest-trades/{trade_id}", obj="wf_contest_trade", perm=W.WORKFORCE_VIEW,
            kwargs=pk("trade_id")),
    ]
