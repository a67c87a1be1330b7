"""The shape of every data file, as strict pydantic models.

Vocabulary ids (interventions, levels, groups, focus areas, funding sources) are data
(data/model.yaml), so they are checked against the vocabulary passed in the validation
context rather than hard-coded as literals here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from words.i18n import N_, _, said

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class Strict(BaseModel):
    """Base of every record: unknown fields are errors, text is trimmed, a number is finite
    (`.inf` or `1.0e+999` in a file is no figure a source states)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)


@dataclass(frozen=True)
class Described:
    """How a field of an action is named and written outside its file, beside its type: the
    field registry (models.fields) reads it, and the CSV and Excel columns, the workbook's
    import, the edit form, the action table and the save messages derive from it, so a new
    optional field is one line here (plus its translations and tests).

    `label` is the form's words (marked for the catalog); `order` places the column in the
    CSV, the records and the workbook; `column` and `record` are the names in the workbook
    and in the records/CSV where they differ from the field's; `sheet` is where the workbook
    holds it (sub-records have a sheet of their own); `help` is the workbook's comment;
    `example` is a value as a person types it in a cell (a list: comma-separated) and is the
    value data/city-template.yaml shows; `note` is the template's comment where it must say
    more than `help` (models.template writes the template's action part from these)."""

    label: str
    order: int
    kind: Literal["text", "number", "whole", "list", "choice"] = "text"
    width: int = 16
    help: str = ""
    example: str | None = None
    choices: str | None = None  # a vocabulary kind of data/model.yaml or a fixed list of the workbook
    column: str | None = None
    record: str | None = None
    sheet: str = "Actions"
    note: str | None = None


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError("must be lower-case letters, digits and single hyphens, like 'skofja-loka'")
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _check_tag(value: str) -> str:
    if not value or value != value.lower():
        raise ValueError("tags are written in lower case, like 'older people'")
    return value


def _unique(values: list) -> list:
    repeated = sorted({v for v in values if values.count(v) > 1}, key=str)
    if repeated:
        raise ValueError(f"lists {', '.join(map(str, repeated))} more than once")
    return values


RecordId = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, AfterValidator(_not_blank)]
Tag = Annotated[str, AfterValidator(_check_tag)]
Year = Annotated[int, Field(ge=2000, le=2100)]


def _vocab_checker(kind: str):
    """A validator that accepts only ids of one vocabulary kind of data/model.yaml."""

    def check(value, info: ValidationInfo):
        vocab = (info.context or {}).get("vocabulary")
        if vocab is None:  # no vocabulary given: shape-only validation
            return value
        values = value if isinstance(value, list) else [value]
        allowed = vocab.ids(kind)
        for item in values:
            if item not in allowed:
                # Kept with its values: a form says the allowed ones by their labels (models.form_words).
                raise ValueError(
                    said(
                        N_("'{value}' is not one of the {kind}: {allowed}"),
                        value=item,
                        given=item,
                        kind=said(vocab.title(kind)),
                        allowed=", ".join(allowed),
                        choices=kind,
                    )
                )
        return value

    return check


# --- the vocabulary file (data/model.yaml) ---------------------------------------------


def _check_term_id(value: str) -> str:
    if not re.match(r"^[a-z][a-z0-9_]*$", value):
        raise ValueError("must be lower-case letters, digits and underscores, like 'at_risk'")
    return value


class TermWords(Strict):
    """A term's words in another language of the interface (model.yaml's `translations`):
    what is not given stays as written in the term itself."""

    label: Text | None = None
    description: Text | None = None
    short: Text | None = None
    read_as: Text | None = None  # focus areas only


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]


