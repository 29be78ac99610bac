"""A store of schema version 1, written by the version-1 code, migrates forward without losing
anything: the same events, groups, corrections and listing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from components.store.event_store import open_store
from components.store.migrations import SCHEMA_VERSION, migrations

STORES = Path(__file__).resolve().parent / "fixtures" / "stores"


@pytest.fixture()
def v1_store(tmp_path: Path) -> Path:
    path = tmp_path / "v1.db"
    shutil.copy(STORES / "v1.db", path)
    return path


def test_the_fixture_is_a_version_1_store(v1_store: Path) -> None:
    conn = sqlite3.connect(v1_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'schema_version'").fetchall()
    conn.close()


KEYS = ("event_key", "alt_key")


def without_keys(event: dict) -> dict:
    """An event less its correction keys (their form changed in schema version 3)."""
    kept = {name: value for name, value in event.items() if name not in KEYS}
    kept["sources"] = [{n: v for n, v in source.items() if n not in ("key", "alt_key")} for source in event["sources"]]
    return kept


def test_a_version_1_store_migrates_without_losing_anything(v1_store: Path) -> None:
    reference = json.loads((STORES / "v1_listing.json").read_text(encoding="utf-8"))
    with open_store(v1_store) as store:
        assert store.counts() == {"pages": 5, "articles": 5, "events": 11, "corrections": 5}
        listed = store.list_events(include_hidden=True)
        # Every event is there, in the same group, with the same corrections applied and listed.
        assert [without_keys(e) for e in listed] == [without_keys(e) for e in reference["events"]]
        corrections = store.list_corrections()
        assert [{n: v for n, v in c.items() if n != "keys"} for c in corrections] == [
            {n: v for n, v in c.items() if n != "keys"} for c in reference["corrections"]
        ]
        with store.read() as db:
            versions = [
                (row["version"], row["name"]) for row in db.rows("SELECT * FROM schema_version ORDER BY version")
            ]
    assert versions == [(m.version, m.name) for m in migrations()]
    conn = sqlite3.connect(v1_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_migrated_store_takes_new_pages_and_corrections(v1_store: Path) -> None:
    from test_store_fakes import numbered_result

    with open_store(v1_store) as store:
        before = len(store.list_events())
        store.ingest_page(numbered_result(1))
        hidden = store.list_events()[0]
        store.hide_event(hidden, reason="check", author="t")
        assert len(store.list_events()) == before + 3 - 1


def test_migrating_rekeys_corrections_without_moving_any(v1_store: Path) -> None:
    """A hide made, with the old keys, through one of two events of one sentence dated "أمس" hid
    both: it still applies to both (nothing decides for the analyst), and to nothing else."""
    reference = json.loads((STORES / "v1_listing.json").read_text(encoding="utf-8"))
    applied = {e["id"]: sorted(c["id"] for c in e["corrections"]) for e in reference["events"]}
    with open_store(v1_store) as store:
        listed = store.list_events(include_hidden=True)
        assert {e["id"]: sorted(c["id"] for c in e["corrections"]) for e in listed} == applied
        assert {e["id"] for e in listed if e["hidden"]} == {e["id"] for e in reference["events"] if e["hidden"]}
        keys = {key for e in listed for s in e["sources"] for key in (s.get("key"), s.get("alt_key")) if key}
        for correction in store.list_corrections():
            assert set(correction["keys"]) <= keys, "every key names a stored event"


def test_migrating_fills_each_event_lists_as_the_write_path_does(v1_store: Path) -> None:
    """Version 13 fills ``lists`` and ``placed`` from the facet and place rows: the same values
    the write path gives an event, list by list (order aside), and rewriting changes nothing."""
    from components.store.database import from_json
    from components.store.merged import all_group_ids, write_groups
    from components.store.rows import list_values, placed

    def stored(store) -> dict[str, tuple[dict, int]]:  # type: ignore[no-untyped-def]  # a test helper
        with store.read() as db:
            rows = db.rows("SELECT data, lists, placed FROM merged_events")
        return {
            str(from_json(r["data"])["id"]): ({k: sorted(v) for k, v in from_json(r["lists"]).items()}, r["placed"])
            for r in rows
        }

    with open_store(v1_store) as store:
        migrated = stored(store)
        events = store.list_events(include_hidden=True)
        assert migrated and any(lists for lists, _ in migrated.values())
        expected = {str(e["id"]): ({k: sorted(v) for k, v in list_values(e).items()}, placed(e)) for e in events}
        assert migrated == expected
        with store._write() as db:  # rewrite every merged event through the write path
            write_groups(db, all_group_ids(db))
        assert stored(store) == migrated


def test_migrating_fills_the_counts_per_value_as_the_write_path_keeps_them(v1_store: Path) -> None:
    """Version 14 fills ``given_totals`` from the merged events: the rows the write path leaves
    after rewriting every merged event, and a count from the events themselves."""
    from test_given_totals import given_afresh, kept

    from components.store.merged import all_group_ids, write_groups

    with open_store(v1_store) as store:
        migrated = kept(store)
        assert migrated, "the migration counted the stored events"
        assert migrated == given_afresh(store)
        with store._write() as db:
            write_groups(db, all_group_ids(db))
        assert kept(store) == migrated
