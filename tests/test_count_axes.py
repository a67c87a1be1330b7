"""Count axes (Overview, Compare, Budgets' estimates): a tick per action while counts are
small, plotly's own steps once they are not (a tick per action at 300 cities drew hundreds
of ticks and gridlines, seconds of the browser's time)."""

import pandas as pd

from analysis.budgets import funding_by_source
from analysis.compare import interventions_table
from figures.budgets import funding_figure
from figures.compare import interventions_figure
from figures.overview import COUNT_TICKS, intervention_figure, kind_figure
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS


def interventions(counts: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"i{n}" for n in range(len(counts))],
            "Intervention": [f"Intervention {n}" for n in range(len(counts))],
            "Plan actions": counts,
            "Cities": [min(c, 3) for c in counts],
        }
    )


def kinds(totals: list[int]) -> pd.DataFrame:
    frame = pd.DataFrame({"City": [f"City {n}" for n in range(len(totals))]})
    for kind in ACTION_KINDS:
        frame[ACTION_KIND_LABELS[kind]] = 0
    frame[ACTION_KIND_LABELS[ACTION_KINDS[0]]] = totals
    frame["Total"] = totals
    return frame


def test_small_counts_tick_every_action():
    colours = {f"i{n}": "#123456" for n in range(3)}
    assert intervention_figure(interventions([1, 2, COUNT_TICKS]), colours).layout.yaxis.dtick == 1
    assert intervention_figure(interventions([0, 0, 0]), colours).layout.yaxis.dtick == 1
    assert kind_figure(kinds([1, COUNT_TICKS])).layout.xaxis.dtick == 1


def test_large_counts_leave_the_steps_to_plotly():
    colours = {f"i{n}": "#123456" for n in range(3)}
    assert intervention_figure(interventions([5, 40, 700]), colours).layout.yaxis.dtick is None
    assert kind_figure(kinds([2, COUNT_TICKS + 1])).layout.xaxis.dtick is None


def test_compare_and_estimates_axes_leave_large_counts_to_plotly(real):
    cities = tuple(real.cities["id"][:2])
    table = interventions_table(real, cities)
    assert interventions_figure(table, real).layout.yaxis.dtick == 1  # a few plan actions
    many = table.assign(**{"Plan actions": table["Plan actions"] * 100 + COUNT_TICKS})
    assert interventions_figure(many, real).layout.yaxis.dtick is None

    funding = funding_by_source(real.actions, real.vocabulary)
    if funding["possible_actions"].sum():
        assert funding_figure(funding, real.vocabulary).layout.xaxis2.dtick == 1
    many = funding.assign(possible_actions=funding["possible_actions"] + COUNT_TICKS + 1)
    assert funding_figure(many, real.vocabulary).layout.xaxis2.dtick is None
