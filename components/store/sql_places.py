"""The map's places in SQL: each place (English name and coordinates) of the matching events with
how many events happened there, of which types, and the ids of its newest events.

A place is told apart by its English name and coordinates (missing coordinates count as 0), as
:func:`components.store.memory_views.places_of` does; its Arabic name, country and kind are those
it has in its newest event. The rows are those of ``place_events``, which holds the visible events'
places (every view's condition asks for visible events).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from components.store.database import Db, Row
from components.store.groups import rows_in
from components.store.sql_filters import Where, joined
from components.store.views import PlaceCount

Key = tuple[str, float, float]

# One row per place and matching event (``place_events``: the event's first mention of it, with
# the place's names and the event's dates), ranked newest first.
_KEYED = (
    "WITH k AS (SELECT p.name_en, p.lat, p.lon, p.event_id, p.type, p.day_start, p.date_end, p.name_ar,"
    " p.country, p.kind FROM {places} WHERE {where})"
)
_TYPES = _KEYED + " SELECT name_en, lat, lon, type, count(*) AS n FROM k GROUP BY name_en, lat, lon, type"
_LATEST = (
    _KEYED + ", r AS (SELECT k.*, row_number() OVER (PARTITION BY k.name_en, k.lat, k.lon"
    " ORDER BY k.day_start DESC NULLS LAST, k.date_end DESC, k.event_id DESC) AS rank FROM k)"
    " SELECT * FROM r WHERE rank <= ?"
)


# The newest first as one string that orders like (first day, NULL lowest; end date; id), for max():
# the day zero-padded, the parts joined by a character below any they hold.
_NEWEST_KEY = {
    "sqlite": "printf('%07d', coalesce(p.day_start, 0)) || char(1) || p.date_end || char(1) || p.event_id",
    "postgresql": "(lpad(coalesce(p.day_start, 0)::text, 7, '0') || chr(1) || p.date_end || chr(1) || p.event_id)"
    ' COLLATE "C"',
}
_TYPES_NEWEST = (
    "SELECT p.name_en, p.lat, p.lon, p.type, count(*) AS n, max({newest}) AS newest FROM {places} WHERE {where}"
    " GROUP BY p.name_en, p.lat, p.lon, p.type"
)


def _key(row: Row) -> Key:
    return (str(row["name_en"]), float(row["lat"]), float(row["lon"]))


def _newest_first(rows: Sequence[Row]) -> dict[Key, list[Row]]:
    latest: dict[Key, list[Row]] = {}
    for row in sorted(rows, key=lambda row: int(row["rank"])):
        latest.setdefault(_key(row), []).append(row)
    return latest


def _types_and_latest(db: Db, where: Where, per_place: int) -> tuple[dict[Key, Counter[str]], dict[Key, list[Row]]]:
    """Per place, its events per type and its ``per_place`` newest rows (newest first)."""
    types: dict[Key, Counter[str]] = {}
    places = joined(db.engine, "place_events p", "p.event_id = m.id")
    if per_place == 1:  # one pass: the newest event's key rides along with the counts
        newest: dict[Key, str] = {}
        sql = _TYPES_NEWEST.format(newest=_NEWEST_KEY[db.engine], places=places, where=where.sql)
        for row in db.rows(sql, where.params):
            types.setdefault(_key(row), Counter())[str(row["type"])] = int(row["n"])
            newest[_key(row)] = max(newest.get(_key(row), ""), str(row["newest"]))
        found = rows_in(
            db, "SELECT * FROM place_events WHERE event_id IN ({marks})", [k.split("\x01")[-1] for k in newest.values()]
        )
        by_place = {(_key(row), str(row["event_id"])): row for row in found}
        return types, {key: [by_place[key, last.split("\x01")[-1]]] for key, last in newest.items()}
    for row in db.rows(_TYPES.format(places=places, where=where.sql), where.params):
        types.setdefault(_key(row), Counter())[str(row["type"])] = int(row["n"])
    query = _LATEST.format(places=places, where=where.sql)
    return types, _newest_first(db.rows(query, (*where.params, max(1, per_place))))


def places_query(db: Db, where: Where, limit: int, per_place: int) -> tuple[PlaceCount, ...]:
    types, latest = _types_and_latest(db, where, per_place)
    found = []
    for key, counts in types.items():
        newest = latest[key][0]
        place = PlaceCount(
            name_en=key[0], name_ar=str(newest["name_ar"] or key[0]), country=newest["country"], lat=key[1],
            lon=key[2], kind=str(newest["kind"] or "city"), count=sum(counts.values()),
            types=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            latest=tuple(str(row["event_id"]) for row in latest[key][:per_place]),
        )  # fmt: skip
        newest_order = (newest["day_start"] or 0, str(newest["date_end"]), str(newest["event_id"]))
        found.append((place, newest_order))
    found.sort(key=lambda item: item[1], reverse=True)  # first seen among the newest events first
    found.sort(key=lambda item: (-item[0].count, item[0].name_en))
    return tuple(place for place, _ in found[:limit])
