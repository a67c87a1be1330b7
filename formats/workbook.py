"""The data as an Excel workbook, and a workbook read back into city files' data.

Layout (also written into the workbook's README sheet):

    Cities        one row per city: the city's fields, nested ones flattened
                  (location -> lat, lon, location_source; population -> population, ...)
    Actions       one row per action, its city in the first column; budget and timing as
                  columns (all budget columns empty = budget unknown)
    Partners      one row per partner of an action, in the action's order
    Indicators    one row per indicator of an action
    Inspirations  one row per practice an action was inspired by
    Sources, Practices   what records may cite (for reference: edit data/sources.yaml and
                  data/practices.yaml to change them)
    Lists         the allowed values of the vocabulary fields, for the drop-down lists

Multi-valued vocabulary fields hold comma-separated ids (or labels). Reading a workbook
never raises for bad content: every problem becomes a `Cell` problem
(`sheet, row, column: message`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models import fields
from models.files import read_yaml
from words.i18n import _

from . import upload_limits, worker
from .sheet_text import keep_text_everywhere

# --- the layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str  # header in the workbook
    kind: str  # text | number | whole | list | choice
    width: int
    help: str
    choices: str | None = None  # a vocabulary kind or a key of FIXED_CHOICES
    required: bool = False


FIXED_CHOICES = {
    "role": ("lead_partner", "partner"),
    "kind": ("iap_action", "testing_action", "idea"),
    "basis": ("plan_total", "per_year"),
    "status": ("planned", "estimated"),
    "period": ("plan", "per_year", "per_event"),
    "yes_no": ("yes", "no"),
}

CITY_COLUMNS = (
    Column(
        "id",
        "text",
        16,
        "the city's id: lower case and hyphens, like 'skofja-loka'; also the file name",
        required=True,
    ),
    Column("name", "text", 16, "the city's name with its own letters (Fót, Škofja Loka)", required=True),
    Column("country", "text", 14, "", required=True),
    Column("role", "choice", 13, "lead_partner or partner", "role", required=True),
    Column("summary", "text", 60, "two or three sentences in your own words, or empty"),
    Column(
        "sources",
        "list",
        24,
        "ids of the documents (Sources sheet) that state the facts, comma-separated",
        required=True,
    ),
    Column("lat", "number", 8, "latitude, only to draw the map"),
    Column("lon", "number", 8, "longitude"),
    Column("location_source", "text", 16, "source id of the position"),
    Column("population", "whole", 12, "number of inhabitants, or empty if unknown"),
    Column("population_year", "whole", 10, "the year of that figure"),
    Column("population_source", "text", 16, "source id of the population"),
    Column(
        "population_approximate",
        "choice",
        12,
        "yes if the source gives the population as approximate (shown as 'about'); else empty",
        "yes_no",
    ),
    Column("plan_start", "whole", 10, "first year of the plan"),
    Column("plan_end", "whole", 10, "last year of the plan, or empty"),
    Column("plan_source", "text", 16, "source id of the plan period"),
    Column("iap_title", "text", 30, "title of the IAP document, once it has been entered"),
    Column("iap_source", "text", 16, "source id of the IAP document"),
    Column("focus_areas", "list", 30, "focus area ids, comma-separated", "focus_areas"),
    Column("focus_emphasis", "list", 24, "the focus areas the plan stresses, comma-separated", "focus_areas"),
    Column("focus_source", "text", 16, "source id of the focus areas"),
)

# The Actions sheet's first column: whose action it is (the city file that holds it).
CITY_OF_ACTION = Column("city", "text", 14, "the id of the city (Cities sheet)", required=True)


def action_columns() -> tuple[Column, ...]:
    """The Actions sheet: the city, then every field the registry places on it (models.fields),
    a group's fields not required (the group itself may be unknown)."""
    return (
        CITY_OF_ACTION,
        *(
            Column(
                f.name,
                f.described.kind,
                f.described.width,
                f.described.help,
                f.described.choices,
                required=f.required and f.group is None,
            )
            for f in fields.sheet_fields("Actions")
        ),
    )


