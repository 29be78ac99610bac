"""What the page draws, in both languages and on a phone: labels shown whole, every edge of the
view switch drawn, the date fields' hints in the interface language. Every wait is for a condition."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import screenshot, wait_ready

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
