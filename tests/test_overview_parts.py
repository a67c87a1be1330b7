"""The Overview's parts: the first view's made at once, each tab's the first time it is read,
and the same either way."""

import pandas as pd
import pytest

from analysis.frames import Filters, filter_actions
from analysis.overview import completeness, kind_counts
from figures import overview


def same_figure(a, b) -> bool:
    return a.to_json() == b.to_json()


@pytest.mark.parametrize("filters", [Filters(), Filters(cities=("isernia", "fot"))])
def test_tab_parts_are_made_when_read_and_kept(real, filters):
    parts = overview.page_parts(real, filters)
    assert {"numbers", "money", "interventions", "interventions_table"} <= set(parts)
    assert not {"map", "kinds", "kinds_table", "completeness"} & set(parts)  # not made yet

    cities = real.cities[real.cities["id"].isin(filters.cities)] if filters.cities else real.cities
    actions = filter_actions(real.actions, filters)
    counts = kind_counts(cities, actions)
    pd.testing.assert_frame_equal(parts["kinds_table"], counts)
    assert "kinds" in parts  # made with its table
    entered = frozenset(cities.loc[cities["iap_entered"].astype(bool), "name"])
    assert same_figure(parts["kinds"], overview.kind_figure(counts, entered))
    assert same_figure(parts["map"], overview.map_figure(cities, actions))
    pd.testing.assert_frame_equal(parts["completeness"], completeness(cities, actions))
    assert parts["map"] is parts["map"]  # kept, not made again
    with pytest.raises(KeyError):
        parts["no such part"]
