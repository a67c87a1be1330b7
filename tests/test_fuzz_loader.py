"""Bad input beyond the fixtures: generated YAML and random mutations of the real files.

Whatever a data file holds, the loader must return (never raise), within a bounded time,
with every problem naming the file it is in; the cities it can read still load, and the
dashboard's tables can still be built from what loaded.
"""

from __future__ import annotations

import contextlib
import copy
import shutil
import signal
from pathlib import Path

import pytest
import yaml
from conftest import MINI, REAL_DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.frames import build_tables
from models import load_network
from models.schema import Action, City

# No clock decides a result (a shared machine is slow at times): only an alarm stops a real
# hang, far beyond any honest run.
HANG_SECONDS = 60
# Every example in `make test` (CI): 100 per test, or the share of it a test asks for; the
# inner loop's `make check` loads tests/conftest.py's "check" profile, a fifth of them.
EXAMPLES = settings.default.max_examples
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure in CI is a failure here
)

REAL_CITY = "isernia"  # the longest real city file: the most to mutate


def dump(value) -> bytes:
    return yaml.dump(value, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode("utf-8")


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = HANG_SECONDS):
    def stop(signum, frame):
        raise Hang(f"the loader ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz-real") / "data"
    shutil.copytree(REAL_DATA, target)
    return target


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz-mini") / "data"
    shutil.copytree(MINI, target)
    return target


def files_of(data_dir: Path) -> set[str]:
    names = {p.name for p in data_dir.glob("*.yaml")}
    return names | {f"cities/{p.name}" for p in (data_dir / "cities").glob("*.yaml")}


def load_with_file(data_dir: Path, relative: str, content: bytes):
    """Load `data_dir` with `relative` replaced by `content`; the original is put back after."""
    path = data_dir / relative
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        with bounded():
            network = load_network(data_dir)
            if network.vocabulary is not None:
                build_tables(network)  # what every page does with what loaded
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    return network


def assert_reported_well(network, data_dir: Path, changed: str) -> None:
    known = files_of(data_dir) | {"cities/"}
    for problem in network.problems:
        assert problem.file in known, f"problem names no data file: {problem}"
        assert problem.path and problem.message, problem
        assert "Traceback" not in problem.message
    # The file that was changed is either fine or named in a problem about itself.
    loaded = {plan.file for plan in network.cities}
    if changed.startswith("cities/") and changed not in loaded:
        assert any(p.file == changed for p in network.problems), "a city disappeared without a word"


# --- generated YAML -------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
action_like = st.dictionaries(
    st.sampled_from(sorted(Action.model_fields)) | st.text(max_size=8), values, max_size=10
)
city_like = st.dictionaries(
    st.sampled_from(sorted(City.model_fields)) | st.text(max_size=8), values, max_size=10
).flatmap(
    lambda header: (
        st.lists(action_like, max_size=3).map(lambda actions: {**header, "actions": actions})
        | st.just(header)
    )
)


@FUZZ
@given(document=city_like | values)
@example(document={"id": "alpha", "actions": [{"id": "alpha-a1"}, {"id": "alpha-a1"}]})
@example(document=[1, 2, 3])
def test_generated_city_file(mini_copy, document):
    content = dump(document)
    network = load_with_file(mini_copy, "cities/alpha.yaml", content)
    assert_reported_well(network, mini_copy, "cities/alpha.yaml")
    # The other two cities do not depend on alpha: they always load.
    assert {"beta", "gamma"} <= {plan.city.id for plan in network.cities}


@FUZZ
@given(name=st.sampled_from(["model.yaml", "sources.yaml", "practices.yaml"]), document=values)
@example(name="practices.yaml", document={1: "a", "b": "c"})
@example(name="sources.yaml", document={})
def test_generated_shared_file(mini_copy, name, document):
    content = dump(document)
    network = load_with_file(mini_copy, name, content)
    assert_reported_well(network, mini_copy, name)
    if name != "practices.yaml":  # a network may have no practices; it cannot lack these
        assert any(p.file == name for p in network.problems)


# --- random mutations of the real files -----------------------------------------------------

