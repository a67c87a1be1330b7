"""A PDF or Word document read once is not read again by the same process (formats/plans/
document.py keeps what its reading process made of it): the same bytes under the same limits
give the same lines without a second process, each caller gets a document of its own, and a
reading that failed is never kept."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from pdf_maker import text_pdf

from formats.plans import document as documents
from formats.plans.document import Limits, UnreadablePlan, read_document

LIMITS = Limits(memory=800_000_000, seconds=60)


@pytest.fixture
def readings(monkeypatch):
    """The reading processes started during the test, in order (each a real one)."""
    started: list[list[str]] = []
    real_run = subprocess.run

    def counted(command, *args, **kwargs):
        started.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(documents.subprocess, "run", counted)
    return started


def _pdf() -> bytes:
    """A PDF no other test reads (a reading kept by an earlier test would hide the process)."""
    return text_pdf(["Action 1 - Neighbourhood coffee", f"Reference {uuid.uuid4()}"])


def test_the_same_pdf_read_again_starts_no_second_reading(readings):
    data = _pdf()
    first = read_document(data, "plan.pdf", LIMITS)
    again = read_document(data, "copy of plan.pdf", LIMITS)
    assert len(readings) == 1
    assert again.lines == first.lines and again.pages == first.pages
    assert "Action 1 - Neighbourhood coffee" in first.lines
    assert (again.name, again.page_count, again.characters) == ("copy of plan.pdf", 1, first.characters)


def test_other_bytes_or_other_limits_are_read_afresh(readings):
    data = _pdf()
    read_document(data, "plan.pdf", LIMITS)
    read_document(_pdf(), "plan.pdf", LIMITS)
    read_document(data, "plan.pdf", Limits(memory=900_000_000, seconds=60))
    assert len(readings) == 3


def test_each_reader_gets_a_document_of_its_own(readings):
    data = _pdf()
    first = read_document(data, "plan.pdf", LIMITS)
    first.lines.clear()
    first.pages.clear()
    again = read_document(data, "plan.pdf", LIMITS)
    assert "Action 1 - Neighbourhood coffee" in again.lines
    assert len(again.pages) == len(again.lines)


def test_a_reading_that_failed_is_not_kept(readings, monkeypatch):
    data = _pdf()
    real_run = documents.subprocess.run

    def too_slow(command, *args, **kwargs):
        readings.append(command)
        raise subprocess.TimeoutExpired(command, LIMITS.seconds)

    monkeypatch.setattr(documents.subprocess, "run", too_slow)
    with pytest.raises(UnreadablePlan) as failed:
        read_document(data, "plan.pdf", LIMITS)
    assert failed.value.reason == "timeout"
    monkeypatch.setattr(documents.subprocess, "run", real_run)
    assert "Action 1 - Neighbourhood coffee" in read_document(data, "plan.pdf", LIMITS).lines
    assert len(readings) == 2
