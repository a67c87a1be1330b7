"""figures.parts.LazyParts, and the Transfers view's closed tabs made only when read (the
Overview's and Budgets' are in test_overview_parts.py and test_budget_parts.py)."""

import pytest

from analysis.frames import Filters
from figures.parts import LazyParts
from figures.transfers import page_view


def test_a_part_is_made_once_when_first_read():
    made = []

    def pair() -> dict:
        made.append("pair")
        return {"a": 1, "b": None}

    parts = LazyParts({"now": 0}, {"a": pair, "b": pair})
    assert dict(parts) == {"now": 0} and not made
    assert parts["b"] is None and parts["a"] == 1 and parts["b"] is None
    assert made == ["pair"]  # one call made both, and both are kept
    with pytest.raises(KeyError):
        parts["c"]


def test_transfers_tabs_are_made_when_read(real):
    view = page_view(real, Filters())
    assert set(view) == {"transfers", "flow"}  # the first view's, nothing of the closed tabs
    assert view["matrix"] is not None and view["parallel_sentence"]
    assert {"matrix", "parallel_sentence", "parallel_table"} <= set(view)
    assert not {"outside_sentence", "outside_table"} & set(view)  # not read yet: not made
