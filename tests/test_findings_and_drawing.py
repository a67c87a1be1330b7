"""Findings are analysis's plain sentences; figures draw them (escaped for plotly) and never
write a title of their own (issue 25: findings in analysis, drawing in figures)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from analysis import overview, presentation
from analysis import progress as progress_findings
from analysis.frames import build_tables
from analysis.known import Basis
from figures import overview as overview_figures
from figures import presentation as presentation_figures
from figures import progress as progress_figures
from figures.theme import one_line

DAY = datetime.date(2026, 6, 1)


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


def drawn_title(fig) -> str:
    return one_line(fig.layout.title.text)


def test_the_overview_titles_are_analysis_sentences(mini):
    kinds = overview.kind_counts(mini.cities, mini.actions)
    entered = frozenset({"Alphaville"})
    assert drawn_title(overview_figures.kind_figure(kinds, entered)) == overview.kinds_finding(kinds, entered)
    counts = overview.intervention_counts(mini.actions, mini)
    colours = mini.vocabulary.colours("interventions")
    basis = Basis.of(mini.cities)
    assert drawn_title(overview_figures.intervention_figure(counts, colours, basis)) == (
        overview.interventions_finding(counts, basis)
    )
    assert drawn_title(overview_figures.map_figure(mini.cities, mini.actions)) == overview.map_finding(
        mini.cities
    )
    assert overview.map_finding(mini.cities).endswith("; 1 not on the map (position unknown)")  # Gamma


def test_a_finding_keeps_a_name_as_written_and_the_figure_escapes_it(mini):
    kinds = overview.kind_counts(mini.cities, mini.actions)
    kinds["City"] = kinds["City"].replace({"Alphaville": "A<b>&ville"})
    entered = frozenset({"A<b>&ville"})
    finding = overview.kinds_finding(kinds, entered)
    assert finding.startswith("A<b>&ville's entered plan holds 2 plan actions")
    assert drawn_title(overview_figures.kind_figure(kinds, entered)).startswith("A&lt;b&gt;&amp;ville's")


def test_the_timeline_title_is_analysis_sentence(mini):
    fig = progress_figures.periods_figure(mini, DAY)
    assert drawn_title(fig) == progress_findings.periods_finding(mini, DAY)
    assert "plan actions with known years have started by" in progress_findings.periods_finding(mini, DAY)


@pytest.mark.parametrize("step", [*presentation.VIEWS, "city:alpha"])
def test_a_view_is_its_findings_and_a_figure(mini, step):
    findings = presentation.findings(mini, step)
    shown = presentation_figures.present_view(mini, step)
    names = {field.name for field in dataclasses.fields(findings)}
    assert {field.name for field in dataclasses.fields(shown)} - {"figure"} == names
    assert shown.title == findings.title and shown.lines == findings.lines


def test_city_names_are_looked_up_in_one_place(mini, mini_network):
    assert mini.city_names() == {"alpha": "Alphaville", "beta": "Béta", "gamma": "Gamma"}
    assert mini_network.city_names() == mini.city_names()
    mini.city_names()["alpha"] = "changed"  # a new dict each time: the tables stay as they are
    assert mini.city_names()["alpha"] == "Alphaville"
