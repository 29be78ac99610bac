"""The store's tables, their versions, and the checks made before a file is opened for writing.

SQLite specifics live here and in ``components/store.py`` only (see ``docs/store.md`` for
what PostgreSQL would take). The SQL itself sticks to portable types (TEXT, INTEGER, REAL).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

APPLICATION_ID = 0x44544C31  # "DTL1": marks a file as this project's store
SCHEMA_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages (
    content_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    is_html INTEGER NOT NULL,
    encoding TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    meta TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    page_hash TEXT NOT NULL REFERENCES pages(content_hash),
    text_hash TEXT NOT NULL UNIQUE,
    page_name TEXT,
    title TEXT,
    text TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_how TEXT,
    index_in_page INTEGER NOT NULL
);
CREATE INDEX articles_page ON articles(page_hash);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    event_key TEXT NOT NULL,
    alt_key TEXT NOT NULL,
    type TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    sentence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    date_text TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_key ON events(event_key);
CREATE TABLE event_groups (
    event_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    author TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    keys TEXT NOT NULL,
    fields TEXT NOT NULL,
    previous TEXT NOT NULL,
    target INTEGER REFERENCES corrections(id)
);
INSERT INTO meta (key, value) VALUES ('revision', '0'), ('groups_revision', '-1');
"""

# Migration n brings a store from version n-1 to n. Append, never edit a released one.
MIGRATIONS: dict[int, str] = {1: _V1}


class ForeignFileError(Exception):
    """The file exists but is not this project's store."""


def inspect_file(path: Path) -> int:
    """The schema version of an existing store file (0 for an empty file).

    Opens the file read-only; raises :class:`ForeignFileError` for anything that is not
    this project's SQLite store, so that such a file is never written to.
    """
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if not head:
        return 0
    if head != SQLITE_MAGIC:
        raise ForeignFileError("not an SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise ForeignFileError(f"unreadable SQLite file ({error})") from error
    if app_id == 0 and tables == 0:
        return 0
    if app_id != APPLICATION_ID:
        raise ForeignFileError("an SQLite database of another application")
    if version > SCHEMA_VERSION:
        raise ForeignFileError(f"store schema version {version} is newer than this code ({SCHEMA_VERSION})")
    return int(version)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring an opened store (ours or empty) to ``SCHEMA_VERSION``, one transaction per step."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
