"""`python -m models import-iap FILE [--city ID] [--source ID] [--data DIR] [--out FILE]`.

Reads a city's action plan as it is written (PDF, Word or text; any of the layouts and languages
of formats.plans) and writes a DRAFT of its actions to data/drafts/<city>.yaml, every field marked
for review. The dashboard does not read drafts: a person confirms each action in the app's
'Import a plan' page. Prints what was read (pages, characters, language, which reader found what).
"""

from __future__ import annotations

from pathlib import Path

from models.loader import load_network, resolve_data_dir
from words import slug

from .common import add_data_argument, count

NAME = "import-iap"
HELP = "draft a city's actions from its action plan (PDF, Word or text), for review in the app"

LOOKED_FOR = (
    "numbered action headings ('Action 2.1', 'Azione 3', 'Ação 1.2', ...), labelled blocks "
    "('Action name', 'Description :', 'Coût estimé', ...), tables of actions, one table per action, "
    "the URBACT template's headings, and headings with prose under them"
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="the plan, as a PDF, a Word document (.docx) or a text file"
    )
    parser.add_argument("--city", metavar="ID", help="the city's id (default: read from the plan)")
    parser.add_argument(
        "--source", metavar="ID", help="the plan's id in data/sources.yaml (default: <city>-iap)"
    )
    parser.add_argument(
        "--out", metavar="FILE", help="where to write the draft (default: DATA/drafts/<city>.yaml)"
    )
    add_data_argument(parser)


def summary_line(read_: dict, name: str) -> str:
    """'kranj.pdf: 11 pages, 39,100 characters, in English; 14 actions in tables of labelled
    rows, one per action, pages 1-11.'"""
    language = read_.get("language_name") or "a language not recognised"
    said = f"{name}: {count(read_['pages'], 'page')}, {read_['characters']:,} characters, in {language}"
    return said + (f"; {read_['found']}." if read_.get("found") else ".")


def run(args) -> int:
    # heavy: the plan readers (pdfplumber, python-docx, lingua) and the data history (dulwich)
    # are loaded only by this command
    from formats.drafts import read_city, save_draft
    from formats.iap import guess_city
    from formats.plans import NoActions, UnreadablePlan, draft_plan, read, read_document

    path = Path(args.file)
    root = resolve_data_dir(args.data)
    vocabulary = load_network(root).vocabulary  # its words read the plan and place each action
    if vocabulary is None:
        print("The model (model.yaml) did not load, so no plan can be read: run `python -m models validate`.")
        return 1
    try:
        reading = read(read_document(path.read_bytes(), path.name), vocabulary)
    except OSError as error:
        print(f"{path.name} cannot be opened ({error.strerror or error})")
        return 1
    except UnreadablePlan as problem:
        if problem.reason == "scanned":
            print(
                f"{problem.detail}. Enter its actions on the app's 'Edit a plan' page or in the "
                "Spreadsheet (python -m models workbook)."
            )
        else:
            print(problem.detail)
        return 1
    name = guess_city("\n".join(reading.lines[:400]))
    city_id = args.city or (slug(name) if name else None)
    if not city_id:
        print(summary_line(reading.summary(), path.name))
        print("The plan does not say which city it is for; give it with --city ID.")
        return 1
    city = read_city(root, city_id)
    taken = {a.get("id") for a in (city.data or {}).get("actions") or [] if isinstance(a, dict)}
    try:
        draft = draft_plan(reading, city_id, vocabulary=vocabulary, source=args.source, taken=taken)
    except NoActions as none:
        print(summary_line(none.reading.summary(), path.name))
        print(f"No action found. Looked for {LOOKED_FOR}.")
        if none.reading.headings:
            print(
                "Headings found, a start for entering the plan by hand: " + "; ".join(none.reading.headings)
            )
        return 1
    out = save_draft(root, draft, Path(args.out) if args.out else None)
    print(summary_line(draft["read"], path.name))
    for entry in draft["actions"]:
        action = entry["action"]
        cost = entry["from_the_plan"]["cost"]
        stated = "cost not stated"
        if cost["value"] is not None:
            value = int(cost["value"]) if float(cost["value"]).is_integer() else cost["value"]
            stated = f"{value:,} {cost['currency']}" + (" per year" if cost["basis"] == "per_year" else "")
        placed = ", ".join(action["interventions"]) or "intervention to choose"
        print(f"{action['id']}: {action['title']} - {stated}; suggested: {placed}")
    if draft["ideas"]:
        print(f"Ideas (not plan actions): {'; '.join(draft['ideas'])}")

    def euros(basis: str) -> float:
        found = sum(
            cost["value"]
            for cost in (e["from_the_plan"]["cost"] for e in draft["actions"])
            if cost["currency"] == "EUR" and cost["value"] is not None and cost["basis"] == basis
        )
        return int(found) if float(found).is_integer() else found

    # A yearly amount is never added to the plan's totals: it is said beside them.
    yearly = euros("per_year")
    also = f" (and {yearly:,} EUR per year)" if yearly else ""
    print(
        f"\n{count(len(draft['actions']), 'action')} drafted, {euros('plan_total'):,} EUR in all{also}, "
        f"from {path.name}."
    )
    print(
        f"Draft written to {out}: nothing counts yet. Check every field marked for review and "
        "confirm the actions in the app ('Import a plan')."
    )
    return 0
