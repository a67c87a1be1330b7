"""Synthetic data folders of any number of cities, made from the real files, for `make bench`.

    python scripts/synthetic.py 300 /tmp/net300

City number k (counted from 0) is a copy of real city k % 10; the first ten are the real
files unchanged, so practices.yaml and its references stay valid. A copy gets its own id
(`isernia-s12`), a name that says it is a copy ("Isernia (copy 12)"), and its own action
ids (`isernia-a1-s12`), with the reference from a plan action to its testing action
renamed to match. The result validates with no problem; the figures are not facts about
any city and are never written into data/.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL_DATA = ROOT / "data"
SHARED_FILES = ("model.yaml", "sources.yaml", "practices.yaml")


def _copy_of(city: dict, number: int) -> dict:
    """City dict -> its numbered copy with new ids (the original dict is not changed)."""
    suffix = f"-s{number}"
    city = yaml.safe_load(yaml.safe_dump(city))  # a deep copy of plain YAML data
    renamed = {action["id"]: action["id"] + suffix for action in city.get("actions") or []}
    city["id"] += suffix
    city["name"] = f"{city['name']} (copy {number})"
    for action in city.get("actions") or []:
        action["id"] = renamed[action["id"]]
        origin = action.get("testing_origin")
        if origin and origin.get("action"):
            origin["action"] = renamed.get(origin["action"], origin["action"])
        for indicator in action.get("indicators") or []:
            if indicator.get("id"):  # indicator ids are unique across the network too
                indicator["id"] += suffix
    return city


def make_network(cities: int, target: Path, source: Path = REAL_DATA) -> Path:
    """Write a data folder of `cities` cities into `target` (created; must not exist)."""
    target.mkdir(parents=True)
    for name in SHARED_FILES:
        shutil.copy(source / name, target / name)
    (target / "cities").mkdir()
    real = sorted((source / "cities").glob("*.yaml"))
    parsed = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in real]
    for k in range(cities):
        original = real[k % len(real)]
        if k < len(real):
            shutil.copy(original, target / "cities" / original.name)
            continue
        city = _copy_of(parsed[k % len(real)], k // len(real))
        text = yaml.safe_dump(city, sort_keys=False, allow_unicode=True, width=100)
        (target / "cities" / f"{city['id']}.yaml").write_text(text, encoding="utf-8")
    return target


if __name__ == "__main__":
    make_network(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[1]} cities written to {sys.argv[2]}")
