"""Present walked once per language and worker, for every browser test that looks at its views:
the label survey (test_browser_labels: every word whole), the venue (test_venue_browser: every
view inside every window) and French (test_french_browser: the longer words still fit).

A walk opens Present once and steps it with the → key, at each step resizing through every
window from 1024x768 to 3840x2160 (scripts/labels.py survey_present); at each step and window,
once Present says it drew for that window and its charts are painted, it measures the labels
(LABEL_FAULTS), what lies outside the window (MEASURE) and the words of a chart's cells that
run into each other (OVERLAPS). Three walks of the same views, one per concern, were a sixth of
the suite's browser time. The tests that read a walk are one pytest-xdist group (WALKED): one
worker, one walk per language."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from browser import is_outside  # noqa: E402
from labels import PRESENT_STEPS, survey_present  # noqa: E402

WALKED = "present-walk"  # the xdist group of the tests that read a walk
ARTIFACTS = ROOT / "tests" / "artifacts"
STEPS = list(range(1, PRESENT_STEPS + 1))

# Everything the page shows that must lie inside the window; a button's label must not be
# cut ("Previ…"); the title at most two lines.
MEASURE = """() => {
  const w = window.innerWidth, h = window.innerHeight, out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > w || doc.scrollHeight > h) out.push(`page scrolls: ${doc.scrollWidth}x${doc.scrollHeight}`);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main.scrollHeight > main.clientHeight + 1) out.push(`main scrolls: ${main.scrollHeight} > ${main.clientHeight}`);
  const shown = '.present-where, .present-title, .present-card, .present-lines p, .present-stamp, .present-foot,'
    + ' .st-key-present_top button, .st-key-present_top a, .js-plotly-plot .main-svg';
  for (const e of document.querySelectorAll(shown)) {
    const r = e.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1)
      out.push(`${e.className.baseVal ?? e.className} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
  }
  for (const b of document.querySelectorAll('.st-key-present_top button p')) {
    if (b.scrollWidth > b.clientWidth + 1) out.push(`button label cut: ${b.textContent}`);
  }
  const title = document.querySelector('.present-title');
  const line = parseFloat(getComputedStyle(title).lineHeight);
  if (title.scrollHeight > 2.5 * line) out.push(`title over two lines: ${title.scrollHeight} > 2 x ${line}`);
  for (const t of document.querySelectorAll('.js-plotly-plot text')) {
    const r = t.getBoundingClientRect();
    if (r.width && (r.right > w + 1 || r.bottom > h + 1)) out.push(`chart text outside: ${t.textContent.slice(0, 30)}`);
  }
  return out;
}"""

# Words written in a chart's cells ("pas encore connu") that run into each other: French
# words are longer than English ones, and a narrow window narrows the cells.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.js-plotly-plot .textpoint text')]
    .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, r] = boxes[i], [b, q] = boxes[j];
    if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)
      out.push(`${a} runs into ${b}`);
  }
  return out.slice(0, 5);
}"""

# Pictures kept for a person under the names the venue and French checks always gave them.
PICTURES = {
    "en": ("venue-present", {(1024, 768), (1920, 1080)}),
    "fr": ("french-present", {(1024, 768), (1920, 1080)}),
}


@dataclass
class Walk:
    labels: dict[str, list[str]]  # "en present-3 1024x768": the label faults found there
    # window -> step -> what lies outside the window or runs into another word ([]: nothing)
    windows: dict[tuple[int, int], dict[int, list[str]]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)  # requests that left this machine


_walks: dict[tuple[str, str], Walk] = {}


def walked(app: str, lang: str, new_page) -> Walk:
    """The walk of Present in `lang` on the server at `app`, made the first time it is asked
    for in this worker, in the page `new_page()` gives (a walk that fails is not kept: the next
    test walks again)."""
    if (app, lang) in _walks:
        return _walks[(app, lang)]
    page = new_page()
    walk = Walk(labels={})

    def leaves(request) -> None:
        if is_outside(request.url):
            walk.outside.append(request.url)

    def look(at: int, width: int, height: int) -> None:
        if page.locator('[data-testid="stException"]').count():
            found = ["exception"]
        else:
            found = page.evaluate(MEASURE) + page.evaluate(OVERLAPS)
            link = page.locator('[data-testid="stPageLink-NavLink"]', has_text="Dashboard").first
            if lang == "en" and not link.is_visible():
                found.append("the Dashboard link is not shown")
        walk.windows.setdefault((width, height), {})[at] = found
        stem, kept = PICTURES.get(lang, (None, set()))
        if (width, height) in kept:
            shutil.copyfile(
                ARTIFACTS / f"labels-{lang}-present-{at}-{width}x{height}.png",
                ARTIFACTS / f"{stem}-{width}x{height}-{at}.png",
            )

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.on("request", leaves)
    try:
        walk.labels = survey_present(page, app, lang, ARTIFACTS, also=look)
    finally:
        page.remove_listener("request", leaves)
    _walks[(app, lang)] = walk
    return walk


def seen_at(walk: Walk, window: tuple[int, int]) -> dict[int, list[str]]:
    """What the walk found at each step in `window`; every step must have been looked at."""
    found = walk.windows.get(window, {})
    assert sorted(found) == STEPS, f"steps looked at in {window}: {sorted(found)}"
    return {at: problems for at, problems in found.items() if problems}
