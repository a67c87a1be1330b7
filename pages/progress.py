"""Progress: the plans' indicators against their targets on a given day, and recording a value.

UI only: tables and figures come from analysis.progress; reports are saved through the workspace (workspace.progress).
"""

import datetime
from functools import partial

import streamlit as st

from analysis import progress as prog
from analysis.frames import plan_actions
from figures import progress as prog_figures
from formats.progress_sheet import read_workbook, template_bytes
from models.loader import resolve_data_dir
from ui import exports, saving
from ui.access import current_access, current_author, editable_cities, editing_enabled, sign_in_widget
from ui.data import cached_view, load, tables_or_stop
from ui.language import keeps_language
from ui.render import chart, headers, plain
from ui.shown import page_shows
from words import day as date_text
from words.i18n import _, ngettext
from workspace import add_report, add_reports_of_cities

ALL = "all"
# A progress report's fields by the form's labels, to say its problems in the form's words.
REPORT_LABELS = {
    "value": _("Value"),
    "date": _("Date of the value"),
    "reported_by": _("Reported by"),
    "comment": _("Comment (optional)"),
}

tables = tables_or_stop()
names = tables.city_names()

st.title(_("Progress: the plans' indicators against their targets"))
left, right = st.columns([1, 2])
day = left.date_input(
    _("Date shown"),
    value=datetime.date.today(),
    key="progress_day",
    help=_("Statuses are worked out for this day: set a past or future day to see the plans then."),
)
city = right.selectbox(
    _("City"),
    [ALL, *names],
    format_func=keeps_language(lambda c: _("All cities") if c == ALL else names[c]),
    key="progress_city",
    bind="query-params",
)
page_shows(None if city == ALL else [city])  # its stamp: this city (or all), whatever the sidebar keeps
view = cached_view(prog_figures.progress_view, tables, day, None if city == ALL else city)
# The rules behind a status are long: one short sentence, the rules a click away.
st.caption(_("Reports are what the cities record; nothing is estimated."))
with st.expander(_("How statuses are worked out")):
    st.markdown(
        _(
            "An action runs from 1 January of its first year to 31 December of its last. Totals (“in total”) "
            "are compared with the share of the target due by the date shown, yearly targets with the share "
            "of the year's, and targets that hold each time (per event, % satisfied) with the target itself."
        )
    )
st.markdown(f"**{plain(view.summary)}**")

if view.table.empty:
    # No city named here: which plans hold indicators is the data's to say, and it changes.
    st.info(_("No plan action with indicators is entered yet for this choice."))
else:
    if view.share_figure is None:  # nothing due: a sentence, not an empty chart
        st.info(prog.share_title(view.shares, day) + ".")
    else:
        chart(
            view.share_figure,
            view.shares.drop(columns=["intervention"]),
            key="progress_shares",
            note=_(
                "The first bar counts each indicator once; below it an indicator counts under every "
                "intervention of its action. “No report yet” is its own state, never counted as behind. "
                "Indicators not started yet or without a numeric target are left out."
            ),
        )
    st.subheader(_("Every indicator"))
    shown = view.readable
    st.dataframe(
        headers(shown),
        hide_index=True,
        key="progress_table",
        column_config={
            # Keyed by the headers as analysis.progress writes them in the language in use.
            _("Indicator"): st.column_config.TextColumn(width="medium"),
            _("Target (as the plan states it)"): st.column_config.TextColumn(width="medium"),
        },
        placeholder="",
    )
    exports.table_downloads(
        shown,
        f"progress-on-{day.isoformat()}",
        _("Indicators against their targets on {day}").format(day=date_text(day)),
        "progress",
        tables,
    )
    st.subheader(_("Plan actions with no report yet"))
    if view.unreported.empty:
        st.caption(_("Every plan action shown has at least one report."))
    else:
        st.dataframe(headers(view.unreported), hide_index=True, key="progress_unreported", placeholder="")

st.subheader(_("Planned periods against the date shown"))
chart(view.periods_figure, None, key="progress_periods")

# --- recording a value ------------------------------------------------------------------------
st.header(_("Record a value"))
st.download_button(
    _("Download the progress workbook to fill in (Excel)"),
    partial(template_bytes, load()[0]),
    file_name="progress-to-fill-in.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="progress_template",
    on_click="ignore",
    help=_("One row per indicator: fill in Value, Date and Reported by, then upload it below (editing on)."),
)
plan = plan_actions(tables.actions)
reportable = sorted(set(plan.loc[plan["indicators"].map(bool), "city"]), key=list(names).index)
allowed = [c for c in reportable if c in editable_cities(tables)]
if not allowed:
    # Signed in a moment ago (an account revoked, a session ended) with a value typed: keep it.
    typed = {
        label: st.session_state.get(f"progress_report_{name}")
        for name, label in (("by", _("Reported by")), ("comment", _("Comment (optional)")))
    }
    if any(isinstance(v, str) and v.strip() for v in typed.values()):
        value = st.session_state.get("progress_report_value")
        shown = {
            _("Value"): value,
            _("Date of the value"): st.session_state.get("progress_report_date"),
            **typed,
        }
        saving.keep_typed([f"{label}: {v}" for label, v in shown.items() if v not in (None, "")])
    if current_access().granted:  # signed in, but none of its cities' plans has an indicator yet
        st.caption(_("None of the plans you may edit has an indicator to record a value for yet."))
    elif editing_enabled():
        st.caption(_("Sign in with the Lead Expert's password or your city's to record a value."))
        sign_in_widget(names)
    else:
        st.caption(_("The dashboard is read-only here: recording values needs editing switched on (README)."))
    st.stop()

