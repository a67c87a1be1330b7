"""The presentation deck (outputs.deck) and `python -m models deck`: opened again with
python-pptx it holds the sequence's slides, native charts with the data's numbers, the
findings as titles, sources in the notes and the data stamp on every slide."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from conftest import (
    assert_intervention_title,
    entered_words,
    largest_plan_budget,
    plan_actions,
    run_models,
)
from pptx import Presentation
from pypdf import PdfReader

from analysis import coverage, presentation
from analysis.frames import Filters
from analysis.frames import plan_actions as plan_action_rows
from analysis.known import COVERED, GAP
from figures import presentation as presentation_figures
from models.knowledge import BROKEN, PLAN_ENTERED
from outputs import deck, slides

STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"


def build(tables, cities, views=tuple(presentation.VIEWS)):
    steps = presentation.steps(views, cities, tables)
    return Presentation(io.BytesIO(deck.deck_bytes(tables, steps, STAMP)))


def texts(slide) -> str:
    lines = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            lines.append(shape.text_frame.text)
        if shape.has_table:
            lines.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(lines)


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def tables_of(slide):
    return [shape.table for shape in slide.shapes if shape.has_table]


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def cell_word(n: int, state: str) -> str:
    """What a grid cell of a slide says: its count, "gap" or "not known"."""
    return str(n) if state == COVERED else "gap" if state == GAP else "not known"


def entered(tables, city: str) -> bool:
    return bool((tables.cities.loc[tables.cities["id"] == city, "knowledge"] == PLAN_ENTERED).all())


@pytest.fixture(scope="module")
def two_cities(real):
    return build(real, ["fot", "isernia"])


def test_steps_follow_the_model_order_and_drop_unknown_names(real):
    assert presentation.steps(
        ["transfers", "glance", "nonsense"], ["fot", "atlantis", "agen", "fot"], real
    ) == [
        "glance",
        "transfers",
        "city:fot",
        "city:agen",
    ]


def test_eleven_slides_for_two_cities_with_findings_as_titles(real, real_network, two_cities):
    titles = [s.shapes.title.text for s in two_cities.slides]
    assert len(titles) == 11
    assert titles[0] == "Breaking Isolation: ten plans on one model"  # data/model.yaml's network
    assert titles[1] == presentation_figures.present_view(real, "glance").title
    assert_intervention_title(titles[2], real_network)
    assert titles[3] == presentation_figures.present_view(real, "coverage").title
    assert titles[4] == presentation_figures.present_view(real, "gaps").title
    name, total = largest_plan_budget(real_network)  # Isernia's sourced €20,000 while it is the only one
    assert titles[5].startswith(name) and f"€{total:,.0f}" in titles[5]
    assert titles[6] == presentation_figures.present_view(real, "transfers").title
    assert titles[7] == presentation_figures.present_view(real, "progress").title
    assert titles[8] == presentation_figures.present_view(real, "city:fot").title  # names the city already
    assert "Fót" in titles[8] and "Isernia" in titles[9]
    assert titles[10] == "Sources"


def test_the_deck_builds_no_plotly_figure(real, monkeypatch):
    """Its titles and headlines are analysis's sentences: a plotly figure built on the way
    (to read its title, or the Overview's map) fails the build."""
    import plotly.basedatatypes  # noqa: PLC0415 - patched for this test only

    def refuse(*args, **kwargs):
        raise AssertionError("the deck built a plotly figure")

    monkeypatch.setattr(plotly.basedatatypes.BaseFigure, "__init__", refuse)
    made = build(real, ["fot", "isernia"])
    assert made.slides[1].shapes.title.text == presentation.findings(real, "glance").title
    assert len(made.slides) == 11


def test_every_slide_carries_the_stamp_and_every_view_cites_its_sources(real, two_cities):
    for slide in two_cities.slides:
        assert STAMP in texts(slide)
        assert STAMP in slide.notes_slide.notes_text_frame.text
    for index, step in [(3, "coverage"), (6, "transfers"), (7, "progress"), (8, "city:fot")]:
        notes = two_cities.slides[index].notes_slide.notes_text_frame.text
        shown = presentation_figures.present_view(real, step)
        assert shown.sources, step
        for source in shown.sources:
            assert source["title"] in notes
            assert (source["address"] or "address not recorded") in notes


def test_charts_are_native_and_hold_the_data(real, two_cities):
    # plan actions per intervention; budgets; progress (a city is a native table grid)
    assert [len(charts(s)) for s in two_cities.slides] == [0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0]
    for index, city in [(8, "fot"), (9, "isernia")]:
        grid = presentation_figures.present_view(real, f"city:{city}").grid
        (table,) = tables_of(two_cities.slides[index])
        rows = rows_of(table)
        assert rows[0] == ["Intervention", *dict.fromkeys(grid["cell_label"])]
        assert [r[0] for r in rows[1:]] == list(dict.fromkeys(grid["intervention_label"]))
        drawn = {
            (r[0], level): word for r in rows[1:] for level, word in zip(rows[0][1:], r[1:], strict=True)
        }
        expected = {
            (r.intervention_label, r.cell_label): cell_word(r.actions, r.state) for r in grid.itertuples()
        }
        assert drawn == expected
        assert grid["actions"].sum() > 0
        words = set(drawn.values())
        if entered(real, city):  # Isernia's IAP is entered: its empty cells are gaps
            assert "not known" not in words
        else:  # a plan not entered: no cell is called a gap
            assert "gap" not in words and "not known" in words
        assert slides.cell_key_sentence() in texts(two_cities.slides[index])
    assert entered(real, "isernia") and "gap" in {c for r in rows_of(table) for c in r}


def test_gaps_table_says_gap_or_not_known_where_a_city_has_no_plan_action(real, two_cities):
    table = next(s for s in two_cities.slides[4].shapes if s.has_table).table
    matrix = coverage.city_matrix(
        coverage.counted_actions(real.actions, Filters()), real.cities, real.vocabulary
    )
    header = [c.text for c in table.rows[0].cells]
    assert header == ["City", *dict.fromkeys(matrix["intervention_label"])]
    for row in list(table.rows)[1:]:
        cells = [c.text for c in row.cells]
        mine = matrix[matrix["city_name"] == cells[0]]
        assert cells[1:] == [
            cell_word(n, state) for n, state in zip(mine["actions"], mine["state"], strict=True)
        ]
        city = mine["city"].iloc[0]
        # a gap only in an entered plan's row; a plan not entered has cells not known instead
        assert ("gap" not in cells) if not entered(real, city) else ("not known" not in cells)
    # Roman, while no plan action of it is known and its plan is not entered: a row not known,
    # never a row of gaps (once its plan is entered, the loop above checks its row).
    if not entered(real, "roman") and not plan_action_rows(real.actions)["city"].eq("roman").any():
        roman = next(r for r in list(table.rows)[1:] if r.cells[0].text == "Roman")
        assert [c.text for c in roman.cells][1:] == ["not known"] * 4


def test_mini_gaps_table_says_gap_only_for_the_entered_plan(mini):
    shown = build(mini, [], views=("gaps",))
    (table,) = tables_of(shown.slides[1])
    assert rows_of(table) == [
        ["City", "Identify", "Help", "Raise awareness", "Prevent"],
        ["Alphaville", "1", "1", "1", "gap"],  # plan entered
        ["Béta", "not known", "1", "not known", "1"],  # plan not entered
        ["Gamma", "not known", "not known", "not known", "not known"],  # nothing known
    ]
    gap_cell = table.cell(1, 4)
    assert str(gap_cell.fill.fore_color.rgb) == "FFFFFF"
    assert str(table.cell(3, 1).fill.fore_color.rgb) == str(slides.NOT_KNOWN_FILL)


def test_a_city_with_unknown_budget_says_so_and_never_zero(mini):
    # Béta (fixture): one plan action, its budget not known
    text = texts(build(mini, ["beta"], views=()).slides[1])
    assert "Plan budget unknown (1 plan action)." in text
    assert "€0" not in text


def test_views_can_be_left_out(real):
    shown = build(real, ["agen"], views=("coverage",))
    titles = [s.shapes.title.text for s in shown.slides]
    assert titles[0] == "Breaking Isolation: ten plans on one model" and titles[-1] == "Sources"
    assert len(titles) == 4
    assert "Agen" in titles[2]


def test_a_city_without_plan_actions_still_gets_its_slide(mini):
    shown = build(mini, ["gamma"], views=())
    gamma = shown.slides[1]
    assert gamma.shapes.title.text == (
        "Gamma's plan is not entered and none of its plan actions is known yet: all 12 cells are not known"
    )
    text = texts(gamma)
    assert "Plan budget not known: the plan is not entered." in text
    assert "No plan action recorded." not in text  # that would claim the plan has none
    (table,) = tables_of(gamma)
    assert [c for r in rows_of(table)[1:] for c in r[1:]] == ["not known"] * 12


def test_an_entered_plan_city_slide_shows_its_gaps(mini):
    alpha = build(mini, ["alpha"], views=()).slides[1]
    assert alpha.shapes.title.text == (
        "Alphaville – Intensive support: only Help is covered (1 plan action); 9 of 12 cells are gaps"
    )
    (table,) = tables_of(alpha)
    words = [c for r in rows_of(table)[1:] for c in r[1:]]
    assert sorted(words) == sorted(["1"] * 3 + ["gap"] * 9)


def test_a_city_whose_file_is_broken_gets_a_slide_without_a_grid(data_dir):
    from analysis.frames import build_tables
    from models import load_network

    (data_dir / "cities" / "gamma.yaml").write_text("id: gamma\nname: Gamma\nactions: [\n", encoding="utf-8")
    tables = build_tables(load_network(data_dir))
    assert tables.cities.set_index("id").loc["gamma", "knowledge"] == BROKEN
    shown = build(tables, ["gamma"], views=())
    gamma = shown.slides[1]
    assert gamma.shapes.title.text == "Gamma: its data file has a problem, so nothing is shown of its plan"
    assert tables_of(gamma) == [] and charts(gamma) == []
    text = texts(gamma)
    assert "The file cities/gamma.yaml could not be read" in text
    assert "gap" not in text.replace("“gap”", "") and "not known" not in text


@pytest.fixture(scope="module")
def mini(mini_network):
    from analysis.frames import build_tables

    return build_tables(mini_network)


# --- the command line ---------------------------------------------------------------------------


def run_cli(*args):
    return run_models(*args, text=True)


def test_cli_writes_a_ten_slide_deck(tmp_path, real_network):
    out = tmp_path / "meeting.pptx"
    result = run_cli("deck", "--out", str(out), "--city", "isernia")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}: 10 slides. Data of ")
    assert entered_words(real_network) in result.stdout
    assert len(Presentation(str(out)).slides) == 10


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_deck_opens_in_libreoffice(tmp_path, real_network):
    out = tmp_path / "meeting.pptx"
    assert run_cli("deck", "--out", str(out), "--city", "isernia").returncode == 0
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(str(tmp_path / "meeting.pdf"))
    assert len(pdf.pages) == 10
    assert entered_words(real_network) in pdf.pages[3].extract_text()


