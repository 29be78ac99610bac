"""robots.txt rules per host, read once and kept for a day (RFC 9309).

A robots.txt that does not exist (4xx) allows everything; one that cannot be read (5xx, no
answer) forbids everything for now, as the RFC asks.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

# (robots.txt URL) → (HTTP status, body text); raises OSError-like errors when there is no answer
RobotsFetcher = Callable[[str], tuple[int, str]]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class RobotsVerdict:
    allowed: bool
    reason: str = ""  # why not, when not allowed
    crawl_delay: float | None = None


@dataclass
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None: robots.txt unreadable, nothing allowed
    read_at: float
    problem: str = ""


class RobotsRules:
    """What each host's robots.txt allows ``agent``; ``fetch`` reads a robots.txt."""

    def __init__(self, fetch: RobotsFetcher, agent: str, ttl: float) -> None:
        self._fetch, self._agent, self._ttl = fetch, agent, ttl
        self._rules: dict[str, _Rules] = {}

    def _read(self, site: str) -> _Rules:
        try:
            status, text = self._fetch(f"{site}/robots.txt")
        except Exception as error:  # no answer: the RFC says to assume a complete disallow
            reason = getattr(error, "reason", None) or error
            return _Rules(None, time.monotonic(), f"robots.txt could not be read ({reason})")
        if status >= 500:
            return _Rules(None, time.monotonic(), f"robots.txt could not be read (HTTP {status})")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines() if 200 <= status < 300 else [])
        return _Rules(parser, time.monotonic())

    def verdict(self, url: str) -> RobotsVerdict:
        site = origin(url)
        rules = self._rules.get(site)
        if rules is None or time.monotonic() - rules.read_at > self._ttl:
            rules = self._rules[site] = self._read(site)
        if rules.parser is None:
            return RobotsVerdict(False, rules.problem)
        if not rules.parser.can_fetch(self._agent, url):
            return RobotsVerdict(False, "disallowed by robots.txt")
        delay = rules.parser.crawl_delay(self._agent)
        return RobotsVerdict(True, crawl_delay=float(delay) if delay is not None else None)
