"""The event store: the one object the rest of the code reads and writes events through.

Pages, articles, machine events (with provenance), merged-event groups and analyst corrections
live in one database: an SQLite file (``data/timeline.db``, the default) or PostgreSQL, chosen by
``$TIMELINE_DB`` (:mod:`components.store.location`). Every write is one transaction under the
store's write lock that also brings the merged events it touched up to date and bumps a revision
counter, which :meth:`Store.version` returns for the dashboard's cache key. Reads run in
snapshots on connections of their own and never wait for a writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from components.extract.reading import RawPage
from components.store import bulk_load, groups, merged, queue, statistics
from components.store.corrections import CorrectionError, check_note, event_keys_of, validate_fields
from components.store.database import Db, Engine, from_json
from components.store.errors import StoreError
from components.store.location import (
    DEFAULT_DB,
    ENV_VAR,
    POSTGRESQL,
    ROOT,
    StoreLocation,
    locate,
)
from components.store.migrations import current_version, foreign_tables, migrate
from components.store.regroup import regroup
from components.store.rows import views_signature
from components.store.writes import (
    ExtractedPage,
    event_dict,
    extractor_version,
    insert_articles,
    insert_events,
    insert_page,
    now,
    page_meta,
    text_hash,
)

ARTICLES_DIR = ROOT / "data" / "articles"
BUSY_TIMEOUT_S = 30.0
FEED_KEY = "feed:"  # meta table key prefix of a feed's state

__all__ = [
    "ARTICLES_DIR",
    "DEFAULT_DB",
    "ENV_VAR",
    "ExtractedPage",
    "IngestOutcome",
    "Store",
    "StoreError",
    "event_dict",
    "open_store",
    "resolve_location",
    "text_hash",
]


@dataclass(frozen=True)
class IngestOutcome:
    page_name: str
    content_hash: str
    duplicate: bool  # the page was already stored: nothing was added
    articles_added: int = 0
    articles_skipped: int = 0  # articles whose text was already stored from another page
    events_added: int = 0


def store_location(path: str | Path | StoreLocation | None = None) -> StoreLocation:
    """The store ``path`` names (``None``: ``$TIMELINE_DB``, else the default file)."""
    return locate(path, default=DEFAULT_DB)


def resolve_location(path: str | Path | None = None) -> tuple[Path | str, bool]:
    """The store file (or PostgreSQL URL) to use and whether it is the default one."""
    location = store_location(path)
    return (location.path if location.path is not None else location.display), location.is_default


def open_store(path: str | Path | StoreLocation | None = None, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Store:
    """Open the store, creating or migrating it if needed. Nothing else: building the default
    store from the shipped articles is :func:`components.store.ingest.open_shipped_store`."""
    return Store(store_location(path), busy_timeout_s=busy_timeout_s)


def _engine(location: StoreLocation, busy_timeout_s: float) -> Engine:
    if location.engine == POSTGRESQL:
        from components.store.postgres_engine import PostgresEngine  # psycopg only when asked for

        return PostgresEngine(location, busy_timeout_s)
    from components.store.sqlite_engine import SQLiteEngine

    return SQLiteEngine(location, busy_timeout_s)


def _refuse_foreign(location: StoreLocation) -> Callable[[Db], None]:
    def check(db: Db) -> None:
        if db.engine == POSTGRESQL and current_version(db) == 0 and (tables := foreign_tables(db)):
            raise StoreError(
                f"{location.display} holds tables of another application ({', '.join(tables)}); it was left untouched",
                "give an empty database, or one made by this program",
            )

    return check


def _bump(db: Db) -> None:
    db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")


def _raw_page(row: Any) -> RawPage:
    return RawPage(
        name=row["name"],
        text=row["text"],
        is_html=bool(row["is_html"]),
        encoding=row["encoding"],
        content_hash=row["content_hash"],
    )


class Store:
    """One open store. Safe to share between threads: every call takes a connection of its own."""

    def __init__(self, path: str | Path | StoreLocation, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.location = path if isinstance(path, StoreLocation) else locate(path)
        self.path: Path | str = self.location.path or self.location.display
        self._engine = _engine(self.location, busy_timeout_s)
        try:
            migrate(self._engine, _refuse_foreign(self.location))
            self._refresh_views()
        except BaseException:
            self._engine.close()
            raise

    def _refresh_views(self) -> None:
        """Rebuild the merged events when what they hold changed (a migration, a new facet)."""
        signature = views_signature()
        with self._engine.read() as db:
            if db.value("SELECT value FROM meta WHERE key = 'views'") == signature:
                return
        with self._engine.write() as db:
            if db.value("SELECT value FROM meta WHERE key = 'views'") == signature:
                return
            groups.regroup_all(db)
            merged.rebuild_all(db)
            statistics.analyse(db)
            db.execute("UPDATE meta SET value = ? WHERE key = 'views'", (signature,))
            _bump(db)

    # -- plumbing -------------------------------------------------------------------------
    @property
    def engine(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.name

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self) -> Any:
        """A read snapshot (a :class:`~components.store.database.Db`), for the store's read side."""
        return self._engine.read()

    @contextmanager
    def _write(self) -> Iterator[Db]:
        with self._engine.write() as db:
            yield db
            statistics.keep_fresh(db)

    def version(self) -> str:
        """Changes whenever the store's content changes (a cheap cache key)."""
        with self._engine.read() as db:
            revision = db.value("SELECT value FROM meta WHERE key = 'revision'")
        name = self.location.path.name if self.location.path is not None else self.location.display
        return f"{name}:{revision}"

    def counts(self) -> dict[str, int]:
        with self._engine.read() as db:
            return {
                table: int(db.value(f"SELECT count(*) AS n FROM {table}"))
                for table in ("pages", "articles", "events", "corrections")
            }

    # -- ingestion ------------------------------------------------------------------------
    def page_hashes(self) -> frozenset[str]:
        with self._engine.read() as db:
            return frozenset(str(row["content_hash"]) for row in db.rows("SELECT content_hash FROM pages"))

    # -- pages fetched from the web (kept in existing columns; see components/store/web) ---
    def has_url(self, url: str) -> bool:
        """Whether a page fetched from ``url`` is stored: its address after redirects (the
        ``url`` column) or the one requested (``fetch.requested_url`` in its ``meta`` JSON)."""
        requested = (
            "meta -> 'fetch' ->> 'requested_url'"
            if self.engine == POSTGRESQL
            else "json_extract(meta, '$.fetch.requested_url')"
        )
        with self._engine.read() as db:
            row = db.one(f"SELECT 1 AS found FROM pages WHERE url = ? OR {requested} = ? LIMIT 1", (url, url))
        return row is not None

    def feed_state(self, url: str) -> dict[str, Any]:
        """What was kept of the feed at ``url`` the last time it was read (``{}`` if never):
        its ``ETag`` and ``Last-Modified`` for the next conditional GET."""
        with self._engine.read() as db:
            value = db.value("SELECT value FROM meta WHERE key = ?", (FEED_KEY + url,))
        return dict(json.loads(value)) if value else {}

    def save_feed_state(self, url: str, state: dict[str, Any]) -> None:
        """Keep a feed's state (not content: the revision is not bumped)."""
        with self._engine.write(lock=False) as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (FEED_KEY + url, json.dumps(state, ensure_ascii=False)),
            )

    def ingest_page(
        self,
        result: ExtractedPage,
        *,
        published: date | str | None = None,
        source: str | None = None,
        url: str | None = None,
        page_meta: dict | None = None,
    ) -> IngestOutcome:
        """Store one extracted page in one transaction, merged events included; a page already
        stored (same content hash) adds nothing. ``published``/``source``/``url``/``page_meta``
        are what extraction was given, kept for re-extraction."""
        with self._write() as db:
            return self._store_page(db, result, published, source, url, page_meta or {})

    def _store_page(
        self, db: Db, result: ExtractedPage, published: object, source: str | None, url: str | None, meta: dict
    ) -> IngestOutcome:
        if not insert_page(db, result, published, source, url, meta):
            return IngestOutcome(result.page.name, result.page.content_hash, duplicate=True)
        outcome = self._insert_extraction(db, result)
        _bump(db)
        return outcome

    @staticmethod
    def _insert_extraction(
        db: Db, result: ExtractedPage, removed: tuple[set[str], list[str]] = (set(), [])
    ) -> IngestOutcome:
        """Insert a page's new articles and their events, merge them into their groups and bring
        the merged events up to date (``removed``: the groups and released members of events
        this transaction deleted)."""
        kept = insert_articles(db, result)
        added = insert_events(db, result, kept)
        touched = regroup(groups.SqlGroupIndex(db), added, removed[1]) | removed[0]
        merged.write_groups(db, touched)
        skipped = len(result.articles) - len(kept)
        return IngestOutcome(result.page.name, result.page.content_hash, False, len(kept), skipped, len(added))

    def load_pages(self, results: Iterable[ExtractedPage]) -> bulk_load.LoadOutcome:
        """Store many pages in one transaction, merging once at the end (benchmark stores; the same
        tables as :meth:`ingest_page` page by page: :mod:`components.store.bulk_load`)."""
        with self._write() as db:
            return bulk_load.load_pages(db, results)

    def copy_from(self, source: Store) -> dict[str, int]:
        """Fill this new, empty store with every row of ``source`` (of either engine: moving a store
        to a team server, or benchmark stores); returns the rows copied per table."""
        with source.read() as reader, self._write() as writer:
            if writer.value("SELECT count(*) AS n FROM pages") or writer.value("SELECT count(*) AS n FROM corrections"):
                raise StoreError(f"{self.location.display} is not empty", "copy into a new store")
            return bulk_load.copy_tables(reader, writer)

    def reextract(self, extract_fn: Callable[..., ExtractedPage]) -> dict[str, int]:
        """Re-run ``extract_fn(page, published=, source=, url=, page_meta=) -> ExtractedPage`` over every
        stored page, replacing machine articles and events page by page (one transaction
        each). Corrections are kept: they are keyed on text, not on event ids."""
        with self._engine.read() as db:
            hashes = [
                row["content_hash"] for row in db.rows("SELECT content_hash FROM pages ORDER BY added_at, content_hash")
            ]
        totals = {"pages": 0, "events_before": 0, "events_after": 0}
        for content_hash in hashes:
            with self._engine.read() as db:
                row = db.one("SELECT * FROM pages WHERE content_hash = ?", (content_hash,))
            if row is None:
                continue
            published = date.fromisoformat(row["published"]) if row["published"] else None
            result = extract_fn(
                _raw_page(row), published=published, source=row["source"], url=row["url"], page_meta=page_meta(row)
            )
            with self._write() as db:
                count, removed = self._replace_page(db, content_hash, result)
                totals["events_before"] += count
                totals["events_after"] += self._insert_extraction(db, result, removed).events_added
                totals["pages"] += 1
                _bump(db)
        return totals

    @staticmethod
    def _replace_page(db: Db, content_hash: str, result: ExtractedPage) -> tuple[int, tuple[set[str], list[str]]]:
        """Delete a page's articles and events (its new extraction follows); returns how many events
        were deleted, and the groups they were in with the members of removed seeds."""
        sql = "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE a.page_hash = ?"
        ids = [str(row["id"]) for row in db.rows(sql, (content_hash,))]
        removed = groups.remove_events(db, ids)
        db.execute("DELETE FROM articles WHERE page_hash = ?", (content_hash,))
        db.execute(
            "UPDATE pages SET extractor_version = ? WHERE content_hash = ?", (extractor_version(result), content_hash)
        )
        return len(ids), removed

    # -- the ingestion queue (components/store/queue.py) ----------------------------------
    def enqueue_page(
        self, name: str, content: bytes, *, meta: dict | None = None, published: object = None,
        source: str | None = None, url: str | None = None,
    ) -> bool:  # fmt: skip
        """Queue a page for the workers; false when the same bytes are queued already."""
        with self._engine.write(lock=False) as db:
            return queue.enqueue(db, name, content, meta or {}, published, source, url)

    def claim_pages(self, worker: str, *, lease_s: float, limit: int = 1) -> list[queue.QueuedPage]:
        """Pages for ``worker`` to extract and store before ``lease_s`` seconds have passed."""
        with self._engine.write(lock=False) as db:
            return queue.claim(db, worker, lease_s, limit)

    def finish_page(self, item: queue.QueuedPage, result: ExtractedPage) -> IngestOutcome:
        """Store a claimed page's extraction and mark it done, in one transaction."""
        with self._write() as db:
            outcome = self._store_page(db, result, item.published, item.source, item.url, item.meta)
            queue.mark_done(db, item.id)
        return outcome

    def fail_page(self, item: queue.QueuedPage, reason: str) -> None:
        with self._engine.write(lock=False) as db:
            queue.mark_failed(db, item.id, reason)

    def queue_counts(self) -> dict[str, int]:
        with self._engine.read() as db:
            return queue.counts(db)

    def queue_failures(self) -> list[tuple[str, str]]:
        with self._engine.read() as db:
            return queue.failures(db)

    # -- reading --------------------------------------------------------------------------
    def get_article(self, article_id: str) -> dict | None:
        with self._engine.read() as db:
            row = db.one(
                "SELECT a.*, p.name AS page, p.content_hash AS page_hash FROM articles a"
                " JOIN pages p ON p.content_hash = a.page_hash WHERE a.id = ?",
                (article_id,),
            )
        return dict(row) if row else None

    def list_events(self, include_hidden: bool = False) -> list[dict]:
        """Merged events with corrections applied, ordered by date (undated last)."""
        sql = "SELECT data FROM merged_events" + ("" if include_hidden else " WHERE hidden = 0")
        with self._engine.read() as db:
            events = [dict(from_json(row["data"])) for row in db.rows(sql)]
        events.sort(key=lambda e: (e.get("date_start") is None, e.get("date_start") or "", e["id"]))
        return events

    # -- corrections ----------------------------------------------------------------------
    def _add_correction(
        self,
        action: str,
        *,
        author: str,
        reason: str,
        keys: list[str],
        fields: dict,
        previous: dict,
        target: int | None = None,
    ) -> int:
        reason, author = check_note(reason, author)
        with self._write() as db:
            touched = set(keys)
            if target is not None:
                touched |= self._undoable(db, target)
            row = db.one(
                "INSERT INTO corrections (action, author, reason, created_at, keys, fields, previous, target)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (action, author, reason, now(), db.json(keys), db.json(fields), db.json(previous), target),
            )
            assert row is not None, "INSERT … RETURNING gives the new row"
            correction_id = int(row["id"])
            db.executemany(
                "INSERT INTO correction_keys (correction_id, key) VALUES (?, ?)",
                [(correction_id, k) for k in sorted(set(keys))],
            )
            if action == "add":
                touched.add(f"manual:{correction_id}")
            merged.write_groups(db, merged.groups_of_keys(db, sorted(touched)))
            _bump(db)
            return correction_id

    @staticmethod
    def _undoable(db: Db, target: int) -> set[str]:
        """The keys (or manual event) a correction that may be undone touched; refuses the others."""
        row = db.one("SELECT action, keys FROM corrections WHERE id = ?", (target,))
        if row is None or row["action"] == "undo":
            raise CorrectionError(f"no correction {target} that can be undone")
        if db.one("SELECT 1 AS found FROM corrections WHERE target = ?", (target,)):
            raise CorrectionError(f"correction {target} is already undone")
        return {f"manual:{target}"} if row["action"] == "add" else set(from_json(row["keys"]))

    @staticmethod
    def _keys_of(event: dict) -> list[str]:
        keys = event_keys_of(event)
        if not keys:
            raise CorrectionError("the event carries no key (pass an event from list_events)")
        return sorted(keys)

    def correct_event(self, event: dict, fields: dict, *, reason: str, author: str) -> int:
        """Record new values for some fields of an event (as returned by :meth:`list_events`)."""
        clean = validate_fields(fields)
        if not clean:
            raise CorrectionError("nothing to correct")
        merged_fields = {**event, **clean}
        if (
            merged_fields.get("date_start")
            and merged_fields.get("date_end")
            and merged_fields["date_end"] < merged_fields["date_start"]
        ):
            raise CorrectionError("date_end is before date_start")
        previous = {name: event.get(name) for name in clean}
        return self._add_correction(
            "edit", author=author, reason=reason, keys=self._keys_of(event), fields=clean, previous=previous
        )

    def hide_event(self, event: dict, *, reason: str, author: str) -> int:
        return self.correct_event(event, {"hidden": True}, reason=reason, author=author)

    def add_event(self, fields: dict, *, reason: str, author: str) -> int:
        """Record an event the extractor missed (``date_start``, ``type``, ``countries``…;
        ``article_id`` and ``sentence`` optional)."""
        clean = validate_fields(fields, require_date=True)
        if clean.get("article_id") and self.get_article(clean["article_id"]) is None:
            raise CorrectionError(f"no article {clean['article_id']}")
        return self._add_correction("add", author=author, reason=reason, keys=[], fields=clean, previous={})

    def undo_correction(self, correction_id: int, *, author: str, reason: str = "undo") -> int:
        """Revert a correction by recording an undo (the history keeps both)."""
        return self._add_correction(
            "undo", author=author, reason=reason, keys=[], fields={}, previous={}, target=int(correction_id)
        )

    def list_corrections(self) -> list[dict]:
        with self._engine.read() as db:
            return [merged.correction_dict(row) for row in db.rows("SELECT * FROM corrections ORDER BY id")]

    def export_corrections(self) -> str:
        """All corrections (undos included) as JSON, for export with the data."""
        with self._engine.read() as db:
            corrections = [merged.correction_dict(row) for row in db.rows("SELECT * FROM corrections ORDER BY id")]
            revision = db.value("SELECT value FROM meta WHERE key = 'revision'")
        return json.dumps(
            {"format": "timeline-corrections/1", "revision": int(revision), "corrections": corrections},
            ensure_ascii=False,
            indent=1,
        )