class Term(Strict):
    id: Annotated[str, AfterValidator(_check_term_id)]
    label: Text
    description: Text
    order: int
    colour: str
    # The label as a sentence says it ('the intensive level'); the label in lower case if not given.
    short: Text | None = None
    # The label and description in the interface's other languages: {fr: {label: Repérer}}.
    translations: dict[LanguageCode, TermWords] = {}

    def in_language(self, code: str):
        """This term with its words in `code` where model.yaml gives them."""
        words = self.translations.get(code)
        if words is None:
            return self
        given = {
            k: v for k, v in words.model_dump().items() if v is not None and k in type(self).model_fields
        }
        return self.model_copy(update=given)

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not HEX_COLOUR.match(value):
            raise ValueError("must be a colour written like '#0072B2'")
        return value

    @property
    def in_sentence(self) -> str:
        return self.short or self.label.lower()


class NetworkWords(Strict):
    """The network's words in another language of the interface; its name stays as it is."""

    subtitle: Text | None = None
    description: Text | None = None
    focus_areas_from: Text | None = None


class Network(Strict):
    """Who the model is for: shown in titles, footers and file names."""

    name: Text  # 'Breaking Isolation'
    subtitle: Text  # 'ten plans on one model'; the title is 'name: subtitle'
    programme: Text | None = None  # 'URBACT', shown after the name in slide footers
    description: Text | None = None  # one line under the sidebar's filters
    focus_areas_from: Text | None = None  # the document the focus areas come from: 'Baseline Study'
    # The subtitle and description in the interface's other languages: {fr: {subtitle: ...}}.
    translations: dict[LanguageCode, NetworkWords] = {}

    def in_language(self, code: str) -> Network:
        """The network with its words in `code` where model.yaml gives them."""
        words = self.translations.get(code)
        if words is None:
            return self
        return self.model_copy(update={k: v for k, v in words.model_dump().items() if v is not None})

    @property
    def title(self) -> str:
        return _("{name}: {subtitle}").format(name=self.name, subtitle=self.subtitle)


class Cells(Strict):
    """Where a focus area sits on the model: the actions on any of the listed interventions,
    support levels and groups (an axis not listed: any), or the actions that name partners."""

    interventions: list[str] | None = Field(default=None, min_length=1)
    support_levels: list[str] | None = Field(default=None, min_length=1)
    beneficiaries: list[str] | None = Field(default=None, min_length=1)
    with_partners: StrictBool = False


class FocusArea(Term):
    cells: Cells | None = None  # not read on the model when missing
    read_as: Text | None = None  # how the page says the reading; made from the labels if missing


class ImportDefaults(Strict):
    interventions: list[str] | None = Field(default=None, min_length=1)
    support_level: str | None = None
    beneficiaries: list[str] | None = Field(default=None, min_length=1)
    funding_sources: list[str] | None = Field(default=None, min_length=1)


PlanField = Literal[
    "title", "description", "timing", "lead", "partners", "cost", "funder", "indicators", "target",
    "activities", "objective",
]  # fmt: skip
PlanSection = Literal["contents", "recap", "monitoring", "ideas", "stop"]


class PlanWords(Strict):
    """One language's words for reading a plan (Import a plan): what marks an action heading,
    the labels of an action's fields, the sections that hold no actions, money words, and the
    language's own funder and placement stems (added to the rules that hold for every language)."""

    name: Text
    detect_as: list[Text] = []  # the detector's ISO 639-1 codes, when not the block's key
    action: list[Text] = []
    fields: dict[PlanField, list[Text]] = {}
    title_column: list[Text] = []
    sections: dict[PlanSection, list[Text]] = {}
    total: list[Text] = []
    undefined: list[Text] = []
    per_year: list[Text] = []
    overall: list[Text] = []
    per_unit: list[Text] = []
    page: list[Text] = []
    interventions: dict[str, list[Text]] = {}
    support_levels: dict[str, list[Text]] = {}
    beneficiaries: dict[str, list[Text]] = {}
    funding_sources: dict[str, list[Text]] = {}


