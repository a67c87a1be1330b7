"""Progress against targets (analysis.progress, models.progress, workspace.progress): arithmetic on fixed days,
dates before the plan starts and after it ends, reports only ever added, bad values refused."""

from __future__ import annotations

import datetime

import pytest
from conftest import plan_actions
from pydantic import ValidationError

from analysis import progress as prog
from analysis.frames import build_tables
from figures import progress as prog_figures
from models import load_network
from models.progress import progress_path
from workspace.progress import add_report

D = datetime.date
START, END = D(2026, 1, 1), D(2027, 12, 31)  # a two-year action, 730 days


def status(target, period, reports, today):
    return prog.indicator_status(target, period, START, END, reports, today)


def test_plan_total_is_compared_with_the_share_due():
    # 2026-12-31 is the end of day 365 of 730: half of a target of 40 is due.
    half = D(2026, 12, 31)
    assert status(40, "plan", [], half)["expected"] == pytest.approx(20)
    assert status(40, "plan", [(D(2026, 12, 1), 20)], half)["status"] == "on track"
    assert status(40, "plan", [(D(2026, 12, 1), 19)], half)["status"] == "behind"
    assert status(40, "plan", [(D(2026, 12, 1), 41)], half)["status"] == "achieved"


def test_the_latest_report_by_the_day_counts_and_later_ones_wait():
    reports = [(D(2026, 3, 1), 5), (D(2026, 9, 1), 12), (D(2027, 6, 1), 30)]
    result = status(40, "plan", reports, D(2026, 12, 31))
    assert (result["latest"], result["latest_date"]) == (12, D(2026, 9, 1))
    assert result["status"] == "behind"


def test_yearly_targets_count_the_current_year_only():
    mid_2027 = D(2027, 7, 1)  # day 182 of 365
    reports = [(D(2026, 12, 20), 150), (D(2027, 6, 30), 80)]
    result = status(150, "per_year", reports, mid_2027)
    assert result["latest"] == 80
    assert result["expected"] == pytest.approx(150 * 182 / 365)
    assert result["status"] == "on track"
    # early in a year, last year's figure does not count for this one
    assert status(150, "per_year", [(D(2026, 12, 20), 150)], D(2027, 1, 10))["status"] == "no report yet"


def test_targets_that_hold_each_time_compare_the_latest_value():
    assert (
        status(75, "per_event", [(D(2026, 5, 1), 80), (D(2026, 10, 1), 70)], D(2026, 11, 1))["status"]
        == "behind"
    )
    assert (
        status(75, "per_event", [(D(2026, 5, 1), 70), (D(2026, 10, 1), 75)], D(2026, 11, 1))["status"]
        == "achieved"
    )


def test_before_the_plan_starts_nothing_is_due():
    result = status(40, "plan", [(D(2025, 12, 1), 3)], D(2025, 12, 31))
    assert result["status"] == "not started" and result["expected"] is None


def test_after_the_plan_ends_below_target_is_not_reached():
    assert status(40, "plan", [(D(2027, 12, 1), 39)], D(2028, 3, 1))["status"] == "not reached"
    assert status(40, "plan", [], D(2028, 3, 1))["status"] == "not reached"
    assert status(40, "plan", [(D(2027, 12, 1), 40)], D(2028, 3, 1))["status"] == "achieved"


def test_elapsed_share_bounds():
    assert prog.elapsed_share(START, END, D(2025, 6, 1)) == 0.0
    assert prog.elapsed_share(START, END, START) == pytest.approx(1 / 730)
    assert prog.elapsed_share(START, END, D(2030, 1, 1)) == 1.0


def test_all_of_isernias_indicators_have_targets(real):
    table = prog.indicator_table(real, D(2026, 11, 24), "isernia")
    assert len(table) == 31
    assert table["target_value"].notna().all() and table["period"].notna().all()
    assert table["indicator"].is_unique
    assert set(table["status"]) == {"no report yet"}
    participants = table[table["Indicator"] == "participants per event"].iloc[0]
    assert (participants["target_value"], participants["period"]) == (50, "per_event")


