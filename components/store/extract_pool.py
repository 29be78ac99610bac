"""Extraction in worker processes that cannot take the batch down with them.

Unlike a ``ProcessPoolExecutor`` (where one killed worker breaks the whole pool), the parent hands
each process one item at a time, so it knows which item a process held when it died: that item is
reported as failed (with the signal that ended the process) and a new process takes its place.
Worker processes end with their parent: they ask the kernel for ``SIGKILL`` when the parent dies
(Linux), and a watcher thread ends them if the parent goes away anyway.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

PR_SET_PDEATHSIG = 1
PARENT_CHECK_S = 0.5


def _die_with_parent(parent_pid: int) -> None:
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the watcher thread below still ends it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _serve(conn: Connection, work: Callable[[Any], Any], parent_pid: int) -> None:
    """A worker process: items in, ("ok", result) or ("error", message) out, until told to stop."""
    _die_with_parent(parent_pid)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            conn.send(("ok", work(item)))
        except Exception as error:
            conn.send(("error", f"{type(error).__name__}: {error}"))


def describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


class ExtractionPool:
    """``workers`` processes running ``work(item)``; results come back in completion order."""

    def __init__(self, work: Callable[[Any], Any], workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # a ForkContext where there is fork (Linux), else the platform's default context
        self._context: Any = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._work, self._size = work, max(1, workers)
        self._workers: dict[Connection, BaseProcess] = {}

    def _start(self) -> Connection:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self._work, os.getpid()), daemon=True)
        process.start()
        child.close()
        self._workers[parent] = process
        return parent

    def _retire(self, conn: Connection) -> str:
        """Forget a worker that died; returns how it ended."""
        process = self._workers.pop(conn)
        process.join(5)
        conn.close()
        return describe_exit(process.exitcode)

    def run(self, items: Sequence[Any]) -> Iterator[tuple[Any, bool, Any]]:
        """(item, done, result or error message) for every item: ``done`` is false when ``work``
        raised or its process died."""
        pending = deque(items)
        busy: dict[Connection, Any] = {}
        while pending or busy:
            while pending and len(busy) < self._size:
                idle = next((c for c in self._workers if c not in busy), None) or self._start()
                busy[idle] = pending.popleft()
                idle.send(busy[idle])
            for ready in wait(list(busy)):
                assert isinstance(ready, Connection)
                item = busy.pop(ready)
                try:
                    status, value = ready.recv()
                except (EOFError, OSError):
                    how = self._retire(ready)
                    yield item, False, f"the extraction process stopped ({how}); run the command again to retry"
                    continue
                yield item, status == "ok", value

    def close(self) -> None:
        for conn, process in list(self._workers.items()):
            with contextlib.suppress(OSError):  # the process is gone already
                conn.send(None)
            process.join(5)
            if process.is_alive():
                process.kill()
            conn.close()
        self._workers.clear()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
