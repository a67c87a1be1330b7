"""The presentation sequence's views (analysis.presentation): findings, sentences and
sources for each view, and the projector copy of a figure."""

from __future__ import annotations

import pytest

from analysis import budgets, coverage, presentation, transfers
from analysis import gaps as gap
from analysis.frames import Filters, build_tables
from analysis.known import GAP, NOT_KNOWN, Basis, legend_sentence
from figures import presentation as presentation_figures
from models.knowledge import PLAN_ENTERED


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


def entered(tables, city: str) -> bool:
    return bool((tables.cities.loc[tables.cities["id"] == city, "knowledge"] == PLAN_ENTERED).all())


@pytest.mark.parametrize("step", [*presentation.VIEWS, "city:fot", "city:roman"])
def test_every_view_has_a_finding_sentences_sources_and_a_name(real, step):
    shown = presentation_figures.present_view(real, step)
    assert shown.title and shown.lines and shown.name
    assert shown.heading == presentation.step_label(step, real)
    for source in shown.sources:
        assert source["title"]


def test_network_views_use_the_pages_findings(real):
    actions = real.actions
    by_city = budgets.budget_by_city(actions, real.cities)
    assert presentation_figures.present_view(real, "budgets").title == budgets.largest_budget_finding(
        actions, by_city
    )
    assert presentation_figures.present_view(real, "transfers").title == transfers.flow_title(real.transfers)
    counted = coverage.counted_actions(actions, Filters())
    cells = coverage.model_cells(counted)
    basis = Basis.of(real.cities)
    table = coverage.grid(cells, real.vocabulary, coverage.LEVEL, basis=basis)
    shown = presentation_figures.present_view(real, "coverage")
    assert shown.title == coverage.levels_finding(table, basis=basis)
    assert shown.lines[0] == coverage.intensive_answer(cells, real.vocabulary, basis=basis)
    assert shown.lines[0].endswith(basis.rests_on())
    assert presentation.cell_key_sentence() in shown.lines[1]
    gaps = presentation_figures.present_view(real, "gaps")
    matrix = coverage.city_matrix(counted, real.cities, real.vocabulary)
    assert gaps.heading == "Coverage per city: gaps and what is not known"
    assert gaps.title == coverage.matrix_finding(matrix)
    n_gaps, n_unknown = int((matrix["state"] == GAP).sum()), int((matrix["state"] == NOT_KNOWN).sum())
    assert gaps.lines[0].startswith(f"{n_gaps} of {len(matrix)} city × intervention cells are gaps")
    assert f"; {n_unknown} are not known yet" in gaps.lines[0]
    assert gaps.lines[1] == basis.rests_on()
    # the network views say what is known about each city
    for step in ("glance", "gaps"):
        shown = presentation_figures.present_view(real, step)
        assert legend_sentence(real.cities) in [shown.legend, *shown.lines]


def test_mini_gaps_view_counts_gaps_only_in_entered_plans(mini):
    shown = presentation_figures.present_view(mini, "gaps")
    # Alphaville (entered) leaves Prevent empty: 1 gap, in 1 city; Béta's 2 and Gamma's 4
    # empty cells are not known
    assert shown.lines == [
        "1 of 12 city × intervention cells are gaps of an entered plan (1 city); "
        "6 are not known yet (no known plan action, plan not entered).",
        "Based on 1 entered plan (Alphaville) of 3 cities; for the other 2 only the actions named "
        "in the network's articles are known.",
    ]
    assert shown.title == (
        "Too little is known to compare the 3 cities: only one plan (Alphaville) is entered; "
        "the other cells show only the actions named in the network's articles"
    )


