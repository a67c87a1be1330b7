"""Flat records of the loaded network: what the export writes and the dashboard tables use.

Field names here are a contract (the JSON export); add fields, never rename them.
"""

from __future__ import annotations

from . import fields
from .loader import Network
from .schema import Action, City


def source_record(network: Network, source_id: str) -> dict:
    source = network.sources.get(source_id)
    if source is None:
        return {"id": source_id, "title": None, "address": None}
    return {"id": source.id, "title": source.title, "address": source.address}


def city_records(network: Network) -> list[dict]:
    records = []
    for plan in network.cities:
        city = plan.city
        kinds = [a.kind for a in plan.actions]
        plan_actions = [a for a in plan.actions if a.kind == "iap_action"]
        records.append(
            {
                "id": city.id,
                "name": city.name,
                "country": city.country,
                "role": city.role,
                "population": city.population.value if city.population else None,
                "population_year": city.population.year if city.population else None,
                "population_approximate": city.population.approximate if city.population else None,
                "population_source": city.population.source if city.population else None,
                "plan_start": city.plan_period.start if city.plan_period else None,
                "plan_end": city.plan_period.end if city.plan_period else None,
                "iap_entered": city.iap_document is not None,
                "focus_areas": list(city.focus_areas.areas) if city.focus_areas else None,
                "focus_emphasis": list(city.focus_areas.emphasis) if city.focus_areas else None,
                "lat": city.location.lat if city.location else None,
                "lon": city.location.lon if city.location else None,
                "location_source": city.location.source if city.location else None,
                "summary": city.summary,
                "iap_actions": kinds.count("iap_action"),
                "testing_actions": kinds.count("testing_action"),
                "ideas": kinds.count("idea"),
                "plan_budget_known": sum(a.budget is not None for a in plan_actions),
                "file": plan.file,
                "sources": [source_record(network, s) for s in city.sources],
            }
        )
    return records


# Fields of a record that no file holds: made from others, placed beside what they come from.
_DERIVED_AFTER = {"id": ("city", "city_name"), "interventions": ("primary_intervention",)}
_DERIVED_BEFORE = {"testing_origin": ("tested_first",)}


def action_fields() -> tuple[str, ...]:
    """The fields of an action record, in the field registry's order (models.fields), with the
    derived ones beside their base: also the CSV's columns and those of an empty actions table."""
    names: list[str] = []
    for field in fields.action_fields():
        names += [*_DERIVED_BEFORE.get(field.record, ()), field.record, *_DERIVED_AFTER.get(field.record, ())]
    return tuple(names)


def _record_value(network: Network, field: fields.ActionField, action: Action):
    value = fields.value_at(action, field.path)
    if field.record == "sources":
        return [source_record(network, s) for s in value]
    if field.record == "indicators":
        return [i.model_dump() for i in value]
    if field.record == "inspired_by":
        return [i.practice for i in value]
    if field.described.kind == "list":
        return list(value or [])  # a list of an unknown group is an empty list
    return value


def action_record(network: Network, city: City, action: Action) -> dict:
    values = {field.record: _record_value(network, field, action) for field in fields.action_fields()}
    values |= {
        "city": city.id,
        "city_name": city.name,
        "tested_first": action.testing_origin is not None,
        "primary_intervention": action.interventions[0],
    }
    return {name: values[name] for name in action_fields()}


def action_records(network: Network) -> list[dict]:
    return [action_record(network, city, action) for city, action in network.all_actions()]


def practice_records(network: Network) -> list[dict]:
    names = network.city_names()
    return [
        {
            "id": p.id,
            "name": p.name,
            "city": p.city,
            "origin_label": names.get(p.city, p.city) if p.city else p.origin,
            "outside_network": p.city is None,
            "description": p.description,
            "action": p.action,
            "figures": [f.model_dump() for f in p.figures],
            "sources": [source_record(network, s) for s in p.sources],
        }
        for p in network.practices
    ]


def transfer_records(network: Network) -> list[dict]:
    """One record per (practice, adopting action): who took up what from whom.

    A transfer is not stored: it follows from an action's `inspired_by`, so the practice
    and the adopting action cannot disagree. References that do not resolve are reported
    by the loader and left out here.
    """
    practices = {p.id: p for p in network.practices}
    names = network.city_names()
    records = []
    for city, action in network.all_actions():
        for inspiration in action.inspired_by:
            practice = practices.get(inspiration.practice)
            if practice is None:
                continue
            records.append(
                {
                    "from_city": practice.city,
                    "from_label": names.get(practice.city, practice.city)
                    if practice.city
                    else practice.origin,
                    "to_city": city.id,
                    "to_city_name": city.name,
                    "to_action": action.id,
                    "to_action_title": action.title,
                    "to_action_kind": action.kind,
                    "practice": practice.id,
                    "practice_name": practice.name,
                    "outside_network": practice.city is None,
                    "source": source_record(network, inspiration.source),
                }
            )
    return records


def parallel_testing_records(network: Network) -> list[dict]:
    actions = {a.id: (c, a) for c, a in network.all_actions()}
    return [
        {
            "id": group.id,
            "theme": group.theme,
            "actions": [
                {
                    "id": aid,
                    "city": actions[aid][0].id,
                    "city_name": actions[aid][0].name,
                    "title": actions[aid][1].title,
                }
                for aid in group.actions
                if aid in actions
            ],
            "source": source_record(network, group.source),
        }
        for group in network.parallel_testing
    ]
