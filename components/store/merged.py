"""Merged events (groups combined, corrections applied) written into ``merged_events`` with their
facet values and places, for the groups a write touched.

A group is named by its seed's event id; an event an analyst added is the group
``manual:<correction id>``. Recomputing a group reads its members and only the corrections that
name them (``correction_keys``) or undo those, so a write costs what it touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from components.store import kept_given, kept_places, merge, totals
from components.store.corrections import MANUAL_PREFIX, apply_corrections
from components.store.database import Db, from_json
from components.store.groups import chunks, marks, rows_in
from components.store.records import StoredEvent
from components.store.rows import (
    MERGED_COLUMNS,
    facet_values,
    merged_values,
    name_values,
    packed_lists,
    place_values,
)

REBUILD_BATCH = 2000  # groups recomputed per step of a full rebuild
NAMES_INSERT = (
    "INSERT INTO event_names (event_id, list, position, name_en, name_ar, hidden, undated, date_start)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _members(db: Db, group_ids: Sequence[str]) -> dict[str, list[dict]]:
    """The machine events of each group, seed first, then in merge order."""
    members: dict[str, list[dict]] = {}
    sql = (
        "SELECT g.group_id, e.data, e.event_key, e.alt_key FROM event_groups g JOIN events e ON e.id = g.event_id"
        " WHERE g.group_id IN ({marks})"
    )
    for row in rows_in(db, sql, group_ids):
        event = dict(from_json(row["data"]))
        event["event_key"], event["alt_key"] = row["event_key"], row["alt_key"]
        members.setdefault(str(row["group_id"]), []).append(event)
    for group_id, events in members.items():
        events.sort(key=lambda e: (e["id"] != group_id, merge.seed_order(e)))
    return members


def correction_dict(row: Any) -> dict:
    data = dict(row)
    for name in ("keys", "fields", "previous"):
        data[name] = from_json(data[name])
    return data


def _corrections(db: Db, keys: Iterable[str], manual_ids: Iterable[int]) -> list[dict]:
    """The corrections naming any of ``keys``, the additions ``manual_ids``, and the undos of those."""
    ids = {
        int(row["correction_id"])
        for row in rows_in(db, "SELECT correction_id FROM correction_keys WHERE key IN ({marks})", keys)
    }
    ids |= set(manual_ids)
    if not ids:
        return []
    found = rows_in(db, "SELECT * FROM corrections WHERE id IN ({marks})", sorted(ids))
    found += rows_in(db, "SELECT * FROM corrections WHERE target IN ({marks})", sorted(ids))
    unique = {int(row["id"]): correction_dict(row) for row in found}
    return [unique[cid] for cid in sorted(unique)]


def _keys(events: Iterable[dict]) -> set[str]:
    return {key for event in events for key in (event.get("event_key"), event.get("alt_key")) if key}


def merged_events(db: Db, group_ids: Sequence[str]) -> list[StoredEvent]:
    """The merged events of ``group_ids`` as they are now (groups that no longer exist are left out)."""
    members = _members(db, [g for g in group_ids if not g.startswith(MANUAL_PREFIX)])
    manual = [int(g[len(MANUAL_PREFIX) :]) for g in group_ids if g.startswith(MANUAL_PREFIX)]
    combined = [merge.combine(events) for events in members.values()]
    keys = _keys(e for events in members.values() for e in events) | {f"{MANUAL_PREFIX}{n}" for n in manual}
    corrections = _corrections(db, keys, manual)
    wanted_manual = {f"{MANUAL_PREFIX}{n}" for n in manual}
    result = apply_corrections(combined, corrections, in_place=True)
    return [
        cast(StoredEvent, event)
        for event in result
        if not str(event["id"]).startswith(MANUAL_PREFIX) or event["id"] in wanted_manual
    ]


def write_groups(db: Db, group_ids: Iterable[str]) -> None:
    """Recompute the rows of ``group_ids``: rewritten where the group exists, deleted where it is
    gone; the first view's option counts (``facet_totals``) and map (``place_events``) follow, and
    so do the counts per chosen value (``given_totals``)."""
    for batch in chunks(sorted(set(group_ids))):
        events = merged_events(db, batch)
        rows = [row for event in events for row in facet_values(event)]
        visible = {str(event["id"]) for event in events if not event.get("hidden")}
        shown, shown_rows = [e for e in events if str(e["id"]) in visible], [r for r in rows if r[0] in visible]
        before = totals.visible_rows(db, batch)
        counted_before = kept_places.take_out(db, batch)
        articles = kept_given.articles_of(before) | kept_given.articles_of(shown_rows)
        given_before = kept_given.given_totals(before, counted_before)
        given_before.update(kept_given.article_totals(kept_given.presence(db, articles)))
        db.execute(f"DELETE FROM event_facets WHERE event_id IN ({marks(batch)})", batch)
        db.execute(f"DELETE FROM event_places WHERE event_id IN ({marks(batch)})", batch)
        db.execute(f"DELETE FROM event_names WHERE event_id IN ({marks(batch)})", batch)
        db.execute(f"DELETE FROM merged_events WHERE id IN ({marks(batch)})", batch)
        db.executemany(
            f"INSERT INTO merged_events ({', '.join(MERGED_COLUMNS)}) VALUES ({marks(MERGED_COLUMNS)})",
            [merged_values(event, db.json) for event in events],
        )
        db.executemany("INSERT INTO event_facets (event_id, facet, value) VALUES (?, ?, ?)", rows)
        totals.change(db, before, shown_rows)
        db.executemany(
            "INSERT INTO event_places (event_id, place_no, name_en, name_ar, country, lat, lon, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [row for event in events for row in place_values(event)],
        )
        db.executemany(NAMES_INSERT, [row for event in events for row in name_values(event)])
        counted = kept_places.put_in(db, shown, shown_rows, counted_before.totals(totals.flag_sets(before)))
        given_after = kept_given.given_totals(shown_rows, counted)
        given_after.update(kept_given.article_totals(kept_given.presence(db, articles)))
        kept_given.change(db, given_before, given_after)


def groups_of_keys(db: Db, keys: Sequence[str]) -> set[str]:
    """The groups with a member whose key or alt key is among ``keys`` (and the manual events named)."""
    found = {key for key in keys if key.startswith(MANUAL_PREFIX)}
    machine = [key for key in keys if not key.startswith(MANUAL_PREFIX)]
    for column in ("event_key", "alt_key"):
        sql = (
            f"SELECT g.group_id FROM events e JOIN event_groups g ON g.event_id = e.id WHERE e.{column} IN ({{marks}})"
        )
        found |= {str(row["group_id"]) for row in rows_in(db, sql, machine)}
    return found


def all_group_ids(db: Db) -> list[str]:
    groups = [str(row["group_id"]) for row in db.rows("SELECT DISTINCT group_id FROM event_groups")]
    adds = db.rows("SELECT id FROM corrections WHERE action = 'add'")
    return sorted(groups) + [f"{MANUAL_PREFIX}{row['id']}" for row in adds]


def fill_names(db: Db) -> None:
    """``event_names`` from the merged events as they are (when the table is created)."""
    db.execute("DELETE FROM event_names")
    ids = [str(row["id"]) for row in db.rows("SELECT id FROM merged_events")]
    for batch in chunks(ids, REBUILD_BATCH):
        events = rows_in(db, "SELECT data FROM merged_events WHERE id IN ({marks})", batch)
        db.executemany(NAMES_INSERT, [row for stored in events for row in name_values(from_json(stored["data"]))])


def fill_lists(db: Db) -> None:
    """``merged_events.lists`` and ``placed`` from ``event_facets`` and ``event_places`` (when the
    columns are added): the same values the write path puts there."""
    packed = set(packed_lists())
    ids = [str(row["id"]) for row in db.rows("SELECT id FROM merged_events")]
    for batch in chunks(ids, REBUILD_BATCH):
        lists: dict[str, dict[str, list[str]]] = {event_id: {} for event_id in batch}
        for row in rows_in(db, "SELECT event_id, facet, value FROM event_facets WHERE event_id IN ({marks})", batch):
            if row["facet"] in packed:
                lists[str(row["event_id"])].setdefault(str(row["facet"]), []).append(str(row["value"]))
        sql = (
            "SELECT DISTINCT event_id FROM event_places"
            " WHERE lat IS NOT NULL AND lon IS NOT NULL AND event_id IN ({marks})"
        )
        placed = {str(row["event_id"]) for row in rows_in(db, sql, batch)}
        db.executemany(
            "UPDATE merged_events SET lists = ?, placed = ? WHERE id = ?",
            [(db.json(lists[event_id]), int(event_id in placed), event_id) for event_id in batch],
        )


def rebuild_all(db: Db) -> None:
    """Every merged event afresh (after a migration, or when the facet table changed)."""
    db.execute("DELETE FROM facet_totals")
    db.execute("DELETE FROM given_totals")
    db.execute("DELETE FROM place_events")
    db.execute("DELETE FROM event_facets")
    db.execute("DELETE FROM event_places")
    db.execute("DELETE FROM event_names")
    db.execute("DELETE FROM merged_events")
    for batch in chunks(all_group_ids(db), REBUILD_BATCH):
        write_groups(db, batch)
