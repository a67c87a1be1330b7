"""`--lang` of `python -m models deck|report|html-report|gaps`: the deck and the reports are
written in the language asked for; English stays the default; the JSON's fields do not change.

The words come from a small test catalog (words.i18n pointed at a temporary locale folder),
so these tests do not depend on the project's French wording: each translation is the
English marked «fr», and a test checks that the marked words are there and the English not.
"""

from __future__ import annotations

import json

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from conftest import MINI
from pptx import Presentation

from cli.main import main
from words import i18n

MARK = "«fr» "

# English texts of the deck and the reports, each given a marked "translation".
WORDS = [
    "Sources",
    "gap",
    "not known",
    "Numbers behind this chart",
    "What the data holds",
    "Focus areas",
]


@pytest.fixture
def test_catalog(tmp_path, monkeypatch):
    """A French catalog holding WORDS (marked), read instead of locale/."""
    catalog = Catalog(locale="fr")
    for word in WORDS:
        catalog.add(word, MARK + word)
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.reload_catalogs()
    yield
    monkeypatch.undo()
    i18n.reload_catalogs()  # the next test reads the project's own catalogs again


def slide_texts(path) -> list[str]:
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def test_deck_in_french_and_in_english(test_catalog, tmp_path, capsys):
    french, english = tmp_path / "fr.pptx", tmp_path / "en.pptx"
    assert main(["deck", "--out", str(french), "--data", str(MINI), "--lang", "fr"]) == 0
    assert main(["deck", "--out", str(english), "--data", str(MINI)]) == 0
    said = slide_texts(french)
    assert MARK + "Sources" in said and "Sources" not in said  # the last slide's title
    assert MARK + "gap" in said and MARK + "not known" in said  # the grids' cell words
    assert "gap" not in said and "not known" not in said
    plain = slide_texts(english)
    assert "Sources" in plain and not any(MARK in text for text in plain)


def test_reports_in_french(test_catalog, tmp_path, capsys):
    out = tmp_path / "network.html"
    assert main(["html-report", "--out", str(out), "--data", str(MINI), "--lang", "fr"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert f"<summary>{MARK}Numbers behind this chart</summary>" in page
    assert "<summary>Numbers behind this chart</summary>" not in page
    city = tmp_path / "alpha.html"
    assert main(["report", "alpha", "--out", str(city), "--data", str(MINI), "--lang", "fr"]) == 0
    page = city.read_text(encoding="utf-8")
    assert f"<h2>{MARK}What the data holds</h2>" in page and "<h2>What the data holds</h2>" not in page


def test_gaps_keeps_its_fields_in_every_language(test_catalog, capsys):
    assert main(["gaps", "alpha", "--data", str(MINI)]) == 0
    english = json.loads(capsys.readouterr().out)
    assert main(["gaps", "alpha", "--data", str(MINI), "--lang", "fr"]) == 0
    french = json.loads(capsys.readouterr().out)

    def fields(value):
        if isinstance(value, dict):
            return {k: fields(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fields(v) for v in value]
        return type(value).__name__

    assert fields(french) == fields(english)


def test_a_language_without_a_catalog_is_refused(test_catalog, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["deck", "--out", str(tmp_path / "x.pptx"), "--data", str(MINI), "--lang", "xx"])
    assert stopped.value.code == 2
    assert "--lang" in capsys.readouterr().err
