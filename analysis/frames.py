"""The loaded network as pandas tables, and the shared filters.

Built once per data load (the app caches them); every page works from these.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.assessments import rating_records
from models.knowledge import BROKEN, KNOWLEDGE_LABELS, PLAN_ENTERED, knowledge_of
from models.loader import Network
from models.records import (
    action_fields,
    action_records,
    city_records,
    parallel_testing_records,
    practice_records,
    transfer_records,
)
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS, Vocabulary, action_kind_label
from words import parts as words_parts
from words.i18n import _

PLAN_KIND = "iap_action"


@dataclass(frozen=True)
class Tables:
    """Everything a page needs, derived once from a loaded Network."""

    vocabulary: Vocabulary
    cities: pd.DataFrame  # one row per city that loaded
    actions: pd.DataFrame  # one row per action
    practices: pd.DataFrame  # one row per practice
    transfers: pd.DataFrame  # one row per (practice, adopting action)
    parallel_testing: list[dict]
    problems: list[str]
    # The cities' self-assessments, one row per rated cell (self-reported; see models.assessments).
    ratings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RATING_COLUMNS))
    # Progress reports for the indicators, one row per report, in file order (models.progress).
    progress: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROGRESS_COLUMNS))
    # Differs for every build: lets caches of derived views tell two data loads apart.
    load_id: int = field(default_factory=lambda: next(_LOAD_IDS))

    def city_names(self) -> dict[str, str]:
        """City id -> its name as written, for every city that loaded (a new dict each time:
        the caller may change it)."""
        return dict(zip(self.cities["id"], self.cities["name"], strict=True))


_LOAD_IDS = itertools.count(1)

PROGRESS_COLUMNS = ["city", "action", "indicator", "value", "date", "reported_by", "comment", "order"]


def progress_frame(network: Network) -> pd.DataFrame:
    rows = [
        {**report.model_dump(), "city": city, "order": n}
        for city, reports in sorted(network.progress.items())
        for n, report in enumerate(reports)
    ]
    frame = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    frame["value"] = frame["value"].astype("Float64")
    return frame


RATING_COLUMNS = ["city", "grid", "intervention", "cell", "rating", "comment", "assessed_by", "date"]


def build_tables(network: Network) -> Tables:

    vocab = network.vocabulary
    if vocab is None:
        raise ValueError("the vocabulary (model.yaml) did not load")
    return Tables(
        vocabulary=vocab,
        cities=cities_frame(network),
        actions=actions_frame(network, vocab),
        practices=pd.DataFrame(practice_records(network), columns=PRACTICE_COLUMNS),
        transfers=pd.DataFrame(transfer_records(network), columns=TRANSFER_COLUMNS),
        parallel_testing=parallel_testing_records(network),
        problems=[str(p) for p in network.problems],
        ratings=pd.DataFrame(rating_records(network.assessments), columns=RATING_COLUMNS),
        progress=progress_frame(network),
    )


PRACTICE_COLUMNS = [
    "id",
    "name",
    "city",
    "origin_label",
    "outside_network",
    "description",
    "action",
    "figures",
    "sources",
]

TRANSFER_COLUMNS = [
    "from_city",
    "from_label",
    "to_city",
    "to_city_name",
    "to_action",
    "to_action_title",
    "to_action_kind",
    "practice",
    "practice_name",
    "outside_network",
    "source",
]

CITY_COLUMNS = [
    "id",
    "name",
    "country",
    "role",
    "population",
    "population_year",
    "population_approximate",
    "iap_entered",
    "lat",
    "lon",
    "iap_actions",
    "testing_actions",
    "ideas",
    "plan_budget_known",
    "knowledge",
    "knowledge_label",
    "file_problem",
]


def cities_frame(network: Network) -> pd.DataFrame:
    """One row per city file, in id order: the cities that loaded, and those whose file has
    a problem (`knowledge` == "broken", no actions, `file_problem` in words), so that a
    broken file never hides a city from a count, a list or the map."""
    records = city_records(network)
    for record in records:
        record["knowledge"] = knowledge_of(
            record["iap_entered"], record["iap_actions"] + record["testing_actions"] + record["ideas"]
        )
        record["file_problem"] = None
    for broken in network.broken_cities:
        records.append(
            {
                "id": broken.id,
                "name": broken.name,
                "country": broken.country,
                "role": None,
                "population": None,
                "population_year": None,
                "population_approximate": None,
                "population_source": None,
                "location_source": None,
                "iap_entered": False,
                "lat": broken.lat,
                "lon": broken.lon,
                "iap_actions": 0,
                "testing_actions": 0,
                "ideas": 0,
                "plan_budget_known": 0,
                "file": broken.file,
                "sources": [],
                "knowledge": BROKEN,
                "file_problem": broken.problem,
            }
        )
    if not records:
        return pd.DataFrame(columns=CITY_COLUMNS)
    frame = pd.DataFrame(records)
    frame = frame.sort_values("id", kind="stable").reset_index(drop=True)
    # In the language in use: build_tables runs inside use_language (ui/data.py).
    frame["knowledge_label"] = frame["knowledge"].map(lambda state: _(KNOWLEDGE_LABELS[state]))
    frame["population"] = frame["population"].astype("Float64")
    return frame


def entered_ids(cities: pd.DataFrame) -> set[str]:
    """The cities whose plan (IAP document) is entered."""
    return set(cities.loc[cities["knowledge"] == PLAN_ENTERED, "id"])


def broken_cities(cities: pd.DataFrame) -> pd.DataFrame:
    """The cities whose data file has a problem."""
    return cities[cities["knowledge"] == BROKEN]


def actions_frame(network: Network, vocab: Vocabulary) -> pd.DataFrame:
    """One row per action, with display labels next to the ids.

    Lists (interventions, beneficiaries, ...) stay lists; `budget_eur` is a nullable
    float where <NA> means unknown (never 0).
    """
    records = action_records(network)
    columns = list(records[0]) if records else list(action_fields())
    frame = pd.DataFrame(records, columns=columns)
    frame["budget_eur"] = frame["budget_eur"].astype("Float64")
    frame["start_year"] = frame["start_year"].astype("Int64")
    frame["end_year"] = frame["end_year"].astype("Int64")
    intervention = vocab.labels("interventions")
    level = vocab.labels("support_levels")
    group = vocab.labels("beneficiaries")
    frame["kind_label"] = frame["kind"].map(action_kind_label)
    frame["primary_label"] = frame["primary_intervention"].map(intervention)
    frame["support_level_label"] = frame["support_level"].map(level)
    frame["interventions_label"] = frame["interventions"].map(
        lambda ids: ", ".join(intervention[i] for i in ids)
    )
    frame["beneficiaries_label"] = frame["beneficiaries"].map(lambda ids: ", ".join(group[i] for i in ids))
    frame["source_address"] = frame["sources"].map(
        lambda s: next((x["address"] for x in s if x["address"]), None)
    )
    return frame


@dataclass(frozen=True)
class Filters:
    """The shared filters (kept in the page address). Empty means 'all'."""

    cities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()

    def describe(self, tables: Tables) -> str:
        parts = []
        if self.cities:
            names = tables.city_names()
            parts.append(", ".join(names.get(c, c) for c in self.cities))
        if self.kinds:
            parts.append(", ".join(_(ACTION_KIND_LABELS[k]) for k in self.kinds))
        if self.interventions:
            labels = tables.vocabulary.labels("interventions")
            parts.append(", ".join(labels[i] for i in self.interventions))
        return words_parts(parts) if parts else _("all cities, all kinds of action, all interventions")


def filter_actions(actions: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows that match every filter; an action matches an intervention filter when it
    uses any of the chosen interventions (not only as its primary one)."""
    keep = pd.Series(True, index=actions.index)
    if filters.cities:
        keep &= actions["city"].isin(filters.cities)
    if filters.kinds:
        keep &= actions["kind"].isin(filters.kinds)
    if filters.interventions:
        chosen = set(filters.interventions)
        keep &= actions["interventions"].map(lambda ids: bool(chosen.intersection(ids)))
    return actions[keep]


