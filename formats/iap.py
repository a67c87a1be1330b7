"""The blocks of a plan written to the URBACT template, for formats/plans/ (which reads plans of
every layout and drafts their actions).

URBACT plans describe each action the same way: a title and a short introduction, then the
headings SPECIFIC OBJECTIVE, OPERATIONAL OBJECTIVE, MAIN ACTIVITIES, LEAD AND PARTNERS OF THE
ACTION, COSTS AND FUNDINGS, MONITORING AND EVALUATION INDICATORS and RISK MITIGATION. This
module finds those blocks in a plan's text (`find_actions`, used by the template reader) and
reads the parts every reader shares: lead and partners, indicators with their targets, listed
items, and the city a plan names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- the template's headings ----------------------------------------------------------------------

HEADINGS = {
    "specific objective": "specific_objective",
    "operational objective": "operational_objective",
    "main activities": "activities",
    "lead and partners of the action": "partners",
    "lead and partners": "partners",
    "costs and fundings": "costs",
    "costs and funding": "costs",
    "monitoring and evaluation indicators": "indicators",
    "risk mitigation": "risks",
}


def _heading(line: str) -> str | None:
    key = re.sub(r"[^a-z ]", "", line.lower()).strip()
    key = re.sub(r"\s+", " ", key)
    return HEADINGS.get(key) or HEADINGS.get(key.removesuffix("s"))


def _clean_line(line: str) -> str:
    line = re.sub(r"</?i>|\*\*|\*", "", line)  # emphasis marks left by the PDF-to-text step
    return line.replace("\u00a0", " ").strip()


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", line))


def _is_shouting(line: str) -> bool:
    """A heading in capitals ('OTHER IDEAS TO BE DEVELOPED'): the end of the action part."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


# --- one action's text ------------------------------------------------------------------------------


@dataclass
class FoundAction:
    """What the document says about one action, before any interpretation."""

    number: str
    title: str
    introduction: str
    sections: dict[str, list[str]] = field(default_factory=dict)  # heading key -> lines


def find_actions(text: str) -> list[FoundAction]:
    lines = [_clean_line(line) for line in text.splitlines()]
    # The action part starts at the 'ACTION PLAN' heading when there is one (the overview
    # before it has 'SPECIFIC OBJECTIVES' of the whole strategy).
    start = next((i for i, line in enumerate(lines) if line.upper() == "ACTION PLAN"), 0)
    starts = [i for i in range(start, len(lines)) if _heading(lines[i]) == "specific_objective"]
    listed = _listed_titles(lines[:start]) if start else set()
    actions = []
    for n, at in enumerate(starts, start=1):
        title, introduction = _title_and_introduction(lines, at, start, listed)
        # An action ends where the next one's title starts (its risks are not the next one's).
        end = len(lines)
        if n < len(starts):
            end = _title_line(lines, starts[n], at, listed) or starts[n]
        sections = _sections(lines, at, end)
        number_match = _NUMBERED_TITLE.match(title)
        number = str(n)
        if number_match:
            number, title = number_match.group(1), number_match.group(2).strip()
        actions.append(FoundAction(number, title, introduction, sections))
    return actions


# 'Action 2 - Befriending', '2. Befriending', '2) Befriending'; not '4-hour workshops'.
_NUMBERED_TITLE = re.compile(r"^(?:action\s*)?(\d{1,2})(?:\s*[.:)]|\s+[-–])\s+(\S.*)$", re.IGNORECASE)


