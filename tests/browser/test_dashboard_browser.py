"""The dashboard in headless Chromium: offline map, shareable URLs and history, clicks on every view
opening details in view, keyboard, Arabic, corrections of events far in the past and the future,
escaping. Every wait is for a condition; screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import record_frames, run_endings, screenshot, show_entries, wait_ready

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
BORDERS = ".geo g.layer.countries path"
MAP_MARKERS = ".geo .scatterlayer .trace path.point"
DETAILS = ".tl-details"

# The page position of a point of the first plotly chart (the timeline) whose trace is named
# ``name`` and whose x is ``x``, from the chart's axes (a point is found by where it is drawn, not by an id).
POINT_POSITION = """([name, x]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  if (!gd || !gd._fullData || !gd._fullLayout) return null;
  const traces = gd._fullData;
  for (const trace of traces) {
    if (trace.name !== name || !trace.x) continue;
    const index = Array.from(trace.x).indexOf(x);
    if (index < 0) continue;
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    return [box.left + xa._offset + xa.l2p(xa.d2l(x)), box.top + ya._offset + ya.l2p(ya.d2l(trace.y[index]))];
  }
  return null;
}"""


ARABIC_COUNTS = {"لا أحداث": 0, "حدث واحد": 1, "حدثان": 2}


def summary_count(page) -> int:
    """The number of events the summary line gives, in either language (Arabic spells 0–2 out)."""
    text = page.locator('[data-testid="stMarkdown"] strong').first.inner_text()
    first = text.split(" · ")[0]
    if first in ARABIC_COUNTS:
        return ARABIC_COUNTS[first]
    match = re.match(r"(\d+) events?", first) or re.match(r"(\d+) (أحداث|حدثًا|حدث)", first)
    assert match, text
    return int(match.group(1))


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def outside_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
             return box.top < window.innerHeight && box.bottom > 0; }""",
        selector,
    )


def click_mark(page, name: str, day: str) -> None:
    page.wait_for_function(f"() => ({POINT_POSITION})({[name, day]!r}) !== null", timeout=90_000)
    x, y = page.evaluate(POINT_POSITION, [name, day])
    page.mouse.click(x, y)


def open_details(page, event_id: str) -> None:
    page.wait_for_selector(f'{DETAILS}[data-event-id="{event_id}"]', timeout=90_000)
    wait_ready(page)


@pytest.mark.parametrize("server", ["app_url", "prefixed_app_url"])
def test_map_is_drawn_with_no_request_leaving_localhost(server: str, request, new_page) -> None:
    base = request.getfixturevalue(server)
    page = new_page()
    requests = outside_requests(page)
    page.goto(base)
    wait_ready(page)
    page.wait_for_selector(BORDERS, state="attached", timeout=90_000)
    border = page.locator(BORDERS).first.get_attribute("d") or ""
    assert len(border) > 1000, "country borders are not drawn"
    assert page.locator(MAP_MARKERS).count() > 0
    screenshot(page, f"map-{server}")
    leaving = [url for url in requests if urlparse(url).hostname not in LOCAL_HOSTS and not url.startswith("data:")]
    assert leaving == []
    topojson = [url for url in requests if re.search(r"world_(50|110)m\.json$", url)]
    assert topojson and all(
        urlparse(url).path.startswith(urlparse(base).path + "app/static/topojson/") for url in topojson
    )


def test_changing_a_filter_changes_the_url_and_the_link_reproduces_the_view(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(app_url)
    wait_ready(page)
    total = summary_count(page)
    search = page.get_by_label(re.compile("Search text"))
    search.fill("موسكو")
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=90_000)
    wait_ready(page)
    filtered = summary_count(page)
    assert 0 < filtered < total
    assert query_of(page)["q"] == ["موسكو"]
    other = new_page()
    other.goto(page.url)
    wait_ready(other)
    assert summary_count(other) == filtered
    expect(other.get_by_label(re.compile("Search text"))).to_have_value("موسكو", timeout=90_000)


