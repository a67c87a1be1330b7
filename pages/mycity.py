"""My city: one city's plan against the model and the network - gaps with peer practices,
focus areas, completeness, its self-assessment and a printable report.

UI only: tables and figures come from analysis.mycity, analysis.assessment and
outputs.report.
"""

from functools import partial

import pandas as pd
import streamlit as st

from analysis import assessment as assess
from analysis.coverage import GROUP, LEVEL
from figures import mycity
from models import assessments
from models.loader import resolve_data_dir
from outputs.report import city_report_html
from ui import exports, saving
from ui.access import current_author, editable_cities, editing_enabled, sign_in_widget
from ui.data import cached_view, tables_or_stop
from ui.language import keeps_language
from ui.render import chart, headers, plain
from ui.shown import page_shows
from words.i18n import N_, _
from workspace import read_assessment_for_editing, save_assessment

tables = tables_or_stop()
names = tables.city_names()
if not names:
    st.info(_("No city has loaded yet: see the problems on the Overview page."))
    st.stop()

st.title(_("My city: its plan against the model and the network"))
city = st.selectbox(
    _("City"),
    list(names),
    format_func=names.get,
    key="my_city",
    bind="query-params",
    help=_("Kept in the page address: share the link and it opens on this city."),
)
page_shows([city])  # its stamp and findings: this city, whatever the sidebar keeps
row = tables.cities[tables.cities["id"] == city].iloc[0]
if row["knowledge"] == "broken":
    st.error(
        _(
            "{city}'s data file ({file}) has a problem, so nothing is shown of "
            "its plan until it is fixed: {problem}"
        ).format(city=plain(row["name"]), file=plain(row["file"]), problem=plain(row["file_problem"]))
    )
    st.stop()
view = cached_view(mycity.mycity_view, tables, city)
name = view.name
if not view.plan_entered:
    st.info(
        _(
            "**{city}'s plan is not entered yet.** What you see are the actions named in the network's "
            "articles; a cell they do not reach is *not known*, not a gap. Enter the plan (Edit a plan, Import a "
            "plan, or the Spreadsheet) and its gaps appear here."
        ).format(city=plain(name)),
        icon=":material/info:",
    )
st.caption(
    _(
        "This page shows the city's whole plan; the sidebar filters do not apply here. A cell is covered "
        "when one of the city's plan actions falls there; peer actions are every action of another city in "
        "the cell (plan actions, testing actions and ideas)."
    )
)
st.markdown(f"**{plain(view.gaps_sentence)}** {plain(view.completeness_sentence)}")

# --- the grids, the city beside the network ----------------------------------------------------
GRID_HEADINGS = {GROUP: N_("Interventions × beneficiary groups"), LEVEL: N_("Interventions × support levels")}
st.header(_("The plan on the model, compared with the network"))
st.caption(
    _(
        "Large number in a cell: {city}'s plan actions there (an action can fall in several cells); "
        "“others”: the peer cities' plan actions in the same cell. Hover for their cities."
    ).format(city=plain(name))
)
for across in (GROUP, LEVEL):
    st.subheader(_(GRID_HEADINGS[across]))
    chart(view.grids[across].figure, view.grids[across].numbers, key=f"my_grid_{across}")

# --- gaps with peer practices ------------------------------------------------------------------
if view.plan_entered:
    st.header(_("Gaps, and peer practices that could fill them"))
    st.caption(
        _(
            "One row per gap and peer action. “Transfers” says whether the peer action took a practice "
            "from elsewhere or passed one on. Budgets no source states are “unknown”."
        )
    )
else:
    st.header(_("Cells not known yet, and peer practices there"))
    st.caption(
        _(
            "{city}'s plan is not entered, so these cells are not gaps: no known action of it falls there. "
            "The peer actions are listed for reference, one row per cell and peer action."
        ).format(city=plain(name))
    )
