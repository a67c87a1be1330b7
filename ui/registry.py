"""Every page of the dashboard, listed once.

The frame (app.py) builds the navigation from this list; the sidebar filters, the server's
warm-up, scripts/every_page.py, scripts/labels.py and every test that visits pages read it.
A new page is its file in pages/ and one line here: it is then in the navigation and is
visited by the page tests (AppTest, the browser, accessibility and pop-up checks).

Plain data, no streamlit: tests and scripts import it without starting anything. Titles,
sections and scopes are marked for translation here (N_) and translated where shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from words.i18n import N_

NETWORK, CITIES, DATA, MEETINGS = N_("The network"), N_("Cities"), N_("The data"), N_("For meetings")


@dataclass(frozen=True)
class Page:
    """One page: its file pages/<path>.py is served at /<path>."""

    path: str
    title: str  # untranslated (N_); _(page.title) where shown
    icon: str  # a Material Symbols name: https://fonts.google.com/icons
    section: str  # the heading it is listed under in the sidebar (N_)
    filtered: bool = False  # the sidebar's filters (cities, kind, intervention) apply to it
    signed_in: bool = False  # its work (editing, uploading, accounts) needs a signed-in person
    charts: int = 0  # the least number of charts its first view draws on the bundled data
    tabs_key: str | None = None  # the key of its tabs made only when chosen (ui.render.sections)
    # What it shows instead, where the filters do not apply (N_); said under the greyed filters.
    scope: str | None = None

    @property
    def file(self) -> str:
        return f"pages/{self.path}.py"


# In the order of the sidebar. The first is the default page, served at "/".
PAGES: tuple[Page, ...] = (
    Page("overview", N_("Overview"), "public", NETWORK, filtered=True, charts=1, tabs_key="overview_tab"),
    Page("coverage", N_("Coverage"), "grid_on", NETWORK, filtered=True, charts=1, tabs_key="coverage_tab"),
    Page("budgets", N_("Budgets"), "euro", NETWORK, filtered=True, charts=1, tabs_key="budgets_tab"),
    Page(
        "transfers", N_("Transfers"), "swap_horiz", NETWORK, filtered=True, charts=1, tabs_key="transfers_tab"
    ),
    Page("actions", N_("Actions"), "table_view", NETWORK, filtered=True),
    Page("mycity", N_("My city"), "location_city", CITIES, charts=2, scope=N_("one city's whole plan")),
    Page("compare", N_("Compare"), "compare", CITIES, charts=2, scope=N_("the cities chosen on the page")),
    Page(
        "progress",
        N_("Progress"),
        "trending_up",
        CITIES,
        charts=2,
        scope=N_("every indicator of the city chosen on the page"),
    ),
    Page("edit", N_("Edit a plan"), "edit", DATA, signed_in=True),
    Page("spreadsheet", N_("Spreadsheet"), "table_chart", DATA, signed_in=True),
    Page("import_plan", N_("Import a plan"), "upload_file", DATA, signed_in=True),
    Page("history", N_("History"), "history", DATA, signed_in=True),
    Page("accounts", N_("Accounts"), "manage_accounts", DATA, signed_in=True),
    Page(
        "present",
        N_("Presentation"),
        "slideshow",
        MEETINGS,
        charts=1,
        scope=N_("the whole network and the cities chosen for the sequence"),
    ),
)

DEFAULT = PAGES[0]
# A page that the filters do not apply to and that names no scope of its own.
OWN_CHOICE = N_("its own selection of data")


def page(path: str) -> Page | None:
    """The page served at url path `path` ("" is the default page); None for no page."""
    if path == "":
        return DEFAULT
    return next((p for p in PAGES if p.path == path), None)


def filtered(path: str) -> bool:
    """Whether the sidebar filters apply on the page at `path`; an unknown path (a page run
    on its own, outside the frame) keeps them, as the filtered pages do."""
    found = page(path)
    return found is None or found.filtered


def sections() -> dict[str, list[Page]]:
    """Section (untranslated) -> its pages, in the sidebar's order."""
    grouped: dict[str, list[Page]] = {}
    for each in PAGES:
        grouped.setdefault(each.section, []).append(each)
    return grouped


def filtered_titles() -> list[str]:
    """The titles (untranslated) of the pages the filters apply to, in order."""
    return [p.title for p in PAGES if p.filtered]