PARTNER_COLUMNS = (
    Column("action", "text", 18, "the id of the action (Actions sheet)", required=True),
    Column("partner", "text", 60, "an organisation taking part", required=True),
)
INDICATOR_COLUMNS = (
    Column("action", "text", 18, "the id of the action (Actions sheet)", required=True),
    Column("indicator", "text", 60, "what is counted", required=True),
    Column("target", "text", 40, "the target, in words, or empty"),
    Column("id", "text", 18, "the indicator's id, which progress reports use, like isernia-a1-n1; or empty"),
    Column("target_value", "number", 10, "the target as a number, digits only, or empty"),
    Column("unit", "text", 16, "what that number counts, like 'participants' or '%'"),
    Column("period", "choice", 10, "plan (a total), per_year or per_event (each time)", "period"),
)
INSPIRATION_COLUMNS = (
    Column("action", "text", 18, "the id of the action (Actions sheet)", required=True),
    Column("practice", "text", 24, "a practice id (Practices sheet)", required=True),
    Column("source", "text", 16, "the source id that says so", required=True),
)
SOURCE_COLUMNS = (
    Column("id", "text", 22, ""),
    Column("title", "text", 60, ""),
    Column("address", "text", 50, ""),
    Column("publisher", "text", 24, ""),
)
PRACTICE_COLUMNS = (
    Column("id", "text", 24, ""),
    Column("name", "text", 40, ""),
    Column("city", "text", 14, "the network city that runs it, or empty"),
    Column("origin", "text", 24, ""),
)


def editable_sheets() -> dict[str, tuple[Column, ...]]:
    return {
        "Cities": CITY_COLUMNS,
        "Actions": action_columns(),
        "Partners": PARTNER_COLUMNS,
        "Indicators": INDICATOR_COLUMNS,
        "Inspirations": INSPIRATION_COLUMNS,
    }


# Pydantic field path (inside a city file) -> workbook column, to place a problem in a cell.
CITY_FIELD_COLUMNS = {
    "id": "id", "name": "name", "country": "country", "role": "role", "summary": "summary",
    "sources": "sources", "location.lat": "lat", "location.lon": "lon", "location": "lat",
    "location.source": "location_source", "population.value": "population", "population": "population",
    "population.year": "population_year", "population.source": "population_source",
    "population.approximate": "population_approximate",
    "plan_period.start": "plan_start", "plan_period": "plan_start", "plan_period.end": "plan_end",
    "plan_period.source": "plan_source", "iap_document.title": "iap_title", "iap_document": "iap_title",
    "iap_document.source": "iap_source", "focus_areas.areas": "focus_areas", "focus_areas": "focus_areas",
    "focus_areas.emphasis": "focus_emphasis", "focus_areas.source": "focus_source",
}  # fmt: skip


def action_field_columns() -> dict[str, str]:
    """Pydantic field path (inside an action) -> the Actions column that holds it; a group
    (budget) is placed on its first column."""
    placed: dict[str, str] = {}
    for field in fields.sheet_fields("Actions"):
        placed[field.dotted] = field.name
        if field.group:
            placed.setdefault(field.group, field.name)
    return placed


README_TEXT = """\
The {network} data as a workbook. Change it, then import it back:
    python -m models import THIS_FILE.xlsx      (or the Spreadsheet page of the dashboard)
The import checks the whole workbook with the same rules as `python -m models validate`.
If anything is wrong, nothing is saved and every problem is listed as 'sheet, row, column: message'.
Only the city files whose content changed are rewritten; the rest stay exactly as they are.

Sheets you can change
  Cities        one row per city. A new row (and its actions) becomes a new city file.
                A city left out of the sheet is not deleted: its file stays as it is.
  Actions       one row per action; 'city' says whose action it is. Removing a row removes
                the action from its city's file. Budget: all budget columns empty = unknown.
                Timing: all timing columns empty = unknown.
  Partners      one row per partner of an action (in order).
  Indicators    one row per indicator of an action (in order).
  Inspirations  one row per practice that inspired an action.
Sheets for reference (changes there are not imported)
  Sources       the documents records may cite; add a new one first (dashboard: Edit a plan,
                Sources; or in data/sources.yaml), then export a fresh workbook.
  Practices     the practices an action may name as its inspiration (data/practices.yaml).
  Lists         the allowed values of the vocabulary fields.

Rules
  - Every fact comes from a document of the Sources sheet: cite its id in the source columns.
  - A figure no source states stays EMPTY (unknown). Never write 0 for unknown.
  - Fields with a drop-down list take one value from it. Fields holding several values
    (interventions, beneficiaries, funding_sources, focus_areas, sources, target_groups)
    take ids separated by commas, like '{example}'; the drop-down helps with the
    first, the allowed ids are in the Lists sheet (labels are accepted too).
  - Amounts and years are plain numbers: 9800, not '9.800 EUR'.
  - Hover over a column's header to see what it holds.
"""