def _normal_title(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().lower()


def _listed_titles(lines: list[str]) -> set[str]:
    """Titles the plan lists in its summary ('1. Observatory on social isolation (OIS)')."""
    found = set()
    for line in lines:
        match = re.match(r"^\d{1,2}\.\s+(.{3,100})$", line)
        if match and not match.group(1).endswith("."):
            found.add(_normal_title(match.group(1)))
    return found


def _title_line(lines: list[str], at: int, floor: int, listed: set[str] = frozenset()) -> int | None:
    """The line of an action's title, going up from its SPECIFIC OBJECTIVE heading to the
    previous action's last heading. In order of trust: a numbered title ('Action 2 -
    Befriending'); a title the plan lists in its summary; a paragraph of one short line
    (text with blank lines between paragraphs); a short line after the end of a sentence
    and before a line that starts one (text wrapped into lines, as from a PDF); the nearest
    short line that does not end a sentence."""
    top = at - 1
    while top > floor and _heading(lines[top]) is None:
        top -= 1
    above = range(at - 1, top, -1)
    numbered = [i for i in above if _NUMBERED_TITLE.match(lines[i]) and len(lines[i]) <= 100]
    if numbered:
        return numbered[0]
    in_summary = [i for i in above if _normal_title(lines[i]) in listed]
    if in_summary:
        return in_summary[0]

    def short(i: int) -> bool:
        line = lines[i]
        return (
            bool(line)
            and not _is_page_number(line)
            and len(line) <= 100
            and not line.endswith((".", ":", ";", ","))
        )

    for i in above:
        alone = (i == 0 or not lines[i - 1]) and (i + 1 >= len(lines) or not lines[i + 1])
        if short(i) and alone:
            return i

    widths = sorted(len(lines[i]) for i in above if lines[i])
    wrap = widths[len(widths) * 3 // 4] if widths else 100  # the width most lines are wrapped at
    for i in above:
        before = next((lines[j] for j in range(i - 1, top, -1) if lines[j]), "")
        after = lines[i + 1] if i + 1 < len(lines) else ""
        ends_sentence = not before or before.endswith((".", "!", "?", ")")) or _is_page_number(before)
        if (
            short(i)
            and len(lines[i]) < 0.75 * wrap
            and ends_sentence
            and after[:1].isupper()
            and lines[i][:1].isupper()
        ):
            return i
    return next((i for i in above if short(i)), None)


def _title_and_introduction(lines: list[str], at: int, floor: int, listed: set[str]) -> tuple[str, str]:
    title_at = _title_line(lines, at, floor, listed)
    if title_at is None:
        return "", ""
    introduction = " ".join(line for line in lines[title_at + 1 : at] if line and not _is_page_number(line))
    return lines[title_at], introduction


def _sections(lines: list[str], begin: int, end: int) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines[begin:end]:
        key = _heading(line)
        if key:
            current = key
            sections.setdefault(current, [])
            continue
        if current is None or not line or _is_page_number(line):
            continue
        if _is_shouting(line):
            current = None  # a heading that is not part of the action template
            continue
        sections[current].append(line)
    return sections


# --- partners ------------------------------------------------------------------------------------------

_LEAD_LABELS = ("lead", "co-lead", "leader", "lead partner", "led by", "coordinator", "responsible")


def _split_outside_brackets(text: str) -> list[str]:
    """Names separated by semicolons (then commas may sit inside a name) or else by commas;
    never inside brackets."""
    separators = ";" if ";" in text else ",;"
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip().rstrip(".") for p in parts if p.strip().rstrip(".")]


def lead_and_partners(lines: list[str]) -> tuple[str | None, list[str]]:
    """'Co-lead: Municipality of Isernia' and 'Active contributors: A, B' lines -> the lead and
    'A (active contributors)', 'B (active contributors)'."""
    entries: list[list[str]] = []  # [label, text]
    for line in lines:
        match = re.match(r"^[-•\s]*([A-Za-z][A-Za-z \-/]{1,40}):\s*(.*)$", line)
        if match:
            entries.append([match.group(1).strip(), match.group(2).strip()])
        elif entries:
            entries[-1][1] += " " + line  # a continued line
    lead, partners = None, []
    for label, text in entries:
        if label.lower() in _LEAD_LABELS and lead is None:
            lead = text.rstrip(".")
            continue
        for name in _split_outside_brackets(text):
            name = re.sub(r"^(and|or)\s+", "", name)
            partners.append(name if label.lower() == "partners" else f"{name} ({label.lower()})")
    return lead, list(dict.fromkeys(partners))


def indicators_of(lines: list[str]) -> list[dict]:
    """'- Number of events held: at least 2 (one per year).' -> indicator and target."""
    items: list[str] = []
    for line in lines:
        if re.match(r"^[-•–*]\s+|^\d+[.)]\s+", line):
            items.append(re.sub(r"^[-•–*]\s+|^\d+[.)]\s+", "", line))
        elif items:
            items[-1] += " " + line
    indicators = []
    for item in items:
        name, _, target = item.partition(":")
        name = re.sub(r"^(total\s+)?number of\s+", "", name.strip(), flags=re.IGNORECASE)
        if len(name) > 1 and name[0].isupper() and name[1].islower():
            name = name[0].lower() + name[1:]  # 'Events held', as the data writes it: 'events held'
        indicators.append(
            {"indicator": name.strip().rstrip("."), "target": target.strip().rstrip(".") or None}
        )
    return indicators


def listed_items(lines: list[str]) -> list[str]:
    """Numbered or bulleted lines, continued lines joined."""
    items: list[str] = []
    for line in lines:
        if re.match(r"^(\d+[.)]|[-•–*])\s+", line) or not items:
            items.append(re.sub(r"^(\d+[.)]|[-•–*])\s+", "", line))
        else:
            items[-1] += " " + line
    return items


# --- the city ---------------------------------------------------------------------------------------


def guess_city(text: str) -> str | None:
    """'Municipality of Isernia' / 'City of Testville' -> the city's name, if the plan says it."""
    match = re.search(r"\b(?:Municipality|City|Town) of ([A-ZÀ-Ž][\wÀ-ž'\- ]{1,30}?)(?=[\s,.;()]|$)", text)
    return match.group(1).strip() if match else None
