"""One connection in a transaction, the same for both engines.

The store's SQL is written once, with ``?`` placeholders and names for every selected column
(rows are read by name); :class:`Db` turns the placeholders into what the driver wants and JSON
values into what the column holds (``TEXT`` on SQLite, ``JSONB`` on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, Protocol

Row = Mapping[str, Any]
Params = Sequence[Any]


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Driver(Protocol):
    """What :class:`Db` needs of a DB-API connection (``sqlite3`` or ``psycopg``)."""

    def execute(self, sql: Any, params: Any = ...) -> Any: ...


@lru_cache(maxsize=512)
def pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (the store's SQL holds no other ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class Db:
    """A connection inside one transaction (a read snapshot or the write lock)."""

    def __init__(self, driver: Driver, engine: str, to_json: Callable[[Any], Any]) -> None:
        self.driver, self.engine, self._to_json = driver, engine, to_json

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        if self.engine == "postgresql":
            return self.driver.execute(pyformat(sql), without_nul(params))
        return self.driver.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        rows = [tuple(row) for row in rows]
        if not rows:
            return
        if self.engine == "postgresql":
            with self.driver.cursor() as cursor:  # type: ignore[attr-defined]  # psycopg's connection has cursor()
                cursor.executemany(pyformat(sql), [without_nul(row) for row in rows])
        else:
            self.driver.executemany(sql, rows)  # type: ignore[attr-defined]  # sqlite3's connection has it

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Params = ()) -> Row | None:
        row: Row | None = self.execute(sql, params).fetchone()
        return row

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row (``None`` when there is no row)."""
        row = self.execute(sql, params).fetchone()
        if row is None:
            return None
        return row[next(iter(row.keys()))] if hasattr(row, "keys") else row[0]

    def json(self, value: Any) -> Any:
        """``value`` as the parameter of a JSON column."""
        return self._to_json(value)

    def script(self, sql: str) -> None:
        """Run the statements of a migration script (separated by ``;`` at the end of a line)."""
        for statement in split_statements(sql):
            self.driver.execute(statement)


def without_nul(params: Params) -> tuple[Any, ...]:
    """Parameters for PostgreSQL, whose text cannot hold NUL: it becomes U+FFFD (one character for one)."""
    return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params)


def split_statements(sql: str) -> list[str]:
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).strip().rstrip(";"))
            current = []
    tail = "\n".join(current).strip()
    return [s for s in [*statements, tail] if s]


def from_json(value: Any) -> Any:
    """A JSON column's value as Python (SQLite returns the text, psycopg the decoded value)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


class Engine(Protocol):
    """An open database: snapshots to read in, one writer at a time."""

    name: str
    display: str

    def read(self) -> AbstractContextManager[Db]: ...
    def write(self, lock: bool = True) -> AbstractContextManager[Db]: ...
    def close(self) -> None: ...
