"""Data classification (数据分类分级; MLPS level 3 and PIPL): every table and every personal field has a level.

Each app declares its tables in ``<app>/classification.py`` (core's own are at the end of this module)::

    CLASSIFICATION = {
        "members.Person": {"*": PERSONAL, "id_number": SENSITIVE, "phone": SENSITIVE, "birth_date": PERSONAL},
    }

``"*"`` is the level of the table's other fields. ``tests/test_data_classification.py`` fails when a table has
no level, when a field that looks personal (a name, a number, an address, health, income, a bank account, a
location…) is not named explicitly, when an encrypted field is not ``SENSITIVE``, or when an entry names a field
that does not exist. ``gonghui data_inventory`` prints the whole inventory for an assessor.
"""

import importlib
import re
from importlib.util import find_spec

PUBLIC = "public"  # 公开: published anyway (a station's address, an organisation's name)
INTERNAL = "internal"  # 内部: the union's working data, no person identifiable from it alone
PERSONAL = "personal"  # 一般个人信息: identifies or relates to a person (a name, a card number, an address)
SENSITIVE = "sensitive"  # 敏感个人信息 (PIPL art. 28): ID and bank numbers, health, income, location tracks…
LEVELS = (PUBLIC, INTERNAL, PERSONAL, SENSITIVE)

# Field names that suggest personal information: each must be classified by name, not by the table's default.
PERSONAL_LOOKING = re.compile(
    r"(^|_)(name|phone|mobile|id_number|id_tail|id_card|address|birth|sex|gender|income|salary|wage|health|"
    r"disease|diagnosis|disab\w*|bank_\w+|email|wechat|signature|household|ethnic\w*|religion|politic\w*|"
    r"hospital|illness|medical|ip|user_agent|lat|lng|location|payee|card_number|claimed_\w+)($|_)")


def app_classification(app_config) -> dict:
    """The app's declarations (empty when it has no classification.py)."""
    module_name = f"{app_config.name}.classification"
    if find_spec(module_name) is None:
        return {}
    return getattr(importlib.import_module(module_name), "CLASSIFICATION", {})


def inventory() -> dict[str, dict[str, str]]:
    """{"app.Model": {"*": level, field: level, …}} over every app of the platform."""
    from django.apps import apps

    result = {}
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("gonghui."):
            result.update(app_classification(app_config))
    return result


def level_of(model, field_name: str) -> str | None:
    entry = inventory().get(model._meta.label, {})
    return entry.get(field_name, entry.get("*"))


# --- core's own tables ----------------------------------------------------------------------------------

CLASSIFICATION = {
    # a private file may be an ID card photo or a medical invoice: its content and name are sensitive
    "core.Attachment": {"*": INTERNAL, "original_name": SENSITIVE, "file": SENSITIVE},
    "core.AuditEvent": {"*": PERSONAL, "ip": PERSONAL},
    "core.AuditAnchor": {"*": INTERNAL, "archive_name": INTERNAL},
    "core.Job": {"*": INTERNAL, "ip": PERSONAL},
    "core.Message": {"*": PERSONAL},
    "core.SmsOptOut": {"*": PERSONAL},
    "core.LoginThrottle": {"*": INTERNAL},
    "core.ApiToken": {"*": INTERNAL, "name": INTERNAL},
    "core.UsedPassword": {"*": SENSITIVE},
    "core.UserSession": {"*": PERSONAL, "ip": PERSONAL, "user_agent": PERSONAL},
    "core.User": {"*": PERSONAL, "first_name": PERSONAL, "last_name": PERSONAL, "email": PERSONAL,
                  "display_name": PERSONAL, "totp_secret": SENSITIVE, "password": SENSITIVE},
    "core.WorkflowLog": {"*": INTERNAL},
    "core.Seal": {"*": INTERNAL},
}
