"""Drafts of a city's actions (data/drafts/<city>.yaml) and their confirmation.

A draft is what `import-iap` read from a plan. The loader never reads data/drafts/, so a
drafted action counts only once a person has confirmed it: `confirm` hands the city file
(and the draft's note of what was confirmed) to the one write path, workspace.changes: checked
with the rules of `validate`, both files written or neither, one commit, refused if the
city file changed since it was read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from models.files import WHOLE_FILE, Problem, read_yaml
from models.loader import resolve_data_dir
from words.i18n import N_, said
from workspace import changes, store, yaml_format
from workspace.changes import Author, command_line_author

DRAFTS_DIR = "drafts"
DRAFT_HEADER = (
    "A DRAFT read from {document} by `python -m models import-iap`. The dashboard does not\n"
    "read this file. Every field below is a suggestion: check each action (see its `review`\n"
    "list) and confirm it in the app's 'Import a plan' page, which writes it into\n"
    "data/cities/{city}.yaml. Descriptions are the plan's own words: rewrite them."
)


def draft_path(data_dir: Path, city_id: str) -> Path:
    return Path(data_dir) / DRAFTS_DIR / f"{city_id}.yaml"


def draft_text(draft: dict) -> str:
    header = DRAFT_HEADER.format(document=draft.get("document") or "a plan", city=draft["city"])
    return yaml_format.canonical_yaml(draft, header)


def save_draft(data_dir: Path, draft: dict, out: Path | None = None, author: Author | None = None) -> Path:
    """Write the draft (into the data's history when it is in the data folder)."""
    data_dir = Path(data_dir)
    path = Path(out) if out else draft_path(data_dir, draft["city"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.resolve().is_relative_to(data_dir.resolve()):
        store.save_text(path.parent, path, draft_text(draft), store.version_of(path))
        return path
    changes.save_one(
        data_dir,
        changes.shown_as(data_dir, path),
        draft_text(draft),
        store.version_of(path),
        author or command_line_author(),
        f"{draft['city']}: drafted {len(draft.get('actions') or [])} actions from {draft.get('document') or 'a plan'}",
        check=False,
    )
    return path


def read_draft(path: Path) -> tuple[dict | None, Problem | None]:
    data, problem = read_yaml(Path(path), Path(path).name)
    if problem is None and (not isinstance(data, dict) or "actions" not in data or "city" not in data):
        return None, Problem(Path(path).name, WHOLE_FILE, said(N_("is not a draft made by import-iap")))
    return data, problem


def new_problems(root: Path, texts: dict[Path, str]) -> list[Problem]:
    """Problems the data would have with `texts` written (path -> text), that it has not now.
    Checked in a scratch copy of the data folder: nothing is written to `root`."""
    shown = {changes.shown_as(root, path): text for path, text in texts.items()}
    return [p for p in changes.problems_with(root, shown) if p.path != WHOLE_FILE]


@dataclass
class CityFile:
    """A city file as read for an edit: its data, header and version."""

    path: Path
    data: dict | None  # None: no such file yet
    header: str
    version: str


def read_city(data_dir: Path, city_id: str) -> CityFile:
    path = Path(data_dir) / "cities" / f"{city_id}.yaml"
    text, version = store.read_with_version(path)
    if text is None:
        return CityFile(path, None, "", version)
    data, _ = read_yaml(path, f"cities/{path.name}")
    return CityFile(
        path, data if isinstance(data, dict) else None, yaml_format.leading_comment(text), version
    )


# What an import knows nothing of, and so never takes away from an action it updates: the
# transfers recorded on it (inspired_by, testing_origin) and its target groups.
KEPT_ON_UPDATE = ("inspired_by", "testing_origin", "target_groups")


def similar_actions(existing: list[dict], title: str, threshold: float = 0.75) -> list[dict]:
    """The city's actions whose title is the same as or close to `title` (a drafted action
    that may already be in the city's file), closest first."""
    wanted = " ".join(re.sub(r"[^\w ]+", " ", (title or "").casefold()).split())
    scored = []
    for action in existing:
        if not isinstance(action, dict):
            continue
        theirs = " ".join(re.sub(r"[^\w ]+", " ", str(action.get("title") or "").casefold()).split())
        ratio = difflib.SequenceMatcher(None, wanted, theirs).ratio() if wanted and theirs else 0
        if ratio >= threshold:
            scored.append((ratio, action))
    return [a for _, a in sorted(scored, key=lambda pair: -pair[0])]


def updated(existing: dict, drafted: dict) -> dict:
    """The existing action updated from the drafted one: its id kept, and what the import does
    not know (KEPT_ON_UPDATE) kept too."""
    action = dict(drafted)
    action["id"] = existing["id"]
    for name in KEPT_ON_UPDATE:
        if existing.get(name):
            action[name] = existing[name]
    return action


def changed_fields(existing: dict, new: dict) -> list[tuple[str, object, object]]:
    """(field, what goes, what comes) for each field an update changes."""
    return [
        (name, existing.get(name), new.get(name))
        for name in dict.fromkeys([*existing, *new])
        if name != "id" and existing.get(name) != new.get(name)
    ]


def with_actions(
    city: CityFile, actions: list[dict], new_city: dict | None = None, updates: set[str] = frozenset()
) -> str:
    """The city file's text with `actions` added. Never silently replaces: an action whose id
    is in `updates` replaces the city's action of that id (the person chose to update it);
    any other whose id is taken gets a new one."""
    if city.data is not None:
        data = dict(city.data)
        header = city.header
    else:
        data = dict(new_city or {})
        header = f"{data.get('name', city.path.stem)}'s plan, drafted from its IAP document (import-iap) and confirmed in the app."
    current = list(data.get("actions") or [])
    for action in actions:
        same = [n for n, a in enumerate(current) if isinstance(a, dict) and a.get("id") == action["id"]]
        if same and action["id"] in updates:
            current[same[0]] = updated(current[same[0]], action)
            continue
        if same:
            taken = {a.get("id") for a in current if isinstance(a, dict)}
            city_id = data.get("id") or city.path.stem
            action = {**action, "id": _free_id(city_id, taken)}
        current.append(action)
    data["actions"] = current
    return yaml_format.city_yaml(data, header)


def _free_id(city_id: str, taken: set[str]) -> str:
    numbers = [
        int(m.group(1)) for t in taken if t and (m := re.fullmatch(rf"{re.escape(city_id)}-a(\d+)", t))
    ]
    n = max(numbers, default=0) + 1
    while f"{city_id}-a{n}" in taken:
        n += 1
    return f"{city_id}-a{n}"


def with_document(text_data: dict, document: dict | None) -> dict:
    if document:
        text_data = dict(text_data)
        text_data["iap_document"] = {"title": document["title"], "source": document["source"]}
    return text_data


def confirm(
    data_dir: str | Path | None,
    city: CityFile,
    actions: list[dict],
    new_city: dict | None = None,
    *,
    draft: tuple[Path, dict] | None = None,
    author: Author | None = None,
    updates: set[str] = frozenset(),
    document: dict | None = None,
    marked: list[str] | None = None,
) -> list[str]:
    """Write the confirmed actions into the city file, and (given `draft`: its file and its
    data) note them as confirmed in the draft, in one change. Returns the problems (nothing
    written) or an empty list (written). Raises store.ChangedOnDisk when a file changed
    meanwhile, changes.NotAllowed when the account may not change this city."""
    root = resolve_data_dir(data_dir)
    if city.data is None and not new_city:
        return [
            said(
                N_("{file}: there is no such city yet; give its name, country and role"),
                file=f"cities/{city.path.name}",
            )
        ]
    if document:  # the plan counts as entered: its document is recorded on the city
        if city.data is not None:
            city = CityFile(city.path, with_document(city.data, document), city.header, city.version)
        else:
            new_city = with_document(new_city or {}, document)
    text = with_actions(city, actions, new_city, updates)
    city_file = changes.shown_as(root, city.path)
    texts, versions = {city_file: text}, {city_file: city.version}
    if draft is not None:
        draft_file = changes.shown_as(root, draft[0])
        # The draft notes its own ids as confirmed (`marked`), even where the city's id was kept.
        texts[draft_file] = _confirmed_text(draft[1], marked or [a["id"] for a in actions])
        versions[draft_file] = store.version_of(draft[0])
    name = (city.data or new_city or {}).get("name") or city.path.stem
    titles = ", ".join(f"'{a.get('title') or a['id']}'" for a in actions)
    message = f"{name}: confirmed action{'s' if len(actions) != 1 else ''} {titles} from the imported plan"
    try:
        changes.save(root, texts, versions, author or command_line_author(), message)
    except changes.Refused as refused:
        return [str(p) for p in refused.problems]
    return []


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def indicator_lines(indicators: list[dict]) -> str:
    """Indicators as the person edits them: one a line, 'indicator: target'."""
    return "\n".join(
        f"{i['indicator']}: {i['target']}" if i.get("target") else i["indicator"] for i in indicators
    )


def reviewed_action(
    drafted: dict,
    *,
    title: str,
    description: str,
    interventions: list[str],
    support_level: str,
    beneficiaries: list[str],
    model_reason: str,
    amount: float | None,
    funding: list[str],
    lead: str,
    partners: str,
    indicators: str,
    sources: list[str],
) -> dict:
    """The drafted action as the reviewer left it. `partners` and `indicators` are the text
    fields (one a line; 'indicator: target'); no amount means the budget is unknown."""
    action = dict(drafted)
    action.update(
        title=title,
        description=description,
        interventions=list(interventions),
        support_level=support_level,
        beneficiaries=list(beneficiaries),
        model_reason=model_reason,
        lead=(lead or "").strip() or None,
        partners=_lines(partners),
        indicators=[
            {"indicator": name.strip(), "target": target.strip() or None}
            for name, _, target in (line.partition(":") for line in _lines(indicators))
        ],
        sources=list(sources),
    )
    budget = drafted.get("budget") or {}
    action["budget"] = (
        None
        if amount is None
        else {
            "amount_eur": int(amount) if float(amount).is_integer() else amount,
            "basis": budget.get("basis", "plan_total"),
            "status": budget.get("status", "planned"),
            "funding_sources": list(funding),
            "funding_note": budget.get("funding_note"),
            "source": sources[0] if sources else None,
        }
    )
    return action


def _confirmed(draft: dict, action_ids: list[str]) -> dict:
    updated = dict(draft)
    updated["confirmed"] = sorted(set(draft.get("confirmed") or []) | set(action_ids))
    return updated


def _confirmed_text(draft: dict, action_ids: list[str]) -> str:
    return draft_text(_confirmed(draft, action_ids))
