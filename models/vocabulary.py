"""The intervention model's vocabulary, read from data/model.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field

from words import slug
from words.i18n import N_, _, language, written_as

from .schema import Cells, FocusArea, ImportRules, ModelFile, Network, Term

KINDS = ("interventions", "support_levels", "beneficiaries", "focus_areas", "funding_sources")

# Marked for the catalog; `title()` stays English: the file's validation messages use it.
_TITLES = {
    "interventions": N_("interventions"),
    "support_levels": N_("support levels"),
    "beneficiaries": N_("beneficiary groups"),
    "focus_areas": N_("focus areas"),
    "funding_sources": N_("funding sources"),
}

# The axes of the model: an action sits on one or more interventions, one support level and
# one or more beneficiary groups. Any number of each, with any ids (data/model.yaml).
AXES = ("interventions", "support_levels", "beneficiaries")

ACTION_KINDS = ("iap_action", "testing_action", "idea")
# Marked for the catalog (written at import): shown through `_()` or `action_kind_label`.
ACTION_KIND_LABELS = {
    "iap_action": N_("Plan action"),
    "testing_action": N_("Testing action"),
    "idea": N_("Idea (not funded)"),
}


def action_kind_label(kind: str) -> str:
    """A kind of action in the language in use: 'Plan action', 'Action du plan'."""
    return _(ACTION_KIND_LABELS[kind]) if kind in ACTION_KIND_LABELS else kind


@dataclass(frozen=True)
class Vocabulary:
    """The model's terms as model.yaml writes them (`written_terms`, `written_network`) and,
    through `terms` and `network`, in the interface's language in use: a term's label and
    description in French where model.yaml gives them (its `translations`), else as written."""

    written_terms: dict[str, tuple[Term, ...]]  # kind -> terms in display order
    written_network: Network | None = None
    iap_import: ImportRules = field(default_factory=ImportRules)
    _by_language: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def terms(self) -> dict[str, tuple[Term, ...]]:
        code = language()
        if code not in self._by_language:
            self._by_language[code] = {
                kind: tuple(t.in_language(written_as(code)) for t in terms)
                for kind, terms in self.written_terms.items()
            }
        return self._by_language[code]

    @property
    def network(self) -> Network | None:
        return self.written_network.in_language(written_as(language())) if self.written_network else None

    @classmethod
    def from_file(cls, model: ModelFile) -> Vocabulary:
        return cls(
            {kind: tuple(sorted(getattr(model, kind), key=lambda t: t.order)) for kind in KINDS},
            model.network,
            model.iap_import,
        )

    def ids(self, kind: str) -> list[str]:
        return [t.id for t in self.terms[kind]]

    def labels(self, kind: str) -> dict[str, str]:
        return {t.id: t.label for t in self.terms[kind]}

    def colours(self, kind: str) -> dict[str, str]:
        return {t.id: t.colour for t in self.terms[kind]}

    def label(self, kind: str, term_id: str) -> str:
        return self.labels(kind).get(term_id, term_id)

    def first(self, kind: str) -> Term:
        """The first term of a kind in display order (the most intensive support level)."""
        return self.terms[kind][0]

    @staticmethod
    def title(kind: str) -> str:
        return _TITLES.get(kind, kind)

    @staticmethod
    def title_shown(kind: str) -> str:
        """`title` in the language in use, for what people read ('niveaux de soutien')."""
        return _(_TITLES[kind]) if kind in _TITLES else kind

    # --- the network ---

    @property
    def name(self) -> str:
        """The network's name, 'Breaking Isolation'."""
        return self.network.name if self.network else _("The network")

    @property
    def title_line(self) -> str:
        """'Breaking Isolation: ten plans on one model'."""
        return self.network.title if self.network else self.name

    @property
    def name_with_programme(self) -> str:
        """'Breaking Isolation (URBACT)', or the name alone."""
        programme = self.network.programme if self.network else None
        return f"{self.name} ({programme})" if programme else self.name

    @property
    def slug(self) -> str:
        """The name for file names: 'breaking-isolation'."""
        return slug(self.name) or "network"

    # --- the focus areas' crosswalk ---

    def focus_cells(self, area: str) -> Cells | None:
        term = next((t for t in self.terms["focus_areas"] if t.id == area), None)
        return term.cells if isinstance(term, FocusArea) else None

    def focus_reading(self, area: str) -> str:
        """How a focus area is read on the model, in words: 'Identify × isolated'."""
        term = next((t for t in self.terms["focus_areas"] if t.id == area), None)
        if isinstance(term, FocusArea) and term.read_as:
            return term.read_as
        cells = self.focus_cells(area)
        if cells is None:
            return _("not linked to the model")
        if cells.with_partners:
            return _("actions that name partners")
        parts = []
        for kind in AXES:
            ids = getattr(cells, kind)
            if ids:
                labels = self.labels(kind)
                parts.append(_(" or ").join(labels.get(i, i) for i in ids))
        return " × ".join(parts) or _("any action")

    # --- checks that need the whole file ---

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for every id repeated on an axis and every id named by the
        focus areas' crosswalk or the import's keyword rules that is not on its axis."""
        found: list[tuple[str, str]] = []
        for kind in KINDS:
            ids = self.ids(kind)
            for repeated in sorted({i for i in ids if ids.count(i) > 1}):
                found.append((kind, f"the id '{repeated}' is used more than once; each id must be unique"))
        for term in self.terms["focus_areas"]:
            cells = term.cells if isinstance(term, FocusArea) else None
            if cells is None:
                continue
            if cells.with_partners and any(getattr(cells, kind) for kind in AXES):
                found.append(
                    (
                        f"focus_areas[{term.id}].cells",
                        "with_partners: true cannot be combined with listed ids",
                    )
                )
            for kind in AXES:
                found.extend(
                    self._unknown(kind, getattr(cells, kind) or [], f"focus_areas[{term.id}].cells.{kind}")
                )
        rules = self.iap_import
        for kind in (*AXES, "funding_sources"):
            found.extend(self._unknown(kind, list(getattr(rules, kind)), f"iap_import.{kind}"))
            for code, words in rules.languages.items():
                where = f"iap_import.languages.{code}.{kind}"
                found.extend(self._unknown(kind, list(getattr(words, kind)), where))
        defaults = rules.defaults
        found.extend(
            self._unknown("interventions", defaults.interventions or [], "iap_import.defaults.interventions")
        )
        found.extend(
            self._unknown(
                "support_levels",
                [defaults.support_level] if defaults.support_level else [],
                "iap_import.defaults.support_level",
            )
        )
        found.extend(
            self._unknown("beneficiaries", defaults.beneficiaries or [], "iap_import.defaults.beneficiaries")
        )
        found.extend(
            self._unknown(
                "funding_sources", defaults.funding_sources or [], "iap_import.defaults.funding_sources"
            )
        )
        return found

    def _unknown(self, kind: str, named: list[str], where: str) -> list[tuple[str, str]]:
        allowed = self.ids(kind)
        return [
            (where, f"'{i}' is not one of the {self.title(kind)} of this file: {', '.join(allowed)}")
            for i in named
            if i not in allowed
        ]
