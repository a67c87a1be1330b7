"""Another network's model: the code names no id of the bundled model.

tests/fixtures/second_network is a fictional network ("Harbour Towns") that differs from
Breaking Isolation in every count and id: five interventions, two support levels, three
beneficiary groups, four focus areas, three funding sources, four cities (one plan entered).
Every page, export and command works on it and shows its name and axes, never the bundled
model's.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import FIXTURES, ROOT, run_models
from google.protobuf.json_format import MessageToDict
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from analysis import coverage, gaps, mycity
from analysis.frames import Filters, build_tables
from analysis.known import Basis
from formats.plans.placement import suggest
from formats.plans.reading import words_of
from models import load_network

SECOND = FIXTURES / "second_network"
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
NAME, TITLE = "Harbour Towns", "Harbour Towns: four port plans on one grid"
AXES = {
    "interventions": ["Spot", "Mentor", "Build skills", "Match with jobs", "Celebrate"],
    "support_levels": ["One to one", "Open door"],
    "beneficiaries": ["Young people out of work", "Employers", "Families"],
}

# The bundled network's name and the ids and labels of its model. "URBACT" is left out: the
# Import a plan page reads plans written to the URBACT IAP template, a document format.
BUNDLED = re.compile(
    r"breaking[ -]isolation|\b(identify|awareness|prevent|intensive|targeted|universal|isolated|at_risk"
    r"|at risk|helpers|all_citizens|all citizens|identify_isolated|diagnose_at_risk|community_care"
    r"|city_wide_answers|esf_plus|erasmus_plus|other_public|baseline study)\b",
    re.IGNORECASE,
)


def bundled_words(text: str) -> list[str]:
    """Each bundled name or id found, with the words around it."""
    return [text[max(0, m.start() - 60) : m.end() + 30] for m in BUNDLED.finditer(text)]


@pytest.fixture(scope="module")
def second():
    network = load_network(SECOND)
    assert [str(p) for p in network.problems] == []
    return build_tables(network)


def models_command(*args: str) -> subprocess.CompletedProcess:
    return run_models(*args, "--data", str(SECOND), text=True)


# --- the model as data ----------------------------------------------------------------------


def test_it_validates_with_its_own_counts_and_ids(second):
    done = models_command("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    vocab = second.vocabulary
    assert {kind: list(vocab.labels(kind).values()) for kind in AXES} == AXES
    assert vocab.name == NAME and vocab.title_line == TITLE and vocab.slug == "harbour-towns"


def test_counts_come_from_the_axes(second):
    found = gaps.city_cells(second, "porta")
    sentence = gaps.gaps_sentence(found, second, "Porta")
    assert "of 15 cells of interventions × beneficiary groups" in sentence  # 5 x 3
    assert "of 10 cells of interventions × support levels" in sentence  # 5 x 2


def test_the_first_support_level_is_named_as_the_file_says(second):
    cells = coverage.model_cells(coverage.counted_actions(second.actions, Filters()))
    answer = coverage.intensive_answer(cells, second.vocabulary, basis=Basis.of(second.cities))
    assert "at the one-to-one level" in answer
    assert coverage.uncovered_at_level(cells, second.vocabulary) == ["Spot", "Match with jobs", "Celebrate"]


def test_focus_areas_are_read_through_its_crosswalk(second):
    table = mycity.focus_table(second, "porta").set_index("Focus area")
    assert table["Where it falls on the model"].to_dict() == {
        "A. Reach them early": "Spot × young people",  # written in the file
        "B. Employers on board": "Match with jobs or Build skills × Employers",  # made from the labels
        "C. Close support": "One to one",
        "D. Alliances": "actions that name partners",
    }
    assert table["Actions concerned"].to_dict() == {
        "A. Reach them early": "Street team",
        "B. Employers on board": "Port job fair",
        "C. Close support": "Dock mentors",
        "D. Alliances": "Street team",
    }
    assert mycity.focus_areas_named(second.vocabulary) == "the Harbour Charter's four focus areas"


def test_the_import_places_actions_with_its_keyword_rules(second):
    def placed(title: str, text: str) -> tuple[list[str], list[str], list[str]]:
        found = suggest(title, text, "", words_of(second.vocabulary), second.vocabulary, "en")
        return found.interventions.ids, found.support_level.ids, found.beneficiaries.ids

    assert placed("Dock mentor", "a one-to-one coach for each school leaver and a parent") == (
        ["mentor"],
        ["one_to_one"],
        ["youth", "families"],
    )
    # No word of this network's rules: nothing is suggested (never a default that could pass
    # for a finding), whatever the bundled network's words would say.
    assert placed("Xyz", "nothing to go on") == ([], [], [])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "cells: {interventions: [spot], beneficiaries: [youth]}",
                "cells: {interventions: [spot], beneficiaries: [isolated]}",
            ),
            "model.yaml: focus_areas[early_reach].cells.beneficiaries: 'isolated' is not one of the "
            "beneficiary groups of this file: youth, employers, families",
        ),
        (
            ("    mentor: [mentor, coach]", "    help: [mentor, coach]"),
            "model.yaml: iap_import.interventions: 'help' is not one of the interventions of this file: "
            "spot, mentor, skills, match, celebrate",
        ),
        (
            ("    support_level: open_door", "    support_level: universal"),
            "model.yaml: iap_import.defaults.support_level: 'universal' is not one of the support levels "
            "of this file: one_to_one, open_door",
        ),
        (
            ("  - id: families", "  - id: employers"),
            "model.yaml: beneficiaries: the id 'employers' is used more than once; each id must be unique",
        ),
        (
            ('    colour: "#999933"', '    colour: "olive"'),
            "model.yaml: beneficiaries[3].colour: must be a colour written like '#0072B2'",
        ),
    ],
)
def test_a_wrong_model_file_is_reported_naming_file_and_field(tmp_path, change, expected):
    data = tmp_path / "data"
    shutil.copytree(SECOND, data)
    model = data / "model.yaml"
    text = model.read_text(encoding="utf-8")
    assert change[0] in text
    model.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    reported = [str(p) for p in load_network(data).problems]
    assert expected in reported, reported


def test_one_value_per_axis_is_enough(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SECOND, data)
    model = data / "model.yaml"
    text = model.read_text(encoding="utf-8")
    start, end = text.index("  - id: open_door"), text.index("beneficiaries:\n  - id: youth")
    text = (text[:start] + "\n" + text[end:]).replace("    open_door: [open, drop-in]\n", "")
    model.write_text(text.replace("support_level: open_door", "support_level: one_to_one"), encoding="utf-8")
    for city in (data / "cities").glob("*.yaml"):
        city.write_text(city.read_text(encoding="utf-8").replace("open_door", "one_to_one"), encoding="utf-8")
    network = load_network(data)
    assert [str(p) for p in network.problems] == []
    assert network.vocabulary.ids("support_levels") == ["one_to_one"]
    tables = build_tables(network)
    assert "of 5 cells of interventions × support levels" in gaps.gaps_sentence(
        gaps.city_cells(tables, "porta"), tables, "Porta"
    )


# --- every page ----------------------------------------------------------------------------


def _strings(value, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "formId", "key", "arrowData"):  # widget ids, table bytes (read below)
                _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, str):
        out.append(value)


def screen_text(node, out: list[str]) -> list[str]:
    """Every text a page shows: markdown, captions, metrics, tables, charts, widgets' labels."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        _strings(MessageToDict(proto), out)
    if type(node).__name__ in ("Dataframe", "Table"):
        out.append(node.value.to_csv())
    for child in getattr(node, "children", {}).values():
        screen_text(child, out)
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_shows_only_this_network(monkeypatch, page):
    monkeypatch.setenv("IAP_DATA_DIR", str(SECOND))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(screen_text(at._tree, []))
    assert NAME in text  # the sidebar's line, at least
    assert bundled_words(text) == []


