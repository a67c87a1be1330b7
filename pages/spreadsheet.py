"""Spreadsheet: download the data as an Excel workbook; upload it back, see what changes, save.

Anyone may download. Uploading and saving need editing rights (README, "Accounts and editing"): a
workbook that changes a city the signed-in person may not edit is refused, like one with
any other problem. Checking and saving are formats.spreadsheet's, the same as
`python -m models import`.
"""

import streamlit as st

from formats.spreadsheet import apply, plan_import
from formats.workbook import build_workbook
from ui import saving
from ui.access import current_account, current_author, editing_enabled, sign_in_widget
from ui.data import load, tables_or_stop
from ui.render import plain
from words import parts
from words.i18n import _, language, ngettext

PLAN_KEY = "sheet_plan"  # session_state: (upload id, ImportPlan)
ROUND_KEY = "sheet_round"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(max_entries=4, show_spinner=False)
def _workbook(data_dir: str, load_id: int, language: str) -> bytes:
    # Keyed by the language too: the workbook's README and lists are written in the language in use.
    network = load()[0]
    return build_workbook(network.data_dir, network.vocabulary)


tables = tables_or_stop()
network = load()[0]
names = tables.city_names()

st.title(_("Spreadsheet"))
st.markdown(
    _(
        "Work on the plans in Excel: download the workbook, change it or add a city with its actions, "
        "then upload it here. Its **README** sheet explains each sheet and the drop-down lists."
    )
)
with st.spinner(_("Building the workbook...")):
    workbook = _workbook(str(network.data_dir), tables.load_id, language())
st.download_button(
    _("Download the workbook (.xlsx)"),
    data=workbook,
    file_name=f"{tables.vocabulary.slug}-plans.xlsx",
    mime=XLSX,
    icon=":material/download:",
    key="sheet_download",
)

st.subheader(_("Upload a changed workbook"))
saving.show_saved()
if not editing_enabled():
    sign_in_widget()  # says the dashboard is read-only, and how to change that
    st.stop()
access = sign_in_widget(names)
if not access.granted:
    # Signed in a moment ago (an account revoked, a session ended) with a workbook checked: what
    # it would have changed stays on screen; the workbook itself is still the person's.
    kept = st.session_state.get(PLAN_KEY)
    if kept is not None and kept[1].changes:
        saving.keep_typed(
            [
                f"{names.get(change.city) or change.name or change.city}: {line}"
                for change in kept[1].changes
                for line in change.summary
            ]
        )
        st.caption(_("The workbook you chose is unchanged on your computer: upload it again once signed in."))
    st.stop()

# A new key after each save empties the upload field (the saved workbook is done with).
upload = st.file_uploader(
    _("Workbook"), type=["xlsx"], key=f"sheet_upload:{st.session_state.get(ROUND_KEY, 0)}"
)
if upload is None:
    st.caption(
        _(
            "Nothing is saved until you have seen what changes and pressed Save. A workbook with any problem "
            "is refused whole, with every problem listed by sheet, row and column."
        )
    )
    st.stop()

kept = st.session_state.get(PLAN_KEY)
if kept is None or kept[0] != upload.file_id:
    plan = plan_import(upload.getvalue(), network.data_dir, isolated=True)
    st.session_state[PLAN_KEY] = (upload.file_id, plan)
else:
    plan = kept[1]

# A person signed in for some cities only may not change the others (nor add a city): said
# on the sheet that holds the change (a new city's row, or its actions) and to whom it is said.
NOT_YOURS = (
    _("your account may not change {city}; ask the Lead Expert")
    if current_account() is not None
    else _("your password does not allow editing {city}; ask the Lead Expert")
)
problems = plan.problems + [
    _("{sheet}, city {city}: {why}").format(
        sheet="Cities"
        if change.is_new or any(line.startswith("city") for line in change.summary)
        else "Actions",
        city=change.city,
        why=NOT_YOURS.format(city=names.get(change.city) or change.name or change.city),
    )
    for change in plan.changes
    if not access.may_edit(change.city)
]
if problems:
    st.error(
        ngettext(
            "This workbook was not imported: {n} problem. Nothing was saved.",
            "This workbook was not imported: {n} problems. Nothing was saved.",
            len(problems),
        ).format(n=len(problems))
    )
    st.code("\n".join(problems), language=None, wrap_lines=True)
    st.stop()
if not plan.changes:
    st.info(_("This workbook holds no change: every city file stays as it is."))
    st.stop()

st.markdown(
    ngettext(
        "**What this workbook changes** ({n} of {total} cities):",
        "**What this workbook changes** ({n} of {total} cities):",
        len(plan.changes),  # the form agrees with the number changed
    ).format(n=len(plan.changes), total=len(plan.changes) + len(plan.unchanged))
)
for change in plan.changes:
    title = names.get(change.city) or change.name
    state = _("new city") if change.is_new else _("changed")
    with st.expander(f"{plain(title)}: {state}", expanded=True):
        for line in change.summary:
            st.markdown(f"- {plain(line)}")
if plan.left_out:
    st.caption(
        _("Not in the workbook, left as they are: {cities}").format(
            cities=", ".join(plain(names.get(c, c)) for c in plan.left_out)
        )
    )

if st.button(_("Save these changes"), type="primary", key="sheet_save"):
    # Changed on disk since the check: a fresh workbook is where the changes are made again.
    done = saving.attempt(
        lambda: apply(plan, author=current_author()), again=_("Download the workbook (.xlsx)")
    )
    if done is None:
        st.stop()
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    cities = [names.get(c.city) or c.name or c.city for c in plan.changes]
    saving.saved(
        _("Saved the workbook's changes to {cities}.").format(cities=parts(cities)),
        done[1],
    )
    st.rerun()