LIST_SPLIT = re.compile(r"[,;\n]")


# --- writing -----------------------------------------------------------------------------------


def _raw_city_files(data_dir: Path) -> list[tuple[Path, dict]]:
    """Every readable city file, as parsed YAML (the files themselves, not the validated model,
    so that what the workbook shows is exactly what the files hold)."""
    found = []
    for path in sorted((Path(data_dir) / "cities").glob("*.yaml")):
        data, problem = read_yaml(path, f"cities/{path.name}")
        if problem is None and isinstance(data, dict):
            found.append((path, data))
    return found


def _listed(value) -> str | None:
    if not value:
        return None
    return ", ".join(str(v) for v in value)


def _get(data: dict, *path):
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _yes_no(value):
    """A true/false field as the workbook shows it: 'yes', 'no', or empty when left out."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value  # anything else is shown as the file holds it, for validation to name


def yes_no_value(value):
    """A 'yes'/'no' cell back as the file holds it: true, false, or left out (None)."""
    if isinstance(value, str) and value.lower() in ("yes", "no", "true", "false"):
        return value.lower() in ("yes", "true")
    return value


def city_row(city: dict) -> list:
    return [
        city.get("id"), city.get("name"), city.get("country"), city.get("role"), city.get("summary"),
        _listed(city.get("sources")), _get(city, "location", "lat"), _get(city, "location", "lon"),
        _get(city, "location", "source"), _get(city, "population", "value"),
        _get(city, "population", "year"), _get(city, "population", "source"),
        _yes_no(_get(city, "population", "approximate")),
        _get(city, "plan_period", "start"), _get(city, "plan_period", "end"),
        _get(city, "plan_period", "source"), _get(city, "iap_document", "title"),
        _get(city, "iap_document", "source"), _listed(_get(city, "focus_areas", "areas")),
        _listed(_get(city, "focus_areas", "emphasis")), _get(city, "focus_areas", "source"),
    ]  # fmt: skip


def action_row(city_id: str, action: dict) -> list:
    """An action of a city file as a row of the Actions sheet, in action_columns()' order."""
    row = [city_id]
    for field in fields.sheet_fields("Actions"):
        value = fields.value_at(action, field.path)
        row.append(_listed(value) if field.described.kind == "list" else value)
    return row


HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
REFERENCE_FILL = PatternFill("solid", fgColor="EEEEEE")


