"""One table per action, a label in one cell and its value in the next ('Action name | 1.1 Solar
electricity', 'Responsible bodies | City of Kranj'), as the EU mission's action outlines and many
plan forms are written."""

from __future__ import annotations

from ..found import Found, action_heading, split_number

NAME = "label_tables"
DESCRIBED = "tables of labelled rows, one per action"


def _label(cells: list[str], words) -> tuple[str, str] | None:
    # 'Ukrep 1.1 | Prostovoljni prevozi': the action's number in the label cell, its title beside
    heading = action_heading(words).match(cells[0]) if len(cells) >= 2 and cells[0] else None
    if heading and not heading.group(2).strip() and " ".join(c for c in cells[1:] if c):
        return "title", f"{heading.group(1)} " + " ".join(c for c in cells[1:] if c)
    for n, cell in enumerate(cells[:3]):
        name = words.field_of(cell) if cell else None
        if name:
            value = " ".join(c for c in cells[n + 1 :] if c)
            return (name, value) if value else None
    return None


def read(context) -> list[Found]:
    found: list[Found] = []
    current: Found | None = None
    last_field = None
    for row in context.rows:
        kind = context.section(row.lines[0])
        labelled = _label(row.cells, context.words)
        if labelled and labelled[0] == "title":
            number, title = split_number(labelled[1])
            current = Found(
                title, number, NAME, list(row.lines), kind="idea" if kind == "ideas" else "action"
            )
            if kind in ("contents", "recap", "monitoring", "stop"):
                current = None
                continue
            found.append(current)
            last_field = None
            continue
        if current is None:
            continue
        if labelled:
            last_field = labelled[0]
            for at in row.lines:
                current.add(last_field, "", at)
            current.add(last_field, labelled[1])
        elif last_field and row.cells and row.cells[-1] and not any(row.cells[:-1]):
            # A cell carried over a page break ('| | | - (5) new DH systems ... |').
            current.add(last_field, row.cells[-1])
            current.lines.extend(row.lines)
        else:
            last_field = None  # a row of a label we do not read ('Action type')
    return found
