"""Synthetic data folders of any number of cities, made from the real files, for `make bench`.

    python scripts/synthetic.py 300 /tmp/net300

City number k (counted from 0) is a copy of real city k % 10; the first ten are the real
files unchanged, so practices.yaml and its references stay valid. A copy gets its own id
(`isernia-s12`), a name that says it is a copy ("Isernia (copy 12)"), and its own action
ids (`isernia-a1-s12`), with the reference from a plan action to its testing action
renamed to match. The result validates with no problem; the figures are not facts about
any city and are never written into data/.

`hard=True` (`--hard`) makes the shapes a network can take and the pages must survive:
copies keep their original's display name (many cities share one), every seventh city
from the eleventh on has a name of 200 characters, and the first copy holds 300 actions.
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL_DATA = ROOT / "data"
SHARED_FILES = ("model.yaml", "sources.yaml", "practices.yaml")
LONG_NAME = 200  # characters, in a hard network
BIG_CITY_ACTIONS = 300
# libyaml's safe loader and dumper where they are there: the same plain YAML, several times faster
# (a hard network of 20 cities is written for several tests).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _renamed_actions(actions: list[dict], suffix: str) -> list[dict]:
    """Actions with `suffix` on their ids (and on the ids they point at)."""
    actions = copy.deepcopy(actions)
    renamed = {action["id"]: action["id"] + suffix for action in actions}
    for action in actions:
        action["id"] = renamed[action["id"]]
        origin = action.get("testing_origin")
        if origin and origin.get("action"):
            origin["action"] = renamed.get(origin["action"], origin["action"])
        for indicator in action.get("indicators") or []:
            if indicator.get("id"):  # indicator ids are unique across the network too
                indicator["id"] += suffix
    return actions


def _copy_of(city: dict, number: int, hard: bool = False, long_name: bool = False, big: bool = False) -> dict:
    """City dict -> its numbered copy with new ids (the original dict is not changed).

    Hard: the copy keeps the original's name (so names are shared); `long_name`: a name
    of 200 characters; `big`: 300 actions."""
    suffix = f"-s{number}"
    city = dict(city)
    actions = list(city.get("actions") or [])
    city["id"] += suffix
    if not hard:
        city["name"] = f"{city['name']} (copy {number})"
    elif long_name:
        city["name"] = (city["name"] + " " + "long name " * 30)[: LONG_NAME - 1].rstrip() + "x"
    if big and actions:
        rounds = -(-BIG_CITY_ACTIONS // len(actions))
        grown = [a for r in range(rounds) for a in _renamed_actions(actions, f"-r{r}" if r else "")]
        actions = grown[:BIG_CITY_ACTIONS]
    if "actions" in city:
        city["actions"] = _renamed_actions(actions, suffix)
    return city


def make_network(cities: int, target: Path, source: Path = REAL_DATA, hard: bool = False) -> Path:
    """Write a data folder of `cities` cities into `target` (created; must not exist);
    `hard`: shared and very long names and a city of 300 actions (see above)."""
    target.mkdir(parents=True)
    for name in SHARED_FILES:
        shutil.copy(source / name, target / name)
    (target / "cities").mkdir()
    real = sorted((source / "cities").glob("*.yaml"))
    parsed = [yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) for path in real]  # noqa: S506
    for k in range(cities):
        original = real[k % len(real)]
        if k < len(real):
            shutil.copy(original, target / "cities" / original.name)
            continue
        # Hard: the first copy is the big city; every seventh copy has a very long name.
        shape = {"long_name": k % 7 == 4, "big": k == len(real)} if hard else {}
        city = _copy_of(parsed[k % len(real)], k // len(real), hard, **shape)
        text = yaml.dump(city, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
        (target / "cities" / f"{city['id']}.yaml").write_text(text, encoding="utf-8")
    return target


if __name__ == "__main__":
    hard = "--hard" in sys.argv
    number, folder = [a for a in sys.argv[1:] if a != "--hard"]
    make_network(int(number), Path(folder), hard=hard)
    print(f"{number} {'hard ' if hard else ''}cities written to {folder}")
