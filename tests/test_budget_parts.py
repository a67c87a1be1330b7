"""The Budgets page's parts: the first view's (headline, treemap) made at once, each tab's
the first time it is read, and the same as when made at once."""

import pandas as pd

from analysis import budgets as b
from analysis.frames import Filters
from figures import budgets as b_figures

TABS = {"city", "category", "funding", "apart", "timeline", "untimed"}


def same(a, b_) -> bool:
    return a.to_json() == b_.to_json()


def test_tab_parts_are_made_when_read(real):
    parts = b_figures.view_for(real, Filters())
    assert {"coverage", "headline", "notes", "unknown", "treemap"} <= set(parts)
    assert not TABS & set(parts)  # nothing of the closed tabs made yet

    actions, vocab = real.actions, real.vocabulary
    table = b.budget_by_city(actions, real.cities)
    for per in (False, True):
        fig, numbers = parts["city"][per]
        assert same(fig, b_figures.city_figure(actions, table, vocab, per_inhabitant=per))
        pd.testing.assert_frame_equal(numbers, b.city_numbers(table))
    for by in b.BREAKDOWNS:
        assert same(parts["category"][by][0], b_figures.category_figure(actions, vocab, by))
    by_source = b.funding_by_source(actions, vocab)
    assert same(parts["funding"][0], b_figures.funding_figure(by_source, vocab))
    assert same(parts["apart"][0], b_figures.apart_figure(actions, vocab))
    assert same(parts["timeline"][0], b_figures.timeline_figure(actions, vocab))
    pd.testing.assert_frame_equal(parts["untimed"], b.timing_unknown_table(actions))
    assert set(parts) >= TABS and parts["city"] is parts["city"]  # made once, then kept
