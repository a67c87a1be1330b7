"""analysis.transfers: tables, sentences and figures of the Transfers page.

Mini fixture (tests/fixtures/mini): Béta's walking group -> Alphaville's "Walks" (alpha-a2),
the outside "Neighbours' party" (Elsewhere (Outland)) -> Alphaville's "Observatory"
(alpha-a1); parallel group "Poster campaigns": alpha-t1 + beta-t1; Gamma has no action.
Exact expectations there. Real data: the transfers the final network article names
(../shared/domain.md, "Transfers"), whatever else the data may come to hold.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.frames import Filters, build_tables
from analysis.transfers import (
    NETWORK_GROUP,
    OUTSIDE_GROUP,
    filter_transfers,
    flow_numbers,
    flow_title,
    given_sentence,
    given_table,
    hover_text,
    matrix_numbers,
    matrix_title,
    outside_sentence,
    outside_table,
    parallel_groups,
    parallel_sentence,
    parallel_table,
    possessive,
    received_sentence,
    received_table,
    short_name,
    short_origin,
    transfer_matrix,
    transfers_city_view,
)
from figures.transfers import (
    INVISIBLE,
    NETWORK_LINK,
    OUTSIDE_LINK,
    flow_figure,
    matrix_figure,
    placed_nodes,
    transfers_view,
)
from words import and_list, number_word, plural


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


@pytest.fixture(scope="module")
def real(real_network):
    return build_tables(real_network)


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["practice"], frame["to_city"], strict=False))


def visible_links(fig: go.Figure) -> list[tuple[int, int, str, str]]:
    link = fig.data[0].link
    rows = zip(link.source, link.target, link.color, link.customdata, strict=False)
    return [r for r in rows if r[2] != INVISIBLE]


# --- text helpers ----------------------------------------------------------------------


def test_text_helpers():
    assert number_word(2) == "two" and number_word(0) == "no" and number_word(12) == "12"
    assert plural(1, "practice") == "1 practice" and plural(3, "city", "cities") == "3 cities"
    assert and_list([]) == "" and and_list(["a"]) == "a"
    assert and_list(["a", "b"]) == "a and b" and and_list(["a", "b", "c"]) == "a, b and c"
    assert possessive("Serres") == "Serres’" and possessive("Pombal") == "Pombal’s"
    assert short_origin("Heerlen (Netherlands), URBACT III Sib-Dev network") == "Heerlen (Netherlands)"
    assert short_origin("Brussels (Belgium)") == "Brussels (Belgium)"


def test_short_name_drops_asides_then_cuts():
    assert short_name("Day centre for older people (Centro de Día de Personas Mayores)") == (
        "Day centre for older people"
    )
    assert short_name("Tønder Nature School (Tøndermarskens Naturskole), nature as a way to socialise") == (
        "Tønder Nature School"
    )
    assert short_name("(only an aside)") == "(only an aside)"
    cut = short_name("one two three four five six seven eight nine ten", 20)
    assert cut.endswith("…") and len(cut) <= 20 and cut.startswith("one two three")


# --- filters ---------------------------------------------------------------------------


def test_filters_on_mini(mini):
    t = mini.transfers
    everything = filter_transfers(t, mini.actions, Filters())
    assert pairs(everything) == {("beta-walks", "alpha"), ("outside-party", "alpha")}
    # Giving OR receiving city.
    assert pairs(filter_transfers(t, mini.actions, Filters(cities=("beta",)))) == {("beta-walks", "alpha")}
    assert len(filter_transfers(t, mini.actions, Filters(cities=("alpha",)))) == 2
    assert filter_transfers(t, mini.actions, Filters(cities=("gamma",))).empty
    # Kind and intervention: of the adopting action (alpha-a1: identify+awareness, alpha-a2: help).
    assert filter_transfers(t, mini.actions, Filters(kinds=("testing_action",))).empty
    assert len(filter_transfers(t, mini.actions, Filters(kinds=("iap_action",)))) == 2
    helped = filter_transfers(t, mini.actions, Filters(interventions=("help",)))
    assert list(helped["to_action"]) == ["alpha-a2"]
    aware = filter_transfers(t, mini.actions, Filters(interventions=("awareness",)))
    assert list(aware["to_action"]) == ["alpha-a1"]
    assert filter_transfers(t, mini.actions, Filters(cities=("beta",), interventions=("awareness",))).empty


def test_filters_on_real_data(real):
    t, actions = real.transfers, real.actions
    fot = filter_transfers(t, actions, Filters(cities=("fot",)))
    assert {("skofja-loka-prostofer", "fot"), ("pombal-on-demand-transport", "fot")} <= pairs(fot)
    assert ((fot["from_city"] == "fot") | (fot["to_city"] == "fot")).all()
    assert len(fot) == int(((t["from_city"] == "fot") | (t["to_city"] == "fot")).sum())
    # Jumilla gives its day centre to Agen and Isernia: a filter on Jumilla keeps both.
    jumilla = filter_transfers(t, actions, Filters(cities=("jumilla",)))
    assert {("jumilla-day-centre", "agen"), ("jumilla-day-centre", "isernia")} <= pairs(jumilla)
    ideas = filter_transfers(t, actions, Filters(kinds=("idea",)))
    assert (ideas["to_action_kind"] == "idea").all()
    interventions = dict(zip(actions["id"], actions["interventions"], strict=False))
    for chosen in ("identify", "help", "awareness", "prevent"):
        kept = filter_transfers(t, actions, Filters(interventions=(chosen,)))
        expected = {a for a in t["to_action"] if chosen in interventions[a]}
        assert set(kept["to_action"]) == expected


# --- flow ------------------------------------------------------------------------------


def test_flow_on_mini(mini):
    t = mini.transfers
    assert flow_title(t) == "2 transfers: 1 between network cities, 1 from outside"
    assert flow_title(t.iloc[0:0]) == "No transfer matches the filters"
    assert flow_title(t[~t["outside_network"]]) == "1 transfer, between network cities"
    assert flow_title(t[t["outside_network"]]) == "1 transfer, from outside the network"
    assert flow_title(pd.concat([t, t])) == "4 transfers: 2 between network cities, 2 from outside"
    assert flow_title(pd.concat([t, t])[lambda f: f["outside_network"]]) == (
        "2 transfers, all from outside the network"
    )
    nodes = placed_nodes(t)
    assert list(nodes["column"]) == ["from", "from", "practice", "practice", "to", "to"]
    assert list(nodes["label"]) == [
        "Béta",
        "Elsewhere (Outland)",
        "Beta's walking group",
        "Neighbours' party",
        "Alphaville: Walks",
        "Alphaville: Observatory",
    ]
    assert list(nodes["transfers"]) == [1] * 6
    assert ((nodes["y"] > 0) & (nodes["y"] < 1)).all()
    # Each column goes top to bottom.
    for _, column in nodes.groupby("column"):
        assert column["y"].is_monotonic_increasing

    fig = flow_figure(t)
    sankey = fig.data[0]
    assert isinstance(sankey, go.Sankey)
    assert list(sankey.node.label[:6]) == list(nodes["label"])
    links = visible_links(fig)
    assert len(links) == 4  # two per transfer
    assert {(c, h) for _, _, c, h in links} == {
        (NETWORK_LINK, "Béta → Beta's walking group → Alphaville: Walks"),
        (OUTSIDE_LINK, "Elsewhere (Outland) → Neighbours' party → Alphaville: Observatory"),
    }
    labels = list(sankey.node.label)
    for source, target, _, hover in links:
        start, end = labels[source], labels[target]
        assert start.replace("<br>", " ") in hover or end.replace("<br>", " ") in hover
    assert (
        fig.layout.title.text.replace("<br>", " ") == "2 transfers: 1 between network cities, 1 from outside"
    )
    assert [tr.name for tr in fig.data[1:]] == ["From a network city", "From outside the network"]

    numbers = flow_numbers(t)
    assert list(numbers.columns) == [
        "From",
        "Origin",
        "Practice",
        "To city",
        "Adopting action",
        "Type of action",
        "Source",
    ]
    assert numbers.to_dict("records") == [
        {
            "From": "Béta",
            "Origin": NETWORK_GROUP,
            "Practice": "Beta's walking group",
            "To city": "Alphaville",
            "Adopting action": "Walks",
            "Type of action": "Plan action",
            "Source": "An article about the network",
        },
        {
            "From": "Elsewhere (Outland)",
            "Origin": OUTSIDE_GROUP,
            "Practice": "Neighbours' party",
            "To city": "Alphaville",
            "Adopting action": "Observatory",
            "Type of action": "Plan action",
            "Source": "An article about the network",
        },
    ]


def test_flow_with_nothing_to_show(mini):
    empty = mini.transfers.iloc[0:0]
    assert placed_nodes(empty).empty
    assert flow_numbers(empty).empty
    fig = flow_figure(empty)
    assert len(fig.data[0].node.label) == 0


def test_flow_escapes_markup(mini):
    t = mini.transfers.copy()
    t.loc[t.index[0], "practice_name"] = "<b>bold</b> & co"
    fig = flow_figure(t)
    text = " ".join(fig.data[0].node.label) + " ".join(fig.data[0].link.customdata)
    assert "<b>" not in text and "&lt;b&gt;bold&lt;/b&gt; &amp; co" in text


def test_flow_on_real_data(real):
    t = real.transfers
    n, outside = len(t), int(t["outside_network"].sum())
    assert outside >= 3  # Fête des voisins, Brussels, Heerlen
    title = flow_title(t)
    assert title.startswith(f"{n} transfers: {n - outside} between network cities, {outside} from outside")
    reach = t.groupby("practice")["to_city"].nunique()
    assert reach["jumilla-day-centre"] >= 2  # Agen and Isernia
    if (reach == reach.max()).sum() == 1 and reach.idxmax() == "jumilla-day-centre":
        assert f"Day centre for older people (Jumilla) inspired {number_word(reach.max())} cities" in title
    fig = flow_figure(t)
    links = visible_links(fig)
    assert len(links) == 2 * n
    hovers = {h for *_, h in links}
    assert (
        'Škofja Loka → Prostofer volunteer "solidarity taxi" → Fót: '
        + t.loc[t["practice"] == "skofja-loka-prostofer", "to_action_title"].iloc[0]
        in hovers
    )
    for _, row in t.iterrows():
        colour = OUTSIDE_LINK if row["outside_network"] else NETWORK_LINK
        assert sum(1 for *_, c, h in links if h == hover_text(row) and c == colour) >= 2
    nodes = placed_nodes(t)
    assert set(nodes.loc[nodes["column"] == "from", "label"]) >= {
        "Jumilla",
        "Pombal",
        "Škofja Loka",
        "Tønder",
        "Brussels (Belgium)",
        "Heerlen (Netherlands)",
    }
    assert set(nodes.loc[nodes["column"] == "practice", "key"]) == set(t["practice"])
    assert set(nodes.loc[nodes["column"] == "to", "key"]) == set(t["to_action"])


# --- matrix ----------------------------------------------------------------------------


def test_matrix_on_mini(mini):
    t = mini.transfers
    m = transfer_matrix(t, mini.cities)
    assert list(m.columns) == ["From", "Origin", "Alphaville", "Béta", "Gamma"]
    assert list(m["From"]) == ["Alphaville", "Béta", "Gamma", "Elsewhere (Outland)"]
    assert list(m["Origin"]) == [NETWORK_GROUP] * 3 + [OUTSIDE_GROUP]
    cells = {
        (row["From"], city): row[city]
        for _, row in m.iterrows()
        for city in ("Alphaville", "Béta", "Gamma")
        if not pd.isna(row[city])
    }
    assert cells == {("Béta", "Alphaville"): 1, ("Elsewhere (Outland)", "Alphaville"): 1}
    assert str(m["Gamma"].dtype) == "Int64"
    numbers = matrix_numbers(m)
    assert numbers.loc[1, "Alphaville"] == "1" and numbers.loc[0, "Alphaville"] == ""
    assert list(numbers.columns[:2]) == ["Passed on by", "Origin"]
    assert matrix_title(t) == (
        "Alphaville took up the most: 2 transfers from 1 city and 1 origin outside the network; "
        "Béta passed on the most (1 transfer)"
    )
    assert matrix_title(t[t["outside_network"]]) == (
        "Alphaville took up the most: 1 transfer from 1 origin outside the network"
    )
    three = pd.concat([t.assign(from_label=name, from_city=name.lower()) for name in ("A", "B", "C")])
    three["outside_network"] = False
    assert matrix_title(three).endswith("; three cities each passed on 2 transfers")
    assert matrix_title(three[three["from_label"] != "C"]).endswith(
        "; A and B each passed on the most (2 transfers)"
    )
    fig = matrix_figure(m, t)
    heat = fig.data[0]
    assert isinstance(heat, go.Heatmap)
    # Cells at positions, named by the axes' tick labels.
    assert list(fig.layout.yaxis.ticktext) == ["Alphaville", "Béta", "Gamma", "Elsewhere (Outland)"]
    assert list(fig.layout.xaxis.ticktext) == ["Alphaville", "Béta", "Gamma"]
    assert list(heat.x) == ["Alphaville", "Béta", "Gamma"]
    assert list(heat.y) == ["Alphaville", "Béta", "Gamma", "Elsewhere (Outland)"]
    # Blank, not zero: empty cells are None and the colour scale starts at 1.
    cells = [[None if v != v else int(v) for v in row] for row in heat.z]  # NaN: a blank cell
    assert cells == [
        [None, None, None],
        [1, None, None],
        [None, None, None],
        [1, None, None],
    ]
    assert heat.zmin == 1 and heat.hoverongaps is False
    assert any("outside the network" in a.text for a in fig.layout.annotations)


def test_matrix_keeps_cities_that_share_a_name_apart(mini):
    # Béta and Alphaville both called "Same": two rows, two columns, counts not merged.
    cities = mini.cities.assign(name=mini.cities["name"].replace({"Béta": "Same", "Alphaville": "Same"}))
    t = mini.transfers.assign(
        to_city_name=mini.transfers["to_city_name"].replace({"Alphaville": "Same"}),
        from_label=mini.transfers["from_label"].replace({"Béta": "Same"}),
    )
    m = transfer_matrix(t, cities)
    assert list(m.columns) == ["From", "Origin", "Same (alpha)", "Same (beta)", "Gamma"]
    assert list(m["From"]) == ["Same (alpha)", "Same (beta)", "Gamma", "Elsewhere (Outland)"]
    assert m.loc[1, "Same (alpha)"] == 1 and pd.isna(m.loc[0, "Same (alpha)"])
    assert list(matrix_numbers(m).columns[2:]) == ["Same (alpha)", "Same (beta)", "Gamma"]
    assert matrix_title(t).startswith("Same (alpha) took up the most: 2 transfers")
    fig = matrix_figure(m, t)
    assert list(fig.layout.xaxis.ticktext) == ["Same (alpha)", "Same (beta)", "Gamma"]
    assert fig.data[0].z.shape == (4, 3)


def test_matrix_axes_cut_long_names_but_keep_them_apart(mini):
    long_a, long_b = "A" * 150 + " one", "A" * 150 + " two"
    cities = mini.cities.assign(name=[long_a, long_b, "Gamma"])
    t = mini.transfers.assign(
        to_city_name=long_a, from_label=mini.transfers["from_label"].replace({"Béta": long_b})
    )
    fig = matrix_figure(transfer_matrix(t, cities), t)
    ticks = list(fig.layout.xaxis.ticktext)
    assert all(len(tick) <= 40 for tick in ticks) and ticks[0] == ticks[1]  # cut alike...
    assert len(set(fig.data[0].x)) == 3  # ...yet three columns
    assert fig.data[0].y[1] == long_b  # whole in the hover


def test_matrix_without_transfers(mini):
    empty = mini.transfers.iloc[0:0]
    m = transfer_matrix(empty, mini.cities)
    assert list(m["From"]) == ["Alphaville", "Béta", "Gamma"]
    assert m[["Alphaville", "Béta", "Gamma"]].isna().all().all()
    assert matrix_title(empty) == "No transfer matches the filters"
    fig = matrix_figure(m, empty)
    assert not fig.layout.annotations


def test_matrix_on_real_data(real):
    t = real.transfers
    m = transfer_matrix(t, real.cities).set_index("From")
    # The transfers the final network article names.
    for giver, receiver in [
        ("Škofja Loka", "Fót"),
        ("Pombal", "Fót"),
        ("Jumilla", "Isernia"),
        ("Jumilla", "Agen"),
        ("Tønder", "Isernia"),
        ("Pombal", "Isernia"),
        ("Brussels (Belgium)", "Škofja Loka"),
        ("Heerlen (Netherlands)", "Pombal"),
    ]:
        assert m.loc[giver, receiver] >= 1, (giver, receiver)
    assert m.loc["France (national Fête des voisins)", "Serres"] >= 1
    outside_rows = m.index[m["Origin"] == OUTSIDE_GROUP]
    assert {"Brussels (Belgium)", "Heerlen (Netherlands)"} <= set(outside_rows)
    counts = m.drop(columns="Origin")
    values = counts.stack()  # NA cells are dropped
    assert (values > 0).all()  # no zero cells: empty is blank
    assert int(values.sum()) == len(t)
    for name in real.cities["name"]:
        assert pd.isna(m.loc[name, name])  # no city learns from itself
    title = matrix_title(t)
    top = t.groupby("to_city_name").size()
    if (top == top.max()).sum() == 1:
        assert title.startswith(f"{top.idxmax()} took up the most: {top.max()} transfers")


# --- one city ------------------------------------------------------------------------


def test_city_lists_on_mini(mini):
    t = mini.transfers
    taken = received_table(t, "alpha")
    assert list(taken.columns) == [
        "Practice",
        "From",
        "Into action",
        "Type of action",
        "Source link",
        "Source",
    ]
    assert taken[["Practice", "From", "Into action", "Type of action"]].to_dict("records") == [
        {
            "Practice": "Neighbours' party",
            "From": "Elsewhere (Outland)",
            "Into action": "Observatory",
            "Type of action": "Plan action",
        },
        {
            "Practice": "Beta's walking group",
            "From": "Béta",
            "Into action": "Walks",
            "Type of action": "Plan action",
        },
    ]
    assert set(taken["Source link"]) == {"https://example.org/article"}
    assert received_sentence(t, "alpha", "Alphaville") == (
        "Alphaville took up 2 practices: Neighbours' party from Elsewhere (Outland) into the plan action "
        "“Observatory”; Beta's walking group from Béta into the plan action “Walks”."
    )
    given = given_table(t, "beta")
    assert given[["Practice", "Taken by", "Into action"]].to_dict("records") == [
        {"Practice": "Beta's walking group", "Taken by": "Alphaville", "Into action": "Walks"}
    ]
    assert (
        given_sentence(t, "beta", "Béta")
        == "Béta passed on 1 practice to 1 city: Beta's walking group to Alphaville."
    )
    assert received_table(t, "beta").empty and given_table(t, "alpha").empty
    # A city with no action and no transfer at all.
    assert received_table(t, "gamma").empty and given_table(t, "gamma").empty
    assert received_sentence(t, "gamma", "Gamma") == (
        "Gamma took up no practice from another city or from outside the network (none recorded)."
    )
    assert (
        given_sentence(t, "gamma", "Gamma") == "No other city took up a practice from Gamma (none recorded)."
    )


def test_two_practices_into_one_action_read_both(mini):
    t = mini.transfers.copy()
    t["to_action"] = "alpha-a2"
    t["to_action_title"] = "Walks"
    assert received_sentence(t, "alpha", "Alphaville") == (
        "Alphaville took up 2 practices: Beta's walking group from Béta and Neighbours' party from "
        "Elsewhere (Outland), both into the plan action “Walks”."
    )


def test_fot_took_prostofer_and_on_demand_transport(real):
    t, practices = real.transfers, real.practices.set_index("id")
    taken = received_table(t, "fot")
    prostofer = practices.loc["skofja-loka-prostofer", "name"]
    on_demand = practices.loc["pombal-on-demand-transport", "name"]
    rows = taken.set_index("Practice")
    assert rows.loc[prostofer, "From"] == "Škofja Loka"
    assert rows.loc[on_demand, "From"] == "Pombal"
    assert rows.loc[prostofer, "Type of action"] == rows.loc[on_demand, "Type of action"] == "Plan action"
    sentence = received_sentence(t, "fot", "Fót")
    assert sentence.startswith(
        f"Fót took up {t.loc[t['to_city'] == 'fot', 'practice'].nunique()} practices: "
    )
    assert f"{short_name(prostofer, 60)} from Škofja Loka" in sentence
    assert f"{short_name(on_demand, 60)} from Pombal" in sentence
    # Both into the same action of Fót's plan (the article: "→ Fót's IAP").
    fot = t[
        (t["to_city"] == "fot") & t["practice"].isin(["skofja-loka-prostofer", "pombal-on-demand-transport"])
    ]
    if fot["to_action"].nunique() == 1 and (t["to_city"] == "fot").sum() == 2:
        assert sentence.endswith(f", both into the plan action “{fot['to_action_title'].iloc[0]}”.")


@pytest.mark.parametrize(
    ("city", "name", "practice", "origin"),
    [
        ("serres", "Serres", "fete-des-voisins", "France"),
        ("isernia", "Isernia", "jumilla-day-centre", "Jumilla"),
        ("isernia", "Isernia", "tonder-nature-school", "Tønder"),
        ("isernia", "Isernia", "pombal-sports-for-all", "Pombal"),
        ("agen", "Agen", "jumilla-day-centre", "Jumilla"),
        ("skofja-loka", "Škofja Loka", "brussels-culture-on-prescription", "Brussels"),
        ("pombal", "Pombal", "heerlen-social-prescribing", "Heerlen"),
    ],
)
def test_named_transfers_read_in_each_city(real, city, name, practice, origin):
    t = real.transfers
    practice_name = real.practices.set_index("id").loc[practice, "name"]
    taken = received_table(t, city)
    row = taken[taken["Practice"] == practice_name]
    assert len(row) >= 1 and row["From"].iloc[0].startswith(origin)
    assert row["Source"].notna().all()
    sentence = received_sentence(t, city, name)
    assert sentence.startswith(f"{name} took ")
    assert f"{short_name(practice_name, 60)} from {origin}" in sentence
    giver = t.loc[t["practice"] == practice, "from_city"].iloc[0]
    if isinstance(giver, str):  # a network city: it shows the practice as given
        given = given_table(t, giver)
        assert name in set(given.loc[given["Practice"] == practice_name, "Taken by"])


def test_isernia_thematic_days_took_nature_school_and_sports_for_all(real):
    t = real.transfers.set_index(["practice", "to_city"])
    nature = t.loc[("tonder-nature-school", "isernia"), "to_action"]
    sports = t.loc[("pombal-sports-for-all", "isernia"), "to_action"]
    assert nature == sports  # both into the thematic socialisation days


def test_jumilla_gave_its_day_centre_to_agen_and_isernia(real):
    sentence = given_sentence(real.transfers, "jumilla", "Jumilla")
    assert sentence.startswith("Jumilla passed on ")
    assert "Day centre for older people to Agen and Isernia" in sentence


# --- outside the network -------------------------------------------------------------


def test_outside_on_mini(mini):
    t = mini.transfers
    table = outside_table(t, mini.practices)
    assert list(table.columns) == [
        "Practice",
        "From",
        "Taken by",
        "Into action",
        "Type of action",
        "Source link",
        "Source",
        "What it is",
    ]
    assert table.drop(columns=["Source link", "Source"]).to_dict("records") == [
        {
            "Practice": "Neighbours' party",
            "From": "Elsewhere (Outland)",
            "Taken by": "Alphaville",
            "Into action": "Observatory",
            "Type of action": "Plan action",
            "What it is": "A yearly street party.",
        }
    ]
    assert outside_sentence(t) == (
        "1 practice came from outside the network: Neighbours' party from Elsewhere (Outland) "
        "into “Observatory” (Alphaville)."
    )
    network_only = t[~t["outside_network"]]
    assert outside_table(network_only, mini.practices).empty
    assert (
        outside_sentence(network_only)
        == "No practice from outside the network is recorded for this selection."
    )


def test_outside_on_real_data(real):
    table = outside_table(real.transfers, real.practices)
    taken = set(zip(table["From"].map(short_origin), table["Taken by"], strict=False))
    assert {
        ("France (national Fête des voisins)", "Serres"),
        ("Brussels (Belgium)", "Škofja Loka"),
        ("Heerlen (Netherlands)", "Pombal"),
    } <= taken
    assert table["What it is"].notna().all()
    sentence = outside_sentence(real.transfers)
    assert "” (Serres)" in sentence and "” (Pombal)" in sentence


# --- side by side ----------------------------------------------------------------------


def test_parallel_on_mini(mini):
    groups = parallel_groups(mini.parallel_testing, mini.actions, Filters())
    assert [g["id"] for g in groups] == ["posters"]
    table = parallel_table(groups, mini.actions)
    assert table[["Theme", "City", "Action", "Type of action"]].to_dict("records") == [
        {
            "Theme": "Poster campaigns",
            "City": "Alphaville",
            "Action": "Focus group",
            "Type of action": "Testing action",
        },
        {
            "Theme": "Poster campaigns",
            "City": "Béta",
            "Action": "Posters",
            "Type of action": "Testing action",
        },
    ]
    assert set(table["Source link"]) == {"https://example.org/article"}
    assert (
        parallel_sentence(groups)
        == "One theme was tested side by side: Poster campaigns in Alphaville and Béta."
    )
    # Filters: kept when any of its actions passes every filter.
    assert parallel_groups(mini.parallel_testing, mini.actions, Filters(cities=("beta",))) == groups
    assert parallel_groups(mini.parallel_testing, mini.actions, Filters(cities=("gamma",))) == []
    assert parallel_groups(mini.parallel_testing, mini.actions, Filters(kinds=("idea",))) == []
    assert (
        parallel_groups(mini.parallel_testing, mini.actions, Filters(interventions=("awareness",))) == groups
    )
    assert parallel_sentence([]) == (
        "No testing actions run side by side in several cities are recorded for this selection."
    )
    assert parallel_table([], mini.actions).empty


def test_parallel_on_real_data(real):
    groups = parallel_groups(real.parallel_testing, real.actions, Filters())
    cities = [{a["city_name"] for a in g["actions"]} for g in groups]
    assert {"Jumilla", "Roman", "Fót"} in cities  # communication campaigns
    assert {"Serres", "Fót"} in cities  # neighbourhood festivities
    table = parallel_table(groups, real.actions)
    assert len(table) == sum(len(g["actions"]) for g in groups)
    assert table["Type of action"].isin(["Plan action", "Testing action", "Idea (not funded)"]).all()
    sentence = parallel_sentence(groups)
    assert "in Jumilla, Roman and Fót" in sentence and "in Serres and Fót" in sentence
    roman = parallel_groups(real.parallel_testing, real.actions, Filters(cities=("roman",)))
    assert all(any(a["city"] == "roman" for a in g["actions"]) for g in roman) and roman


# --- the page's views: the pieces above, bundled ---------------------------------------------

VIEW_FILTERS = [
    Filters(),
    Filters(cities=("beta",)),
    Filters(kinds=("testing_action",)),
    Filters(interventions=("awareness",), cities=("alpha", "gamma")),
]


def same_figure(a: go.Figure, b: go.Figure) -> bool:
    return a.to_plotly_json() == b.to_plotly_json()


@pytest.mark.parametrize("filters", VIEW_FILTERS)
def test_transfers_view_bundles_the_pieces(mini, filters):
    view = transfers_view(mini, filters)
    t = filter_transfers(mini.transfers, mini.actions, filters)
    pd.testing.assert_frame_equal(view.transfers, t)
    if t.empty:
        assert view.flow is None and view.matrix is None
    else:
        fig, numbers = view.flow.figure, view.flow.numbers
        assert same_figure(fig, flow_figure(t))
        pd.testing.assert_frame_equal(numbers, flow_numbers(t))
        matrix = transfer_matrix(t, mini.cities)
        fig, numbers = view.matrix.figure, view.matrix.numbers
        assert same_figure(fig, matrix_figure(matrix, t))
        pd.testing.assert_frame_equal(numbers, matrix_numbers(matrix))
    assert view.outside.sentence == outside_sentence(t)
    pd.testing.assert_frame_equal(view.outside.table, outside_table(t, mini.practices))
    groups = parallel_groups(mini.parallel_testing, mini.actions, filters)
    assert view.parallel.sentence == parallel_sentence(groups)
    if groups:
        pd.testing.assert_frame_equal(view.parallel.table, parallel_table(groups, mini.actions))
    else:
        assert view.parallel.table is None


@pytest.mark.parametrize("city", ["alpha", "beta", "gamma"])
@pytest.mark.parametrize("filters", VIEW_FILTERS)
def test_transfers_city_view_bundles_the_pieces(mini, filters, city):
    view = transfers_city_view(mini, filters, city)
    t = filter_transfers(mini.transfers, mini.actions, filters)
    name = mini.city_names()[city]
    assert view.received_sentence == received_sentence(t, city, name)
    pd.testing.assert_frame_equal(view.received_table, received_table(t, city))
    assert view.given_sentence == given_sentence(t, city, name)
    pd.testing.assert_frame_equal(view.given_table, given_table(t, city))


def test_outside_without_any_transfer_column_typed(mini):
    # A network without city files: the transfers table has its columns but no typed values.
    from analysis.frames import TRANSFER_COLUMNS

    empty = pd.DataFrame(columns=TRANSFER_COLUMNS)
    assert outside_sentence(empty) == "No practice from outside the network is recorded for this selection."
    assert outside_table(empty, mini.practices).empty
    view = transfers_view(mini, Filters(cities=("gamma",)))
    assert view.flow is None and view.outside.table.empty
