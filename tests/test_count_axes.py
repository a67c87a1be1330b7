"""Count axes: a tick per action while counts are small, plotly's own steps once they are
not (a tick per action at 300 cities drew thousands of ticks in the browser)."""

import pandas as pd

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
