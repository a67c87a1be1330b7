"""Checks across files: ids unique, file names match ids, every reference resolves.

Each check is a small function from the loaded network to a list of Problems; the
loader reports them together with the schema problems.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from words.i18n import N_, said

from .files import Problem

if TYPE_CHECKING:
    from .loader import Network


def file_names_match_ids(network: Network) -> list[Problem]:
    problems = []
    for plan in network.cities:
        expected = plan.file.removeprefix("cities/").removesuffix(".yaml")
        if plan.city.id != expected:
            problems.append(
                Problem(
                    plan.file,
                    "id",
                    said(
                        N_(
                            "is '{id}' but the file is named '{name}.yaml'; the file name and the id must be the same"
                        ),
                        id=plan.city.id,
                        name=expected,
                    ),
                )
            )
    return problems


def ids_unique(network: Network) -> list[Problem]:
    """Action ids are unique across the whole network; practice and source ids in their files."""
    problems = []
    where: dict[str, list[str]] = defaultdict(list)
    for plan in network.cities:
        for action in plan.actions:
            where[action.id].append(plan.file)
    for action_id, files in where.items():
        if len(files) > 1:
            for file in sorted(set(files)):
                others = ", ".join(sorted(set(files)))
                problems.append(
                    Problem(
                        file,
                        f"actions[{action_id}].id",
                        said(
                            N_("the id '{id}' is used {n} times ({files}); every action needs its own id"),
                            id=action_id,
                            n=len(files),
                            files=others,
                        ),
                    )
                )
    for name, key, records in (
        ("practices.yaml", "practices", network.practices),
        ("practices.yaml", "parallel_testing", network.parallel_testing),
    ):
        counts: dict[str, int] = defaultdict(int)
        for record in records:
            counts[record.id] += 1
        problems.extend(
            Problem(
                name,
                f"{key}[{rid}].id",
                said(N_("the id '{id}' is used {n} times; ids must be unique"), id=rid, n=n),
            )
            for rid, n in counts.items()
            if n > 1
        )
    return problems


def _source_references(network: Network):
    """Every (file, field path, source id) that the data cites."""
    for plan in network.cities:
        city = plan.city
        for i, source in enumerate(city.sources, start=1):
            yield plan.file, f"sources[{i}]", source
        for part in ("location", "population", "plan_period", "iap_document", "focus_areas"):
            value = getattr(city, part)
            if value is not None:
                yield plan.file, f"{part}.source", value.source
        for action in plan.actions:
            prefix = f"actions[{action.id}]"
            for i, source in enumerate(action.sources, start=1):
                yield plan.file, f"{prefix}.sources[{i}]", source
            if action.budget is not None:
                yield plan.file, f"{prefix}.budget.source", action.budget.source
            for i, inspiration in enumerate(action.inspired_by, start=1):
                yield plan.file, f"{prefix}.inspired_by[{i}].source", inspiration.source
    for practice in network.practices:
        prefix = f"practices[{practice.id}]"
        for i, source in enumerate(practice.sources, start=1):
            yield "practices.yaml", f"{prefix}.sources[{i}]", source
        for i, figure in enumerate(practice.figures, start=1):
            yield "practices.yaml", f"{prefix}.figures[{i}].source", figure.source
    for group in network.parallel_testing:
        yield "practices.yaml", f"parallel_testing[{group.id}].source", group.source


def sources_resolve(network: Network) -> list[Problem]:
    if not network.sources:  # sources.yaml itself is broken: already reported
        return []
    return [
        Problem(
            file,
            path,
            said(N_("cites the source '{source}', which is not listed in sources.yaml"), source=source),
        )
        for file, path, source in _source_references(network)
        if source not in network.sources and source not in network.broken_ids
    ]


def references_resolve(network: Network) -> list[Problem]:
    """Cities, actions and practices named anywhere must exist."""
    problems = []
    # Records that exist but failed validation are already reported: not "missing" too.
    city_ids = {plan.city.id for plan in network.cities} | network.broken_ids
    actions = {action.id: (city, action) for city, action in network.all_actions()}
    practice_ids = {p.id for p in network.practices} | network.broken_ids

    for practice in network.practices:
        prefix = f"practices[{practice.id}]"
        if practice.city is not None and practice.city not in city_ids:
            problems.append(
                Problem(
                    "practices.yaml",
                    f"{prefix}.city",
                    said(
                        N_("names the city '{city}', which has no city file that loads"), city=practice.city
                    ),
                )
            )
        if practice.action is not None:
            found = actions.get(practice.action)
            if found is None and practice.action not in network.broken_ids:
                problems.append(
                    Problem(
                        "practices.yaml",
                        f"{prefix}.action",
                        said(N_("names the action '{action}', which does not exist"), action=practice.action),
                    )
                )
            elif found is not None and found[0].id != practice.city:
                problems.append(
                    Problem(
                        "practices.yaml",
                        f"{prefix}.action",
                        said(
                            N_(
                                "names the action '{action}' of {city}, but the practice belongs to '{owner}'"
                            ),
                            action=practice.action,
                            city=found[0].name,
                            owner=practice.city,
                        ),
                    )
                )

    for group in network.parallel_testing:
        for i, action_id in enumerate(group.actions, start=1):
            if action_id not in actions and action_id not in network.broken_ids:
                problems.append(
                    Problem(
                        "practices.yaml",
                        f"parallel_testing[{group.id}].actions[{i}]",
                        said(N_("names the action '{action}', which does not exist"), action=action_id),
                    )
                )

    for plan in network.cities:
        for action in plan.actions:
            prefix = f"actions[{action.id}]"
            for i, inspiration in enumerate(action.inspired_by, start=1):
                if inspiration.practice not in practice_ids:
                    problems.append(
                        Problem(
                            plan.file,
                            f"{prefix}.inspired_by[{i}].practice",
                            said(
                                N_("names the practice '{practice}', which is not in practices.yaml"),
                                practice=inspiration.practice,
                            ),
                        )
                    )
            origin = action.testing_origin
            if origin is not None and origin.action is not None:
                found = actions.get(origin.action)
                if found is None and origin.action not in network.broken_ids:
                    problems.append(
                        Problem(
                            plan.file,
                            f"{prefix}.testing_origin.action",
                            said(
                                N_("names the action '{action}', which does not exist"), action=origin.action
                            ),
                        )
                    )
                elif found is not None and (found[1].kind != "testing_action" or found[0].id != plan.city.id):
                    problems.append(
                        Problem(
                            plan.file,
                            f"{prefix}.testing_origin.action",
                            said(
                                N_("must name a testing action of {city}; '{action}' is not one"),
                                city=plan.city.name,
                                action=origin.action,
                            ),
                        )
                    )
    return problems


def ideas_are_not_funded(network: Network) -> list[Problem]:
    """An idea is proposed, not funded: its cost can only be an estimate."""
    return [
        Problem(
            plan.file,
            f"actions[{a.id}].budget.status",
            said(N_("an idea is not funded, so its cost must have status 'estimated'")),
        )
        for plan in network.cities
        for a in plan.actions
        if a.kind == "idea" and a.budget is not None and a.budget.status == "planned"
    ]


def indicator_ids_unique(network: Network) -> list[Problem]:
    """Indicator ids (what progress reports point at) are unique across the network."""
    where: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for plan in network.cities:
        for action in plan.actions:
            for indicator in action.indicators:
                if indicator.id:
                    where[indicator.id].append((plan.file, action.id))
    return [
        Problem(
            file,
            f"actions[{action}].indicators[{iid}].id",
            said(
                N_("the id '{id}' is used {n} times; every indicator needs its own id"), id=iid, n=len(places)
            ),
        )
        for iid, places in where.items()
        if len(places) > 1
        for file, action in places
    ]


ALL_CHECKS = (
    file_names_match_ids,
    ids_unique,
    indicator_ids_unique,
    sources_resolve,
    references_resolve,
    ideas_are_not_funded,
)


def cross_file_problems(network: Network) -> list[Problem]:
    return [problem for check in ALL_CHECKS for problem in check(network)]
