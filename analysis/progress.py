"""Following the plans: indicators against their targets, as of a given day.

Plain functions (no streamlit). "Today" is always a parameter, so every view can be
checked on a fixed date.

How a status is worked out (the page says so in words):
- An action runs from 1 January of its start year to 31 December of its end year.
- `plan` targets are totals over the action's years: the latest reported value is the
  total so far; it is compared with the share of the target due by today (linear in time).
- `per_year` targets count each calendar year: the latest report of the current year is
  compared with the share of the year's target due by today.
- `per_event` targets hold for each event or measurement (participants per event, share
  satisfied): the latest value is compared with the target itself.
Statuses: "achieved", "on track", "behind", "not reached" (the action has ended below its
target), "no report yet", "not started" (before the action starts), "no numeric target".
"""

from __future__ import annotations

import datetime
import math

import pandas as pd

from analysis.frames import Tables, plan_actions
from words import day as date_text
from words import is_known, number
from words.i18n import N_, _, ngettext

ON_TRACK = ("achieved", "on track")

# A status's words for people (the code keeps the English keys above); translated where shown.
STATUS_LABELS = {
    "achieved": N_("achieved"),
    "on track": N_("on track"),
    "behind": N_("behind"),
    "not reached": N_("not reached"),
    "no report yet": N_("no report yet"),
    "not started": N_("not started"),
    "no numeric target": N_("no numeric target"),
}

PERIOD_WORDS = {"plan": N_("in total"), "per_year": N_("per year"), "per_event": N_("each time"), None: ""}


