"""The store at 10k, 100k and 1M events, on SQLite and on PostgreSQL: what a user waits for.

    python benchmarks/bench_store.py [--sizes 10000 100000 1000000] [--engines sqlite postgresql]
                                     [--dir /var/tmp/timeline-bench] [--postgres ADMIN_URL]
                                     [--parts build queries ingest apptest] [--grow]

Stores are synthetic (``components/evaluation/synthetic_pages.py``: the happenings of
``components/evaluation/synthetic.py``, with its distributions of countries, actors, places, types
and outlets, spread over 30 years, each reported by one to three articles that the store merges);
the size is the number of merged events the dashboard shows. The SQLite store is bulk-loaded
(``Store.load_pages``: the write path's inserts, one merge at the end; ``tests/test_bulk_load.py``
checks it leaves the tables page-by-page ingestion leaves) and the PostgreSQL one copied from it
(``Store.copy_from``, checked there too). Stores are kept in ``--dir`` and reused while their
recipe is unchanged. Without ``--postgres`` a PostgreSQL 15 cluster is started in ``--dir`` (tuned
as ``docs/store.md`` advises for a team server) and stopped at the end.

Per size and engine:

* ``ingest``: pages extracted and stored by ``python -m components.worker`` processes from the
  queue, into a copy of the store: events per second with one worker, and with four on PostgreSQL;
* ``queries``: the read side's answers (:class:`components.store.sql_views.SqlViews`), median of
  repeats: a filter query (country + date range + type: matches and the table's first page),
  option counts of every list, the timeline's aggregation, the map's places, and a whole filter
  change (everything a rerun asks for, one new filter); the first (unfiltered) view; query plans;
  for the filters of one value of one list (answered from the counts kept per value), the same
  rerun from their matching rows (``SqlViews(per_value=False)``, as before schema version 14);
* ``apptest``: the dashboard script in Streamlit's AppTest, in a fresh process per store: first run
  and filter changes (server time), and that process's resident memory after them. There is no
  browser part: ``benchmarks/bench_browser.py`` measures the first load in Chromium, on files of
  events rather than on these stores.

With ``--grow``, the 1M stores are not built but grown from the 100k ones: their read side copied
ten times over under new ids (``benchmarks/grow_store.py``: the same countries, actors, places and
outlets, ten times the events and articles on every day). Bulk-loading a million events takes
hours on a small machine; growing takes about as long as copying the 100k store ten times.

Every figure is printed with its ratio to the smallest size measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.evaluation.synthetic_pages import iter_synthetic_pages
from components.store.event_store import Store, open_store
from components.store.facets import FACETS
from components.store.kept_given import kept_of
from components.store.query import Filters
from components.store.sql_views import SqlViews

SEED, YEARS_BACK = 7, 30
# Merged events wanted → synthetic happenings that give about as many once merged (measured).
HAPPENINGS = {10_000: 11_600, 100_000: 145_000, 1_000_000: 1_900_000}


@dataclass(frozen=True)
class Built:
    """A benchmark store and how it was made."""

    size: int
    engine: str
    location: str
    happenings: int
    reports: int  # machine events stored
    merged: int  # merged events (the size the dashboard sees)
    seconds: float
    recipe: str


def recipe(size: int) -> str:
    """What makes a store's content; a newer schema or new read rows are applied when it is opened."""
    return f"seed={SEED}:years={YEARS_BACK}:happenings={HAPPENINGS[size]}"


def _built(folder: Path, name: str, size: int) -> Built | None:
    record = folder / f"{name}.json"
    if not record.exists():
        return None
    built = Built(**json.loads(record.read_text(encoding="utf-8")))
    return built if built.recipe.split(":schema=")[0] == recipe(size) else None


def brought_up_to_date(built: Built) -> float:
    """Seconds to open a store built by an earlier version of the code: its migrations run and its
    read rows are rebuilt (once; nothing to do the next time)."""
    started = time.perf_counter()
    open_store(built.location).close()
    return time.perf_counter() - started


GROWN, GROWN_FROM = 1_000_000, 100_000  # ``--grow``: this size is the other one's read side ten times


def grown_recipe() -> str:
    return f"grown=x{GROWN // GROWN_FROM}:from=" + recipe(GROWN_FROM)


def _record(folder: Path, name: str, built: Built) -> Built:
    (folder / f"{name}.json").write_text(json.dumps(asdict(built)), encoding="utf-8")
    return built


