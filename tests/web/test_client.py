"""The HTTP client's politeness rules and limits, against the local server."""

from __future__ import annotations

import pytest

from components.store.web.client import FetchError, WebClient
from components.store.web.settings import USER_AGENT, FetchSettings, parse_duration
from tests.web.guard import REFUSAL
from tests.web.local_server import PNG, LocalServer, news_page

FAST = FetchSettings(delay=0, timeout=0.5, retries=1, backoff=0.05)


def fetch_error(settings: FetchSettings, url: str) -> str:
    with WebClient(settings) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    return str(caught.value)


def test_a_page_is_fetched_with_the_tools_name_after_reading_robots_txt(server: LocalServer) -> None:
    server.answer("/a.html", news_page(1), ETag='"abc"', Last_Modified="Sun, 12 May 2024 09:00:00 GMT")
    server.answer("/b.html", news_page(2))
    with WebClient(FAST) as client:
        first = client.get(server.url("/a.html"))
        client.get(server.url("/b.html"))
        assert client.requests == 3
    assert first.status == 200 and first.url == first.requested_url == server.url("/a.html")
    assert first.body == news_page(1).encode("utf-8") and first.content_type == "text/html"
    assert first.headers["etag"] == '"abc"' and first.headers["last-modified"].startswith("Sun, 12 May 2024")
    assert first.fetched_at.endswith("+00:00") and first.redirects == ()
    assert [seen.path for seen in server.seen] == ["/robots.txt", "/a.html", "/b.html"]  # robots.txt read once
    assert {seen.headers["user-agent"] for seen in server.seen} == {USER_AGENT}
    assert USER_AGENT.startswith("DiplomaticTimeline/")


def test_a_path_robots_txt_disallows_is_never_requested(server: LocalServer) -> None:
    server.answer("/private/report.html", news_page(1))
    assert fetch_error(FAST, server.url("/private/report.html")) == (
        f"{server.url('/private/report.html')}: disallowed by robots.txt"
    )
    assert server.requests("/private/report.html") == []


def test_a_robots_txt_that_cannot_be_read_forbids_everything_for_now(server: LocalServer) -> None:
    server.status("/robots.txt", 503)
    server.answer("/a.html", news_page(1))
    message = fetch_error(FAST, server.url("/a.html"))
    assert (
        message == f"{server.url('/a.html')}: robots.txt could not be read (HTTP 503 Service Unavailable (2 attempts))"
    )
    assert server.requests("/a.html") == []


def test_a_missing_robots_txt_allows_everything(server: LocalServer) -> None:
    server.status("/robots.txt", 404)
    server.answer("/private/a.html", news_page(1))
    with WebClient(FAST) as client:
        assert client.get(server.url("/private/a.html")).status == 200


def test_requests_to_one_host_are_spaced_by_the_delay_even_across_ports(server: LocalServer) -> None:
    with LocalServer() as other:
        for running in (server, other):
            running.robots("User-agent: *\nAllow: /\n")
            running.answer("/a.html", news_page(1))
        with WebClient(FetchSettings(delay=0.3)) as client:
            for url in (server.url("/a.html"), other.url("/a.html"), server.url("/a.html")):
                client.get(url)
        times = sorted(seen.at for running in (server, other) for seen in running.seen)
    assert len(times) == 5  # two robots.txt, three pages, all on host 127.0.0.1
    # spaced 0.3 s by the client; the arrival times may jitter a little (no limiter: about 1 ms)
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:], strict=False))


def test_robots_txt_crawl_delay_slows_the_client_down(server: LocalServer) -> None:
    server.robots("User-agent: *\nCrawl-delay: 1\n")
    server.answer("/a.html", news_page(1))
    server.answer("/b.html", news_page(2))
    with WebClient(FAST) as client:
        client.get(server.url("/a.html"))
        client.get(server.url("/b.html"))
    (first,), (second,) = server.requests("/a.html"), server.requests("/b.html")
    assert second.at - first.at >= 0.95


def test_a_slow_answer_times_out_and_is_retried_with_backoff(server: LocalServer) -> None:
    server.slow("/slow.html", 5, news_page(1))
    message = fetch_error(FAST, server.url("/slow.html"))
    assert message == f"{server.url('/slow.html')}: timed out after 0.5 s (2 attempts)"
    first, second = server.requests("/slow.html")
    assert second.at - first.at >= 0.45  # the retry came after the timeout (arrival times jitter a little)


def test_a_server_error_is_retried_and_the_second_answer_kept(server: LocalServer) -> None:
    server.flaky("/flaky.html", 1, news_page(1))
    with WebClient(FAST) as client:
        response = client.get(server.url("/flaky.html"))
    assert response.status == 200 and response.body == news_page(1).encode("utf-8")
    assert len(server.requests("/flaky.html")) == 2


def test_a_lasting_server_error_fails_after_every_attempt_with_doubling_waits(server: LocalServer) -> None:
    server.status("/down.html", 503)
    settings = FetchSettings(delay=0, retries=2, backoff=0.2)
    message = fetch_error(settings, server.url("/down.html"))
    assert message == f"{server.url('/down.html')}: HTTP 503 Service Unavailable (3 attempts)"
    first, second, third = (seen.at for seen in server.requests("/down.html"))
    assert second - first >= 0.15 and third - second >= 0.35  # backoff 0.2 s, then doubled


