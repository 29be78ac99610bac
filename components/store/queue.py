"""The ingestion queue: pages waiting to be extracted and stored by workers on any machine.

A queued page carries its bytes and what extraction is given (publication date, source, URL, the
metadata sidecar), so a worker needs no access to the files. A worker claims pages with a lease
(on PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED``, so that workers never wait for one another);
it stores each page and marks it done in one transaction. When a worker dies its leases run out
and its pages are claimed again; a page whose workers died :data:`MAX_ATTEMPTS` times is marked
failed. Times are the database's clock, the same for every machine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from components.store.database import Db, from_json
from components.store.writes import iso, now, printable

MAX_ATTEMPTS = 3
STATES = ("pending", "claimed", "done", "failed")
_NOW = {
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
    "postgresql": "CAST(extract(epoch FROM clock_timestamp()) AS DOUBLE PRECISION)",
}


@dataclass(frozen=True)
class QueuedPage:
    id: int
    name: str
    content: bytes
    published: date | None
    source: str | None
    url: str | None
    meta: dict[str, Any]
    attempts: int


def bytes_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def enqueue(
    db: Db, name: str, content: bytes, meta: dict, published: object, source: str | None, url: str | None
) -> bool:
    """Queue one page; false when the same bytes are queued already (a failed page is queued again)."""
    cursor = db.execute(
        "INSERT INTO queue (name, content, content_hash, published, source, url, meta, state, enqueued_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (content_hash) DO UPDATE"
        " SET state = 'pending', attempts = 0, error = NULL, worker = NULL, lease_until = NULL"
        " WHERE queue.state = 'failed'",
        (printable(name), content, bytes_hash(content), iso(published), source, url, db.json(meta), now()),
    )
    return cursor.rowcount == 1


def _give_up_on_abandoned(db: Db) -> None:
    """Pages whose workers died holding them :data:`MAX_ATTEMPTS` times are failed, not retried."""
    db.execute(
        f"UPDATE queue SET state = 'failed', error = ? WHERE state = 'claimed' AND lease_until < {_NOW[db.engine]}"
        " AND attempts >= ?",
        (f"the workers processing it stopped {MAX_ATTEMPTS} times", MAX_ATTEMPTS),
    )


def claim(db: Db, worker: str, lease_s: float, limit: int) -> list[QueuedPage]:
    """Take up to ``limit`` pages that are pending, or claimed by a worker whose lease ran out."""
    _give_up_on_abandoned(db)
    now_sql = _NOW[db.engine]
    skip_locked = " FOR UPDATE SKIP LOCKED" if db.engine == "postgresql" else ""
    rows = db.rows(
        f"UPDATE queue SET state = 'claimed', worker = ?, lease_until = {now_sql} + ?, attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM queue WHERE state = 'pending'"
        f" OR (state = 'claimed' AND lease_until < {now_sql}) ORDER BY id LIMIT ?{skip_locked})"
        " RETURNING id, name, content, published, source, url, meta, attempts",
        (worker, float(lease_s), int(limit)),
    )
    return sorted((_queued(row) for row in rows), key=lambda page: page.id)


def _queued(row: Any) -> QueuedPage:
    published = row["published"]
    return QueuedPage(
        id=int(row["id"]),
        name=str(row["name"]),
        content=bytes(row["content"]),
        published=date.fromisoformat(published) if published else None,
        source=row["source"],
        url=row["url"],
        meta=dict(from_json(row["meta"])),
        attempts=int(row["attempts"]),
    )


def mark_done(db: Db, page_id: int) -> None:
    db.execute("UPDATE queue SET state = 'done', done_at = ?, error = NULL WHERE id = ?", (now(), page_id))


def mark_failed(db: Db, page_id: int, reason: str) -> None:
    db.execute("UPDATE queue SET state = 'failed', done_at = ?, error = ? WHERE id = ?", (now(), reason, page_id))


def counts(db: Db) -> dict[str, int]:
    """Pages per state (every state named, zero included)."""
    found = {row["state"]: int(row["n"]) for row in db.rows("SELECT state, count(*) AS n FROM queue GROUP BY state")}
    return {state: found.get(state, 0) for state in STATES}


def failures(db: Db) -> list[tuple[str, str]]:
    rows = db.rows("SELECT name, error FROM queue WHERE state = 'failed' ORDER BY id")
    return [(str(row["name"]), str(row["error"] or "")) for row in rows]
