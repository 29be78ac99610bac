"""The one HTTP client of the web package: polite, bounded and explicit about failures.

Every request names the tool (``User-Agent``), waits its turn for the host, is checked
against the host's robots.txt, and is cut off by timeouts and the size cap. 5xx answers,
timeouts and broken connections are retried with a doubling back-off; 4xx answers are not.
Redirects are followed one hop at a time (each hop checked and rate-limited like a request)
up to a limit. Failures raise :class:`FetchError` with a message meant for the user.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from components.store.web.ratelimit import HostRateLimiter
from components.store.web.robots import RobotsRules
from components.store.web.settings import ROBOTS_AGENT, FetchSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched; the message is ``"<url>: <reason>"``."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class _Retryable(Exception):
    """A failure worth another attempt (5xx, timeout, broken connection)."""


@dataclass(frozen=True)
class Response:
    requested_url: str
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    fetched_at: str  # ISO time, UTC
    redirects: tuple[str, ...] = ()  # the URLs passed through, in order

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def is_web_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def local_network_address(url: str) -> str | None:
    """The first address of ``url``'s host that lies in the local network (loopback, private,
    link-local, reserved), or ``None`` when all its addresses are public. A host that does not
    resolve is left to the request to report."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            return str(address)
    return None


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if abs(value - round(value)) < 0.05 else f"{value:.1f} MB"


@dataclass
class _Attempt:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    reason: str = field(default="")


class WebClient:
    """HTTP GET with the politeness rules of :class:`FetchSettings`. Not shared between threads."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._http = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
        )
        self._limiter = HostRateLimiter(self.settings.delay)
        self._robots = RobotsRules(self._fetch_robots, ROBOTS_AGENT, self.settings.robots_ttl)
        self.requests = 0  # requests sent, robots.txt included

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The answer to GET ``url`` after redirects: 2xx or 304 (raises :class:`FetchError` otherwise)."""
        return self._follow(url, dict(headers or {}), check_robots=True)

    def _fetch_robots(self, url: str) -> tuple[int, str]:
        try:
            response = self._follow(url, {}, check_robots=False)
        except FetchError as error:
            if error.reason.startswith("HTTP 4"):
                return 404, ""
            raise
        return response.status, response.body.decode("utf-8", errors="replace")

    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool) -> Response:
        if not is_web_url(url):
            raise FetchError(url, "not an http(s) address")
        hops = [url]
        while True:
            current = hops[-1]
            self._check_network(current)
            delay = self._allowed(current) if check_robots else None
            attempt = self._with_retries(current, headers, delay)
            location = attempt.headers.get("location")
            if attempt.status not in REDIRECTS or not location:
                break
            target = urljoin(current, location)
            if not is_web_url(target):
                raise FetchError(url, f"redirected to {target}, which is not an http(s) address")
            if target in hops:
                raise FetchError(url, f"redirect loop ({' → '.join([*hops, target])})")
            if len(hops) > self.settings.max_redirects:
                raise FetchError(url, f"too many redirects (more than {self.settings.max_redirects})")
            hops.append(target)
        if attempt.status >= 400 or attempt.status in REDIRECTS:
            raise FetchError(url, f"HTTP {attempt.status} {attempt.reason} (not retried)".replace("  ", " "))
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        return Response(url, hops[-1], attempt.status, attempt.headers, attempt.body, fetched_at, tuple(hops[1:]))

    def _check_network(self, url: str) -> None:
        if self.settings.private_addresses:
            return
        local = local_network_address(url)
        if local is not None:
            raise FetchError(url, f"refused: {local} is an address of the local network, not a public web site")

    def _allowed(self, url: str) -> float | None:
        """The host's Crawl-delay, after checking that robots.txt lets us fetch ``url``."""
        verdict = self._robots.verdict(url)
        if not verdict.allowed:
            raise FetchError(url, verdict.reason)
        return verdict.crawl_delay

    def _with_retries(self, url: str, headers: dict[str, str], delay: float | None) -> _Attempt:
        attempts = self.settings.retries + 1
        problem = ""
        for number in range(attempts):
            if number:
                time.sleep(self.settings.backoff * 2 ** (number - 1))
            self._limiter.wait(urlsplit(url).hostname or "", delay)
            try:
                return self._once(url, headers)
            except _Retryable as error:
                problem = str(error)
        plural = "s" if attempts > 1 else ""
        raise FetchError(url, f"{problem} ({attempts} attempt{plural})")

    def _once(self, url: str, headers: dict[str, str]) -> _Attempt:
        """One request; the body is read only for a final answer, and never past the size cap."""
        self.requests += 1
        started = time.monotonic()
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                found = {name.lower(): value for name, value in response.headers.items()}
                attempt = _Attempt(response.status_code, found, reason=response.reason_phrase)
                if response.status_code >= 500:
                    raise _Retryable(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                if 200 <= response.status_code < 300:
                    attempt.body = self._read_body(url, response, started)
                return attempt
        except httpx.DecodingError as error:
            raise FetchError(url, f"the answer cannot be decoded ({error})") from error
        except httpx.TimeoutException as error:
            raise _Retryable(f"timed out after {self.settings.timeout:g} s") from error
        except httpx.TransportError as error:
            raise _Retryable(f"connection failed ({error or type(error).__name__})") from error

    def _read_body(self, url: str, response: httpx.Response, started: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"page is {_megabytes(int(declared))}, the limit is {_megabytes(limit)}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"page is larger than the limit of {_megabytes(limit)}")
            if time.monotonic() - started > self.settings.total_timeout:
                raise _Retryable(f"took longer than {self.settings.total_timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)
