"""What is known about each city: the one notion every page, output and command uses.

A city's plan is one of:

- `plan_entered`: its IAP document is in the data (`iap_document` is set), so an empty
  cell of the model is a real gap of the plan;
- `partly_known`: the plan is not entered, but the network's articles name some of the
  city's actions; they show where they sit, every other cell is *not known*;
- `nothing_known`: the plan is not entered and no action of the city is in the data;
- `broken`: the city's data file could not be read; the city stays listed with its
  problem, and nothing about its plan is claimed.

A file that cannot be read at all still names its city: `scan_broken_file` reads the
few top-level lines it can (id, name, country, position) without trusting the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from words.i18n import N_, _, in_language, pgettext

PLAN_ENTERED = "plan_entered"
PARTLY_KNOWN = "partly_known"
NOTHING_KNOWN = "nothing_known"
BROKEN = "broken"

KNOWLEDGE_STATES = (PLAN_ENTERED, PARTLY_KNOWN, NOTHING_KNOWN, BROKEN)
# Written at import: marked for the catalog, shown through `_()` (analysis.frames fills the
# cities' `knowledge_label` with them in the language in use).
KNOWLEDGE_LABELS = {
    PLAN_ENTERED: N_("IAP entered"),
    PARTLY_KNOWN: N_("Partly known (actions from articles; plan not entered)"),
    NOTHING_KNOWN: N_("Nothing known yet"),
    BROKEN: N_("Its data file has a problem"),
}
# One line each, for legends: what the state lets a reader conclude.
KNOWLEDGE_MEANING = {
    PLAN_ENTERED: N_("its IAP document is in the data: an empty cell is a gap of the plan"),
    PARTLY_KNOWN: N_(
        "only the actions named in the network's articles are known: other cells are not known yet"
    ),
    NOTHING_KNOWN: N_("no action of the city is in the data yet: every cell is not known"),
    BROKEN: N_("its data file could not be read: nothing about its plan is shown until the file is fixed"),
}


def knowledge_of(iap_entered: bool, actions: int) -> str:
    """The state of a city whose file loaded."""
    if iap_entered:
        return PLAN_ENTERED
    return PARTLY_KNOWN if actions else NOTHING_KNOWN


@dataclass(frozen=True)
class BrokenCity:
    """A city file that did not load: enough to keep the city in sight, with its problem."""

    id: str
    name: str
    file: str
    problems: tuple[str, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    # Every `id:` the file seems to hold (the city's and its actions'), so that references
    # to them elsewhere are not reported a second time.
    ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def problem(self) -> str:
        """The problems in plain words, one after the other, in the language in use."""
        if not self.problems:
            return _("the file could not be read")
        return pgettext("between the parts of a sentence", "; ").join(in_language(p) for p in self.problems)


_TOP = re.compile(r"^(id|name|country):[ \t]*(.*?)[ \t]*$")
_POSITION = re.compile(r"^[ \t]+(lat|lon):[ \t]*(-?\d+(?:\.\d+)?)[ \t]*$")
_ANY_ID = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([A-Za-z0-9][A-Za-z0-9_.-]*)['\"]?[ \t]*$")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def scan_broken_file(text: str, stem: str, file: str, problems: list[str]) -> BrokenCity:
    """What can be read of a city file that did not load, line by line.

    The file name is the city's id (the data's rule); a top-level `name:` line gives its
    display name, else the id stands in for it. Nothing read here is used as a fact about
    the plan: only to show whose file has a problem, and where the city is on the map."""
    top: dict[str, str] = {}
    position: dict[str, float] = {}
    ids: set[str] = {stem}
    in_location = False
    for line in text.splitlines():
        if match := _TOP.match(line):
            top.setdefault(match.group(1), _unquote(match.group(2)))
        if not line.startswith((" ", "\t")):
            in_location = line.startswith("location:")
        elif in_location and (match := _POSITION.match(line)):
            position.setdefault(match.group(1), float(match.group(2)))
        if match := _ANY_ID.match(line):
            ids.add(match.group(1))
    name = top.get("name") or ""
    if not name or name[0] in "[{&*!|>%@`#":  # not a plain name: the line itself is what is broken
        name = stem
    lat, lon = position.get("lat"), position.get("lon")
    if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
        lat = lon = None
    return BrokenCity(
        id=stem,
        name=name[:200],
        file=file,
        problems=tuple(problems),
        country=top.get("country") or None,
        lat=lat,
        lon=lon,
        ids=frozenset(ids),
    )