class ImportRules(Strict):
    """The words that read a plan and place the actions drafted from it (Import a plan): per
    axis, an id and the word stems that point to it (every language); then each language's own
    words. `defaults` is kept for older model files and no longer used: an axis no word matched
    is left for the person to choose."""

    interventions: dict[str, list[Text]] = {}
    support_levels: dict[str, list[Text]] = {}
    beneficiaries: dict[str, list[Text]] = {}
    funding_sources: dict[str, list[Text]] = {}
    languages: dict[str, PlanWords] = {}
    defaults: ImportDefaults = ImportDefaults()


class ModelFile(Strict):
    network: Network
    interventions: list[Term] = Field(min_length=1)
    support_levels: list[Term] = Field(min_length=1)
    beneficiaries: list[Term] = Field(min_length=1)
    focus_areas: list[FocusArea] = Field(min_length=1)
    funding_sources: list[Term] = Field(min_length=1)
    iap_import: ImportRules = ImportRules()
    sources: list[RecordId] = []


# --- sources (data/sources.yaml) --------------------------------------------------------


class Source(Strict):
    id: RecordId
    title: Text
    address: str | None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    note: str | None = None

    @field_validator("address")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be a web address starting with https:// or http://")
        return value


class SourcesFile(Strict):
    sources: list[Source]


# --- practices (data/practices.yaml) ---------------------------------------------------


class Figure(Strict):
    what: Text
    value: float = Field(ge=0)
    year: Year | None = None
    source: RecordId


