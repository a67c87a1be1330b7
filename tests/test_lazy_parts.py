"""The Transfers view's closed tabs made only when read (the Overview's and Budgets' are in
test_overview_parts.py and test_budget_parts.py)."""

from analysis.frames import Filters
from figures.parts import made_parts
from figures.transfers import transfers_view


def made_later(view) -> set[str]:
    """The closed tabs' parts of `view` made so far (its cached properties already read)."""
    return set(vars(view)) - set(made_parts(view)) - {"tables", "filters"}


def test_transfers_tabs_are_made_when_read(real):
    view = transfers_view(real, Filters())
    assert set(made_parts(view)) == {"transfers", "flow"}  # the first view's parts
    assert made_later(view) == set()  # nothing of the closed tabs
    assert view.matrix is not None and view.parallel.sentence
    assert made_later(view) == {"matrix", "parallel"}  # outside not read yet: not made
    assert view.matrix is view.matrix  # made once, then kept
