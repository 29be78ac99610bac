"""Make a store's read side N times larger by copying its merged events under new ids.

    python benchmarks/grow_store.py LOCATION --times 10

Building a synthetic store of a million events the way ``bench_store.py`` builds the smaller ones
(extraction-shaped pages, bulk-loaded, merged) takes hours on a small machine. What the dashboard
reads is the read side (``merged_events`` with its lists, ``event_facets``, ``event_places``,
``place_events``, ``event_names``, ``facet_totals``; see ``docs/store.md``), so this copies those
rows of the store at ``LOCATION`` (a store file or a ``postgresql://`` URL; work on a copy) N-1 more
times, each copy's events, articles and reports under ids ending ``~1``, ``~2``, …: every count
grows N times, the distinct articles N times, the countries, actors, places and outlets stay the
same, and every day holds N times its events. The tables of pages, articles and reports are left
as they are (ingestion, corrections and merging are not what these copies are for); the store's
revision moves on, so running dashboards see the new rows.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.store.database import Db
from components.store.event_store import open_store
from components.store.rows import ARTICLES, MEMBERS, MERGED_COLUMNS

PATH = f'$."{ARTICLES}"'  # the articles' ids in an SQLite JSON object
ORIGINALS = {"sqlite": "instr({column}, '~') = 0", "postgresql": "position('~' in {column}) = 0"}
# The copied columns of merged_events that change: its id (also inside its JSON) and its articles.
CHANGED = {
    "sqlite": {
        "id": "id || ?",
        "data": "json_set(data, '$.id', id || ?)",
        "lists": (
            f"CASE WHEN json_type(lists, '{PATH}') IS NULL THEN lists ELSE json_set(lists, '{PATH}',"
            f" json((SELECT json_group_array(value || ?) FROM json_each(lists, '{PATH}')))) END"
        ),
    },
    "postgresql": {
        "id": "id || ?",
        "data": "jsonb_set(data, '{id}', to_jsonb(id || ?))",
        "lists": (
            f"CASE WHEN lists -> '{ARTICLES}' IS NULL THEN lists ELSE jsonb_set(lists, '{{{ARTICLES}}}',"
            f" (SELECT jsonb_agg(v || ?) FROM jsonb_array_elements_text(lists -> '{ARTICLES}') v)) END"
        ),
    },
}
# The other tables of the read side that name the event: (table, columns, columns holding ids).
KEYED = (
    ("event_places", ("event_id", "place_no", "name_en", "name_ar", "country", "lat", "lon", "kind")),
    (
        "place_events",
        ("event_id", "name_en", "lat", "lon", "type", "flags", "day_start", "date_end", "name_ar", "country", "kind"),
    ),
    ("event_names", ("event_id", "list", "position", "name_en", "name_ar", "hidden", "undated", "date_start")),
)


def _copy_merged(db: Db, suffix: str) -> None:
    changed = CHANGED[db.engine]
    columns = [changed.get(column, column) for column in MERGED_COLUMNS]
    params = [suffix for column in MERGED_COLUMNS if column in changed]
    db.execute(
        f"INSERT INTO merged_events ({', '.join(MERGED_COLUMNS)}) SELECT {', '.join(columns)} FROM merged_events"
        f" WHERE {ORIGINALS[db.engine].format(column='id')}",
        params,
    )


def _copy_rows(db: Db, suffix: str) -> None:
    originals = ORIGINALS[db.engine].format(column="event_id")
    renamed = f"CASE WHEN facet IN ('{ARTICLES}', '{MEMBERS}') THEN value || ? ELSE value END"
    db.execute(
        f"INSERT INTO event_facets (event_id, facet, value) SELECT event_id || ?, facet, {renamed} FROM event_facets"
        f" WHERE {originals}",
        (suffix, suffix),
    )
    for table, columns in KEYED:
        copied = ", ".join("event_id || ?" if c == "event_id" else c for c in columns)
        db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {copied} FROM {table} WHERE {originals}", (suffix,)
        )


def _grow_totals(db: Db, times: int) -> None:
    """Counts of the same values N times; each article's counts once more per copy of it."""
    originals = ORIGINALS[db.engine].format(column="value")
    for n in range(1, times):
        db.execute(
            "INSERT INTO facet_totals (facet, value, flags, events) SELECT facet, value || ?, flags, events"
            f" FROM facet_totals WHERE facet = ? AND {originals}",
            (f"~{n}", ARTICLES),
        )
    db.execute("UPDATE facet_totals SET events = events * ? WHERE facet <> ?", (times, ARTICLES))
    db.execute("UPDATE given_totals SET events = events * ?", (times,))  # it counts no articles


def grow(location: str, times: int) -> int:
    """Copy the read side of the store at ``location`` until it holds ``times`` its merged events;
    returns how many it holds."""
    with open_store(location) as store:  # brought to the current schema first
        with store.read() as db:
            if db.value(
                f"SELECT count(*) AS n FROM merged_events WHERE NOT ({ORIGINALS[db.engine].format(column='id')})"
            ):
                raise SystemExit(f"{location} was grown already")
        for n in range(1, times):
            started = time.perf_counter()
            with store._write() as db:  # one transaction per copy
                _copy_merged(db, f"~{n}")
                _copy_rows(db, f"~{n}")
            print(f"copy {n} of {times - 1}: {time.perf_counter() - started:.0f} s", flush=True)
        with store._write() as db:
            _grow_totals(db, times)
            db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")
        with store._write() as db:
            from components.store.statistics import analyse

            analyse(db)
        with store.read() as db:
            return int(db.value("SELECT count(*) AS n FROM merged_events"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("location", help="a store file or a postgresql:// URL (it is changed: use a copy)")
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    merged = grow(args.location, args.times)
    print(f"{args.location}: {merged:,} merged events, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
