"""The event store: schema, ingestion transactions, idempotence, merged reading, bad files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import psycopg
import pytest
from postgres_cluster import Cluster
from test_store_fakes import (
    STATEMENT_A,
    STATEMENT_B,
    FakeResult,
    make_event,
    make_page,
    numbered_result,
    two_outlets,
)

from components.store.event_store import Store, StoreError, open_store, resolve_location
from components.store.schema import SCHEMA_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_store_is_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        assert store.counts() == {"pages": 0, "articles": 0, "events": 0, "corrections": 0}
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_ingesting_the_same_page_twice_adds_nothing(store_url: str) -> None:
    result = numbered_result(1)
    with open_store(store_url) as store:
        first = store.ingest_page(result)
        version = store.version()
        second = store.ingest_page(result)
        assert (first.duplicate, first.articles_added, first.events_added) == (False, 1, 3)
        assert (second.duplicate, second.events_added) == (True, 0)
        assert store.version() == version
        assert store.counts()["events"] == 3


def test_an_article_already_stored_from_another_page_is_skipped(store_url: str) -> None:
    page, (article,) = make_page("x.txt", [STATEMENT_A])
    other_page, (same_article, new_article) = make_page("y.txt", [STATEMENT_A, STATEMENT_B])
    with open_store(store_url) as store:
        store.ingest_page(FakeResult(page, [article], [make_event(article, STATEMENT_A, "2020-11-09")]))
        outcome = store.ingest_page(
            FakeResult(
                other_page,
                [same_article, new_article],
                [
                    make_event(same_article, STATEMENT_A, "2020-11-09"),
                    make_event(new_article, STATEMENT_B, "2021-01-01"),
                ],
            )
        )
        assert (outcome.articles_added, outcome.articles_skipped, outcome.events_added) == (1, 1, 1)
        assert store.counts() == {"pages": 2, "articles": 2, "events": 2, "corrections": 0}


def test_a_failed_ingestion_leaves_nothing_behind(store_url: str) -> None:
    result = numbered_result(2)
    broken = dict(result.events[2])
    del broken["sentence"]
    with open_store(store_url) as store:
        version = store.version()
        with pytest.raises(StoreError, match="sentence"):
            store.ingest_page(FakeResult(result.page, result.articles, [*result.events[:2], broken]))
        assert store.counts() == {"pages": 0, "articles": 0, "events": 0, "corrections": 0}
        assert store.version() == version
        assert store.ingest_page(result).events_added == 3


def test_version_changes_with_every_write(store_url: str) -> None:
    with open_store(store_url) as store:
        versions = {store.version()}
        store.ingest_page(numbered_result(1))
        versions.add(store.version())
        event = store.list_events()[0]
        store.hide_event(event, reason="duplicate", author="ana")
        versions.add(store.version())
        assert len(versions) == 3


def test_list_events_merges_reports_of_the_same_happening(store_url: str) -> None:
    one, two = two_outlets()
    with open_store(store_url) as store:
        store.ingest_page(one)
        store.ingest_page(two)
        events = store.list_events()
        assert len(events) == 1
        event = events[0]
        assert event["precision"] == "day" and event["date_start"] == "2020-11-09"
        assert event["source_count"] == 2
        assert {s["sentence"] for s in event["sources"]} == {STATEMENT_A, STATEMENT_B}
        assert {s["source"] for s in event["sources"]} == {"الوفد", "البلاد"}
        assert event["corrected"] is False and event["hidden"] is False and event["corrections"] == []
        # The groups are persisted and give the same answer on the next read.
        assert store.list_events() == events


def test_get_article_returns_text_and_provenance(store_url: str) -> None:
    one, _ = two_outlets()
    with open_store(store_url) as store:
        store.ingest_page(one)
        article = store.get_article(one.articles[0].id)
        assert article is not None and article["text"] == STATEMENT_A and article["source"] == "الوفد"
        assert article["page"] == "a.txt"
        assert store.get_article("missing") is None


def test_the_environment_variable_chooses_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    with open_store() as store:
        store.ingest_page(numbered_result(3))
    assert (tmp_path / "env.db").is_file()
    monkeypatch.setenv("TIMELINE_DB", f"sqlite:///{tmp_path}/url.db")
    assert resolve_location()[0] == Path(f"{tmp_path}/url.db")


def test_a_postgresql_url_in_the_environment_opens_that_database(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = postgres_cluster.create_database()
    try:
        monkeypatch.setenv("TIMELINE_DB", postgres_cluster.url(name).replace("postgresql://", "postgres://"))
        with open_store() as store:
            assert store.engine == "postgresql"
            store.ingest_page(numbered_result(3))
        with open_store(postgres_cluster.url(name)) as store:
            assert store.counts()["events"] == 3
    finally:
        postgres_cluster.drop_database(name)


def test_a_new_postgresql_store_records_its_schema_version(store_url: str, engine: str) -> None:
    with open_store(store_url) as store, store.read() as db:
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION
        assert store.engine == engine


def test_a_postgresql_database_of_another_application_is_left_untouched(postgres_cluster: Cluster) -> None:
    name = postgres_cluster.create_database()
    try:
        with psycopg.connect(postgres_cluster.url(name), autocommit=True) as conn:
            conn.execute("CREATE TABLE events (title TEXT)")
        with pytest.raises(StoreError, match="another application"):
            open_store(postgres_cluster.url(name))
        with psycopg.connect(postgres_cluster.url(name)) as conn:
            tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            assert [row[0] for row in tables] == ["events"]
    finally:
        postgres_cluster.drop_database(name)


@pytest.mark.parametrize(
    "content",
    [
        "هذا ملف نصي وليس قاعدة بيانات\n".encode(),
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"SQLite format 3\x00" + b"\x00" * 200,  # a damaged database
    ],
    ids=["text", "png", "damaged-sqlite"],
)
def test_a_foreign_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(StoreError, match="not a timeline store"):
        open_store(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.db"]


def test_another_applications_database_is_never_migrated(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another application"):
        open_store(path)
    assert digest(path) == before


def test_a_store_from_newer_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    path.touch()
    with open_store(path) as store:
        assert store.ingest_page(numbered_result(4)).events_added == 3


def test_pages_fetched_from_the_web_are_found_by_address_and_feeds_keep_their_state(store_url: str) -> None:
    result = numbered_result(5)
    with open_store(store_url) as store:
        version = store.version()
        store.save_feed_state("https://news.example/feed.xml", {"etag": '"v1"'})
        assert store.feed_state("https://news.example/feed.xml") == {"etag": '"v1"'}
        assert store.feed_state("https://news.example/other.xml") == {}
        assert store.version() == version, "a feed's state is not content"
        meta = {"fetch": {"requested_url": "https://news.example/a?id=5"}}
        store.ingest_page(result, url="https://news.example/a/5", page_meta=meta)
        assert store.has_url("https://news.example/a/5") and store.has_url("https://news.example/a?id=5")
        assert not store.has_url("https://news.example/a/6")


def _event_and_backup(path: Path) -> tuple[Store, dict, Path]:
    """A store with one added event, and an online backup of it taken before a page is ingested."""
    store = open_store(str(path))
    added = store.add_event(
        {"date_start": "2024-05-10", "precision": "day", "type": "meeting", "countries": ["AM", "AZ"]},
        reason="missed by the extractor",
        author="Lilit",
    )
    backup = path.with_name("backup.db")
    with sqlite3.connect(path) as source, sqlite3.connect(backup) as target:
        source.backup(target)
    source.close()
    target.close()
    (event,) = [e for e in store.list_events() if e["id"] == f"manual:{added}"]
    return store, event, backup


@pytest.mark.parametrize("how", ["replaced", "removed"])
def test_a_store_file_replaced_or_removed_while_open_is_refused_with_a_message(tmp_path: Path, how: str) -> None:
    path = tmp_path / "timeline.db"
    store, event, backup = _event_and_backup(path)
    try:
        if how == "replaced":
            os.replace(backup, path)  # a backup put back the way copying tools do it
        else:
            path.unlink()
        for attempt in (
            lambda: store.correct_event(event, {"type": "agreement"}, reason="a treaty", author="Aram"),
            store.list_events,  # and every later read, not only the first call
        ):
            with pytest.raises(StoreError) as raised:
                attempt()
            assert raised.value.what.startswith(f"{path}: the store file was replaced or removed while it was open")
            assert "restart the dashboard or the command" in raised.value.remedy
    finally:
        store.close()
    if how == "replaced":
        with open_store(str(path)) as reopened:  # the file now at the path, whole, without the refused write
            assert [e["type"] for e in reopened.list_events() if e["id"] == event["id"]] == ["meeting"]
            assert [c["author"] for c in reopened.list_corrections()] == ["Lilit"]


def test_a_backup_restored_into_the_open_store_is_seen_by_it(tmp_path: Path) -> None:
    """The documented way to put a backup back while the store is in use: SQLite's online restore."""
    path = tmp_path / "timeline.db"
    store, event, backup = _event_and_backup(path)
    try:
        store.correct_event(event, {"type": "agreement"}, reason="a treaty", author="Aram")
        with sqlite3.connect(backup) as source, sqlite3.connect(path) as target:
            source.backup(target)  # what `sqlite3 timeline.db ".restore backup.db"` does
        source.close()
        target.close()
        assert [e["type"] for e in store.list_events() if e["id"] == event["id"]] == ["meeting"]
        assert [c["author"] for c in store.list_corrections()] == ["Lilit"]
    finally:
        store.close()
