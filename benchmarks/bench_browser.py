"""The dashboard as a user meets it, measured in a real browser (Playwright + /usr/bin/chromium,
WebGL in software) on synthetic events of several sizes.

    python benchmarks/bench_browser.py [--sizes 1000 10000] [--runs 5] [--stores LOCATION ...]

For each size the page runs on a file of synthetic events (``TIMELINE_EVENTS_JSONL``), and for each
``--stores`` location (a SQLite file or a ``postgresql://`` URL, e.g. the stores that
``benchmarks/bench_store.py`` builds) on that store (``TIMELINE_DB``, read through the SQL views);
after one warm-up visit (which fills the server's caches) it measures, median of ``--runs``:

* ``load``: a new browser context opens the page until every chart is drawn;
* ``new filter``: a start date typed into the sidebar's date field (applied on Enter), a different
  day in each run, so that the server has never answered that filter before: from Enter until the
  page is idle again with its charts drawn (what a user waits for on a new question);
* ``preset filter``: a click on a date preset until the page is idle again (the script has run and two
  animation frames have passed). The runs alternate two presets ("Since 2020", "All dates"), so from
  the third run on the server answers from its caches: this is what the browser and Streamlit add to
  a filter change;
* ``click``: a click on a row of the table until that event's details are visible;
* the bytes the server sends over the websocket for each of these, and the page's DOM elements
  after the first load.

Times are printed in seconds, with the ratio of each row to the first one measured in the same
run (the smallest size: time should not grow faster than the data). The same run also measures a minimal Streamlit
page (a title and a line of text) from a new context until it is drawn: the page load of the
dashboard is printed as a multiple of it too, which says how much of a load is Streamlit itself on
this machine; a page with a title and two plotly charts of two points each is measured the same way (the
least any page with plotly charts costs). The machine's load average is printed too: on a
busy shared machine every figure is slower.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright

from components.evaluation.synthetic import synthetic_events
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, READY, start_app

CHARTS_DRAWN = """() => { const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return charts.length >= 2 && Array.from(charts).every(chart => chart.querySelector('.main-svg')); }"""
# Every state the page's script goes through from now on: each change's old value, then the state at the time
# the observer runs (a run that starts and ends between two calls of the observer still leaves its 'running').
WATCH = """() => { window.__states = []; const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(records => {
    for (const record of records) window.__states.push(record.oldValue);
    window.__states.push(app.dataset.testScriptState);
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']}); }"""
IDLE = """() => { const states = window.__states || []; const ran = states.indexOf('running');
  return ran >= 0 && states.slice(ran).includes('notRunning')
         && document.querySelector('[data-testid="stApp"]').dataset.testScriptState === 'notRunning'; }"""
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))"
DETAILS_OF = """(previous) => { const card = document.querySelector('.tl-details');
  if (!card || card.dataset.eventId === previous) return false;
  const box = card.getBoundingClientRect(); return box.top < innerHeight && box.bottom > 0; }"""


@dataclass
class Figures:
    load: list[float] = field(default_factory=list)
    new_filter: list[float] = field(default_factory=list)
    filter: list[float] = field(default_factory=list)
    click: list[float] = field(default_factory=list)
    new_filter_bytes: list[int] = field(default_factory=list)
    filter_bytes: list[int] = field(default_factory=list)
    click_bytes: list[int] = field(default_factory=list)
    nodes: int = 0
    warm_up: float = 0.0


class Frames:
    """Bytes the page receives over its websocket."""

    def __init__(self, page: Page) -> None:
        self.received = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._count))

    def _count(self, payload: str | bytes) -> None:
        self.received += len(payload.encode("utf-8") if isinstance(payload, str) else payload)


def write_events(size: int, folder: Path) -> Path:
    path = folder / f"events-{size}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for event in synthetic_events(size):
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return path


def store_label(location: str) -> str:
    """``sqlite bench_10000.db``: the engine and the file's or database's name."""
    engine = "postgresql" if location.startswith(("postgresql://", "postgres://")) else "sqlite"
    return f"{engine} {location.rstrip('/').rsplit('/', 1)[-1]}"


