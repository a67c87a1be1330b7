"""The charts' font list is one the browser accepts: an unquoted family name with a part that
starts with a digit ("Source Sans 3") makes the whole CSS declaration invalid, and the browser
then draws the words in another font than the one plotly measured them in (a legend sized to
the measured words cut the drawn ones)."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from figures.theme import FONT_FAMILY, style

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
# An unquoted family name: identifiers (no part starting with a digit), separated by spaces.
IDENTIFIERS = re.compile(r"-?[A-Za-z_][\w-]*(?:\s+-?[A-Za-z_][\w-]*)*")


def test_every_family_name_is_valid_css():
    for name in (part.strip() for part in FONT_FAMILY.split(",")):
        quoted = len(name) > 1 and name[0] == name[-1] and name[0] in "\"'"
        assert quoted or name in GENERIC or IDENTIFIERS.fullmatch(name), name


def test_the_legend_is_drawn_in_the_charts_font():
    # Streamlit's chart theme gives the legend a font of its own, which would win over the
    # layout's: the legend names the family itself.
    fig = style(go.Figure(), "A title")
    assert fig.layout.legend.font.family == FONT_FAMILY == fig.layout.font.family
