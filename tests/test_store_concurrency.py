"""Readers never queue behind a writer; a write that waits too long says so (and may be retried);
on both engines."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_store_fakes import numbered_result

from components.store.event_store import StoreError, open_store


def hold_write_lock(location: str, held: threading.Event, release: threading.Event) -> threading.Thread:
    """A second store that takes the write lock and keeps it until ``release`` is set."""

    def run() -> None:
        with open_store(location) as other, other._engine.write() as db:
            db.execute("UPDATE meta SET value = value WHERE key = 'revision'")
            held.set()
            release.wait(60)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert held.wait(30), "the writer got the lock"
    return thread


def test_a_writer_holding_the_lock_does_not_delay_readers(store_url: str) -> None:
    with open_store(store_url, busy_timeout_s=60) as store:
        store.ingest_page(numbered_result(1))
        held, release = threading.Event(), threading.Event()
        writer = hold_write_lock(store_url, held, release)
        try:
            # Each read returns while the writer still holds the lock (it waits for ``release``).
            assert len(store.list_events()) == 3
            assert store.counts()["pages"] == 1
            assert store.version()
            with open_store(store_url) as another_session:
                assert len(another_session.list_events()) == 3
            assert writer.is_alive() and not release.is_set()
        finally:
            release.set()
            writer.join(30)


def test_a_write_that_waits_too_long_gives_a_message_and_can_be_retried(store_url: str) -> None:
    with open_store(store_url, busy_timeout_s=0.2) as store:
        held, release = threading.Event(), threading.Event()
        writer = hold_write_lock(store_url, held, release)
        try:
            with pytest.raises(StoreError) as caught:
                store.ingest_page(numbered_result(2))
            assert caught.value.retry
            assert str(caught.value).endswith(
                "the store is busy: another program has been writing to it for more than 0.2 s; "
                "try again in a moment (nothing was changed)"
            )
            assert store.counts()["pages"] == 0
        finally:
            release.set()
            writer.join(30)
        assert store.ingest_page(numbered_result(2)).events_added == 3


SEE_AND_CORRECT = """
import sys
sys.path[:0] = [{root!r}]
from components.store.event_store import open_store
with open_store({url!r}) as store:
    event = next(e for e in store.list_events(include_hidden=True) if e["id"] == {event_id!r})
    print("hidden" if event["hidden"] else "shown", flush=True)
    store.correct_event(event, {{"type": "protest"}}, reason="another analyst", author="Aram")
"""


def test_two_processes_on_one_store_see_each_others_corrections(store_url: str) -> None:
    root = str(Path(__file__).resolve().parent.parent)
    with open_store(store_url) as store:
        store.ingest_page(numbered_result(1))
        first, second = store.list_events()[:2]
        store.hide_event(first, reason="false report", author="Lilit")
        version = store.version()
        script = SEE_AND_CORRECT.format(root=root, url=store_url, event_id=first["id"])
        other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
        assert other.returncode == 0, other.stderr
        assert other.stdout.split() == ["hidden"], "the other process sees this one's correction"
        assert store.version() != version, "and this one sees the other's"
        (seen,) = [e for e in store.list_events(include_hidden=True) if e["id"] == first["id"]]
        assert seen["type"] == "protest" and [c["author"] for c in seen["corrections"]] == ["Lilit", "Aram"]
        assert next(e for e in store.list_events() if e["id"] == second["id"])["type"] == "meeting"
