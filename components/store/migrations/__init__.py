"""The store's schema as numbered migrations, the same for both engines.

``NNNN_name.sql`` runs on every engine; ``NNNN_name.sqlite.sql`` and ``NNNN_name.postgresql.sql``
are per-engine variants, only where the SQL must differ (JSON types, identity columns, indexes).
A version may also have a Python step (``STEPS`` in :mod:`components.store.migrations.steps`),
run after its SQL. Each migration is applied in one write transaction that first re-reads the
version (another process may have migrated meanwhile) and ends by recording it: in the
``schema_version`` table, and on SQLite in ``PRAGMA user_version`` too. Append new migrations;
never edit a released one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from components.store.database import Db, Engine

HERE = Path(__file__).resolve().parent
APPLICATION_ID = 0x44544C31  # "DTL1": marks an SQLite file as this project's store
_FILE = re.compile(r"^(\d{4})_(\w+?)(?:\.(sqlite|postgresql))?\.sql$")
OUR_TABLES = ("meta", "pages", "articles", "events", "event_groups", "corrections")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    scripts: tuple[tuple[str, str], ...]  # (engine, or "" for every engine; SQL)

    def script(self, engine: str) -> str:
        found = dict(self.scripts)
        return found.get(engine, found.get("", ""))


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """Every migration, in version order (numbered from 1 without gaps)."""
    found: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for path in sorted(HERE.glob("*.sql")):
        match = _FILE.match(path.name)
        if match is None:
            raise RuntimeError(f"migration file {path.name} is not named NNNN_name[.engine].sql")
        number, name, engine = int(match[1]), match[2], match[3] or ""
        found.setdefault(number, (name, []))[1].append((engine, path.read_text(encoding="utf-8")))
    numbers = sorted(found)
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3 … without gaps: {numbers}")
    return tuple(Migration(n, found[n][0], tuple(found[n][1])) for n in numbers)


SCHEMA_VERSION = len(migrations())


def current_version(db: Db) -> int:
    """The version of the open database (0 when it is empty)."""
    if db.engine == "sqlite":
        return int(db.value("PRAGMA user_version") or 0)
    if db.value("SELECT to_regclass('schema_version') IS NOT NULL AS present"):
        return int(db.value("SELECT coalesce(max(version), 0) AS version FROM schema_version"))
    return 0


def foreign_tables(db: Db) -> list[str]:
    """Tables named like ours in a PostgreSQL database that has no version table (another application's)."""
    rows = db.rows(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        f" AND table_name IN ({', '.join('?' for _ in OUR_TABLES)})",
        OUR_TABLES,
    )
    return sorted(str(row["name"]) for row in rows)


def _record(db: Db, migration: Migration) -> None:
    has_table = db.engine == "postgresql" or db.value(
        "SELECT count(*) AS n FROM sqlite_master WHERE name = 'schema_version'"
    )
    if has_table:
        db.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    if db.engine == "sqlite":
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {migration.version}")


def migrate(engine: Engine, check: Callable[[Db], None] | None = None) -> int:
    """Bring the store to :data:`SCHEMA_VERSION`, one transaction per migration; returns the
    version it had. ``check(db)`` runs first inside each transaction (it may refuse the database)."""
    from components.store.migrations.steps import STEPS

    with engine.read() as db:
        start = current_version(db)
    for migration in migrations()[start:]:
        with engine.write() as db:
            if check is not None:
                check(db)
            if current_version(db) >= migration.version:
                continue
            db.script(migration.script(engine.name))
            step = STEPS.get(migration.version)
            if step is not None:
                step(db)
            _record(db, migration)
    return start
