"""The intervention model's vocabulary, read from data/model.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import ModelFile, Term

KINDS = ("interventions", "support_levels", "beneficiaries", "focus_areas", "funding_sources")

_TITLES = {
    "interventions": "interventions",
    "support_levels": "support levels",
    "beneficiaries": "beneficiary groups",
    "focus_areas": "focus areas",
    "funding_sources": "funding sources",
}

# The ids other tools rely on; data/model.yaml must define exactly these.
REQUIRED_IDS = {
    "interventions": ("identify", "help", "awareness", "prevent"),
    "support_levels": ("intensive", "targeted", "universal"),
    "beneficiaries": ("isolated", "at_risk", "helpers", "all_citizens"),
}

ACTION_KINDS = ("iap_action", "testing_action", "idea")
ACTION_KIND_LABELS = {
    "iap_action": "Plan action",
    "testing_action": "Testing action",
    "idea": "Idea (not funded)",
}


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, tuple[Term, ...]]  # kind -> terms in display order

    @classmethod
    def from_file(cls, model: ModelFile) -> Vocabulary:
        return cls({kind: tuple(sorted(getattr(model, kind), key=lambda t: t.order)) for kind in KINDS})

    def ids(self, kind: str) -> list[str]:
        return [t.id for t in self.terms[kind]]

    def labels(self, kind: str) -> dict[str, str]:
        return {t.id: t.label for t in self.terms[kind]}

    def colours(self, kind: str) -> dict[str, str]:
        return {t.id: t.colour for t in self.terms[kind]}

    def label(self, kind: str, term_id: str) -> str:
        return self.labels(kind).get(term_id, term_id)

    @staticmethod
    def title(kind: str) -> str:
        return _TITLES.get(kind, kind)

    def missing_required(self) -> list[str]:
        """Messages for each contract id that the vocabulary lacks or adds."""
        messages = []
        for kind, required in REQUIRED_IDS.items():
            have = self.ids(kind)
            if set(have) != set(required):
                messages.append(f"{kind} must be exactly {', '.join(required)}; found {', '.join(have)}")
        return messages
