"""The editing page's working copy and the form widgets bound to it.

A person's unsaved changes live in a working copy of the city's data (a Draft, one per
city, in session_state), not only in the widgets: Streamlit forgets a widget's value when
the widget is not drawn (another action chosen, another city), the working copy does not.
Every widget is drawn from the working copy and writes its value back in its on_change
callback, so what is on screen and what Save writes are the same thing. A Draft also keeps
the file as it was opened (text and version): Save is refused if the file changed since.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from models import schema
from ui.language import keeps_language
from words.i18n import _, language, pgettext
from workspace import history
from workspace.editing import (
    HistoryEntry,
    Opened,
    history_entries,
    open_city,
    repair_shapes,
    set_field,
    whole_number,
)
from workspace.store import version_of

DRAFTS_KEY = "edit_drafts"  # session_state: {(data folder, city id): Draft}
_GENERATIONS = itertools.count(1)

# The model of each group of fields, to know which may be null and which may be left out.
GROUPS = {
    "location": schema.Location,
    "population": schema.Population,
    "plan_period": schema.PlanPeriod,
    "iap_document": schema.IapDocument,
    "focus_areas": schema.FocusAreas,
    "budget": schema.Budget,
    "timing": schema.Timing,
    "testing_origin": schema.TestingOrigin,
}


@dataclass
class Draft:
    """One city's working copy: the file as opened, the data as changed so far."""

    opened: Opened
    data: dict
    uids: list[int]  # a stable widget id for each action in data["actions"], in the same order
    generation: int = field(default_factory=lambda: next(_GENERATIONS))

    repaired: list[str] = field(default_factory=list)  # values put in the expected form on opening

    @classmethod
    def of(cls, opened: Opened) -> Draft:
        data = opened.working_copy()
        actions = data.get("actions")
        if not isinstance(actions, list):
            data["actions"] = actions = []
        repaired = repair_shapes(data)
        return cls(opened, data, list(range(len(actions))), repaired=repaired)

    @property
    def changed(self) -> bool:
        return self.data != self.opened.data

    @property
    def stale(self) -> bool:
        """The file changed on disk since it was opened: a save would be refused."""
        return version_of(self.opened.path) != self.opened.version

    @property
    def actions(self) -> list[dict]:
        return self.data["actions"]

    def action(self, uid: int) -> dict | None:
        return self.actions[self.uids.index(uid)] if uid in self.uids else None

    def add_action(self, action: dict) -> int:
        uid = max(self.uids, default=-1) + 1
        self.actions.append(action)
        self.uids.append(uid)
        return uid

    def remove_action(self, uid: int) -> None:
        if uid in self.uids:
            index = self.uids.index(uid)
            del self.actions[index]
            del self.uids[index]

    def key(self, *parts) -> str:
        """A widget key: new for every opening, so widgets start again from the file."""
        return ":".join(map(str, ("ed", self.generation, *parts)))


def drafts() -> dict:
    return st.session_state.setdefault(DRAFTS_KEY, {})


def draft_for(data_dir: Path, city_id: str) -> Draft:
    """The working copy of a city, opened from its file the first time (EditError if it cannot be).

    A working copy without unsaved changes follows the file: when someone else saved it
    meanwhile, it is opened again, so nobody starts editing an old version.
    """
    key = (str(data_dir), city_id)
    draft = drafts().get(key)
    if draft is None or (not draft.changed and version_of(draft.opened.path) != draft.opened.version):
        drafts()[key] = draft = Draft.of(open_city(data_dir, city_id))
    return draft


def reopen(data_dir: Path, city_id: str, opened: Opened | None = None) -> None:
    """Start again from the file (as just saved, or as it is on disk now), on the same action."""
    key = (str(data_dir), city_id)
    before = drafts().pop(key, None)
    if opened is None:
        return
    drafts()[key] = draft = Draft.of(opened)
    chosen = st.session_state.get(before.key("chosen")) if before else None
    if chosen in (before.uids if before else []):
        position = before.uids.index(chosen)
        if position < len(draft.uids):
            st.session_state[draft.key("chosen")] = draft.uids[position]