report_city = st.selectbox(
    _("City"),
    allowed,
    index=allowed.index(city) if city in allowed else 0,  # the city shown above, when it may record
    format_func=names.get,
    key="progress_report_city",
)
indicators = prog.indicator_table(tables, day, report_city)
choices = {
    (a, i): f"{t} — {text}"
    for a, i, t, text in zip(
        indicators["action"],
        indicators["indicator"],
        indicators["action_title"],
        indicators["Indicator"],
        strict=True,
    )
}
with st.form("progress_report", clear_on_submit=False):
    picked = st.selectbox(
        _("Indicator"), list(choices), format_func=choices.get, key="progress_report_indicator"
    )
    value = st.number_input(
        _("Value"),
        min_value=0.0,
        step=1.0,
        key="progress_report_value",
        help=_(
            "Totals so far for “in total” targets; this year's count for yearly ones; "
            "the event's result for those that hold each time."
        ),
    )
    when = st.date_input(_("Date of the value"), value=datetime.date.today(), key="progress_report_date")
    by = st.text_input(_("Reported by"), key="progress_report_by")
    comment = st.text_input(_("Comment (optional)"), key="progress_report_comment")
    submitted = st.form_submit_button(_("Record the value"), type="primary")
saving.show_saved()
if submitted:
    action, indicator = picked
    done = saving.attempt(
        lambda: add_report(
            resolve_data_dir(),
            report_city,
            {
                "action": action,
                "indicator": indicator,
                "value": value,
                "date": when.isoformat(),
                "reported_by": by,
                "comment": comment.strip() or None,
            },
            {"vocabulary": tables.vocabulary},
            author=current_author(),
        ),
        labels=REPORT_LABELS,
    )
    if done is not None:
        saving.saved(_("Value recorded."), done[1])
        st.rerun()

history = tables.progress[tables.progress["city"] == report_city]
st.subheader(_("Every value recorded for {city}").format(city=plain(names[report_city])))
if history.empty:
    st.caption(_("None yet."))
else:
    titles = dict(zip(indicators["indicator"], indicators["Indicator"], strict=True))
    st.dataframe(
        history.assign(
            indicator=history["indicator"].map(lambda i: titles.get(i, i)),
            comment=history["comment"].fillna(""),
        )[["date", "indicator", "value", "reported_by", "comment"]].rename(
            columns={
                "date": _("Date"),
                "indicator": _("Indicator"),
                "value": _("Value"),
                "reported_by": _("Reported by"),
                "comment": _("Comment"),
            }
        ),
        hide_index=True,
        key="progress_history",
        placeholder="",
    )

# --- from a spreadsheet -------------------------------------------------------------------------
st.subheader(_("Record values from the workbook"))
# A new key after each import empties the upload field, so the same rows are not added twice.
upload_round = st.session_state.setdefault("progress_upload_round", 0)
upload = st.file_uploader(
    _("Filled-in progress workbook (.xlsx)"), type=["xlsx"], key=f"progress_upload_{upload_round}"
)
if upload is not None:
    # Read once per uploaded file (in a process of its own, formats.worker), not on every rerun.
    kept = st.session_state.get("progress_reading")
    if kept is None or kept[0] != upload.file_id:
        reading = read_workbook(upload.getvalue(), load()[0], isolated=True)
        st.session_state["progress_reading"] = (upload.file_id, reading)
    else:
        reading = kept[1]
    outside = sorted(set(reading.reports) - set(allowed))
    if reading.problems:
        st.error(
            ngettext(
                "Nothing can be imported until this {n} problem is fixed:",
                "Nothing can be imported until these {n} problems are fixed:",
                len(reading.problems),
            ).format(n=len(reading.problems))
        )
        st.text("\n".join(reading.problems))
    elif outside:
        st.error(
            _(
                "This workbook has values for {cities}, which your sign-in cannot edit. Nothing was imported."
            ).format(cities=", ".join(names.get(c, c) for c in outside))
        )
    elif not reading.count:
        st.info(_("No row has a value filled in: nothing to import."))
    else:
        st.markdown(
            ngettext("**{n} value to add:**", "**{n} values to add:**", reading.count).format(n=reading.count)
            + " "
            + ", ".join(f"{plain(names[c])} ({len(r)})" for c, r in reading.reports.items())
        )
        if st.button(_("Add these values"), type="primary", key="progress_upload_add"):
            done = saving.attempt(
                lambda: add_reports_of_cities(
                    resolve_data_dir(),
                    reading.reports,
                    {"vocabulary": tables.vocabulary},
                    author=current_author(),
                ),
                labels=REPORT_LABELS,
            )
            if done is not None:
                st.session_state["progress_upload_round"] = upload_round + 1
                saving.saved(
                    ngettext("{n} value recorded.", "{n} values recorded.", reading.count).format(
                        n=reading.count
                    ),
                    done[1],
                )
                st.rerun()