DATES_FIT = """() => { const fields = document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stDateInputFieldsScroller"]');
  return fields.length === 2 && Array.from(fields).every(field => field.scrollWidth <= field.clientWidth + 1); }"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_chosen_dates_are_shown_whole(lang: str, app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?from=2023-01-01&to=2023-12-31&lang={lang}")
    wait_ready(page)
    assert page.evaluate(DATES_FIT)


def test_browser_back_and_forward_step_through_views(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(f"{app_url}?country=AM")
    wait_ready(page)
    armenia = summary_count(page)
    page.get_by_text("involving all of them").first.click()
    page.wait_for_url(re.compile(r"cmode=all"), timeout=90_000)
    wait_ready(page)
    page.get_by_role("button", name="Since 2020").click()
    page.wait_for_url(re.compile(r"from=2020-01-01"), timeout=90_000)
    wait_ready(page)
    page.go_back()
    page.wait_for_url(lambda url: "from=" not in url and "cmode=all" in url, timeout=90_000)
    wait_ready(page)
    page.go_back()
    page.wait_for_url(lambda url: "cmode" not in url and "country=AM" in url, timeout=90_000)
    page.wait_for_function(
        "(n) => document.querySelector('[data-testid=\"stMarkdown\"] strong')?.innerText.startsWith(n + ' event')",
        arg=armenia,
        timeout=90_000,
    )
    page.go_forward()
    page.wait_for_url(re.compile(r"cmode=all"), timeout=90_000)
    wait_ready(page)
    assert query_of(page)["cmode"] == ["all"]


def test_a_typed_date_applies_on_enter(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(app_url)
    wait_ready(page)
    total = summary_count(page)
    page.locator('[data-testid="stDateInput"]').first.locator('[data-type="year"]').click()
    page.keyboard.type("20240101")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"from=2024-01-01"), timeout=90_000)
    wait_ready(page)
    assert summary_count(page) < total


def test_clicking_a_timeline_mark_opens_its_details_beside_it_and_rings_it(app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?q=كاراباخ&type=agreement")
    wait_ready(page)
    assert page.locator(DETAILS).count() == 0
    click_mark(page, "agreement", "2020-11-09")
    open_details(page, "fixture-karabakh-2020")
    assert query_of(page)["event"] == ["fixture-karabakh-2020"]
    assert in_viewport(page, DETAILS)
    sentence = page.locator(f"{DETAILS} .tl-sentence")
    assert sentence.get_attribute("dir") == "rtl"
    assert sentence.locator("mark.tl-date").inner_text() == "9 نوفمبر 2020"
    mark = page.evaluate(POINT_POSITION, ["agreement", "2020-11-09"])
    page.wait_for_selector(".st-key-timeline_chart svg.tl-ring circle", timeout=60_000)
    ring = page.locator(".st-key-timeline_chart svg.tl-ring circle").first.bounding_box()
    assert ring is not None  # the ring is centred on the clicked mark
    assert abs(ring["x"] + ring["width"] / 2 - mark[0]) < 2 and abs(ring["y"] + ring["height"] / 2 - mark[1]) < 2
    screenshot(page, "timeline-click")


def test_a_click_anywhere_on_a_table_row_opens_its_details_in_view(app_url: str, new_page) -> None:
    """The click runs the part of the page that shows the open event once: the run it starts is not
    stopped for another one."""
    page = new_page({"width": 1400, "height": 1000})
    frames = record_frames(page)
    page.goto(f"{app_url}?country=KZ")
    wait_ready(page)
    frames.clear()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + 55)  # a cell of the first row, far from its start
    page.wait_for_url(re.compile(r"event="), timeout=90_000)
    page.wait_for_selector(DETAILS, timeout=90_000)
    page.wait_for_function(
        """() => { const box = document.querySelector('.tl-details').getBoundingClientRect();
                   return box.top < window.innerHeight && box.bottom > 0; }""",
        timeout=90_000,
    )
    wait_ready(page)
    assert run_endings(frames) == ["FINISHED_FRAGMENT_RUN_SUCCESSFULLY"]
    screenshot(page, "table-click")


def test_a_row_opened_from_the_table_is_ringed_on_the_timeline_as_drawn(app_url: str, new_page) -> None:
    """Opening an event leaves the timeline's chart as it was drawn (the same plot, not drawn again)
    and rings the event's mark over it."""
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?q=كاراباخ&type=agreement")
    wait_ready(page)
    page.evaluate("() => { document.querySelector('.st-key-timeline_chart .js-plotly-plot').__tlKept = true; }")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + 55)
    page.wait_for_url(re.compile(r"event="), timeout=90_000)
    open_details(page, query_of(page)["event"][0])
    assert in_viewport(page, DETAILS)
    page.wait_for_selector(".st-key-timeline_chart svg.tl-ring circle", timeout=60_000)
    kept = "() => document.querySelector('.st-key-timeline_chart .js-plotly-plot').__tlKept === true"
    assert page.evaluate(kept)


