"""The slide toolkit (outputs.slides) through the one deck builder (outputs.deck), as the
Overview downloads it for the sidebar filters: opened again with python-pptx, its slides must
hold the same numbers, findings and words as the pages' table functions; titles state the
findings, grid cells say a number, "gap" or "not known" by their state, the budget chart
draws only known budgets, and every footer carries the data stamp."""

from __future__ import annotations

import ast
import dataclasses
import io

import pandas as pd
import pytest
from conftest import ROOT, assert_intervention_title, largest_plan_budget, plan_budgets
from pptx import Presentation
from pptx.util import Inches
from streamlit.testing.v1 import AppTest

from analysis import budgets, coverage, overview, presentation, transfers
from analysis.frames import Filters, build_tables, filter_actions
from analysis.known import COVERED, GAP, NOT_KNOWN, Basis
from figures import overview as overview_figures
from figures import presentation as presentation_figures
from outputs import deck, slides

# The filtered deck: title, the glance (numbers, then plan actions per intervention),
# coverage, gaps, budgets, transfers, progress, one slide per chosen city, sources.
TITLE, NUMBERS, INTERVENTIONS, COVERAGE, GAPS, BUDGETS, TRANSFERS, PROGRESS = range(8)
SOURCES = -1
STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


@pytest.fixture(scope="module")
def real_deck(real):
    return make_deck(real, Filters())


def make_deck(tables, filters):
    return Presentation(io.BytesIO(deck.for_filters(tables, filters, STAMP)))


def texts(slide) -> str:
    """Every text of a slide (text boxes and table cells), one line each."""
    lines = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            lines.append(shape.text_frame.text)
        if shape.has_table:
            lines.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(lines)


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def table_of(slide):
    (shape,) = [shape for shape in slide.shapes if shape.has_table]
    return shape.table


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- the deck as a whole ---------------------------------------------------------------------


