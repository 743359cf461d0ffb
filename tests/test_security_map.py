"""docs/security.md maps each control to the tests that prove it: every test it names must exist, so that a
renamed or deleted test cannot leave a control claimed without proof."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED_TEST = re.compile(r"`((?:src|tests)/[\w/.-]+\.py)::(test_\w+)")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")}


def test_every_test_named_in_the_security_map_exists():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    named = NAMED_TEST.findall(text)
    assert len(named) > 50
    missing = [f"{path}::{name}" for path, name in named
               if not (ROOT / path).is_file() or name not in _test_names(ROOT / path)]
    assert missing == []