for across in (GROUP, LEVEL):
    st.subheader(_(GRID_HEADINGS[across]))
    table = view.gap_tables[across]
    if table.empty:
        if view.plan_entered:
            st.success(
                _("No gap: every cell of this grid holds one of {city}'s plan actions.").format(
                    city=plain(name)
                )
            )
        else:
            st.info(
                _("Every cell of this grid holds one of {city}'s known plan actions.").format(
                    city=plain(name)
                )
            )
        continue
    st.dataframe(
        headers(table),
        hide_index=True,
        key=f"my_gaps_{across}",
        column_config={
            # Keyed by the headers as analysis.mycity writes them in the language in use.
            _("Intervention"): st.column_config.TextColumn(width="small"),
            _("Peer city"): st.column_config.TextColumn(width="small"),
            _("Type"): st.column_config.TextColumn(width="small"),
            _("Budget"): st.column_config.TextColumn(width="small"),
            _("Source"): st.column_config.LinkColumn(
                _("Source"), display_text=_("view source"), width="small"
            ),
        },
        placeholder="",
    )

# --- focus areas and completeness --------------------------------------------------------------
st.header(_("Focus areas"))
st.markdown(plain(view.focus_sentence))
st.caption(
    _(
        "Where an area falls on the model (the third column) is the data team's reading of "
        "{named}, not the city's."
    ).format(named=view.focus_areas_named)
)
st.dataframe(headers(view.focus), hide_index=True, key="my_focus", placeholder="")

st.header(_("What the data holds, and what to enter next"))
st.dataframe(
    headers(view.completeness),
    hide_index=True,
    key="my_completeness",
    column_config={_("Complete?"): st.column_config.CheckboxColumn(_("Complete?"))},
    placeholder="",
)
if view.next_steps:
    st.markdown(_("**Enter next:**") + "\n" + "\n".join(f"1. {plain(step)}" for step in view.next_steps))

# --- the city's self-assessment -----------------------------------------------------------------
st.header(_("Self-assessment (self-reported)"))
st.caption(
    _(
        "{city}'s own rating of each cell, beside where its plan actions fall and the peer cities' "
        "median rating (covered, partly, not covered; “not relevant” is left out of the median). "
        "Ratings are what the city says of itself, not a check of its plan."
    ).format(city=plain(name))
)
data_dir = resolve_data_dir()
version_key = f"assessment_version_{city}"
failed_key = f"assessment_failed_{city}"
saving.show_saved()
if version_key not in st.session_state:
    # The version of the file the editor starts from: a save is refused if the file changes after.
    try:
        saved, version = read_assessment_for_editing(data_dir, city)
    except ValueError as unreadable:  # a hand-edited file the strict reader refuses, in words
        st.error(plain(str(unreadable)))
        st.stop()
    st.session_state[version_key] = version
    st.session_state[f"assessment_start_{city}"] = saved
saved = st.session_state[f"assessment_start_{city}"] or {}
rows = cached_view(assess.assessment_rows, tables, city)
own = assessments.ratings_by_cell(saved)
cells = list(zip(rows["grid"], rows["intervention"], rows["cell"], strict=True))
LABEL_OF = {rating: _(label) for rating, label in assessments.RATING_LABELS.items()}
ID_OF = {label: rating for rating, label in LABEL_OF.items()}
editor_rows = pd.DataFrame(
    {
        "Grid": rows["Grid"],
        "Intervention": rows["Intervention"],
        "Cell": rows["Cell"],
        "From the plan": rows["From the plan"],
        "Own rating": [LABEL_OF.get(own.get(key, {}).get("rating")) for key in cells],
        "Comment": [own.get(key, {}).get("comment") or "" for key in cells],
        "Network median": rows["Network median (self-reported)"],
        "Cities rating it": rows["Cities rating it"],
    }
)
may_save = city in editable_cities(tables)
editor_key, by_key, typed_key = (
    f"assessment_editor_{city}",
    f"assessment_by_{city}",
    f"assessment_typed_{city}",
)
if not may_save:
    # Signed in a moment ago (an account revoked, a session ended) with ratings typed: the editor
    # is drawn anew, read-only, so its edits are put in the table shown and said as text to copy.
    typed_rows = (st.session_state.get(editor_key) or {}).get("edited_rows") or {}
    typed_by = st.session_state.get(by_key)
    if typed_rows or (
        isinstance(typed_by, str) and typed_by.strip() and typed_by != saved.get("assessed_by")
    ):
        st.session_state[typed_key] = (typed_rows, typed_by)
    typed_rows, typed_by = st.session_state.get(typed_key, ({}, None))
    for row, changed in typed_rows.items():
        for column, value in changed.items():
            if column in ("Own rating", "Comment"):
                editor_rows.loc[int(row), column] = value
    lines = [
        "{cell} ({intervention}): ".format(
            cell=editor_rows.loc[int(row), "Cell"], intervention=editor_rows.loc[int(row), "Intervention"]
        )
        + "; ".join(f"{_(column)}: {value or ''}" for column, value in changed.items())
        for row, changed in typed_rows.items()
    ]
    if typed_by:
        lines.append(f"{_('Assessed by')}: {typed_by}")
    if lines:
        saving.keep_typed(lines)
