"""The deck's chart numbers in the deck's language, whatever program draws them: a number
format carries its language's tag, so LibreOffice (which otherwise draws a format with the
separators of the machine, "20,000 €" in a French deck) writes "20 000 €" in French and
"€20,000" in English, as PowerPoint does."""

from __future__ import annotations

import io
import locale
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pypdf import PdfReader

from analysis import presentation
from analysis.stamp import stamp_text
from outputs import deck
from words import euro_format_code, format_language
from words.i18n import use_language


@pytest.mark.parametrize(
    ("language", "code"),
    [("en", '[$-409]"€"#,##0'), ("fr", '[$-40C]#,##0\u00a0"€"'), ("it", '[$-410]#,##0\u00a0"€"')],
)
def test_a_money_format_names_its_language(language, code):
    assert euro_format_code(language) == code


def test_a_language_without_a_windows_id_gets_no_tag():
    assert format_language("yue") == ""  # Cantonese: no Windows id of its own
    assert format_language("fr_CA") == "[$-C0C]"  # a country's own id where there is one


def _budget_deck(tables, language: str) -> bytes:
    with use_language(language):
        steps = presentation.steps(["budgets"], [], tables)
        return deck.deck_bytes(tables, steps, stamp_text(None, tables.cities))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_money_format_of_the_deck_carries_the_language(real, language):
    slides = Presentation(io.BytesIO(_budget_deck(real, language))).slides
    formats = [
        axis.tick_labels.number_format
        for slide in slides
        for shape in slide.shapes
        if shape.has_chart
        for axis in [shape.chart.value_axis]
        if "€" in axis.tick_labels.number_format
    ]
    assert formats, "no money chart in the budgets view"
    with use_language(language):
        assert set(formats) == {euro_format_code()}
    tag = re.match(r"\[\$-([0-9A-F]+)\]", formats[0])
    assert locale.windows_locale[int(tag.group(1), 16)].startswith(f"{language}_")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_draws_french_money_with_french_separators(real, tmp_path):
    """Isernia's plan states €20,000 (its IAP): LibreOffice draws it the French way."""
    (tmp_path / "fr.pptx").write_bytes(_budget_deck(real, "fr"))
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(tmp_path / "fr.pptx")],
        capture_output=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "fr.pdf")).pages)
    assert re.search(r"20[\s\u00a0\u202f]000[\s\u00a0\u202f]€", text)
    assert not re.search(r"\d,\d{3}", text), re.findall(r".{20}\d,\d{3}.{5}", text)
