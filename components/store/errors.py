"""The store's one error type, and how SQLite's errors become messages a person can act on.

Every failure of the store reaches callers as a :class:`StoreError` that says what happened
(``what``) and what to do about it (``remedy``); ``retry`` is true when trying the same thing
again later may succeed (the store was busy). PostgreSQL's errors are mapped in
:mod:`components.store.postgres_engine`.
"""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """The store cannot be opened, read or written; the message says why and what to do."""

    def __init__(self, what: str, remedy: str = "", *, retry: bool = False) -> None:
        self.what, self.remedy, self.retry = what, remedy, retry
        super().__init__(f"{what}; {remedy}" if remedy else what)


BUSY_REMEDY = "try again in a moment (nothing was changed)"
READ_ONLY_REMEDY = "give write permission on the store file and its folder, or copy the store to a writable folder"
REPLACED_REMEDY = (
    "restart the dashboard or the command to open the file now at that path; to put a backup back while the "
    "store is in use, use sqlite3's .restore, which keeps the store whole (docs/store.md, Backups)"
)
DAMAGED_REMEDY = "restore the file from a backup copy, or build a new store and ingest the pages again"

# (part of SQLite's message, what happened, what to do, may a retry succeed)
_SQLITE_MESSAGES: tuple[tuple[str, str, str, bool], ...] = (
    ("locked", "the store is busy: another program has been writing to it for more than {wait} s", BUSY_REMEDY, True),
    ("busy", "the store is busy: another program has been writing to it for more than {wait} s", BUSY_REMEDY, True),
    ("readonly", "the store is read-only", READ_ONLY_REMEDY, False),
    ("read-only", "the store is read-only", READ_ONLY_REMEDY, False),
    ("malformed", "the store file is damaged ({message})", DAMAGED_REMEDY, False),
    ("not a database", "the store file is damaged ({message})", DAMAGED_REMEDY, False),
    ("disk is full", "the disk holding the store is full", "free some space and try again", True),
    ("disk i/o error", "the disk failed while reading or writing the store", "check the disk, then try again", True),
    ("unable to open", "the store file cannot be opened", "check that its folder exists and can be written", False),
)


def sqlite_error(error: sqlite3.Error, where: str, wait_s: float) -> StoreError:
    """A message for an error of the ``sqlite3`` module, naming the store file ``where``."""
    message = str(error)
    lowered = message.lower()
    for part, what, remedy, retry in _SQLITE_MESSAGES:
        if part in lowered:
            return StoreError(f"{where}: {what.format(wait=f'{wait_s:g}', message=message)}", remedy, retry=retry)
    return StoreError(f"{where}: database error ({message})", "check the store file; report the error if it persists")
