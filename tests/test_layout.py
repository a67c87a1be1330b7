"""The house rules that no linter checks on its own: an import inside a function only where
it breaks a real import cycle or defers a heavy optional import, and then a comment says
which (the layers themselves are checked by `lint-imports`, contracts in pyproject.toml)."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

PACKAGES = ("models", "analysis", "figures", "outputs", "words", "cli", "ui", "pages")
FILES = sorted(
    [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")] + [ROOT / "app.py", ROOT / "serve.py"]
)
REASONS = ("cycle", "deferred", "heavy", "optional")


def _inner_imports(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    # the import's own line, or the comment lines just above it (a block of
                    # imports shares one comment)
                    above, i = [lines[node.lineno - 1]], node.lineno - 2
                    while i >= 0 and (
                        lines[i].strip().startswith(("#", "from ", "import ")) or not lines[i].strip()
                    ):
                        above.append(lines[i])
                        if lines[i].strip().startswith("#") and not lines[i - 1].strip().startswith("#"):
                            break
                        i -= 1
                    yield node.lineno, lines[node.lineno - 1].strip(), " ".join(above).lower()


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_an_import_inside_a_function_says_why(path):
    unexplained = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for line, text, context in _inner_imports(path)
        if "#" not in context or not any(reason in context for reason in REASONS)
    ]
    assert unexplained == [], (
        "imports inside functions with no comment saying why (a cycle, or a heavy import deferred)"
    )
