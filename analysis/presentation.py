"""The sequence a presenter shows at a Transnational Meeting: the network at a glance,
coverage, gaps, budgets, transfers, then one view per city: the steps and what each view says
(`findings`: finding, numbers, sentences, sources). figures/presentation.py draws each view's
figure beside them; the presentation page and the HTML report show both, the PowerPoint deck
reads the findings alone (its charts are PowerPoint's own).

A sequence is written as steps: "glance", "coverage", "gaps", "budgets", "transfers" and
"city:<id>" (e.g. "city:fot"); the page keeps the chosen views and cities in its address.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from analysis import budgets, coverage, overview, progress, transfers
from analysis import gaps as gap
from analysis.frames import Filters, Tables, plan_actions
from analysis.known import CELL_KEY, GAP, NOT_KNOWN, Basis, legend_sentence
from models.knowledge import BROKEN
from words import euros, number
from words.i18n import N_, _, ngettext

# Written at import: the views' headings, marked for the catalog and shown through `_()`
# (`step_label`; the keys are the ids an address and the deck command use).
VIEWS = {
    "glance": N_("The network at a glance"),
    "coverage": N_("Coverage of the model"),
    "gaps": N_("Coverage per city: gaps and what is not known"),
    "budgets": N_("Budgets"),
    "transfers": N_("Transfers of practice"),
    "progress": N_("Progress against targets"),
}

CITY_PREFIX = "city:"


def steps(
    views: list[str] | tuple[str, ...], cities: list[str] | tuple[str, ...], tables: Tables
) -> list[str]:
    """The sequence for the chosen views (in the model order above) and cities (in their
    given order); unknown names are left out, so an old address still opens."""
    known = set(tables.cities["id"])
    chosen = [v for v in VIEWS if v in set(views)]
    return chosen + [CITY_PREFIX + c for c in dict.fromkeys(cities) if c in known]


def city_of(step: str) -> str | None:
    return step[len(CITY_PREFIX) :] if step.startswith(CITY_PREFIX) else None


def step_label(step: str, tables: Tables) -> str:
    """'Coverage of the model', or the city's name."""
    city = city_of(step)
    if city is None:
        return _(VIEWS[step])
    return tables.city_names().get(city, city)


def cell_key_sentence() -> str:
    """What "gap" and "not known" mean, said under every grid."""
    return _(CELL_KEY)


def budget_words(by_city: pd.DataFrame, entered: bool = True) -> list[str]:
    """A city's money in one sentence: known, partly known or unknown (never €0); for a plan
    not entered, that its budget is not known."""
    lines = []
    for row in by_city.itertuples():
        if row.status == "known":
            lines.append(
                _("Plan budget: {amount}, known for every plan action.").format(
                    amount=euros(float(row.total))
                )
            )
        elif row.status == "partly known":
            lines.append(
                _(
                    "Plan budget: {amount} known for {known} of {total} plan actions; the others are unknown."
                ).format(amount=euros(float(row.total)), known=row.known, total=row.plan_actions)
            )
        elif row.status == "unknown":
            n = int(row.plan_actions)
            lines.append(
                ngettext(
                    "Plan budget unknown ({n} plan action).", "Plan budget unknown ({n} plan actions).", n
                ).format(n=number(n))
            )
        elif entered:
            lines.append(_("No plan action recorded."))
        else:
            lines.append(_("Plan budget not known: the plan is not entered."))
    return lines


def cited(actions: pd.DataFrame, moved: pd.DataFrame) -> list[dict]:
    """The sources the given actions and transfers cite, deduplicated, most cited first."""
    return cited_sources(actions, moved)


def sources_text(sources: list[dict]) -> str:
    """Sources as plain lines for slide notes: 'Title — address'."""
    if not sources:
        return _("Sources: none (nothing is shown).")
    lines = [_("Sources:")]
    for source in sources:
        address = source.get("address") or _("address not recorded")
        lines.append(f"- {source['title']} — {address}")
    return "\n".join(lines)


def cited_sources(actions: pd.DataFrame, moved: pd.DataFrame) -> list[dict]:
    """[{id, title, address, citations}] of the sources cited by the actions and transfers,
    deduplicated, most cited first (then by title)."""
    counts: Counter = Counter()
    known: dict[str, dict] = {}
    for source in [s for cited in actions["sources"] for s in cited] + list(moved["source"]):
        if not source:
            continue
        key = source.get("id") or source.get("address") or source.get("title")
        counts[key] += 1
        known.setdefault(key, source)
    ordered = sorted(counts, key=lambda k: (-counts[k], str(known[k].get("title") or k).casefold()))
    return [
        {
            "id": key,
            "title": str(known[key].get("title") or key),
            "address": known[key].get("address") or "",
            "citations": counts[key],
        }
        for key in ordered
    ]


# The glance's headline numbers, as cards: (key of analysis.overview.headline, label).
CARDS = (
    ("cities", N_("cities")),
    ("plan_actions", N_("plan actions")),
    ("testing_actions", N_("testing actions")),
    ("ideas", N_("ideas (not funded)")),
    ("transfers", N_("transfers of practice")),
)