def _context(network):
    return {"vocabulary": network.vocabulary}


def _isernia_copy(tmp_path):
    import shutil

    from conftest import REAL_DATA

    target = tmp_path / "data"
    shutil.copytree(
        REAL_DATA, target, ignore=shutil.ignore_patterns(".git", ".history", "progress", "assessments")
    )
    return target


def test_a_recorded_value_changes_the_status_and_reports_are_only_added(tmp_path):
    data = _isernia_copy(tmp_path)
    network = load_network(data)
    day = D(2026, 11, 24)
    before = prog.indicator_table(build_tables(network), day, "isernia").set_index("indicator")
    assert before.loc["isernia-a3-n2", "status"] == "no report yet"
    report = {
        "action": "isernia-a3",
        "indicator": "isernia-a3-n2",
        "date": "2026-05-10",
        "reported_by": "Isernia team",
    }
    add_report(data, "isernia", {**report, "value": 62}, _context(network))
    add_report(
        data,
        "isernia",
        {**report, "value": 45, "date": "2026-10-02", "comment": "rainy day"},
        _context(network),
    )
    reloaded = load_network(data)
    assert reloaded.problems == []
    assert [r.value for r in reloaded.progress["isernia"]] == [62, 45]  # the first is still there
    after = prog.indicator_table(build_tables(reloaded), day, "isernia").set_index("indicator")
    assert (after.loc["isernia-a3-n2", "latest"], after.loc["isernia-a3-n2", "status"]) == (45, "behind")
    assert after.loc["isernia-a3-n2", "reports"] == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [("twelve", "must be a number (no currency sign or spaces), not 'twelve'"), ("", "must not be empty")],
)
def test_a_value_that_is_not_a_number_is_refused(tmp_path, value, message):
    data = _isernia_copy(tmp_path)
    network = load_network(data)
    with pytest.raises(ValidationError) as error:
        add_report(
            data,
            "isernia",
            {
                "action": "isernia-a3",
                "indicator": "isernia-a3-n2",
                "value": value,
                "date": "2026-05-10",
                "reported_by": "me",
            },
            _context(network),
        )
    from models.messages import plain_errors

    assert any(message in m for _, m in plain_errors(error.value))
    assert not progress_path(data, "isernia").exists()


def test_bad_reports_in_a_file_are_named_and_the_rest_kept(tmp_path):
    data = _isernia_copy(tmp_path)
    (data / "progress").mkdir()
    (data / "progress" / "isernia.yaml").write_text(
        "city: isernia\nreports:\n"
        "  - {action: isernia-a3, indicator: isernia-a3-n2, value: 50, date: 2026-05-10, reported_by: A}\n"
        "  - {action: isernia-a3, indicator: isernia-a3-n9, value: 5, date: 2026-05-10, reported_by: A}\n"
        "  - {action: agen-a1, indicator: isernia-a3-n2, value: 5, date: 2026-05-10, reported_by: A}\n"
        "  - {action: isernia-a3, indicator: isernia-a3-n2, value: lots, date: 2026-05-10, reported_by: A}\n",
        encoding="utf-8",
    )
    network = load_network(data)
    problems = [str(p) for p in network.problems]
    assert any(
        p.startswith(
            "progress/isernia.yaml: reports[2].indicator: 'isernia-a3-n9' is not an indicator of isernia-a3"
        )
        for p in problems
    )
    assert "progress/isernia.yaml: reports[3].action: 'agen-a1' is not an action of isernia" in problems
    assert any(p.startswith("progress/isernia.yaml: reports[4].value: must be a number") for p in problems)
    assert [r.value for r in network.progress["isernia"]] == [50]


