"""Present's charts for the window they are shown in: the type grows with a large window (a 4K
projector: twice), shrinks a little in a low one, and a flow diagram's labels wrap to the
room right of their column; the stamp grows with the type. Plain figures, no browser."""

from __future__ import annotations

import pytest

from figures import presentation as presentation_figures
from figures.presentation import PROJECTOR_FONT, SANKEY_FONT, type_scale
from figures.stamp import with_stamp


@pytest.mark.parametrize(
    ("window", "scale"),
    [
        ((1024, 768), 0.85),
        ((1280, 720), 0.85),
        ((1600, 900), 1.0),
        ((1920, 1080), 1.0),
        ((2560, 1440), 1.25),
        ((3840, 2160), 2.0),
        ((3840, 1080), 1.0),  # a wide, low window: its height decides
    ],
)
def test_type_scale_follows_the_window(window, scale):
    assert type_scale(*window) == scale


def _tick_size(fig) -> float:
    return fig.layout.yaxis.tickfont.size or fig.layout.xaxis.tickfont.size


def test_a_4k_window_doubles_the_chart_type(real):
    hd = presentation_figures.projector_figure(real, "budgets", (1920, 1080))
    uhd = presentation_figures.projector_figure(real, "budgets", (3840, 2160))
    assert hd.layout.font.size == PROJECTOR_FONT
    assert uhd.layout.font.size == 2 * PROJECTOR_FONT
    assert _tick_size(uhd) == pytest.approx(2 * _tick_size(hd), abs=1)
    assert uhd.layout.height == pytest.approx(2 * hd.layout.height, abs=2)
    assert uhd.layout.margin.l >= 1.8 * hd.layout.margin.l  # room for its row labels, twice as large


def test_the_stamp_grows_with_the_type(real):
    uhd = with_stamp(presentation_figures.projector_figure(real, "budgets", (3840, 2160)), "Data of today")
    hd = with_stamp(presentation_figures.projector_figure(real, "budgets", (1920, 1080)), "Data of today")
    assert uhd.layout.title.subtitle.font.size == pytest.approx(2 * hd.layout.title.subtitle.font.size, abs=1)


def test_a_page_figure_keeps_its_stamp_size(real):
    from analysis.budgets import budget_by_city
    from figures import budgets as budgets_figures

    treemap = budgets_figures.treemap_figure(
        real.actions, budget_by_city(real.actions, real.cities), real.vocabulary
    )
    stamped = with_stamp(treemap, "Data of today")
    assert stamped.layout.title.subtitle.font.size == 12


def _flow_labels(fig) -> list[str]:
    return [label for label in next(t for t in fig.data if t.type == "sankey").node.label if label]


def test_flow_labels_wrap_to_the_room_they_have(real):
    narrow = presentation_figures.projector_figure(real, "transfers", (1280, 720))
    wide = presentation_figures.projector_figure(real, "transfers", (1920, 1080))
    assert narrow.layout.font.size == round(0.85 * SANKEY_FONT)
    lines = {
        name: sum(label.count("<br>") + 1 for label in _flow_labels(fig))
        for name, fig in (("narrow", narrow), ("wide", wide))
    }
    assert lines["wide"] <= lines["narrow"]
    # same words, only the breaks differ
    words = [sorted(" ".join(_flow_labels(fig)).replace("<br>", " ").split()) for fig in (narrow, wide)]
    assert words[0] == words[1]