def test_cli_every_city_by_default(tmp_path, real_network):
    out = tmp_path / "all.pptx"
    assert run_cli("deck", "--out", str(out)).returncode == 0
    # title, glance (2), coverage, gaps, budgets, transfers, progress, one per city, sources
    assert len(Presentation(str(out)).slides) == 9 + len(real_network.cities)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.pdf"], "give a name ending in .pptx"),
        (["--out", "{out}", "--city", "atlantis"], "No city with the id atlantis"),
        (["--out", "{out}", "--views", "glance,maps"], "Unknown view maps: choose from glance, coverage"),
    ],
)
def test_cli_bad_input_is_said_in_words(tmp_path, args, message):
    out = tmp_path / "d.pptx"
    result = run_cli("deck", *[a.format(out=out) for a in args])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_progress_slide_is_a_native_chart_of_the_indicators(real, real_network, two_cities):
    (chart,) = charts(two_cities.slides[7])
    shares = presentation_figures.present_view(real, "progress").shares
    counted = shares[shares["Indicators"] > 0]
    plot = chart.plots[0]
    assert list(plot.categories) == list(counted["Intervention"])
    good, behind, unreported = plot.series
    assert list(good.values) == [float(n) for n in counted["On track or achieved"]]
    # "no report yet" is a series of its own, never lumped with "behind"
    assert unreported.name == "No report yet" and behind.name == "Behind or not reached"
    assert list(unreported.values) == [float(n) for n in counted["No report yet"]]
    assert [g + b + r for g, b, r in zip(good.values, behind.values, unreported.values, strict=True)] == [
        float(n) for n in counted["Indicators"]
    ]
    indicators = sum(len(a.indicators) for a in plan_actions(real_network))
    assert f"{indicators} indicators" in texts(two_cities.slides[7])
