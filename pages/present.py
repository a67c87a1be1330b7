"""Presentation mode: the sequence of views (analysis.presentation) one at a time, large,
for a projector. Next/previous by the buttons, the arrow keys or PageUp/PageDown (what a
presenter's clicker sends). The chosen views, cities and the position are kept in the
address (?views=...&cities=...&at=N), so a sequence prepared once reopens where it was.

UI only: every view, figure and sentence comes from analysis.presentation.
"""

import html

import streamlit as st
from streamlit.errors import StreamlitAPIException

from analysis import presentation
from figures import presentation as presentation_figures
from figures.theme import HEADER_FILL, TITLE_INK
from outputs import deck, report_html
from ui import exports
from ui.data import cached_view, tables_or_stop
from ui.language import keeps_language
from ui.text import plain
from ui.window import window_size
from words.i18n import _, ngettext

tables = tables_or_stop()
names = tables.city_names()
params = st.query_params


def _listed(value: str | None, known: list[str]) -> list[str]:
    """'a,b' -> ['a', 'b'], keeping only known names; no parameter -> all."""
    if value is None:
        return list(known)
    return [v for v in (p.strip() for p in value.split(",")) if v in known]


views = _listed(params.get("views"), list(presentation.VIEWS))
cities = _listed(params.get("cities"), list(names))
sequence = presentation.steps(views, cities, tables)
try:
    at = int(params.get("at", "1"))
except ValueError:
    at = 1
at = min(max(at, 1), max(len(sequence), 1))


def _go(to: int) -> None:
    st.query_params["at"] = str(min(max(to, 1), max(len(sequence), 1)))


def _chosen() -> None:
    st.query_params["views"] = ",".join(st.session_state["present_views"])
    st.query_params["cities"] = ",".join(st.session_state["present_cities"])
    st.query_params["at"] = "1"


# Full screen, one slide per view: no sidebar, no header, no scrolling at any size from
# 1024x768 to 3840x2160. The page is a column as tall as the window: the top line, the
# title (at most two lines), the body (chart and words, taking what is left) and the stamp.
# Type scales with the window (clamp of vw/vh); the chart takes the body's width and height
# (its own type is set in pixels by analysis.presentation.projector).
st.html(
    # The palette is figures/theme.py's.
    f"<style>:root {{ --title-ink: {TITLE_INK}; --card-fill: {HEADER_FILL}; }}\n"
    """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {
  display: none; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden; }
[data-testid="stMainBlockContainer"] { padding: 1.6vh 2.4vw 1.2vh 2.4vw; max-width: 100%; height: 100vh;
  box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; flex-wrap: nowrap;
  gap: 0.8vh; }
.st-key-present_top { flex: none; align-items: center; gap: 0.8vw; }
.st-key-present_top > [data-testid="stElementContainer"]:first-child { flex: 1 1 auto; min-width: 0; }
.st-key-present_top button, .st-key-present_top a { font-size: clamp(0.9rem, min(1.05vw, 1.9vh), 2.2rem);
  min-height: clamp(2.2rem, 4.2vh, 5rem); white-space: nowrap; }
.st-key-present_top button *, .st-key-present_top a * { font-size: inherit !important; }
.present-where { font-size: clamp(0.95rem, min(1.3vw, 2.3vh), 2.8rem); color: #444; }
.present-title { font-size: clamp(1.3rem, min(2.45vw, 4.3vh), 5.6rem); font-weight: 700; color: var(--title-ink);
  line-height: 1.18; margin: 0; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; }
.present-lines p { font-size: clamp(1rem, min(1.45vw, 2.6vh), 3.4rem); line-height: 1.35; margin-bottom: 0.8em; }
.present-cards { display: flex; gap: 1vw; margin: 0; }
.present-card { background: var(--card-fill); padding: 0.6vh 1.2vw; text-align: center;
  font-size: clamp(0.9rem, min(1.3vw, 2.3vh), 3rem); }
.present-card b { display: block; font-size: 2.2em; color: var(--title-ink); line-height: 1.1; }
.present-stamp { font-size: clamp(1rem, min(1.35vw, 2.4vh), 3rem); color: #222; font-weight: 600; }
.present-foot { font-size: clamp(0.8rem, min(0.95vw, 1.7vh), 2.1rem); color: #444; line-height: 1.3;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.present-where p, .present-stamp p, .present-title p { margin: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_body) { flex: 1 1 0; min-height: 0; }
.st-key-present_body, .st-key-present_body [data-testid="stLayoutWrapper"],
.st-key-present_body [data-testid="stHorizontalBlock"], .st-key-present_body [data-testid="stColumn"],
.st-key-present_body [data-testid="stColumn"] > [data-testid="stVerticalBlock"],
.st-key-present_body [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; }
/* percentages do not reach through Streamlit's flex wrappers: they grow instead */
.st-key-present_body [data-testid="stLayoutWrapper"], .st-key-present_chart > [data-testid="stElementContainer"] {
  flex: 1 1 0 !important; min-height: 0; }
.st-key-present_body [data-testid="stColumn"] { overflow: hidden; }
.st-key-present_chart, .st-key-present_chart [data-testid="stElementContainer"] { height: 100% !important; min-height: 0; }
[data-testid="stMarkdownContainer"]:has(> .present-title, > .present-where, > .present-cards, > .present-stamp) {
  margin-bottom: 0; }
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible { outline: none; }
</style>"""
)