def grow_sqlite(folder: Path) -> Built:
    """The SQLite store of a million events grown from the 100k one (or the one grown before)."""
    import shutil

    from benchmarks.grow_store import grow

    name, path = f"bench_{GROWN}", folder / f"bench_{GROWN}.db"
    found = _record_of(folder, name)
    if found is not None and found.recipe.split(":schema=")[0] == grown_recipe() and path.exists():
        return found
    source = build_sqlite(folder, GROWN_FROM)
    brought_up_to_date(source)
    started = time.perf_counter()
    shutil.copy(source.location, path)
    merged = grow(str(path), GROWN // GROWN_FROM)
    built = Built(GROWN, "sqlite", str(path), 0, 0, merged, time.perf_counter() - started, grown_recipe())
    return _record(folder, name, built)


def grow_postgres(folder: Path, server: PostgresServer) -> Built:
    """The PostgreSQL store of a million events grown from the 100k one (or the one grown before)."""
    from benchmarks.grow_store import grow

    name = f"bench_{GROWN}"
    found = _record_of(folder, f"{name}.postgresql")
    if found is not None and found.recipe.split(":schema=")[0] == grown_recipe() and server.exists(name):
        return replace(found, location=server.url(name))
    source = build_postgres(folder, GROWN_FROM, server)
    brought_up_to_date(source)
    started = time.perf_counter()
    server.recreate(name, template=f"bench_{GROWN_FROM}")
    merged = grow(server.url(name), GROWN // GROWN_FROM)
    built = Built(GROWN, "postgresql", server.url(name), 0, 0, merged, time.perf_counter() - started, grown_recipe())
    return _record(folder, f"{name}.postgresql", built)


def _record_of(folder: Path, name: str) -> Built | None:
    record = folder / f"{name}.json"
    return Built(**json.loads(record.read_text(encoding="utf-8"))) if record.exists() else None


def _merged(location: str) -> int:
    with open_store(location) as store, store.read() as db:
        return int(db.value("SELECT count(*) AS n FROM merged_events WHERE hidden = 0"))


def build_sqlite(folder: Path, size: int) -> Built:
    """The SQLite store of ``size`` merged events, bulk-loaded (or the one built before)."""
    name = f"bench_{size}"
    found = _built(folder, name, size)
    path = folder / f"{name}.db"
    if found is not None and path.exists():
        return found
    for stale in folder.glob(f"{name}.db*"):
        stale.unlink()
    started = time.perf_counter()
    with open_store(path) as store:
        outcome = store.load_pages(iter_synthetic_pages(HAPPENINGS[size], SEED, YEARS_BACK))
    seconds = time.perf_counter() - started
    built = Built(
        size, "sqlite", str(path), HAPPENINGS[size], outcome.events, _merged(str(path)), seconds, recipe(size)
    )
    (folder / f"{name}.json").write_text(json.dumps(asdict(built)), encoding="utf-8")
    return built


def build_postgres(folder: Path, size: int, server: PostgresServer) -> Built:
    """The PostgreSQL store of ``size`` events: a copy of the SQLite one (or the one copied before)."""
    name = f"bench_{size}"
    found = _built(folder, f"{name}.postgresql", size)
    if found is not None and server.exists(name):
        return replace(found, location=server.url(name))  # the server's port changes from run to run
    source = build_sqlite(folder, size)
    server.recreate(name)
    started = time.perf_counter()
    with open_store(source.location) as origin, open_store(server.url(name)) as store:
        store.copy_from(origin)
    seconds = time.perf_counter() - started
    built = Built(size, "postgresql", server.url(name), source.happenings, source.reports, source.merged, seconds,
                  recipe(size))  # fmt: skip
    (folder / f"{name}.postgresql.json").write_text(json.dumps(asdict(built)), encoding="utf-8")
    return built


# A team server's settings for this machine's memory (docs/store.md, "Sizing"); defaults otherwise.
SERVER_SETTINGS = {
    "shared_buffers": "2GB",
    "effective_cache_size": "8GB",
    "work_mem": "64MB",
    "maintenance_work_mem": "512MB",
    "random_page_cost": "1.1",
    "jit": "off",
    "max_connections": "200",
}


class PostgresServer:
    """The PostgreSQL server the stores live on: ``--postgres`` (an admin URL), or a cluster kept in
    ``folder/pg`` and started for the run."""

    def __init__(self, folder: Path, admin_url: str | None) -> None:
        self.folder, self.admin_url, self._started = folder / "pg", admin_url, False
        if admin_url is None:
            self.admin_url = self._start()

    def _start(self) -> str:
        import shutil
        import subprocess

        from tests.postgres_cluster import PG_BIN, _as_server_user, free_port

        data = self.folder / "data"
        if not data.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.chown(self.folder, "postgres") if _as_server_user(["x"])[0] == "runuser" else None
            initdb = [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--encoding=UTF8",
                      "--locale=C.UTF-8"]  # fmt: skip
            subprocess.run(_as_server_user(initdb), check=True, capture_output=True)
        port = free_port()
        options = " ".join(f"-c {key}={value}" for key, value in SERVER_SETTINGS.items())
        options += f" -p {port} -k {self.folder} -c listen_addresses=127.0.0.1"
        start = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"]
        subprocess.run(_as_server_user(start), check=True, capture_output=True)
        self._started = True
        return f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        if self._started:
            import subprocess

            from tests.postgres_cluster import PG_BIN, _as_server_user

            stop = [str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop"]
            subprocess.run(_as_server_user(stop), capture_output=True)

    def url(self, database: str) -> str:
        assert self.admin_url is not None
        return self.admin_url.rsplit("/", 1)[0] + f"/{database}"

    def _admin(self, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(str(self.admin_url), autocommit=True) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def exists(self, database: str) -> bool:
        return bool(self._admin(f"SELECT 1 FROM pg_database WHERE datname = '{database}'"))

    def recreate(self, database: str, template: str | None = None) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        self._admin(f"CREATE DATABASE {database}" + (f" TEMPLATE {template}" if template else ""))

    def drop(self, database: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(HAPPENINGS), choices=sorted(HAPPENINGS))
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--dir", type=Path, default=Path("/var/tmp/timeline-bench"))
    parser.add_argument("--postgres", help="admin URL of a server to use instead of a cluster of our own")
    parser.add_argument("--parts", nargs="+", default=list(PARTS), choices=list(PARTS))
    parser.add_argument("--grow", action="store_true", help="grow the 1M stores from the 100k ones (see above)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    server = PostgresServer(args.dir, args.postgres) if "postgresql" in args.engines else None
    try:
        stores = {
            (size, engine): _store(args.dir, size, engine, server, args.grow)
            for size in sorted(args.sizes)
            for engine in args.engines
        }
        updated = {key: brought_up_to_date(built) for key, built in stores.items()}
        report_builds(stores, updated)
        for part in args.parts:
            if part != "build":
                run = PARTS[part]
                assert run is not None
                run(stores, server, args.dir)
    finally:
        if server is not None:
            server.stop()


def _store(folder: Path, size: int, engine: str, server: PostgresServer | None, grown: bool) -> Built:
    if grown and size == GROWN:
        return grow_sqlite(folder) if server is None or engine == "sqlite" else grow_postgres(folder, server)
    return build_sqlite(folder, size) if server is None or engine == "sqlite" else build_postgres(folder, size, server)


def report_builds(stores: dict[tuple[int, str], Built], updated: dict[tuple[int, str], float]) -> None:
    print("\n## Stores")
    print("| size | engine | happenings | reports stored | merged events | built in | first opening now |")
    print("|---|---|---|---|---|---|---|")
    for (size, engine), built in stores.items():
        made = f"{built.happenings:,} | {built.reports:,}" if built.happenings else "(grown ×10) | (as the 100k)"
        counts = f"{made} | {built.merged:,}"
        print(f"| {size:,} | {engine} | {counts} | {built.seconds:.0f} s | {updated[(size, engine)]:.1f} s |")


# -- queries: the read side's answers ---------------------------------------------------------------
FILTER = Filters(countries=("AM",), date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), types=("meeting",))
CHANGES = (  # filter changes, each from the unfiltered view
    FILTER,
    Filters(types=("meeting",)),
    Filters(countries=("GE",)),
    Filters(countries=("AM",)),
    Filters(date_from=date(2024, 1, 1), date_to=date(2024, 3, 31)),
    Filters(q="يريفان"),
)
LISTS = tuple(facet.name for facet in FACETS if facet.repeatable)
REPEATS = 5


def timed(action: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """(first, median of the next ``repeats``) seconds of ``action``."""
    times = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def rerun(views: SqlViews, filters: Filters) -> None:
    """What one run of the page asks the store for (the dashboard's data functions, uncached)."""
    views.summary(filters)
    views.page(filters, limit=100)
    for name in LISTS:
        views.facet_counts(filters, name)
    views.timeline(filters)
    views.places(filters, limit=2000, per_place=1)
    views.pairs(filters)


def counts(views: SqlViews, filters: Filters) -> list[dict[str, int]]:
    return [views.facet_counts(filters, name) for name in LISTS]


def measure_queries(store: Store) -> dict[str, tuple[float, float]]:
    views, from_rows = SqlViews(store), SqlViews(store, per_value=False)
    one_value = [change for change in CHANGES if kept_of(views.where(change)) is not None]
    return {
        "filter query (country + year + type: count and first page)": timed(lambda: views.page(FILTER, limit=100)),
        f"option counts of the {len(LISTS)} lists, filtered": timed(lambda: counts(views, FILTER)),
        f"option counts of the {len(LISTS)} lists, unfiltered": timed(lambda: counts(views, Filters())),
        "timeline, unfiltered (counts per month)": timed(lambda: views.timeline(Filters())),
        "timeline, one type (counts per month)": timed(lambda: views.timeline(Filters(types=("meeting",)))),
        "map places, filtered": timed(lambda: views.places(FILTER, limit=2000, per_place=1)),
        "map places, unfiltered": timed(lambda: views.places(Filters(), limit=2000, per_place=1)),
        "first view (unfiltered rerun)": timed(lambda: rerun(views, Filters()), 2),
        **{f"filter change: {change!r}": timed(lambda c=change: rerun(views, c), 2) for change in CHANGES},
        **{
            f"the same from its matching rows: {change!r}": timed(lambda c=change: rerun(from_rows, c), 2)
            for change in one_value
        },
    }


def print_plans(store: Store) -> None:
    where = SqlViews(store).where(FILTER)  # as the views write it (on SQLite: which condition drives)
    explain = "EXPLAIN " if store.engine == "postgresql" else "EXPLAIN QUERY PLAN "
    with store.read() as db:
        rows = db.rows(f"{explain}SELECT count(*) AS n FROM merged_events m WHERE {where.sql}", where.params)
    print("    " + "\n    ".join(str(dict(row).get("QUERY PLAN") or dict(row).get("detail")) for row in rows))


def ratio_table(title: str, results: dict[tuple[int, str], dict[str, tuple[float, float]]]) -> None:
    print(f"\n## {title} (first / median, seconds; ×: median against the smallest size of the engine)")
    keys = list(next(iter(results.values())))
    columns = list(results)
    print("| | " + " | ".join(f"{engine} {size:,}" for size, engine in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for key in keys:
        cells = []
        for size, engine in columns:
            first, median = results[(size, engine)][key]
            base = results[min(s for s, e in columns if e == engine), engine][key][1]
            cells.append(f"{first:.3f} / {median:.3f} ({median / base:.1f}×)")
        print(f"| {key} | " + " | ".join(cells) + " |")


def part_queries(stores: dict[tuple[int, str], Built], server: PostgresServer | None, folder: Path) -> None:
    results = {}
    for (size, engine), built in stores.items():
        with open_store(built.location) as store:
            results[(size, engine)] = measure_queries(store)
            print(f"\nplan of the filter query, {engine} {size:,}:")
            print_plans(store)
    ratio_table("Read side in SQL", results)


# -- ingest: queue workers into a copy of each store -------------------------------------------------
INGEST_PAGES = 120  # pages queued per run (each a real extraction: the worker's cost is the extractor's)


def _scratch(built: Built, server: PostgresServer | None, folder: Path) -> str:
    """A throw-away copy of a benchmark store (a file copy; a database made from it as a template)."""
    import shutil

    if built.engine == "sqlite":
        target = folder / f"scratch_{built.size}.db"
        for stale in folder.glob(f"scratch_{built.size}.db*"):
            stale.unlink()
        with open_store(built.location) as store, store.read() as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(built.location, target)
        return str(target)
    assert server is not None
    server.recreate(f"scratch_{built.size}", template=f"bench_{built.size}")
    return server.url(f"scratch_{built.size}")


def _events_stored(location: str) -> int:
    with open_store(location) as store, store.read() as db:
        return int(db.value("SELECT count(*) AS n FROM events"))


def ingest_run(location: str, pages: Path, workers: int) -> tuple[float, int]:
    """(seconds for ``workers`` worker processes to empty the queue, machine events stored)."""
    import subprocess

    from components.store.ingest import queue_paths

    with open_store(location) as store:
        queued = queue_paths(store, [pages])
    assert queued.queued == INGEST_PAGES, queued
    before = _events_stored(location)
    command = [sys.executable, "-m", "components.worker", "--db", location]
    started = time.perf_counter()
    running = [
        subprocess.Popen([*command, "--name", f"bench-{n}"], cwd=ROOT, stdout=subprocess.DEVNULL)
        for n in range(workers)
    ]
    codes = [process.wait() for process in running]
    seconds = time.perf_counter() - started
    assert codes == [0] * workers, codes
    return seconds, _events_stored(location) - before


def part_ingest(stores: dict[tuple[int, str], Built], server: PostgresServer | None, folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_ingest import make_pages

    pages = folder / f"ingest_pages_{INGEST_PAGES}"
    if not pages.exists():
        pages.mkdir()
        make_pages(pages, INGEST_PAGES)
    print(f"\n## Ingestion by queue workers ({INGEST_PAGES} pages into a copy of the store, worker start included)")
    print("| size | engine | workers | seconds | events stored | events/s | × one worker |")
    print("|---|---|---|---|---|---|---|")
    for (size, engine), built in stores.items():
        single = 0.0
        for workers in (1, 4) if engine == "postgresql" else (1,):
            location = _scratch(built, server, folder)
            seconds, events = ingest_run(location, pages, workers)
            rate = events / seconds
            single = single or rate
            print(f"| {size:,} | {engine} | {workers} | {seconds:.1f} | {events} | {rate:.1f} | {rate / single:.2f} |")
            if engine == "postgresql" and server is not None:
                server.drop(f"scratch_{size}")
            else:
                for stale in folder.glob(f"scratch_{size}.db*"):
                    stale.unlink()


# -- apptest: the dashboard script in process, one fresh process per store ----------------------------
def apptest_child(location: str) -> dict[str, float]:
    """The dashboard in AppTest on ``location``: first run, filter changes, and this process's memory."""
    import os
    import resource

    from streamlit.testing.v1 import AppTest

    os.environ["TIMELINE_DB"] = location
    baseline = _rss_mb()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=1800)
    started = time.perf_counter()
    app.run()
    first = time.perf_counter() - started
    if app.exception or app.error:
        raise RuntimeError([item.value for item in (*app.exception, *app.error)])
    after_first = _rss_mb()
    changes, steps = [], (("type", ["meeting"]), ("country", ["AM"]), ("type", []), ("country", ["GE"]))
    for param, value in steps:
        (widget,) = [w for w in app.multiselect if w.key in (f"f_{param}", f"f_{param}_en")]  # keys by version
        started = time.perf_counter()
        widget.set_value(value).run()
        changes.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(app.exception[0].message)
    return {
        "first run": first,
        "filter change (median of 4)": statistics.median(changes),
        **{
            f"change {n + 1}: {param} {value}": seconds
            for n, ((param, value), seconds) in enumerate(zip(steps, changes, strict=True))
        },
        "memory before the first run (MB)": baseline,
        "memory after the first run (MB)": after_first,
        "memory after 4 filter changes (MB)": _rss_mb(),
        "peak memory (MB)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def part_apptest(stores: dict[tuple[int, str], Built], server: PostgresServer | None, folder: Path) -> None:
    import subprocess

    results = {}
    for (size, engine), built in stores.items():
        command = [sys.executable, str(Path(__file__).resolve()), "--apptest-child", built.location]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"AppTest on {engine} {size:,} failed:\n{done.stderr[-2000:]}")
            continue
        results[(size, engine)] = json.loads(done.stdout.strip().splitlines()[-1])
    if not results:
        return
    print("\n## The dashboard in AppTest (server time of a run, in process; memory of that process)")
    columns = list(results)
    print("| | " + " | ".join(f"{engine} {size:,}" for size, engine in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for key in next(iter(results.values())):
        cells = []
        for size, engine in columns:
            value = results[(size, engine)][key]
            base = results[min(s for s, e in columns if e == engine), engine][key]
            unit = "" if "MB" in key else " s"
            cells.append(f"{value:.{0 if 'MB' in key else 2}f}{unit} ({value / base:.1f}×)")
        print(f"| {key} | " + " | ".join(cells) + " |")


PARTS: dict[str, Callable[[dict[tuple[int, str], Built], PostgresServer | None, Path], None] | None] = {
    "build": None,
    "queries": part_queries,
    "ingest": part_ingest,
    "apptest": part_apptest,
}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--apptest-child"]:
        print(json.dumps(apptest_child(sys.argv[2])))
    else:
        main()
