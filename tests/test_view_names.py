"""Every page view is a frozen dataclass built by a function named `<page>[_<part>]_view`,
returning the class named after it (`coverage_grids_view` -> `CoverageGridsView`), with a
line of docs for each field: a newcomer finds a page's view by its name, and reads what it
holds without running it."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import inspect
import typing
from pathlib import Path

import pytest

from analysis import gaps
from analysis import transfers as transfers_findings
from analysis.frames import Filters, build_tables
from figures import budgets, compare, coverage, mycity, overview, presentation, progress, transfers

ROOT = Path(__file__).resolve().parent.parent

# Each builder, with the arguments its page gives it (mini's cities: alpha, beta, gamma).
BUILDERS = {
    overview.overview_view: lambda t: (t, Filters()),
    coverage.coverage_view: lambda t: (t, Filters(), False),
    coverage.coverage_grids_view: lambda t: (t, Filters(), "alpha", False),
    gaps.coverage_gaps_view: lambda t: (t, "beta"),
    budgets.budgets_view: lambda t: (t, Filters()),
    transfers.transfers_view: lambda t: (t, Filters()),
    transfers_findings.transfers_city_view: lambda t: (t, Filters(), "alpha"),
    compare.compare_view: lambda t: (t, ("alpha", "beta")),
    mycity.mycity_view: lambda t: (t, "alpha"),
    progress.progress_view: lambda t: (t, datetime.date(2026, 11, 30), None),
    presentation.present_view: lambda t: (t, "glance"),
}


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


def class_name(builder) -> str:
    """coverage_grids_view -> CoverageGridsView (My city's is MyCityView)."""
    words = builder.__name__.removesuffix("_view").split("_")
    return "".join("MyCity" if w == "mycity" else w.capitalize() for w in words) + "View"


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_a_view_builder_returns_its_frozen_dataclass(mini, builder):
    view_class = getattr(inspect.getmodule(builder), class_name(builder))
    assert typing.get_type_hints(builder)["return"] is view_class
    view = builder(*BUILDERS[builder](mini))
    assert type(view) is view_class and dataclasses.is_dataclass(view)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(view, dataclasses.fields(view)[0].name, None)


def _documented_fields(view_class) -> set[str]:
    """The names of the class's fields (in its own body) that a docstring follows."""
    body = ast.parse(inspect.getsource(view_class)).body[0].body
    return {
        node.target.id
        for node, after in zip(body, body[1:], strict=False)
        if isinstance(node, ast.AnnAssign)
        and isinstance(after, ast.Expr)
        and isinstance(after.value, ast.Constant)
        and isinstance(after.value.value, str)
    }


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_field_of_a_view_says_what_it_holds(builder):
    view_class = getattr(inspect.getmodule(builder), class_name(builder))
    documented = set().union(
        *(_documented_fields(c) for c in view_class.__mro__ if dataclasses.is_dataclass(c))
    )
    assert {f.name for f in dataclasses.fields(view_class)} <= documented


def test_every_view_builder_is_listed_here():
    """A function whose name ends in `_view` in analysis/ or figures/ is a page view's
    builder: it is in BUILDERS, so the tests above check it."""
    found = set()
    for folder in ("analysis", "figures"):
        for path in (ROOT / folder).glob("*.py"):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and node.name.endswith("_view"):
                    found.add(f"{folder}.{path.stem}.{node.name}")
    assert found == {f"{b.__module__}.{b.__name__}" for b in BUILDERS}
