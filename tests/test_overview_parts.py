"""The Overview's parts: the first view's made at once, each tab's the first time it is read,
and the same either way."""

import pandas as pd
import pytest

from analysis.frames import Filters, filter_actions
from analysis.overview import completeness, kind_counts
from figures import overview
from figures.parts import made_parts


def same_figure(a, b) -> bool:
    return a.to_json() == b.to_json()


@pytest.mark.parametrize("filters", [Filters(), Filters(cities=("isernia", "fot"))])
def test_tab_parts_are_made_when_read_and_kept(real, filters):
    view = overview.overview_view(real, filters)
    assert set(made_parts(view)) == {"numbers", "money", "interventions"}
    assert not {"map", "kinds", "completeness"} & set(vars(view))  # not made yet

    cities = real.cities[real.cities["id"].isin(filters.cities)] if filters.cities else real.cities
    actions = filter_actions(real.actions, filters)
    counts = kind_counts(cities, actions)
    pd.testing.assert_frame_equal(view.kinds.numbers, counts)
    assert "kinds" in vars(view)  # the figure made with its table
    entered = frozenset(cities.loc[cities["iap_entered"].astype(bool), "name"])
    assert same_figure(view.kinds.figure, overview.kind_figure(counts, entered))
    assert same_figure(view.map, overview.map_figure(cities, actions))
    pd.testing.assert_frame_equal(view.completeness, completeness(cities, actions))
    assert view.map is view.map  # kept, not made again
    with pytest.raises(AttributeError):
        view.no_such_part  # noqa: B018 - reading it is the test
