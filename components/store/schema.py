"""How an SQLite store file is recognised before it is opened for writing.

A store file carries this project's ``application_id`` and its schema version in
``user_version`` (the migrations in :mod:`components.store.migrations` set both). Anything else
(a text file, another application's database, a damaged file) is refused without being written
to: it is inspected read-only and, unless it is in use in WAL mode, as ``immutable`` so that
SQLite creates no ``-wal``/``-shm`` files beside it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from components.store.migrations import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "DamagedStoreError", "ForeignFileError", "inspect_file"]


class ForeignFileError(Exception):
    """The file exists but is not this project's store."""


class DamagedStoreError(Exception):
    """The file is marked as this project's store but SQLite cannot read it."""


def _plausible_header(head: bytes) -> bool:
    """SQLite's fixed header fields: page size a power of two from 512 to 65536, payload fractions 64/32/32."""
    if len(head) < HEADER_SIZE:
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return 512 <= page_size <= 65536 and page_size & (page_size - 1) == 0 and head[21:24] == b"\x40\x20\x20"


def _read_ids(path: Path) -> tuple[int, int, int]:
    """(application_id, user_version, number of schema objects), read without writing anything."""
    in_use = Path(f"{path}-wal").exists()
    mode = "mode=ro" if in_use else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.close()
    return int(app_id), int(version), int(tables)


def inspect_file(path: Path) -> int:
    """The schema version of an existing store file (0 for an empty file or database).

    Raises :class:`ForeignFileError` for anything that is not this project's SQLite store.
    """
    with path.open("rb") as handle:
        head = handle.read(HEADER_SIZE)
    if not head:
        return 0
    if not head.startswith(SQLITE_MAGIC):
        raise ForeignFileError("not an SQLite database")
    if not _plausible_header(head):
        raise ForeignFileError("a damaged SQLite file")
    try:
        app_id, version, tables = _read_ids(path)
    except sqlite3.DatabaseError as error:
        if int.from_bytes(head[68:72], "big") == APPLICATION_ID:
            raise DamagedStoreError(str(error)) from error
        raise ForeignFileError(f"unreadable SQLite file ({error})") from error
    if app_id == 0 and tables == 0:
        return 0
    if app_id != APPLICATION_ID:
        raise ForeignFileError("an SQLite database of another application")
    if version > SCHEMA_VERSION:
        raise ForeignFileError(f"store schema version {version} is newer than this code ({SCHEMA_VERSION})")
    return version
