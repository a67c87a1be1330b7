"""A plan document as lines of text, whatever it came as: a PDF (with its tables found from the
page layout), a Word document (its headings and tables as such) or a text file.

Tables become rows written as `| cell | cell |`, the way a plan pasted as text (Markdown) writes
them, so one set of readers serves every form. Headings of a Word document become `# ` lines.
Every line keeps the page it came from, for the reviewer and for the summary.

Hostile files: the document is sized before it is parsed (`Limits`), and PDFs and Word files
are parsed in a separate process with a memory cap and a time limit, so a compressed-stream bomb
or a malformed file ends in a plain message and never starves the server.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import re
import subprocess
import sys
import threading
import traceback
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from .typography import mend_line

logger = logging.getLogger(__name__)


class UnreadablePlan(Exception):
    """The file cannot be read as a plan. `reason` is a key (empty, scanned, too_big, broken,
    not_text, timeout) and `detail` the words for the person; the page translates the reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    """Far above any action plan (the longest we know has 228 pages); stated in the README."""

    bytes: int = 50_000_000
    pages: int = 2_000
    characters: int = 5_000_000
    seconds: float = 90.0
    memory: int = 2_000_000_000  # bytes of memory the parsing process may take
    unpacked: int = 200_000_000  # bytes a Word document's parts may unpack to


LIMITS = Limits()


@dataclass
class Document:
    name: str
    kind: str  # "pdf", "docx" or "text"
    lines: list[str]
    pages: list[int]  # the page of each line (1 for a text or Word file)
    page_count: int
    tables: int = 0  # tables found in the layout (PDF, Word)
    characters: int = field(init=False)

    def __post_init__(self):
        self.characters = sum(len(line) for line in self.lines)

    def page_span(self, indexes: list[int]) -> tuple[int, int] | None:
        found = [self.pages[i] for i in indexes if 0 <= i < len(self.pages)]
        return (min(found), max(found)) if found else None


def kind_of(data: bytes) -> str:
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:2] == b"PK":
        return "docx"
    return "text"


def read_document(data: bytes, name: str, limits: Limits = LIMITS) -> Document:
    """The document's lines. Raises UnreadablePlan with a reason a person understands."""
    if not data or not data.strip():
        raise UnreadablePlan("empty", f"{name} is empty")
    if len(data) > limits.bytes:
        raise UnreadablePlan(
            "too_big", f"{name} has {len(data):,} bytes, more than the {limits.bytes:,} a plan may have"
        )
    kind = kind_of(data)
    if kind == "text":
        lines = _text_lines(data, name)
        document = Document(name, "text", lines, [1] * len(lines), 1)
    else:
        document = _read_once(kind, data, name, limits)
    if document.characters > limits.characters:
        raise UnreadablePlan(
            "too_big", f"{name} has more than {limits.characters:,} characters of text, more than a plan has"
        )
    if not any(line.strip() for line in document.lines):
        if kind == "pdf":
            raise UnreadablePlan("scanned", f"{name}: no text could be read (a scanned document?)")
        raise UnreadablePlan("empty", f"{name} holds no text")
    return document


# A text file that says how it is encoded (Windows Notepad's "Unicode" is UTF-16 with this mark).
_MARKS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _text_lines(data: bytes, name: str) -> list[str]:
    marked = [encoding for mark, encoding in _MARKS if data.startswith(mark)]
    for encoding in marked or ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadablePlan("not_text", f"{name} is not a PDF, a Word document or a text file")
    controls = sum(1 for c in text[:20_000] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > 0.01 * min(len(text), 20_000):
        raise UnreadablePlan("not_text", f"{name} is not a PDF, a Word document or a text file")
    return [mend_line(line).rstrip() for line in text.splitlines()]


# --- PDFs and Word documents, in a process of their own ------------------------------------------


# What the reading process made of a document, by the document's digest and the limits it was
# read under: the same file read again in this process (uploaded again, to another city, in
# another session) costs no second reading, a second or more of a core for a PDF. Only readings
# that succeeded are kept (a time-out or a memory failure may not recur), and only a few.
_KEPT_READINGS = 8
_readings: OrderedDict[tuple, Document] = OrderedDict()
_readings_lock = threading.Lock()


def _read_once(kind: str, data: bytes, name: str, limits: Limits) -> Document:
    key = (kind, hashlib.sha256(data).digest(), limits)
    with _readings_lock:
        kept = _readings.get(key)
        if kept is not None:
            _readings.move_to_end(key)
    if kept is None:
        kept = _in_worker(kind, data, name, limits)  # raises UnreadablePlan: nothing kept
        with _readings_lock:
            _readings[key] = kept
            while len(_readings) > _KEPT_READINGS:
                _readings.popitem(last=False)
    # a document of its own for each caller, under the name it was given this time
    return dataclasses.replace(kept, name=name, lines=list(kept.lines), pages=list(kept.pages))


def _in_worker(kind: str, data: bytes, name: str, limits: Limits) -> Document:
    # A fresh interpreter (`python -m formats.plans.document`): nothing of the server's state is
    # in it, it caps its own memory, and one that runs out of time is ended without harm.
    command = [sys.executable, "-m", "formats.plans.document", kind, str(limits.memory), str(limits.pages),
               str(limits.characters), str(limits.unpacked)]  # fmt: skip
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=limits.seconds, cwd=root, check=False
        )
    except subprocess.TimeoutExpired:
        raise UnreadablePlan(
            "timeout", f"{name} took longer than {limits.seconds:.0f} seconds to read, and was given up"
        ) from None
    if done.stderr:  # what the parser said about a file it could not read, for whoever runs the server
        logger.info("Reading %s: %s", name, done.stderr.decode("utf-8", "replace")[-4000:])
    try:
        outcome = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UnreadablePlan(
            "broken", f"{name} could not be read: it needs more memory than a plan does"
        ) from None
    if outcome[0] == "problem":
        raise UnreadablePlan(outcome[1], f"{name}{outcome[2]}")
    _, lines, pages, page_count, tables = outcome
    return Document(name, kind, lines, pages, page_count, tables)