# --- where a widget's value lives -------------------------------------------------------------
# A place is ("city",), ("city", group), ("action", uid) or ("action", uid, group).


def record_at(draft: Draft, place: tuple) -> dict | None:
    record = draft.data if place[0] == "city" else draft.action(place[1])
    rest = place[1:] if place[0] == "city" else place[2:]
    for group in rest:
        if record is None:
            return None
        record = record.get(group)
        if not isinstance(record, dict):
            return None
    return record


def model_at(place: tuple):
    group = place[1] if place[0] == "city" and len(place) > 1 else place[2] if len(place) > 2 else None
    if group is not None:
        return GROUPS[group]
    return schema.City if place[0] == "city" else schema.Action


def _writer(draft: Draft, place: tuple, name: str, key: str, convert):
    def write():
        record = record_at(draft, place)
        if record is not None:
            set_field(record, model_at(place), name, convert(st.session_state[key]))
        if place[0] == "action":
            # The list of actions shows each one's title: when it changes, the list would lose
            # the action being edited and fall back to the first one; keep it on this one.
            st.session_state[draft.key("chosen")] = place[1]

    return write


def _bound(draft: Draft, place: tuple, name: str, widget, label: str, shown, convert=lambda v: v, **kwargs):
    """Draw `widget` showing the field's current value; changes go back into the working copy."""
    record = record_at(draft, place) or {}
    key = draft.key(*place, name)
    return widget(
        label,
        value=shown(record.get(name)),
        key=key,
        on_change=_writer(draft, place, name, key, convert),
        **kwargs,
    )


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def text(draft, place, name, label, area=False, **kwargs):
    widget = st.text_area if area else st.text_input
    return _bound(draft, place, name, widget, label, lambda v: "" if v is None else str(v), _strip, **kwargs)


