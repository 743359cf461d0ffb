"""d. The member list page (/staff/members/) for a county officer and a province officer, through the Django test
client: p50/p95 and the number of SQL queries, vs the bare SELECT of the same page of persons."""

from django.db import connection

from . import Options, Result, percentiles, register, timed
from ._data import ensure_demo, user

PAGE = 50
OFFICERS = (("county", "wuhua_officer"), ("province", "province_admin"))


def _client_for(officer):
    from django.test import Client

    from gonghui.core.auth.policy import SESSION_SECOND_FACTOR_OK

    client = Client()
    client.force_login(officer)
    session = client.session
    session[SESSION_SECOND_FACTOR_OK] = True
    session.save()
    return client


def _queries_of(function) -> int:
    """SQL statements run by ``function``. (CaptureQueriesContext reads 0 here: the test client's
    request_started signal empties connection.queries.)"""
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        function()
    return len(executed)


@register("d", "member list page")
def run(options: Options) -> list[Result]:
    from gonghui.members.models import Person
    from gonghui.orgs.models import RoleAssignment

    ensure_demo(options)
    results = []
    for level, username in OFFICERS:
        officer = user(username)
        org = RoleAssignment.objects.select_related("org").get(user=officer).org
        client = _client_for(officer)

        def page(c=client):
            response = c.get("/staff/members/", HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, response.status_code
            return response

        def bare_select(path=org.path):
            return list(Person.objects.filter(current_org__path__startswith=path).order_by("name", "id")[:PAGE])

        queries = _queries_of(page)
        p50, p95 = percentiles(timed(page, options.repeat))
        b50, b95 = percentiles(timed(bare_select, options.repeat))
        results.append(Result(
            name=f"d.list.{level}", title=f"d. member list page, {level} officer",
            figure=p50, figure_label="ms p50", baseline=b50, baseline_label="ms p50 bare SELECT",
            details={"p95_ms": p95, "baseline_p95_ms": b95, "queries": queries,
                     "visible_persons": Person.objects.filter(current_org__path__startswith=org.path).count()}))
    return results
