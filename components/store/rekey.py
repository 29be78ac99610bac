"""New correction keys for stored events and the corrections that name them (schema version 3).

A key of the old form could be shared by two events of one sentence; a correction made through
either applied to both. Every correction keeps applying to exactly the events it applied to:
each old key it names is replaced by the new keys of all the events that had it (both events,
when two shared it), and a key no stored event has is kept as it was.
"""

from __future__ import annotations

from components.store.database import Db, from_json
from components.store.groups import chunks
from components.store.writes import event_keys


def _new_keys(db: Db) -> dict[str, set[str]]:
    """Old key → the new keys of the events that had it (events are updated on the way)."""
    mapping: dict[str, set[str]] = {}
    sql = (
        "SELECT e.id, e.data, e.event_key, e.alt_key, a.text_hash, a.page_hash"
        " FROM events e JOIN articles a ON a.id = e.article_id"
    )
    updates = []
    for row in db.rows(sql):
        key, alt = event_keys(from_json(row["data"]), row["text_hash"], row["page_hash"])
        mapping.setdefault(row["event_key"], set()).add(key)
        mapping.setdefault(row["alt_key"], set()).add(alt)
        updates.append((key, alt, row["id"]))
    for batch in chunks(updates):
        db.executemany("UPDATE events SET event_key = ?, alt_key = ? WHERE id = ?", batch)
    return mapping


def rekey(db: Db) -> None:
    mapping = _new_keys(db)
    for row in db.rows("SELECT id, keys FROM corrections WHERE action = 'edit'"):
        old = list(from_json(row["keys"]))
        new = sorted({key for name in old for key in mapping.get(name, {name})})
        if new == sorted(old):
            continue
        db.execute("UPDATE corrections SET keys = ? WHERE id = ?", (db.json(new), row["id"]))
        db.execute("DELETE FROM correction_keys WHERE correction_id = ?", (row["id"],))
        db.executemany(
            "INSERT INTO correction_keys (correction_id, key) VALUES (?, ?)", [(row["id"], key) for key in new]
        )
