"""Single lookups of the read side in SQL: an event by its id or one of its reports' ids, where an
event stands in the table's order, and the Arabic form of each English actor or place name.

The Arabic names are the first seen in ``Store.list_events()`` order (by start date, undated last,
then id), as :func:`components.store.views.arabic_names_of` reads them; the database walks the
JSON of the visible events and keeps one row per English name.
"""

from __future__ import annotations

from typing import Any

from components.store.database import Db, from_json
from components.store.rows import MEMBERS
from components.store.sql_filters import Where

LISTING_ORDER = "(m.date_start IS NULL), m.date_start, m.id"  # Store.list_events()'s order

# Each engine's rows of one JSON list of ``m.data`` (``{field}``): its items in order as ``item``
# with their position ``n``, and an item's text field.
_ITEMS = {
    "sqlite": (
        "json_each(CASE WHEN json_type(m.data, '$.{field}') = 'array' THEN json_extract(m.data, '$.{field}')"
        " ELSE '[]' END) AS a",
        "a.key",
        "json_extract(a.value, '$.{name}')",
    ),
    "postgresql": (
        "jsonb_array_elements(CASE WHEN jsonb_typeof(m.data->'{field}') = 'array' THEN m.data->'{field}'"
        " ELSE '[]'::jsonb END) WITH ORDINALITY AS a(item, n)",
        "a.n",
        "(a.item->>'{name}')",
    ),
}


def arabic_names_query(db: Db, field: str) -> dict[str, str]:
    """English name → the first Arabic name of the items of the list ``field`` (``actors`` or
    ``places``) of the visible events."""
    items, position, text = _ITEMS[db.engine]
    english, arabic = text.format(name="name_en"), text.format(name="name_ar")
    sql = (
        f"SELECT en, ar FROM (SELECT {english} AS en, {arabic} AS ar, row_number() OVER (PARTITION BY {english}"
        f" ORDER BY {LISTING_ORDER}, {position}) AS r FROM merged_events m, {items.format(field=field)}"
        f" WHERE m.hidden = 0 AND coalesce({english}, '') <> '' AND coalesce({arabic}, '') <> '') named WHERE r = 1"
    )
    return {str(row["en"]): str(row["ar"]) for row in db.rows(sql)}


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
