"""The city report (insights.report, `python -m models report`): every city's report renders,
holds its gaps with peer practices, escapes text from the data and loads nothing from outside."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import REAL_DATA, ROOT, stamp_words

from insights import mycity
from insights.report import city_report_html
from models import load_network

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
    from insights.frames import build_tables

    # Béta (fixture): one plan action, its budget not known.
    words = " ".join(" ".join(_parse(city_report_html(build_tables(mini_network), "beta")).text).split())
    assert "No budget is known for any of the 1 plan action" in words
    assert "(shown as unknown, not as zero)." in words
    assert "€0" not in words


def test_text_from_the_data_is_escaped(data_dir):
    from insights.frames import build_tables

    path = data_dir / "cities" / "beta.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    path.write_text(
        text.replace(title, "    title: \"<script>alert('x')</script> & <b>bold</b>\"", 1), encoding="utf-8"
    )
    network = load_network(data_dir)
    assert network.problems == []
    html = city_report_html(build_tables(network), "alpha")
    assert (
        "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    )


def test_report_command_writes_the_file_and_refuses_an_unknown_city(tmp_path):
    out = tmp_path / "isernia.html"
    result = subprocess.run(
        [sys.executable, "-m", "models", "report", "isernia", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    wrong = subprocess.run(
        [sys.executable, "-m", "models", "report", "atlantis", "--out", str(tmp_path / "x.html")],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert wrong.returncode == 2 and b"No city with the id 'atlantis'" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
