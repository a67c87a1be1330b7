"""The server's warm-up (ui/warm.py) imports what the pages import, before any visitor."""

import importlib

from ui.warm import page_modules


def test_page_modules_are_read_from_the_frame_and_every_page():
    found = page_modules()
    assert "ui.access" in found  # app.py's
    assert "outputs.deck" in found and "outputs.report_html" in found  # the Overview's
    assert "ui.editing" in found  # the edit page's (`from ui import editing`)
    assert len(found) == len(set(found))


def test_every_page_module_that_is_a_module_imports():
    found = page_modules()  # read once: each reading parses every page's code
    for name in found:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            # `from module import name` where name is a function or a constant, not a module
            assert name.rsplit(".", 1)[0] in found, error


def test_the_warm_up_builds_each_language_s_tables_before_any_visitor(real_data, monkeypatch):
    import ui.data
    from ui.warm import warm
    from words.i18n import languages, use_language

    took = warm()
    others = languages()[1:]
    assert others and all(f"language {code}" in took for code in others)

    def not_again(network):
        raise AssertionError("tables built again: the warm-up did not keep them")

    monkeypatch.setattr(ui.data, "build_tables", not_again)
    for code in others:
        with use_language(code):
            _, tables = ui.data.load()  # from the warm-up's cache
        assert tables is not None


def test_the_warm_up_finds_the_first_view_s_figures_and_leaves_the_closed_tabs(real):
    """Each default view's figures are found in its dataclass (they are copied with the
    stamp once, as a page does); the closed tabs' parts are not made by the warm-up."""
    from analysis.frames import Filters
    from figures import transfers
    from ui.warm import _figures, default_views

    found = {builder.__name__: _figures(builder(real, *key)) for builder, *key in default_views(real)}
    assert len(found["coverage_grids_view"]) == 2  # both grids
    assert len(found["mycity_view"]) == 2
    for name in ("overview_view", "coverage_view", "budgets_view", "transfers_view", "present_view"):
        assert len(found[name]) == 1, name
    view = transfers.transfers_view(real, Filters())
    _figures(view)
    assert "matrix" not in vars(view)  # the closed tab's chart is made when the tab is read
