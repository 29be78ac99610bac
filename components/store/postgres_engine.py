"""The team engine: a PostgreSQL database (``TIMELINE_DB=postgresql://user@host:port/db``).

Connections come from a ``psycopg_pool`` pool: each read and each write takes its own, so
sessions never share one. A read is a ``REPEATABLE READ, READ ONLY`` snapshot; a write takes
the store's write lock (a transaction-level advisory lock) first, so that writers from any
number of processes and machines follow one another as they do on SQLite, while readers never
wait. A write that cannot get the lock within the busy timeout fails with a :class:`StoreError`
(``retry`` true).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from components.store.database import Db
from components.store.errors import BUSY_REMEDY, READ_ONLY_REMEDY, StoreError
from components.store.location import StoreLocation

BUSY_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10
POOL_SIZE = 8
WRITE_LOCK = 0x44544C31  # the advisory lock every write transaction holds ("DTL1")
_UNSAFE_JSON = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def _dumps(value: Any) -> str:
    """JSON for a JSONB column, which cannot hold NUL: it becomes U+FFFD."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_JSON.sub(r"\1\\ufffd", text) if "\\u0000" in text else text


def _to_json(value: Any) -> Jsonb:
    return Jsonb(value, dumps=_dumps)


# (part of the server's or the driver's message, what happened, what to do)
_CONNECT_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("connection refused", "connection refused", "start the server, or correct the host and port in TIMELINE_DB"),
    ("password authentication failed", "the password was refused", "correct the user or password in TIMELINE_DB"),
    ("does not exist", "the database or user does not exist", "create it first (createdb), or correct TIMELINE_DB"),
    ("could not translate host name", "unknown host", "correct the host name in TIMELINE_DB"),
    ("failed to resolve host", "unknown host", "correct the host name in TIMELINE_DB"),
    ("timeout", "no answer within the connection timeout", "check that the server is up and reachable"),
    ("no pg_hba.conf entry", "the server refuses this client", "allow it in the server's pg_hba.conf"),
)


def connect_error(error: Exception, where: str) -> StoreError:
    message = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
    for part, what, remedy in _CONNECT_MESSAGES:
        if part in str(error).lower():
            return StoreError(f"cannot reach the store at {where}: {what}", remedy)
    return StoreError(f"cannot reach the store at {where} ({message})", "check TIMELINE_DB and the server")


def query_error(error: Exception, where: str, wait_s: float) -> StoreError:
    """A message for an error raised while reading or writing."""
    if isinstance(error, pg_errors.LockNotAvailable | pg_errors.QueryCanceled | PoolTimeout):
        return StoreError(
            f"{where}: the store is busy: another program has been writing to it for more than {wait_s:g} s",
            BUSY_REMEDY,
            retry=True,
        )
    if isinstance(error, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
        return StoreError(f"{where}: the store is busy (a concurrent change)", BUSY_REMEDY, retry=True)
    if isinstance(error, pg_errors.ReadOnlySqlTransaction | pg_errors.InsufficientPrivilege):
        return StoreError(f"{where}: the store is read-only for this user ({error})", READ_ONLY_REMEDY)
    if isinstance(error, pg_errors.DiskFull):
        return StoreError(
            f"{where}: the server's disk is full", "free some space on the server and try again", retry=True
        )
    if isinstance(error, psycopg.OperationalError):
        return connect_error(error, where)
    return StoreError(f"{where}: database error ({error})", "report the error if it persists")


def _plan_each_time(conn: psycopg.Connection[Any]) -> None:
    """Plan every query for its own values. psycopg prepares a query run five times on a connection, and
    PostgreSQL may then keep one generic plan for all values: a plan fit for a rare country or actor read
    every row of one held by most events (a rerun at a million events went from 0.07 s to 12 s)."""
    conn.execute("SET plan_cache_mode = force_custom_plan")


def _rollback(conn: psycopg.Connection[Any]) -> None:
    try:
        if not conn.closed:
            conn.execute("ROLLBACK")
    except psycopg.Error:
        pass  # the connection is gone: the server rolled the transaction back itself


class PostgresEngine:
    """A pool of connections to one PostgreSQL database; safe to share between threads."""

    name = "postgresql"

    def __init__(self, location: StoreLocation, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        assert location.url is not None, "a PostgreSQL location has a URL"
        self.display = location.display
        self.busy_timeout_s = busy_timeout_s
        try:  # a plain connection first: it says why when the server cannot be reached
            psycopg.connect(location.url, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as error:
            raise connect_error(error, self.display) from error
        self._pool = ConnectionPool(
            location.url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": CONNECT_TIMEOUT_S},
            configure=_plan_each_time,
            timeout=busy_timeout_s,
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except (PoolTimeout, psycopg.Error) as error:
            raise connect_error(error, self.display) from error

    @contextmanager
    def _transaction(self, begin: str, *setup: str) -> Iterator[Db]:
        try:
            with self._pool.connection() as conn:
                conn.execute(begin)
                try:
                    for statement in setup:
                        conn.execute(statement)
                    yield Db(conn, self.name, _to_json)
                    conn.execute("COMMIT")
                except BaseException:
                    _rollback(conn)
                    raise
        except (psycopg.Error, PoolTimeout) as error:
            raise query_error(error, self.display, self.busy_timeout_s) from error

    def read(self) -> AbstractContextManager[Db]:
        """A read snapshot: every query inside sees the same state; writers are not waited for."""
        return self._transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def write(self, lock: bool = True) -> AbstractContextManager[Db]:
        """The store's write lock, held until the block ends (committed) or raises (rolled back).
        ``lock=False``: a write transaction that does not take it (row locks only: the queue's claims)."""
        timeout = f"SET LOCAL lock_timeout = {int(self.busy_timeout_s * 1000)}"
        if not lock:
            return self._transaction("BEGIN", timeout)
        return self._transaction("BEGIN", timeout, f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    def close(self) -> None:
        self._pool.close()