def status_label(status: str) -> str:
    """A status in the language in use: 'on track' -> 'en bonne voie'."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def _period_words(period) -> str:
    words = PERIOD_WORDS.get(period, "")
    return _(words) if words else ""


def _status_count(status: str, n: int) -> str:
    """'3 on track', in the language in use (a status agrees with its count in French)."""
    if status == "achieved":
        text = ngettext("{n} achieved", "{n} achieved", n)
    elif status == "on track":
        text = ngettext("{n} on track", "{n} on track", n)
    elif status == "behind":
        text = ngettext("{n} behind", "{n} behind", n)
    elif status == "not reached":
        text = ngettext("{n} not reached", "{n} not reached", n)
    elif status == "no report yet":
        text = ngettext("{n} no report yet", "{n} no report yet", n)
    elif status == "not started":
        text = ngettext("{n} not started", "{n} not started", n)
    elif status == "no numeric target":
        text = ngettext("{n} no numeric target", "{n} no numeric target", n)
    else:
        text = "{n} " + status
    return text.format(n=n)


def _year_bounds(start_year, end_year) -> tuple[datetime.date | None, datetime.date | None]:
    start = datetime.date(int(start_year), 1, 1) if not pd.isna(start_year) else None
    end = datetime.date(int(end_year), 12, 31) if not pd.isna(end_year) else None
    return start, end


def elapsed_share(start: datetime.date, end: datetime.date, today: datetime.date) -> float:
    """How much of the period from `start` to `end` (both included) has passed by the end of `today`."""
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def indicator_status(
    target: float | None,
    period: str | None,
    start: datetime.date | None,
    end: datetime.date | None,
    reports: list[tuple[datetime.date, float]],
    today: datetime.date,
) -> dict:
    """The status of one indicator on `today` from its reports (date, value) made by then.

    Returns {"status", "latest", "latest_date", "expected"}: `expected` is the value due by
    today (None when it cannot be said)."""
    known = sorted((d, v) for d, v in reports if d <= today)
    if period == "per_year" and known:
        this_year = [(d, v) for d, v in known if d.year == today.year]
        known = this_year if this_year or (end and today <= end) else known
    latest_date, latest = known[-1] if known else (None, None)
    result = {"status": "", "latest": latest, "latest_date": latest_date, "expected": None}
    if start is not None and today < start:
        result["status"] = "not started"
        return result
    if target is None or period is None:
        result["status"] = "no report yet" if latest is None else "no numeric target"
        return result
    if period == "plan":
        share = elapsed_share(start, end, today) if start and end else 1.0
        expected = target * share
    elif period == "per_year":
        year_start = max(datetime.date(today.year, 1, 1), start) if start else datetime.date(today.year, 1, 1)
        year_end = min(datetime.date(today.year, 12, 31), end) if end else datetime.date(today.year, 12, 31)
        expected = target * elapsed_share(year_start, year_end, today) if year_start <= year_end else target
    else:
        expected = target
    result["expected"] = expected
    ended = end is not None and today > end
    if latest is None:
        result["status"] = "not reached" if ended else "no report yet"
    elif latest >= target:
        result["status"] = "achieved"
    elif ended:
        result["status"] = "not reached"
    elif period != "per_event" and latest >= expected:
        result["status"] = "on track"
    else:
        result["status"] = "behind"
    return result


def _number(value) -> str:
    """1234 -> '1,234', 2.5 -> '2.5'; unknown -> ''."""
    return number(value) if is_known(value) else ""


INDICATOR_COLUMNS = [
    "city",
    "city_name",
    "action",
    "action_title",
    "interventions",
    "indicator",
    "Indicator",
    "Target (plan's words)",
    "target_value",
    "unit",
    "period",
    "start",
    "end",
    "latest",
    "latest_date",
    "expected",
    "reports",
    "status",
]


def indicator_table(tables: Tables, today: datetime.date, city: str | None = None) -> pd.DataFrame:
    """One row per indicator of the plan actions (of one city, or all), with its latest
    value by `today`, the value due by then and its status."""
    actions = plan_actions(tables.actions)
    if city is not None:
        actions = actions[actions["city"] == city]
    reports: dict[tuple[str, str], list[tuple[datetime.date, float]]] = {}
    progress = tables.progress
    for action, indicator, day, value in zip(
        progress["action"], progress["indicator"], progress["date"], progress["value"], strict=True
    ):
        reports.setdefault((action, indicator), []).append((day, float(value)))
    rows = []
    for a in actions.itertuples():
        start, end = _year_bounds(a.start_year, a.end_year)
        for n, indicator in enumerate(a.indicators, start=1):
            iid = indicator.get("id") or f"{a.id}#{n}"
            found = reports.get((a.id, iid), [])
            state = indicator_status(
                indicator.get("target_value"), indicator.get("period"), start, end, found, today
            )
            rows.append(
                {
                    "city": a.city,
                    "city_name": a.city_name,
                    "action": a.id,
                    "action_title": a.title,
                    "interventions": list(a.interventions),
                    "indicator": iid,
                    "Indicator": indicator["indicator"],
                    "Target (plan's words)": indicator.get("target") or "",
                    "target_value": indicator.get("target_value"),
                    "unit": indicator.get("unit") or "",
                    "period": indicator.get("period"),
                    "start": start,
                    "end": end,
                    "latest": state["latest"],
                    "latest_date": state["latest_date"],
                    "expected": state["expected"],
                    "reports": len([d for d, _ in found if d <= today]),
                    "status": state["status"],
                }
            )
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def _due(expected, unit: str, period: str | None) -> str:
    """The value due by a day, as a reader counts it: people, events and workshops come
    whole (2.7 people due means 3 must be reported to be on track: statuses compare the
    same way), a percentage as it is."""
    if expected is None or pd.isna(expected):
        return ""
    value = float(expected) if unit == "%" else float(math.ceil(float(expected) - 1e-9))
    text = _number(value) + ("%" if unit == "%" else f" {unit}" if unit else "")
    return _("{value} this year").format(value=text) if period == "per_year" else text


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The indicator table for people (and the CSV/Excel downloads): what matters first."""
    return pd.DataFrame(
        {
            N_("City"): table["city_name"],
            N_("Action"): table["action_title"],
            N_("Indicator"): table["Indicator"],
            N_("Status"): table["status"].map(status_label),
            N_("Latest value"): [
                _number(v) if v is not None else _("no report yet") for v in table["latest"]
            ],
            N_("Reported on"): [d.isoformat() if d else "" for d in table["latest_date"]],
            N_("Target (as the plan states it)"): [
                w or f"{_number(v)} {u} {_period_words(p)}".strip()
                for v, u, p, w in zip(
                    table["target_value"],
                    table["unit"],
                    table["period"],
                    table["Target (plan's words)"],
                    strict=True,
                )
            ],
            N_("Expected by the date shown"): [
                _due(v, u, p)
                for v, u, p in zip(table["expected"], table["unit"], table["period"], strict=True)
            ],
        }
    )


def unreported_actions(table: pd.DataFrame) -> pd.DataFrame:
    """Plan actions with indicators and not one report yet (by the day shown)."""
    per_action = table.groupby(["city_name", "action_title"], sort=False)["reports"].sum().reset_index()
    empty = per_action[per_action["reports"] == 0]
    return pd.DataFrame({N_("City"): empty["city_name"], N_("Action"): empty["action_title"]}).reset_index(
        drop=True
    )


