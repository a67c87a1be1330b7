"""What a reviewer does to a draft beside its document, before confirming: merge two drafted
actions, split one, drop one, add one from lines of the document. Each returns a new draft; the
page saves it. Actions made from lines are read with the same labels as the readers."""

from __future__ import annotations

import copy
import re

from models.vocabulary import Vocabulary
from words.i18n import N_

from .draft import draft_action, new_ids
from .found import Found, action_heading, labelled, table_rows
from .notes import note
from .reading import words_of
from .words import Words


def _taken(draft: dict, taken: set[str]) -> set[str]:
    return set(taken) | {e["action"]["id"] for e in draft["actions"]}


def found_from_lines(lines: list[str], indexes: list[int], words: Words) -> Found:
    """An action from some lines of the document: the first line that is not a label is its
    title ('Action 3 – ' dropped), labelled lines fill their fields, the rest is description."""
    chosen = [i for i in sorted(indexes) if 0 <= i < len(lines) and lines[i].strip()]
    heading = action_heading(words)
    found = Found("", None, "person", list(chosen))
    field = None
    rows = {r.lines[0]: r for r in table_rows(lines, set()) if r.lines[0] in chosen}
    for i in chosen:
        text = lines[i].strip()
        if i in rows:
            cells = [c for c in rows[i].cells if c]
            name = words.field_of(cells[0]) if cells else None
            if name and len(cells) > 1:
                if name == "title" and not found.title:
                    found.title = " ".join(cells[1:])
                else:
                    field = name
                    found.add(name, " ".join(cells[1:]))
            elif cells and not found.title:
                found.title = cells[0]
            elif cells:
                found.add(field or "description", " ".join(cells))
            continue
        if text.startswith("|"):
            continue
        label = labelled(text, words)
        if label:
            if label[0] == "title" and not found.title:
                found.title = label[1]
            else:
                field = label[0]
                found.add(field, label[1])
            continue
        if found.title and heading.match(text):
            field = None  # the heading of a merged action: its lines go on, its title is dropped
            continue
        if not found.title:
            match = heading.match(text)
            if match and match.group(2).strip():
                found.number, found.title = match.group(1), match.group(2).strip()
            else:
                found.title = re.sub(r"^#{1,6}\s+", "", text)
            continue
        found.add(field or "description", text)
    return found


def _entry(draft: dict, lines: list[int], vocabulary: Vocabulary, taken: set[str]) -> dict:
    words = words_of(vocabulary)
    found = found_from_lines(draft.get("document_lines") or [], lines, words)
    (action_id,) = new_ids(draft["city"], _taken(draft, taken), 1)
    language = (draft.get("read") or {}).get("language")
    entry = draft_action(found, action_id, draft["source"], words, vocabulary, language)
    entry["review"].insert(0, note(N_("made by the reviewer from lines of the document")))
    return entry


def add_from_lines(
    draft: dict, lines: list[int], vocabulary: Vocabulary, taken: set[str] = frozenset()
) -> dict:
    draft = copy.deepcopy(draft)
    draft["actions"].append(_entry(draft, lines, vocabulary, taken))
    return draft


def drop(draft: dict, positions: list[int]) -> dict:
    draft = copy.deepcopy(draft)
    draft["actions"] = [e for n, e in enumerate(draft["actions"]) if n not in set(positions)]
    return draft


def split(
    draft: dict, position: int, at_line: int, vocabulary: Vocabulary, taken: set[str] = frozenset()
) -> dict:
    """The action at `position` made into two: its lines before `at_line`, and from it on."""
    lines = sorted(draft["actions"][position].get("lines") or [])
    first, second = [i for i in lines if i < at_line], [i for i in lines if i >= at_line]
    if not first or not second:
        return draft
    draft = copy.deepcopy(draft)
    title = draft["actions"][position]["action"]["title"]
    one = _entry(draft, first, vocabulary, taken)
    draft["actions"][position] = one
    two = _entry(draft, second, vocabulary, taken)
    for n, part in enumerate((one, two), start=1):
        if not part["action"]["title"]:  # a part with labelled lines only: named after the whole
            part["action"]["title"] = f"{title} ({n})"
    draft["actions"].insert(position + 1, two)
    return draft


def merge(draft: dict, positions: list[int], vocabulary: Vocabulary, taken: set[str] = frozenset()) -> dict:
    """The actions at `positions` made into one, read again from all their lines (the first
    one's title kept)."""
    positions = sorted(set(positions))
    if len(positions) < 2:
        return draft
    lines = sorted({i for p in positions for i in draft["actions"][p].get("lines") or []})
    draft = copy.deepcopy(draft)
    entry = _entry(draft, lines, vocabulary, taken)
    first = draft["actions"][positions[0]]["action"]
    entry["action"]["title"] = first["title"]
    entry["action"]["number"] = first.get("number")
    titles = "; ".join(draft["actions"][p]["action"]["title"] for p in positions)
    entry["review"][0] = note(N_("merged by the reviewer from: {titles}"), titles=titles)
    draft["actions"][positions[0]] = entry
    draft["actions"] = [e for n, e in enumerate(draft["actions"]) if n not in positions[1:]]
    return draft
