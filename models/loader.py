"""Loading the whole data folder: every file, every record, every problem at once.

The loader never stops at the first problem and never raises for bad data: it keeps
every record that validates and returns the rest as Problems (`file: field path: message`).
A bad action drops only that action; a bad city header drops the city; a bad shared file
(model, sources, practices) drops only what that file holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from words.i18n import N_, said

from . import checks
from .assessments import load_assessments
from .files import MAX_FILE_BYTES, WHOLE_FILE, Problem, read_yaml
from .knowledge import BrokenCity, scan_broken_file
from .messages import plain_errors
from .progress import load_progress
from .schema import Action, City, ModelFile, ParallelTesting, Practice, Source
from .vocabulary import Vocabulary

# Where a problem lies when it is no field: said in the reader's language where shown.
FOLDER = N_("(folder)")
NAMELESS_FIELD = N_("(a field with no name)")

REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_VARIABLE = "IAP_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """`--data DIR` first, then the IAP_DATA_DIR environment variable, then data/."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DATA_DIR_VARIABLE)
    return Path(from_env) if from_env else REPO_DATA_DIR


@dataclass(frozen=True)
class CityPlan:
    """One city file: the city and the actions that validated."""

    city: City
    actions: tuple[Action, ...]
    file: str


@dataclass
class Network:
    data_dir: Path
    vocabulary: Vocabulary | None
    sources: dict[str, Source] = field(default_factory=dict)
    cities: list[CityPlan] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    parallel_testing: list[ParallelTesting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    city_files_seen: int = 0
    broken_ids: set[str] = field(default_factory=set)  # records reported as invalid
    assessments: dict = field(default_factory=dict)  # city id -> SelfAssessment (self-reported)
    progress: dict = field(default_factory=dict)  # city id -> [ProgressReport], in file order
    # City files that did not load: the city stays in sight with its problem (models.knowledge).
    broken_cities: list[BrokenCity] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def city(self, city_id: str) -> CityPlan | None:
        return next((c for c in self.cities if c.city.id == city_id), None)

    def city_names(self) -> dict[str, str]:
        """City id -> its name as written, for every city that loaded."""
        return {plan.city.id: plan.city.name for plan in self.cities}

    def all_actions(self) -> list[tuple[City, Action]]:
        return [(plan.city, action) for plan in self.cities for action in plan.actions]


def load_network(data_dir: str | os.PathLike | None = None) -> Network:
    """Read and validate every file of the data folder."""
    root = resolve_data_dir(data_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        return Network(
            root, None, problems=[Problem(str(root), FOLDER, said(N_("this data folder does not exist")))]
        )

    vocabulary = _load_vocabulary(root, problems)
    context = {"vocabulary": vocabulary, "broken_ids": set()}
    sources = _load_shared_file(root, "sources.yaml", {"sources": Source}, context, problems)
    if not sources["sources"] and not any(p.file == "sources.yaml" for p in problems):
        # Without it no source reference could be checked: every fact would pass unsourced.
        problems.append(
            Problem(
                "sources.yaml",
                "sources",
                said(N_("lists no source; every fact in the data must cite one listed here")),
            )
        )
    practices = _load_shared_file(
        root,
        "practices.yaml",
        {"practices": Practice, "parallel_testing": ParallelTesting},
        context,
        problems,
    )

    cities: list[CityPlan] = []
    broken_cities: list[BrokenCity] = []
    city_dir = root / "cities"
    city_files = sorted(city_dir.glob("*.yaml")) if city_dir.is_dir() else []
    if not city_dir.is_dir():
        problems.append(Problem("cities/", FOLDER, said(N_("the folder of city files is missing"))))
    for path in city_files:
        shown_as = f"cities/{path.name}"
        before = len(problems)
        plan = _load_city(path, shown_as, context, problems)
        if plan is not None:
            cities.append(plan)
        else:
            broken = _broken_city(path, shown_as, problems[before:])
            context["broken_ids"].update(broken.ids)
            broken_cities.append(broken)

    network = Network(
        data_dir=root,
        vocabulary=vocabulary,
        sources={s.id: s for s in sources["sources"]},
        cities=cities,
        practices=practices["practices"],
        parallel_testing=practices["parallel_testing"],
        problems=problems,
        city_files_seen=len(city_files),
        broken_ids=context["broken_ids"],
        broken_cities=broken_cities,
    )
    network.assessments = load_assessments(root, context, {p.city.id for p in cities}, problems)
    network.progress = load_progress(root, context, cities, problems)
    network.problems.extend(checks.cross_file_problems(network))
    network.problems.sort(key=lambda p: (p.file, p.path, p.message))
    return network


def _load_vocabulary(root: Path, problems: list[Problem]) -> Vocabulary | None:
    data, problem = read_yaml(root / "model.yaml", "model.yaml")
    if problem:
        problems.append(problem)
        return None
    try:
        vocabulary = Vocabulary.from_file(ModelFile.model_validate(data))
    except ValidationError as error:
        problems.extend(Problem("model.yaml", p, m) for p, m in plain_errors(error))
        return None
    problems.extend(Problem("model.yaml", path, m) for path, m in vocabulary.problems())
    return vocabulary


def _validate_items(
    items, model: type[BaseModel], shown_as: str, prefix: str, context: dict, problems: list[Problem]
) -> list:
    """Validate list items one by one, keeping the good ones."""
    if not isinstance(items, list):
        problems.append(
            Problem(shown_as, prefix, said(N_("must be a list of records, each starting with '- id:'")))
        )
        return []
    valid = []
    for number, item in enumerate(items, start=1):
        label = _item_label(prefix, number, item)
        try:
            valid.append(model.model_validate(item, context=context))
        except ValidationError as error:
            problems.extend(Problem(shown_as, p, m) for p, m in plain_errors(error, label))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                # Remembered so that references to it are not reported a second time.
                context["broken_ids"].add(item["id"].strip())
    return valid


def _item_label(prefix: str, number: int, item) -> str:
    """'actions[isernia-a3]' when the record has a readable id, else 'actions[3]'."""
    item_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(item_id, str) and item_id.strip():
        return f"{prefix}[{item_id.strip()}]"
    return f"{prefix}[{number}]"


def _load_shared_file(
    root: Path, name: str, lists: dict[str, type[BaseModel]], context: dict, problems: list[Problem]
) -> dict[str, list]:
    """Read a file made of named lists of records (sources.yaml, practices.yaml)."""
    data, problem = read_yaml(root / name, name)
    if problem:
        problems.append(problem)
        return {key: [] for key in lists}
    problems.extend(
        Problem(
            name,
            str(key).strip() or NAMELESS_FIELD,
            said(N_("is not a field this file can have (it holds: {fields})"), fields=", ".join(lists)),
        )
        for key in sorted(set(data) - set(lists), key=str)  # keys may be numbers too
    )
    return {
        key: _validate_items(data.get(key) or [], model, name, key, context, problems)
        for key, model in lists.items()
    }


def _broken_city(path: Path, shown_as: str, found: list[Problem]) -> BrokenCity:
    """The city of a file that did not load, as far as its lines can be read."""
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        text = ""
    messages = [
        p.message
        if p.path in ("", "(file)", WHOLE_FILE)
        else said(N_("{field}: {problem}"), field=p.path, problem=p.message)
        for p in found
    ]
    messages = [m for m in messages if "shown without its plan" not in m]
    return scan_broken_file(text, path.stem, shown_as, messages)


def _load_city(path: Path, shown_as: str, context: dict, problems: list[Problem]) -> CityPlan | None:
    data, problem = read_yaml(path, shown_as)
    if problem:
        problems.append(problem)
        return None
    header = {k: v for k, v in data.items() if k != "actions"}
    try:
        city = City.model_validate(header, context=context)
    except ValidationError as error:
        problems.extend(Problem(shown_as, p, m) for p, m in plain_errors(error))
        if isinstance(header.get("id"), str):
            context["broken_ids"].add(header["id"].strip())
        problems.append(
            Problem(
                shown_as,
                WHOLE_FILE,
                said(
                    N_("the city is shown without its plan until the other problems in this file are fixed")
                ),
            )
        )
        return None
    raw_actions = data.get("actions", [])
    if raw_actions is None:
        raw_actions = []
    actions = _validate_items(raw_actions, Action, shown_as, "actions", context, problems)
    return CityPlan(city=city, actions=tuple(actions), file=shown_as)
