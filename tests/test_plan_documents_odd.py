"""Plan documents as people's programs save them, read for what they hold: a text file saved
as "Unicode" by Windows Notepad (UTF-16 with its byte-order mark) is a text file, and a Word
table inside a table cell (a layout plans use for an action's details) keeps its words; a Word
file cut short is said to be a damaged Word document, not something else."""

from __future__ import annotations

import io

import docx
import pytest

from formats.plans.document import Limits, UnreadablePlan, read_document

TEXT = "Action 1 – Café des voisins\nDescription : un café où se rencontrer\n"
LIMITS = Limits(memory=800_000_000, seconds=60)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_text_file_with_its_mark_is_read_as_text(encoding):
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode(encoding) + data
    document = read_document(data, "plan.txt", LIMITS)
    assert document.lines[:2] == ["Action 1 – Café des voisins", "Description : un café où se rencontrer"]


def _word(build) -> bytes:
    made = docx.Document()
    build(made)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


def _nested(made) -> None:
    outer = made.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Action 2"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "Title"
    inner.cell(0, 1).text = "Bench of Friendship"
    inner.cell(1, 0).text = "Cost"
    inner.cell(1, 1).text = "1 200 EUR"


def test_a_table_inside_a_word_table_keeps_its_words():
    document = read_document(_word(_nested), "plan.docx", LIMITS)
    text = "\n".join(document.lines)
    for words in ("Action 2", "Title", "Bench of Friendship", "Cost", "1 200 EUR"):
        assert words in text, text


def test_a_word_file_cut_short_is_said_to_be_a_damaged_word_document():
    with pytest.raises(UnreadablePlan) as refused:
        read_document(_word(_nested)[:3000], "plan.docx", LIMITS)
    assert refused.value.reason == "broken"
    assert "plan.docx" in refused.value.detail and "damaged" in refused.value.detail


def test_a_damaged_pdf_is_said_in_words_without_python_names():
    with pytest.raises(UnreadablePlan) as refused:
        read_document(b"%PDF-1.4\n" + bytes(range(256)) * 50, "plan.pdf", LIMITS)
    assert refused.value.reason == "broken"
    assert refused.value.detail == "plan.pdf is a PDF that cannot be read: it seems damaged or cut off"
