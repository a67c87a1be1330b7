"""The house rules of the code's shape that no linter checks on its own, run once over the code
by `make lint` (and so by `make test` and `make check`):

- an import inside a function only where it breaks a real import cycle or defers a heavy
  optional import, and then a comment says which;
- nothing but ui/streamlit_private.py leans on Streamlit's private parts (streamlit.runtime,
  .web, .proto, .elements) or on a private module of plotly or python-pptx.

The layers themselves are checked by `lint-imports` (contracts in pyproject.toml).

    python scripts/house_rules.py        # prints each breach as path:line: what; exit 1 if any
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "models",
    "workspace",
    "formats",
    "analysis",
    "figures",
    "outputs",
    "words",
    "cli",
    "ui",
    "server",
    "pages",
)
REASONS = ("cycle", "deferred", "heavy", "optional")
PRIVATE_IMPORTS = ("streamlit.runtime", "streamlit.web", "streamlit.proto", "streamlit.elements")
PRIVATE_HOME = Path("ui") / "streamlit_private.py"  # the one module allowed to


def code_files(root: Path = ROOT) -> list[Path]:
    """Every module of the app and its command line."""
    return sorted(
        [p for package in PACKAGES for p in (root / package).rglob("*.py")]
        + [root / "app.py", root / "serve.py"]
    )


def _inner_imports(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, the import, the comment lines above it) of each import inside a function."""
    lines = text.splitlines()
    tree = ast.parse(text)
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


def unexplained_inner_imports(text: str) -> list[tuple[int, str]]:
    """Imports inside functions with no comment saying why (a cycle, a heavy import deferred)."""
    return [
        (line, source)
        for line, source, context in _inner_imports(text)
        if "#" not in context or not any(reason in context for reason in REASONS)
    ]


def private_imports(text: str) -> list[tuple[int, str]]:
    """Imports of Streamlit's private parts or of a private plotly / python-pptx module."""
    found = []
    for node in ast.walk(ast.parse(text)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        for name in names:
            if name.startswith(PRIVATE_IMPORTS) or (name.startswith(("plotly", "pptx")) and "._" in name):
                found.append((node.lineno, name))
    return found


def breaches(root: Path = ROOT) -> list[str]:
    """Every breach of the rules in the code under `root`, as 'path:line: what'."""
    out = []
    for path in code_files(root):
        name = path.relative_to(root)
        text = path.read_text(encoding="utf-8")
        out += [
            f"{name}:{line}: an import inside a function with no comment saying why "
            f"(a cycle, or a heavy import deferred): {source}"
            for line, source in unexplained_inner_imports(text)
        ]
        if name != PRIVATE_HOME:
            out += [
                f"{name}:{line}: imports {module}: use ui/streamlit_private.py or a public API"
                for line, module in private_imports(text)
            ]
    return out


def main() -> int:
    found = breaches()
    for breach in found:
        print(breach)
    files = len(code_files())
    print(f"House rules: {files} files, {2 * files} checks, {len(found)} breaches.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
