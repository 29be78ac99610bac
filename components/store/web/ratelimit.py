"""At most one request per interval to each host, whatever the number of feeds or pages."""

from __future__ import annotations

import threading
import time


class HostRateLimiter:
    """Spaces the requests to one host ``delay`` seconds apart (a host may ask for more)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}  # host → monotonic time of its next allowed request
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float | None = None) -> float:
        """Sleep until ``host`` may be asked again, and book the following slot; returns the wait."""
        spacing = max(self.delay, delay or 0.0)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + spacing
        if start > now:
            time.sleep(start - now)
        return start - now
