"""Enter complete, made-up plans for Fót and Pombal into a copy of data/.

    python scripts/enter_test_plans.py DATA_DIR

Only Isernia's plan is entered in data/; the other cities' plans will be entered by their
people, and entering a plan must never turn the tests red. This script writes what such an
entry looks like (actions with budgets, timing, indicators and focus areas, an IAP document
so the plan counts as entered, and a source, "Plans made up for a test", that every fact
cites) into DATA_DIR, through the project's own write path (workspace.changes.save: the texts
a save writes, checked with the rules of `python -m models validate`, all files or none),
so the files are in the form saves keep. `make test-entered` runs the suite on such a copy;
tests/test_entered_plans.py uses `enter_plans` on a copy of its own.

Never run it on the real data/: the plans are made up.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.files import read_yaml  # noqa: E402
from workspace import changes, editing, store, yaml_format  # noqa: E402

SOURCE = "test-plans"
SOURCE_RECORD = {
    "id": SOURCE,
    "title": "Plans made up for a test",
    "address": "https://example.org/",
}

# city -> its actions: (interventions, support level, beneficiaries, budget in euros, indicator)
PLANS = {
    "fot": [
        (["identify"], "intensive", ["isolated"], 4000, "home visits"),
        (["help", "prevent"], "targeted", ["at_risk", "helpers"], 12500, "participants"),
        (["awareness"], "universal", ["all_citizens"], 1500, "people reached"),
    ],
    "pombal": [
        (["help"], "intensive", ["isolated"], 30000, "people referred"),
        (["prevent"], "universal", ["all_citizens", "at_risk"], 8000, "participants"),
    ],
}


def action(city: str, n: int, interventions, level, groups, amount, indicator) -> dict:
    """One made-up plan action, complete: budget, timing, lead, partners, an indicator."""
    return {
        "id": f"{city}-p{n}",
        "number": str(n),
        "title": f"Test action {n} of {city}",
        "kind": "iap_action",
        "description": "Made up for a test of entered plans.",
        "interventions": interventions,
        "support_level": level,
        "beneficiaries": groups,
        "model_reason": "Made up for the test.",
        "budget": {
            "amount_eur": amount,
            "basis": "plan_total",
            "status": "planned",
            "funding_sources": ["municipal"],
            "source": SOURCE,
        },
        "timing": {"start_year": 2026, "end_year": 2027},
        "lead": f"Municipality of {city}",
        "partners": ["a local NGO"],
        "indicators": [
            {
                "id": f"{city}-p{n}-n1",
                "indicator": indicator,
                "target": "at least 40",
                "target_value": 40,
                "unit": "participants",
                "period": "plan",
            }
        ],
        "sources": [SOURCE],
    }


def _read(data_dir: Path, shown_as: str) -> tuple[dict, str, str]:
    path = data_dir / shown_as
    text, version = store.read_with_version(path)
    data, problem = read_yaml(path, shown_as)
    if problem is not None:
        raise SystemExit(str(problem))
    return data, text, version


def entered_city(record: dict, rows) -> dict:
    """A city's record with its made-up plan entered."""
    city = record["id"]
    record = copy.deepcopy(record)
    record["iap_document"] = {"title": f"{record['name']} IAP (test)", "source": SOURCE}
    record["focus_areas"] = {
        "areas": ["identify_isolated", "awareness"],
        "emphasis": [],
        "source": SOURCE,
    }
    if SOURCE not in record["sources"]:
        record["sources"].append(SOURCE)
    taken = {a.get("id") for a in record.get("actions") or []}
    record["actions"] = [*(record.get("actions") or [])] + [
        action(city, n, *row) for n, row in enumerate(rows, start=1) if f"{city}-p{n}" not in taken
    ]
    return record


def enter_plans(data_dir: str | Path, plans: dict | None = None) -> list[str]:
    """Enter `plans` (PLANS by default) into the data folder `data_dir`, as one save of the
    project's write path (checked like any save; nothing is written when it would leave a
    problem). Returns the files written: none when the plans are already entered."""
    data_dir = Path(data_dir)
    plans = PLANS if plans is None else plans
    texts, versions = {}, {}

    sources, text, version = _read(data_dir, "sources.yaml")
    if not any(s.get("id") == SOURCE for s in sources.get("sources") or []):
        new = {**sources, "sources": [*(sources.get("sources") or []), SOURCE_RECORD]}
        canonical = yaml_format.canonical_yaml(new, header=yaml_format.leading_comment(text))
        texts["sources.yaml"] = yaml_format.updated_text(text, new, canonical)
        versions["sources.yaml"] = version

    for city, rows in plans.items():
        shown_as = f"cities/{city}.yaml"
        record, text, version = _read(data_dir, shown_as)
        new_text = editing.candidate_text(entered_city(record, rows), text)
        if new_text != text:
            texts[shown_as], versions[shown_as] = new_text, version
    if not texts:
        return []

    author = changes.Author("Test plans (scripts/enter_test_plans.py)")
    # The write lock lives outside the data folder (workspace.store.lock_path): the folder keeps
    # data files only, as a checkout has it.
    changes.save(data_dir, texts, versions, author, "Entered made-up plans for a test", record=False)
    return sorted(texts)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    data_dir = Path(argv[0])
    if not (data_dir / "cities").is_dir():
        print(f"{data_dir} is not a data folder (it has no cities/ folder)", file=sys.stderr)
        return 2
    try:
        written = enter_plans(data_dir)
    except changes.Refused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"Entered made-up plans for {', '.join(PLANS)} into {data_dir}: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
