"""A local HTTP server for the web tests: fixture pages and feeds, and endpoints that
misbehave on purpose (slow, failing, looping, huge, lying about their content).

It listens on 127.0.0.1 only and records every request it sees (path, headers, time), so
that a test can check what was — and what was not — asked for.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[["Handler"], Answer | None]  # None: the route wrote the answer itself


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.record(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        route = owner.routes.get(self.path.split("?")[0])
        try:
            answer = route(self) if route else Answer(404, b"not found", {"Content-Type": "text/plain"})
            if answer is not None:
                self.send(answer)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client hung up (a timeout or the size cap): expected

    def send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is expected here
            super().handle_error(request, client_address)  # type: ignore[arg-type]  # the request as received


class LocalServer:
    """``routes`` maps a path to a function of the request; :meth:`page` and friends add common ones."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.sent: dict[str, int] = {}  # bytes written by the streaming routes, per path
        self.finished: dict[str, threading.Event] = {}  # set when a streaming route has stopped writing
        self.stopping = threading.Event()
        self.arrived = threading.Condition()
        self._http = _Server(("127.0.0.1", 0), Handler)
        self._http.owner = self
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._http.shutdown()
        self._http.server_close()

    # -- what the tests use -----------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, seen: Seen) -> None:
        with self.arrived:
            self.seen.append(seen)
            self.arrived.notify_all()

    def requests(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def wait_for(self, path: str, timeout: float = 30) -> None:
        """Block until ``path`` was requested (a condition, not a fixed sleep)."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: bool(self.requests(path)), timeout):
                raise AssertionError(f"{path} was never requested")

    def answer(
        self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **kw: object
    ) -> None:
        """Serve ``body``; extra headers as keywords (``ETag=…``, ``Last_Modified=…``), and then
        a conditional GET that matches them is answered 304 Not Modified."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **{k.replace("_", "-"): str(v) for k, v in kw.items()}}

        def route(request: Handler) -> Answer:
            etag, since = request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
            if (etag and etag == headers.get("ETag")) or (since and since == headers.get("Last-Modified")):
                return Answer(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
            return Answer(200, data, headers)

        self.routes[path] = route

    def fixture(self, path: str, name: str, content_type: str = "text/html; charset=utf-8", **kw: object) -> None:
        """Serve a file of tests/fixtures/web; ``{base}`` in it becomes this server's address."""
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        self.answer(path, text, content_type, **kw)

    def status(self, path: str, code: int) -> None:
        self.routes[path] = lambda request: Answer(code, f"error {code}".encode(), {"Content-Type": "text/plain"})

    def redirect(self, path: str, target: str, code: int = 302) -> None:
        self.routes[path] = lambda request: Answer(code, b"", {"Location": target})

    def slow(self, path: str, seconds: float, body: str) -> None:
        """Answers ``body`` after ``seconds`` (cut short when the server stops)."""

        def route(request: Handler) -> Answer:
            self.stopping.wait(seconds)
            return Answer(200, body.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})

        self.routes[path] = route

    def flaky(self, path: str, failures: int, body: str, code: int = 500) -> None:
        """The first ``failures`` requests get ``code``, the next ones ``body``."""

        def route(request: Handler) -> Answer:
            if len(self.requests(path)) <= failures:
                return Answer(code, b"try again", {"Content-Type": "text/plain"})
            return Answer(200, body.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})

        self.routes[path] = route

    def huge(self, path: str, size: int, *, declared: bool) -> None:
        """An HTML answer of ``size`` bytes, streamed, with or without a Content-Length; the
        bytes actually written before the client hung up are counted in ``sent[path]``."""

        self.sent[path] = 0
        self.finished[path] = threading.Event()

        def route(request: Handler) -> None:
            try:
                stream(request)
            finally:
                self.finished[path].set()

        def stream(request: Handler) -> None:
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            if declared:
                request.send_header("Content-Length", str(size))
            else:
                request.send_header("Connection", "close")
                request.close_connection = True
            request.end_headers()
            chunk = b"<p>" + "نص طويل جدا ".encode() * 5000 + b"</p>\n"
            while self.sent[path] < size and not self.stopping.is_set():
                piece = chunk[: size - self.sent[path]]
                request.wfile.write(piece)
                self.sent[path] += len(piece)

        self.routes[path] = route

    def robots(self, text: str) -> None:
        self.answer("/robots.txt", text, "text/plain")


_CITIES = ("ألماتي", "موسكو", "جدة", "باكو", "يريفان", "أستانا", "الدوحة")


def news_page(number: int) -> str:
    """A distinct Arabic article page (one meeting with a written date; number ≥ 1)."""
    day = (number - 1) % 28 + 1
    city = _CITIES[number % len(_CITIES)]
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>جولة المباحثات رقم {number}</title>
<meta property="article:published_time" content="2024-06-{day:02d}T10:00:00+00:00">
<meta property="og:site_name" content="أخبار الاختبار"></head>
<body><article><h1>جولة المباحثات رقم {number}</h1>
<p>التقى وزير الخارجية الأرميني أرارات ميرزويان نظيره الأذربيجاني جيهون بيراموف في {city} يوم {day} مايو 2024 لبحث نص معاهدة السلام في الجولة رقم {number}.</p>
<p>وقال الوزيران في بيان مشترك إن المحادثات كانت بناءة وإن الجولة المقبلة ستعقد قريبا.</p>
</article></body></html>
"""


def serve_news(server: LocalServer, count: int, first: int = 1) -> list[str]:
    """Serve /news/N.html for N in first … first+count-1; returns their URLs."""
    for number in range(first, first + count):
        server.answer(f"/news/{number}.html", news_page(number))
    return [server.url(f"/news/{number}.html") for number in range(first, first + count)]
