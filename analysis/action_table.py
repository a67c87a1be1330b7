"""Every action in one table: search, display rows, one full record, downloads. No streamlit."""

from __future__ import annotations

import unicodedata

import pandas as pd

from models import fields
from words import euros
from words.i18n import N_, _

SEARCHED_COLUMNS = ("title", "description", "city_name", "lead", "model_reason", "notes")

SEARCHED_LISTS = ("target_groups", "partners")


def search(actions: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where every word of `text` appears somewhere (case- and accent-insensitive)."""
    words = [_fold(w) for w in text.split()]
    if not words:
        return actions
    haystack = actions.apply(_row_text, axis=1)
    keep = haystack.map(lambda h: all(w in h for w in words))
    return actions[keep]


def _row_text(row) -> str:
    parts = [str(row[c]) for c in SEARCHED_COLUMNS if row[c] is not None and not pd.isna(row[c])]
    for column in SEARCHED_LISTS:
        parts.extend(row[column])
    return _fold(" ".join(parts))


def _fold(text: str) -> str:
    """'Škofja Loka' -> 'skofja loka', so a search without accents still matches."""

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def narrow(actions: pd.DataFrame, levels: list[str], groups: list[str]) -> pd.DataFrame:
    """The page's own filters: support level and beneficiary group (any of those chosen)."""
    keep = pd.Series(True, index=actions.index)
    if levels:
        keep &= actions["support_level"].isin(levels)
    if groups:
        chosen = set(groups)
        keep &= actions["beneficiaries"].map(lambda ids: bool(chosen.intersection(ids)))
    return actions[keep]


def display_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The rows as a person reads them: labels, budget in words when unknown, a link."""
    return pd.DataFrame(
        {
            N_("City"): actions["city_name"],
            N_("Action"): actions["title"],
            N_("Type"): actions["kind_label"],
            N_("Interventions (primary first)"): actions["interventions_label"],
            N_("Support level"): actions["support_level_label"],
            N_("Beneficiary groups"): actions["beneficiaries_label"],
            N_("Budget"): [_budget_text(r) for r in actions.itertuples()],
            N_("Source"): actions["source_address"],
            "id": actions["id"],
        }
    ).reset_index(drop=True)


def _budget_text(row) -> str:
    if pd.isna(row.budget_eur):
        return _("unknown")
    text = euros(row.budget_eur)
    if row.budget_basis == "per_year":
        text = _("{money} per year").format(money=text)
    if row.budget_status == "estimated":
        text = _("{money} (estimate)").format(money=text)
    return text


def records(actions: pd.DataFrame) -> list[dict]:
    """Rows back to plain records (missing values as None), in the export's field names."""
    plain = actions.astype(object).where(actions.notna(), None)
    return plain.to_dict("records")


def full_record(row: pd.Series, vocab, practices: pd.DataFrame) -> dict:
    """Everything known about one action, as label -> text (or list), unknowns said as such.

    The labels stay English (the page finds "Sources" by name) and are marked for the
    catalog: the page translates each where it shows it, `_(label)`."""
    labels = {kind: vocab.labels(kind) for kind in ("interventions", "support_levels", "beneficiaries")}
    funding = vocab.labels("funding_sources")
    practice_names = dict(zip(practices["id"], practices["name"], strict=False))
    practice_origin = dict(zip(practices["id"], practices["origin_label"], strict=False))
    if pd.isna(row["budget_eur"]):
        budget = _("unknown (no source states it)")
    else:
        basis = _("per year") if row["budget_basis"] == "per_year" else _("for the whole plan period")
        status = (
            _("estimated cost of an idea")
            if row["budget_status"] == "estimated"
            else _("in the plan's budget")
        )
        sources = ", ".join(funding.get(f, f) for f in row["funding_sources"])
        budget = _("{money} {basis} ({status}); funding: {sources}").format(
            money=euros(row["budget_eur"]), basis=basis, status=status, sources=sources
        )
        if _text(row["funding_note"]):
            budget += f" - {row['funding_note']}"
    timing = _timing_text(row)
    unknown_origin = _("origin unknown")
    return {
        N_("City"): row["city_name"],
        N_("Type"): _("{kind} (number {number} in the plan)").format(
            kind=row["kind_label"], number=row["number"]
        )
        if _text(row["number"])
        else row["kind_label"],
        N_("Description"): row["description"],
        N_("Interventions"): ", ".join(labels["interventions"][i] for i in row["interventions"]),
        N_("Support level"): labels["support_levels"][row["support_level"]],
        N_("Beneficiary groups"): ", ".join(labels["beneficiaries"][g] for g in row["beneficiaries"]),
        N_("Why it is placed there on the model"): row["model_reason"],
        N_("Target groups"): ", ".join(row["target_groups"]) or _("not stated"),
        N_("Budget"): budget,
        N_("Timing"): timing,
        N_("Lead"): _text(row["lead"]) or _("not stated"),
        N_("Partners"): list(row["partners"]) or [_("not stated")],
        N_("Indicators"): [
            _("{indicator}: {target}").format(indicator=i["indicator"], target=i["target"])
            if i.get("target")
            else i["indicator"]
            for i in row["indicators"]
        ]
        or [_("none given")],
        N_("First tested as"): _text(row["testing_origin"]) or _("not a former testing action"),
        N_("Inspired by"): [
            f"{practice_names.get(p, p)} ({practice_origin.get(p, unknown_origin)})"
            for p in row["inspired_by"]
        ]
        or [_("no inspiration recorded")],
        N_("Notes"): _text(row["notes"]) or "",
        **_more_fields(row),
        N_("Sources"): [s for s in row["sources"]],
    }


# The record's fields the full record above words itself; any other field of the registry
# (models.fields), a new optional one, is shown under its own label.
WORDED = {
    "id", "number", "title", "kind", "description", "interventions", "support_level", "beneficiaries",
    "target_groups", "model_reason", "budget_eur", "budget_basis", "budget_status", "funding_sources",
    "funding_note", "budget_source", "start_year", "end_year", "timing", "lead", "partners",
    "indicators", "testing_origin", "testing_origin_action", "inspired_by", "notes", "sources",
}  # fmt: skip


def _more_fields(row: pd.Series) -> dict:
    shown = {}
    for field in fields.action_fields():
        if field.record in WORDED or field.record not in row.index:
            continue
        value = row[field.record]
        if isinstance(value, (list, tuple)):
            shown[field.label] = [str(v) for v in value] or [_("not stated")]
        else:
            shown[field.label] = _text(value) or (str(value) if _known(value) else _("not stated"))
    return shown


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def _text(value) -> str | None:
    """Text fields may hold None or NaN (missing) after pandas: both mean 'not stated'."""
    return value if isinstance(value, str) and value.strip() else None


def _timing_text(row) -> str:
    start, end = row["start_year"], row["end_year"]
    detail = _text(row["timing"])
    if pd.isna(start) and pd.isna(end) and not detail:
        return _("unknown")
    years = ""
    if not pd.isna(start):
        years = str(start) if pd.isna(end) or end == start else f"{start}-{end}"
    return ", ".join(p for p in (years, detail) if p)
