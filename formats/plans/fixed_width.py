"""Tables typed in plain text with aligned columns, a cell's text wrapping over several lines:

    Ação                 Responsável        Orçamento
    Visitas ao           Câmara Municipal   12 400 €
    domicílio            de Évora

Each line of such a table is rewritten as a row `| Visitas ao | Câmara Municipal | 12 400 € |`
(line for line, so the lines keep their places); a line whose first column is empty continues
the row above, as the column-table reader reads it."""

from __future__ import annotations

import re

from .words import Words, normal

_GAP = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|$)")


def _parts(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line)]


def _is_header(parts: list[tuple[int, str]], words: Words) -> bool:
    if len(parts) < 2:
        return False
    names = []
    for _, text in parts:
        if normal(text) in words.title_columns:
            names.append("title")
        elif name := words.field_of(text):
            names.append(name)
    return "title" in names and len(set(names)) >= 2 and len(names) >= len(parts) - 1


def as_rows(lines: list[str], words: Words) -> list[str]:
    out = list(lines)
    i = 0
    while i < len(lines):
        parts = _parts(lines[i])
        if lines[i].lstrip().startswith("|") or not _is_header(parts, words):
            i += 1
            continue
        starts = [start for start, _ in parts]
        out[i] = "| " + " | ".join(text for _, text in parts) + " |"
        blanks = 0
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                blanks += 1
                if blanks >= 2:
                    break
                j += 1
                continue
            blanks = 0
            row_parts = _parts(line)
            if words.section_of(line.strip()) and len(row_parts) == 1:
                break  # a heading after the table ('Monitoring')
            if (
                len(line) - len(line.lstrip()) < starts[1] - 1
                and len(row_parts) == 1
                and len(line) > starts[-1] + 30
            ):
                break  # a paragraph after the table
            cells = [""] * len(starts)
            for start, text in row_parts:
                column = (
                    max(n for n, s in enumerate(starts) if s <= start + 2) if start + 2 >= starts[0] else 0
                )
                cells[column] = (cells[column] + " " + text).strip()
            out[j] = "| " + " | ".join(cells) + " |"
            j += 1
        i = j
    return out
