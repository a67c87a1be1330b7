"""What a reader found: one action's text by field, the lines it came from, and which reader
found it; and the helpers every reader shares (table rows, headings, labelled lines, the
lines that are page furniture)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .words import Words, normal


@dataclass
class Found:
    title: str
    number: str | None
    reader: str
    lines: list[int] = field(default_factory=list)  # indexes into the document's lines
    fields: dict[str, list[str]] = field(default_factory=dict)
    kind: str = "action"  # or "idea": a section of ideas, not plan actions

    def add(self, name: str, text: str, at: int | None = None) -> None:
        if text and text.strip():
            self.fields.setdefault(name, []).append(text.strip())
        if at is not None and at not in self.lines:
            self.lines.append(at)

    def carry_on(self, name: str, text: str) -> None:
        """More of the field's last text: a cell that wraps onto the next line of its column."""
        if text and text.strip() and self.fields.get(name):
            self.fields[name][-1] += " " + text.strip()
        else:
            self.add(name, text)

    def richness(self) -> int:
        """How much the reader understood of it: one for the action, one per field it filled."""
        return 1 + len([f for f in self.fields if f not in ("title",)])


# --- numbers in titles -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^\s*(\d{1,2}(?:[.\-]\d{1,2}){0,2})[.):]?\s+(?=\S)")


def split_number(title: str) -> tuple[str | None, str]:
    """'1.1 Solar electricity' -> ('1.1', 'Solar electricity')."""
    match = _NUMBER.match(title)
    if match:
        return match.group(1), title[match.end() :].strip(" -–—:")
    return None, title.strip()


# --- table rows ------------------------------------------------------------------------------------


@dataclass
class Row:
    cells: list[str]
    lines: list[int]


def _cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [re.sub(r"\s+", " ", c.replace("**", "")).strip() for c in inner.split("|")]


def table_rows(lines: list[str], skip: set[int]) -> list[Row]:
    """Rows written `| a | b |`, a cell's text wrapping over several lines until the row's
    closing bar (as Markdown and PDFs printed from it write them). Separator rows dropped."""
    rows: list[Row] = []
    open_text, open_lines = "", []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not open_lines:
            if stripped == "|" and rows and rows[-1].lines[-1] == i - 1:
                rows[-1].lines.append(i)  # the last row's closing bar, wrapped onto a line of its own
                continue
            if not stripped.startswith("|") or i in skip:
                continue
            open_text, open_lines = stripped, [i]
        else:
            if i in skip:
                continue
            open_text += "\n" + stripped
            open_lines.append(i)
        if (open_text.endswith("|") and len(open_text) > 1) or len(open_lines) > 300:
            cells = _cells(open_text)
            if not all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
                rows.append(Row(cells, open_lines))
            open_text, open_lines = "", []
    return rows


# --- lines -------------------------------------------------------------------------------------------

_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|_{3,}|\s{3,}|\t)\s*\d{1,3}\s*$")


def heading_level(line: str) -> int | None:
    match = re.match(r"^(#{1,6})\s+\S", line.strip())
    return len(match.group(1)) if match else None


def heading_text(line: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", line.strip()).replace("**", "").strip()


def is_shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line) <= 90


def furniture(lines: list[str], pages: list[int], words: Words) -> set[int]:
    """Lines that are not the plan's content: page numbers ('7', 'Seite 34 von 228', 'Page 2 of
    9'), running headers and footers (a short line repeated on three pages or more, that is not
    a label or a heading), and the lines of a table of contents ('Action 1 ....... 5')."""
    page_word = "|".join(re.escape(w) for w in words.page_words) or "page"
    page_number = re.compile(
        rf"^(?:(?:{page_word}|seite|side|strana|stran|oldal)\s*)?[-–]?\s*\d{{1,4}}\s*[-–]?(?:\s*(?:/|of|von|di|de|sur|z|od|av)\s*\d{{1,4}})?$",
        re.IGNORECASE,
    )
    # After a page word, 'N <short word> M' in any language ('Страна 2 од 4', 'Σελίδα 2 από 4')
    paged = re.compile(
        rf"^(?:{page_word}|seite|side|strana|stran|oldal)\s+\d{{1,4}}\s+\w{{1,4}}\s+\d{{1,4}}$", re.IGNORECASE
    )
    counts = Counter(normal(line) for line in lines if line.strip() and not line.strip().startswith("|"))
    noise = set()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("|"):
            continue
        if page_number.match(stripped) or paged.match(stripped) or _TOC_LINE.search(stripped):
            noise.add(i)
            continue
        previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        if (
            counts[normal(stripped)] >= 3
            and len(stripped) <= 80
            and ":" not in stripped
            and not heading_level(stripped)
            and not words.field_of(stripped)
            and not is_action_heading(stripped, words)
            and labelled(previous, words) is None  # not a value under its label ('Lead' / 'City of X')
        ):
            noise.add(i)
    return noise


