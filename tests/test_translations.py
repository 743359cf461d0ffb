"""Translations: zh-Hans is the default language, so every English msgid needs a Chinese msgstr; English
(the source language) must still be selectable. The .po files are read with a tiny parser (no polib)."""

import ast
import re
from pathlib import Path

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import trans_real

SRC = Path(__file__).resolve().parents[1] / "src" / "gonghui"
LOCALE = SRC / "locale"
ZH_PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
# Business apps keep their own catalogs (src/gonghui/<app>/locale), made by `makemessages` in the app folder.
APP_LOCALES = sorted(p.parent for p in SRC.glob("*/locale") if p.parent.name != "locale")
CATALOG_PAIRS = [(ZH_PO, EN_PO)] + [
    (app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po", app / "locale" / "en" / "LC_MESSAGES" / "django.po")
    for app in APP_LOCALES if (app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").exists()]
ALL_PO = [po for pair in CATALOG_PAIRS for po in pair]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgid, msgid_plural, msgstr / msgstr[n] (joined), flags, obsolete."""
    entries, current, key = [], None, None

    def finish():
        if current is not None and "msgid" in current:
            entries.append(current)

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            current, key = None, None
            continue
        if current is None:
            current = {"flags": set(), "obsolete": False}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, literal = line.partition(" ")
            current[key] = ast.literal_eval(literal)
            current["obsolete"] |= obsolete
    return entries


def translatable(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


def msgstrs(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """`make setup` builds the .mo files (gitignored); build them here too when missing or stale."""
    stale = [po for po in ALL_PO
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if stale:
        call_command("compilemessages", locale=["zh_Hans", "en"], ignore_patterns=[".venv", "node_modules"],
                     verbosity=0)
        # Forget catalogs loaded before the compile (what Django does when LOCALE_PATHS changes in a test).
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()
        trans_real.translation_catalog_exists.cache_clear()


# --- the catalogs -------------------------------------------------------------------------------------------

def test_the_chinese_catalog_translates_every_entry():
    entries = translatable(parse_po(ZH_PO))
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not all(msgstrs(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_every_app_catalog_translates_every_entry():
    for zh_po, _en_po in CATALOG_PAIRS[1:]:
        entries = translatable(parse_po(zh_po))
        assert [e["msgid"] for e in entries if not all(msgstrs(e))] == [], zh_po
        assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == [], zh_po


def _all_zh_entries() -> list[dict]:
    return [e for zh_po, _en_po in CATALOG_PAIRS for e in translatable(parse_po(zh_po))]


def test_chinese_translations_keep_the_placeholders():
    for entry in _all_zh_entries():
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in msgstrs(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry["msgid"]


def test_the_chinese_catalog_uses_one_plural_form():
    for zh_po, _en_po in CATALOG_PAIRS:
        header = next(e for e in parse_po(zh_po) if e["msgid"] == "")
        assert "nplurals=1; plural=0;" in header["msgstr"], zh_po
    for entry in _all_zh_entries():
        if "msgid_plural" in entry:
            assert set(k for k in entry if k.startswith("msgstr")) == {"msgstr[0]"}


def test_the_english_catalog_lists_the_same_msgids():
    for zh_po, en_po in CATALOG_PAIRS:
        zh = {e["msgid"] for e in translatable(parse_po(zh_po))}
        en = {e["msgid"] for e in translatable(parse_po(en_po))}
        assert zh == en, zh_po


def test_every_simple_trans_tag_in_the_templates_is_in_the_catalog():
    """Catches a new {% trans "…" %} added after the last `makemessages`."""
    known = {e["msgid"] for e in _all_zh_entries()}
    tag = re.compile(r"""{%\s*(?:trans|translate)\s+(?:"([^"]*)"|'([^']*)')(?:\s+(?:noop|as\s+\w+))?\s*%}""")
    missing = []
    for template in sorted([*(SRC / "templates").rglob("*.html"), *SRC.glob("*/templates/**/*.html")]):
        for double, single in tag.findall(template.read_text(encoding="utf-8")):
            if (double or single) not in known:
                missing.append(f"{template.relative_to(SRC)}: {double or single}")
    assert missing == []


# --- the pages ----------------------------------------------------------------------------------------------

def _get(client: Client, url: str, language: str):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_staff_sign_in_page_defaults_to_chinese():
    page = _get(Client(), reverse("staff:login"), "zh-CN,zh;q=0.9")
    assert "工作人员登录" in page and "登录" in page
    assert "Sign in" not in page


@pytest.mark.django_db
def test_staff_sign_in_page_without_accept_language_is_chinese():
    page = Client().get(reverse("staff:login")).content.decode()
    assert "工作人员登录" in page


@pytest.mark.django_db
def test_staff_sign_in_page_in_english():
    page = _get(Client(), reverse("staff:login"), "en-US,en;q=0.9")
    assert "Staff sign-in" in page and "Sign in" in page
    assert "登录" not in page


@pytest.mark.django_db
def test_the_language_cookie_wins_over_accept_language(settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Staff sign-in" in _get(client, reverse("staff:login"), "zh-CN")


@pytest.mark.django_db
def test_mobile_sign_in_page_in_chinese_and_english():
    chinese = _get(Client(), reverse("m:login"), "zh-CN")
    assert "短信验证码登录" in chinese and "注册账号" in chinese
    english = _get(Client(), reverse("m:login"), "en")
    assert "Sign in with a text-message code" in english and "Create an account" in english


@pytest.mark.django_db
def test_mobile_member_card_in_chinese_and_english(world):
    client = Client()
    client.force_login(world.users["worker"])
    chinese = _get(client, reverse("m:card"), "zh-CN")
    assert "我的会员卡" in chinese and "有效" in chinese
    english = _get(client, reverse("m:card"), "en")
    assert "My member card" in english and "Active" in english
