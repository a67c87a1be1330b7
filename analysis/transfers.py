"""Transfers: which practice moved from which city (or from outside the network) into
which city's action. Tables and sentences for the Transfers page (its figures: figures/transfers.py).

Every function takes the `transfers` table of analysis.frames (one row per practice and
adopting action) or a part of it, so the page filters once and passes the rest along.
Text from the data goes into figures escaped (plotly reads a little HTML in labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.frames import Filters, Tables, filter_actions
from models.vocabulary import ACTION_KIND_LABELS
from words import and_list, clipped, number, number_word
from words.i18n import N_, _, ngettext, pgettext

# A transfer's origin, in English here (the code compares them); shown through `_()`.
NETWORK_GROUP = N_("Network city")

OUTSIDE_GROUP = N_("Outside the network")

SENTENCE_LIMIT = 60  # practice names in sentences: asides dropped, rarely cut


def short_name(text: str, limit: int = 40) -> str:
    """A practice or action name short enough for a chart label.

    Drops bracketed asides (original-language names), then keeps the part before the
    first comma, then cuts at a word with an ellipsis:
    'Day centre for older people (Centro de Día ...)' -> 'Day centre for older people'.
    """
    text = " ".join(str(text).split())
    bare = re.sub(r"\s*\([^()]*\)", "", text).strip()
    if bare:
        text = bare
    if len(text) > limit and ", " in text:
        text = text.split(", ")[0]
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:-") + "…"
    return text


def short_origin(label: str) -> str:
    """'Heerlen (Netherlands), URBACT III Sib-Dev network' -> 'Heerlen (Netherlands)'."""
    return str(label).split(", ")[0]


def possessive(name: str) -> str:
    """'Serres' -> 'Serres’'; 'Pombal' -> 'Pombal’s'."""
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def _kind_label(kind: str) -> str:
    label = ACTION_KIND_LABELS.get(kind, kind)
    # Never _("") (gettext's "" is the catalog's header) nor a gap.
    return _(label) if isinstance(label, str) and label else label


def _action_phrase(kind: str, title: str) -> str:
    """'the plan action “Volunteer transport”' (the title in the language it was written in)."""
    if kind == "iap_action":
        text = _("the plan action “{title}”")
    elif kind == "testing_action":
        text = _("the testing action “{title}”")
    elif kind == "idea":
        text = _("the idea “{title}”")
    else:
        text = _("the action “{title}”")
    return text.format(title=title)


def _separator() -> str:
    """'; ' between the parts of a sentence (French puts a no-break space before it)."""
    return pgettext("between the parts of a sentence", "; ")


def filter_transfers(transfers: pd.DataFrame, actions: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The transfers the shared filters keep.

    Cities: a transfer stays when its giving OR its receiving city is chosen. Kind and
    intervention: they apply to the adopting action (same rule as everywhere else, via
    filter_actions).
    """
    keep = pd.Series(True, index=transfers.index)
    if filters.cities:
        chosen = set(filters.cities)
        keep &= transfers["from_city"].isin(chosen) | transfers["to_city"].isin(chosen)
    if filters.kinds or filters.interventions:
        action_filter = Filters(kinds=filters.kinds, interventions=filters.interventions)
        adopting = set(filter_actions(actions, action_filter)["id"])
        keep &= transfers["to_action"].isin(adopting)
    return transfers[keep]


def _ordered(transfers: pd.DataFrame) -> pd.DataFrame:
    """Network origins first, then outside; each by giver, practice, receiver."""
    return transfers.sort_values(
        ["outside_network", "from_label", "practice_name", "to_city_name", "to_action"]
    )


def hover_text(row) -> str:
    """'<from> → <practice> → <to city>: <action title>' for one transfer."""
    return _("{origin} → {practice} → {city}: {action}").format(
        origin=row["from_label"],
        practice=row["practice_name"],
        city=row["to_city_name"],
        action=row["to_action_title"],
    )


