"""The workforce API: scoped lists, creation through the services, the workflow kit's routes, figures."""

import pytest

from gonghui.core.auth.tokens import token_create

from .factories import make_certification, make_course, make_measure, make_session, world_people

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _, raw = token_create(user=user, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_lists_are_scoped_and_searchable(client, world):
    people = world_people()
    make_measure(world.wuhua, "五华区产改方案")
    make_measure(world.panlong, "盘龙区产改方案")
    course = make_course(world.wuhua_union, "电工培训班")
    make_session(course)
    make_certification(people["张伟"])
    make_certification(people["王芳"], trade="盘龙工种")
    headers = bearer(world.user("county_officer"))
    measures = client.get("/api/v1/workforce/measures", headers=headers).json()["items"]
    assert [m["title"] for m in measures] == ["五华区产改方案"]
    assert client.get("/api/v1/workforce/measures", {"q": "wuhua"}, headers=headers).json()["items"]
    certs = client.get("/api/v1/workforce/certifications", headers=headers).json()["items"]
    assert [c["person_name"] for c in certs] == ["张伟"]
    detail = client.get(f"/api/v1/workforce/courses/{course.pk}", headers=headers).json()
    assert detail["org"]["id"] == world.wuhua_union.pk and len(detail["sessions"]) == 1
    outside = make_course(world.panlong_union)
    assert client.get(f"/api/v1/workforce/courses/{outside.pk}", headers=headers).status_code == 404


def test_create_measure_step_and_history(client, world):
    headers = bearer(world.user("county_officer"))
    created = client.post("/api/v1/workforce/measures", {
        "org_id": world.wuhua.pk, "title": "五华区技能人才激励办法", "issuing_bodies": "区总工会",
        "issued_on": "2025-06-01", "area": "skills"}, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    step = client.post(f"/api/v1/workforce-measures/{pk}/transitions/start", {"comment": "启动"},
                       content_type="application/json", headers=headers)
    assert step.status_code == 200 and step.json()["state"] == "implementing"
    again = client.post(f"/api/v1/workforce-measures/{pk}/transitions/start", {},
                        content_type="application/json", headers=headers)
    assert again.status_code == 409
    history = client.get(f"/api/v1/workforce-measures/{pk}/history", headers=headers).json()
    assert [h["transition"] for h in history][-1] == "start"


def test_record_a_level_by_api_counts_once(client, world):
    person = world_people()["张伟"]
    headers = bearer(world.user("county_officer"))
    body = {"person_id": person.pk, "trade": "电工", "level": 2, "certifying_body": "省鉴定中心",
            "certified_on": "2025-05-05", "certificate_number": "API-1"}
    assert client.post("/api/v1/workforce/certifications", body, content_type="application/json",
                       headers=headers).status_code == 201
    again = client.post("/api/v1/workforce/certifications", {**body, "certificate_number": "API-2"},
                        content_type="application/json", headers=headers)
    assert again.status_code == 409 and again.json()["code"] == "workforce_level_already_recorded"


def test_figures_by_year(client, world):
    people = world_people()
    make_certification(people["张伟"], certified_on=__import__("datetime").date(2025, 4, 1))
    rows = client.get("/api/v1/workforce/figures", {"year": 2025},
                      headers=bearer(world.user("county_officer"))).json()
    figures = {r["code"]: r["value"] for r in rows}
    assert figures["workforce.upgrades"] == 1
    sibling = client.get("/api/v1/workforce/figures", {"year": 2025},
                         headers=bearer(world.user("sibling_officer"))).json()
    assert {r["code"]: r["value"] for r in sibling}["workforce.upgrades"] == 0
