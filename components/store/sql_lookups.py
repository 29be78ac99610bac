"""Single lookups of the read side in SQL: an event by its id or one of its reports' ids, where an
event stands in the table's order, and the Arabic form of each English actor or place name.

The Arabic names are the first seen in ``Store.list_events()`` order (by start date, undated last,
then id), as :func:`components.store.views.arabic_names_of` reads them: ``event_names`` holds each
actor's and place's names with that order, indexed, so each English name is one lookup.
"""

from __future__ import annotations

from typing import Any

from components.store.database import Db, from_json
from components.store.rows import MEMBERS
from components.store.sql_filters import Where

LISTING_ORDER = "(m.date_start IS NULL), m.date_start, m.id"  # Store.list_events()'s order

# Each English name of a list once (a loose index scan of ``event_names_first``), with the Arabic
# name of its first visible item in list_events() order: one index lookup per name.
_FIRST_NAMES = (
    "WITH RECURSIVE v(name) AS (SELECT min(name_en) FROM event_names WHERE list = ?"
    " UNION ALL SELECT (SELECT min(n.name_en) FROM event_names n WHERE n.list = ? AND n.name_en > v.name)"
    " FROM v WHERE v.name IS NOT NULL)"
    " SELECT v.name AS en, (SELECT n.name_ar FROM event_names n WHERE n.list = ? AND n.name_en = v.name"
    " AND n.hidden = 0 ORDER BY n.undated, n.date_start, n.event_id, n.position LIMIT 1) AS ar"
    " FROM v WHERE v.name IS NOT NULL"
)


def arabic_names_query(db: Db, field: str) -> dict[str, str]:
    """English name → the first Arabic name of the items of the list ``field`` (``actors`` or
    ``places``) of the visible events."""
    rows = db.rows(_FIRST_NAMES, (field, field, field))
    return {str(row["en"]): str(row["ar"]) for row in rows if row["ar"] is not None}


def event_row(db: Db, event_id: str) -> Any:
    """The visible event with this id, else the one a report with this id was merged into."""
    row = db.one("SELECT data FROM merged_events WHERE id = ? AND hidden = 0", (event_id,))
    if row is None:
        row = db.one(
            "SELECT m.data FROM event_facets f JOIN merged_events m ON m.id = f.event_id"
            f" WHERE f.facet = ? AND f.value = ? AND m.hidden = 0 ORDER BY {LISTING_ORDER.replace(',', ' DESC,')} DESC"
            " LIMIT 1",
            (MEMBERS, event_id),
        )
    return None if row is None else dict(from_json(row["data"]))


def position_query(db: Db, where: Where, event_id: str, order: str) -> int | None:
    """The offset of the event ``event_id`` among the events matching ``where`` in ``order``."""
    sql = (
        f"SELECT pos FROM (SELECT m.id, row_number() OVER (ORDER BY {order}) - 1 AS pos FROM merged_events m"
        f" WHERE {where.sql}) ranked WHERE ranked.id = ?"
    )
    found = db.value(sql, (*where.params, event_id))
    return None if found is None else int(found)
