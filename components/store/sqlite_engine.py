"""The embedded engine: one SQLite file in WAL mode.

Every read and every write takes a connection of its own (idle ones are kept for reuse), so a
reader never waits for a writer: a read runs in a WAL snapshot while a write holds the file's
write lock (``BEGIN IMMEDIATE``). A write that cannot get the lock within the busy timeout fails
with a :class:`StoreError` that says so (``retry`` is true); other users go on meanwhile.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from components.store.database import Db
from components.store.errors import DAMAGED_REMEDY, READ_ONLY_REMEDY, REPLACED_REMEDY, StoreError, sqlite_error
from components.store.location import StoreLocation
from components.store.schema import DamagedStoreError, ForeignFileError, inspect_file

BUSY_TIMEOUT_S = 30.0
IDLE_CONNECTIONS = 8


def _to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def check_file(location: StoreLocation) -> Path:
    """The store file, after the checks that keep a wrong path from being written to or created."""
    path = location.path
    assert path is not None, "an SQLite location has a path"
    try:
        if path.exists():
            if not stat.S_ISREG(path.stat().st_mode):
                raise StoreError(f"{path} is not a regular file", "give the path of a store file (a .db file)")
            inspect_file(path)
        elif not path.parent.is_dir():
            if not location.is_default:
                raise StoreError(
                    f"{path}: the folder {path.parent} does not exist",
                    "create the folder first, or give a path in an existing folder",
                )
            path.parent.mkdir(parents=True, exist_ok=True)
    except ForeignFileError as error:
        raise StoreError(f"{path} is not a timeline store ({error}); it was left untouched") from error
    except DamagedStoreError as error:
        raise StoreError(f"{path}: the store file is damaged ({error})", DAMAGED_REMEDY) from error
    except PermissionError as error:
        raise StoreError(f"{path}: the store cannot be read ({error.strerror})", READ_ONLY_REMEDY) from error
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from error
    writable = os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    if not writable:
        raise StoreError(f"{path}: the store is read-only (the file or its folder cannot be written)", READ_ONLY_REMEDY)
    return path


def file_identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the file at ``path`` (None when there is none): which file a name
    stands for, so that a file put in its place is not taken for the one opened."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


class SQLiteEngine:
    """Connections to one store file; safe to share between threads.

    If the file at the path is replaced or removed while the store is open (a backup copied over
    it), SQLite's connections would go on with the old file and its write-ahead log, and a
    correction saved then would land in a file nobody sees, or the log of the old file be replayed
    onto the new one. Every transaction therefore first checks that the path still names the file
    opened, and refuses with a message when it does not."""

    name = "sqlite"

    def __init__(self, location: StoreLocation, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = check_file(location)
        self.display = str(self.path)
        self.busy_timeout_s = busy_timeout_s
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=IDLE_CONNECTIONS)
        self._closed = False
        connection = self._connect()
        try:
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as error:
            connection.close()
            raise self.error(error) from error
        self._identity = file_identity(self.path)
        self._replaced: StoreError | None = None
        self._checkin(connection)

    def error(self, error: sqlite3.Error) -> StoreError:
        return sqlite_error(error, self.display, self.busy_timeout_s)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=self.busy_timeout_s, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            return conn
        except sqlite3.Error as error:
            raise self.error(error) from error

    def _checkout(self) -> sqlite3.Connection:
        if self._replaced is None and not self._closed and file_identity(self.path) != self._identity:
            self._replaced = StoreError(
                f"{self.display}: the store file was replaced or removed while it was open (a backup put back?); "
                "nothing more was read from it or written to it here",
                REPLACED_REMEDY,
            )
            self.close()  # the last connection to close folds the old file's log into it and removes the log
        if self._replaced is not None:
            raise self._replaced
        if self._closed:
            raise StoreError(f"{self.display}: the store was closed", "open it again")
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._connect()

    def _checkin(self, conn: sqlite3.Connection) -> None:
        try:
            reusable = not self._closed and not conn.in_transaction
        except sqlite3.ProgrammingError:  # closed after a failed rollback
            return
        if not reusable:
            conn.close()
            return
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Db]:
        conn = self._checkout()
        try:
            conn.execute(begin)
            yield Db(conn, self.name, _to_json)
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback(conn)
            raise self.error(error) from error
        except BaseException:
            self._rollback(conn)
            raise
        finally:
            self._checkin(conn)

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        try:
            if conn.in_transaction:  # also when COMMIT itself failed (disk full, busy)
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            conn.close()

    def read(self) -> AbstractContextManager[Db]:
        """A read snapshot: every query inside sees the same state; writers are not waited for."""
        return self._transaction("BEGIN")

    def write(self, lock: bool = True) -> AbstractContextManager[Db]:
        """The write lock, held until the block ends (committed) or raises (rolled back); SQLite has
        one lock for every write, so ``lock`` changes nothing."""
        return self._transaction("BEGIN IMMEDIATE")

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