class Practice(Strict):
    id: RecordId
    name: Text
    city: RecordId | None = Field(
        description="the network city that runs it, or null for a practice from outside"
    )
    origin: str | None = Field(default=None, validate_default=True)
    description: Text
    action: RecordId | None = None
    figures: list[Figure] = []
    sources: list[RecordId] = Field(min_length=1)

    @field_validator("origin")
    @classmethod
    def _origin(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and "city" in info.data and info.data["city"] is None:
            raise ValueError("a practice from outside the network needs an origin, like 'Brussels (Belgium)'")
        return value


class ParallelTesting(Strict):
    id: RecordId
    theme: Text
    actions: Annotated[list[RecordId], AfterValidator(_unique)] = Field(min_length=2)
    source: RecordId


class PracticesFile(Strict):
    practices: list[Practice]
    parallel_testing: list[ParallelTesting] = []


# --- cities (data/cities/<id>.yaml) -----------------------------------------------------


class Location(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    source: RecordId


class Population(Strict):
    """`approximate`: the source gives the figure as approximate (or, like GeoNames, without
    saying when it was counted); it is shown as 'about 16,770'."""

    value: int = Field(gt=0)
    year: Year | None
    source: RecordId
    approximate: StrictBool = False


class PlanPeriod(Strict):
    start: Year
    end: Year | None
    source: RecordId

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: int | None, info: ValidationInfo) -> int | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise ValueError(f"ends ({value}) before it starts ({start})")
        return value


class IapDocument(Strict):
    title: Text
    source: RecordId


class FocusAreas(Strict):
    areas: Annotated[list[str], AfterValidator(_unique), AfterValidator(_vocab_checker("focus_areas"))] = (
        Field(min_length=1)
    )
    emphasis: Annotated[list[str], AfterValidator(_vocab_checker("focus_areas"))] = []
    source: RecordId


class TestingOrigin(Strict):
    """For a plan action that was first tried as a testing action: what the testing showed."""

    description: Annotated[
        Text,
        Described(
            N_("What the testing showed"),
            220,
            width=30,
            column="testing_origin",
            example="a café in the library; 30 came",
            help="for a plan action first tried as a testing action: how",
            note="what the testing showed, in a sentence",
        ),
    ]
    action: Annotated[
        RecordId | None,
        Described(
            N_("Which testing action"),
            230,
            width=18,
            column="testing_origin_action",
            help="the id of that testing action, or empty",
        ),
    ] = None


class Budget(Strict):
    """What the action costs, as a source states it; null (unknown) as a whole when none does."""

    amount_eur: Annotated[
        float,
        Described(
            N_("Amount (EUR)"),
            120,
            "number",
            12,
            column="budget_eur",
            example="9800",
            help="amount in euros, digits only; all budget columns empty = unknown",
        ),
    ] = Field(ge=0)
    basis: Annotated[
        Literal["plan_total", "per_year"],
        Described(
            N_("The amount is"),
            130,
            "choice",
            12,
            column="budget_basis",
            choices="basis",
            example="plan_total",
            note="plan_total (whole plan period) or per_year",
            help="plan_total or per_year",
        ),
    ]
    status: Annotated[
        Literal["planned", "estimated"],
        Described(
            N_("Status"),
            140,
            "choice",
            12,
            column="budget_status",
            choices="status",
            example="planned",
            note="planned (in the plan's budget) or estimated (an idea's estimate)",
            help="planned or estimated",
        ),
    ]
    funding_sources: Annotated[
        list[str],
        AfterValidator(_unique),
        AfterValidator(_vocab_checker("funding_sources")),
        Described(
            N_("Paid by"),
            150,
            "list",
            20,
            choices="funding_sources",
            example="municipal",
            help="funding source ids, comma-separated",
        ),
    ] = Field(min_length=1)
    funding_note: Annotated[
        str | None,
        Described(
            N_("Note on funding"),
            160,
            width=30,
            example="PR Regione Molise (ESF+)",
            help="e.g. 'PR Regione Molise (ESF+)'",
            note="who pays, in the plan's words, or null",
        ),
    ] = None
    source: Annotated[
        RecordId,
        Described(
            N_("Source of the figure"),
            170,
            column="budget_source",
            example="isernia-iap",
            help="source id of the budget",
            note="the id of the document (data/sources.yaml) that states the figure",
        ),
    ]


class Timing(Strict):
    """When the action runs, as the plan says; null (unknown) as a whole when it does not."""

    start_year: Annotated[
        Year | None,
        Described(
            N_("From (year; empty if unknown)"), 180, "whole", 10, help="first year, or empty", example="2026"
        ),
    ]
    end_year: Annotated[
        Year | None,
        Described(
            N_("Until (year; empty if unknown)"), 190, "whole", 10, help="last year, or empty", example="2027"
        ),
    ]
    detail: Annotated[
        str | None,
        Described(
            N_("Detail (months, phases)"),
            200,
            width=30,
            column="timing_detail",
            record="timing",
            example="from March, twice a year",
            help="when, in words",
        ),
    ] = None

    @field_validator("end_year")
    @classmethod
    def _end_after_start(cls, value: int | None, info: ValidationInfo) -> int | None:
        start = info.data.get("start_year")
        if value is not None and start is not None and value < start:
            raise ValueError(f"ends ({value}) before it starts ({start})")
        return value


class Indicator(Strict):
    """A monitoring indicator of an action. `target` is the plan's words; `target_value`,
    `unit` and `period` are the same target as a number, for following progress:
    `plan` = a total over the action's years, `per_year` = each calendar year,
    `per_event` = each event or measurement (e.g. participants per event, % satisfied)."""

    # Each field's description and example are data/city-template.yaml's (models.template).
    id: RecordId | None = Field(
        default=None,
        description="unique; progress reports (data/progress/) point at it",
        examples=["example-city-a1-n1"],
    )
    indicator: Text = Field(
        description="what is counted, in the plan's terms", examples=["participants per event"]
    )
    target: str | None = Field(
        default=None,
        description="the target in the plan's words, or null",
        examples=["at least 50 per event"],
    )
    target_value: float | None = Field(
        default=None,
        ge=0,
        description="the same target as a number, or null if the plan gives none",
        examples=[50],
    )
    unit: str | None = Field(
        default=None, description='what that number counts ("%" for shares)', examples=["participants"]
    )
    period: Literal["plan", "per_year", "per_event"] | None = Field(
        default=None,
        description="plan (a total over the action's years), per_year, or per_event (holds each time: per "
        "event, per meeting, % satisfied)",
        examples=["per_event"],
    )


class Inspiration(Strict):
    """A practice (data/practices.yaml) the action follows, and the document that says so."""

    practice: RecordId = Field(
        description="a practice id of data/practices.yaml", examples=["skofja-loka-prostofer"]
    )
    source: RecordId = Field(description="the document that says so", examples=["final-article"])


ActionKind = Literal["iap_action", "testing_action", "idea"]


class Action(Strict):
    """One action of a city's plan. Each field's `Described` is its entry in the field
    registry (models.fields); budget, timing and testing_origin are groups of fields, known
    or unknown (null) as a whole."""

    id: Annotated[
        RecordId,
        Described(
            N_("Id"),
            10,
            width=18,
            example="example-city-a1",
            help="unique across the network; by habit <city>-a<number>",
            note="unique across the network; by habit <city id>-a<number>, -t<n> for testing actions "
            "and -i<n> for ideas",
        ),
    ]
    number: Annotated[
        str | None,
        Described(
            N_("Number in the plan"),
            20,
            width=8,
            example="1",
            help="the action's number in the plan, or empty",
        ),
    ] = None
    title: Annotated[Text, Described(N_("Title"), 30, width=34, example="Observatory on isolation")]
    kind: Annotated[
        ActionKind,
        Described(
            N_("Type"),
            40,
            "choice",
            14,
            choices="kind",
            example="iap_action",
            help="iap_action, testing_action or idea",
            note="iap_action (in the plan, including testing actions that entered it), testing_action "
            "(tried, not in the plan), idea (proposed, not funded)",
        ),
    ]
    description: Annotated[
        Text,
        Described(
            N_("Description"),
            50,
            width=60,
            example="One to three sentences in your own words.",
            help="one to three sentences in your own words",
        ),
    ]
    testing_origin: TestingOrigin | None = None
    interventions: Annotated[
        list[str],
        AfterValidator(_unique),
        AfterValidator(_vocab_checker("interventions")),
        Described(
            N_("Interventions"),
            60,
            "list",
            22,
            choices="interventions",
            example="identify, awareness",
            help="one or more, the primary one first, comma-separated",
            note="one or more of data/model.yaml's interventions; the primary one first",
        ),
    ] = Field(min_length=1)
    support_level: Annotated[
        str,
        AfterValidator(_vocab_checker("support_levels")),
        Described(
            N_("Support level"),
            70,
            "choice",
            14,
            choices="support_levels",
            example="targeted",
            help="{ids}",
            note="intensive, targeted or universal",
        ),
    ]
    beneficiaries: Annotated[
        list[str],
        AfterValidator(_unique),
        AfterValidator(_vocab_checker("beneficiaries")),
        Described(
            N_("Beneficiary groups"),
            80,
            "list",
            22,
            choices="beneficiaries",
            example="isolated, at_risk",
            help="one or more, comma-separated",
            note="one or more of data/model.yaml's beneficiary groups",
        ),
    ] = Field(min_length=1)
    target_groups: Annotated[
        list[Tag],
        AfterValidator(_unique),
        Described(
            N_("Target groups"),
            90,
            "list",
            24,
            example="older people",
            help="free tags in lower case, comma-separated",
            note="free tags in lower case",
        ),
    ] = []
    model_reason: Annotated[
        Text,
        Described(
            N_("Why it is placed there (one line)"),
            100,
            width=50,
            example="Finds isolated people through a yearly survey run with partners.",
            help="one line: why the action sits where it does on the model",
        ),
    ]
    budget: Budget | None = None
    timing: Timing | None = None
    lead: Annotated[
        str | None, Described(N_("Lead"), 210, width=24, help="who leads the action, or empty")
    ] = None
    partners: Annotated[
        list[Text], Described(N_("Partners"), 240, "list", sheet="Partners", note="organisations taking part")
    ] = []
    indicators: Annotated[
        list[Indicator],
        Described(
            N_("Indicators"),
            250,
            "list",
            sheet="Indicators",
            note="monitoring indicators from the plan; progress reports (data/progress/) point at their ids",
        ),
    ] = []
    inspired_by: Annotated[
        list[Inspiration],
        Described(
            N_("Inspired by"),
            260,
            "list",
            sheet="Inspirations",
            note="practices of data/practices.yaml the action follows",
        ),
    ] = []
    notes: Annotated[
        str | None,
        Described(
            N_("Notes"),
            270,
            width=40,
            help="anything a reader must know",
            note='anything a reader must know (e.g. "title is descriptive")',
        ),
    ] = None
    sources: Annotated[
        list[RecordId],
        AfterValidator(_unique),
        Described(
            N_("Sources"),
            280,
            "list",
            24,
            example="final-article",
            help="source ids, comma-separated",
            note="ids of the documents (data/sources.yaml) that state the facts above",
        ),
    ] = Field(min_length=1)

    @field_validator("testing_origin")
    @classmethod
    def _origin_only_for_plan_actions(cls, value, info: ValidationInfo):
        if value is not None and info.data.get("kind") != "iap_action":
            raise ValueError("only a plan action (kind iap_action) can come from a testing action")
        return value


class City(Strict):
    """A city without its actions; actions are validated one by one so that a bad action
    does not hide the rest of the city's plan."""

    id: RecordId
    name: Text
    country: Text
    role: Literal["lead_partner", "partner"]
    location: Location | None = None
    population: Population | None = None
    plan_period: PlanPeriod | None = None
    iap_document: IapDocument | None = None
    focus_areas: FocusAreas | None = None
    summary: str | None = None
    sources: list[RecordId] = Field(min_length=1)


# --- a city's self-assessment (data/assessments/<city>.yaml) ----------------------------------

Rating = Literal["covered", "partly", "not_covered", "not_relevant"]


class CellRating(Strict):
    """The city's own rating of one cell of one grid of the model."""

    intervention: Annotated[str, AfterValidator(_vocab_checker("interventions"))]
    beneficiary: Annotated[str, AfterValidator(_vocab_checker("beneficiaries"))] | None = None
    support_level: Annotated[str, AfterValidator(_vocab_checker("support_levels"))] | None = None
    rating: Rating
    comment: str | None = None

    @model_validator(mode="after")
    def _one_grid(self) -> CellRating:
        if (self.beneficiary is None) == (self.support_level is None):
            raise ValueError(
                "give either a beneficiary group or a support level (one cell of one grid), not both or neither"
            )
        return self

    @property
    def cell(self) -> tuple[str, str, str]:
        """(grid, intervention, cell): grid is 'beneficiary' or 'support_level'."""
        if self.beneficiary is not None:
            return ("beneficiary", self.intervention, self.beneficiary)
        return ("support_level", self.intervention, str(self.support_level))


def _cells_unique(ratings: list[CellRating]) -> list[CellRating]:
    seen, repeated = set(), []
    for rating in ratings:
        if rating.cell in seen:
            repeated.append(" × ".join(rating.cell[1:]))
        seen.add(rating.cell)
    if repeated:
        raise ValueError(f"rates the same cell more than once: {', '.join(repeated)}")
    return ratings


class SelfAssessment(Strict):
    """A city's own view of its coverage: self-reported, shown apart from the mapping."""

    city: RecordId
    assessed_by: Text
    date: datetime.date
    ratings: Annotated[list[CellRating], AfterValidator(_cells_unique)] = []


# --- progress reports (data/progress/<city>.yaml) ---------------------------------------------


class ProgressReport(Strict):
    """One value reported for one indicator on one date. Reports are only ever added."""

    action: RecordId
    indicator: RecordId
    value: float
    date: datetime.date
    reported_by: Text
    comment: str | None = None


class ProgressFile(Strict):
    city: RecordId
    reports: list[ProgressReport] = []
