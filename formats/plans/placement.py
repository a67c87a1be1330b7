"""Where a drafted action may sit on the model, and how sure that is.

Keyword rules of the data (every language's, plus the document's language), matched at the start
of words: a title's words count three times the description's. The beneficiary groups are read
from who the action is for (its target people when the plan names them), never from who
delivers it (lead and partners are not read). An axis where no word matched stays empty, marked
for the person to choose; there is no default that could pass for a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.vocabulary import Vocabulary

from .words import Stems, Words


@dataclass(frozen=True)
class Suggestion:
    """One axis: the ids suggested (empty: to choose), the words that led there, how sure."""

    ids: list[str]
    words: dict[str, list[str]]
    sureness: str  # "clear" (one place stands out), "weak" (a single word, or a close call), "none"


def _scores(rules: dict[str, list[str]], title: str, body: str) -> dict[str, tuple[int, list[str]]]:
    scores = {}
    for place, stems in rules.items():
        matcher = Stems(tuple(stems))
        in_title, in_body = matcher.found(title), matcher.found(body)
        if in_title or in_body:
            scores[place] = (3 * len(in_title) + len(in_body), list(dict.fromkeys(in_title + in_body)))
    return scores


def _suggest(scores: dict[str, tuple[int, list[str]]], order: list[str], most: int) -> Suggestion:
    ranked = sorted((p for p in order if p in scores), key=lambda p: -scores[p][0])
    if not ranked:
        return Suggestion([], {}, "none")
    best = scores[ranked[0]][0]
    chosen = [p for p in ranked if scores[p][0] * 2 >= best][:most]
    runner_up = scores[ranked[1]][0] if len(ranked) > 1 else 0
    sure = "clear" if best >= 3 and best >= 2 * runner_up else "weak"
    return Suggestion(chosen, {p: scores[p][1] for p in chosen}, sure)


@dataclass(frozen=True)
class Placement:
    interventions: Suggestion
    support_level: Suggestion
    beneficiaries: Suggestion


def suggest(
    title: str, description: str, target: str, words: Words, vocabulary: Vocabulary, language: str | None
) -> Placement:
    body = description
    interventions = _scores(words.rules_for("interventions", language), title, body)
    levels = _scores(words.rules_for("support_levels", language), title, " ".join([body, target]))
    # Who it is for: the target people when named, else what the title and description say.
    groups = _scores(words.rules_for("beneficiaries", language), "" if target else title, target or body)
    return Placement(
        _suggest(interventions, vocabulary.ids("interventions"), 2),
        _suggest(levels, vocabulary.ids("support_levels"), 1),
        _suggest(groups, vocabulary.ids("beneficiaries"), 3),
    )
