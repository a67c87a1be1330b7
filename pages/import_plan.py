"""Import a plan: read a city's action plan as it is written, review the draft beside the
document, confirm each action.

Upload a plan (PDF, Word or text, any layout of formats.plans, in the network's languages), or
open a draft made by `python -m models import-iap`. The city selector decides whose plan it is.
The document's text stands beside the draft, each action's lines highlighted; drafted actions can
be merged, split, dropped or added from lines before anything counts. Nothing counts until a
person confirms an action: it is then checked with the rules of `python -m models validate` and
written into the city's file through the one write path, workspace.changes, with a new id (an
action that looks like one the city has is shown beside it, to keep both, update or skip).
Needs editing rights (README, "Accounts and editing").
"""

import hashlib
from pathlib import Path

import streamlit as st
from babel import Locale, UnknownLocaleError

from formats.drafts import (
    DRAFTS_DIR,
    changed_fields,
    confirm,
    indicator_lines,
    read_city,
    read_draft,
    reviewed_action,
    save_draft,
    similar_actions,
)
from formats.iap import guess_city
from formats.plans import NoActions, UnreadablePlan, draft_plan, edit, read, read_document
from formats.plans.notes import placement_reason, said_note
from models.loader import resolve_data_dir
from ui import saving
from ui.access import current_author, editing_enabled, sign_in_widget
from ui.data import load, tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words import slug
from words.i18n import N_, _, locale, ngettext

DRAFT_KEY = "iap_draft"  # session_state: path of the draft file under review
FLASH_KEY = "iap_flash"
PARSED_KEY = "iap_parsed"  # session_state: (digest, reading or None, problem or None)

# What each reader is called on the page (formats.plans.readers, NAME).
READERS = {
    "template": N_("URBACT template blocks"),
    "label_tables": N_("tables of labelled rows, one per action"),
    "blocks": N_("blocks under action headings"),
    "column_tables": N_("rows of a table of actions"),
    "prose": N_("headings with prose under them"),
}
PROBLEMS = {
    "empty": N_("{file} is empty: there is nothing to read."),
    "scanned": N_(
        "No text could be read from {file}: it looks like a scanned document (pictures of pages). "
        "Enter its actions on the **Edit a plan** page, or in the **Spreadsheet**."
    ),
    "too_big": N_("{file} is larger than any plan: {detail}."),
    "broken": N_(
        "{file} could not be read: the file seems damaged or cut off (a download or a copy that "
        "stopped half-way?). Save or export it again, or upload the plan as a Word document."
    ),
    "not_text": N_("{file} is not a PDF, a Word document (.docx) or a text file."),
    "timeout": N_("{file} took too long to read and was given up: is it really a plan?"),
}
LOOKED_FOR = N_(
    "No action was found in {file}. The reader looked for numbered action headings (“Action 2.1”, "
    "“Azione 3”, “Ação 1.2”…), labelled blocks (“Action name”, “Description:”, “Coût estimé”…), "
    "tables of actions, one table per action, the URBACT template's headings, and headings with "
    "prose under them."
)


def parsed(data: bytes, name: str):
    """(reading, problem) of an uploaded plan, read once per file: every widget on this page
    reruns it, and reading a PDF is the slowest thing it does."""
    digest = hashlib.sha256(data).hexdigest() + name
    kept = st.session_state.get(PARSED_KEY)
    if kept is None or kept[0] != digest:
        reading, problem = None, None
        try:
            reading = read(read_document(data, name), vocab)
        except UnreadablePlan as unreadable:
            problem = unreadable
        kept = (digest, reading, problem)
        st.session_state[PARSED_KEY] = kept
    return kept[1:]


def named_here(english_name: str | None) -> str | None:
    """A language's name (as the reader of the plans writes it, in English) in the language of
    the page: 'English' -> 'anglais' on a French page."""
    if not english_name:
        return None
    codes = {name.lower(): code for code, name in Locale("en").languages.items()}
    code = codes.get(english_name.lower())
    try:
        return Locale.parse(locale()).languages.get(code, english_name) if code else english_name
    except (ValueError, UnknownLocaleError):
        return english_name