def test_a_city_view_says_what_is_known_and_unknown(real):
    fot = presentation_figures.present_view(real, "city:fot")
    assert fot.heading == "Fót"
    assert any(line.startswith("Fót took up 2 practices") for line in fot.lines)
    fot_summary = gap.summary(gap.city_cells(real, "fot"), real, "Fót", coverage.LEVEL)
    assert fot_summary in fot.lines
    if not entered(real, "fot"):
        assert any(line.startswith("Plan budget unknown") for line in fot.lines)  # no source states it
        assert "IAP document not yet entered: actions from the network's articles." in fot.lines
        assert fot.title.startswith("Fót's plan is not entered: its ")
        assert "not known yet" in fot_summary and "gap" not in fot.title
        assert set(fot.grid["state"]) <= {"covered", NOT_KNOWN}
    isernia = presentation_figures.present_view(real, "city:isernia")  # Isernia's IAP is entered
    assert "IAP document entered." in isernia.lines
    assert "Plan budget: €20,000, known for every plan action." in isernia.lines
    isernia_summary = gap.summary(gap.city_cells(real, "isernia"), real, "Isernia", coverage.LEVEL)
    assert isernia_summary in isernia.lines and "(gaps)" in isernia_summary
    assert "cells are gaps" in isernia.title
    assert NOT_KNOWN not in set(isernia.grid["state"])
    roman = presentation_figures.present_view(real, "city:roman")
    if not entered(real, "roman") and not (real.actions["city"] == "roman").any():
        # nothing of Roman's plan is known: never "no plan action", never a gap
        assert roman.title == (
            "Roman's plan is not entered and none of its plan actions is known yet: all 12 cells are not known"
        )
        assert "Plan budget not known: the plan is not entered." in roman.lines
        assert "No plan action recorded." not in roman.lines


def test_mini_city_views_say_gap_only_for_the_entered_plan(mini):
    alpha = presentation_figures.present_view(mini, "city:alpha")
    assert alpha.title == (
        "Alphaville – Intensive support: only Help is covered (1 plan action); 9 of 12 cells are gaps"
    )
    assert (
        "Interventions × support levels: 9 of 12 cells hold none of Alphaville's plan actions (gaps); "
        "peer cities have actions in 3 of them." in alpha.lines
    )
    beta = presentation_figures.present_view(mini, "city:beta")
    assert beta.title == (
        "Béta's plan is not entered: its 1 known plan action falls in 2 of 12 cells; "
        "the other 10 are not known yet"
    )
    assert "Plan budget unknown (1 plan action)." in beta.lines
    gamma = presentation_figures.present_view(mini, "city:gamma")
    assert gamma.title == (
        "Gamma's plan is not entered and none of its plan actions is known yet: all 12 cells are not known"
    )
    assert (
        "Interventions × support levels: Gamma's plan is not entered; 12 of 12 cells are not known yet "
        "(no known action of it there); peer cities have actions in 6 of them." in gamma.lines
    )
    assert "Plan budget not known: the plan is not entered." in gamma.lines
    assert not any("gap" in line for line in gamma.lines + beta.lines)


def test_budget_words_for_a_city_without_plan_action(mini):
    by_city = budgets.budget_by_city(mini.actions, mini.cities[mini.cities["id"] == "gamma"])
    # an entered plan without a plan action has none; a plan not entered is not known
    assert presentation.budget_words(by_city, True) == ["No plan action recorded."]
    assert presentation.budget_words(by_city, False) == ["Plan budget not known: the plan is not entered."]


def test_sources_text_for_notes():
    text = presentation.sources_text(
        [{"title": "Plan", "address": "https://example.org/p"}, {"title": "Talk", "address": ""}]
    )
    assert text == "Sources:\n- Plan — https://example.org/p\n- Talk — address not recorded"
    assert presentation.sources_text([]) == "Sources: none (nothing is shown)."


@pytest.mark.parametrize("step", ["glance", "coverage", "gaps", "budgets", "transfers", "city:agen"])
def test_projector_copy_is_large_untitled_and_leaves_the_original(real, step):
    original = presentation_figures.present_view(real, step).figure
    before = original.to_json()
    big = presentation_figures.projector_figure(real, step)
    assert original.to_json() == before  # the cached figure is never changed
    assert big.layout.title.text == ""  # the page states the finding in large type
    # type that still fits a 1024x768 window; the page gives the chart the window's room
    assert (
        big.layout.font.size >= (16 if step == "transfers" else 18)
        and big.layout.font.size != original.layout.font.size
    )
    assert big.layout.height >= 440
    assert len(big.data) == len(original.data)
