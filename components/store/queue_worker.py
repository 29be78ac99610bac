"""An ingestion worker: ``python -m components.worker`` claims queued pages, extracts and stores them.

Run as many as you like, on as many machines, against one PostgreSQL store (on SQLite they take
turns). Each claims pages with a lease, extracts them outside any transaction, then stores each
page and marks it done in one transaction. A worker that dies loses its leases and its pages go
back to the queue. Without ``--follow`` a worker stops when no page is pending or being worked on.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from components.extract.reading import UnreadableInput
from components.store.event_store import Store, StoreError, open_store
from components.store.ingest import extract_bytes
from components.store.queue import QueuedPage
from components.store.writes import printable

LEASE_S = 300.0
POLL_S = 1.0


@dataclass
class WorkerSummary:
    stored: int = 0
    duplicates: int = 0
    events_added: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"pages stored: {self.stored} ({self.duplicates} already stored)", f"failed: {len(self.failed)}"]
        out += [f"  {printable(name)}: {printable(reason)}" for name, reason in self.failed]
        out.append(f"events added: {self.events_added}")
        return out


def default_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def process(store: Store, item: QueuedPage, summary: WorkerSummary) -> None:
    """Extract and store one claimed page (or record why it failed)."""
    try:
        result = extract_bytes(
            item.content, item.name, published=item.published, source=item.source, url=item.url, page_meta=item.meta
        )
    except UnreadableInput as error:
        reason = str(getattr(error, "reason", "") or error)
    except Exception as error:  # one bad page must not stop the worker
        reason = f"extraction failed ({type(error).__name__}: {error})"
    else:
        try:
            outcome = store.finish_page(item, result)
        except StoreError as error:
            if error.retry:  # busy: the page stays claimed and comes back when the lease runs out
                print(f"{printable(item.name)}: {error}", file=sys.stderr)
                return
            reason = str(error)
        else:
            summary.stored += not outcome.duplicate
            summary.duplicates += outcome.duplicate
            summary.events_added += outcome.events_added
            return
    store.fail_page(item, reason)
    summary.failed.append((item.name, reason))


def run_worker(
    store: Store,
    name: str,
    *,
    lease_s: float = LEASE_S,
    batch: int = 1,
    follow: bool = False,
    poll_s: float = POLL_S,
    on_page: Callable[[QueuedPage], None] | None = None,
) -> WorkerSummary:
    """Work the queue until it is empty (or forever with ``follow``)."""
    summary = WorkerSummary()
    while True:
        items = store.claim_pages(name, lease_s=lease_s, limit=batch)
        if not items:
            counts = store.queue_counts()
            if not follow and counts["pending"] == 0 and counts["claimed"] == 0:
                return summary
            time.sleep(poll_s)  # pages another worker holds come back when its lease runs out
            continue
        for item in items:
            process(store, item, summary)
            if on_page:
                on_page(item)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m components.worker",
        description="Extract and store the pages queued with `python -m components.ingest --queue`.",
    )
    parser.add_argument("--db", help="store file or postgresql:// URL (default: $TIMELINE_DB, else data/timeline.db)")
    parser.add_argument("--name", default=default_name(), help="this worker's name in the queue (host:pid)")
    parser.add_argument("--lease", type=float, default=LEASE_S, help="seconds a claimed page stays this worker's")
    parser.add_argument("--batch", type=int, default=1, help="pages claimed at a time")
    parser.add_argument("--follow", action="store_true", help="keep waiting for new pages instead of stopping")
    parser.add_argument("--poll", type=float, default=POLL_S, help="seconds between looks at an empty queue")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    started = time.perf_counter()
    try:
        with open_store(args.db) as store:
            summary = run_worker(
                store, args.name, lease_s=args.lease, batch=max(1, args.batch), follow=args.follow, poll_s=args.poll
            )
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    print(f"time: {time.perf_counter() - started:.1f} s")
    return 2 if summary.failed else 0