def test_shares_on_track_by_intervention(tmp_path):
    data = _isernia_copy(tmp_path)
    network = load_network(data)
    add_report(
        data,
        "isernia",
        {
            "action": "isernia-a3",
            "indicator": "isernia-a3-n2",
            "value": 60,
            "date": "2026-05-10",
            "reported_by": "A",
        },
        _context(network),
    )
    network = load_network(data)
    tables = build_tables(network)
    table = prog.indicator_table(tables, D(2026, 11, 24), None)
    shares = prog.share_on_track(table, tables).set_index("intervention")
    # Action 3 (events) uses Raise awareness only: 1 of the awareness indicators is achieved
    # (22 while Isernia's is the only plan entered; counted from the data).
    awareness = sum(len(a.indicators) for a in plan_actions(network) if "awareness" in a.interventions)
    assert shares.loc["awareness", "On track or achieved"] == 1
    assert shares.loc["awareness", "Indicators"] == awareness
    assert shares.loc["help", "On track or achieved"] == 0


def test_editing_indicator_lines_keeps_ids_and_numeric_targets():
    from ui.editing import _indicators, keep_indicator_fields

    old = [
        {
            "id": "x-n1",
            "indicator": "events held",
            "target": "2",
            "target_value": 2,
            "unit": "events",
            "period": "plan",
        },
        {
            "id": "x-n2",
            "indicator": "participants",
            "target": "50",
            "target_value": 50,
            "unit": "people",
            "period": "per_event",
        },
    ]
    edited = _indicators("participants | at least 60\nevents held | 2\nnew one | 3")
    merged = keep_indicator_fields(old, edited)
    assert merged == [
        {
            "id": "x-n2",
            "indicator": "participants",
            "target": "at least 60",
            "target_value": 50,
            "unit": "people",
            "period": "per_event",
        },
        {
            "id": "x-n1",
            "indicator": "events held",
            "target": "2",
            "target_value": 2,
            "unit": "events",
            "period": "plan",
        },
        {"indicator": "new one", "target": "3"},
    ]


def test_no_report_yet_is_its_own_state_and_counts_agree(real, real_network):
    """Before any report every indicator is "no report yet" (never behind); the chart draws
    them as bars, its first bar counts each indicator once, as the summary does."""
    view = prog_figures.progress_view(real, D(2026, 11, 30), None)
    shares = view.shares.set_index("intervention")
    n = sum(len(a.indicators) for a in plan_actions(real_network))  # 31 in Isernia's plan
    assert shares.loc["all", "Indicators"] == n == shares.loc["all", "No report yet"]
    assert shares.loc["all", "Behind"] == 0 and shares.loc["all", "Not reached"] == 0
    assert shares.loc["all", "Share on track (of those reported)"] is None
    assert f"{n} indicators" in view.summary
    figure = view.share_figure
    unreported = next(t for t in figure.data if t.name == "no report yet")
    assert list(unreported.x) == list(view.shares["No report yet"])  # bars of length 31, 18, ...
    assert unreported.x[0] == n and unreported.y[0] == prog.ALL_ROW
    assert f"none of the {n} indicators due has a report yet" in figure.layout.title.text.replace("<br>", " ")
    # every status has its own pattern as well as its colour
    assert len({t.marker.pattern.shape for t in figure.data}) == len(prog.DUE)


def test_nothing_due_is_said_not_drawn(real, real_network):
    view = prog_figures.progress_view(real, D(2025, 6, 1), None)
    assert view.share_figure is None
    assert "no indicator of the plans shown is due yet" in prog.share_title(view.shares, D(2025, 6, 1))
    n = sum(len(a.indicators) for a in plan_actions(real_network))
    assert f"no indicator is due yet (besides: {n} not started)" in view.summary


def test_targets_read_as_the_plan_states_them(real):
    shown = prog.readable(prog.indicator_table(real, D(2026, 11, 30), "isernia"))
    row = shown[shown["Indicator"] == "isolated or at-risk people identified"].iloc[0]
    assert row["Target (as the plan states it)"] == "3 per year"
    assert row["Expected by the date shown"] == "3 people this year"  # 2.7 due: whole people
    satisfied = shown[shown["Indicator"] == "participants satisfied"].iloc[0]
    assert satisfied["Expected by the date shown"] == "75%"
