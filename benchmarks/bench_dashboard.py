"""How long the dashboard takes to re-render after a filter change, for 1k, 10k and 100k events.

    python benchmarks/bench_dashboard.py [--sizes 1000 10000 100000] [--apptest-max 10000]

Two measurements per size, both after the events are loaded and indexed (done once per
data version and cached by the page):

* ``direct``: the work of one rerun with a new filter, asking the in-memory views
  (``components.store.memory_views``) what the page asks and building its figures (summary,
  option counts, timeline, map, a page of the table);
* ``apptest``: the whole script run by Streamlit's AppTest after a widget change (cache miss), on the
  same synthetic events written to a JSONL file that ``TIMELINE_EVENTS_JSONL`` points the page at.

Times are printed in seconds and as ratios to the smallest size measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.evaluation.synthetic import synthetic_events
from components.store.facets import FACETS
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.ui.map_figure import map_view
from components.ui.summary import summary_line
from components.ui.table import PAGE_SIZE, table_frame
from components.ui.timeline_figure import MAX_MARKS, timeline_view

FILTER_CHANGES = (
    Filters(types=("meeting",)),
    Filters(countries=("AM",), date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)),
    Filters(q="باكو"),
    Filters(),
)


def direct_rerun(views: MemoryViews, filters: Filters) -> float:
    started = time.perf_counter()
    summary_line(views.summary(filters), "en")
    for facet in FACETS:
        if facet.repeatable:
            views.facet_counts(filters, facet.name)
    timeline_view(views.timeline(filters, max_marks=MAX_MARKS))
    map_view(views.places(filters))
    table_frame(views.page(filters, limit=PAGE_SIZE).events, "en")
    return time.perf_counter() - started


def write_jsonl(events: list[dict], path: Path) -> Path:
    """The events as the page reads them from ``TIMELINE_EVENTS_JSONL``: one JSON object per line."""
    with path.open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return path


def apptest_rerun(events_file: Path) -> float:
    from streamlit.testing.v1 import AppTest

    os.environ["TIMELINE_EVENTS_JSONL"] = str(events_file)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
    timings = []
    for kinds in (["meeting"], ["agreement", "border"], ["statement"]):
        started = time.perf_counter()
        app.multiselect(key="f_type_en").set_value(kinds).run()
        timings.append(time.perf_counter() - started)
        assert not app.exception, app.exception
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--apptest-max", type=int, default=10000, help="largest size also run through AppTest")
    args = parser.parse_args()
    results: list[tuple[int, float, float, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder:
        for size in args.sizes:
            events = synthetic_events(size)
            started = time.perf_counter()
            views = MemoryViews(events, f"synthetic-{size}")
            indexing = time.perf_counter() - started
            direct = statistics.median(direct_rerun(views, filters) for filters in FILTER_CHANGES)
            app = None
            if size <= args.apptest_max:
                app = apptest_rerun(write_jsonl(events, Path(folder) / f"events-{size}.jsonl"))
            results.append((size, indexing, direct, app))
            print(f"measured {size:>7} events", file=sys.stderr)
    base_size, base_index, base_direct, base_app = results[0]
    print(f"{'events':>8} {'index s':>8} {'rerun s':>8} {'× base':>7} {'AppTest s':>10} {'× base':>7}")
    for size, indexing, direct, app in results:
        app_text = f"{app:10.3f} {app / base_app:7.1f}" if app is not None and base_app else f"{'-':>10} {'-':>7}"
        print(f"{size:>8} {indexing:8.2f} {direct:8.3f} {direct / base_direct:7.1f} {app_text}")
    print(
        f"baseline: {base_size} events; sizes grow ×{args.sizes[-1] / base_size:.0f}, "
        f"direct rerun time ×{results[-1][2] / base_direct:.1f}"
    )


if __name__ == "__main__":
    main()