@dataclass(frozen=True)
class Findings:
    """What one view of the presentation says, without drawing it, and the tables its figure
    is drawn from (each None, or empty, where the view has none)."""

    heading: str
    """What the view is ("The network at a glance", or the city's name)."""
    title: str
    """The view's finding, plain text."""
    numbers: pd.DataFrame | None
    """The table behind the finding (None when nothing can be shown)."""
    lines: list[str]
    """The sentences said beside it."""
    sources: list[dict]
    """The sources cited ({id, title, address, citations}), most cited first."""
    name: str
    """A file name stem for its downloads."""
    chart_title: str | None = None
    """The chart's own title where it is not the view's (the glance's)."""
    cards: list[tuple] = field(default_factory=list)
    """The headline numbers shown as cards: (value, label)."""
    legend: str | None = None
    """The sentence explaining the marks of what is known of each plan."""
    counts: pd.DataFrame | None = None
    """Plan actions per intervention (the glance's chart)."""
    grid: pd.DataFrame | None = None
    """The interventions x support levels grid (coverage, a city's view)."""
    matrix: pd.DataFrame | None = None
    """The cities x interventions matrix (gaps)."""
    by_city: pd.DataFrame | None = None
    """The budgets summed per city (budgets)."""
    moved: pd.DataFrame | None = None
    """The transfers of practice (transfers)."""
    shares: pd.DataFrame | None = None
    """The share of indicators on track per intervention (progress)."""
    day: dt.date | None = None
    """The day the progress view is for."""
    intervention_counts: pd.DataFrame | None = None
    """The city's plan actions per intervention (a city's view)."""


def findings(tables: Tables, step: str, today: dt.date | None = None) -> Findings:
    """What one view of the sequence says, without drawing it: `heading` (what it is),
    `title` (the finding, plain text), `numbers` (the table behind it, or None), `lines`
    (sentences said beside it), `sources` ([{title, address}], most cited first), `name` (a
    file name stem for its downloads), and the tables its figure is drawn from (`grid`,
    `matrix`, `by_city`, `moved`, `shares`). figures/presentation.py draws the figure; the
    deck reads these alone.

    Network views cover every city; a city view covers that city. `today` is the day the
    progress view is for (the real day by default)."""
    city = city_of(step)
    if city is not None:
        return _city_findings(tables, city)
    return {
        "glance": _glance,
        "coverage": _coverage,
        "gaps": _gaps,
        "budgets": _budgets,
        "transfers": _transfers,
        "progress": lambda t: _progress(t, today),
    }[step](tables)


def _glance(tables: Tables) -> Findings:
    said = overview.glance(tables, Filters())
    numbers = said.numbers
    counts = overview.intervention_counts(tables.actions, tables)
    n = numbers["cities"]
    title = _(
        "{n} cities, {actions} plan actions recorded; IAP documents entered for {entered} of {n}"
    ).format(n=n, actions=numbers["plan_actions"], entered=numbers["plans_entered"])
    return Findings(
        heading=_(VIEWS["glance"]),
        title=title,
        chart_title=overview.interventions_finding(counts, Basis.of(tables.cities)),
        numbers=counts.drop(columns="id"),
        counts=counts,
        cards=[(numbers[key], _(label)) for key, label in CARDS],
        lines=[
            _("Money reported: {money}").format(money=said.money),
            _("For the cities whose plan is not entered, the actions come from the network's articles."),
        ],
        legend=legend_sentence(tables.cities),
        sources=cited(tables.actions, tables.transfers),
        name="network-at-a-glance",
    )


def _coverage(tables: Tables) -> Findings:
    counted = coverage.counted_actions(tables.actions, Filters())
    cells = coverage.model_cells(counted)
    basis = Basis.of(tables.cities)
    table = coverage.grid(cells, tables.vocabulary, coverage.LEVEL, basis=basis)
    title = coverage.levels_finding(table, basis=basis)
    return Findings(
        heading=_(VIEWS["coverage"]),
        title=title,
        numbers=coverage.grid_numbers(table, coverage.LEVEL),
        grid=table,
        lines=[
            coverage.intensive_answer(cells, tables.vocabulary, basis=basis),
            _(
                "Number of plan actions in each cell ({n} plan actions; testing actions and ideas "
                "left out). An action covers every cell of its interventions at its support level."
            ).format(n=len(counted))
            + " "
            + _(cell_key_sentence()),
        ],
        sources=cited(counted, tables.transfers.iloc[0:0]),
        name="coverage-interventions-by-support-level",
    )


