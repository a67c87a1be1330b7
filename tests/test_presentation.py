"""The presentation sequence's views (insights.presentation): findings, sentences and
sources for each view, and the projector copy of a figure."""

from __future__ import annotations

import pytest

from insights import budgets, coverage, presentation, transfers
from insights.frames import Filters


@pytest.mark.parametrize("step", [*presentation.VIEWS, "city:fot", "city:roman"])
def test_every_view_has_a_finding_sentences_sources_and_a_name(real, step):
    shown = presentation.view(real, step)
    assert shown["title"] and shown["lines"] and shown["name"]
    assert shown["heading"] == presentation.step_label(step, real)
    for source in shown["sources"]:
        assert source["title"]


def test_network_views_use_the_pages_findings(real):
    actions = real.actions
    by_city = budgets.budget_by_city(actions, real.cities)
    assert presentation.view(real, "budgets")["title"] == budgets.largest_budget_finding(actions, by_city)
    assert presentation.view(real, "transfers")["title"] == transfers.flow_title(real.transfers)
    cells = coverage.model_cells(coverage.counted_actions(actions, Filters()))
    table = coverage.grid(cells, real.vocabulary, coverage.LEVEL)
    assert presentation.view(real, "coverage")["title"] == coverage.levels_finding(table)


def test_a_city_view_says_what_is_known_and_unknown(real):
    fot = presentation.view(real, "city:fot")
    assert fot["heading"] == "Fót"
    assert "Plan document not yet entered: actions from the network's articles." in fot["lines"]
    assert "Plan budget unknown (2 plan actions)." in fot["lines"]
    assert any(line.startswith("Fót took 2 practices") for line in fot["lines"])
    isernia = presentation.view(real, "city:isernia")
    assert "Plan budget: €20,000, known for every plan action." in isernia["lines"]
    roman = presentation.view(real, "city:roman")
    assert "No plan action recorded." in roman["lines"]


def test_sources_text_for_notes():
    text = presentation.sources_text(
        [{"title": "Plan", "address": "https://example.org/p"}, {"title": "Talk", "address": ""}]
    )
    assert text == "Sources:\n- Plan — https://example.org/p\n- Talk — address not recorded"
    assert presentation.sources_text([]) == "Sources: none (nothing is shown)."


@pytest.mark.parametrize("step", ["glance", "coverage", "gaps", "budgets", "transfers", "city:agen"])
def test_projector_copy_is_large_untitled_and_leaves_the_original(real, step):
    original = presentation.view(real, step)["figure"]
    before = original.to_json()
    big = presentation.projector_view(real, step)
    assert original.to_json() == before  # the cached figure is never changed
    assert big.layout.title.text == ""  # the page states the finding in large type
    # type that still fits a 1024x768 window; the page gives the chart the window's room
    assert (
        big.layout.font.size >= (16 if step == "transfers" else 18)
        and big.layout.font.size != original.layout.font.size
    )
    assert big.layout.height >= 440
    assert len(big.data) == len(original.data)
