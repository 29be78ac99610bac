"""How the web client behaves: the name it gives, how often it asks a host, how long it waits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.extract.reading import MAX_PAGE_BYTES

ROBOTS_AGENT = "DiplomaticTimeline"  # the token robots.txt rules are matched against
USER_AGENT = f"{ROBOTS_AGENT}/2.0 (Arabic news timeline reader; obeys robots.txt)"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class FetchSettings:
    """Politeness rules and limits (defaults in docs/input.md)."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to the same host (robots.txt Crawl-delay may raise it)
    timeout: float = 20.0  # seconds to connect, and to wait for each piece of the answer
    total_timeout: float = 120.0  # seconds for one whole answer, however slowly it trickles in
    retries: int = 2  # extra attempts after a 5xx answer, a timeout or a broken connection (never after a 4xx)
    backoff: float = 1.0  # seconds before the first retry, doubled for each further one
    max_redirects: int = 5
    max_bytes: int = MAX_PAGE_BYTES  # the same limit as for files
    robots_ttl: float = 24 * 3600.0  # seconds a host's robots.txt is trusted before it is read again
    # Whether addresses of the local network (loopback, private, link-local) may be fetched. The
    # command line may (an operator can follow an intranet feed); the dashboard may not, unless
    # TIMELINE_FETCH_PRIVATE=1, so that a visitor cannot make the server probe its own network.
    private_addresses: bool = True


def parse_duration(text: str) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"15m"``, ``"2h"`` or ``"1d"``; ``ValueError`` otherwise."""
    found = _DURATION.match(text)
    if not found:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)")
    return float(found.group(1)) * _UNIT_SECONDS[(found.group(2) or "s").lower()]
