"""Which pages the page tests visit, read from the one page registry (ui/registry.py).

Each list is made when a test asks for it, from registry.PAGES as it is then: a page added
to the registry is opened by the AppTest, browser, accessibility and pop-up checks the day
it exists (tests/test_registry.py adds one and looks).
"""

from __future__ import annotations

from ui import registry

# Present at the steps the accessibility check also measures (a progress chart and the
# transfers' flow, drawn only there).
PRESENT_STEPS = ["present?views=progress&cities=&at=1", "present?views=transfers&cities=&at=1"]


def paths() -> list[str]:
    """The url path of every page, in the sidebar's order."""
    return [page.path for page in registry.PAGES]


def addresses() -> list[str]:
    """Every address a visitor can open a page at: "/" (the default page) and each page's
    own path (the default page's too, through its hidden alias)."""
    return ["", *paths()]


def audited_addresses() -> list[str]:
    """What the accessibility check opens: every address, then Present at further steps."""
    return [*addresses(), *PRESENT_STEPS]


def navigation_titles() -> list[str]:
    """The sidebar's links, in English and in order."""
    return [page.title for page in registry.PAGES]


def charts() -> dict[str, int]:
    """Url path -> the least number of charts the page's first view draws."""
    return {page.path: page.charts for page in registry.PAGES}


def tabs() -> dict[str, str]:
    """Url path -> the key of the page's tabs made only when chosen (pages with such tabs)."""
    return {page.path: page.tabs_key for page in registry.PAGES if page.tabs_key}


def open_to_all() -> list[str]:
    """The pages a visitor uses without signing in (the data pages are the others)."""
    return [page.path for page in registry.PAGES if not page.signed_in]


def signed_in() -> list[str]:
    """The pages whose work needs a signed-in person."""
    return [page.path for page in registry.PAGES if page.signed_in]


def filtered() -> list[str]:
    """The pages the sidebar filters apply to."""
    return [page.path for page in registry.PAGES if page.filtered]
