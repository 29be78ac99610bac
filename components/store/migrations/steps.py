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


def _analyse(db: Db) -> None:
    """New indexes of a store that holds events need statistics before SQLite's planner weighs them."""
    from components.store.statistics import analyse

    if db.value("SELECT count(*) AS n FROM (SELECT 1 FROM merged_events LIMIT 1) one"):
        analyse(db)


def _count_totals(db: Db) -> None:
    from components.store.totals import recount

    recount(db)


def _fill_names(db: Db) -> None:
    from components.store.merged import fill_names

    fill_names(db)


def _fill_places(db: Db) -> None:
    from components.store.kept_places import refill

    refill(db)


def _fill_lists(db: Db) -> None:
    from components.store.merged import fill_lists

    fill_lists(db)
    _analyse(db)  # the covering indexes were made anew


def _fill_given(db: Db) -> None:
    from components.store.kept_given import refill

    refill(db)


STEPS: dict[int, Callable[[Db], None]] = {
    2: _merge_profiles,
    3: _rekey,
    7: _analyse,
    8: _count_totals,
    9: _analyse,
    10: _fill_names,
    11: _count_totals,
    12: _fill_places,
    13: _fill_lists,
    14: _fill_given,
    15: _analyse,
}