def test_the_overview_is_titled_after_the_network_and_shows_its_axes(monkeypatch):
    monkeypatch.setenv("IAP_DATA_DIR", str(SECOND))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert [t.value for t in at.title][:1] == [TITLE]
    at.switch_page("pages/coverage.py").run()
    text = "\n".join(screen_text(at._tree, []))
    # the beneficiary groups' grid is the second tab, made when chosen
    at.session_state["coverage_tab"] = "Beneficiary groups"
    text += "\n".join(screen_text(at.run()._tree, []))
    for labels in AXES.values():
        assert all(label in text for label in labels)


# --- every command and export ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["gaps", "porta"],
        ["gaps", "kaimouth", "--format", "json"],
        ["report", "porta", "--out", "{out}/porta.html"],
        ["deck", "--out", "{out}/deck.pptx", "--city", "porta"],
        ["html-report", "--out", "{out}/network.html"],
        ["export", "--format", "xlsx", "--out", "{out}/data.xlsx"],
        ["export", "--format", "json", "--out", "{out}/data.json"],
        ["export", "--format", "csv", "--out", "{out}/data.csv"],
    ],
)
def test_every_command_runs_on_it(tmp_path, command):
    done = models_command(*(part.format(out=tmp_path) for part in command))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert bundled_words(done.stdout) == []


def _deck_text(path) -> str:
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_the_deck_shows_its_name_and_axes(tmp_path):
    out = tmp_path / "deck.pptx"
    assert models_command("deck", "--out", str(out), "--city", "porta").returncode == 0
    deck = Presentation(str(out))
    assert deck.slides[0].shapes.title.text_frame.text == TITLE
    text = _deck_text(out)
    assert f"{NAME} (Interreg Test)" in text  # every footer
    for kind in ("interventions", "support_levels"):  # the deck's grid (no groups grid, as for any network)
        assert all(label in text for label in AXES[kind]), kind
    assert bundled_words(text) == []


def _without_plotly_js(html: str) -> str:
    """The report's own text: the (large) plotly.js library and base map left out."""
    return re.sub(r"<script>(?:(?!</script>).){100000,}</script>", "", html, flags=re.DOTALL)


def test_the_reports_show_its_name_and_axes(tmp_path):
    assert models_command("html-report", "--out", str(tmp_path / "network.html")).returncode == 0
    assert models_command("report", "porta", "--out", str(tmp_path / "porta.html")).returncode == 0
    network = _without_plotly_js((tmp_path / "network.html").read_text(encoding="utf-8"))
    assert f"<h1>{TITLE}</h1>" in network
    city = (tmp_path / "porta.html").read_text(encoding="utf-8")
    assert f"<title>Porta - plan on the {NAME} model</title>" in city
    assert (
        "Where each of the four areas (Harbour Charter) falls on the model is the data team's reading."
        in city
    )
    for labels in AXES.values():
        assert all(label in city for label in labels), labels
    assert bundled_words(network) == [] and bundled_words(city) == []
