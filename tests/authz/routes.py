"""The routes of the platform's core, members and organisations, with the permission each needs and the object
it is called with. Each business app keeps its rows in routes_<app>.py (a ``rows()`` function), which the
harness finds by that name (harness.discover_routes): adding a module edits no file here.

A new URL or API operation without a row in one of them fails test_every_route_is_in_the_matrix.
``data`` may be a callable taking (obj, world) for requests whose body names objects.
"""

from gonghui.core import roles as R

from .harness import Route

PUBLIC = "public"
STAFF = "staff"
WORKER = "worker"
API = "api"


def pk(name):
    return lambda obj: {name: obj.pk}


def rows() -> list[Route]:
    return [
        # public pages and sign-in
        Route("public:home", PUBLIC),
        Route("set_language", PUBLIC, method="POST", data={"language": "en", "next": "/"}),
        Route("card:verify", PUBLIC, obj="membership", kwargs=lambda m: {"token": _card_token(m)}),
        Route("staff:login", PUBLIC),
        Route("staff:logout", PUBLIC, method="POST"),
        Route("m:login", PUBLIC),
        Route("m:login_code", PUBLIC),
        Route("m:signup", PUBLIC),
        Route("m:logout", PUBLIC, method="POST"),
        # staff account pages: any staff user
        Route("staff:home", STAFF),
        Route("staff:password_change", STAFF),
        Route("staff:totp_setup", STAFF),
        Route("staff:totp_verify", STAFF),
        Route("staff:switch_org", STAFF, method="POST", data={"org_id": ""}),
        Route("staff:sessions", STAFF),
        # one's own sessions only (another user's is 404); ending all others ends only one's own
        Route("staff:session_end", STAFF, obj="session", owner="county_officer", method="POST",
              kwargs=pk("session_id")),
        Route("staff:sessions_end_others", STAFF, method="POST"),
        Route("staff:api_tokens", STAFF),
        Route("staff:api_token_revoke", STAFF, obj="token", owner="county_officer", method="POST",
              kwargs=pk("token_id")),
        # the inbox: one's own messages (another user's message is 404)
        Route("staff:messages", STAFF),
        Route("staff:message_read", STAFF, obj="message", owner="county_officer", method="POST",
              kwargs=pk("message_id")),
        Route("staff:messages_read_all", STAFF, method="POST"),
        Route("m_messages:list", WORKER),
        Route("m_messages:read", WORKER, obj="message", method="POST", kwargs=pk("message_id"), worker_status=404,
              note="the message belongs to a staff user: the worker gets 404"),
        Route("m_messages:read_all", WORKER, method="POST"),
        Route("m_messages:settings", WORKER, method="POST", data={"sms": ["mutual_aid.claim_paid"]}),
        # private files: one audited view (the kind's permission over the owner's organisation; a worker's own)
        Route("staff:file", STAFF, obj="attachment", perm=R.MEMBERS_VIEW, kwargs=pk("attachment_id")),
        Route("m_files:file", WORKER, obj="attachment", kwargs=pk("attachment_id"), worker_status=404,
              note="the file is not the worker's own"),
        # audit
        Route("staff:audit_list", STAFF, perm=R.AUDIT_VIEW),
        Route("staff:audit_export", STAFF, perm=R.AUDIT_VIEW),
        Route("staff:audit_verify", STAFF, perm=R.AUDIT_VIEW),
        # members
        Route("members:person_list", STAFF, perm=R.MEMBERS_VIEW, marker="person"),
        Route("members:person_create", STAFF, perm=R.MEMBERS_CHANGE, marker="person"),
        Route("members:person_detail", STAFF, obj="person", perm=R.MEMBERS_VIEW, kwargs=pk("pk")),
        Route("members:person_edit", STAFF, obj="person", perm=R.MEMBERS_CHANGE, kwargs=pk("pk")),
        Route("members:person_reveal", STAFF, obj="person", perm=R.MEMBERS_VIEW_SENSITIVE, method="POST",
              kwargs=pk("pk"), data={"field": "id_number", "reason": "authorization matrix"}),
        Route("members:person_transfer", STAFF, obj="person", perm=R.MEMBERS_CHANGE, method="POST",
              kwargs=pk("pk"), data=lambda obj, world: {"to_org": world.wuhua_union2.pk, "reason": "matrix"}),
        Route("members:person_membership_status", STAFF, obj="person", perm=R.MEMBERS_CHANGE, method="POST",
              kwargs=pk("pk"), data={"status": "retired"}),
        Route("members:person_export", STAFF, perm=R.MEMBERS_EXPORT, marker="person"),
        Route("members:unit_list", STAFF, perm=R.MEMBERS_VIEW, marker="unit"),
        Route("members:unit_create", STAFF, perm=R.MEMBERS_CHANGE, marker="unit"),
        Route("members:unit_detail", STAFF, obj="unit", perm=R.MEMBERS_VIEW, kwargs=pk("pk")),
        Route("members:unit_edit", STAFF, obj="unit", perm=R.MEMBERS_CHANGE, kwargs=pk("pk")),
        Route("members:transfer_queue", STAFF, perm=R.MEMBERS_VIEW, marker="transfer"),
        Route("members:transfer_accept", STAFF, obj="transfer", perm=R.TRANSFERS_DECIDE, method="POST",
              kwargs=pk("pk")),
        Route("members:transfer_refuse", STAFF, obj="transfer", perm=R.TRANSFERS_DECIDE, method="POST",
              kwargs=pk("pk"), data={"comment": "matrix"}),
        Route("members:import_start", STAFF, perm=R.MEMBERS_IMPORT, marker="org"),
        Route("members:import_template", STAFF, perm=R.MEMBERS_IMPORT),
        Route("members:import_job", STAFF, obj="job", owner="county_officer", kwargs=pk("job_id")),
        Route("members:import_commit", STAFF, obj="job", owner="county_officer", method="POST",
              kwargs=pk("job_id"), note="a preview with errors: the owner is told it cannot be committed"),
        Route("members:import_cancel", STAFF, obj="job", owner="county_officer", method="POST",
              kwargs=pk("job_id")),
        Route("members:import_report", STAFF, obj="job", owner="county_officer", kwargs=pk("job_id")),
        Route("members:union_options", STAFF, perm=R.MEMBERS_VIEW,
              note="lists receiving unions province-wide on purpose: a transfer may leave one's scope"),
        Route("members:unit_options", STAFF, perm=R.MEMBERS_VIEW, marker="unit",
              data=lambda obj, world: {"org": world.panlong_union.pk}),
        # organisations and roles
        Route("orgs:org_list", STAFF, perm=R.ORGS_VIEW, marker="org"),
        Route("orgs:org_detail", STAFF, obj="org", perm=R.ORGS_VIEW, kwargs=pk("pk")),
        Route("orgs:org_create", STAFF, obj="org", perm=R.ORGS_CHANGE, kwargs=pk("pk")),
        Route("orgs:org_edit", STAFF, obj="org", perm=R.ORGS_CHANGE, kwargs=pk("pk")),
        Route("orgs:org_options", STAFF, perm=R.ROLES_MANAGE, marker="org", data={"org_q": "盘龙"}),
        Route("orgs:role_list", STAFF, perm=R.ROLES_VIEW, marker="assignment"),
        Route("orgs:role_grant", STAFF, obj="org", perm=R.ROLES_MANAGE, method="POST", in_body=True,
              data=lambda obj, world: {"username": "staff_no_role", "org": obj.pk, "role": "viewer"}),
        Route("orgs:role_revoke", STAFF, obj="assignment", perm=R.ROLES_MANAGE, method="POST", kwargs=pk("pk")),
        Route("orgs:role_request_list", STAFF, perm=R.ROLES_VIEW, marker="role_request"),
        Route("orgs:role_request_detail", STAFF, obj="role_request", perm=R.ROLES_VIEW, kwargs=pk("pk")),
        Route("orgs:role_request_approve", STAFF, obj="role_request", perm=R.ROLES_MANAGE, method="POST",
              kwargs=pk("pk")),
        Route("orgs:role_request_reject", STAFF, obj="role_request", perm=R.ROLES_MANAGE, method="POST",
              kwargs=pk("pk"), data={"note": "matrix"}),
        Route("orgs:staff_user_create", STAFF, obj="org", perm=R.USERS_MANAGE, method="POST", in_body=True,
              data=lambda obj, world: {"username": "matrix_new_user", "display_name": "矩阵", "org": obj.pk,
                                       "role": "viewer", "password": "Matrix#2026a",
                                       "password_confirm": "Matrix#2026a"}),
        Route("orgs:role_options", STAFF, obj="org", perm=R.ROLES_MANAGE, in_body=True,
              data=lambda obj, world: {"org": obj.pk}),
        # identity conflicts (issue 19 §3): none in the world, so the actions are called with a person's id
        Route("members:identity_conflict_list", STAFF, perm=R.MEMBERS_VIEW),
        Route("members:identity_conflict_detail", STAFF, obj="identity_conflict", perm=R.MEMBERS_VIEW,
              kwargs=pk("pk")),
        Route("members:identity_conflict_confirm", STAFF, obj="identity_conflict", perm=R.MEMBERS_CHANGE,
              method="POST", kwargs=pk("pk")),
        Route("members:identity_conflict_detach", STAFF, obj="identity_conflict", perm=R.MEMBERS_CHANGE,
              method="POST", kwargs=pk("pk")),
        # worker pages
        Route("m:card", WORKER),
        Route("m:membership", WORKER),
        Route("m:transfer_request", WORKER),
        Route("m:transfer_cancel", WORKER, obj="transfer", method="POST", kwargs=pk("transfer_id"),
              worker_status=404, note="the worker cancels only their own request"),
        # API
        Route("API GET /api/v1/me", API),
        Route("API GET /api/v1/roles", API),
        Route("API GET /api/v1/workflows/{name}", API, kwargs=lambda _: {"name": "membership_transfer"}),
        Route("API GET /api/v1/indicators", API, note="lists only the figures the reader may read"),
        Route("API GET /api/v1/indicators/{code}", API, obj="org", perm=R.MEMBERS_VIEW,
              kwargs=lambda _: {"code": "members.members"},
              data=lambda obj, world: {"org": obj.pk, "start": "2020-01-01", "end": "2026-12-31", "by": "child"},
              note="the organisation is named in the query; its subtree's figure and one row per child"),
        Route("API GET /api/v1/orgs", API, perm=R.ORGS_VIEW, marker="org"),
        Route("API GET /api/v1/orgs/{org_id}", API, obj="org", perm=R.ORGS_VIEW, kwargs=pk("org_id")),
        Route("API POST /api/v1/orgs", API, obj="org", perm=R.ORGS_CHANGE,
              data=lambda obj, world: {"parent_id": obj.pk, "name": "矩阵测试工会", "level": "grassroots",
                                       "kind": "grassroots"}),
        Route("API PATCH /api/v1/orgs/{org_id}", API, obj="org", perm=R.ORGS_CHANGE, kwargs=pk("org_id"),
              data={"name": "矩阵改名工会"}),
        Route("API GET /api/v1/role-assignments", API, perm=R.ROLES_VIEW, marker="assignment"),
        Route("API POST /api/v1/role-assignments", API, obj="org", perm=R.ROLES_MANAGE,
              data=lambda obj, world: {"user_id": world.user("staff_no_role").pk, "org_id": obj.pk,
                                       "role": "viewer"}),
        Route("API DELETE /api/v1/role-assignments/{assignment_id}", API, obj="assignment", perm=R.ROLES_MANAGE,
              kwargs=pk("assignment_id")),
        Route("API GET /api/v1/role-requests", API, perm=R.ROLES_VIEW, marker="role_request"),
        Route("API POST /api/v1/role-requests/{request_id}/approve", API, obj="role_request", perm=R.ROLES_MANAGE,
              kwargs=pk("request_id")),
        Route("API POST /api/v1/role-requests/{request_id}/reject", API, obj="role_request", perm=R.ROLES_MANAGE,
              kwargs=pk("request_id"), data={"note": "matrix"}),
        Route("API GET /api/v1/role-requests/{obj_id}/history", API, obj="role_request", perm=R.ROLES_VIEW,
              kwargs=pk("obj_id")),
        Route("API POST /api/v1/role-requests/{obj_id}/transitions/{name}", API, obj="role_request",
              perm=R.ROLES_MANAGE, kwargs=lambda obj: {"obj_id": obj.pk, "name": "reject"},
              data={"comment": "matrix"}),
        Route("API POST /api/v1/staff-users", API, obj="org", perm=R.USERS_MANAGE, in_body=True,
              data=lambda obj, world: {"org_id": obj.pk, "username": "matrix_api_user", "display_name": "矩阵",
                                       "password": "Matrix#2026a", "role": "viewer"}),
        Route("API GET /api/v1/identity-conflicts", API, perm=R.MEMBERS_VIEW, marker="identity_conflict"),
        Route("API POST /api/v1/identity-conflicts/{conflict_id}/confirm", API, obj="identity_conflict",
              perm=R.MEMBERS_CHANGE, kwargs=pk("conflict_id")),
        Route("API POST /api/v1/identity-conflicts/{conflict_id}/detach", API, obj="identity_conflict",
              perm=R.MEMBERS_CHANGE, kwargs=pk("conflict_id")),
        Route("API GET /api/v1/identity-conflicts/{obj_id}/history", API, obj="identity_conflict",
              perm=R.MEMBERS_VIEW, kwargs=pk("obj_id")),
        Route("API POST /api/v1/identity-conflicts/{obj_id}/transitions/{name}", API, obj="identity_conflict",
              perm=R.MEMBERS_CHANGE, kwargs=lambda obj: {"obj_id": obj.pk, "name": "detach"},
              data={"comment": "matrix"}),
        Route("API GET /api/v1/persons", API, perm=R.MEMBERS_VIEW, marker="person"),
        Route("API POST /api/v1/persons", API, obj="org", perm=R.MEMBERS_CHANGE,
              data=lambda obj, world: {"name": "赵矩阵", "id_number": _fresh_id(obj), "org_id": obj.pk,
                                       "category": "employee"}),
        Route("API GET /api/v1/persons/export", API, perm=R.MEMBERS_EXPORT, marker="person",
              data={"format": "csv"}, note="streamed CSV, read whole by the marker check"),
        Route("API GET /api/v1/persons/{person_id}", API, obj="person", perm=R.MEMBERS_VIEW,
              kwargs=pk("person_id")),
        Route("API PATCH /api/v1/persons/{person_id}", API, obj="person", perm=R.MEMBERS_CHANGE,
              kwargs=pk("person_id"), data={"name": "改名"}),
        Route("API GET /api/v1/persons/{person_id}/memberships", API, obj="person", perm=R.MEMBERS_VIEW,
              kwargs=pk("person_id")),
        Route("API POST /api/v1/persons/{person_id}/reveal", API, obj="person", perm=R.MEMBERS_VIEW_SENSITIVE,
              kwargs=pk("person_id"), data={"field": "phone", "reason": "authorization matrix"}),
        Route("API GET /api/v1/memberships", API, perm=R.MEMBERS_VIEW, marker="person"),
        Route("API GET /api/v1/units", API, perm=R.MEMBERS_VIEW, marker="unit"),
        Route("API POST /api/v1/units", API, obj="org", perm=R.MEMBERS_CHANGE,
              data=lambda obj, world: {"org_id": obj.pk, "name": "矩阵测试有限公司"}),
        Route("API GET /api/v1/units/{unit_id}", API, obj="unit", perm=R.MEMBERS_VIEW, kwargs=pk("unit_id")),
        Route("API PATCH /api/v1/units/{unit_id}", API, obj="unit", perm=R.MEMBERS_CHANGE, kwargs=pk("unit_id"),
              data={"name": "矩阵改名有限公司"}),
        Route("API POST /api/v1/imports", API, perm=R.MEMBERS_IMPORT,
              note="multipart; the matrix sends no file, so those allowed get 422 and the rest 404"),
        Route("API GET /api/v1/messages", API),
        Route("API POST /api/v1/messages/read-all", API),
        Route("API POST /api/v1/messages/{message_id}/read", API, obj="message", owner="county_officer",
              kwargs=pk("message_id")),
        Route("API GET /api/v1/jobs/{job_id}", API, obj="job", owner="county_officer", kwargs=pk("job_id")),
        Route("API POST /api/v1/jobs/{job_id}/cancel", API, obj="job", owner="county_officer",
              kwargs=pk("job_id")),
        Route("API POST /api/v1/jobs/{job_id}/commit", API, obj="job", owner="county_officer",
              kwargs=pk("job_id")),
        Route("API GET /api/v1/jobs/{job_id}/report", API, obj="job", owner="county_officer",
              kwargs=pk("job_id")),
        Route("API GET /api/v1/transfers", API, perm=R.MEMBERS_VIEW, marker="transfer"),
        Route("API POST /api/v1/transfers", API, obj="person", perm=R.MEMBERS_CHANGE,
              data=lambda obj, world: {"person_id": obj.pk, "to_org_id": world.wuhua_union2.pk}),
        Route("API GET /api/v1/transfers/{transfer_id}", API, obj="transfer", perm=R.MEMBERS_VIEW,
              kwargs=pk("transfer_id")),
        Route("API POST /api/v1/transfers/{transfer_id}/accept", API, obj="transfer", perm=R.TRANSFERS_DECIDE,
              kwargs=pk("transfer_id"), data={}),
        Route("API POST /api/v1/transfers/{transfer_id}/refuse", API, obj="transfer", perm=R.TRANSFERS_DECIDE,
              kwargs=pk("transfer_id"), data={"comment": "matrix"}),
        Route("API POST /api/v1/transfers/{transfer_id}/cancel", API, obj="transfer", perm=R.MEMBERS_CHANGE,
              kwargs=pk("transfer_id"), data={}, path_of=lambda t: t.from_org.path,
              note="the old union (or the member) withdraws a request"),
    ]


def _card_token(membership):
    from gonghui.members.selectors import card_token

    return card_token(membership)


def _fresh_id(org):
    from gonghui.members.tests.factories import id_number

    return id_number("530102")