def what_was_read(summary: dict) -> str:
    language = named_here(summary.get("language_name")) or _("a language not recognised")
    said = ngettext(
        "Read: {n} page, {chars} characters, in {language}.",
        "Read: {n} pages, {chars} characters, in {language}.",
        summary["pages"],
    ).format(n=summary["pages"], chars=f"{summary['characters']:,}".replace(",", " "), language=language)
    if summary.get("reader"):
        found = ngettext(
            "{n} action found in {how}", "{n} actions found in {how}", summary["actions"]
        ).format(n=summary["actions"], how=_(READERS.get(summary["reader"], summary["reader"])))
        if summary["pages"] > 1 and summary.get("from_page"):
            found += ", " + _("pages {first}-{last}").format(
                first=summary["from_page"], last=summary["to_page"]
            )
        said += " " + found + "."
    if summary.get("ideas"):
        said += " " + ngettext(
            "{n} idea kept apart (not a plan action).",
            "{n} ideas kept apart (not plan actions).",
            summary["ideas"],
        ).format(n=summary["ideas"])
    return said


tables = tables_or_stop()
network = load()[0]
vocab = tables.vocabulary
data_dir = resolve_data_dir()
names = tables.city_names()

st.title(_("Import a plan"))
st.markdown(
    _(
        "Draft a city's actions from its action plan as it is written (PDF, Word or text, in the "
        "network's languages), check each action beside the document and **confirm** it. Only "
        "confirmed actions are written into the city's file and shown on the other pages."
    )
)
if not editing_enabled():
    sign_in_widget()  # says the dashboard is read-only, and how to change that
    st.stop()
access = sign_in_widget(names)
if not access.granted:
    st.stop()
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

# --- 1. the draft: from an upload, or one made by the command line ---------------------------------

drafts_dir = data_dir / DRAFTS_DIR
existing = (
    sorted(p for p in drafts_dir.glob("*.yaml") if access.may_edit(p.stem)) if drafts_dir.is_dir() else []
)
upload_tab, open_tab = st.tabs([_("Upload a plan"), _("Open a draft ({n})").format(n=len(existing))])
with upload_tab:
    upload = st.file_uploader(
        _("The plan, as a PDF, a Word document or a text file"),
        type=["pdf", "docx", "txt", "md"],
        key="iap_upload",
    )
    if upload is not None:
        reading, problem = parsed(upload.getvalue(), upload.name)
        if problem is not None:
            st.error(
                _(PROBLEMS.get(problem.reason, PROBLEMS["broken"])).format(
                    file=plain(upload.name), detail=plain(problem.detail)
                )
            )
            st.stop()
        st.info(what_was_read(reading.summary()))
        if not reading.actions:
            st.error(_(LOOKED_FOR).format(file=plain(upload.name)))
            if reading.headings:
                st.markdown(
                    _("Headings found in the document, a start for entering the plan on **Edit a plan**:")
                    + "\n"
                    + "\n".join(f"- {plain(h)}" for h in reading.headings)
                )
            st.stop()
        # The page's city selector decides; the document's name for the city only suggests.
        named = guess_city("\n".join(reading.lines[:400]))
        suggested = slug(named) if named else None
        choices = sorted(access.within(names), key=lambda c: names.get(c, c))
        if access.everything and suggested and suggested not in names:
            choices.append(suggested)
        city_id = st.selectbox(
            _("Whose plan is it?"),
            choices,
            index=choices.index(suggested) if suggested in choices else 0,
            format_func=keeps_language(
                lambda c: names[c] if c in names else _("{city} (a new city)").format(city=c)
            ),
            key="iap_city",
        )
        if st.button(_("Draft its actions"), type="primary", key="iap_make"):
            source = next(
                (
                    p.city.iap_document.source
                    for p in network.cities
                    if p.city.id == city_id and p.city.iap_document
                ),
                None,
            )
            city_file = read_city(data_dir, city_id)
            taken = {a.get("id") for a in (city_file.data or {}).get("actions") or [] if isinstance(a, dict)}
            try:
                draft = draft_plan(reading, city_id, vocabulary=vocab, source=source, taken=taken)
            except NoActions:  # pragma: no cover - handled above
                st.stop()
            draft["city_name"] = draft.get("city_name") or names.get(city_id)
            draft["document_lines"] = reading.lines
            path = save_draft(data_dir, draft, author=current_author())
            st.session_state[DRAFT_KEY] = str(path)
            st.session_state[FLASH_KEY] = ngettext(
                "{n} actions drafted into {file}.", "{n} actions drafted into {file}.", len(draft["actions"])
            ).format(n=len(draft["actions"]), file=f"{DRAFTS_DIR}/{path.name}")
            st.rerun()
