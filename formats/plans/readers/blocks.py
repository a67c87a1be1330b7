"""Actions under their own headings: numbered action headings ('Action 2.1 – Befriending',
'AZIONE 3.', 'Ação 1.2', 'Ukrep 4') or a labelled name ('Nom de l'action : Café des aînés'),
each followed by labelled lines ('Description :', 'Coût estimé', 'Responsible bodies') or prose.

An action ends at the next one, or at a heading that opens a section without actions (contents,
recap, monitoring, annexes); under an 'other ideas' heading what is found are ideas. The same
action met twice (a summary list before the detail) is kept once, in its fuller form.
"""

from __future__ import annotations

import re

from ..found import Found, action_heading, heading_level, is_shouting, labelled, split_number

NAME = "blocks"
DESCRIBED = "blocks under action headings"


def _start(context, i: int, pattern) -> tuple[str | None, str] | None:
    """(number, title) when line i starts an action; the title may be on the next line."""
    line = context.lines[i].strip()
    if len(line) > 160:
        return None
    match = pattern.match(line)
    if match:
        title = match.group(2).strip().strip("*").strip()
        if not title:
            following = next(
                (j for j in range(i + 1, min(i + 4, len(context.lines))) if context.lines[j].strip()), None
            )
            if following is not None and labelled(context.lines[following], context.words) is None:
                title = context.lines[following].strip().lstrip("#").strip()
        return match.group(1), title
    label = labelled(line, context.words)
    if label and label[0] == "title" and label[1]:
        number, title = split_number(label[1])
        return number, title
    return None


def read(context) -> list[Found]:
    pattern = action_heading(context.words)
    found: list[Found] = []
    current: Found | None = None
    current_level = None
    field = None
    in_row = set(i for row in context.rows for i in row.lines)
    for i, line in enumerate(context.lines):
        if i in context.noise:
            continue
        stripped = line.strip()
        kind = context.section(i)
        start = None if i in in_row else _start(context, i, pattern)
        if start is not None:
            current = None
            if kind in ("contents", "recap", "monitoring", "stop"):
                continue
            number, title = start
            current = Found(title, number, NAME, [i], kind="idea" if kind == "ideas" else "action")
            current_level = heading_level(stripped)
            found.append(current)
            field = None
            continue
        if current is None or not stripped:
            continue
        if kind in ("contents", "recap", "monitoring", "stop") or (
            kind == "ideas" and current.kind == "action"
        ):
            current = None
            continue
        level = heading_level(stripped)
        if level is not None and current_level is not None and level <= current_level:
            current = None  # a heading of the same rank that is not an action
            continue
        if is_shouting(stripped) and labelled(stripped, context.words) is None and i not in in_row:
            current = None
            continue
        if i in in_row:
            row = next(r for r in context.rows if i in r.lines)
            if i == row.lines[0]:
                cells = [c for c in row.cells if c]
                name = context.words.field_of(cells[0]) if cells else None
                if name and len(cells) > 1:
                    field = name
                    current.add(name, " ".join(cells[1:]))
                else:
                    current.add(field or "description", " ".join(cells))
            current.lines.append(i)
            continue
        label = labelled(stripped, context.words)
        if label:
            field = label[0]
            current.add(field, label[1], i)
            continue
        if field is not None and _alone(context.lines, i):
            # After the action's labelled lines, a short line alone between blank lines is the
            # heading of what follows ('Άξονας 2 – Βοήθεια'), not more of the last value.
            current = None
            continue
        text = re.sub(r"^#{1,6}\s+", "", stripped)
        current.add(field or "description", text, i)
    return _once(found)


def _alone(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    blank_before = i == 0 or not lines[i - 1].strip()
    blank_after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return blank_before and blank_after and len(line) <= 80 and not line.endswith((".", ";", ",", ":"))


def _once(found: list[Found]) -> list[Found]:
    """An action numbered twice (a list before the detail) is kept once, the fuller one."""
    kept: dict[str, Found] = {}
    order: list[str] = []
    for action in found:
        key = f"{action.kind}:{action.number}" if action.number else f"{action.kind}:{action.title.lower()}"
        if key not in kept:
            kept[key] = action
            order.append(key)
        elif action.richness() > kept[key].richness():
            kept[key] = action
    return [kept[k] for k in order]
