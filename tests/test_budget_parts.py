"""The Budgets page's parts: the first view's (headline, treemap) made at once, each tab's
the first time it is read, and the same as when made at once."""

import pandas as pd

from analysis import budgets as b
from analysis.frames import Filters
from figures import budgets as b_figures
from figures.parts import made_parts

TABS = {"city", "category", "funding", "apart", "timeline", "untimed"}


def same(a, b_) -> bool:
    return a.to_json() == b_.to_json()


def test_tab_parts_are_made_when_read(real):
    view = b_figures.budgets_view(real, Filters())
    assert set(made_parts(view)) == {"coverage", "headline", "notes", "unknown", "treemap"}
    assert not TABS & set(vars(view))  # nothing of the closed tabs made yet

    actions, vocab = real.actions, real.vocabulary
    table = b.budget_by_city(actions, real.cities)
    for per in (False, True):
        fig, numbers = view.city[per].figure, view.city[per].numbers
        assert same(fig, b_figures.city_figure(actions, table, vocab, per_inhabitant=per))
        pd.testing.assert_frame_equal(numbers, b.city_numbers(table))
    for by in b.BREAKDOWNS:
        assert same(view.category[by].figure, b_figures.category_figure(actions, vocab, by))
    by_source = b.funding_by_source(actions, vocab)
    assert same(view.funding.figure, b_figures.funding_figure(by_source, vocab))
    assert same(view.apart.figure, b_figures.apart_figure(actions, vocab))
    assert same(view.timeline.figure, b_figures.timeline_figure(actions, vocab))
    pd.testing.assert_frame_equal(view.untimed, b.timing_unknown_table(actions))
    assert set(vars(view)) >= TABS and view.city is view.city  # made once, then kept
