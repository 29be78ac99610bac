"""Reading a list of feeds round after round, until stopped (Ctrl-C or SIGTERM) or after N rounds.

Rounds start ``every`` seconds apart (at once when a round took longer). One line per round
on ``out``; the failures of the round, one per line, on ``err``. A stop in the middle of a
page leaves nothing of it: each page is one transaction.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import FrameType
from typing import TextIO

from components.store.web.harvest import Harvest, WebSummary, unexpected
from components.store.web.outlets import FeedSpec


class Stopped(BaseException):
    """SIGTERM received (Ctrl-C raises KeyboardInterrupt)."""


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl-C does (in the main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def one_round(harvest: Harvest, feeds: Sequence[FeedSpec], summary: WebSummary) -> None:
    for spec in feeds:
        try:
            harvest.feed(spec, summary)
        except Exception as error:  # e.g. the disk is full: say so, and try again next round
            summary.failed.append((spec.url, unexpected(error)))


def follow(
    harvest: Harvest,
    feeds: Sequence[FeedSpec],
    total: WebSummary,
    *,
    every: float | None,
    rounds: int | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Read ``feeds`` round after round, counting into ``total`` (a round cut short by a stop
    included); returns the number of complete rounds. Without ``every``, one round (or
    ``rounds`` back to back)."""
    done = 0
    started = time.monotonic()
    try:
        while rounds is None or done < rounds:
            if done and every:
                time.sleep(max(0.0, started + done * every - time.monotonic()))
            current = WebSummary()
            try:
                one_round(harvest, feeds, current)
            finally:
                total.add(current)  # a round cut short counts for what it stored
            done += 1
            print(f"{datetime.now():%Y-%m-%d %H:%M:%S} round {done}: {current.counts()}", file=out, flush=True)
            for url, reason in current.failed:
                print(f"  {url}: {reason}", file=err, flush=True)
            if every is None and rounds is None:
                break
    except (KeyboardInterrupt, Stopped):
        print(f"stopped after {done} complete rounds", file=err, flush=True)
    return done
