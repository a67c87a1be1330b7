"""Presentation mode: the sequence of views (insights.presentation) one at a time, large,
for a projector. Next/previous by the buttons, the arrow keys or PageUp/PageDown (what a
presenter's clicker sends). The chosen views, cities and the position are kept in the
address (?views=...&cities=...&at=N), so a sequence prepared once reopens where it was.

UI only: every view, figure and sentence comes from insights.presentation.
"""

import html

import streamlit as st

from insights import deck, presentation, report_html
from ui import exports
from ui.data import cached_view, tables_or_stop
from ui.text import plain

tables = tables_or_stop()
names = dict(zip(tables.cities["id"], tables.cities["name"], strict=True))
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


# Full screen: no sidebar, no header; large type for the back of the room.
st.html(
    """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {
  display: none; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: 100%; }
.present-where { font-size: 1.15rem; color: #555; }
.present-title { font-size: 2.5rem; font-weight: 700; color: #1F3A5F; line-height: 1.2; margin: 0.2rem 0 0.6rem 0; }
.present-lines p { font-size: 1.45rem; line-height: 1.4; margin-bottom: 0.9rem; }
.present-cards { display: flex; gap: 1.2rem; margin-bottom: 0.8rem; }
.present-card { background: #F0F0F0; padding: 0.6rem 1.4rem; text-align: center; font-size: 1.4rem; }
.present-card b { display: block; font-size: 3.2rem; color: #1F3A5F; line-height: 1.1; }
.present-foot { font-size: 1rem; color: #555; }
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible { outline: none; }
</style>"""
)

top = st.columns([6, 1, 1, 1.3], vertical_alignment="center")
top[1].button(
    "Previous",
    key="present_prev",
    on_click=_go,
    args=(at - 1,),
    disabled=at <= 1,
    shortcut="Left",
    width="stretch",
)
top[2].button(
    "Next",
    key="present_next",
    on_click=_go,
    args=(at + 1,),
    disabled=at >= len(sequence),
    shortcut="Right",
    type="primary",
    width="stretch",
)
# What a presenter's clicker sends: the same moves, on buttons kept out of sight.
st.button("Previous page", key="present_pageup", on_click=_go, args=(at - 1,), shortcut="PageUp")
st.button("Next page", key="present_pagedown", on_click=_go, args=(at + 1,), shortcut="PageDown")
st.html(
    "<style>.st-key-present_pageup, .st-key-present_pagedown { position: absolute; left: -9999px; }</style>"
)

with top[3].popover("Set up", icon=":material/tune:", width="stretch"):
    st.multiselect(
        "Views",
        list(presentation.VIEWS),
        default=views,
        format_func=presentation.VIEWS.get,
        key="present_views",
        on_change=_chosen,
    )
    st.multiselect(
        "Cities (one view each, in this order)",
        list(names),
        default=cities,
        format_func=names.get,
        key="present_cities",
        on_change=_chosen,
    )
    st.caption(
        "Keys: → or PageDown for the next view, ← or PageUp for the previous one. The address keeps the "
        "views, the cities and the position: bookmark it to reopen the sequence."
    )
    stamp = exports.stamp(tables.cities, tables)
    st.download_button(
        "This sequence as PowerPoint",
        lambda: deck.deck_bytes(tables, sequence, stamp),
        file_name=exports.file_stem("breaking-isolation-presentation", tables) + ".pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="present_deck",
        on_click="ignore",
        icon=":material/slideshow:",
        help="Native PowerPoint charts you can edit, the findings as titles, sources in the notes.",
    )
    st.download_button(
        "Whole network as one HTML file",
        lambda: report_html.report_for(tables, stamp),
        file_name=exports.file_stem("breaking-isolation-report", tables) + ".html",
        mime="text/html",
        key="present_report",
        on_click="ignore",
        icon=":material/download:",
        help="Interactive charts that work without internet: nothing is loaded from outside the file.",
    )

if not sequence:
    top[0].markdown('<div class="present-where">Breaking Isolation</div>', unsafe_allow_html=True)
    st.info("No view chosen: open “Set up” and choose views or cities.")
    st.stop()

step = sequence[at - 1]
shown = cached_view(presentation.view, tables, step)
top[0].markdown(
    f'<div class="present-where">Breaking Isolation · {at} of {len(sequence)} · '
    f"{html.escape(presentation.step_label(step, tables))}</div>",
    unsafe_allow_html=True,
)
st.markdown(f'<div class="present-title">{html.escape(shown["title"])}</div>', unsafe_allow_html=True)

if step == "glance":
    cards = "".join(
        f'<div class="present-card"><b>{int(value)}</b>{html.escape(label)}</div>'
        for value, label in shown["cards"]
    )
    st.markdown(f'<div class="present-cards">{cards}</div>', unsafe_allow_html=True)

left, right = st.columns([3, 2], gap="large")
with left:
    if shown["figure"] is not None:
        big = cached_view(presentation.projector_view, tables, step)
        st.plotly_chart(
            exports.stamped(big, exports.stamp(tables.cities, tables)),
            key=f"present_chart_{step}",
            config=exports.chart_config(shown["name"], tables),
        )
with right:
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in shown["lines"])
    st.markdown(f'<div class="present-lines">{lines}</div>', unsafe_allow_html=True)
    if shown.get("legend"):
        st.caption(plain(shown["legend"]))  # names from the data: shown as text, never as HTML

sources = "; ".join(s["title"] for s in shown["sources"][:4])
more = len(shown["sources"]) - 4
st.markdown(
    f'<div class="present-foot">{html.escape(exports.stamp(tables.cities, tables))}. Sources: '
    f"{html.escape(sources) or 'none'}{f' and {more} more' if more > 0 else ''}.</div>",
    unsafe_allow_html=True,
)