# The statuses an indicator that is due can have, in the order the charts stack them.
# "no report yet" is a state of its own: it is never counted as behind.
DUE = ["achieved", "on track", "behind", "not reached", "no report yet"]

ALL_ROW = N_("All indicators (each once)")

# The share table's column of each due status (English: the figure and the tests read them).
STATUS_COLUMNS = {
    "achieved": N_("Achieved"),
    "on track": N_("On track"),
    "behind": N_("Behind"),
    "not reached": N_("Not reached"),
    "no report yet": N_("No report yet"),
}


def share_on_track(table: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Per intervention: indicators counted (numeric target, started, reported or due),
    how many have each status, and the share on track among those with a report. An
    indicator counts under every intervention of its action, so the rows add up to more
    than the indicators: the first row, `intervention` "all", counts each indicator once."""
    labels = {"all": _(ALL_ROW), **tables.vocabulary.labels("interventions")}
    counted = table[table["status"].isin(DUE)]
    rows = []
    for intervention, label in labels.items():
        if intervention == "all":
            mine = counted
        else:
            # .loc with a bool mask: an empty mask must select no rows, not no columns
            mine = counted.loc[
                counted["interventions"].map(lambda ids, i=intervention: i in ids).astype(bool)
            ]
        good = int(mine["status"].isin(ON_TRACK).sum())
        unreported = int((mine["status"] == "no report yet").sum())
        reported = len(mine) - unreported
        rows.append(
            {
                "intervention": intervention,
                N_("Intervention"): label,
                N_("Indicators"): len(mine),
                **{STATUS_COLUMNS[status]: int((mine["status"] == status).sum()) for status in DUE},
                N_("On track or achieved"): good,
                N_("Share on track (of those reported)"): good / reported if reported else None,
            }
        )
    return pd.DataFrame(rows)


def share_title(shares: pd.DataFrame, today: datetime.date) -> str:
    """The finding of the status chart, in the same count as the summary (each indicator once)."""
    every = shares.iloc[0]
    n = int(every["Indicators"])
    day = date_text(today)
    if n == 0:
        return _("On {day}, no indicator of the plans shown is due yet: there is nothing to compare").format(
            day=day
        )
    waiting = int(every["No report yet"])
    good = int(every["On track or achieved"])
    if waiting == n:
        return ngettext(
            "On {day}, the {n} indicator due has no report yet",
            "On {day}, none of the {n} indicators due has a report yet",
            n,
        ).format(day=day, n=n)
    reported = n - waiting
    title = _("On {day}, {good} of the {reported} indicators reported are achieved or on track").format(
        day=day, good=good, reported=reported
    )
    if waiting:
        title += _("; {n} more have no report yet").format(n=waiting)
    return title


def summary(table: pd.DataFrame, today: datetime.date) -> str:
    """The statuses in one sentence; its count is the chart's first bar (indicators due,
    each once), and those not due yet are named apart."""
    if table.empty:
        return _("No plan action with indicators is entered yet for the cities shown.")
    counts = table["status"].value_counts()
    due = int(sum(counts.get(s, 0) for s in DUE))
    parts = [_status_count(s, int(counts[s])) for s in DUE if s in counts]
    day = date_text(today)
    if due:
        text = ngettext(
            "On {day}: {n} indicator — {parts}", "On {day}: {n} indicators — {parts}", due
        ).format(day=day, n=due, parts=", ".join(parts))
    else:
        text = _("On {day}: no indicator is due yet").format(day=day)
    rest = [_status_count(s, int(counts[s])) for s in ("not started", "no numeric target") if s in counts]
    return text + (_(" (besides: {rest})").format(rest=", ".join(rest)) if rest else "") + "."


def planned_actions(tables: Tables, city: str | None = None) -> pd.DataFrame:
    """The plan actions whose planned years the timeline draws: those of `city` (None: every
    city), with a known start year."""
    actions = plan_actions(tables.actions)
    if city is not None:
        actions = actions[actions["city"] == city]
    return actions


def periods_finding(tables: Tables, today: datetime.date, city: str | None = None) -> str:
    """The timeline's title: how many plan actions with known years have started by `today`,
    and how many have no known years."""
    actions = planned_actions(tables, city)
    timed = actions[actions["start_year"].notna()]
    running = sum(1 for year in timed["start_year"] if datetime.date(int(year), 1, 1) <= today)
    title = _("{running} of {n} plan actions with known years have started by {day}").format(
        running=running, n=len(timed), day=date_text(today)
    )
    untimed = len(actions) - len(timed)
    if untimed:
        title += _("; {n} more have no known years").format(n=untimed)
    return title
