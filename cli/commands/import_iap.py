"""`python -m models import-iap FILE [--city ID] [--source ID] [--data DIR] [--out FILE]`.

Reads a plan written to the URBACT IAP template (PDF or text) and writes a DRAFT of its
actions to data/drafts/<city>.yaml, every field marked for review. The dashboard does not
read drafts: a person confirms each action in the app's 'Import a plan' page.
"""

from __future__ import annotations

from pathlib import Path

from models.loader import load_network, resolve_data_dir

from .common import add_data_argument, count

NAME = "import-iap"
HELP = "draft a city's actions from its IAP document (PDF or text), for review in the app"


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the plan, as a PDF or a text file")
    parser.add_argument("--city", metavar="ID", help="the city's id (default: read from the plan)")
    parser.add_argument(
        "--source", metavar="ID", help="the plan's id in data/sources.yaml (default: <city>-iap)"
    )
    parser.add_argument(
        "--out", metavar="FILE", help="where to write the draft (default: DATA/drafts/<city>.yaml)"
    )
    add_data_argument(parser)


def _euros(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + " EUR"


def run(args) -> int:
    # heavy: the PDF reader and the data history (dulwich) are loaded only by this command
    from models.drafts import save_draft
    from models.iap import UnreadableDocument, document_text, draft_plan

    path = Path(args.file)
    root = resolve_data_dir(args.data)
    vocabulary = load_network(root).vocabulary  # its keyword rules place each action
    try:
        draft = draft_plan(
            document_text(path), args.city, args.source, document=path.name, vocabulary=vocabulary
        )
    except UnreadableDocument as error:
        print(f"{path.name}: {error}")
        return 1
    out = save_draft(root, draft, Path(args.out) if args.out else None)
    total = 0.0
    for entry in draft["actions"]:
        action = entry["action"]
        budget = action["budget"]
        total += budget["amount_eur"] if budget else 0
        cost = _euros(budget["amount_eur"]) if budget else "cost unknown"
        print(
            f"{action['id']}: {action['title']} - {cost}; suggested: {', '.join(action['interventions'])}, "
            f"{action['support_level']}, for {', '.join(action['beneficiaries'])}"
        )
    print(f"\n{count(len(draft['actions']), 'action')} drafted, {_euros(total)} in all, from {path.name}.")
    print(
        f"Draft written to {out}: nothing counts yet. Check every field marked for review and "
        "confirm the actions in the app ('Import a plan')."
    )
    return 0