def coverage_cells(actions: pd.DataFrame) -> pd.DataFrame:
    """The model cells each action covers, one row per (action, intervention, group).

    Coverage, defined once: an action covers every cell formed by any of its
    interventions with any of its beneficiary groups, at its support level.

        actions: id | city | interventions=[identify, help] | beneficiaries=[isolated] | support_level
        cells:   id | city | intervention=identify | beneficiary=isolated | support_level
                 id | city | intervention=help     | beneficiary=isolated | support_level
    """
    columns = ["id", "city", "city_name", "title", "kind", "support_level", "intervention", "beneficiary"]
    if actions.empty:
        return pd.DataFrame(columns=columns)
    # The rows made in one pass of Python, then taken at once: what DataFrame.explode twice
    # gives, in a tenth of the time (explode cost 20 ms for 26 actions, several times a page).
    taken, interventions, beneficiaries = [], [], []
    for position, (several, groups) in enumerate(
        zip(actions["interventions"], actions["beneficiaries"], strict=True)
    ):
        for intervention in _exploded(several):
            for group in _exploded(groups):
                taken.append(position)
                interventions.append(intervention)
                beneficiaries.append(group)
    cells = actions[columns[:-2]].iloc[taken].reset_index(drop=True)
    cells["intervention"] = pd.Series(np.array(interventions, dtype=object))  # typed as explode types it
    cells["beneficiary"] = pd.Series(np.array(beneficiaries, dtype=object))
    return cells


def _exploded(value) -> list:
    """The values DataFrame.explode makes of one cell: a list's items (an empty list: one
    missing value), anything else as it is."""
    if pd.api.types.is_list_like(value):
        return list(value) or [float("nan")]
    return [value]


def plan_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Only the actions in the plans (testing actions and ideas are shown apart)."""
    return actions[actions["kind"] == PLAN_KIND]


__all__ = [
    "ACTION_KINDS",
    "ACTION_KIND_LABELS",
    "Filters",
    "PLAN_KIND",
    "Tables",
    "build_tables",
    "coverage_cells",
    "filter_actions",
    "plan_actions",
]
