"""What the page draws, in both languages and on a phone: labels shown whole, every edge of the
view switch drawn, the date fields' hints in the interface language. Every wait is for a condition."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import pytest
from PIL import Image

from components.ui.map_figure import in_frame
from tests.browser.conftest import FIXTURE, screenshot, start_app, wait_ready

SIZES = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}

DOWNLOADS_WHOLE = """() => {
  const buttons = Array.from(document.querySelectorAll('[data-testid="stDownloadButton"] button'));
  const cut = (element) => element.scrollWidth > element.clientWidth + 1;
  return buttons.length === 3 && buttons.every(button => ![button, ...button.querySelectorAll('*')].some(cut));
}"""

LEFT_OUT = {"en": r"The GeoJSON file leaves out \d+ events without a place\.", "ar": r"\d+ حدثًا بلا مكان لا يشملها"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_downloads_and_what_the_geojson_leaves_out_are_shown_whole(lang: str, size: str, app_url, new_page):
    page = new_page(SIZES[size])
    page.goto(f"{app_url}?lang={lang}")
    wait_ready(page)
    note = page.get_by_text(re.compile(LEFT_OUT[lang]))
    note.scroll_into_view_if_needed()
    assert note.evaluate("(element) => element.scrollWidth <= element.clientWidth + 1")
    box = note.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"]
    assert page.evaluate(DOWNLOADS_WHOLE)


def _edge_is_drawn(image: Image.Image, x: int) -> bool:
    """Whether the column ``x`` of ``image`` crosses a border: a pixel clearly darker than white
    in the middle third of its height."""
    grey = image.convert("L")
    height = grey.height
    return any(grey.getpixel((x, y)) < 235 for y in range(height // 3, 2 * height // 3))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_view_switch_draws_both_its_outer_edges_and_reads_in_the_pages_direction(lang: str, app_url, new_page):
    page = new_page(SIZES["desktop"])
    page.goto(f"{app_url}?lang={lang}")
    wait_ready(page)
    group = page.locator('[data-testid="stButtonGroup"] [role="radiogroup"]').first
    buttons = group.locator("button")
    first, second = buttons.nth(0).bounding_box(), buttons.nth(1).bounding_box()
    assert first and second
    left = min(first["x"], second["x"])
    right = max(first["x"] + first["width"], second["x"] + second["width"])
    top, bottom = first["y"], first["y"] + first["height"]
    shot = page.screenshot(clip={"x": left - 2, "y": top, "width": right - left + 4, "height": bottom - top})
    image = Image.open(io.BytesIO(shot))
    assert any(_edge_is_drawn(image, x) for x in range(0, 5)), "the switch's left edge is missing"
    assert any(_edge_is_drawn(image, image.width - 1 - x) for x in range(0, 5)), "its right edge is missing"
    assert (first["x"] > second["x"]) == (lang == "ar")  # the map, first, on the side where reading starts


DATE_HINTS = """() => Array.from(document.querySelectorAll('[data-testid="stDateInputField"] [role="spinbutton"]'))
  .map(part => {
    const style = getComputedStyle(part), before = getComputedStyle(part, '::before');
    const own = parseFloat(style.fontSize) > 0 ? part.textContent : '';
    const added = before.content && before.content !== 'none' && parseFloat(before.fontSize) > 0
      ? before.content.replace(/^"|"$/g, '') : '';
    return own + added;
  })"""


@pytest.mark.parametrize(("lang", "parts"), [("ar", ["سنة", "شهر", "يوم"]), ("en", ["yyyy", "mm", "dd"])])
def test_an_empty_date_field_names_its_parts_in_the_interface_language(lang: str, parts, app_url, new_page) -> None:
    page = new_page(SIZES["desktop"])
    page.goto(f"{app_url}?lang={lang}")
    wait_ready(page)
    shown = page.evaluate(DATE_HINTS)
    assert shown == parts * 2  # from, to
    year = page.locator('[data-testid="stDateInputField"] [data-type="year"]').first.bounding_box()
    day = page.locator('[data-testid="stDateInputField"] [data-type="day"]').first.bounding_box()
    assert year and day and year["x"] < day["x"]  # the parts in the order the digits will take
    screenshot(page, f"date-fields-{lang}")


@pytest.fixture(scope="module")
def caucasus_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the fixture's events whose places all lie in the South Caucasus frame (the
    map opens on it): many places a few kilometres apart around Yerevan, Baku and Karabakh."""
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [
        line
        for line in lines
        if (places := json.loads(line)["places"]) and all(in_frame(p["lat"], p["lon"]) for p in places)
    ]
    path = tmp_path_factory.mktemp("caucasus") / "events.jsonl"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    yield from start_app(env_extra={"TIMELINE_EVENTS_JSONL": str(path)})


