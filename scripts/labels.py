"""Every label whole: what a window of each size shows of every page, tab and Present view,
in each language, measured in the browser. Shared by tests/test_browser_labels.py and by

    python scripts/labels.py [--lang en,fr] [--pages budgets,present:3] [--shots DIR]

which prints every word it finds cut, outside its chart or running into another one, and saves
a screenshot of each page at each size for a person to look at.

What counts as a fault (LABEL_FAULTS, run in the page):
- a word of a chart (title, legend, axis, bar, Sankey or treemap label, annotation) reaching
  outside the chart, or outside the plot area that clips it (a bar label "€48,500 + 1 unknow");
- two words of one chart running into each other (Sankey labels on top of each other);
- a treemap box big enough to read that shows no label;
- a page's text cut by the browser with "…" (a legend, a tab, a title clamped to its lines).
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from browser import (  # noqa: E402
    CHARTS_STILL,
    goto_with_socket,
    launch,
    press_sent,
    running_app,
    wait_for_present,
    wait_until_settled,
)

from ui import registry  # noqa: E402

# The four windows of the issue: a small laptop, a low projector, a wide laptop, full HD.
WINDOWS = [(1024, 768), (1280, 720), (1600, 900), (1920, 1080)]

# Every page of ui/registry.py, as its address (the first view; the tabs are opened one by
# one); My city for two cities, Present surveyed step by step (PRESENT).
ADDRESSES = {"mycity": ["mycity?city=agen", "mycity?city=isernia"], "present": []}
PAGES = [address for entry in registry.PAGES for address in ADDRESSES.get(entry.path, [entry.path])]
# Present also on a 4K projector, where its charts' type must grow with the window.
PRESENT_WINDOWS = [*WINDOWS, (3840, 2160)]
# Agen (articles only), Fót (articles; a plan in `make test-entered`) and Isernia (its plan).
PRESENT = "present?views=glance,coverage,gaps,budgets,transfers,progress&cities=agen,fot,isernia"
PRESENT_STEPS = 9

LABEL_FAULTS = r"""() => {
  const out = [];
  const seen = e => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return null;
    for (let a = e; a && a.nodeType === 1; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return null;
    }
    return r;
  };
  const cut = (s, n = 40) => s.replace(/\s+/g, ' ').trim().slice(0, n);
  const over = (r, q, slack = 1) =>
    r.left < q.right - slack && q.left < r.right - slack && r.top < q.bottom - slack && q.top < r.bottom - slack;
  const inside = (r, q, slack = 1.5) =>
    r.left >= q.left - slack && r.right <= q.right + slack && r.top >= q.top - slack && r.bottom <= q.bottom + slack;
  document.querySelectorAll('.js-plotly-plot').forEach((gd, n) => {
    const svg = gd.querySelector('.main-svg');
    if (!svg || !seen(svg)) return;
    const box = svg.getBoundingClientRect();
    const chart = cut(gd.closest('[data-testid=stPlotlyChart]')?.getAttribute('aria-label') || `chart ${n + 1}`, 50);
    const texts = [...gd.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && !t.closest('.hoverlayer, .modebar, .infolayer .g-gtitle-subtitle-empty'))
      .map(t => [t, seen(t)]).filter(([, r]) => r);
    for (const [t, r] of texts) {
      if (!inside(r, box)) { out.push(`${chart}: "${cut(t.textContent)}" reaches outside the chart`); continue; }
      // a legend clips its words to its own box (« pas encore de relev » inside the chart)
      const legend = t.closest('.legend')?.querySelector('rect.bg');
      if (legend && !inside(r, legend.getBoundingClientRect())) {
        out.push(`${chart}: "${cut(t.textContent)}" is cut at the edge of the legend`);
        continue;
      }
      // a word clipped to its plot area (bar labels): measured against that area
      const clipped = t.closest('[clip-path]');
      const sub = t.closest('.subplot');
      if (clipped && sub && gd.querySelector('.cartesianlayer')?.contains(t)) {
        const id = [...sub.classList].find(c => c !== 'subplot');
        const area = gd.querySelector(`.draglayer .${id} .nsewdrag`);
        if (area && !inside(r, area.getBoundingClientRect()))
          out.push(`${chart}: "${cut(t.textContent)}" is cut at the edge of the plot`);
      }
    }
    // tilted tick labels: their boxes overlap while the words, side by side, do not
    const tilted = t => /rotate\((?!0[,)])/.test((t.getAttribute('transform') || '') + (t.parentElement.getAttribute('transform') || ''));
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const [a, r] = texts[i], [b, q] = texts[j];
      if (tilted(a) && tilted(b)) continue;
      if (over(r, q, 2)) out.push(`${chart}: "${cut(a.textContent, 30)}" runs into "${cut(b.textContent, 30)}"`);
    }
    // a treemap box large enough to hold a word that shows none
    gd.querySelectorAll('.treemaplayer .slice').forEach(slice => {
      const shape = slice.querySelector('path.surface');
      const r = shape && seen(shape);
      if (!r || r.width < 60 || r.height < 30) return;
      // a box around others (the unnamed root of several cities, an intervention too narrow
      // for its name) is read by the words inside it: only a box with no word at all fails
      const words = [...gd.querySelectorAll('.treemaplayer .slice text.slicetext')]
        .filter(t => t.textContent.trim() && seen(t) && seen(t).height >= 8 && inside(seen(t), r, 2));
      if (!words.length)
        out.push(`${chart}: a treemap box of ${Math.round(r.width)}x${Math.round(r.height)} shows no label`);
    });
  });
  // words the browser cut with "…" or clamped to a number of lines
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  main.querySelectorAll('*').forEach(e => {
    if (!e.childElementCount && !e.textContent.trim()) return;
    const s = getComputedStyle(e);
    const clamped = s.webkitLineClamp && s.webkitLineClamp !== 'none';
    if (s.textOverflow !== 'ellipsis' && !clamped) return;
    if (!seen(e)) return;
    // a clamped block is cut when its words need another line (not a descender's pixels)
    const line = parseFloat(s.lineHeight) || 16;
    if (e.scrollWidth > e.clientWidth + 1 || (clamped && e.scrollHeight > e.clientHeight + line / 2))
      out.push(`"${cut(e.textContent)}" is cut with …`);
  });
  return [...new Set(out)];
}"""

# Plotly redraws a chart to its new width after a resize (debounced): wait until every
# chart's drawing is as wide as its box again.
CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(gd => {
  const svg = gd.querySelector('.main-svg');
  return !svg || Math.abs(svg.getBoundingClientRect().width - gd.getBoundingClientRect().width) < 2;
})"""

