"""Machine events and the merged-event group each belongs to, kept in the tables at write time.

Each stored event carries its merge profile (the fields merging reads), its seed rank
(:func:`components.store.merge.rank_key`) and one ``merge_keys`` row per country with its day
span, so that the events a new one may merge with are found by index. ``event_groups`` maps
every event to its group (the id of the group's seed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from components.store import merge
from components.store.database import Db, Row, from_json
from components.store.regroup import Node
from components.store.rows import day_number

CHUNK = 500  # values per IN (…) list
# Spans are looked up by class of length (longest span of each class, in days; the last has no
# bound), so that finding the events that overlap a day reads few index entries.
SPAN_CLASSES = (0, 7, 31, 62, 366)


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def rows_in(db: Db, sql: str, values: Iterable[Any], before: Sequence[Any] = ()) -> list[Row]:
    """``sql`` with its ``{marks}`` replaced by placeholders, run once per chunk of ``values``."""
    found: list[Row] = []
    for batch in chunks(dict.fromkeys(values)):
        found += db.rows(sql.format(marks=marks(batch)), [*before, *batch])
    return found


def span_class(days: int) -> int:
    """The first class of :data:`SPAN_CLASSES` whose spans are as long as ``days``."""
    return next((n for n, longest in enumerate(SPAN_CLASSES) if days <= longest), len(SPAN_CLASSES))


def merge_key_rows(profile: dict) -> list[tuple[str, str, int, int, int]]:
    """(event id, country, first day, last day, span class) per country of a dated event."""
    start = day_number(profile.get("date_start"))
    if start is None or profile.get("undated") or not profile.get("countries"):
        return []
    end = max(start, day_number(profile.get("date_end")) or start)
    kind = span_class(end - start)
    return [(str(profile["id"]), str(country), start, end, kind) for country in sorted(set(profile["countries"]))]


def insert_events(db: Db, events: Sequence[tuple[dict, str, str]]) -> list[str]:
    """Store machine events (data, key, alt key), each as a group of its own (regrouping follows);
    returns the ids added (an id stored already is skipped)."""
    stored = {
        str(row["id"])
        for row in rows_in(db, "SELECT id FROM events WHERE id IN ({marks})", (e[0]["id"] for e in events))
    }
    new: dict[str, tuple[dict, str, str, dict]] = {}
    for data, key, alt in events:
        if str(data["id"]) not in stored:
            new.setdefault(str(data["id"]), (data, key, alt, merge.profile_of(data)))
    db.executemany(
        "INSERT INTO events (id, article_id, event_key, alt_key, type, date_start, date_end, sentence, char_start,"
        " char_end, date_text, extractor_version, data, seed_rank, profile)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(data["id"], data["article_id"], key, alt, data["type"], data.get("date_start"), data.get("date_end"),
          data["sentence"], data["char_start"], data["char_end"], data.get("date_text") or "",
          data.get("extractor_version") or "", db.json(data), merge.rank_key(data), db.json(profile))
         for data, key, alt, profile in new.values()],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO merge_keys (event_id, country, day_start, day_end, span_class) VALUES (?, ?, ?, ?, ?)",
        [row for *_, profile in new.values() for row in merge_key_rows(profile)],
    )
    db.executemany("INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)", [(i, i) for i in new])
    return list(new)


def remove_events(db: Db, ids: Sequence[str]) -> tuple[set[str], list[str]]:
    """Delete machine events; returns the groups they were in, and the members of removed seeds
    that stay (they must be regrouped: :func:`components.store.regroup.regroup`)."""
    groups = groups_of(db, ids)
    gone = set(ids)
    sql = "SELECT event_id FROM event_groups WHERE group_id IN ({marks})"
    released = [str(row["event_id"]) for row in rows_in(db, sql, sorted(groups & gone))]
    for batch in chunks(ids):
        for table, column in (("merge_keys", "event_id"), ("event_groups", "event_id"), ("events", "id")):
            db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks(batch)})", batch)
    return groups, [event_id for event_id in released if event_id not in gone]


def all_profiles(db: Db) -> list[dict]:
    return [from_json(row["profile"]) for row in db.rows("SELECT profile FROM events")]


def regroup_all(db: Db) -> set[str]:
    """Merge every stored event afresh (:func:`merge.group_ids`) and store the groups that changed;
    returns the ids of the groups whose members changed (old and new)."""
    new = merge.group_ids(all_profiles(db))
    old = {str(row["event_id"]): str(row["group_id"]) for row in db.rows("SELECT event_id, group_id FROM event_groups")}
    changed = [event_id for event_id, group in new.items() if old.get(event_id) != group]
    for batch in chunks(changed):
        db.execute(f"DELETE FROM event_groups WHERE event_id IN ({marks(batch)})", batch)
    db.executemany("INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)", [(e, new[e]) for e in changed])
    return {new[e] for e in changed} | {old[e] for e in changed if e in old}


def groups_of(db: Db, event_ids: Iterable[str]) -> set[str]:
    """The groups the given events are in now."""
    sql = "SELECT group_id FROM event_groups WHERE event_id IN ({marks})"
    return {str(row["group_id"]) for row in rows_in(db, sql, event_ids)}


def backfill(db: Db) -> None:
    """Merge profiles, seed ranks and merge keys for events stored before they existed, and the
    keys of the corrections made before then."""
    corrections = db.rows("SELECT id, keys FROM corrections")
    db.executemany(
        "INSERT INTO correction_keys (correction_id, key) VALUES (?, ?)",
        [(row["id"], key) for row in corrections for key in sorted(set(from_json(row["keys"])))],
    )
    rows = db.rows("SELECT id, data FROM events")
    for batch in chunks(rows):
        profiles = [merge.profile_of(from_json(row["data"])) for row in batch]
        db.executemany(
            "UPDATE events SET seed_rank = ?, profile = ? WHERE id = ?",
            [(merge.rank_key(p), db.json(p), p["id"]) for p in profiles],
        )
        db.executemany(
            "INSERT INTO merge_keys (event_id, country, day_start, day_end, span_class) VALUES (?, ?, ?, ?, ?)",
            [key for p in profiles for key in merge_key_rows(p)],
        )


_NODE = (
    "SELECT e.id, e.seed_rank, e.profile, g.group_id, s.seed_rank AS group_rank FROM events e"
    " JOIN event_groups g ON g.event_id = e.id LEFT JOIN events s ON s.id = g.group_id"
)
_SPAN = (
    "SELECT k.event_id FROM merge_keys k"
    " WHERE k.country IN ({marks}) AND k.span_class = ? AND k.day_start BETWEEN ? AND ? AND k.day_end >= ?"
)
_NEAR = _NODE + " WHERE e.id IN ({spans}) AND e.id <> ?"


def _node(row: Row) -> Node:
    rank = row["group_rank"]
    return Node(str(row["id"]), str(row["seed_rank"]), from_json(row["profile"]), str(row["group_id"]), rank)


class SqlGroupIndex:
    """:class:`components.store.regroup.GroupIndex` over the store's tables, inside a write transaction."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def nodes(self, event_ids: Iterable[str]) -> list[Node]:
        return [_node(row) for row in rows_in(self.db, _NODE + " WHERE e.id IN ({marks})", event_ids)]

    def near(self, node: Node) -> list[Node]:
        keys = merge_key_rows(node.profile)
        if not keys:
            return []
        countries = [key[1] for key in keys]
        start, end = keys[0][2], keys[0][3]
        lookups = [(n, start - longest) for n, longest in enumerate(SPAN_CLASSES)] + [(len(SPAN_CLASSES), -(10**9))]
        spans = " UNION ".join(_SPAN for _ in lookups).format(marks=marks(countries))
        args = [value for n, first in lookups for value in (*countries, n, first, end, start)]
        return [_node(row) for row in self.db.rows(_NEAR.format(spans=spans), [*args, node.id])]

    def members(self, group_id: str) -> list[str]:
        rows = self.db.rows("SELECT event_id FROM event_groups WHERE group_id = ?", (group_id,))
        return [str(row["event_id"]) for row in rows]

    def set_group(self, event_id: str, group_id: str) -> None:
        self.db.execute("UPDATE event_groups SET group_id = ? WHERE event_id = ?", (group_id, event_id))