with open_tab:
    if existing:
        chosen = st.selectbox(_("Draft"), existing, format_func=lambda p: p.name, key="iap_open")
        if st.button(_("Open this draft"), key="iap_open_button"):
            st.session_state[DRAFT_KEY] = str(chosen)
            st.rerun()
    else:
        st.caption(
            _("No draft yet in {folder}/. Make one here or with `python -m models import-iap FILE`.").format(
                folder=DRAFTS_DIR
            )
        )

if DRAFT_KEY not in st.session_state:
    st.stop()

draft_file = Path(st.session_state[DRAFT_KEY])
draft, problem = read_draft(draft_file)
if problem is not None:
    st.error(str(problem))
    st.stop()
city_id = draft["city"]
if not access.may_edit(city_id):
    st.error(_("Your password does not allow editing this city."))
    st.stop()

# --- 2. the city and its document ----------------------------------------------------------------------

st.divider()
st.subheader(_("Draft for {city}").format(city=plain(names.get(city_id, draft.get("city_name") or city_id))))
st.caption(
    _("From {document}; kept in {file} (the dashboard does not read it).").format(
        document=plain(draft.get("document")), file=f"{DRAFTS_DIR}/{draft_file.name}"
    )
)
if draft.get("read"):
    st.caption(what_was_read(draft["read"]))
if draft.get("ideas"):
    st.caption(
        _("Ideas in the plan, not drafted as actions: {ideas}").format(ideas=plain("; ".join(draft["ideas"])))
    )
source_ids = sorted(network.sources)
new_city = None
if city_id not in names:
    st.markdown(
        _("**{city} is a new city.** Its file is made when you confirm its first action.").format(
            city=plain(city_id)
        )
    )
    left, middle, right = st.columns(3)
    new_city = {
        "id": city_id,
        "name": left.text_input(_("Name"), value=draft.get("city_name") or "", key="iap_city_name"),
        "country": middle.text_input(_("Country"), key="iap_city_country"),
        "role": right.selectbox(_("Role"), ["partner", "lead_partner"], key="iap_city_role"),
        "sources": st.multiselect(
            _("Sources of the city's facts"),
            source_ids,
            key="iap_city_sources",
            placeholder=_("Choose sources"),
        ),
    }
if draft["source"] not in network.sources:
    st.warning(
        _(
            "The plan's source id '{source}' is not in sources.yaml. Add the document on the "
            "**Edit a plan** page (Sources), or choose another source for each action below."
        ).format(source=draft["source"])
    )
plan_source = st.selectbox(
    _("The plan's entry in sources.yaml, for every action"),
    source_ids,
    index=source_ids.index(draft["source"]) if draft["source"] in source_ids else None,
    placeholder=_("Choose the plan's source"),
    key="iap_source",
)
whole_plan = st.checkbox(
    _("This document is the whole plan of the city"),
    key="iap_whole",
    help=_(
        "Then the city's plan counts as entered: its gaps (interventions and groups no action covers) "
        "appear on My city and Presentation. Leave it unticked for a part of a plan."
    ),
)

labels = {
    kind: vocab.labels(kind)
    for kind in ("interventions", "support_levels", "beneficiaries", "funding_sources")
}
city_file = read_city(data_dir, city_id)
in_file = [a for a in (city_file.data or {}).get("actions") or [] if isinstance(a, dict)]
taken_ids = {a.get("id") for a in in_file}
confirmed = set(draft.get("confirmed") or [])
document_lines = draft.get("document_lines") or []


def save(changed: dict, message: str) -> None:
    save_draft(data_dir, changed, draft_file, author=current_author())
    # The ticks were for the actions as they were: new keys give fresh, unticked boxes.
    st.session_state["iap_shape"] = st.session_state.get("iap_shape", 0) + 1
    st.session_state[FLASH_KEY] = message
    st.rerun()


