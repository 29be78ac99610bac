"""The map's first view kept ready: ``place_events`` holds one row per visible merged event and
place it names, and ``facet_totals`` (list ``~places``) how many of them each place has per event
type and set of flags (and, through :mod:`components.store.kept_summary`, the summary's counts).

The first view (no filter, flags off) adds up a place's totals instead of counting every event's
places, and reads each shown place's newest events by the index ``place_events_newest`` instead of
ranking all of them. :func:`take_out` and :func:`put_in` are what rewriting a batch of merged
events changes in both; every write goes through them (:func:`components.store.merged.write_groups`).
The answers equal those of :func:`components.store.sql_places.places_query` over the same events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from components.store import kept_summary
from components.store.database import Db, Row, from_json
from components.store.groups import chunks, marks, rows_in
from components.store.records import StoredEvent
from components.store.rows import day_number, place_values
from components.store.totals import SEPARATOR, FacetRow, Kept, add_up, flag_sets, visible_rows
from components.store.views import PlaceCount

PLACES = "~places"  # the totals' list: value ``name_en<US>lat<US>lon<US>type``
COLUMNS = ("event_id", "name_en", "lat", "lon", "type", "flags", "day_start", "date_end", "name_ar", "country", "kind")
FILL_BATCH = 2000
Key = tuple[str, float, float]
Key3 = tuple[str, str, str]  # a total's (list, value, flags)


def place_rows(event: StoredEvent, flags: str) -> list[tuple[Any, ...]]:
    """The ``place_events`` rows of a visible event: its first mention of each place."""
    day_start, date_end = day_number(event.get("date_start")), str(event.get("date_end") or "")
    kind = str(event.get("type") or "other")
    found: dict[Key, tuple[Any, ...]] = {}
    for _, _, name_en, name_ar, country, lat, lon, place_kind in place_values(event):
        key = (name_en, lat or 0.0, lon or 0.0)
        if key not in found:
            found[key] = (str(event["id"]), *key, kind, flags, day_start, date_end, name_ar, country, place_kind)
    return list(found.values())


def _total_key(name_en: str, lat: float, lon: float, kind: str, flags: str) -> tuple[str, str, str]:
    return PLACES, SEPARATOR.join((name_en, repr(float(lat)), repr(float(lon)), kind)), flags


def _tally(rows: Iterable[Sequence[Any]]) -> Counter[tuple[str, str, str]]:
    return Counter(_total_key(row[1], row[2], row[3], row[4], row[5]) for row in rows)


@dataclass(frozen=True)
class Counted:
    """What a batch of visible merged events counts in the kept rows: its ``place_events`` rows
    (in the order of :data:`COLUMNS`) and its summary facts (:func:`kept_summary.facts`)."""

    places: list[tuple[Any, ...]]
    facts: list[kept_summary.Facts]

    def totals(self, flags: dict[str, str]) -> Counter[Key3]:
        """The totals they add up to (``flags``: each event's flags)."""
        counted = _tally(self.places)
        counted.update(kept_summary.tally(self.facts, flags))
        return counted


def take_out(db: Db, event_ids: Sequence[str]) -> Counted:
    """Delete the rows of ``event_ids`` (before their merged events are rewritten); returns what
    their visible events counted."""
    found = rows_in(db, "SELECT * FROM place_events WHERE event_id IN ({marks})", event_ids)
    counted = Counted([tuple(row[name] for name in COLUMNS) for row in found], kept_summary.before(db, event_ids))
    db.execute(f"DELETE FROM place_events WHERE event_id IN ({marks(event_ids)})", event_ids)
    return counted


def put_in(db: Db, visible: Sequence[StoredEvent], facet_rows: Sequence[FacetRow], before: Counter[Key3]) -> Counted:
    """Write the rows of the ``visible`` merged events (``facet_rows``: theirs, which give their
    flags) and bring the totals from ``before`` to counting them; returns what they count."""
    flags = flag_sets(facet_rows)
    after = [row for event in visible for row in place_rows(event, flags.get(str(event["id"]), ""))]
    db.executemany(f"INSERT INTO place_events ({', '.join(COLUMNS)}) VALUES ({marks(COLUMNS)})", after)
    counted = Counted(after, [kept_summary.facts(event) for event in visible])
    delta = counted.totals(flags)
    delta.subtract(before)
    add_up(db, delta)
    return counted


def refill(db: Db) -> None:
    """Every row and total afresh from ``merged_events`` (when the table is created)."""
    db.execute("DELETE FROM place_events")
    kept_lists = (PLACES, *kept_summary.LISTS)
    db.execute(f"DELETE FROM facet_totals WHERE facet IN ({marks(kept_lists)})", kept_lists)
    visible = [str(row["id"]) for row in db.rows("SELECT id FROM merged_events WHERE hidden = 0")]
    for batch in chunks(visible, FILL_BATCH):
        found = rows_in(db, "SELECT data FROM merged_events WHERE id IN ({marks})", batch)
        put_in(db, [from_json(row["data"]) for row in found], visible_rows(db, batch), Counter())


def _counted(db: Db, kept: Kept) -> dict[Key, Counter[str]]:
    rows, params = kept.rows(PLACES)
    types: dict[Key, Counter[str]] = {}
    for row in db.rows(f"SELECT value, sum(events) AS n {rows} GROUP BY value", params):
        if int(row["n"]) > 0:
            name_en, lat, lon, kind = str(row["value"]).rsplit(SEPARATOR, 3)
            types.setdefault((name_en, float(lat), float(lon)), Counter())[kind] = int(row["n"])
    return types


def _newest(db: Db, key: Key, kept: Kept, per_place: int) -> list[Row]:
    """A place's newest events that ``kept`` counts: its rows newest first over the index
    ``place_events_newest``, each checked against the chosen value (when there is one)."""
    given = "" if kept.given is None else (  # a subquery with LIMIT: PostgreSQL looks each event up, never
        # joins the value's rows whole (an EXISTS it turns into a join that reads them all, per place)
        " AND (SELECT 1 FROM event_facets g WHERE g.facet = ? AND g.value = ? AND g.event_id = p.event_id LIMIT 1)"
        " IS NOT NULL"
    )  # fmt: skip
    sql = (
        "SELECT p.event_id, p.day_start, p.date_end, p.name_ar, p.country, p.kind FROM place_events p"
        f" WHERE p.name_en = ? AND p.lat = ? AND p.lon = ? AND p.flags IN ({marks(kept.flag_sets)}){given}"
        " ORDER BY p.day_start DESC NULLS LAST, p.date_end DESC, p.event_id DESC LIMIT ?"
    )
    return db.rows(sql, (*key, *kept.flag_sets, *(kept.given or ()), max(1, per_place)))


def _shown(types: dict[Key, Counter[str]], limit: int) -> list[Key]:
    """The places the map can show: the ``limit`` most counted, and any tied with the last of them."""

    def rank(key: Key) -> tuple[int, str]:
        return -sum(types[key].values()), key[0]

    ranked = sorted(types, key=rank)
    if limit <= 0 or len(ranked) <= limit:
        return ranked
    last = rank(ranked[limit - 1])
    return ranked[:limit] + [key for key in ranked[limit:] if rank(key) == last]


def kept_places(db: Db, kept: Kept, limit: int, per_place: int) -> tuple[PlaceCount, ...]:
    """The places of the visible events that ``kept`` counts (the first view's, or a chosen value's)."""
    types = _counted(db, kept)
    found = []
    for key in _shown(types, limit):
        latest = _newest(db, key, kept, per_place)
        newest, counts = latest[0], types[key]
        place = PlaceCount(
            name_en=key[0], name_ar=str(newest["name_ar"] or key[0]), country=newest["country"], lat=key[1],
            lon=key[2], kind=str(newest["kind"] or "city"), count=sum(counts.values()),
            types=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            latest=tuple(str(row["event_id"]) for row in latest[:per_place]),
        )  # fmt: skip
        found.append((place, (newest["day_start"] or 0, str(newest["date_end"]), str(newest["event_id"]))))
    found.sort(key=lambda item: item[1], reverse=True)  # first seen among the newest events first
    found.sort(key=lambda item: (-item[0].count, item[0].name_en))
    return tuple(place for place, _ in found[:limit])
