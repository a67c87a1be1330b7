"""The city report (outputs.report, `python -m models report`): every city's report renders,
holds its gaps with peer practices, escapes text from the data and loads nothing from outside."""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import REAL_DATA, ROOT, run_models, stamp_words
from markupsafe import escape

from analysis import gaps as mycity
from models import load_network
from outputs.report import city_report_html

CITIES = sorted(p.stem for p in (REAL_DATA / "cities").glob("*.yaml"))  # every city of data/


class _Parts(HTMLParser):
    """Text, and every attribute that would make a browser fetch something."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.fetches: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "poster", "data") or (name == "href" and tag == "link"):
                self.fetches.append(value)

    def handle_data(self, data):
        self.text.append(data)


def _parse(text: str) -> _Parts:
    parts = _Parts()
    parts.feed(text)
    return parts


@pytest.mark.parametrize("city", CITIES)
def test_every_city_report_renders_with_its_gaps(real, real_network, city):
    text = city_report_html(real, city, datetime.date(2026, 11, 24))
    parts = _parse(text)
    words = " ".join(" ".join(parts.text).split())
    name = mycity.city_row(real, city)["name"]
    assert f"{name} (" in words and stamp_words(real_network) in words
    for entry in mycity.gaps(real, city):
        assert f"{entry['intervention_label']} · {entry['cell_label']}" in words
        for suggestion in entry["suggestions"]:
            assert " ".join(suggestion["title"].split()) in words
    # self-contained: no script, no stylesheet, image or font fetched from anywhere
    assert "script" not in parts.tags and parts.fetches == []
    assert not re.search(r"url\(|@import", text)


def test_isernia_report_states_budget_and_completeness(real):
    words = " ".join(" ".join(_parse(city_report_html(real, "isernia")).text).split())
    assert "Known plan budget: €20,000 for 6 of 6 plan actions." in words
    assert "Isernia: 9 of 9 parts of the plan are complete in the data." in words
    assert "Self-assessment (self-reported)" in words and "Isernia has not assessed itself yet." in words


def test_unknown_budgets_are_said_unknown_not_zero(mini_network):
    from analysis.frames import build_tables

    # Béta (fixture): one plan action, its budget not known.
    words = " ".join(" ".join(_parse(city_report_html(build_tables(mini_network), "beta")).text).split())
    assert "No budget is known for any of the 1 plan action" in words
    assert "(shown as unknown, not as zero)." in words
    assert "€0" not in words


HOSTILE_NAME = 'Béta <script>alert("name")</script> & "Co"'
HOSTILE_TITLE = "<script>alert('x')</script> & <b>bold</b> \"quoted\""


def hostile_names(data_dir):
    """The mini network with markup, quotes and an ampersand in a city's name and an action's
    title (beta's first action, a peer practice in alpha's report)."""
    path = data_dir / "cities" / "beta.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    text = text.replace(title, f"    title: {json.dumps(HOSTILE_TITLE)}", 1)
    path.write_text(text.replace("name: Béta", f"name: {json.dumps(HOSTILE_NAME)}", 1), encoding="utf-8")
    network = load_network(data_dir)
    assert network.problems == []
    return network


def test_text_from_the_data_is_escaped(data_dir):
    from analysis.frames import build_tables

    tables = build_tables(hostile_names(data_dir))
    for city in ("alpha", "beta"):
        page = city_report_html(tables, city)
        assert "<script" not in page and "<b>bold" not in page
        assert escape(HOSTILE_TITLE) in page  # < > & " ' all escaped
        assert escape(HOSTILE_NAME) in page
        # Read back as text, the page says what the data says.
        assert HOSTILE_TITLE in "".join(_parse(page).text)
    assert f"<h1>{escape(HOSTILE_NAME)} (Outland)" in city_report_html(tables, "beta")


def test_the_templates_escape_and_fail_on_a_missing_variable():
    import jinja2

    from outputs.templates import ENVIRONMENT, render

    assert ENVIRONMENT.undefined is jinja2.StrictUndefined and ENVIRONMENT.autoescape is True
    with pytest.raises(jinja2.UndefinedError, match="name"):
        render("city_report.html.j2")
    # No template lets a value through unescaped.
    for template in (ROOT / "outputs" / "templates").glob("*.j2"):
        assert not re.search(r"\|\s*safe\b|autoescape\s+false", template.read_text(encoding="utf-8"))


def test_report_command_writes_the_file_and_refuses_an_unknown_city(tmp_path):
    out = tmp_path / "isernia.html"
    result = run_models("report", "isernia", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    wrong = run_models("report", "atlantis", "--out", str(tmp_path / "x.html"))
    assert wrong.returncode == 2 and b"No city with the id 'atlantis'" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
