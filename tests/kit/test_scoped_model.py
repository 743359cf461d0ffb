"""The org-scoped base: scope_path derived from the one declared lookup (no hand-written copies left), and
province_code on persons, memberships and units, filled from the organisation by the migration."""

import pytest
from django.apps import apps
from django.db import connection

from gonghui.core.models import NO_PATH, PROVINCE_CODE, OrgScopedModel, ScopedByLookup
from gonghui.members.models import Membership, Person, Unit


def test_every_scoped_model_derives_scope_path_from_its_lookup():
    scoped = [m for m in apps.get_models() if hasattr(m, "scope_path_lookup") or hasattr(m, "scope_path")]
    assert len(scoped) > 25
    for model in scoped:
        assert issubclass(model, ScopedByLookup), model
        assert model.scope_path is ScopedByLookup.scope_path, f"{model} writes scope_path by hand"


def test_the_abstract_base_declares_org_province_and_timestamps():
    names = {f.name for f in OrgScopedModel._meta.get_fields()}
    assert {"org", "province_code", "created_at", "updated_at"} <= names
    assert OrgScopedModel._meta.abstract and OrgScopedModel.scope_path_lookup == "org__path"


@pytest.mark.django_db
def test_scope_path_follows_the_lookup_and_fails_closed(world):
    person = Person.objects.select_related("current_org").get(name="李娜")
    assert person.scope_path == world.wuhua_union.path
    membership = Membership.objects.get(person=person)
    assert membership.scope_path == world.wuhua_union.path
    person.current_org = None
    assert person.scope_path == NO_PATH  # in nobody's subtree, not in everybody's


@pytest.mark.django_db
def test_new_rows_carry_the_deployment_province(world):
    assert PROVINCE_CODE == "53"
    assert {p.province_code for p in Person.objects.all()} == {"53"}
    assert set(Unit.objects.values_list("province_code", flat=True)) == {"53"}


@pytest.mark.django_db(transaction=True)
def test_migration_fills_province_code_from_the_organisation_and_keeps_every_row(world):
    from django.db.migrations.executor import MigrationExecutor

    counts = {m: m.objects.count() for m in (Person, Membership, Unit)}
    executor = MigrationExecutor(connection)
    executor.migrate([("members", "0004_person_name_characters")])
    with connection.cursor() as cursor:  # as if the grassroots union belonged to another province
        cursor.execute("UPDATE orgs_organisation SET province_code = '54' WHERE id = %s", [world.wuhua_union.pk])
        cursor.execute("UPDATE members_person SET current_org_id = NULL WHERE name = %s", ["王芳"])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert {m: m.objects.count() for m in (Person, Membership, Unit)} == counts
    assert Person.objects.get(name="李娜").province_code == "54"
    assert Person.objects.get(name="王芳").province_code == "53"  # no current union: the deployment's
    assert set(Membership.objects.filter(org=world.wuhua_union).values_list("province_code", flat=True)) == {"54"}
    assert set(Unit.objects.filter(org=world.wuhua_union).values_list("province_code", flat=True)) == {"54"}
    assert set(Membership.objects.filter(org=world.panlong_union).values_list("province_code", flat=True)) == {"53"}