def load_page(browser, url: str) -> tuple[Page, Frames, float]:
    """A fresh context opening ``url`` until its charts are drawn: (page, frames, seconds)."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    frames = Frames(page)
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(READY, timeout=300_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=300_000)
    page.evaluate(FRAMES)
    return page, frames, time.perf_counter() - started


MINIMAL_APP = 'import streamlit as st\n\nst.title("Diplomatic Timeline")\nst.write("One line of text.")\n'
# The least a page with two plotly charts costs: Streamlit loads and runs plotly.js (about 4.7 MB) for it.
PLOTLY_APP = (
    "import plotly.graph_objects as go\nimport streamlit as st\n\n"
    'st.title("Diplomatic Timeline")\n'
    "st.plotly_chart(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])))\n"
    "st.plotly_chart(go.Figure(go.Scatter(x=[1, 2], y=[2, 1])))\n"
)


def minimal_load(browser, url: str, runs: int, charts: bool = False) -> list[float]:
    """Seconds for a new context to open a minimal Streamlit page until its title (and its two
    charts, with ``charts``) are drawn."""
    seconds = []
    for _ in range(runs + 1):  # the first visit warms the server up
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(READY, timeout=300_000)
        page.wait_for_selector("h1", timeout=300_000)
        if charts:
            page.wait_for_function(CHARTS_DRAWN, timeout=300_000)
        page.evaluate(FRAMES)
        seconds.append(time.perf_counter() - started)
        page.context.close()
    return seconds[1:]


def filter_change(page: Page, frames: Frames, preset: str) -> tuple[float, int]:
    """Click a date preset; seconds until the page is idle again, bytes received meanwhile."""
    page.evaluate(WATCH)
    before = frames.received
    started = page.evaluate("() => performance.now()")
    page.get_by_role("button", name=preset).click()
    page.wait_for_function(IDLE, timeout=300_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=300_000)
    ended = page.evaluate(FRAMES)
    return (ended - started) / 1000, frames.received - before


def new_start_day(run: int) -> date:
    """A start date no earlier run on the same server has asked for (inside the synthetic events' years)."""
    return date(2020, 3, 1) + timedelta(days=53 * run + 1)


def new_filter(page: Page, frames: Frames, day: date) -> tuple[float, int]:
    """Type ``day`` into the empty start-date field and press Enter; seconds from Enter until the
    page is idle with its charts drawn, bytes received meanwhile."""
    page.locator('[data-testid="stDateInput"]').first.locator('[data-type="year"]').click()
    page.keyboard.type(day.strftime("%Y%m%d"))
    page.evaluate(WATCH)
    before = frames.received
    started = page.evaluate("() => performance.now()")
    page.keyboard.press("Enter")
    page.wait_for_function(IDLE, timeout=300_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=300_000)
    ended = page.evaluate(FRAMES)
    page.wait_for_url(re.compile(f"from={day.isoformat()}"), timeout=60_000)  # the filter measured is the one typed
    return (ended - started) / 1000, frames.received - before


def event_click(page: Page, frames: Frames, row: int) -> tuple[float, int]:
    """Click a cell of a table row; seconds until its details are visible, bytes received meanwhile."""
    previous = page.evaluate("() => document.querySelector('.tl-details')?.dataset.eventId || ''")
    grid = page.locator('[data-testid="stDataFrame"] .dvn-scroller').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    x, y = box["width"] * 0.5, 52 + 35 * row
    page.mouse.move(box["x"] + x, box["y"] + y)  # as a hand does: the grid picks the cell under the pointer
    page.evaluate(FRAMES)
    page.evaluate(WATCH)
    before = frames.received
    started = page.evaluate("() => performance.now()")
    grid.click(position={"x": x, "y": y})
    page.wait_for_function(DETAILS_OF, arg=previous, timeout=300_000)
    ended = page.evaluate("() => performance.now()")
    page.wait_for_function(IDLE, timeout=300_000)  # the rest of the rerun, for the byte count
    return (ended - started) / 1000, frames.received - before


def measure(browser, url: str, runs: int) -> Figures:
    figures = Figures()
    page, _, figures.warm_up = load_page(browser, url)  # the first visit builds the server's views
    page.context.close()
    for run in range(runs):
        page, frames, seconds = load_page(browser, url)
        figures.load.append(seconds)
        figures.nodes = page.evaluate("() => document.getElementsByTagName('*').length")
        seconds, sent = new_filter(page, frames, new_start_day(run))
        figures.new_filter.append(seconds)
        figures.new_filter_bytes.append(sent)
        seconds, sent = filter_change(page, frames, ("Since 2020", "All dates")[run % 2])
        figures.filter.append(seconds)
        figures.filter_bytes.append(sent)
        seconds, sent = event_click(page, frames, run % 3)
        figures.click.append(seconds)
        figures.click_bytes.append(sent)
        page.context.close()
    return figures


def report(results: dict[str, Figures], minimal: list[float], with_charts: list[float]) -> None:
    base = next(iter(results.values()))
    print(f"load average: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    print(f"minimal Streamlit page, load: {statistics.median(minimal):.2f} s (median of {len(minimal)})")
    print(f"minimal page with two plotly charts, load: {statistics.median(with_charts):.2f} s")
    print(
        f"{'events':>28} {'warm-up s':>9} {'load s':>7} {'×':>5} {'÷ min':>6} {'÷ plotly':>8}"
        f" {'new filter s':>12} {'×':>5} {'preset filter s':>15} {'×':>5} {'click s':>8} {'×':>5}"
        f" {'new filter KB':>13} {'preset KB':>9} {'click KB':>9} {'DOM nodes':>9}"
    )
    for label, fig in results.items():
        timings = (fig.load, fig.new_filter, fig.filter, fig.click)
        bases = (base.load, base.new_filter, base.filter, base.click)
        load, fresh, change, click = (statistics.median(values) for values in timings)
        medians = (load, fresh, change, click)
        ratios = [value / statistics.median(other) for value, other in zip(medians, bases, strict=True)]
        sent = (fig.new_filter_bytes, fig.filter_bytes, fig.click_bytes)
        kilobytes = [statistics.median(values) / 1000 for values in sent]
        print(
            f"{label:>28} {fig.warm_up:9.2f} {load:7.2f} {ratios[0]:5.2f} {load / statistics.median(minimal):6.2f}"
            f" {load / statistics.median(with_charts):8.2f}"
            f" {fresh:12.2f} {ratios[1]:5.2f} {change:15.2f} {ratios[2]:5.2f} {click:8.2f} {ratios[3]:5.2f}"
            f" {kilobytes[0]:13.1f} {kilobytes[1]:9.1f} {kilobytes[2]:9.1f} {fig.nodes:9d}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stores", nargs="*", default=[], help="store locations (SQLite files, postgresql:// URLs)")
    args = parser.parse_args()
    results: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        baselines = []
        for name, text in (("minimal_app.py", MINIMAL_APP), ("plotly_app.py", PLOTLY_APP)):
            script = Path(folder) / name
            script.write_text(text, encoding="utf-8")
            server = start_app(script=script)
            try:
                baselines.append(minimal_load(browser, next(server), args.runs, charts=text is PLOTLY_APP))
            finally:
                server.close()
        runs: list[tuple[str, dict[str, str]]] = [
            (f"{size} (file)", {"TIMELINE_EVENTS_JSONL": str(write_events(size, Path(folder)))}) for size in args.sizes
        ]
        runs += [(store_label(location), {"TIMELINE_DB": location}) for location in args.stores]
        for label, env in runs:
            server = start_app(env_extra=env)
            url = next(server)
            try:
                results[label] = measure(browser, url, args.runs)
            finally:
                server.close()
            print(f"measured {label}", file=sys.stderr)
        browser.close()
    report(results, *baselines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