edited = st.data_editor(
    editor_rows,
    hide_index=True,
    key=editor_key,
    disabled=[c for c in editor_rows.columns if c not in ("Own rating", "Comment")] if may_save else True,
    # The columns keep their English names (the code reads them); the headers are translated.
    column_config={
        "Grid": st.column_config.Column(_("Grid")),
        "Intervention": st.column_config.Column(_("Intervention")),
        "Cell": st.column_config.Column(_("Cell")),
        "From the plan": st.column_config.Column(_("From the plan")),
        "Own rating": st.column_config.SelectboxColumn(_("Own rating"), options=list(LABEL_OF.values())),
        "Comment": st.column_config.TextColumn(_("Comment"), max_chars=500),
        "Network median": st.column_config.Column(_("Network median")),
        "Cities rating it": st.column_config.Column(_("Cities rating it")),
    },
    # a cell nobody rated (own rating, the network's median) says so, not "None"
    placeholder=_("not rated"),
)
st.caption(plain(assess.assessment_summary(rows, name)))
if may_save:
    by = st.text_input(_("Assessed by"), value=saved.get("assessed_by", ""), key=by_key)
    if st.button(_("Save the self-assessment"), type="primary", key=f"assessment_save_{city}"):
        ratings = [
            {
                "intervention": intervention,
                grid: cell,
                "rating": ID_OF.get(label) if isinstance(label, str) else None,
                "comment": comment.strip() if isinstance(comment, str) and comment.strip() else None,
            }
            for (grid, intervention, cell), label, comment in zip(
                cells, edited["Own rating"], edited["Comment"], strict=True
            )
        ]
        done = saving.attempt(
            lambda: save_assessment(
                data_dir,
                city,
                by,
                ratings,
                st.session_state[version_key],
                {"vocabulary": tables.vocabulary},
                author=current_author(),
            ),
            labels={"assessed_by": _("Assessed by"), "ratings": _("Own rating"), "date": _("Date")},
            again=_("Reload the saved self-assessment"),
        )
        if done is None:
            st.session_state[failed_key] = True
        else:
            for key in (version_key, failed_key, editor_key, typed_key):
                st.session_state.pop(key, None)
            saving.saved(_("Self-assessment saved."), done[1])
            st.rerun()
    if st.session_state.get(failed_key) and st.button(
        _("Reload the saved self-assessment"), key=f"assessment_reload_{city}"
    ):  # after a refusal (someone else saved it meanwhile): start again from the file as it is
        for key in (version_key, failed_key, editor_key, typed_key):
            st.session_state.pop(key, None)
        st.rerun()
elif editing_enabled():
    with st.expander(_("Sign in to fill in or change the self-assessment")):
        sign_in_widget(names)
else:
    st.caption(
        _("The dashboard is read-only here: saving a self-assessment needs editing switched on (README).")
    )

exports.table_downloads(
    assess.export_table(rows),
    f"{city}-self-assessment",
    _("{city}: self-assessment (self-reported) beside the mapping of its plan").format(city=name),
    "assessment",
    tables,
)

# --- the printable report ----------------------------------------------------------------------
st.header(_("City report"))
st.caption(
    _(
        "One HTML page with the grids, the empty cells and the peer practices there, budget, completeness, "
        "focus areas, self-assessment and sources: opens offline in any browser and prints on A4."
    )
)
st.download_button(
    _("Download {city}'s report (HTML)").format(city=plain(name)),
    keeps_language(
        partial(city_report_html, tables, city, exports.data_day(tables))
    ),  # built on click, outside this run
    file_name=f"{city}-report.html",
    mime="text/html",
    key="city_report",
    on_click="ignore",
)
