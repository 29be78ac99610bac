"""Running the ingest command in the tests and reading what it stored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from components.store.ingest import main

# no waiting between requests to the local server, short timeouts, one retry
QUICK = ("--delay", "0", "--timeout", "0.5", "--retries", "1")


def ingest(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``python -m components.ingest ARGS --db DB``, in this process."""
    try:
        status = main([*args, "--db", str(db), *QUICK])
    except SystemExit as stop:  # argument errors
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def rows(db: Path, sql: str, *params: object) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def pages(db: Path) -> list[dict[str, Any]]:
    """Stored pages, oldest first, with their ``meta`` JSON decoded."""
    found = rows(db, "SELECT url, source, published, meta FROM pages ORDER BY added_at, rowid")
    return [{**row, "meta": json.loads(row["meta"])} for row in found]


def count(db: Path, table: str) -> int:
    return int(rows(db, f"SELECT count(*) AS n FROM {table}")[0]["n"]) if db.exists() else 0


def feed_states(db: Path) -> dict[str, dict[str, Any]]:
    found = rows(db, "SELECT key, value FROM meta WHERE key LIKE 'feed:%'")
    return {row["key"][len("feed:") :]: json.loads(row["value"]) for row in found}
