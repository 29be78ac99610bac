"""Migration steps written in Python (run after the SQL of the same version, in its transaction)."""

from __future__ import annotations

from collections.abc import Callable

from components.store.database import Db


def _merge_profiles(db: Db) -> None:
    from components.store.groups import backfill  # the store's modules import this package

    backfill(db)


def _rekey(db: Db) -> None:
    from components.store.rekey import rekey

    rekey(db)


STEPS: dict[int, Callable[[Db], None]] = {2: _merge_profiles, 3: _rekey}
