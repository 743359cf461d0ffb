"""Every table and every personal-looking field is classified (core/classification.py); encrypted fields are
sensitive; no entry names a field that is gone. A new model or field fails here until someone decides its level."""

import pytest
from django.apps import apps
from django.core.management import call_command

from gonghui.core import classification
from gonghui.core.fields import EncryptedTextField

MODELS = sorted((m for m in apps.get_models() if m.__module__.startswith("gonghui.")),
                key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_table_and_personal_field_is_classified(model):
    entry = classification.inventory().get(model._meta.label)
    assert entry, f"{model._meta.label} has no classification: add it to its app's classification.py"
    assert entry.get("*") in classification.LEVELS, f"{model._meta.label}: give the table a level under '*'"
    fields = {field.name: field for field in model._meta.concrete_fields}
    for name, level in entry.items():
        assert level in classification.LEVELS, f"{model._meta.label}.{name}: unknown level {level!r}"
        assert name == "*" or name in fields, f"{model._meta.label}.{name} is classified but does not exist"
    for name, field in fields.items():
        if classification.PERSONAL_LOOKING.search(name):
            assert name in entry, f"{model._meta.label}.{name} looks personal: classify it by name"
        if isinstance(field, EncryptedTextField):
            assert entry.get(name) == classification.SENSITIVE, f"{model._meta.label}.{name} is encrypted: SENSITIVE"


def test_the_inventory_names_only_existing_tables():
    labels = {model._meta.label for model in MODELS}
    assert set(classification.inventory()) <= labels


def test_the_inventory_command_prints_every_table(capsys):
    call_command("data_inventory")
    printed = capsys.readouterr().out
    assert "members.Person" in printed and "id_number" in printed and "sensitive" in printed
