"""A data folder whose text is hostile: markup, script, javascript: links, spreadsheet
formulas, a 100 kB title, right-to-left text and emoji. Valid data otherwise, so every page
shows it; used by tests/test_hostile_text.py and the browser test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

# Any of these running in the browser sets window.__pwned.
SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
SVG = "<svg onload=\"window.__pwned = 'svg'\"></svg>"
JS_LINK = "[click me](javascript:window.__pwned='link')"
HTML_LINK = "<a href=\"javascript:window.__pwned='a'\">open</a>"
RTL = "مشروع العزلة الاجتماعية \u202eevil\u202c"
EMOJI = "👵🏽🤝👴 Café ☕"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
LONG_TITLE = ("A very long title " * 6000)[:100_000]  # 100 kB

ACTION_TITLE = f"{SCRIPT}Observatory {IMG} **bold** :red[red]"
ACTION_DESCRIPTION = f"{JS_LINK} and {HTML_LINK} $x^2$ <b>html</b> {RTL} {EMOJI}"
CITY_NAME = f"{EMOJI} <i>Béta</i> {RTL}"
FORMULA_NAME = "=1+1 Alphaville"  # a city name a spreadsheet would run as a formula
PRACTICE_NAME = f"{SVG}Walking <u>group</u> {JS_LINK}"


def make_hostile(target: Path) -> Path:
    """Write the hostile data folder into `target` (which must not exist)."""
    shutil.copytree(MINI, target)

    def edit(relative: str, change) -> None:
        path = target / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
        )

    def alpha(data):
        data["name"] = FORMULA_NAME
        data["summary"] = f"{SCRIPT} {JS_LINK}"
        data["country"] = FORMULA
        first, second = data["actions"][0], data["actions"][1]
        first["title"] = ACTION_TITLE
        first["description"] = ACTION_DESCRIPTION
        first["model_reason"] = "=1+1 " + IMG
        first["lead"] = "@SUM(A1:A2)"
        first["partners"] = ["+cmd|' /C calc'!A0", EMOJI]
        first["target_groups"] = ["<script>older people</script>"]
        first["indicators"] = [{"indicator": "-2+3", "target": SVG}]
        first["budget"]["funding_note"] = HTML_LINK
        second["title"] = LONG_TITLE
        second["notes"] = RTL

    def beta(data):
        data["name"] = CITY_NAME
        data["actions"][0]["title"] = RTL + " " + EMOJI

    def practices(data):
        data["practices"][0]["name"] = PRACTICE_NAME
        data["practices"][0]["description"] = ACTION_DESCRIPTION

    edit("cities/alpha.yaml", alpha)
    edit("cities/beta.yaml", beta)
    edit("practices.yaml", practices)
    return target