def test_widescreen_slides_titled_with_the_findings(real, real_network, real_deck):
    actions = filter_actions(real.actions, Filters())
    counts = overview.intervention_counts(actions, real)
    figure = overview_figures.intervention_figure(counts, real.vocabulary.colours("interventions"))
    cells = coverage.model_cells(coverage.counted_actions(real.actions, Filters()))
    basis = Basis.of(real.cities)
    by_city = budgets.budget_by_city(actions, real.cities)
    assert (real_deck.slide_width, real_deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert [s.shapes.title.text for s in real_deck.slides] == [
        "Breaking Isolation: ten plans on one model",
        presentation_figures.present_view(real, "glance").title,
        figure.layout.title.text.replace("<br>", " "),
        coverage.levels_finding(
            coverage.grid(cells, real.vocabulary, coverage.LEVEL, basis=basis), basis=basis
        ),
        presentation_figures.present_view(real, "gaps").title,
        budgets.largest_budget_finding(actions, by_city),
        transfers.flow_title(real.transfers),
        presentation_figures.present_view(real, "progress").title,
        "Sources",
    ]
    titles = [s.shapes.title.text for s in real_deck.slides]
    assert_intervention_title(titles[INTERVENTIONS], real_network)
    name, total = largest_plan_budget(real_network)  # Isernia's sourced €20,000 while it is the only one
    assert titles[BUDGETS].startswith(name) and f"€{total:,.0f}" in titles[BUDGETS]


def test_the_overview_deck_is_the_present_deck_on_the_filtered_data(real):
    """One builder: for two cities, the network views on their data, then their city slides."""
    filters = Filters(cities=("fot", "isernia"))
    kept = deck.filtered(real, filters)
    assert set(kept.cities["id"]) == {"fot", "isernia"}
    assert kept.actions.equals(filter_actions(real.actions, filters))
    assert kept.transfers.equals(transfers.filter_transfers(real.transfers, real.actions, filters))
    assert deck.filter_steps(kept, filters) == [*presentation.VIEWS, "city:fot", "city:isernia"]
    shown = make_deck(real, filters)
    titles = [s.shapes.title.text for s in shown.slides]
    assert len(titles) == 11
    assert titles[GAPS] == presentation_figures.present_view(kept, "gaps").title
    assert titles[8] == presentation_figures.present_view(real, "city:fot").title
    assert "Isernia" in titles[9] and titles[SOURCES] == "Sources"
    # a city slide shows what Present shows: the grid, not bars
    assert charts(shown.slides[8]) == [] and len([s for s in shown.slides[8].shapes if s.has_table]) == 1


def test_every_footer_says_what_is_shown_and_carries_the_stamp(real):
    shown = make_deck(real, Filters(cities=("fot", "isernia")))
    assert STAMP in shown.slides[TITLE].placeholders[1].text_frame.text
    for slide in list(shown.slides)[1:]:
        assert f"Breaking Isolation (URBACT) · showing Fót, Isernia · {STAMP}" in texts(slide)
        assert STAMP in slide.notes_slide.notes_text_frame.text


def test_the_file_is_named_after_what_it_shows(real):
    assert deck.file_name(Filters(cities=("fot", "isernia")), real) == "breaking-isolation-fot-isernia"
    assert deck.file_name(Filters(), real) == "breaking-isolation-network"
    assert deck.file_name(Filters(kinds=("idea",)), real) == "breaking-isolation-network-idea"


def test_title_slide_says_what_is_shown_and_that_unknown_stays_unknown(real):
    subtitle = make_deck(real, Filters(cities=("fot", "agen"))).slides[TITLE].placeholders[1].text_frame.text
    assert "Showing Fót, Agen." in subtitle
    assert (
        "Figures from the cities' plans and the network's articles; unknown figures are shown as unknown"
        in (subtitle)
    )


@pytest.mark.parametrize("filters", [Filters(), Filters(cities=("isernia", "fot"))])
def test_headline_numbers_and_money_sentence(real, real_network, filters):
    view = overview_figures.overview_view(real, filters)
    numbers = view.numbers
    text = texts(make_deck(real, filters).slides[NUMBERS])
    for value, label in [
        (numbers["cities"], "cities"),
        (numbers["plan_actions"], "plan actions"),
        (numbers["testing_actions"], "testing actions"),
        (numbers["ideas"], "ideas (not funded)"),
        (numbers["transfers"], "transfers of practice"),
    ]:
        assert f"{value}\n{label}" in text
    assert view.money in text
    if not filters.cities:  # counted from the data: known budgets of plan actions, of all of them
        shown = plan_budgets(real_network).values()
        total, known, n = (
            sum(t for t, _, _ in shown),
            sum(k for _, k, _ in shown),
            sum(m for _, _, m in shown),
        )
        assert f"€{total:,.0f} reported for {known} of {n} plan actions" in text


@pytest.mark.parametrize("module", ["slides.py", "deck.py"])
def test_no_slide_module_imports_streamlit(module):
    tree = ast.parse((ROOT / "outputs" / module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name and name.split(".")[0] == "streamlit" for name in imported)


# --- plan actions per intervention --------------------------------------------------------------


@pytest.mark.parametrize("filters", [Filters(), Filters(cities=("isernia", "fot")), Filters(kinds=("idea",))])
def test_intervention_chart_is_native_and_equals_the_counts(real, filters):
    counts = overview.intervention_counts(filter_actions(real.actions, filters), real)
    (chart,) = charts(make_deck(real, filters).slides[INTERVENTIONS])
    plot = chart.plots[0]
    assert list(plot.categories) == list(counts["Intervention"])
    (series,) = plot.series
    assert list(series.values) == [float(v) for v in counts["Plan actions"]]
    colours = real.vocabulary.colours("interventions")
    drawn = [f"#{point.format.fill.fore_color.rgb}" for point in series.points]
    assert drawn == [colours[i].upper() for i in counts["id"]]


# --- coverage -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, filters",
    [
        ("real", Filters()),
        ("real", Filters(cities=("fot",))),
        ("real", Filters(cities=("isernia",))),  # Isernia's IAP is entered: its empty cells are gaps
        ("real", Filters(interventions=("help", "prevent"), kinds=("iap_action",))),
        ("mini", Filters()),
        ("mini", Filters(cities=("alpha",))),  # the only entered plan of the mini network
        ("mini", Filters(cities=("gamma",))),  # no action, plan not entered
    ],
)
def test_coverage_table_says_gap_or_not_known_exactly_where_the_grid_is_empty(request, data, filters):
    tables = request.getfixturevalue(data)
    cities = tables.cities[tables.cities["id"].isin(filters.cities)] if filters.cities else tables.cities
    basis = Basis.of(cities)
    cells = coverage.model_cells(coverage.counted_actions(tables.actions, filters), filters.interventions)
    grid = coverage.grid(cells, tables.vocabulary, coverage.LEVEL, filters.interventions, basis=basis)
    slide = make_deck(tables, filters).slides[COVERAGE]
    assert slide.shapes.title.text == coverage.levels_finding(grid, basis=basis)
    table = table_of(slide)
    rows = rows_of(table)
    levels = list(dict.fromkeys(grid["cell_label"]))
    assert rows[0] == ["Intervention", *levels]
    assert [r[0] for r in rows[1:]] == list(dict.fromkeys(grid["intervention_label"]))
    said = set()
    for i, label in enumerate(rows[0][1:], start=1):
        for j, row in enumerate(rows[1:], start=1):
            here = grid[(grid["intervention_label"] == row[0]) & (grid["cell_label"] == label)].iloc[0]
            n, state = int(here["actions"]), here["state"]
            cell = table.cell(j, i)
            fill = str(cell.fill.fore_color.rgb)
            if n == 0:
                # empty: a gap only when every shown plan is entered, otherwise not known
                assert state == (GAP if basis.all_entered else NOT_KNOWN)
                if state == GAP:
                    assert cell.text == "gap" and fill == "FFFFFF"
                    assert all(run.font.italic for run in cell.text_frame.paragraphs[0].runs)
                else:
                    assert cell.text == "not known" and fill == str(slides.NOT_KNOWN_FILL)
            else:
                assert state == COVERED
                assert cell.text == str(n)
                assert fill not in ("FFFFFF", str(slides.NOT_KNOWN_FILL))
            said.add(cell.text)
    if not basis.all_entered:
        assert "gap" not in said
    empty = bool((grid["actions"] == 0).any())
    if basis.all_entered and empty:  # Isernia's plan (real), Alphaville's (mini): entered
        assert "gap" in said and "not known" not in said
    if not basis.all_entered and empty:  # a plan not entered among those shown
        assert "not known" in said
    if (data, filters.cities) in {("real", ("isernia",)), ("mini", ("alpha",))}:
        assert basis.all_entered
    if (data, filters.cities) in {("mini", ()), ("mini", ("gamma",))}:
        assert not basis.all_entered
    shown = ", ".join(cities["name"]) if filters.cities else None
    text = texts(slide)
    assert (
        coverage.intensive_answer(cells, tables.vocabulary, filters.interventions, shown, basis=basis) in text
    )
    assert slides.cell_key_sentence() in text


def test_coverage_slide_names_the_interventions_nobody_covers_intensively(real, real_deck):
    text = texts(real_deck.slides[COVERAGE])
    cells = coverage.model_cells(coverage.counted_actions(real.actions, Filters()))
    missing = coverage.uncovered_at_level(cells, real.vocabulary)
    basis = Basis.of(real.cities)
    if missing and not basis.all_entered:
        # said of the known actions, with what it rests on - not as a fact about every plan
        assert (
            f"Interventions no known action covers at the intensive level: {', '.join(missing)}. "
            + basis.rests_on()
        ) in text
        assert "no city covers" not in text
    elif missing:
        assert f"Interventions no city covers at the intensive level: {', '.join(missing)}." in text


def test_mini_coverage_slide_says_what_the_answer_rests_on(mini):
    text = texts(make_deck(mini, Filters()).slides[COVERAGE])
    assert (
        "Interventions no known action covers at the intensive level: Identify, Raise awareness, Prevent. "
        "Based on 1 entered plan (Alphaville) of 3 cities; for the other 2 only the actions named "
        "in the network's articles are known."
    ) in text
    alpha = texts(make_deck(mini, Filters(cities=("alpha",))).slides[COVERAGE])
    assert (
        "Interventions no shown city (Alphaville) covers at the intensive level: Identify, Raise awareness, "
        "Prevent. Based on 1 entered plan: every shown city's plan is entered."
    ) in alpha


# --- budgets ------------------------------------------------------------------------------------


def test_mini_budget_chart_draws_only_the_known_budget_and_names_the_unknown(mini):
    slide = make_deck(mini, Filters()).slides[BUDGETS]
    (chart,) = charts(slide)
    plot = chart.plots[0]
    assert list(plot.categories) == ["Alphaville"]
    assert list(plot.series[0].values) == [4000.0]
    text = texts(slide)
    assert "Budget unknown for Béta (1 plan action)" in text
    assert "No plan action shown for Gamma." in text
    assert "€0" not in text.replace("never counted as €0", "")  # unknown is never drawn or said as 0
    assert (
        slide.shapes.title.text
        == "Alphaville's plan: €4,000, most of it (€3,000) for its Observatory; budgets are not compared with only 1 plan entered"
    )


def test_a_city_without_known_budget_gets_words_and_no_chart(mini):
    slide = make_deck(mini, Filters(cities=("beta",))).slides[BUDGETS]  # Béta: no budget known
    assert charts(slide) == []
    assert slide.shapes.title.text == "No plan action shown has a known budget"
    assert "Budget unknown for Béta (1 plan action)" in texts(slide)


def test_real_budget_chart_draws_the_known_budgets_only(real_deck, real_network):
    """A bar for each city with a known plan budget (Isernia's €20,000 is sourced), with its
    known total; the others are named, never drawn as zero (all counted from the data)."""
    slide = real_deck.slides[BUDGETS]
    (chart,) = charts(slide)
    shown = plan_budgets(real_network)
    drawn = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    assert drawn == {name: total for name, (total, known, _) in shown.items() if known}
    assert drawn["Isernia"] == 20000.0
    text = texts(slide)
    unknown = [name for name, (_, known, _) in shown.items() if not known]
    if unknown:
        line = next(line for line in text.splitlines() if line.startswith("Budget unknown for "))
        assert all(name in line for name in unknown), line
    for name, (total, known, n) in shown.items():
        if 0 < known < n:
            assert f"{name}: €{total:,.0f} known for {known} of {n} plan actions" in text


# --- transfers ----------------------------------------------------------------------------------


def expected_transfer_rows(moved: pd.DataFrame) -> list[list[str]]:
    numbers = transfers.flow_numbers(moved)
    return [
        [
            transfers.short_origin(r["From"]),
            transfers.short_name(r["Practice"], slides.NAME_LIMIT),
            f"{r['To city']}: {transfers.short_name(r['Adopting action'], slides.NAME_LIMIT)}",
        ]
        for _, r in numbers.iterrows()
    ]


@pytest.mark.parametrize("filters", [Filters(), Filters(cities=("fot",)), Filters(cities=("isernia",))])
def test_transfers_table_rows_match_the_transfers(real, filters):
    moved = transfers.filter_transfers(real.transfers, real.actions, filters)
    slide = make_deck(real, filters).slides[TRANSFERS]
    rows = rows_of(table_of(slide))
    assert rows[0] == ["From", "Practice", "To city: action"]
    assert len(moved) <= slides.MAX_TRANSFER_ROWS
    assert rows[1:] == expected_transfer_rows(moved)
    assert "more" not in texts(slide)


def test_real_transfers_include_the_ones_named_in_the_final_article(real_deck):
    rows = rows_of(table_of(real_deck.slides[TRANSFERS]))[1:]
    assert [
        "Brussels (Belgium)",
        "Culture on prescription",
        "Škofja Loka: Let's go to culture together",
    ] in rows
    assert any(r[0] == "Jumilla" and r[2].startswith("Agen:") for r in rows)


def test_long_transfer_lists_are_cut_and_say_how_many_more(real):
    doubled = dataclasses.replace(
        real, transfers=pd.concat([real.transfers, real.transfers], ignore_index=True)
    )
    slide = make_deck(doubled, Filters()).slides[TRANSFERS]
    rows = rows_of(table_of(slide))
    assert len(rows) == slides.MAX_TRANSFER_ROWS + 1
    assert rows[1:] == expected_transfer_rows(doubled.transfers)[: slides.MAX_TRANSFER_ROWS]
    assert f"And {2 * len(real.transfers) - slides.MAX_TRANSFER_ROWS} more" in texts(slide)


# --- sources and edge cases ---------------------------------------------------------------------


def test_sources_are_the_cited_documents_deduplicated(real, real_deck):
    text = texts(real_deck.slides[SOURCES])
    expected = {s["id"]: s for cited in real.actions["sources"] for s in cited}
    expected.update({s["id"]: s for s in real.transfers["source"]})
    assert len(expected) <= slides.MAX_SOURCES
    for source in expected.values():
        assert text.count(source["title"]) == 1
        assert source["address"] in text
    # most cited first: the final article (13 citations), then Isernia's plan (10)
    final = text.index("Breaking Isolation network comes to an end - final network article")
    assert final < text.index("Isernia's strategy to fight social isolation")


def test_sources_follow_the_filters(mini):
    text = texts(make_deck(mini, Filters(cities=("beta",))).slides[SOURCES])
    cited = {s["title"] for s in filter_actions(mini.actions, Filters(cities=("beta",)))["sources"].sum()}
    assert all(title in text for title in cited)
    assert "Alpha's action plan" not in text


def test_a_selection_with_nothing_in_it_still_gives_a_deck(mini):
    shown = make_deck(mini, Filters(cities=("gamma",)))
    titles = [s.shapes.title.text for s in shown.slides]
    # no plan action kept: no progress slide (only plan actions have indicators)
    assert len(titles) == 9 and titles[-2].startswith("Gamma") and titles[SOURCES] == "Sources"
    assert charts(shown.slides[BUDGETS]) == []
    assert shown.slides[BUDGETS].shapes.title.text == "No plan action shown has a known budget"
    assert "No plan action shown for Gamma." in texts(shown.slides[BUDGETS])
    assert "No transfer of practice matches the filters." in texts(shown.slides[TRANSFERS])


def test_progress_labels_leave_empty_segments_blank(real_deck):
    (chart,) = charts(real_deck.slides[PROGRESS])
    assert chart.plots[0].data_labels.number_format == "0;-0;;"


# --- the page -----------------------------------------------------------------------------------


def test_overview_page_runs_and_offers_the_slides(real_data):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons][:2] == ["Slides (.pptx)", "Download report (HTML)"]
    assert buttons[0].proto.help.startswith("A PowerPoint deck of what the filters show")