# --- 3. beside the document: look, merge, split, drop, add -------------------------------------------------

titles = [f"{n + 1}. {e['action']['title']}" for n, e in enumerate(draft["actions"])]
document_side, tools_side = st.columns([3, 2])
with document_side:
    st.markdown("**" + _("The document") + "**")
    if not document_lines:
        st.caption(_("This draft was made without its document's text (an older draft)."))
    else:
        shown = st.selectbox(
            _("Highlight the lines of"), range(len(titles)), format_func=titles.__getitem__, key="iap_shown"
        )
        marked = set(draft["actions"][shown].get("lines") or []) if titles else set()
        whole = st.toggle(_("Show the whole document"), key="iap_whole_document")
        span = range(len(document_lines))
        if marked and not whole:
            span = range(max(min(marked) - 3, 0), min(max(marked) + 4, len(document_lines)))
        with st.container(height=420, key="iap_document"):
            for i in span:
                text = plain(document_lines[i]) or "&nbsp;"
                st.markdown(
                    f":orange-background[`{i + 1:>4}` {text}]" if i in marked else f"`{i + 1:>4}` {text}",
                    unsafe_allow_html=False,
                )
with tools_side:
    st.markdown("**" + _("Shape the draft") + "**")
    st.caption(_("Tick actions, then merge, drop or split them."))
    shape = st.session_state.get("iap_shape", 0)
    with st.container(height=260, key="iap_picks"):
        picked = [n for n, title in enumerate(titles) if st.checkbox(title, key=f"iap_pick:{shape}:{n}")]
    left, right = st.columns(2)
    if left.button(_("Merge"), key="iap_merge", disabled=len(picked) < 2, use_container_width=True):
        save(
            edit.merge(draft, picked, vocab, taken_ids),
            _("{n} actions merged into one.").format(n=len(picked)),
        )
    if right.button(_("Drop"), key="iap_drop", disabled=not picked, use_container_width=True):
        save(
            edit.drop(draft, picked),
            ngettext("{n} action dropped.", "{n} actions dropped.", len(picked)).format(n=len(picked)),
        )
    if document_lines:
        if len(picked) == 1:
            lines = sorted(draft["actions"][picked[0]].get("lines") or [])
            if len(lines) > 1:
                at = st.selectbox(
                    _("Split before line"),
                    lines[1:],
                    format_func=lambda i: f"{i + 1}: {document_lines[i][:60]}",
                    key="iap_split_at",
                )
                if st.button(_("Split"), key="iap_split", use_container_width=True):
                    save(
                        edit.split(draft, picked[0], at, vocab, taken_ids), _("The action was split in two.")
                    )
        first, last = st.columns(2)
        start = first.number_input(_("From line"), 1, len(document_lines), 1, key="iap_from")
        end = last.number_input(_("To line"), 1, len(document_lines), 1, key="iap_to")
        if st.button(
            _("Add an action from these lines"), key="iap_add", use_container_width=True, disabled=end < start
        ):
            save(
                edit.add_from_lines(draft, list(range(int(start) - 1, int(end))), vocab, taken_ids),
                _("An action was added from lines {first} to {last}.").format(
                    first=int(start), last=int(end)
                ),
            )

# --- 4. each action: check, correct, confirm ---------------------------------------------------------------------

DUPLICATE_CHOICES = {
    "both": N_("Keep both"),
    "update": N_("Update the existing action"),
    "skip": N_("Skip this one"),
}

# --- 4a. every action whose fields are complete, confirmed in one go -----------------------------------


def as_drafted(entry: dict) -> dict:
    """The drafted action as its form first shows it, ready to confirm (the plan's source when
    it names none)."""
    action = entry["action"]
    budget = action.get("budget") or {}
    return reviewed_action(
        action,
        title=action["title"],
        description=action["description"],
        interventions=action["interventions"],
        support_level=action["support_level"] or "",
        beneficiaries=action["beneficiaries"],
        model_reason=drafted_reason(entry),
        amount=budget.get("amount_eur"),
        funding=budget.get("funding_sources") or [],
        lead=action.get("lead") or "",
        partners="\n".join(action["partners"]),
        indicators=indicator_lines(action["indicators"]),
        sources=[s for s in action["sources"] if s in network.sources]
        or ([plan_source] if plan_source else []),
    )


