"""The event store: pages, articles, machine events, merged groups and corrections.

``Store``/``open_store`` live in :mod:`components.store.event_store`; ingestion in
:mod:`components.store.ingest`; merging in :mod:`components.store.merge`; corrections in
:mod:`components.store.corrections`; the engines (SQLite, PostgreSQL) in
:mod:`components.store.sqlite_engine` and :mod:`components.store.postgres_engine`.
"""

from components.store.event_store import Store, StoreError, open_store, resolve_location

__all__ = ["Store", "StoreError", "open_store", "resolve_location"]
