"""The dashboard in headless Chromium: offline map, shareable URLs, clicks, escaping."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_ready

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
BORDERS = ".geo g.layer.countries path"
TIMELINE_MARKERS = '[data-testid="stPlotlyChart"] .cartesianlayer .scatterlayer .trace .points path'


def summary_count(page) -> int:
    text = page.locator('[data-testid="stMarkdown"] strong').first.inner_text()
    match = re.match(r"(\d+) events?", text) or re.match(r"الأحداث: (\d+)", text)
    assert match, text
    return int(match.group(1))


def outside_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize("server", ["app_url", "prefixed_app_url"])
def test_map_is_drawn_with_no_request_leaving_localhost(server: str, request, new_page) -> None:
    base = request.getfixturevalue(server)
    page = new_page()
    requests = outside_requests(page)
    page.goto(base)
    wait_ready(page)
    page.wait_for_selector(BORDERS, state="attached", timeout=20_000)
    border = page.locator(BORDERS).first.get_attribute("d") or ""
    assert len(border) > 1000, "country borders are not drawn"
    assert page.locator(".geo .scatterlayer path.point").count() > 0
    screenshot(page, f"map-{server}")
    leaving = [url for url in requests if urlparse(url).hostname not in LOCAL_HOSTS and not url.startswith("data:")]
    assert leaving == []
    topojson = [url for url in requests if url.endswith("world_50m.json")]
    assert topojson and all(
        urlparse(url).path == urlparse(base).path + "app/static/topojson/world_50m.json" for url in topojson
    )


def test_changing_a_filter_changes_the_url_and_the_link_reproduces_the_view(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(app_url)
    wait_ready(page)
    total = summary_count(page)
    search = page.get_by_label(re.compile("Search text"))
    search.fill("موسكو")
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=15_000)
    wait_ready(page)
    filtered = summary_count(page)
    assert 0 < filtered < total
    assert parse_qs(urlparse(page.url).query)["q"] == ["موسكو"]
    other = new_page()
    other.goto(page.url)
    wait_ready(other)
    assert summary_count(other) == filtered
    expect(other.get_by_label(re.compile("Search text"))).to_have_value("موسكو", timeout=10_000)
    screenshot(other, "shared-link")


def test_clicking_a_timeline_event_opens_its_details(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(f"{app_url}?q=كاراباخ&type=agreement")
    wait_ready(page)
    assert page.locator(".tl-details").count() == 0
    page.locator(TIMELINE_MARKERS).first.click(force=True)
    page.wait_for_selector('.tl-details[data-event-id="fixture-karabakh-2020"]', timeout=15_000)
    wait_ready(page)
    assert "event=fixture-karabakh-2020" in page.url
    sentence = page.locator(".tl-details .tl-sentence")
    assert sentence.get_attribute("dir") == "rtl"
    assert sentence.locator("mark.tl-date").inner_text() == "9 نوفمبر 2020"
    screenshot(page, "timeline-click")


def test_article_text_is_shown_as_text_and_never_runs(app_url: str, new_page) -> None:
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}?q=onerror")
    wait_ready(page)
    page.locator(TIMELINE_MARKERS).first.hover(force=True)
    page.wait_for_timeout(500)
    page.locator(TIMELINE_MARKERS).first.click(force=True)
    page.wait_for_selector('.tl-details[data-event-id="fixture-xss"]', timeout=15_000)
    wait_ready(page)
    text = page.locator(".tl-details .tl-sentence").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator(".tl-details script, .tl-details img").count() == 0
    assert page.locator('.tl-details a[href^="javascript"]').count() == 0
    page.wait_for_timeout(500)
    screenshot(page, "escaped-details")
    assert dialogs == []


def _pick(page, nth: int, text: str, param: str) -> None:
    """Pick ``text`` in the ``nth`` multiselect and wait until the rerun has put it in the URL."""
    page.locator('[data-testid="stMultiSelect"]').nth(nth).click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: text in parse_qs(urlparse(url).query).get(param, []), timeout=30_000)
    wait_ready(page)


def test_combining_filters_keeps_each_one_and_the_link_agrees(app_url: str, new_page) -> None:
    # the options' labels carry live counts, which change with every filter picked
    page = new_page()
    page.goto(f"{app_url}?country=AM")
    wait_ready(page)
    armenia = summary_count(page)
    _pick(page, 1, "Vladimir Putin", "actor")
    with_actor = summary_count(page)
    _pick(page, 2, "meeting", "type")
    combined = summary_count(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["country"] == ["AM"] and query["actor"] == ["Vladimir Putin"] and query["type"] == ["meeting"]
    assert 0 < combined <= with_actor <= armenia
    page.get_by_text("العربية").click()
    page.wait_for_url(re.compile(r"lang=ar"), timeout=15_000)
    wait_ready(page)
    assert parse_qs(urlparse(page.url).query)["country"] == ["AM"]
    other = new_page()
    other.goto(page.url)
    wait_ready(other)
    assert summary_count(other) == combined
