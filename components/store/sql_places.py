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
from components.store.sql_filters import Where, joined
from components.store.views import PlaceCount

Key = tuple[str, float, float]

# One row per place and matching event (``place_events``: the event's first mention of it, with
# the place's names and the event's dates), ranked newest first.
_KEYED = (
    "WITH k AS (SELECT p.name_en, p.lat, p.lon, p.event_id AS id, p.type, p.day_start, p.date_end, p.name_ar,"
    " p.country, p.kind FROM {places} WHERE {where})"
)
_TYPES = _KEYED + " SELECT name_en, lat, lon, type, count(*) AS n FROM k GROUP BY name_en, lat, lon, type"
_LATEST = (
    _KEYED + ", r AS (SELECT k.*, row_number() OVER (PARTITION BY k.name_en, k.lat, k.lon"
    " ORDER BY k.day_start DESC NULLS LAST, k.date_end DESC, k.id DESC) AS rank FROM k)"
    " SELECT * FROM r WHERE rank <= ?"
)


def _key(row: Row) -> Key:
    return (str(row["name_en"]), float(row["lat"]), float(row["lon"]))


def _newest_first(rows: Sequence[Row]) -> dict[Key, list[Row]]:
    latest: dict[Key, list[Row]] = {}
    for row in sorted(rows, key=lambda row: int(row["rank"])):
        latest.setdefault(_key(row), []).append(row)
    return latest


def places_query(db: Db, where: Where, limit: int, per_place: int) -> tuple[PlaceCount, ...]:
    types: dict[Key, Counter[str]] = {}
    places = joined(db.engine, "place_events p", "p.event_id = m.id")
    for row in db.rows(_TYPES.format(places=places, where=where.sql), where.params):
        types.setdefault(_key(row), Counter())[str(row["type"])] = int(row["n"])
    query = _LATEST.format(places=places, where=where.sql)
    latest = _newest_first(db.rows(query, (*where.params, max(1, per_place))))
    found = []
    for key, counts in types.items():
        newest = latest[key][0]
        place = PlaceCount(
            name_en=key[0], name_ar=str(newest["name_ar"] or key[0]), country=newest["country"], lat=key[1],
            lon=key[2], kind=str(newest["kind"] or "city"), count=sum(counts.values()),
            types=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            latest=tuple(str(row["id"]) for row in latest[key][:per_place]),
        )  # fmt: skip
        newest_order = (newest["day_start"] or 0, str(newest["date_end"]), str(newest["id"]))
        found.append((place, newest_order))
    found.sort(key=lambda item: item[1], reverse=True)  # first seen among the newest events first
    found.sort(key=lambda item: (-item[0].count, item[0].name_en))
    return tuple(place for place, _ in found[:limit])
