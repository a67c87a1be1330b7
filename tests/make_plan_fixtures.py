"""Writes the fixture plans' Word and PDF forms from their texts (tests/fixtures/plans/*.txt), so
the three stay in step: `python tests/make_plan_fixtures.py`. The PDFs are printed by headless
Chromium from the same structure as HTML, so their tables are real, ruled PDF tables. The
outputs are committed: the tests need neither Chromium nor this script."""

from __future__ import annotations

import html
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


def blocks(text: str, words):
    """('table', rows) / ('heading', level, text) / ('line', text), as the Word and PDF forms
    write them."""
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
            yield ("table", rows)
            continue
        if is_shouting(line.strip()):
            yield ("heading", 1, line.strip())
        elif heading.match(line.strip()) and len(line) < 120:
            yield ("heading", 2, line.strip())
        else:
            yield ("line", line)
        i += 1


def html_page(text: str, words) -> str:
    parts = ["<!doctype html><meta charset=utf-8><style>body{font:11pt sans-serif}"
             "table{border-collapse:collapse;margin:8pt 0}td{border:1px solid #000;padding:3pt}"
             "p{margin:0 0 2pt}</style>"]  # fmt: skip
    for block in blocks(text, words):
        if block[0] == "table":
            parts.append(
                "<table>"
                + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block[1]
                )
                + "</table>"
            )
        elif block[0] == "heading":
            parts.append(f"<h{block[1]}>{html.escape(block[2])}</h{block[1]}>")
        else:
            parts.append(f"<p>{html.escape(block[1]) or '&nbsp;'}</p>")
    return "\n".join(parts)


CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-pdf-header-footer"]  # fmt: skip


def main() -> None:
    words = words_of(load_network(ROOT / "data").vocabulary)
    for text_file in sorted(HERE.glob("*.txt")):
        text = text_file.read_text(encoding="utf-8")
        target = text_file.with_suffix(".docx")
        word_document(text, words).save(target)
        with tempfile.TemporaryDirectory() as scratch:
            page = Path(scratch) / "plan.html"
            page.write_text(html_page(text, words), encoding="utf-8")
            pdf = text_file.with_suffix(".pdf")
            subprocess.run(
                [*CHROMIUM, f"--user-data-dir={scratch}/profile", f"--print-to-pdf={pdf}", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        print(target.name, text_file.with_suffix(".pdf").name)


if __name__ == "__main__":
    main()
