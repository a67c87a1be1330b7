"""A population its source gives as approximate reads 'about' wherever it is shown, and so
does a budget per inhabitant worked out from it.

The mini fixture's Alphaville has 10,000 inhabitants (2023) and a €4,000 plan: €0.40 per
inhabitant. Here its population is marked approximate in a copy of the fixture.
"""

from __future__ import annotations

import yaml
from conftest import ROOT, run_page, titles

from analysis import budgets as b
from analysis import mycity, overview
from analysis.frames import build_tables
from figures import budgets as b_figures
from models import load_network
from models.records import city_records


def mark_approximate(data_dir) -> None:
    path = data_dir / "cities" / "alpha.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["population"]["approximate"] = True
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def tables_of(data_dir):
    network = load_network(data_dir)
    assert network.problems == []
    return network, build_tables(network)


def test_records_and_tables_carry_the_mark(data_dir):
    mark_approximate(data_dir)
    network, tables = tables_of(data_dir)
    alpha = next(r for r in city_records(network) if r["id"] == "alpha")
    assert (alpha["population"], alpha["population_approximate"], alpha["population_source"]) == (
        10000,
        True,
        "plan-a",
    )
    gamma = next(r for r in city_records(network) if r["id"] == "gamma")
    assert (gamma["population"], gamma["population_approximate"]) == (None, None)
    row = tables.cities.set_index("id").loc["alpha"]
    assert bool(row["population_approximate"]) is True


def test_overview_and_my_city_say_about(data_dir):
    mark_approximate(data_dir)
    _, tables = tables_of(data_dir)
    table = overview.completeness(tables.cities, tables.actions).set_index("City")
    assert table.loc["Alphaville", "Population"] == "about 10,000 (2023)"
    assert table.loc["Gamma", "Population"] == "unknown"
    known = mycity.completeness(tables, "alpha").set_index("Item")
    assert known.loc["Population", "In the data"] == "about 10,000"
    assert (
        mycity.completeness(tables, "gamma").set_index("Item").loc["Population", "In the data"] == "unknown"
    )


def test_an_exact_population_has_no_about(mini_network):
    tables = build_tables(mini_network)
    assert mycity.completeness(tables, "alpha").set_index("Item").loc["Population", "In the data"] == "10,000"
    by_city = b.budget_by_city(tables.actions, tables.cities)
    assert b.city_numbers(by_city).set_index("City").loc["Alphaville", "EUR per inhabitant"] == "€0.40"
    assert "'About'" not in b.figure_notes(tables.actions, by_city)["city"]


def test_budgets_per_inhabitant_say_about(data_dir):
    mark_approximate(data_dir)
    _, tables = tables_of(data_dir)
    by_city = b.budget_by_city(tables.actions, tables.cities)
    assert by_city.set_index("city").loc["alpha", "population_approximate"]
    assert not by_city.set_index("city").loc["gamma", "population_approximate"]  # unknown: not 'about'
    numbers = b.city_numbers(by_city).set_index("City")
    assert numbers.loc["Alphaville", "Population"] == "about 10,000 (2023)"
    assert numbers.loc["Alphaville", "EUR per inhabitant"] == "about €0.40"
    assert numbers.loc["Béta", "EUR per inhabitant"] == "unknown"

    fig = b_figures.city_figure(tables.actions, by_city, tables.vocabulary, per_inhabitant=True)
    assert fig.layout.title.text.replace("<br>", " ").startswith(
        "Alphaville's plan: about €0.40 per inhabitant over 2026–2027 (population about 10,000 in 2023)"
    )
    labels = {y for trace in fig.data if trace.type == "bar" for y in trace.y}
    assert labels == {"Alphaville (pop. about 10,000)"}
    words = {
        y: t
        for trace in fig.data
        if trace.type == "scatter"
        for y, t in zip(trace.y, trace.text, strict=True)
    }
    assert words["Alphaville (pop. about 10,000)"] == "about €0.40"
    assert (
        "'About' marks a population its source gives as approximate"
        in b.figure_notes(tables.actions, by_city)["city"]
    )


def test_budgets_page_says_about(monkeypatch, data_dir):
    mark_approximate(data_dir)
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    at = run_page(str(ROOT / "pages" / "budgets.py"), budgets_tab="Per city")
    at.toggle(key="budgets_per_inhabitant").set_value(True).run()
    assert not at.exception
    assert "about €0.40 per inhabitant over 2026–2027" in titles(at)[0]