def action_heading(words: Words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in words.action_words)
    return re.compile(
        rf"^(?:#{{1,6}}\s*)?(?:\*\*)?(?:{alternatives})\s*(?:n[°º.]?\s*|no\.?\s*|nr\.?\s*|#\s*)?"
        rf"(\d{{1,2}}(?:[.\-]\d{{1,2}}){{0,2}})(?!\d)\s*[.:)\-–—]?\s*(?:\*\*)?\s*(.*)$",
        re.IGNORECASE,
    )


def is_action_heading(line: str, words: Words) -> bool:
    return bool(action_heading(words).match(line.strip())) and len(line) <= 160


def labelled(line: str, words: Words) -> tuple[str, str] | None:
    """'Coût estimé : 9 000 €' -> ('cost', '9 000 €'); 'Description' alone -> ('description',
    ''); a line that is not a label -> None."""
    text = line.strip().replace("**", "")
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = re.sub(r"^[-•–*]\s+", "", text)
    match = re.match(r"^([^:：]{2,70}?)\s*[:：]\s*(.*)$", text)
    if match:
        name = words.field_of(match.group(1), exact=True) or (
            words.field_of(match.group(1)) if len(match.group(1)) <= 45 else None
        )
        if name:
            return name, match.group(2).strip()
    name = words.field_of(text, exact=True)
    if name and len(text) <= 60:
        return name, ""
    return None


def sections(lines: list[str], words: Words) -> list[str | None]:
    """For each line, the kind of section it sits in: None for the plan's body, or 'contents',
    'recap', 'monitoring', 'ideas', 'stop' after a heading that opens such a section, until the
    next heading of the same rank or higher."""
    kinds: list[str | None] = []
    current: tuple[str, int] | None = None  # (kind, rank of its heading)
    for i, line in enumerate(lines):
        stripped = line.strip()
        rank = _heading_rank(lines, i, words)
        if (
            rank is None
            and stripped
            and ":" not in stripped
            and len(stripped) <= 60
            and normal(heading_text(stripped)) in words.sections
        ):
            rank = 2  # 'Autres idées' on a line of its own, even without a blank line after it
        if rank is not None:
            kind = words.section_of(heading_text(stripped))
            if kind:
                current = (kind, rank)
            elif current is not None and rank <= current[1]:
                current = None
        elif current is not None and current[0] == "contents" and stripped and not _TOC_LINE.search(stripped):
            current = None  # a table of contents ends with its last 'title ..... page' line
        kinds.append(current[0] if current else None)
    return kinds


def _heading_rank(lines: list[str], i: int, words: Words) -> int | None:
    """1-6 for Markdown headings, 1 for a line in capitals, 2 for a numbered chapter or a line
    alone between blank lines; None for any other line."""
    line = lines[i].strip()
    if not line or line.startswith("|"):
        return None
    level = heading_level(line)
    if level:
        return level
    if line.endswith(":") or len(line) > 80:
        return None
    label = labelled(line, words)
    if label is not None and label[1]:
        return None  # 'Cost: 2 000 €' alone between blank lines is a value, not a heading
    if is_shouting(line):
        return 1
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())
    beside_table = (i > 0 and lines[i - 1].strip().startswith("|")) or (
        i + 1 < len(lines) and lines[i + 1].strip().startswith("|")
    )  # a PDF's text keeps no blank line between a heading and its table
    alone = alone or (beside_table and len(line) <= 60 and not line.endswith("."))
    if re.match(r"^\d{1,2}(\.\d{1,2})*\.?\s+\w", line) or (
        alone and line[:1].isupper() and not line.endswith(".")
    ):
        return 2
    return None
