"""The web runs of ``python -m components.ingest``: article URLs, ``--feed`` and ``--follow``.

Exit status 2 when something failed (a page, a feed, the store, the feeds file), 0 otherwise.
Ctrl-C or SIGTERM ends a ``--follow`` run normally (summary, then the same rule); it cuts a
one-off run short (summary of what was done, exit status 130). Argument errors exit with 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from components.store.event_store import StoreError, open_store
from components.store.web.client import WebClient
from components.store.web.follow import Stopped, follow, stop_on_sigterm
from components.store.web.harvest import Harvest, WebSummary
from components.store.web.outlets import FeedsFileError, FeedSpec, load_feeds
from components.store.web.settings import FetchSettings

INTERRUPTED = 130


def settings_from(args: argparse.Namespace) -> FetchSettings:
    return FetchSettings(delay=args.delay, timeout=args.timeout, retries=args.retries)


def _once(harvest: Harvest, args: argparse.Namespace, summary: WebSummary) -> None:
    harvest.urls(args.urls, summary)
    for url in args.feed:
        harvest.feed(FeedSpec(url), summary)


def _report(summary: WebSummary, args: argparse.Namespace, out: TextIO) -> None:
    if args.dry_run:
        for url in summary.planned:
            print(f"would fetch: {url}", file=out)
        print(f"would fetch {len(summary.planned)} pages; already stored: {summary.known}", file=out)
        for url, reason in summary.failed:
            print(f"failed: {url}: {reason}", file=out)
        return
    for line in summary.lines():
        print(line, file=out)


def _run(harvest: Harvest, args: argparse.Namespace, summary: WebSummary, out: TextIO, err: TextIO) -> bool:
    """Fetch what ``args`` ask for; False when a stop cut a one-off run short."""
    if args.follow:
        feeds = load_feeds(args.follow)
        rounds = follow(harvest, feeds, summary, every=args.every, rounds=args.rounds, out=out, err=err)
        print(f"rounds: {rounds}", file=out)
        return True
    try:
        _once(harvest, args, summary)
    except (KeyboardInterrupt, Stopped):
        print("stopped", file=err, flush=True)
        return False
    return True


def run_web(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Fetch the URLs and feeds that ``args`` name (see :mod:`components.store.web.options`)."""
    out, err = out or sys.stdout, err or sys.stderr
    started = time.perf_counter()
    summary = WebSummary()
    try:
        if args.follow:
            load_feeds(args.follow)  # a bad file is reported before the store is opened
        with open_store(args.db) as store, WebClient(settings_from(args)) as client, stop_on_sigterm():
            harvest = Harvest(store, client, refresh=args.refresh, dry_run=args.dry_run,
                              published=args.published, source=args.source, report_unchanged=not args.follow,
                              note=lambda line: print(line, file=err, flush=True))  # fmt: skip
            complete = _run(harvest, args, summary, out, err)
            requests = client.requests
    except (StoreError, FeedsFileError) as error:
        print(f"error: {error}", file=err)
        return 2
    _report(summary, args, out)
    print(f"requests: {requests}; time: {time.perf_counter() - started:.1f} s", file=out)
    if not complete:
        return INTERRUPTED
    return 2 if summary.failed else 0
