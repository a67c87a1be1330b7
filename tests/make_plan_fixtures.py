"""Writes the fixture plans' Word and PDF forms from their texts (tests/fixtures/plans/*.txt), so
the three stay in step: `python tests/make_plan_fixtures.py` (LibreOffice makes the PDFs from the
Word files, so their tables are real PDF tables). The outputs are committed: the tests do not
need LibreOffice."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from formats.plans.fixed_width import as_rows  # noqa: E402
from formats.plans.found import action_heading, is_shouting  # noqa: E402
from formats.plans.reading import words_of  # noqa: E402
from models import load_network  # noqa: E402

HERE = Path(__file__).parent / "fixtures" / "plans"
ROOT = Path(__file__).resolve().parent.parent


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def word_document(text: str, words) -> docx.Document:
    document = docx.Document()
    lines = as_rows(text.splitlines(), words)
    heading = action_heading(words)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = _cells(lines[i])
                if not all(set(c) <= set("-: ") for c in cells):
                    rows.append(cells)
                i += 1
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            continue
        if is_shouting(line.strip()):
            document.add_heading(line.strip(), level=1)
        elif heading.match(line.strip()) and len(line) < 120:
            document.add_heading(line.strip(), level=2)
        else:
            document.add_paragraph(line)
        i += 1
    return document


def main() -> None:
    words = words_of(load_network(ROOT / "data").vocabulary)
    for text_file in sorted(HERE.glob("*.txt")):
        target = text_file.with_suffix(".docx")
        word_document(text_file.read_text(encoding="utf-8"), words).save(target)
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(HERE), str(target)],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
        print(target.name, text_file.with_suffix(".pdf").name)


if __name__ == "__main__":
    main()
