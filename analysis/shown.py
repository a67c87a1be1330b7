"""Which cities a page really shows: one answer for its stamp, its findings and its rankings.

A page the sidebar filters apply to shows the cities they keep; a page they do not apply to
(My city, Compare, Progress) shows the cities chosen on the page itself, or the whole network
when it chose none. Reading the sidebar on such a page said "IAP entered for 0 of 1 city
shown" under a chart of another city.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.frames import Filters, Tables


@dataclass(frozen=True)
class Shown:
    """The cities a page shows (rows of tables.cities) and whether they are a selection of
    the network rather than all of it."""

    cities: pd.DataFrame
    selection: bool

    @property
    def ids(self) -> list[str]:
        return list(self.cities["id"])

    @property
    def entered(self) -> list[str]:
        """The ids of the shown cities whose plan (IAP) is entered: the only ones a ranking
        of plans may rank."""
        return list(self.cities.loc[self.cities["iap_entered"].astype(bool), "id"])


def page_cities(
    tables: Tables, filters: Filters, *, filters_apply: bool, own: Iterable[str] | None = None
) -> Shown:
    """The cities a page shows: the sidebar `filters`' cities where they apply, else the
    page's `own` choice (city ids; None: it chose none, so it shows the whole network).

        filters_apply, filters.cities=(fot,)   -> Fót, a selection
        not filters_apply, own=[isernia, agen] -> Isernia and Agen, a selection
        not filters_apply, own=None            -> every city, not a selection
    """
    cities = tables.cities
    chosen = tuple(filters.cities) if filters_apply else (tuple(own) if own is not None else ())
    if not chosen:
        return Shown(cities, selection=False)
    # In the network's order, whatever order they were chosen in; an id no longer in the
    # data (an old link) is no city shown.
    return Shown(cities[cities["id"].isin(chosen)], selection=True)
