"""Bad store locations and damaged stores, each with the exact message the store must give.

Each case builds its situation in an empty folder and returns what ``TIMELINE_DB`` is set to;
``message`` is the whole text of the ``StoreError`` (``{location}`` and ``{folder}`` are filled in).
``as_user``: run without root's rights (a read-only file or folder does not stop root).
``untouched``: the file must stay byte-identical, with no ``-wal``/``-shm`` files beside it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from components.store.event_store import open_store
from components.store.migrations import SCHEMA_VERSION

READ_ONLY = (
    "{location}: the store is read-only (the file or its folder cannot be written); give write permission on "
    "the store file and its folder, or copy the store to a writable folder"
)
DAMAGED = (
    "{location}: the store file is damaged (database disk image is malformed); restore the file from a backup "
    "copy, or build a new store and ingest the pages again"
)
FOREIGN = "{location} is not a timeline store ({why}); it was left untouched"
NOT_A_FILE = "{location} is not a regular file; give the path of a store file (a .db file)"


@dataclass(frozen=True)
class StoreCase:
    name: str
    make: Callable[[Path], str]
    message: str
    as_user: bool = False
    untouched: bool = False


def a_store(folder: Path) -> Path:
    path = folder / "timeline.db"
    open_store(path).close()
    return path


def read_only_folder(folder: Path) -> str:
    path = a_store(folder)
    folder.chmod(0o555)
    return str(path)


def read_only_file(folder: Path) -> str:
    path = a_store(folder)
    path.chmod(0o444)
    return str(path)


def damaged_store(folder: Path) -> str:
    """A store whose pages after the first (the schema) are overwritten with garbage."""
    path = a_store(folder)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((n * 37 + 11) % 256 for n in range(len(data) - page))
    path.write_bytes(bytes(data))
    return str(path)


def other_application(folder: Path) -> str:
    path = folder / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    return str(path)


def text_file(folder: Path) -> str:
    path = folder / "notes.db"
    path.write_text("ملاحظات وليست قاعدة بيانات\n", encoding="utf-8")
    return str(path)


def newer_store(folder: Path) -> str:
    path = a_store(folder)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    return str(path)


STORE_CASES: tuple[StoreCase, ...] = (
    StoreCase("dev-null", lambda folder: os.devnull, NOT_A_FILE),
    StoreCase("a folder", lambda folder: str(folder), NOT_A_FILE),
    StoreCase(
        "missing folder",
        lambda folder: str(folder / "nowhere" / "timeline.db"),
        "{location}: the folder {folder}/nowhere does not exist; create the folder first, or give a path in an "
        "existing folder",
    ),
    StoreCase("read-only folder", read_only_folder, READ_ONLY, as_user=True),
    StoreCase("read-only file", read_only_file, READ_ONLY, as_user=True),
    StoreCase("damaged store", damaged_store, DAMAGED),
    StoreCase(
        "another application's database",
        other_application,
        FOREIGN.replace("{why}", "an SQLite database of another application"),
        untouched=True,
    ),
    StoreCase("a text file", text_file, FOREIGN.replace("{why}", "not an SQLite database"), untouched=True),
    StoreCase(
        "a store of newer code",
        newer_store,
        FOREIGN.replace("{why}", f"store schema version 99 is newer than this code ({SCHEMA_VERSION})"),
        untouched=True,
    ),
    StoreCase(
        "unknown URL scheme",
        lambda folder: "mysql://user@host/timeline",
        "unknown database URL scheme 'mysql'; give an SQLite file path or a postgresql://user@host:port/database URL",
    ),
    StoreCase(
        "bad SQLite URL",
        lambda folder: "sqlite://timeline.db",
        "bad SQLite URL 'sqlite://timeline.db'; use sqlite:///relative/path or sqlite:////absolute/path",
    ),
)

# Command-line arguments of ``python -m components.ingest`` refused with a message (argparse's, exit 2).
INGEST_ARGUMENT_CASES: tuple[tuple[list[str], str], ...] = (
    (
        ["--published", "9999-12-31"],
        "argument --published: 9999-12-31 is out of range: give a publication date from 1800-01-01 to 2199-12-31",
    ),
    (["--published", "2024-02-31"], "argument --published: not a date in the form YYYY-MM-DD: '2024-02-31'"),
)