# The boxes of the map's names (text of its first trace) and markers (points of the other traces) as
# drawn: a name may touch no marker and no other name, two markers' discs may not overlap.
MAP_BOXES = """() => {
  const chart = document.querySelectorAll('[data-testid="stPlotlyChart"]')[1];
  const traces = Array.from(chart.querySelectorAll('.geo .scatterlayer .trace'));
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const names = Array.from(traces[0].querySelectorAll('text'))
    .filter(t => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden').map(box);
  const markers = traces.slice(1).flatMap(trace => Array.from(trace.querySelectorAll('path.point')).map(box));
  return {names, markers};
}"""


def _overlap(first, second, slack: float = 1.0) -> bool:
    return (
        first[0] + slack < second[2]
        and second[0] + slack < first[2]
        and first[1] + slack < second[3]
        and second[1] + slack < first[3]
    )


def _discs_overlap(first, second) -> bool:
    (x1, y1, r1), (x2, y2, r2) = (((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, (b[2] - b[0]) / 2) for b in (first, second))
    return ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 + 1 < r1 + r2


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_maps_names_and_markers_do_not_cover_each_other_near_yerevan_and_baku(
    lang: str, size: str, caucasus_app_url: str, new_page
) -> None:
    """On a desktop page no marker covers another either; a phone's map is half as wide, so its
    markers may touch, but no name is drawn over one."""
    page = new_page(SIZES[size])
    page.goto(f"{caucasus_app_url}?lang={lang}")
    wait_ready(page)
    page.wait_for_selector(".geo .scatterlayer .trace path.point", state="attached", timeout=90_000)
    drawn = page.evaluate(MAP_BOXES)
    names, markers = drawn["names"], drawn["markers"]
    assert len(markers) >= 4 and len(names) >= (2 if size == "desktop" else 1)
    for number, name in enumerate(names):
        assert not any(_overlap(name, marker) for marker in markers)
        assert not any(_overlap(name, other) for other in names[number + 1 :])
    if size == "desktop":
        for number, marker in enumerate(markers):
            assert not any(_discs_overlap(marker, other) for other in markers[number + 1 :])
    screenshot(page, f"map-caucasus-{lang}-{size}")


# Every label a screen reader says, every chart button's tooltip and every hint, with its element's test id.
LABELS = """() => Array.from(document.querySelectorAll('[aria-label], [data-title], [placeholder]')).flatMap(element =>
  ['aria-label', 'data-title', 'placeholder'].map(name => element.getAttribute(name)).filter(Boolean)
    .map(label => [(element.closest('[data-testid]') || element).getAttribute('data-testid'), label]))"""
# The visible texts of the widgets whose texts are Streamlit's own (the file uploader, the skip link), less
# the names of their icons (a font draws them as pictures).
OWN_TEXTS = """() => Array.from(document.querySelectorAll(
  '[data-testid="stFileUploaderDropzone"], [data-testid="stSkipToContent"]')).map(element => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"]').forEach(icon => icon.remove());
    return copy.textContent;
  })"""
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ADDRESS_OR_FORMAT = re.compile(r"https?://\S*|\d*(?:TXT|HTML|CSV|MB|PNG)\b")  # addresses and file formats, not words


def _latin(labels: list[list[str]]) -> list[list[str]]:
    return [label for label in labels if LATIN_WORD.search(ADDRESS_OR_FORMAT.sub("", label[-1]))]


def test_streamlits_own_labels_are_said_in_arabic_and_in_english_again_after_a_switch(store_app_url, new_page) -> None:
    """The date fields' parts, the sidebar's button, the charts' buttons, the file uploader: what
    Streamlit writes in English is said in Arabic in the Arabic page, and in English after switching."""
    page = new_page(SIZES["desktop"])
    page.goto(f"{store_app_url}?lang=ar")
    wait_ready(page)
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.click()  # the uploader is inside the panels
    page.wait_for_function(f"() => ({OWN_TEXTS})().length === 2")
    labels = page.evaluate(LABELS)
    assert any(label == "سنة، من" for _, label in labels) and len(labels) > 20  # a date field's year
    assert _latin(labels) == [], sorted({label for _, label in _latin(labels)})
    assert not any(LATIN_WORD.search(ADDRESS_OR_FORMAT.sub("", text)) for text in page.evaluate(OWN_TEXTS))
    page.locator('[data-testid="stRadio"] label').filter(has_text="English").first.click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_ready(page)
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stSidebar"] [aria-label], header [aria-label]'))
          .some(element => element.getAttribute('aria-label') === 'Collapse sidebar')"""
    )
    assert not any(re.search("[\u0600-\u06ff]", label) for _, label in page.evaluate(LABELS) if "Sidebar" in label)
