"""Prose under headings: a council decision or a strategy that sets out each action as a heading
and its paragraphs. The actions are the headings of the deepest rank that has at least two
headings with text under them; sections without actions (contents, monitoring, annexes) are left
out. Only the title and description are read; the rest is for the person to fill in."""

from __future__ import annotations

from ..found import Found, heading_level, heading_text, split_number

NAME = "prose"
DESCRIBED = "headings with prose under them"


def read(context) -> list[Found]:
    headings = [
        (i, heading_level(line.strip()))
        for i, line in enumerate(context.lines)
        if heading_level(line.strip()) and i not in context.noise
    ]
    if len(headings) < 2:
        return []

    def body(n: int) -> list[int]:
        i, level = headings[n]
        end = next((j for j, lv in headings[n + 1 :] if lv <= level), len(context.lines))
        return [k for k in range(i + 1, end) if context.lines[k].strip() and k not in context.noise]

    with_text = [
        (n, level) for n, (i, level) in enumerate(headings)
        if context.section(i) is None and not context.words.section_of(heading_text(context.lines[i]))
        and not heading_text(context.lines[i]).endswith(":")  # 'The items in detail:' opens a list
        and any(heading_level(context.lines[k].strip()) is None for k in body(n))
    ]  # fmt: skip
    levels = sorted({level for _, level in with_text}, reverse=True)
    chosen = next((lv for lv in levels if sum(1 for _, x in with_text if x == lv) >= 2), None)
    if chosen is None:
        return []
    found = []
    for n, level in with_text:
        if level != chosen:
            continue
        i = headings[n][0]
        number, title = split_number(heading_text(context.lines[i]))
        item = Found(title, number, NAME, [i, *body(n)])
        for k in body(n):
            if heading_level(context.lines[k].strip()) is None:
                item.add("description", context.lines[k])
        found.append(item)
    return found
