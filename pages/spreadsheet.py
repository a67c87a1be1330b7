"""Spreadsheet: download the data as an Excel workbook; upload it back, see what changes, save.

Anyone may download. Uploading and saving need editing rights (README, "Accounts and editing"): a
workbook that changes a city the signed-in person may not edit is refused, like one with
any other problem. Checking and saving are models.spreadsheet's, the same as
`python -m models import`.
"""

import streamlit as st

from models.changes import EditError, NotAllowed, Refused
from models.spreadsheet import apply, plan_import
from models.store import ChangedOnDisk
from models.workbook import build_workbook
from ui.access import current_author, editing_enabled, sign_in_widget
from ui.data import load, tables_or_stop
from ui.render import plain

PLAN_KEY = "sheet_plan"  # session_state: (upload id, ImportPlan)
FLASH_KEY = "sheet_flash"
ROUND_KEY = "sheet_round"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(max_entries=4, show_spinner="Building the workbook...")
def _workbook(data_dir: str, load_id: int) -> bytes:
    network, _ = load()
    return build_workbook(network.data_dir, network.vocabulary)


tables = tables_or_stop()
network, _ = load()
names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))

st.title("Spreadsheet")
st.markdown(
    "Work on the plans in Excel: download the workbook, change it or add a city with its actions, "
    "then upload it here. Its **README** sheet explains each sheet and the drop-down lists."
)
st.download_button(
    "Download the workbook (.xlsx)",
    data=_workbook(str(network.data_dir), tables.load_id),
    file_name=f"{tables.vocabulary.slug}-plans.xlsx",
    mime=XLSX,
    icon=":material/download:",
    key="sheet_download",
)

st.subheader("Upload a changed workbook")
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)
if not editing_enabled():
    sign_in_widget()  # says the dashboard is read-only, and how to change that
    st.stop()
access = sign_in_widget(names)
if not access.granted:
    st.stop()

# A new key after each save empties the upload field (the saved workbook is done with).
upload = st.file_uploader("Workbook", type=["xlsx"], key=f"sheet_upload:{st.session_state.get(ROUND_KEY, 0)}")
if upload is None:
    st.caption(
        "Nothing is saved until you have seen what changes and pressed Save. A workbook with any problem "
        "is refused whole, with every problem listed by sheet, row and column."
    )
    st.stop()

kept = st.session_state.get(PLAN_KEY)
if kept is None or kept[0] != upload.file_id:
    plan = plan_import(upload.getvalue(), network.data_dir)
    st.session_state[PLAN_KEY] = (upload.file_id, plan)
else:
    plan = kept[1]

# A person signed in for some cities only may not change the others (nor add a city).
problems = plan.problems + [
    f"Cities, city {change.city}: your password does not open this city for editing; ask the Lead Expert"
    for change in plan.changes
    if not access.may_edit(change.city)
]
if problems:
    st.error(f"This workbook was not imported: {len(problems)} problems. Nothing was saved.")
    st.code("\n".join(problems), language=None, wrap_lines=True)
    st.stop()
if not plan.changes:
    st.info("This workbook holds no change: every city file stays as it is.")
    st.stop()

st.markdown(
    f"**What this workbook changes** ({len(plan.changes)} of {len(plan.changes) + len(plan.unchanged)} cities):"
)
for change in plan.changes:
    title = names.get(change.city) or change.name
    with st.expander(f"{plain(title)}: {'new city' if change.is_new else 'changed'}", expanded=True):
        for line in change.summary:
            st.markdown(f"- {plain(line)}")
if plan.left_out:
    st.caption(
        "Not in the workbook, left as they are: " + ", ".join(plain(names.get(c, c)) for c in plan.left_out)
    )

if st.button("Save these changes", type="primary", key="sheet_save"):
    try:
        written = apply(plan, author=current_author())
    except (ChangedOnDisk, NotAllowed, EditError) as error:
        st.error(str(error))
        st.stop()
    except Refused as refused:
        st.error("Nothing was saved: " + "; ".join(plain(str(p)) for p in refused.problems))
        st.stop()
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state[FLASH_KEY] = (
        f"Saved {len(written)} city file(s): {', '.join(p.name for p in written)}. "
        "The change is one entry of the data's history (the History page)."
    )
    st.rerun()