def _as_list(value) -> list:
    """A field that should be a list, as a list (a lone value, as written by hand, becomes one item)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def lines(draft, place, name, label, **kwargs):
    """A list of text, one item a line."""
    return _bound(
        draft,
        place,
        name,
        st.text_area,
        label,
        lambda v: "\n".join(map(str, _as_list(v))),
        lambda v: [line.strip() for line in (v or "").splitlines() if line.strip()],
        **kwargs,
    )


def _indicator_lines(values) -> str:
    out = []
    for item in values or []:
        if isinstance(item, dict):
            target = item.get("target")
            out.append(f"{item.get('indicator') or ''}" + (f" | {target}" if target else ""))
    return "\n".join(out)


def _indicators(value: str) -> list[dict]:
    items = []
    for line in (value or "").splitlines():
        if not line.strip():
            continue
        indicator, _, target = line.partition("|")
        item = {"indicator": indicator.strip()}
        if target.strip():
            item["target"] = target.strip()
        items.append(item)
    return items


def keep_indicator_fields(old: list, new: list[dict]) -> list[dict]:
    """The edited indicators with what the text lines do not show kept: an edited line
    whose indicator text was there before keeps its id, target value, unit and period
    (progress reports point at the id), whatever its position."""
    unused = [item for item in (old or []) if isinstance(item, dict)]
    merged = []
    for item in new:
        match = next((o for o in unused if (o.get("indicator") or "").strip() == item["indicator"]), None)
        if match is None:
            merged.append(item)
            continue
        unused.remove(match)
        kept = {k: v for k, v in match.items() if k not in ("indicator", "target")}
        merged.append({"id": kept.pop("id")} | item | kept if "id" in kept else item | kept)
    return merged


def indicators(draft, place, label, **kwargs):
    def convert(value: str) -> list[dict]:
        record = record_at(draft, place) or {}
        return keep_indicator_fields(record.get("indicators"), _indicators(value))

    return _bound(draft, place, "indicators", st.text_area, label, _indicator_lines, convert, **kwargs)


whole = whole_number  # a form's number as the file holds it: 3000.0 -> 3000


def number(draft, place, name, label, kind=int, **kwargs):
    """A number that may be unknown (left empty = unknown, written as null, never 0)."""

    def shown(v):
        return None if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) else kind(v)

    round_whole = kwargs.pop("whole", False)
    convert = whole if round_whole else (lambda v: v)
    defaults = {"step": 1, "format": "%d"} if kind is int else {}
    current = shown((record_at(draft, place) or {}).get(name))
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if current is not None and ((low is not None and current < low) or (high is not None and current > high)):
        # A wrong figure in the file is shown as it is (validation names it), not refused by the widget.
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
    return _bound(draft, place, name, st.number_input, label, shown, convert, **{**defaults, **kwargs})


def flag(draft, place, name, label, **kwargs):
    """A yes/no field that is left out of the file when it is no (its default)."""
    return _bound(
        draft, place, name, st.checkbox, label, lambda v: v is True, lambda v: True if v else None, **kwargs
    )


def _year(value: str):
    text = (value or "").strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text  # anything else is kept, and validation names it


def year(draft, place, name, label, **kwargs):
    """A year that may be unknown: a text field, so that emptying it makes the year unknown again
    (a number field, once filled, cannot be emptied)."""

    def shown(v):
        return "" if v is None else str(v)

    return _bound(
        draft,
        place,
        name,
        st.text_input,
        label,
        shown,
        _year,
        placeholder=pgettext("a year", "unknown"),
        **kwargs,
    )


def choice(draft, place, name, label, options: dict, **kwargs):
    """One of `options` ({id: label}); a value the options do not know is kept and shown as is."""
    record = record_at(draft, place) or {}
    current = record.get(name)
    if not isinstance(current, str):
        current = None  # a list or a number where one id belongs: validation names it
    ids = list(options) + ([current] if current is not None and current not in options else [])
    key = draft.key(*place, name)
    return st.selectbox(
        label,
        ids,
        index=ids.index(current) if current in ids else None,
        format_func=keeps_language(
            lambda i: options[i] if i in options else _("{id} (not in the list)").format(id=i)
        ),
        key=key,
        on_change=_writer(draft, place, name, key, lambda v: v),
        **kwargs,
    )


def choices(draft, place, name, label, options: dict, **kwargs):
    """Several of `options` ({id: label}), stored as ids in the order of the options."""
    record = record_at(draft, place) or {}
    current = _as_list(record.get(name))
    current = [v for v in dict.fromkeys(current) if isinstance(v, str)]
    ids = list(options) + [v for v in current if v not in options]
    key = draft.key(*place, name)

    def in_order(values):
        return [i for i in ids if i in (values or [])]

    # Streamlit's own placeholder ("Choose options") would stay English
    kwargs.setdefault("placeholder", _("Choose from the list"))
    return st.multiselect(
        label,
        ids,
        default=current,
        format_func=keeps_language(
            lambda i: options[i] if i in options else _("{id} (not in the list)").format(id=i)
        ),
        key=key,
        on_change=_writer(draft, place, name, key, in_order),
        **kwargs,
    )


def group_toggle(draft: Draft, place: tuple, group: str, label: str, starting: dict, **kwargs) -> bool:
    """Switch a group of fields (a budget, the timing...) on or off; returns whether it is on."""
    record = record_at(draft, place)
    key = draft.key(*place, group, "on")

    def write():
        target = record_at(draft, place)
        if target is None:
            return
        if st.session_state[key]:
            target.setdefault(group, dict(starting))
        else:
            target.pop(group, None)

    on = isinstance((record or {}).get(group), dict)
    st.toggle(label, value=on, key=key, on_change=write, **kwargs)
    return isinstance((record_at(draft, place) or {}).get(group), dict)


@st.cache_data(max_entries=32, show_spinner=False)
def _history(data_dir: str, shown_as: str, last: str | None, language: str) -> list[HistoryEntry]:
    # Keyed by the language too: any words workspace.editing writes around the commits are in the
    # language in use.
    return history_entries(Path(data_dir), shown_as)


def history_of(data_dir: Path, draft: Draft) -> list[HistoryEntry]:
    """The commits that changed the city's file, each with its diff; read again only when a
    commit is added."""
    last = history.log(data_dir, limit=1)
    return _history(str(data_dir), draft.opened.shown_as, last[0].commit if last else None, language())
