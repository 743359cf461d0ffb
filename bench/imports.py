"""b. Member import (Gonghui's importer vs a raw COPY vs django-import-export): added once the importer
(gonghui.members.imports) is in place; until then the harness lists it as unavailable."""

from . import register


def _unavailable() -> str:
    try:
        import gonghui.members.imports  # noqa: F401
    except ImportError:
        return "gonghui.members.imports is not available yet"
    return "the import benchmark is not written yet"


@register("b", "member import", available=_unavailable)
def run(options):
    return []