def _cap(limits: Limits) -> None:
    try:
        # Optional: the module exists on Unix only (no memory cap on Windows).
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    except (ImportError, ValueError, OSError):  # not on this system: the time limit still holds
        pass


def _parse(kind: str, data: bytes, limits: Limits):
    """In the worker: the lines, or ("problem", reason, words after the file's name)."""
    try:
        if kind == "pdf":
            return _pdf(data, limits)
        return _docx(data, limits)
    except MemoryError:
        return ("problem", "broken", " could not be read: it needs more memory than a plan does")
    except _TooBig as too_big:
        return ("problem", "too_big", str(too_big))
    except Exception:  # noqa: BLE001 - any parser failure on a malformed file is "broken"
        traceback.print_exc()  # to the reading's standard error, logged by _in_worker
        what = "a PDF" if kind == "pdf" else "a Word document"
        return ("problem", "broken", f" is {what} that cannot be read: it seems damaged or cut off")


class _TooBig(Exception):
    pass


def _row(cells) -> str:
    kept: list[str] = []
    for cell in cells:
        text = re.sub(r"\s*\n\s*", " ", mend_line(cell or "")).strip().replace("|", "/")
        if kept and text and kept[-1] == text:
            continue  # a merged cell, repeated in each column it spans
        kept.append(text)
    return "| " + " | ".join(kept) + " |"


def _pdf(data: bytes, limits: Limits):
    # Deferred, heavy: pdfplumber loads only when a PDF is read (in the reading process).
    import pdfplumber

    lines: list[str] = []
    pages: list[int] = []
    tables_found = 0
    characters = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > limits.pages:
            raise _TooBig(f" has {len(pdf.pages):,} pages, more than the {limits.pages:,} a plan may have")
        for number, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            tables_found += len(tables)
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                return not any(
                    x0 <= obj.get("x0", 0) <= x1 and top <= obj.get("top", 0) <= bottom
                    for x0, top, x1, bottom in boxes
                )

            # Layout mode keeps the spacing of the page, so columns typed with spaces stay columns
            # and a gap between paragraphs stays a blank line.
            text_lines = page.filter(outside).extract_text(layout=True, layout_width_chars=160).split("\n")
            margin = min((len(t) - len(t.lstrip()) for t in text_lines if t.strip()), default=0)
            step = float(page.height) / max(len(text_lines), 1)
            items = [(n * step, [t[margin:].rstrip()]) for n, t in enumerate(text_lines)]
            for table in tables:
                rows = [_row(row) for row in table.extract() if any(c and c.strip() for c in row)]
                items.append((table.bbox[1], [*rows, ""]))
            for _, texts in sorted(items, key=lambda item: item[0]):
                for text in texts:
                    text = mend_line(text).rstrip()
                    characters += len(text)
                    lines.append(text)
                    pages.append(number)
            if characters > limits.characters:
                raise _TooBig(
                    f" has more than {limits.characters:,} characters of text, more than a plan has"
                )
            page.flush_cache()
            lines.append("")
            pages.append(number)
        return "lines", lines, pages, len(pdf.pages), tables_found


_HEADING_STYLE = re.compile(r"^(?:heading|titre|titolo|título|überschrift|rubrik)\s*(\d)", re.IGNORECASE)


def _docx(data: bytes, limits: Limits):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        # It starts as a zip (a Word file is one) but its directory is missing: cut short.
        return ("problem", "broken", " is a zip file (a Word document?) that is damaged or cut short")
    if unpacked > limits.unpacked:
        raise _TooBig(f" unpacks to {unpacked:,} bytes, more than a plan does")
    if "word/document.xml" not in archive.namelist():
        return ("problem", "not_text", " is a zip file, not a Word document")
    # Deferred, heavy: python-docx loads only when a Word document is read.
    import docx
    from docx.table import Table  # heavy (python-docx): deferred to the worker that reads a Word file

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            lines.extend(_row([_cell_text(cell) for cell in row.cells]) for row in block.rows)
            lines.append("")
            continue
        text = mend_line(block.text).rstrip()
        style = (block.style.name if block.style is not None else "") or ""
        level = _HEADING_STYLE.match(style)
        if text and (level or style.lower() == "title"):
            text = "#" * (int(level.group(1)) if level else 1) + " " + text.strip()
        lines.extend(text.split("\n"))
    return "lines", lines, [1] * len(lines), 1, tables


def _cell_text(cell) -> str:
    """A Word table cell's words, a table inside it included (python-docx's `cell.text` leaves
    a nested table out; plans lay out an action's details that way): each inner row on a line
    of its own, its cells joined by " / "."""
    from docx.table import Table  # heavy (python-docx): deferred to the worker that reads a Word file

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(" / ".join(_cell_text(inner) for inner in row.cells) for row in block.rows)
        else:
            parts.append(block.text)
    return "\n".join(parts)


if __name__ == "__main__":  # the worker: the file's bytes on standard input, JSON on standard output
    _kind, *_numbers = sys.argv[1:]
    _limits = Limits(memory=int(_numbers[0]), pages=int(_numbers[1]), characters=int(_numbers[2]),
                     unpacked=int(_numbers[3]))  # fmt: skip
    _cap(_limits)
    sys.stdout.write(json.dumps(_parse(_kind, sys.stdin.buffer.read(), _limits)))