def _put(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and ("\n" in value or len(value) > 60):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(workbook: Workbook, title: str, columns, rows: list[list], reference: bool = False):
    sheet = workbook.create_sheet(title)
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = REFERENCE_FILL if reference else HEADER_FILL
        if column.help:
            required = " (required)" if column.required else ""
            cell.comment = Comment(f"{column.help}{required}", "dashboard")
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                _put(sheet, r, c, value)
    sheet.freeze_panes = "B2" if title in ("Cities", "Actions") else "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    return sheet


def _choice_lists(vocabulary) -> dict[str, list[tuple[str, str]]]:
    """List name -> [(id, label)] for the Lists sheet and the drop-downs."""
    lists = {name: [(v, v) for v in values] for name, values in FIXED_CHOICES.items()}
    if vocabulary is not None:
        for kind in ("interventions", "support_levels", "beneficiaries", "focus_areas", "funding_sources"):
            lists[kind] = [(t.id, t.label) for t in vocabulary.terms[kind]]
    return lists


def _add_lists(workbook: Workbook, lists: dict) -> dict[str, str]:
    """The Lists sheet: two columns (id, label) per list; returns list name -> cell range."""
    sheet = workbook.create_sheet("Lists")
    ranges = {}
    for index, (name, values) in enumerate(lists.items()):
        column = 1 + index * 3
        letter = get_column_letter(column)
        sheet.cell(row=1, column=column, value=name).font = Font(bold=True)
        sheet.cell(row=1, column=column + 1, value="label").font = Font(bold=True)
        for row, (value, label) in enumerate(values, start=2):
            _put(sheet, row, column, value)
            _put(sheet, row, column + 1, label)
        sheet.column_dimensions[letter].width = max(12, max((len(v) for v, _ in values), default=8) + 2)
        sheet.column_dimensions[get_column_letter(column + 1)].width = 28
        ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    sheet.freeze_panes = "A2"
    return ranges


def _add_dropdowns(sheet, columns, ranges: dict[str, str], last_row: int) -> None:
    for number, column in enumerate(columns, start=1):
        if column.choices not in ranges:
            continue
        letter = get_column_letter(number)
        single = column.kind == "choice"
        validation = DataValidation(
            type="list",
            formula1=ranges[column.choices],
            allow_blank=True,
            # Several comma-separated ids cannot pass a list check: offer the list, accept the text.
            showErrorMessage=single,
            errorTitle="Not in the list",
            error=f"Pick one of the values of the list ({column.help}).",
            promptTitle=column.name,
            prompt=column.help[:250],
            showInputMessage=True,
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)


def _readme(vocabulary) -> str:
    """The README sheet, naming the network and example ids of its model (data/model.yaml)."""
    if vocabulary is None:
        return README_TEXT.format(network="network's", example="id, another-id")
    ids = vocabulary.ids("interventions")
    example = ", ".join(ids[:1] + ids[2:3]) if len(ids) > 2 else ", ".join(ids)
    return README_TEXT.format(network=vocabulary.name, example=example)


def _with_ids(columns, vocabulary):
    """Columns whose help says '{ids}' name their list's ids: 'intensive, targeted or universal'."""
    if vocabulary is None:
        return tuple(
            replace(c, help=c.help.replace("{ids}", "one of the Lists sheet's values")) for c in columns
        )
    resolved = []
    for column in columns:
        if "{ids}" in column.help:
            ids = vocabulary.ids(column.choices)
            said = ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " or " + ids[-1]
            column = replace(column, help=column.help.replace("{ids}", said))
        resolved.append(column)
    return tuple(resolved)


def build_workbook(data_dir: Path, vocabulary=None) -> bytes:
    """The whole data folder as an .xlsx file (bytes)."""
    data_dir = Path(data_dir)
    cities = _raw_city_files(data_dir)
    city_rows, action_rows, partner_rows, indicator_rows, inspiration_rows = [], [], [], [], []
    for _path, city in cities:
        city_rows.append(city_row(city))
        for action in city.get("actions") or []:
            if not isinstance(action, dict):
                continue
            action_rows.append(action_row(city.get("id"), action))
            for partner in action.get("partners") or []:
                partner_rows.append([action.get("id"), partner])
            for indicator in action.get("indicators") or []:
                indicator_rows.append(
                    [
                        action.get("id"),
                        _get(indicator, "indicator"),
                        _get(indicator, "target"),
                        _get(indicator, "id"),
                        _get(indicator, "target_value"),
                        _get(indicator, "unit"),
                        _get(indicator, "period"),
                    ]
                )
            for inspiration in action.get("inspired_by") or []:
                inspiration_rows.append(
                    [action.get("id"), _get(inspiration, "practice"), _get(inspiration, "source")]
                )

    sources, _problem = read_yaml(data_dir / "sources.yaml", "sources.yaml")
    practices, _problem = read_yaml(data_dir / "practices.yaml", "practices.yaml")
    source_rows = [[s.get(c.name) for c in SOURCE_COLUMNS] for s in (sources or {}).get("sources") or []]
    practice_rows = [
        [p.get(c.name) for c in PRACTICE_COLUMNS] for p in (practices or {}).get("practices") or []
    ]

    workbook = Workbook()
    readme = workbook.active
    readme.title = "README"
    for row, line in enumerate(_readme(vocabulary).splitlines(), start=1):
        if line:
            _put(readme, row, 1, line)
    readme["A1"].font = Font(bold=True, size=13)
    readme.column_dimensions["A"].width = 110

    lists = _choice_lists(vocabulary)
    sheets = {
        "Cities": (CITY_COLUMNS, city_rows),
        "Actions": (_with_ids(action_columns(), vocabulary), action_rows),
        "Partners": (PARTNER_COLUMNS, partner_rows),
        "Indicators": (INDICATOR_COLUMNS, indicator_rows),
        "Inspirations": (INSPIRATION_COLUMNS, inspiration_rows),
    }
    made = {title: _sheet(workbook, title, columns, rows) for title, (columns, rows) in sheets.items()}
    _sheet(workbook, "Sources", SOURCE_COLUMNS, source_rows, reference=True)
    _sheet(workbook, "Practices", PRACTICE_COLUMNS, practice_rows, reference=True)
    ranges = _add_lists(workbook, lists)
    for title, (columns, rows) in sheets.items():
        _add_dropdowns(made[title], columns, ranges, max(len(rows) + 200, 500))
    keep_text_everywhere(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class CellProblem:
    """One thing wrong in the workbook, placed so a person can find it."""

    sheet: str
    row: int | str
    column: str
    message: str

    def __str__(self) -> str:
        where = [self.sheet]
        where += [_("row {row}").format(row=self.row)] if self.row != "-" else []
        where += [_("column {column}").format(column=self.column)] if self.column != "-" else []
        return _("{where}: {message}").format(where=", ".join(where), message=self.message)


@dataclass
class Row:
    sheet: str
    number: int  # the row number Excel shows
    values: dict  # column name -> cleaned value (None when empty)


def _clean(value, column: Column, sheet: str, row: int, problems: list, lists: dict):
    """A cell's value as the data holds it, or a problem."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            value = None
    if value is None:
        return None
    if column.kind in ("number", "whole"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            text = str(value).replace(" ", "")
            if not re.fullmatch(r"-?\d+(\.\d+)?", text):
                problems.append(
                    CellProblem(
                        sheet, row, column.name,
                        _("must be a plain number like 9800, without currency signs, spaces or "
                          "thousands separators; not '{value}'").format(value=_short(value)),
                    )
                )  # fmt: skip
                return None
            value = float(text)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if column.kind == "whole" and not isinstance(value, int):
            said = _("must be a whole number, not {value}").format(value=value)
            problems.append(CellProblem(sheet, row, column.name, said))
            return None
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, str):
        value = str(value)  # a number typed in a text column (an action's number '3')
    if column.kind == "list":
        items = [item.strip() for item in LIST_SPLIT.split(value) if item.strip()]
        if column.choices in lists:
            items = [_to_id(item, lists[column.choices]) for item in items]
        return items
    if column.kind == "choice" and column.choices in lists:
        return _to_id(value, lists[column.choices])
    return value


def _to_id(value: str, allowed: list[tuple[str, str]]) -> str:
    """A label typed instead of an id ('Raise awareness') becomes the id ('awareness');
    anything else is kept as typed, for the validator to report with the allowed values."""
    for term_id, label in allowed:
        if value.lower() in (term_id.lower(), label.lower()):
            return term_id
    return value


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= 40 else text[:37] + "..."


def _bounded_rows(sheet, known: int) -> list[tuple]:
    """A sheet's rows, read one at a time without padding (formats.upload_limits): the header
    as wide as it is written (a few columns past the layout's, so unknown ones are named),
    the rest as wide as the header."""
    header = next(upload_limits.rows(sheet, known + 20), ())
    while header and header[-1] is None:
        header = header[:-1]
    width = max(len(header), 1)
    return [tuple(header), *upload_limits.rows(sheet, width, first=2)]


def read_workbook(content: bytes, vocabulary=None) -> tuple[dict[str, list[Row]], list[CellProblem]]:
    """The editable sheets as cleaned rows, and the problems found in the cells."""
    problems: list[CellProblem] = []
    try:
        upload_limits.measure(content)
    except upload_limits.TooLarge as too_large:
        return {}, [
            CellProblem(
                "(file)", "-", "-", _("this workbook is too large to read: {reason}").format(reason=too_large)
            )
        ]
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        return {}, [
            CellProblem(
                "(file)",
                "-",
                "-",
                _("this is not an Excel workbook (.xlsx) that can be read; save it as .xlsx and try again"),
            )
        ]
    lists = _choice_lists(vocabulary)
    sheets: dict[str, list[Row]] = {}
    for title, columns in editable_sheets().items():
        if title not in workbook.sheetnames:
            problems.append(
                CellProblem(
                    title,
                    "-",
                    "-",
                    _(
                        "the workbook has no sheet '{sheet}'; export a fresh workbook and copy your rows into it"
                    ).format(sheet=title),
                )
            )
            continue
        try:
            sheet_rows = _bounded_rows(workbook[title], len(columns))
        except upload_limits.TooLarge as too_large:
            workbook.close()
            return {}, [
                CellProblem(
                    title,
                    "-",
                    "-",
                    _("this workbook is too large to read: {reason}").format(reason=too_large),
                )
            ]
        except Exception:  # noqa: BLE001 - a damaged sheet raises whatever its XML makes openpyxl raise
            workbook.close()
            return {}, [
                CellProblem(
                    title,
                    "-",
                    "-",
                    _(
                        "this sheet cannot be read (the file is damaged); save the workbook again as .xlsx and retry"
                    ),
                )
            ]
        rows = sheet_rows
        header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
        missing = [c.name for c in columns if c.name not in header]
        if missing:
            problems.append(
                CellProblem(
                    title,
                    1,
                    ", ".join(missing),
                    _("these columns are missing from the header row; do not rename or delete columns"),
                )
            )
            continue
        unknown = [h for h in header if h and h not in {c.name for c in columns}]
        if unknown:
            problems.append(
                CellProblem(
                    title,
                    1,
                    ", ".join(unknown),
                    _(
                        "these columns are not part of the workbook's layout; remove them (their content would be lost)"
                    ),
                )
            )
        position = {h: i for i, h in enumerate(header)}
        formulas = upload_limits.formulas_without_result(content, title, len(header))
        cleaned = []
        for number, values in enumerate(rows[1:], start=2):
            raw = {
                c.name: values[position[c.name]] if position[c.name] < len(values) else None for c in columns
            }
            unresolved = {
                c.name: formulas[(number, position[c.name])]
                for c in columns
                if raw[c.name] is None and (number, position[c.name]) in formulas
            }
            for name, formula in unresolved.items():
                problems.append(
                    CellProblem(
                        title,
                        number,
                        name,
                        upload_limits.formula_words(formula),
                    )
                )
            if unresolved:
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                continue  # an empty row
            row = Row(
                title,
                number,
                {c.name: _clean(raw[c.name], c, title, number, problems, lists) for c in columns},
            )
            for column in columns:
                if column.required and row.values[column.name] in (None, []):
                    problems.append(
                        CellProblem(title, number, column.name, _("is empty; fill it in (it is required)"))
                    )
            cleaned.append(row)
        sheets[title] = cleaned
    workbook.close()
    return sheets, problems


def read_workbook_isolated(content: bytes, vocabulary=None) -> tuple[dict[str, list[Row]], list[CellProblem]]:
    """`read_workbook` in a process of its own, with a time and memory limit (formats.worker):
    for a file someone uploads, so that no file can stop the server for everyone."""
    try:
        return worker.run_limited(read_workbook, content, vocabulary)
    except worker.OverLimit as over:
        return {}, [
            CellProblem("(file)", "-", "-", _("this workbook cannot be read: {reason}").format(reason=over))
        ]
