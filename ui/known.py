"""What is known about each city, shown the same way on every page: the notice of a city
whose data file has a problem (at the top of the page), and the legend of what is known
wherever cities are compared."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.frames import Tables, broken_cities
from analysis.known import CELL_MEANING, GAP, NOT_KNOWN, legend_rows
from ui.text import headers, plain
from words import number
from words.i18n import _, ngettext


def broken_file_notice(tables: Tables) -> None:
    """At the top of a page: each city whose data file has a problem, with the problem in
    words. The city stays in the page's counts and lists, without its plan."""
    broken = broken_cities(tables.cities)
    if broken.empty:
        return
    lines = [
        "- "
        + _("**{city}**: its data file ({file}) has a problem: {problem}").format(
            city=plain(row.name), file=plain(row.file), problem=plain(row.file_problem)
        )
        for row in broken.itertuples()
    ]
    st.warning(
        _("Shown without its plan until the file is fixed (the city stays in every count and list):")
        + "\n\n"
        + "\n".join(lines),
        icon=":material/report:",
    )


def knowledge_legend(cities: pd.DataFrame, *, cells: bool = True, key: str = "known") -> None:
    """The legend of what is known about the cities shown (and, with `cells`, what a gap and
    a cell not known mean), folded under a one-line summary."""
    entered = int((cities["knowledge"] == "plan_entered").sum())
    # Tracked, so the table is made only once someone opens the legend: a closed table still
    # makes the browser load the table's code before the page's first chart.
    box = st.expander(
        ngettext(
            "What is known: plan entered for {entered} of {n} city shown",
            "What is known: plan entered for {entered} of {n} cities shown",
            len(cities),
        ).format(entered=entered, n=number(len(cities))),
        icon=":material/info:",
        key=f"{key}_legend",
        on_change="rerun",
    )
    with box:
        if not box.open:
            return
        st.dataframe(headers(legend_rows(cities)), hide_index=True, key=f"{key}_legend_table", placeholder="")
        if cells:
            st.markdown(
                "- "
                + _("**gap** (white, dashed border): {meaning}.").format(meaning=_(CELL_MEANING[GAP]))
                + "\n- "
                + _("**not known** (grey): {meaning}.").format(meaning=_(CELL_MEANING[NOT_KNOWN]))
                + "\n- "
                + _("a number (blue): how many actions fall in the cell.")
            )