TABS = '[data-testid="stMain"] [role="tab"]'


def settle(page) -> None:
    wait_until_settled(page)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=30000)
    page.wait_for_function(CHARTS_FIT, timeout=30000)
    page.evaluate("() => { window.__chartsLastLook = null; }")
    page.wait_for_function(CHARTS_STILL, polling=150, timeout=30000)
    # plotly draws in animation frames: two frames after the last change, it has drawn
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _chart_picture(page, chart, path: Path) -> None:
    """A picture of one chart. Present's window-size report can start one more run just after
    a resize, which draws the chart anew: a chart replaced while it was being taken is taken
    again once that run has finished."""
    from playwright.sync_api import Error as PlaywrightError  # optional: only where a browser is driven

    try:
        chart.screenshot(path=str(path))
    except PlaywrightError:
        settle(page)
        chart.screenshot(path=str(path))


def measure_sizes(
    page, label: str, shots: Path | None, windows=WINDOWS, drawn=None, also=None
) -> dict[str, list[str]]:
    """Resize the open page through `windows`, measuring at each; {"label WxH": faults}.
    `drawn()`, when given, waits for the page's own sign that it has drawn for the new size
    (Present builds its charts for the window: a resize starts a run). `also(width, height)`,
    when given, looks at the page too once it is measured (and its picture taken)."""
    found = {}
    for width, height in windows:
        if page.viewport_size != {"width": width, "height": height}:
            page.set_viewport_size({"width": width, "height": height})
        if drawn is not None:
            drawn()
        settle(page)
        faults = page.evaluate(LABEL_FAULTS)
        if faults:
            found[f"{label} {width}x{height}"] = faults
        if shots is not None:
            name = (
                label.replace(" ", "-")
                .replace("/", "-")
                .replace("?", "-")
                .replace("=", "-")
                .replace("&", "-")
            )
            charts = page.locator('[data-testid="stPlotlyChart"]')
            whole = name.startswith(("en-present", "fr-present"))  # Present fits its window
            if whole or not charts.count():
                page.screenshot(path=str(shots / f"labels-{name}-{width}x{height}.png"))
            for i in range(0 if whole else charts.count()):  # a page scrolls inside itself: a picture a chart
                if charts.nth(i).is_visible():
                    _chart_picture(page, charts.nth(i), shots / f"labels-{name}-{width}x{height}-{i + 1}.png")
        if also is not None:
            also(width, height)
    return found