def flow_title(transfers: pd.DataFrame) -> str:
    """The finding of the flow chart, e.g. '13 transfers: 10 between network cities, 3 from
    outside; Day centre for older people (Jumilla) inspired two cities' (the last part only
    when one practice reached more cities than any other, and at least two)."""
    n = len(transfers)
    if n == 0:
        return _("No transfer matches the filters")
    outside = int(transfers["outside_network"].sum())
    inside = n - outside
    if outside == 0:
        title = ngettext(
            "{n} transfer, between network cities", "{n} transfers, all between network cities", n
        )
    elif inside == 0:
        title = ngettext(
            "{n} transfer, from outside the network", "{n} transfers, all from outside the network", n
        )
    else:
        title = ngettext(
            "{n} transfer: {inside} between network cities, {outside} from outside",
            "{n} transfers: {inside} between network cities, {outside} from outside",
            n,
        )
    title = title.format(n=number(n), inside=inside, outside=outside)
    reach = transfers.groupby("practice")["to_city"].nunique()
    if not reach.empty and reach.max() >= 2:
        best = reach[reach == reach.max()].index
        if len(best) == 1:
            row = transfers[transfers["practice"] == best[0]].iloc[0]
            title += _("; {practice} ({origin}) inspired {count} cities").format(
                practice=short_name(row["practice_name"], SENTENCE_LIMIT),
                origin=short_origin(row["from_label"]),
                count=number_word(int(reach.max())),
            )
    return title


def flow_numbers(transfers: pd.DataFrame) -> pd.DataFrame:
    """One readable row per transfer: the numbers behind the flow chart."""
    rows = _ordered(transfers)
    return pd.DataFrame(
        {
            N_("From"): rows["from_label"],
            N_("Origin"): rows["outside_network"].map({True: _(OUTSIDE_GROUP), False: _(NETWORK_GROUP)}),
            N_("Practice"): rows["practice_name"],
            N_("To city"): rows["to_city_name"],
            N_("Adopting action"): rows["to_action_title"],
            N_("Type of action"): rows["to_action_kind"].map(_kind_label),
            N_("Source"): rows["source"].map(lambda s: s.get("title") or s.get("id")),
        }
    ).reset_index(drop=True)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def flow_nodes(transfers: pd.DataFrame) -> pd.DataFrame:
    """The Sankey's nodes in drawing order, one row per node: column ('from', 'practice',
    'to'), key, label, hover text, whether it is an origin outside the network (`outside`)
    and its number of transfers. Where each stands and its colour are the figure's
    (figures/transfers.py).

    Origins in order (network cities, then outside); each practice next to its origin;
    each action next to the practices it took up, so that links cross only where they must.
    """
    columns = ["column", "key", "label", "hover", "outside", "transfers"]
    if transfers.empty:
        return pd.DataFrame(columns=columns)
    # Plain Python over the rows: a few dozen transfers, where pandas' per-group selections
    # cost more than the work itself.
    rows = _ordered(transfers)
    records = [
        dict(zip(rows.columns, values, strict=True))
        for values in zip(*(rows[c] for c in rows.columns), strict=True)
    ]
    for r in records:
        r["_origin_key"] = r["from_label"] if r["outside_network"] else r["from_city"]
    origin_rank = {k: i for i, k in enumerate(dict.fromkeys(r["_origin_key"] for r in records))}

    def grouped(field: str) -> dict:
        """field value -> its rows, in order."""
        groups: dict = {}
        for r in records:
            groups.setdefault(r[field], []).append(r)
        return groups

    by_origin, by_practice, by_action = grouped("_origin_key"), grouped("practice"), grouped("to_action")
    guess = {a: _mean([origin_rank[r["_origin_key"]] for r in group]) for a, group in by_action.items()}
    practice_order = sorted(
        by_practice,
        key=lambda p: (
            min(origin_rank[r["_origin_key"]] for r in by_practice[p]),
            _mean([guess[r["to_action"]] for r in by_practice[p]]),
        ),
    )
    practice_rank = {p: i for i, p in enumerate(practice_order)}
    action_order = sorted(
        by_action,
        key=lambda a: (_mean([practice_rank[r["practice"]] for r in by_action[a]]), a),
    )
    nodes = []
    for key, group in by_origin.items():
        first = group[0]
        outside = bool(first["outside_network"])
        nodes.append(
            {
                "column": "from",
                "key": key,
                "label": short_origin(first["from_label"]),
                "hover": (
                    _("{origin} (outside the network)") if outside else _("{origin} (network city)")
                ).format(origin=first["from_label"]),
                "outside": outside,
                "transfers": len(group),
            }
        )
    for key in practice_order:
        name = by_practice[key][0]["practice_name"]
        nodes.append(
            {
                "column": "practice",
                "key": key,
                "label": short_name(name, 44),
                "hover": name,
                "outside": False,
                "transfers": len(by_practice[key]),
            }
        )
    for key in action_order:
        first = by_action[key][0]
        nodes.append(
            {
                "column": "to",
                "key": key,
                "label": _("{city}: {action}").format(
                    city=first["to_city_name"], action=short_name(first["to_action_title"], 50)
                ),
                "hover": _("{city}: {action} ({kind})").format(
                    city=first["to_city_name"],
                    action=first["to_action_title"],
                    kind=_kind_label(first["to_action_kind"]).lower(),
                ),
                "outside": False,
                "transfers": len(by_action[key]),
            }
        )
    frame = pd.DataFrame(nodes, columns=columns)
    return frame.astype({"transfers": "int64", "outside": bool})