@pytest.mark.parametrize(("code", "phrase"), [(404, "Not Found"), (403, "Forbidden"), (429, "Too Many Requests")])
def test_a_client_error_is_not_retried(server: LocalServer, code: int, phrase: str) -> None:
    server.status("/gone.html", code)
    message = fetch_error(FAST, server.url("/gone.html"))
    assert message == f"{server.url('/gone.html')}: HTTP {code} {phrase} (not retried)"
    assert len(server.requests("/gone.html")) == 1


def test_redirects_are_followed_and_recorded(server: LocalServer) -> None:
    server.redirect("/old.html", "/middle.html", 301)
    server.redirect("/middle.html", server.url("/new.html"))
    server.answer("/new.html", news_page(1))
    with WebClient(FAST) as client:
        response = client.get(server.url("/old.html"))
    assert response.requested_url == server.url("/old.html") and response.url == server.url("/new.html")
    assert response.redirects == (server.url("/middle.html"), server.url("/new.html"))


def test_a_redirect_loop_is_named(server: LocalServer) -> None:
    server.redirect("/loop-a", "/loop-b")
    server.redirect("/loop-b", "/loop-a")
    message = fetch_error(FAST, server.url("/loop-a"))
    a, b = server.url("/loop-a"), server.url("/loop-b")
    assert message == f"{a}: redirect loop ({a} → {b} → {a})"
    assert len(server.requests("/loop-a")) == 1 and len(server.requests("/loop-b")) == 1


def test_a_long_redirect_chain_stops_at_the_limit(server: LocalServer) -> None:
    for hop in range(10):
        server.redirect(f"/hop/{hop}", f"/hop/{hop + 1}")
    message = fetch_error(FAST, server.url("/hop/0"))
    assert message == f"{server.url('/hop/0')}: too many redirects (more than 5)"
    assert server.requests("/hop/7") == []


def test_a_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.redirect("/to-file", "file:///etc/passwd")
    message = fetch_error(FAST, server.url("/to-file"))
    assert message == f"{server.url('/to-file')}: redirected to file:///etc/passwd, which is not an http(s) address"


def test_a_declared_50_mb_body_is_refused_before_it_is_read(server: LocalServer) -> None:
    server.huge("/huge.html", 50 * 1024 * 1024, declared=True)
    message = fetch_error(FAST, server.url("/huge.html"))
    assert message == f"{server.url('/huge.html')}: page is 50 MB, the limit is 5 MB"
    assert server.finished["/huge.html"].wait(30)
    assert server.sent["/huge.html"] < 20 * 1024 * 1024  # the server stopped when the client hung up


def test_an_undeclared_50_mb_body_is_cut_at_the_limit(server: LocalServer) -> None:
    server.huge("/stream.html", 50 * 1024 * 1024, declared=False)
    message = fetch_error(FAST, server.url("/stream.html"))
    assert message == f"{server.url('/stream.html')}: page is larger than the limit of 5 MB"
    assert len(server.requests("/stream.html")) == 1  # not retried
    assert server.finished["/stream.html"].wait(30)
    assert server.sent["/stream.html"] < 20 * 1024 * 1024  # the server stopped when the client hung up


def test_a_binary_body_is_returned_as_bytes(server: LocalServer) -> None:
    server.answer("/image.html", PNG)
    with WebClient(FAST) as client:
        assert client.get(server.url("/image.html")).body == PNG  # refused later, when it is read as a page


def test_a_conditional_get_answered_304_is_returned(server: LocalServer) -> None:
    server.answer("/feed.xml", "<rss/>", "application/rss+xml", ETag='"v1"')
    with WebClient(FAST) as client:
        response = client.get(server.url("/feed.xml"), headers={"If-None-Match": '"v1"'})
    assert response.status == 304 and response.body == b""
    assert server.requests("/feed.xml")[0].headers["if-none-match"] == '"v1"'


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a", "file:///etc/passwd", "javascript:alert(1)", "127.0.0.1/a"])
def test_only_http_addresses_are_fetched(url: str) -> None:
    assert fetch_error(FAST, url) == f"{url}: not an http(s) address"


def test_the_guard_refuses_any_address_beyond_loopback_without_sending_anything() -> None:
    settings = FetchSettings(delay=0, retries=0)
    message = fetch_error(settings, "http://192.0.2.1/a.html")  # TEST-NET-1: nothing to reach anyway
    assert message.startswith("http://192.0.2.1/a.html: robots.txt could not be read (connection failed")
    assert REFUSAL in message


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1.5m", 90)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15 minutes", "-5m", "1w"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/a", "127.0.0.1"),
        ("http://localhost/a", "127.0.0.1"),
        ("http://10.1.2.3/feed", "10.1.2.3"),
        ("http://192.168.0.7/", "192.168.0.7"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]:9000/", "::1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://8.8.8.8/news", None),
    ],
)
def test_local_network_addresses_are_recognised(url: str, local: str | None) -> None:
    from components.store.web.client import local_network_address

    assert local_network_address(url) == local
