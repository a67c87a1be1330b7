"""Drafting a city's actions from an Integrated Action Plan written to the URBACT template.

URBACT plans describe each action the same way: a title and a short introduction, then the
headings SPECIFIC OBJECTIVE, OPERATIONAL OBJECTIVE, MAIN ACTIVITIES, LEAD AND PARTNERS OF THE
ACTION, COSTS AND FUNDINGS, MONITORING AND EVALUATION INDICATORS and RISK MITIGATION. This
module finds those blocks in the plan's text (from a PDF through pypdf, or a text file) and
turns each into a draft action: every field it fills is listed under `review`, because a
person must check it before it counts (see formats.drafts).

Where an action sits on the model (interventions, support level, beneficiaries) is only
suggested, by the keyword rules of data/model.yaml (`iap_import`); the reason names the words
that matched.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from models.vocabulary import Vocabulary
from words import slug

# --- reading the document ---------------------------------------------------------------------


class UnreadableDocument(Exception):
    """The file is not a plan this module can read; the message says why in plain words."""


def document_text(path: Path) -> str:
    """The plan's text: a PDF's text through pypdf, or a text file as it is."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"{path.name} cannot be opened ({error.strerror or error})") from error
    return text_of(data, path.name)


def text_of(data: bytes, name: str) -> str:
    if data[:5] == b"%PDF-":
        # Deferred: pypdf (heavy, optional) loads only when a PDF is read.
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        except (PdfReadError, ValueError, KeyError) as error:
            raise UnreadableDocument(f"{name} is a PDF that cannot be read ({error})") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableDocument(f"{name} is neither a PDF nor a text file") from error


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


# --- amounts -----------------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"(?:(?:EUR|€|euros?)\s*(?P<a>\d[\d.,\s\u202f]*\d|\d))|(?:(?P<b>\d[\d.,\s\u202f]*\d|\d)\s*(?:EUR|€|euros?))",
    re.IGNORECASE,
)


def parse_amount(text: str) -> float | None:
    """'9.800,00' -> 9800, '3,000' -> 3000, '1 500' -> 1500, '12,50' -> 12.5 (European and
    English ways of writing euros)."""
    digits = re.sub(r"[\s\u202f]", "", text)
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        digits = digits.replace(thousands, "").replace(decimal, ".")
    elif "," in digits or "." in digits:
        mark = "," if "," in digits else "."
        parts = digits.split(mark)
        if len(parts) == 2 and len(parts[1]) in (1, 2):
            digits = parts[0] + "." + parts[1]  # a decimal mark: 12,50
        elif all(len(p) == 3 for p in parts[1:]):
            digits = "".join(parts)  # thousands: 3,000 or 12.500
        else:
            return None
    try:
        value = float(digits)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def amounts_in(text: str) -> list[float]:
    found = []
    for match in _AMOUNT.finditer(text):
        value = parse_amount(match.group("a") or match.group("b"))
        if value is not None:
            found.append(value)
    return found


def funding_of(text: str, vocabulary: Vocabulary) -> list[str]:
    """The funding source whose words (data/model.yaml, iap_import.funding_sources) appear in
    a cost line; the first rule that matches wins."""
    lowered = text.lower()
    rules = vocabulary.iap_import.funding_sources
    return [source for source, words in rules.items() if any(w.lower() in lowered for w in words)][:1]


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


# --- where the action sits on the model ----------------------------------------------------------------

# Each rule (data/model.yaml, iap_import): a place on the model and the word stems that point
# to it. Title words count three times, the introduction's and objectives' once. Stems are
# matched at the start of words.


def _hits(rules: dict[str, list[str]], title: str, body: str) -> dict[str, tuple[int, list[str]]]:
    scores = {}
    for place, stems in rules.items():
        score, words = 0, []
        for stem in stems:
            pattern = re.compile(r"\b" + re.escape(stem), re.IGNORECASE)
            in_title, in_body = len(pattern.findall(title)), len(pattern.findall(body))
            if in_title or in_body:
                score += 3 * in_title + in_body
                words.append(stem)
        if score:
            scores[place] = (score, words)
    return scores


@dataclass(frozen=True)
class Placement:
    interventions: list[str]
    support_level: str
    beneficiaries: list[str]
    reason: str


def suggest_placement(title: str, text: str, vocabulary: Vocabulary) -> Placement:
    """A suggested place on the model, and the words that led to it."""
    rules, defaults = vocabulary.iap_import, vocabulary.iap_import.defaults
    interventions = _hits(_in_model_order(rules.interventions, vocabulary, "interventions"), title, text)
    ranked = sorted(interventions.items(), key=lambda item: -item[1][0])
    # The strongest intervention, plus any other at least half as strong.
    chosen = [place for place, (score, _) in ranked if score * 2 >= ranked[0][1][0]][:2] if ranked else []
    levels = _hits(_in_model_order(rules.support_levels, vocabulary, "support_levels"), title, text)
    level = (
        max(levels, key=lambda k: levels[k][0])
        if levels
        else defaults.support_level or vocabulary.first("support_levels").id
    )
    groups = _hits(rules.beneficiaries, title, text)
    strongest = max((score for score, _ in groups.values()), default=0)
    beneficiaries = [
        g for g in vocabulary.ids("beneficiaries") if g in groups and groups[g][0] * 2 >= strongest
    ]

    parts = []
    if chosen:
        parts.append("; ".join(f"{p} (words: {', '.join(interventions[p][1])})" for p in chosen))
    else:
        chosen = list(defaults.interventions or [vocabulary.first("interventions").id])
        parts.append(f"{', '.join(chosen)} (no keyword matched: the default)")
    parts.append(
        f"{level} support ({'words: ' + ', '.join(levels[level][1]) if levels else 'no keyword matched: the default'})"
    )
    if beneficiaries:
        parts.append("for " + "; ".join(f"{g} ({', '.join(groups[g][1])})" for g in beneficiaries))
    else:
        beneficiaries = list(defaults.beneficiaries or [vocabulary.first("beneficiaries").id])
        parts.append(f"for {', '.join(beneficiaries)} (no keyword matched: the default)")
    reason = "Suggested by keyword rules, to be checked: " + "; ".join(parts) + "."
    return Placement(chosen, level, beneficiaries, reason)