def city_labels(ids, names) -> dict:
    """City id -> the name to show for it, unique: a name two cities share is followed by
    the city's id ('Agen (agen-s1)'), so no table or chart merges them."""
    ids, names = list(ids), list(names)
    seen: dict = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    return {cid: name if seen[name] == 1 else f"{name} ({cid})" for cid, name in zip(ids, names, strict=True)}


def _transfer_city_labels(transfers: pd.DataFrame) -> dict:
    """City id -> unique shown name, for the network cities a transfers table mentions."""
    pairs = dict(zip(transfers["to_city"], transfers["to_city_name"], strict=True))
    inside = transfers[~transfers["outside_network"].astype(bool)]
    pairs.update(zip(inside["from_city"], inside["from_label"], strict=True))
    return city_labels(pairs.keys(), pairs.values())


def transfer_matrix(transfers: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Counts of transfers, giving origin × receiving city.

    Columns: 'From', 'Origin' (network city / outside the network), then one column per
    network city (receiving), in the order of `cities`. Rows: every network city, then
    each outside origin that gave something. Empty cells are <NA>, never 0.

    Keyed by city id: a city's row and column are headed by its name, followed by its id
    when another city has the same name (city_labels), so cities never merge.
    """
    ids = list(cities["id"])
    labels = city_labels(ids, cities["name"])
    # Counted by (giving city id, or the outside origin's label; receiving city id), then laid
    # out as one table at once: a lookup per cell took 16 s for the 3,000 x 3,000 cells of a
    # 3,000-city network.
    outside = transfers["outside_network"].astype(bool)
    giver = transfers["from_city"].where(~outside, transfers["from_label"])
    counts = pd.Series(1, index=transfers.index).groupby([giver, transfers["to_city"]]).sum()
    row_specs = [(labels[cid], _(NETWORK_GROUP), cid) for cid in ids]
    outside_labels = sorted(set(transfers.loc[outside, "from_label"]))
    row_specs += [(short_origin(label), _(OUTSIDE_GROUP), label) for label in outside_labels]
    columns = [labels[cid] for cid in ids]
    grid = counts.unstack() if len(counts) else pd.DataFrame()
    values = grid.reindex(index=[key for *_, key in row_specs], columns=ids).to_numpy(dtype=float, copy=True)
    values[values == 0] = float("nan")  # an empty cell is <NA>, never 0
    frame = pd.DataFrame(
        {"From": [shown for shown, *_ in row_specs], "Origin": [group for _, group, _ in row_specs]}
    )
    block = pd.DataFrame(values, columns=columns).astype("Int64")
    return pd.concat([frame, block], axis=1)


def matrix_numbers(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as shown under the chart: counts as text, empty cells blank."""
    out = matrix.copy()
    counts = list(out.columns[2:])
    if counts:  # every column at once (a function per cell took 21 s at 3,000 cities)
        out[counts] = out[counts].astype("string").fillna("").astype(str)
    return out.rename(columns={"From": N_("Passed on by")})


def matrix_title(transfers: pd.DataFrame) -> str:
    """E.g. 'Isernia took up the most: 7 transfers from 5 cities; Jumilla and Pombal each passed on the most (3 transfers)'."""
    if transfers.empty:
        return _("No transfer matches the filters")
    # Counted by city id, named by city_labels: two cities of one name stay two.
    labels = _transfer_city_labels(transfers)
    received = transfers.groupby("to_city").size().rename(index=labels)
    top = received[received == received.max()]
    count = int(top.iloc[0])
    if len(top) == 1:
        city = top.index[0]
        rows = transfers[transfers["to_city"].map(labels) == city]
        origins = []
        cities = int(rows.loc[~rows["outside_network"], "from_label"].nunique())
        if cities:
            origins.append(ngettext("{n} city", "{n} cities", cities).format(n=number(cities)))
        outside = int(rows.loc[rows["outside_network"], "from_label"].nunique())
        if outside:
            origins.append(
                ngettext("{n} origin outside the network", "{n} origins outside the network", outside).format(
                    n=number(outside)
                )
            )
        title = ngettext(
            "{city} took up the most: {n} transfer from {origins}",
            "{city} took up the most: {n} transfers from {origins}",
            count,
        ).format(city=city, n=number(count), origins=and_list(origins))
    else:
        title = ngettext(
            "{cities} each took up {n} transfer", "{cities} each took up {n} transfers", count
        ).format(cities=and_list(sorted(top.index)), n=number(count))
    inside = transfers[~transfers["outside_network"]]
    if not inside.empty:
        givers = inside.groupby("from_city").size().rename(index=labels)
        best = givers[givers == givers.max()]
        gave = int(best.iloc[0])
        most = ngettext("{n} transfer", "{n} transfers", gave).format(n=number(gave))
        if len(best) == 1:
            title += _("; {city} passed on the most ({most})").format(city=best.index[0], most=most)
        elif len(best) == 2:
            title += _("; {cities} each passed on the most ({most})").format(
                cities=and_list(sorted(best.index)), most=most
            )
        else:
            title += _("; {count} cities each passed on {most}").format(
                count=number_word(len(best)), most=most
            )
    return title


def _source_columns(rows: pd.DataFrame) -> dict:
    """The document a fact comes from: its address (a link) and its title."""
    return {
        N_("Source link"): rows["source"].map(lambda s: s.get("address")),
        N_("Source"): rows["source"].map(lambda s: s.get("title") or s.get("id")),
    }


def received_table(transfers: pd.DataFrame, city: str) -> pd.DataFrame:
    """Practices `city` took: practice, where from, adopting action and its kind, source."""
    rows = transfers[transfers["to_city"] == city].sort_values(["to_action", "from_label", "practice_name"])
    return pd.DataFrame(
        {
            N_("Practice"): rows["practice_name"],
            N_("From"): rows["from_label"],
            N_("Into action"): rows["to_action_title"],
            N_("Type of action"): rows["to_action_kind"].map(_kind_label),
            **_source_columns(rows),
        },
        columns=["Practice", "From", "Into action", "Type of action", "Source link", "Source"],
    ).reset_index(drop=True)


def given_table(transfers: pd.DataFrame, city: str) -> pd.DataFrame:
    """Practices of `city` that others took: practice, taken by, their action and its kind, source."""
    rows = transfers[transfers["from_city"] == city].sort_values(
        ["practice_name", "to_city_name", "to_action"]
    )
    return pd.DataFrame(
        {
            N_("Practice"): rows["practice_name"],
            N_("Taken by"): rows["to_city_name"],
            N_("Into action"): rows["to_action_title"],
            N_("Type of action"): rows["to_action_kind"].map(_kind_label),
            **_source_columns(rows),
        },
        columns=["Practice", "Taken by", "Into action", "Type of action", "Source link", "Source"],
    ).reset_index(drop=True)


def received_sentence(transfers: pd.DataFrame, city: str, city_name: str) -> str:
    """E.g. 'Fót took 2 practices: Prostofer volunteer "solidarity taxi" from Škofja Loka and
    On-demand transport from Pombal, both into the plan action “Volunteer solidarity transport”.'"""
    rows = transfers[transfers["to_city"] == city].sort_values(["to_action", "from_label", "practice_name"])
    if rows.empty:
        return _(
            "{city} took up no practice from another city or from outside the network (none recorded)."
        ).format(city=city_name)
    n = rows["practice"].nunique()
    parts = []
    for _action, group in rows.groupby("to_action", sort=False):
        first = group.iloc[0]
        items = [
            _("{practice} from {origin}").format(
                practice=short_name(r["practice_name"], SENTENCE_LIMIT), origin=short_origin(r["from_label"])
            )
            for _index, r in group.iterrows()
        ]
        into = _action_phrase(first["to_action_kind"], clipped(first["to_action_title"]))
        if len(group) == 1 or rows["to_action"].nunique() > 1:
            text = _("{items} into {action}")
        elif len(group) == 2:
            text = _("{items}, both into {action}")
        else:
            text = _("{items}, all into {action}")
        parts.append(text.format(items=and_list(items), action=into))
    return ngettext(
        "{city} took up {n} practice: {parts}.", "{city} took up {n} practices: {parts}.", n
    ).format(city=city_name, n=number(n), parts=_separator().join(parts))


def given_sentence(transfers: pd.DataFrame, city: str, city_name: str) -> str:
    """E.g. 'Jumilla gave 2 practices to 2 cities: Day centre for older people to Agen and
    Isernia; Projects for seniors to Isernia.'"""
    rows = transfers[transfers["from_city"] == city].sort_values(["practice_name", "to_city_name"])
    if rows.empty:
        return _("No other city took up a practice from {city} (none recorded).").format(city=city_name)
    n = rows["practice"].nunique()
    receivers = rows["to_city"].nunique()
    parts = []
    for _practice, group in rows.groupby("practice", sort=False):
        takers = list(dict.fromkeys(group["to_city_name"]))
        parts.append(
            _("{practice} to {cities}").format(
                practice=short_name(group.iloc[0]["practice_name"], SENTENCE_LIMIT), cities=and_list(takers)
            )
        )
    return _("{city} passed on {practices} to {cities}: {parts}.").format(
        city=city_name,
        practices=ngettext("{n} practice", "{n} practices", n).format(n=number(n)),
        cities=ngettext("{n} city", "{n} cities", receivers).format(n=number(receivers)),
        parts=_separator().join(parts),
    )


def outside_table(transfers: pd.DataFrame, practices: pd.DataFrame) -> pd.DataFrame:
    """The transfers whose practice came from outside the network, with what it is."""
    # astype(bool): in a network without cities the column is empty and not boolean, and
    # indexing with such a Series would pick columns instead of rows.
    rows = transfers[transfers["outside_network"].astype(bool)].sort_values(["from_label", "to_city_name"])
    described = dict(zip(practices["id"], practices["description"], strict=False))
    columns = [
        "Practice",
        "From",
        "Taken by",
        "Into action",
        "Type of action",
        "Source link",
        "Source",
        "What it is",
    ]
    return pd.DataFrame(
        {
            N_("Practice"): rows["practice_name"],
            N_("From"): rows["from_label"],
            N_("Taken by"): rows["to_city_name"],
            N_("Into action"): rows["to_action_title"],
            N_("Type of action"): rows["to_action_kind"].map(_kind_label),
            **_source_columns(rows),
            N_("What it is"): rows["practice"].map(described),
        },
        columns=columns,
    ).reset_index(drop=True)


def _outside_part(row) -> str:
    """'Fête des voisins from France into “Neighbourhood Festival” (Serres)': the city in
    brackets, so that no language has to make a possessive of a name."""
    text = _("{practice} from {origin} into “{action}” ({city})")
    return text.format(
        practice=short_name(row["practice_name"], SENTENCE_LIMIT),
        origin=short_origin(row["from_label"]),
        city=row["to_city_name"],
        action=row["to_action_title"],
    )


def outside_sentence(transfers: pd.DataFrame) -> str:
    """E.g. '3 practices came from outside the network: Fête des voisins from France into
    Serres' “Neighbourhood Festival”; ...'."""
    rows = transfers[transfers["outside_network"].astype(bool)].sort_values(["from_label", "to_city_name"])
    if rows.empty:
        return _("No practice from outside the network is recorded for this selection.")
    n = rows["practice"].nunique()
    parts = [_outside_part(r) for _index, r in rows.iterrows()]
    return ngettext(
        "{n} practice came from outside the network: {parts}.",
        "{n} practices came from outside the network: {parts}.",
        n,
    ).format(n=number(n), parts=_separator().join(parts))


def parallel_groups(parallel_testing: list[dict], actions: pd.DataFrame, filters: Filters) -> list[dict]:
    """The groups of similar testing actions that the filters keep: a group stays when at
    least one of its actions passes every filter (city, kind, intervention)."""
    kept = set(filter_actions(actions, filters)["id"])
    return [g for g in parallel_testing if any(a["id"] in kept for a in g["actions"])]


def parallel_table(groups: list[dict], actions: pd.DataFrame) -> pd.DataFrame:
    """One row per action of each group: theme, city, action title, kind today, source."""
    kinds = dict(zip(actions["id"], actions["kind"], strict=False))
    records = [
        {
            N_("Theme"): group["theme"],
            N_("City"): action["city_name"],
            N_("Action"): action["title"],
            N_("Type of action"): _kind_label(kinds.get(action["id"], "")),
            N_("Source link"): group["source"].get("address"),
            N_("Source"): group["source"].get("title") or group["source"].get("id"),
        }
        for group in groups
        for action in group["actions"]
    ]
    return pd.DataFrame(
        records, columns=["Theme", "City", "Action", "Type of action", "Source link", "Source"]
    )


def parallel_sentence(groups: list[dict]) -> str:
    """E.g. 'Two themes were tested side by side: Communication campaigns about isolation
    in Jumilla, Roman and Fót; Neighbourhood festivities in Serres and Fót.'"""
    if not groups:
        return _("No testing actions run side by side in several cities are recorded for this selection.")
    parts = [
        _("{theme} in {cities}").format(
            theme=g["theme"], cities=and_list(list(dict.fromkeys(a["city_name"] for a in g["actions"])))
        )
        for g in groups
    ]
    n = len(groups)
    return ngettext(
        "{count} theme was tested side by side: {parts}.",
        "{count} themes were tested side by side: {parts}.",
        n,
    ).format(count=number_word(n).capitalize(), parts=_separator().join(parts))


@dataclass(frozen=True)
class TransfersCityView:
    """What the Transfers page shows for one city of its selector."""

    received_sentence: str
    """The practices the city took up from others, in one sentence."""
    received_table: pd.DataFrame
    """Those practices, one row each."""
    given_sentence: str
    """The practices the city passed on to others, in one sentence."""
    given_table: pd.DataFrame
    """Those practices, one row each."""


def transfers_city_view(tables: Tables, filters: Filters, city: str) -> TransfersCityView:
    """What the Transfers page shows for one city of its selector, under the sidebar
    filters: the practices it took and gave, each in a sentence and a table.

    Built once per data load and choice (ui.data.cached_view) and shared by every
    session: callers must not modify it.
    """
    transfers = filter_transfers(tables.transfers, tables.actions, filters)
    name = tables.city_names()[city]
    return TransfersCityView(
        received_sentence=received_sentence(transfers, city, name),
        received_table=received_table(transfers, city),
        given_sentence=given_sentence(transfers, city, name),
        given_table=given_table(transfers, city),
    )