def drafted_reason(entry: dict) -> str:
    """Why the drafted action is placed where it is, in the reader's language (an older draft
    keeps only its English sentence)."""
    if entry.get("placement"):
        return placement_reason(entry["placement"], vocab)
    return entry["action"]["model_reason"]


def edited_in_form(action: dict) -> bool:
    """Whether the reviewer has changed this action's form (and tried to confirm it): then
    only that form confirms it, never the drafted values."""
    key = f"iap:{city_id}:{action['id']}"
    drafted = {
        "title": action["title"],
        "description": action["description"],
        "interventions": action["interventions"],
        "level": action["support_level"],
        "beneficiaries": action["beneficiaries"],
        "lead": action.get("lead") or "",
    }
    return any(
        f"{key}:{name}" in st.session_state and (st.session_state[f"{key}:{name}"] or None) != (value or None)
        for name, value in drafted.items()
    )


ready, to_choose, alike, edited, unfunded = [], [], [], [], []
for n, entry in enumerate(draft["actions"]):
    action = entry["action"]
    if action["id"] in confirmed:
        continue
    named = _("Action {number}").format(number=plain(action.get("number") or str(n + 1)))
    if similar_actions(in_file, action["title"]):
        alike.append(named)
    elif edited_in_form(action):
        edited.append(named)
    elif not (action["interventions"] and action["support_level"] and action["beneficiaries"]):
        to_choose.append(named)
    elif action.get("budget") and not action["budget"].get("funding_sources"):
        unfunded.append(named)  # the city's file takes no amount without its source
    else:
        ready.append(entry)
if ready or to_choose or alike or edited or unfunded:
    st.markdown("**" + _("Confirm the actions") + "**")
    told = (
        []
        if not ready
        else [
            ngettext(
                "{n} action has its interventions, support level and beneficiaries set: it can be confirmed "
                "as drafted, or checked and confirmed in its form below.",
                "{n} actions have their interventions, support level and beneficiaries set: they can be "
                "confirmed as drafted in one go, or checked and confirmed one by one in their forms below.",
                len(ready),
            ).format(n=len(ready))
        ]
    )
    if to_choose:
        told.append(
            _("Still to choose in their forms (no word of the plan matched): {actions}.").format(
                actions=", ".join(to_choose)
            )
        )
    if unfunded:
        told.append(
            _(
                "An amount without a funding source the rules know, to complete in their forms (choose "
                "the source, or empty the amount while the funding is not known): {actions}."
            ).format(actions=", ".join(unfunded))
        )
    if alike:
        told.append(
            _("Like an action already in the city's file, to decide in their forms: {actions}.").format(
                actions=", ".join(alike)
            )
        )
    if edited:
        told.append(
            _("Changed in their forms, to confirm there: {actions}.").format(actions=", ".join(edited))
        )
    st.markdown("\n".join(f"- {line}" for line in told))
    if not plan_source:
        st.caption(_("Choose the plan's entry in sources.yaml above first: each action needs a source."))
    if st.button(
        ngettext(
            "Confirm {n} complete action as drafted",
            "Confirm the {n} complete actions as drafted",
            len(ready),
        ).format(n=len(ready)),
        key="iap_confirm_ready",
        disabled=not ready or not plan_source,
        type="primary",
    ):
        checked = [as_drafted(entry) for entry in ready]
        document = (
            {"title": draft.get("document") or draft["source"], "source": plan_source} if whole_plan else None
        )
        done = saving.attempt(
            lambda: confirm(
                data_dir,
                read_city(data_dir, city_id),
                checked,
                new_city,
                draft=(draft_file, draft),
                author=current_author(),
                document=document,
                marked=[entry["action"]["id"] for entry in ready],
            )
        )
        if done is None:  # nothing written; the draft and its corrections are kept
            st.stop()
        problems = done[0]
        if problems:
            st.error(
                ngettext(
                    "Not saved: {n} problem to fix first.",
                    "Not saved: {n} problems to fix first.",
                    len(problems),
                ).format(n=len(problems))
            )
            st.code("\n".join(problems), language=None, wrap_lines=True)
        else:
            st.session_state["iap_current"] = None
            st.session_state[FLASH_KEY] = (
                ngettext(
                    "{n} action confirmed and added to {file}:",
                    "{n} actions confirmed and added to {file}:",
                    len(checked),
                ).format(n=len(checked), file=f"cities/{city_id}.yaml")
                + "\n"
                + "\n".join(f"- {a['id']}: {plain(a['title'])}" for a in checked)
                + ("\n\n" + _("The plan is recorded as the city's whole plan.") if document else "")
            )
            st.rerun()