def _gaps(tables: Tables) -> Findings:
    counted = coverage.counted_actions(tables.actions, Filters())
    matrix = coverage.city_matrix(counted, tables.cities, tables.vocabulary)
    title = coverage.matrix_finding(matrix)
    gaps = int((matrix["state"] == GAP).sum())
    unknown = int((matrix["state"] == NOT_KNOWN).sum())
    entered = matrix.loc[matrix["state"] == GAP, "city"].nunique()
    basis = Basis.of(tables.cities)
    return Findings(
        heading=_(VIEWS["gaps"]),
        title=title,
        numbers=coverage.matrix_numbers(matrix),
        matrix=matrix,
        lines=[
            (
                ngettext(
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan ({n} city); "
                    "{unknown} are not known yet (no known plan action, plan not entered).",
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan ({n} cities); "
                    "{unknown} are not known yet (no known plan action, plan not entered).",
                    entered,
                )
                if gaps
                else _(
                    "{gaps} of {cells} city × intervention cells are gaps of an entered plan; "
                    "{unknown} are not known yet (no known plan action, plan not entered)."
                )
            ).format(gaps=gaps, cells=len(matrix), n=number(entered), unknown=unknown),
            basis.rests_on(),
        ],
        legend=legend_sentence(tables.cities),
        sources=cited(counted, tables.transfers.iloc[0:0]),
        name="gaps-cities-by-intervention",
    )


def _budgets(tables: Tables) -> Findings:
    actions = tables.actions
    by_city = budgets.budget_by_city(actions, tables.cities)
    plan = plan_actions(actions)
    return Findings(
        heading=_(VIEWS["budgets"]),
        title=budgets.largest_budget_finding(actions, by_city),
        numbers=budgets.city_numbers(by_city),
        by_city=by_city,
        lines=[budgets.coverage_sentence(by_city)],
        sources=cited(plan, tables.transfers.iloc[0:0]),
        name="budgets-per-city",
    )


def _transfers(tables: Tables) -> Findings:
    moved = tables.transfers
    return Findings(
        heading=_(VIEWS["transfers"]),
        title=transfers.flow_title(moved),
        numbers=transfers.flow_numbers(moved),
        moved=moved,
        lines=[transfers.outside_sentence(moved)],
        sources=cited(tables.actions.iloc[0:0], moved),
        name="transfers-of-practice",
    )


def _city_findings(tables: Tables, city: str) -> Findings:
    name = tables.city_names()[city]
    row = tables.cities[tables.cities["id"] == city].iloc[0]
    mine = tables.actions[tables.actions["city"] == city]
    moved = tables.transfers[(tables.transfers["to_city"] == city) | (tables.transfers["from_city"] == city)]
    if row["knowledge"] == BROKEN:
        return Findings(
            heading=name,
            title=_("{city}: its data file has a problem, so nothing is shown of its plan").format(city=name),
            numbers=None,
            grid=None,
            intervention_counts=overview.intervention_counts(mine, tables),
            lines=[
                _("The file {file} could not be read: {problem}").format(
                    file=row["file"], problem=row["file_problem"]
                ),
                _("The city stays in the sequence; its view fills in again once the file is fixed."),
                transfers.received_sentence(moved, city, name),
                transfers.given_sentence(moved, city, name),
            ],
            sources=cited(mine, moved),
            name=f"city-{city}",
        )
    only = Filters(cities=(city,))
    counted = coverage.counted_actions(tables.actions, only)
    basis = Basis.of(tables.cities, [city])
    table = coverage.grid(coverage.model_cells(counted), tables.vocabulary, coverage.LEVEL, basis=basis)
    by_city = budgets.budget_by_city(mine, tables.cities[tables.cities["id"] == city])
    plan = (
        _("IAP document entered.")
        if bool(row["iap_entered"])
        else _("IAP document not yet entered: actions from the network's articles.")
    )
    found = gap.city_cells(tables, city)
    return Findings(
        heading=name,
        title=coverage.levels_finding(table, city_name=name, basis=basis),
        numbers=coverage.grid_numbers(table, coverage.LEVEL),
        grid=table,
        intervention_counts=overview.intervention_counts(mine, tables),
        lines=[
            plan,
            gap.summary(found, tables, name, coverage.LEVEL),
            transfers.received_sentence(moved, city, name),
            transfers.given_sentence(moved, city, name),
            *budget_words(by_city, bool(row["iap_entered"])),
        ],
        sources=cited(mine, moved),
        name=f"city-{city}",
    )


def _progress(tables: Tables, today: dt.date | None = None) -> Findings:
    """The plans' indicators against their targets on `today` (the real day by default)."""
    today = today or dt.date.today()
    table = progress.indicator_table(tables, today, None)
    shares = progress.share_on_track(table, tables)
    plan = plan_actions(tables.actions)
    with_indicators = plan[plan["indicators"].map(bool).astype(bool)]  # an empty mask must stay a mask
    return Findings(
        heading=_(VIEWS["progress"]),
        title=progress.share_title(shares, today),
        numbers=shares.drop(columns=["intervention"]),
        shares=shares,
        day=today,
        lines=[
            progress.summary(table, today),
            _(
                "Indicators are entered for {n} of {cities} cities; "
                "statuses rest only on the values the cities record."
            ).format(n=with_indicators["city"].nunique(), cities=len(tables.cities)),
        ],
        sources=cited(with_indicators, tables.transfers.iloc[0:0]),
        name="progress-against-targets",
    )
