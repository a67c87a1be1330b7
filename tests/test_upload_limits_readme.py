"""The README states the upload limits the code applies (issue 24, "the README says the upload
limits"): every figure in bold in its two limits paragraphs is one of the code's constants, in
the order the README gives them, so changing a limit without its sentence fails here."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from formats import upload_limits, worker
from formats.plans.document import LIMITS


def _paragraph(title: str) -> str:
    """The README paragraph that starts with `**title**`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"**{title}**")
    end = text.find("\n\n", start)
    return " ".join(text[start:end].split())


def _bold_figures(paragraph: str) -> list[str]:
    """The figures in bold (a page's name in bold is not one)."""
    return re.findall(r"\*\*(\d[^*]*)\*\*", paragraph)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _gb(size: int) -> str:
    return f"{size / 1_000_000_000:g} GB"


@pytest.mark.parametrize(
    "title, stated",
    [
        (
            "Upload limits.",
            [
                _mb(upload_limits.MAX_UPLOAD_BYTES),
                _mb(upload_limits.MAX_PART_BYTES),
                _mb(upload_limits.MAX_UNPACKED_BYTES),
                f"{upload_limits.MAX_PARTS:,}",
                f"{upload_limits.MAX_ROWS:,} rows",
                f"{upload_limits.MAX_COLUMNS:,} columns",
                f"{worker.TIME_LIMIT_S:g} seconds",
                _gb(worker.MEMORY_LIMIT_BYTES),
                f"{upload_limits.MAX_PROBLEMS:,} problems",
            ],
        ),
        (
            "Limits on plan documents.",
            [
                _mb(LIMITS.bytes),
                f"{LIMITS.pages:,} pages",
                f"{LIMITS.characters / 1_000_000:g} million characters",
                _mb(LIMITS.unpacked),
                f"{LIMITS.seconds:g} s",
                _gb(LIMITS.memory),
            ],
        ),
    ],
)
def test_the_readme_states_the_limits_the_code_applies(title, stated):
    assert _bold_figures(_paragraph(title)) == stated