def survey_page(page, base: str, address: str, lang: str, shots: Path | None, windows=WINDOWS) -> dict:
    """One page in one language: its first view, then each of its tabs, at every size."""
    joiner = "&" if "?" in address else "?"
    page.set_viewport_size({"width": windows[0][0], "height": windows[0][1]})
    page.goto(f"{base}/{address}{joiner}lang={lang}")
    page.wait_for_selector('[data-testid="stMain"]', timeout=60000)
    settle(page)
    found = measure_sizes(page, f"{lang} {address}", shots, windows)
    tabs = page.locator(TABS)
    for i in range(1, tabs.count()):
        name = tabs.nth(i).inner_text().strip()
        tabs.nth(i).click()
        settle(page)
        found |= measure_sizes(page, f"{lang} {address} [{name}]", shots, windows)
    return found


def survey_present(
    page, base: str, lang: str, shots: Path | None, steps=None, windows=PRESENT_WINDOWS, also=None
) -> dict:
    """Every Present view in one page, as a presenter goes through them: opened once, then
    stepped with the → key, and at each step resized through every window (up the sizes, then
    down at the next step, so a step begins at the size the one before ended at). Each
    measure waits for Present's own marker that the step was drawn for that window.
    `also(step, width, height)`, when given, looks at each step at each window too."""
    steps = list(steps or range(1, PRESENT_STEPS + 1))
    sizes = list(windows)
    page.set_viewport_size({"width": sizes[0][0], "height": sizes[0][1]})
    socket = goto_with_socket(page, f"{base}/{PRESENT}&at={steps[0]}&lang={lang}")
    found = {}
    for n, at in enumerate(steps):
        if n and at == steps[n - 1] + 1:
            size = page.viewport_size
            page.mouse.click(5, size["height"] - 5)  # the page has the keys, as after a presenter's click
            press_sent(page, socket, "ArrowRight")
        elif n:  # a step asked for on its own (python scripts/labels.py --pages present:N,...)
            socket = goto_with_socket(page, f"{base}/{PRESENT}&at={at}&lang={lang}")
        found |= measure_sizes(
            page,
            f"{lang} present-{at}",
            shots,
            sizes,
            partial(wait_for_present, page, at),
            partial(also, at) if also is not None else None,
        )
        sizes.reverse()
    return found


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en,fr")
    parser.add_argument(
        "--pages", default=",".join([*PAGES, "present"]), help="addresses; present or present:N"
    )
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--port", type=int)
    parser.add_argument("--data", help="a data folder other than data/ (e.g. one with test plans entered)")
    args = parser.parse_args()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    with running_app(args.port, args.data) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for lang in args.lang.split(","):
            for address in args.pages.split(","):
                if address.startswith("present"):
                    steps = [int(address.split(":")[1])] if ":" in address else None
                    found = survey_present(page, base, lang, args.shots, steps)
                else:
                    found = survey_page(page, base, address, lang, args.shots)
                for where, faults in found.items():
                    for fault in faults:
                        print(f"{where}: {fault}", flush=True)
                print(f"-- {lang} {address}: {len(found)} views with faults", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