MAP_PLOT = ".st-key-map_chart .js-plotly-plot"
# The centres of the map's rings and of its markers, in page pixels.
MAP_RINGS_AND_MARKERS = f"""() => {{
  const centre = (element) => {{ const box = element.getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2]; }};
  return [Array.from(document.querySelectorAll('.st-key-map_chart svg.tl-ring circle')).map(centre),
          Array.from(document.querySelectorAll('.st-key-map_chart {MAP_MARKERS}')).map(centre)];
}}"""


def test_a_row_opened_from_the_table_is_ringed_on_the_map_as_drawn(app_url: str, new_page) -> None:
    """Opening an event leaves the map's figure as it is (the same plot, its figure not sent again) and
    rings the event's place over it, on the marker that holds it; closing it takes the ring away."""
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?country=KZ")
    wait_ready(page)
    page.evaluate(f"() => {{ document.querySelector('{MAP_PLOT}').__tlKept = true; }}")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + 55)
    page.wait_for_url(re.compile(r"event="), timeout=90_000)
    open_details(page, query_of(page)["event"][0])
    page.wait_for_selector(".st-key-map_chart svg.tl-ring circle", timeout=60_000)
    rings, markers = page.evaluate(MAP_RINGS_AND_MARKERS)
    assert rings and all(min(abs(r[0] - m[0]) + abs(r[1] - m[1]) for m in markers) < 20 for r in rings)
    assert page.evaluate(f"() => document.querySelector('{MAP_PLOT}').__tlKept === true")
    page.get_by_role("button", name="Close").click()
    page.wait_for_function(f"() => !document.querySelector('{DETAILS}')", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('.st-key-map_chart svg.tl-ring circle')", timeout=60_000)


# The text of the table's row under the band that marks the open event (the grid's rows are 35 pixels high,
# its accessible rows are numbered from its header's, 1), with the grid's data element.
MARKED_ROW = """() => {
  const band = document.querySelector('.tl-row-clip div'), clip = document.querySelector('.tl-row-clip');
  if (!band) return null;
  const frame = band.closest('[data-testid="stDataFrame"]'), scroller = frame.querySelector('.dvn-scroller');
  const row = Math.round((band.getBoundingClientRect().top - clip.getBoundingClientRect().top + scroller.scrollTop) / 35);
  const line = frame.querySelector(`[role="row"][aria-rowindex="${row + 2}"]`);
  return line ? line.textContent : null;
}"""


def test_the_open_events_row_is_marked_in_the_table_without_its_rows_sent_again(app_url: str, new_page) -> None:
    """An event opened from its details' Next button (not from the table) is marked in the table: the band
    lies over its row; the grid keeps its data (its element is the same) and nothing runs twice."""
    page = new_page({"width": 1400, "height": 1000})
    frames = record_frames(page)
    page.goto(f"{app_url}?country=KZ&event=fixture-almaty-talks")
    open_details(page, "fixture-almaty-talks")
    page.wait_for_selector(".tl-row-clip div", timeout=60_000)
    title = page.locator(f"{DETAILS} h4").first.inner_text()
    page.wait_for_function(f"() => ({MARKED_ROW})()?.includes({title!r})", timeout=60_000)
    page.evaluate("() => { document.querySelector('[data-testid=\"stDataFrame\"] canvas').__tlKept = true; }")
    frames.clear()
    page.get_by_role("button", name="Next", exact=True).click()
    page.wait_for_url(lambda url: "fixture-almaty-talks" not in url, timeout=90_000)
    page.wait_for_function(f"() => document.querySelector('{DETAILS}')?.dataset.eventId !== 'fixture-almaty-talks'")
    wait_ready(page)
    following = page.locator(f"{DETAILS} h4").first.inner_text()
    assert following != title
    page.wait_for_function(f"() => ({MARKED_ROW})()?.includes({following!r})", timeout=60_000)
    assert page.evaluate("() => document.querySelector('[data-testid=\"stDataFrame\"] canvas').__tlKept === true")
    assert run_endings(frames) == ["FINISHED_FRAGMENT_RUN_SUCCESSFULLY"]
    page.get_by_role("button", name="Close").click()
    page.wait_for_function("() => !document.querySelector('.tl-row-clip')", timeout=60_000)


def test_events_opened_from_the_table_are_steps_of_the_browser_history(app_url: str, new_page) -> None:
    """Opening an event runs only part of the page, and still writes the link: Back and Forward step
    through the events opened."""
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?country=KZ")
    wait_ready(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    opened = []
    for row_y in (55, 90):  # the first row, then the second
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + row_y)
        page.wait_for_url(lambda url: "event=" in url and url not in opened, timeout=90_000)
        opened.append(page.url)
        open_details(page, query_of(page)["event"][0])
    page.go_back()
    page.wait_for_url(opened[0], timeout=90_000)
    open_details(page, parse_qs(urlparse(opened[0]).query)["event"][0])
    page.go_back()
    page.wait_for_url(lambda url: "event=" not in url, timeout=90_000)
    page.wait_for_function(f"() => !document.querySelector('{DETAILS}')", timeout=90_000)
    page.go_forward()
    page.wait_for_url(opened[0], timeout=90_000)
    open_details(page, parse_qs(urlparse(opened[0]).query)["event"][0])


def test_the_details_can_be_walked_with_the_keyboard(app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?event=fixture-almaty-talks")
    open_details(page, "fixture-almaty-talks")
    page.get_by_role("button", name="Next", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "event=" in url and "fixture-almaty-talks" not in url, timeout=90_000)
    page.wait_for_function(
        """() => document.querySelector('.tl-details')?.dataset.eventId !== 'fixture-almaty-talks'""",
        timeout=90_000,
    )


def test_a_map_marker_lists_all_its_events(app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?q=موسكو")
    wait_ready(page)
    page.locator(MAP_MARKERS).first.click(force=True)
    page.wait_for_url(re.compile(r"[?&]place=Moscow"), timeout=90_000)
    page.wait_for_selector(".tl-place-list", timeout=90_000)
    wait_ready(page)
    assert page.get_by_role("button", name=re.compile(r"^2023-0[57]-01 · Meeting")).count() == 2
    page.get_by_role("button", name=re.compile(r"^2023-07-01 · Meeting")).click()
    open_details(page, "fixture-moscow-july-2023")


def test_clicking_a_pair_in_the_relations_view_filters_to_both(app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?view=relations")
    wait_ready(page)
    matrix = page.locator('[data-testid="stPlotlyChart"]').nth(1)
    matrix.locator(".scatterlayer .trace .points path").first.click(force=True)
    page.wait_for_url(re.compile(r"cmode=all"), timeout=90_000)
    wait_ready(page)
    assert len(query_of(page)["country"]) == 2
    screenshot(page, "relations")


NAMES_INSIDE = """(chart) => { const box = chart.getBoundingClientRect();
  const names = Array.from(chart.querySelectorAll('.ytick text')).map(name => name.getBoundingClientRect());
  return names.length > 1 && names.every(name => name.left >= box.left - 1 && name.right <= box.right + 1); }"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_relations_view_shows_its_names_whole(lang: str, app_url: str, new_page) -> None:
    """In Arabic the names stand on the right of the matrix: the chart makes room for them there."""
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?view=relations&lang={lang}")
    wait_ready(page)
    matrix = page.locator('[data-testid="stPlotlyChart"]').nth(1)
    assert matrix.evaluate(NAMES_INSIDE)


def test_arabic_page_declares_its_language_and_direction_and_names_months_in_arabic(app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?lang=ar&zoom=2023-01-01..2023-12-31&event=fixture-almaty-talks")
    open_details(page, "fixture-almaty-talks")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    page.wait_for_selector('[data-testid="stPlotlyChart"] .xtick text', state="attached", timeout=60_000)
    ticks = page.locator('[data-testid="stPlotlyChart"]').first.locator(".xtick text").all_text_contents()
    assert any(month in " ".join(ticks) for month in ("يناير", "أبريل", "يوليو", "أكتوبر")), ticks
    assert not any(re.search("[A-Za-z]{3}", tick) for tick in ticks), ticks
    screenshot(page, "arabic-1400")


GRID_AT = """(end) => { const grid = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
  if (!grid || grid.scrollWidth <= grid.clientWidth + 50) return false;
  return end === 'right' ? grid.scrollLeft + grid.clientWidth >= grid.scrollWidth - 2 : grid.scrollLeft === 0; }"""


@pytest.mark.parametrize(("lang", "end"), [("ar", "right"), ("en", "left")])
def test_the_table_opens_at_its_first_column(lang: str, end: str, app_url: str, new_page) -> None:
    """Arabic mirrors the columns (the date is rightmost), so a table wider than the page shows its right end."""
    page = new_page({"width": 1200, "height": 1000})
    page.goto(f"{app_url}?lang={lang}")
    wait_ready(page)
    page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
    page.wait_for_function(GRID_AT, arg=end, timeout=60_000)


def test_on_a_phone_the_details_come_right_under_the_timeline(app_url: str, new_page) -> None:
    page = new_page({"width": 390, "height": 844})
    page.goto(f"{app_url}?event=fixture-almaty-talks&lang=ar")
    open_details(page, "fixture-almaty-talks")
    timeline = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
    details = page.locator(DETAILS).bounding_box()
    map_chart = page.locator('[data-testid="stPlotlyChart"]').nth(1).bounding_box()
    assert timeline and details and map_chart
    assert timeline["y"] < details["y"] < map_chart["y"]
    screenshot(page, "phone-arabic")


def test_article_text_is_shown_as_text_and_never_runs(app_url: str, new_page) -> None:
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}?q=onerror")
    wait_ready(page)
    click_mark(page, "statement", "2024-03-03")
    open_details(page, "fixture-xss")
    text = page.locator(f"{DETAILS} .tl-sentence").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator(f"{DETAILS} script, {DETAILS} img").count() == 0
    assert page.locator(f'{DETAILS} a[href^="javascript"]').count() == 0
    assert dialogs == []


def _pick(page, label: str, text: str) -> None:
    """Choose the option of a multiselect that starts with ``text`` (waiting for the list to open)."""
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(text)
    show_entries(page, text)
    page.get_by_role("option", name=re.compile("^" + re.escape(text))).first.click(timeout=90_000)
    page.keyboard.press("Escape")


def test_combining_filters_keeps_each_one_and_the_link_agrees(app_url: str, new_page) -> None:
    page = new_page()
    page.goto(f"{app_url}?country=AM")
    wait_ready(page)
    armenia = summary_count(page)
    _pick(page, "Actor", "Vladimir Putin")
    page.wait_for_url(re.compile(r"actor=Vladimir"), timeout=90_000)
    wait_ready(page)
    with_actor = summary_count(page)
    _pick(page, "Event type", "meeting")
    page.wait_for_url(re.compile(r"type=meeting"), timeout=90_000)
    wait_ready(page)
    combined = summary_count(page)
    query = query_of(page)
    assert query["country"] == ["AM"] and query["actor"] == ["Vladimir Putin"] and query["type"] == ["meeting"]
    assert 0 < combined <= with_actor <= armenia
    page.get_by_text("العربية").click()
    page.wait_for_url(re.compile(r"lang=ar"), timeout=90_000)
    wait_ready(page)
    assert query_of(page)["country"] == ["AM"]
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"]').all_inner_texts()
    chips = [chip for chip in chips if chip.strip()]
    assert len(chips) == 3 and "أرمينيا" in chips[0] and "لقاء" in chips[2], chips  # no English label survives
    other = new_page()
    other.goto(page.url)
    wait_ready(other)
    assert summary_count(other) == combined


@pytest.mark.parametrize("day", ["1938-03-15", "2050-06-01"])
def test_events_of_1938_and_2050_open_and_are_corrected(day: str, store_app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{store_app_url}?event=manual:{'1' if day < '2000' else '2'}")
    page.wait_for_selector(DETAILS, timeout=60_000)
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_text("Correct this event").click()
    page.wait_for_selector('[data-testid="stForm"]', timeout=90_000)
    form = page.locator('[data-testid="stForm"]').first
    form.get_by_label("Reason").fill("a treaty, not talks")
    form.get_by_label("Your name").fill("Aram")
    form.get_by_label("Type").click()
    page.get_by_role("option", name="agreement").click()
    form.get_by_role("button", name="Save correction").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=60_000)
    success = page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    assert "Type: meeting → agreement" in success
    assert page.locator('[data-testid="stException"]').count() == 0