with st.container(horizontal=True, key="present_top", vertical_alignment="center"):
    where = st.empty()
    try:
        st.page_link(
            "pages/overview.py",
            label=_("Dashboard"),
            icon=":material/arrow_back:",
            help=_("Back to the Overview"),
        )
    except StreamlitAPIException:  # the page run on its own, outside the app's navigation
        st.markdown(
            f'<a href="./" target="_self">← {html.escape(_("Dashboard"))}</a>', unsafe_allow_html=True
        )
    st.button(
        _("Previous"),
        key="present_prev",
        on_click=_go,
        args=(at - 1,),
        disabled=at <= 1,
        shortcut="Left",
    )
    st.button(
        _("Next"),
        key="present_next",
        on_click=_go,
        args=(at + 1,),
        disabled=at >= len(sequence),
        shortcut="Right",
        type="primary",
    )
    setup = st.popover(_("Choose slides"), icon=":material/tune:")
# What a presenter's clicker sends: the same moves, on buttons kept out of sight.
st.button(_("Previous page"), key="present_pageup", on_click=_go, args=(at - 1,), shortcut="PageUp")
st.button(_("Next page"), key="present_pagedown", on_click=_go, args=(at + 1,), shortcut="PageDown")
# The window's size, for the type inside the chart (ui/window.py): its element kept out of sight too.
window = window_size("present_window")
st.html(
    "<style>.st-key-present_pageup, .st-key-present_pagedown, .st-key-present_window "
    "{ position: absolute; left: -9999px; }</style>"
)

with setup:
    st.multiselect(
        _("Views"),
        list(presentation.VIEWS),
        default=views,
        format_func={view: _(label) for view, label in presentation.VIEWS.items()}.get,
        key="present_views",
        placeholder=_("Choose views"),
        on_change=_chosen,
    )
    st.multiselect(
        _("Cities (one view each, in this order)"),
        list(names),
        default=cities,
        format_func=names.get,
        key="present_cities",
        placeholder=_("Choose cities"),
        on_change=_chosen,
    )
    st.caption(
        _(
            "Keys: → or PageDown for the next view, ← or PageUp for the previous one. The address keeps the "
            "views, the cities and the position: bookmark it to reopen the sequence."
        )
    )
    stamp = exports.stamp(tables.cities, tables)
    st.download_button(
        _("This sequence as PowerPoint"),
        # Built when clicked, outside this run: in the page's language (keeps_language).
        keeps_language(lambda: deck.deck_bytes(tables, sequence, stamp)),
        file_name=exports.file_stem(f"{tables.vocabulary.slug}-presentation", tables) + ".pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="present_deck",
        on_click="ignore",
        icon=":material/slideshow:",
        help=_("Native PowerPoint charts you can edit, the findings as titles, sources in the notes."),
    )
    st.download_button(
        _("Whole network as one HTML file"),
        keeps_language(lambda: report_html.report_for(tables, stamp)),
        file_name=exports.file_stem(f"{tables.vocabulary.slug}-report", tables) + ".html",
        mime="text/html",
        key="present_report",
        on_click="ignore",
        icon=":material/download:",
        help=_("Interactive charts that work without internet: nothing is loaded from outside the file."),
    )

if not sequence:
    where.markdown(
        f'<div class="present-where">{html.escape(tables.vocabulary.name)}</div>', unsafe_allow_html=True
    )
    st.info(_("No view chosen: open “Set up” and choose views or cities."))
    st.stop()

step = sequence[at - 1]
shown = cached_view(presentation_figures.present_view, tables, step)
stamp = exports.stamp(tables.cities, tables)
# The step and the window this run drew for, for browser tests to wait on (an event the page
# announces, not a quiet time): after a key or a resize, the run that answered it has drawn.
drawn_for = f' data-at="{at}" data-window="{window[0]}x{window[1]}"' if window else f' data-at="{at}"'
where.markdown(
    f'<div class="present-where"{drawn_for}>{html.escape(tables.vocabulary.name)} · '
    + html.escape(_("{at} of {total}").format(at=at, total=len(sequence)))
    + f" · {html.escape(presentation.step_label(step, tables))}</div>",
    unsafe_allow_html=True,
)
st.markdown(f'<div class="present-title">{html.escape(shown.title)}</div>', unsafe_allow_html=True)

if step == "glance":
    cards = "".join(
        f'<div class="present-card"><b>{int(value)}</b>{html.escape(label)}</div>'
        for value, label in shown.cards
    )
    st.markdown(f'<div class="present-cards">{cards}</div>', unsafe_allow_html=True)

with st.container(key="present_body"):
    left, right = st.columns([3, 2], gap="large") if shown.figure is not None else (None, st.container())
    if left is not None:
        # one figure per window size, to the nearest 40 pixels
        near = (round(window[0] / 40) * 40, round(window[1] / 40) * 40) if window else None
        big = cached_view(presentation_figures.projector_figure, tables, step, near)
        with left.container(key="present_chart"):
            st.plotly_chart(
                exports.stamped(big, stamp),
                key=f"present_chart_{step}",
                config=exports.chart_config(shown.name, tables),
                height="stretch",
                alt=shown.title,
            )
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in shown.lines)
    right.markdown(f'<div class="present-lines">{lines}</div>', unsafe_allow_html=True)
    if shown.legend:
        right.caption(plain(shown.legend))  # names from the data: shown as text, never as HTML

sources = "; ".join(s["title"] for s in shown.sources[:4])
more = len(shown.sources) - 4
if not sources:
    foot = _("Sources: none.")
elif more > 0:
    # One English wording for every count (as before); the catalog gives French its forms.
    foot = ngettext("Sources: {sources} and {more} more.", "Sources: {sources} and {more} more.", more)
else:
    foot = _("Sources: {sources}.")
st.markdown(
    f'<div class="present-stamp">{html.escape(stamp)}</div>'
    f'<div class="present-foot">{html.escape(foot).format(sources=html.escape(sources), more=more)}</div>',
    unsafe_allow_html=True,
)