NASTY = [
    "",
    ":",
    "- ",
    "  ",
    "\t",
    "'",
    '"',
    "#",
    "&a",
    "*a",
    "!!",
    "? ",
    "{",
    "[",
    "]",
    "}",
    "\x00",
    "\ufeff",
    "2024-13-45",
    "\u202e",
    "🙂",
    "\n",
    "- id: x\n",
    "null",
    "~",
    "yes",
    "1e999",
]


@st.composite
def mutated(draw, text: str) -> bytes:
    """The text with 1-4 random edits: cut, insert, duplicate or swap lines, re-indent."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["cut", "insert", "dup", "swap", "indent", "truncate"]))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(NASTY) | st.text(max_size=5)) + text[at:]
        elif kind == "truncate":
            text = text[:at]
        else:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dup":
                lines.insert(j, lines[i])
            elif kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "    ", "\t"])) + lines[i].lstrip()
            text = "\n".join(lines)
    encoded = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()) and encoded:  # now and then a byte that is not UTF-8
        at = draw(st.integers(0, len(encoded) - 1))
        encoded = encoded[:at] + bytes([draw(st.integers(0x80, 0xFF))]) + encoded[at:]
    return encoded


REAL_CITY_TEXT = (REAL_DATA / "cities" / f"{REAL_CITY}.yaml").read_text(encoding="utf-8")
REAL_PRACTICES_TEXT = (REAL_DATA / "practices.yaml").read_text(encoding="utf-8")


@settings(FUZZ, max_examples=EXAMPLES * 4 // 5)
@given(content=mutated(REAL_CITY_TEXT))
def test_mutated_real_city_file(real_copy, content):
    changed = f"cities/{REAL_CITY}.yaml"
    network = load_with_file(real_copy, changed, content)
    assert_reported_well(network, real_copy, changed)
    # The nine other cities are untouched and still load.
    assert len({plan.city.id for plan in network.cities} - {REAL_CITY}) == 9


@settings(FUZZ, max_examples=EXAMPLES * 3 // 5)
@given(content=mutated(REAL_PRACTICES_TEXT))
def test_mutated_real_practices_file(real_copy, content):
    network = load_with_file(real_copy, "practices.yaml", content)
    assert_reported_well(network, real_copy, "practices.yaml")
    assert len(network.cities) == 10  # a broken practices file drops practices, never cities


def _paths(value, prefix=()):
    """Every path into a nested YAML value."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


REAL_CITY_DATA = yaml.safe_load(REAL_CITY_TEXT)
REAL_CITY_PATHS = [p for p in _paths(REAL_CITY_DATA) if p]


@settings(FUZZ, max_examples=EXAMPLES * 4 // 5)
@given(path=st.sampled_from(REAL_CITY_PATHS), value=values | st.just(DELETE := object()))
def test_real_city_with_one_value_replaced(real_copy, path, value):
    """Valid YAML of the right shape but a wrong value anywhere: reported, never raised."""
    data = copy.deepcopy(REAL_CITY_DATA)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    content = dump(data)
    changed = f"cities/{REAL_CITY}.yaml"
    network = load_with_file(real_copy, changed, content)
    assert_reported_well(network, real_copy, changed)


# --- what the fuzzing found, kept as plain examples -----------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "id: alpha\nstarted: 2024-13-45\n",
            "line 2: '2024-13-45' cannot be read as written (a date that does not exist, or a value "
            "marked with a wrong type); put it in quotes if it is text",
        ),
        ("? [a, b]\n: c\n", "line 1: a field name must be a single word, not a list or a group of fields"),
    ],
)
def test_values_pyyaml_cannot_build_are_reported(data_dir, content, expected):
    (data_dir / "cities" / "alpha.yaml").write_text(content, encoding="utf-8")
    problems = [str(p) for p in load_network(data_dir).problems if p.file == "cities/alpha.yaml"]
    assert problems == [f"cities/alpha.yaml: (whole file): {expected}"]


def test_shared_file_with_number_and_text_keys_is_reported(data_dir):
    (data_dir / "practices.yaml").write_text("1: a\nb: c\npractices: []\n", encoding="utf-8")
    problems = [str(p) for p in load_network(data_dir).problems if p.file == "practices.yaml"]
    assert problems == [
        "practices.yaml: 1: is not a field this file can have (it holds: practices, parallel_testing)",
        "practices.yaml: b: is not a field this file can have (it holds: practices, parallel_testing)",
    ]