# The action being worked on stays open (with its problems, if any); a confirmed one closes and
# the next to check opens.
waiting = [e["action"]["id"] for e in draft["actions"] if e["action"]["id"] not in confirmed]
current = st.session_state.get("iap_current")
if current not in waiting:
    current = waiting[0] if waiting else None

for n, entry in enumerate(draft["actions"]):
    action = entry["action"]
    key = f"iap:{city_id}:{action['id']}"  # by id: a merged or split action gets fresh fields
    done = action["id"] in confirmed
    with st.expander(
        _("Action {number}: {title}").format(
            number=plain(action.get("number") or str(n + 1)), title=plain(action["title"])
        ),
        expanded=action["id"] == current,
        icon=":material/check_circle:" if done else None,  # an emoji shows as a box without emoji fonts
    ):
        st.warning(
            _("**To check before confirming:**")
            + "\n"
            + "\n".join(f"- {plain(said_note(r, vocab))}" for r in entry["review"])
        )
        found = entry.get("from_the_plan") or {}
        with st.popover(_("What the plan says")):
            for title, part in (
                (N_("Objectives"), "objectives"),
                (N_("Activities"), "activities"),
                (N_("Costs"), "costs"),
                (N_("Funding"), "funding_lines"),
            ):
                if found.get(part):
                    st.markdown(f"**{_(title)}**\n" + "\n".join(f"- {plain(x)}" for x in found[part]))
        like = [] if done else similar_actions(in_file, action["title"])
        choice = "both"
        if like:
            theirs = like[0]
            st.error(
                _(
                    "This looks like {action} already in the city's file: “{title}”. Choose what to do."
                ).format(action=theirs["id"], title=plain(theirs.get("title")))
            )
            choice = st.radio(
                _("Already in the city's file"),
                list(DUPLICATE_CHOICES),
                format_func=lambda c: _(DUPLICATE_CHOICES[c]),
                horizontal=True,
                key=f"{key}:duplicate",
            )
            if choice == "update":
                st.markdown("**" + _("What changes in {action}").format(action=theirs["id"]) + "**")
                rows = [
                    {_("Field"): name, _("Goes"): plain(str(old)), _("Comes"): plain(str(new))}
                    for name, old, new in changed_fields(theirs, {**action, "id": theirs["id"]})
                    if name not in ("inspired_by", "testing_origin", "target_groups")
                ]
                st.dataframe(rows, hide_index=True, placeholder="")
                if theirs.get("inspired_by") or theirs.get("testing_origin"):
                    st.caption(_("Its transfers (inspired by, testing origin) are kept."))
        with st.form(f"{key}:form"):
            title = st.text_input(_("Title"), value=action["title"], key=f"{key}:title")
            description = st.text_area(
                _("Description (in your own words)"), value=action["description"], key=f"{key}:description"
            )
            # One under the other: side by side, a narrow window cut the chosen groups off.
            interventions = st.multiselect(
                _("Interventions (primary first)"),
                list(labels["interventions"]),
                default=action["interventions"],
                format_func=labels["interventions"].get,
                key=f"{key}:interventions",
                placeholder=_("No word matched: choose"),
            )
            level_ids = list(labels["support_levels"])
            level = st.selectbox(
                _("Support level"),
                level_ids,
                index=level_ids.index(action["support_level"])
                if action["support_level"] in level_ids
                else None,
                format_func=labels["support_levels"].get,
                key=f"{key}:level",
                placeholder=_("No word matched: choose"),
            )
            beneficiaries = st.multiselect(
                _("Beneficiaries"),
                list(labels["beneficiaries"]),
                default=action["beneficiaries"],
                format_func=labels["beneficiaries"].get,
                key=f"{key}:beneficiaries",
                placeholder=_("No word matched: choose"),
            )
            reason = st.text_area(
                _("Why it is placed there on the model"), value=drafted_reason(entry), key=f"{key}:reason"
            )
            budget = action.get("budget") or {}
            left, right = st.columns(2)
            amount = left.number_input(
                _("Budget in euros (empty = unknown)"),
                min_value=0.0,
                value=float(budget["amount_eur"]) if budget else None,
                step=100.0,
                key=f"{key}:amount",
            )
            funding = right.multiselect(
                _("Funding sources"),
                list(labels["funding_sources"]),
                default=budget.get("funding_sources") or [],
                format_func=labels["funding_sources"].get,
                key=f"{key}:funding",
                placeholder=_("None named in the plan: choose"),
            )
            lead = st.text_input(_("Lead"), value=action.get("lead") or "", key=f"{key}:lead")
            partners = st.text_area(
                _("Partners (one a line)"), value="\n".join(action["partners"]), key=f"{key}:partners"
            )
            indicators = st.text_area(
                _("Indicators (one a line, 'indicator: target')"),
                value=indicator_lines(action["indicators"]),
                key=f"{key}:indicators",
            )
            default_sources = [s for s in action["sources"] if s in network.sources] or (
                [plan_source] if plan_source else []
            )
            sources = st.multiselect(
                _("Sources"),
                source_ids,
                default=default_sources,
                key=f"{key}:sources:{plan_source}",
                placeholder=_("Choose sources"),
            )
            submitted = st.form_submit_button(_("Confirm this action"), type="primary")
        if submitted:
            st.session_state["iap_current"] = action["id"]
            if choice == "skip":
                st.info(_("Skipped: nothing was saved for this action."))
                st.stop()
            if not (interventions and level and beneficiaries):
                st.error(_("Not saved: choose its interventions, support level and beneficiaries first."))
                st.stop()
            if amount is not None and not funding:
                st.error(
                    _(
                        "Not saved: an amount needs its funding source. Choose the source, or empty the "
                        "amount while the funding is not known."
                    )
                )
                st.stop()
            checked = reviewed_action(
                action,
                title=title,
                description=description,
                interventions=interventions,
                support_level=level or "",
                beneficiaries=beneficiaries,
                model_reason=reason,
                amount=amount,
                funding=funding,
                lead=lead,
                partners=partners,
                indicators=indicators,
                sources=sources,
            )
            updates = set()
            if choice == "update":
                checked["id"] = like[0]["id"]
                updates = {like[0]["id"]}
            document = None
            if whole_plan and sources:
                document = {"title": draft.get("document") or draft["source"], "source": sources[0]}
            done = saving.attempt(
                lambda checked=checked, updates=updates, document=document, action=action: confirm(
                    data_dir,
                    read_city(data_dir, city_id),
                    [checked],
                    new_city,
                    draft=(draft_file, draft),
                    author=current_author(),
                    updates=updates,
                    document=document,
                    marked=[action["id"]],
                )
            )
            if done is None:  # nothing written; the draft and its corrections are kept
                st.stop()
            problems = done[0]
            if problems:
                st.error(
                    ngettext(
                        "Not saved: {n} problem to fix first.",
                        "Not saved: {n} problems to fix first.",
                        len(problems),
                    ).format(n=len(problems))
                )
                st.code("\n".join(problems), language=None, wrap_lines=True)
            else:
                later = [i for i in waiting if i != action["id"]]
                st.session_state["iap_current"] = later[0] if later else None
                st.session_state[FLASH_KEY] = _("{action} confirmed and written into {file}.").format(
                    action=checked["id"], file=f"cities/{city_id}.yaml"
                )
                st.rerun()

left = len(draft["actions"]) - len(confirmed & {e["action"]["id"] for e in draft["actions"]})
st.caption(
    ngettext(
        "{n} of {total} actions confirmed.",
        "{n} of {total} actions confirmed.",
        len(draft["actions"]) - left,  # the form agrees with the number confirmed
    ).format(n=len(draft["actions"]) - left, total=len(draft["actions"]))
)