# --- the slide toolkit: python-pptx's public API, text kept as text --------------------------------


def _one_slide_deck():
    made = Presentation()
    made.slide_width, made.slide_height = slides.WIDTH, slides.HEIGHT
    return made, slides.new_slide(made, "A title", "A footer")


def test_chart_workbook_keeps_labels_that_look_like_formulas_or_numbers_as_text():
    import zipfile

    from openpyxl import load_workbook
    from pptx.enum.chart import XL_CHART_TYPE

    made, slide = _one_slide_deck()
    labels = ["=1+1 Alphaville", "@SUM(A1)", "-3", "12", "{=SUM(A1)}", "Škofja Loka"]
    data = slides.TextChartData(number_format="0")
    data.categories = labels
    data.add_series("=Series", [1, 2, 3, 4, 5, 6])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(6), Inches(4), data).chart
    slides.chart_look(chart, step=1, number_format="0")
    slides.data_labels(chart, "0")
    assert list(chart.plots[0].categories) == labels
    buffer = io.BytesIO()
    made.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        (name,) = [n for n in package.namelist() if n.endswith(".xlsx")]
        sheet = load_workbook(io.BytesIO(package.read(name))).worksheets[0]
    cells = [(sheet.cell(row, 1).value, sheet.cell(row, 1).data_type) for row in range(2, 8)]
    assert cells == [(label, "s") for label in labels]
    assert (sheet["B1"].value, sheet["B1"].data_type) == ("=Series", "s")
    assert [sheet.cell(row, 2).value for row in range(2, 8)] == [1, 2, 3, 4, 5, 6]
    # the labels are drawn on one line each (LibreOffice would break "€20,000")
    bodies = chart.element.xpath("c:chart/c:plotArea/*/c:dLbls/c:txPr/a:bodyPr")
    assert [body.get("wrap") for body in bodies] == ["none"]


def test_plain_table_has_no_banding_and_a_border_on_every_cell():
    made, slide = _one_slide_deck()
    shape = slide.shapes.add_table(2, 3, 0, 0, Inches(6), Inches(1))
    for i in range(2):
        for j in range(3):
            slides.table_cell(shape.table.cell(i, j), f"={i}+{j}", size=12, fill=slides.WHITE)
    slides.plain_table(shape)
    assert not shape.table.first_row and not shape.table.horz_banding
    for tc in shape.element.xpath(".//a:tc"):
        sides = [child.tag.split("}")[1] for child in tc.xpath("a:tcPr/*")]
        assert sides == ["lnL", "lnR", "lnT", "lnB", "solidFill"]  # the schema's order
    assert shape.table.cell(1, 2).text == "=1+2"


def test_the_deck_builder_uses_only_the_public_toolkit():
    tree = ast.parse((ROOT / "outputs" / "deck.py").read_text(encoding="utf-8"))
    private = sorted(
        {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "slides"
            and node.attr.startswith("_")
        }
    )
    assert private == []