def _in_model_order(rules: dict[str, list[str]], vocabulary: Vocabulary, kind: str) -> dict[str, list[str]]:
    """The rules of one axis in the model's order (ties go to the first), only ids on the axis."""
    return {i: rules[i] for i in vocabulary.ids(kind) if i in rules}


# --- the draft -----------------------------------------------------------------------------------------


def guess_city(text: str) -> str | None:
    """'Municipality of Isernia' / 'City of Testville' -> the city's name, if the plan says it."""
    match = re.search(r"\b(?:Municipality|City|Town) of ([A-ZÀ-Ž][\wÀ-ž'\- ]{1,30}?)(?=[\s,.;()]|$)", text)
    return match.group(1).strip() if match else None


def draft_action(found: FoundAction, city_id: str, source: str, vocabulary: Vocabulary) -> dict:
    """One action as the city file would hold it, plus what the reviewer must check."""
    s = found.sections
    objectives = [line for key in ("specific_objective", "operational_objective") for line in s.get(key, [])]
    activities = listed_items(s.get("activities", []))
    lead, partners = lead_and_partners(s.get("partners", []))
    cost_lines = [line for line in s.get("costs", []) if amounts_in(line) and len(line) <= 160]
    amounts = [a for line in cost_lines for a in amounts_in(line)]
    funding = list(dict.fromkeys(f for line in cost_lines for f in funding_of(line, vocabulary)))
    placement = suggest_placement(
        found.title, " ".join([found.introduction, *objectives, *activities]), vocabulary
    )
    default_funding = list(
        vocabulary.iap_import.defaults.funding_sources or [vocabulary.first("funding_sources").id]
    )

    budget = None
    review = [
        "title: copied from the plan; check it",
        "description: the plan's own introduction; rewrite it in your own words (one to three sentences)",
        f"interventions, support_level, beneficiaries: {placement.reason}",
        "model_reason: says why the keyword rules chose this place; replace it with the real reason",
    ]
    if amounts:
        budget = {
            "amount_eur": sum(amounts),
            "basis": "plan_total",
            "status": "planned",
            "funding_sources": funding or default_funding,
            "funding_note": None,
            "source": source,
        }
        review.append(
            f"budget: {' + '.join(str(a) for a in amounts)} EUR read from '{'; '.join(cost_lines)}'"
            + ("" if funding else f"; no funding source named: '{', '.join(default_funding)}' is a guess")
        )
    else:
        review.append("budget: no amount found under COSTS AND FUNDINGS, so it is unknown (null)")
    review.append(
        f"lead and partners: read from the lines under LEAD AND PARTNERS ({len(partners)} partners)"
    )
    indicators = indicators_of(s.get("indicators", []))
    review.append(f"indicators: {len(indicators)} read from MONITORING AND EVALUATION INDICATORS")
    review.append(f"sources: '{source}' must be the plan's entry in data/sources.yaml")

    action = {
        "id": f"{city_id}-a{found.number}",
        "number": found.number,
        "title": found.title,
        "kind": "iap_action",
        "description": found.introduction or found.title,
        "testing_origin": None,
        "interventions": placement.interventions,
        "support_level": placement.support_level,
        "beneficiaries": placement.beneficiaries,
        "target_groups": [],
        "model_reason": placement.reason,
        "budget": budget,
        "timing": None,
        "lead": lead,
        "partners": partners,
        "indicators": indicators,
        "inspired_by": [],
        "notes": None,
        "sources": [source],
    }
    return {
        "action": action,
        "from_the_plan": {"objectives": objectives, "activities": activities, "costs": s.get("costs", [])},
        "review": review,
    }


def draft_plan(
    text: str,
    city_id: str | None = None,
    source: str | None = None,
    document: str = "",
    *,
    vocabulary: Vocabulary | None,
) -> dict:
    """The whole draft: which city, which document, and the drafted actions, placed on the
    model by the vocabulary's keyword rules."""
    actions = find_actions(text)
    if not actions:
        raise UnreadableDocument(
            "no action in the URBACT template was found: each action needs the headings "
            "SPECIFIC OBJECTIVE, MAIN ACTIVITIES, LEAD AND PARTNERS OF THE ACTION, COSTS AND FUNDINGS"
        )
    if vocabulary is None:
        raise UnreadableDocument(
            "the model (model.yaml) did not load, so the actions cannot be placed on it: "
            "run `python -m models validate`"
        )
    name = guess_city(text)
    city_id = city_id or (slug(name) if name else None)
    if not city_id:
        raise UnreadableDocument("the plan does not say which city it is for; give it with --city ID")
    source = source or f"{city_id}-iap"
    return {
        "city": city_id,
        "city_name": name,
        "document": document,
        "source": source,
        "confirmed": [],
        "actions": [draft_action(found, city_id, source, vocabulary) for found in actions],
    }
