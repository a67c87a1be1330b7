"""Every action in one table: search, display rows, one full record, downloads. No streamlit."""

from __future__ import annotations

import unicodedata

import pandas as pd

from words import euros

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
            "City": actions["city_name"],
            "Action": actions["title"],
            "Kind": actions["kind_label"],
            "Interventions (primary first)": actions["interventions_label"],
            "Support level": actions["support_level_label"],
            "Beneficiary groups": actions["beneficiaries_label"],
            "Budget": [_budget_text(r) for r in actions.itertuples()],
            "Source": actions["source_address"],
            "id": actions["id"],
        }
    ).reset_index(drop=True)


def _budget_text(row) -> str:
    if pd.isna(row.budget_eur):
        return "unknown"
    text = euros(row.budget_eur)
    if row.budget_basis == "per_year":
        text += " per year"
    if row.budget_status == "estimated":
        text += " (estimate)"
    return text


def records(actions: pd.DataFrame) -> list[dict]:
    """Rows back to plain records (missing values as None), in the export's field names."""
    plain = actions.astype(object).where(actions.notna(), None)
    return plain.to_dict("records")


def full_record(row: pd.Series, vocab, practices: pd.DataFrame) -> dict:
    """Everything known about one action, as label -> text (or list), unknowns said as such."""
    labels = {kind: vocab.labels(kind) for kind in ("interventions", "support_levels", "beneficiaries")}
    funding = vocab.labels("funding_sources")
    practice_names = dict(zip(practices["id"], practices["name"], strict=False))
    practice_origin = dict(zip(practices["id"], practices["origin_label"], strict=False))
    if pd.isna(row["budget_eur"]):
        budget = "unknown (no source states it)"
    else:
        basis = "per year" if row["budget_basis"] == "per_year" else "for the whole plan period"
        status = (
            "estimated cost of an idea" if row["budget_status"] == "estimated" else "in the plan's budget"
        )
        sources = ", ".join(funding.get(f, f) for f in row["funding_sources"])
        budget = f"{euros(row['budget_eur'])} {basis} ({status}); funding: {sources}"
        if _text(row["funding_note"]):
            budget += f" - {row['funding_note']}"
    timing = _timing_text(row)
    return {
        "City": row["city_name"],
        "Kind": row["kind_label"]
        + (f" (number {row['number']} in the plan)" if _text(row["number"]) else ""),
        "Description": row["description"],
        "Interventions": ", ".join(labels["interventions"][i] for i in row["interventions"]),
        "Support level": labels["support_levels"][row["support_level"]],
        "Beneficiary groups": ", ".join(labels["beneficiaries"][g] for g in row["beneficiaries"]),
        "Why it sits there on the model": row["model_reason"],
        "Target groups": ", ".join(row["target_groups"]) or "not stated",
        "Budget": budget,
        "Timing": timing,
        "Lead": _text(row["lead"]) or "not stated",
        "Partners": list(row["partners"]) or ["not stated"],
        "Indicators": [
            f"{i['indicator']}: {i['target']}" if i.get("target") else i["indicator"]
            for i in row["indicators"]
        ]
        or ["none given"],
        "First tested as": _text(row["testing_origin"]) or "not a former testing action",
        "Inspired by": [
            f"{practice_names.get(p, p)} ({practice_origin.get(p, 'origin unknown')})"
            for p in row["inspired_by"]
        ]
        or ["no inspiration recorded"],
        "Notes": _text(row["notes"]) or "",
        "Sources": [s for s in row["sources"]],
    }


def _text(value) -> str | None:
    """Text fields may hold None or NaN (missing) after pandas: both mean 'not stated'."""
    return value if isinstance(value, str) and value.strip() else None


def _timing_text(row) -> str:
    start, end = row["start_year"], row["end_year"]
    detail = _text(row["timing"])
    if pd.isna(start) and pd.isna(end) and not detail:
        return "unknown"
    years = ""
    if not pd.isna(start):
        years = str(start) if pd.isna(end) or end == start else f"{start}-{end}"
    return ", ".join(p for p in (years, detail) if p)
