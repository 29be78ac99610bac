"""The events behind the timeline's and the map's marks, reached and opened with the keyboard alone
(plotly's marks take no focus: each chart has a list of what its marks stand for). In English and
Arabic; every wait is for a condition."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, show_entries, wait_ready

MAX_TABS = 150
FOCUS_IN = """([selector, pattern]) => {
  const active = document.activeElement;
  const holder = active && active.closest(selector);
  return Boolean(holder) && new RegExp(pattern).test(holder.innerText || active.getAttribute('aria-label') || '');
}"""

LISTS = {
    "timeline": {"en": "Events on the timeline", "ar": "أحداث الخط الزمني"},
    "map": {"en": "Markers on the map", "ar": "علامات الخريطة"},
}


def tab_to(page, selector: str, pattern: str) -> None:
    """Press Tab until the focused element lies in an element matching ``selector`` whose text
    matches ``pattern`` (at most MAX_TABS presses)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS_IN, [selector, pattern]):
            return
    raise AssertionError(f"Tab never reached {selector} matching {pattern!r}")


def pick(page, typed: str) -> None:
    """In the focused list, type ``typed`` and take the first entry that matches it (opening the
    entries with the down arrow when they are closed, as a keyboard user does)."""
    page.keyboard.type(typed)
    show_entries(page, typed)
    page.wait_for_selector('[role="option"]', timeout=60_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def focus_is_in(page, selector: str) -> bool:
    return page.evaluate("(selector) => Boolean(document.activeElement?.closest(selector))", selector)


@pytest.mark.parametrize(("lang", "typed"), [("en", "9 Nov 2020"), ("ar", "9 نوفمبر 2020")])
def test_a_timeline_event_is_opened_with_the_keyboard_alone(lang: str, typed: str, app_url: str, new_page) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?q=كاراباخ&lang={lang}")
    wait_ready(page)
    tab_to(page, '[data-testid="stSelectbox"]', LISTS["timeline"][lang])
    pick(page, typed)
    page.wait_for_selector('.tl-details[data-event-id="fixture-karabakh-2020"]', timeout=90_000)
    wait_ready(page)
    page.wait_for_function("() => document.activeElement?.closest('.tl-details') !== null", timeout=60_000)
    assert "event=fixture-karabakh-2020" in page.url
    screenshot(page, f"keyboard-timeline-{lang}")


@pytest.mark.parametrize(("lang", "typed"), [("en", "Moscow"), ("ar", "موسكو")])
def test_a_map_markers_events_are_listed_and_opened_with_the_keyboard_alone(
    lang: str, typed: str, app_url: str, new_page
) -> None:
    page = new_page({"width": 1400, "height": 1000})
    page.goto(f"{app_url}?q=موسكو&lang={lang}")
    wait_ready(page)
    tab_to(page, '[data-testid="stSelectbox"]', LISTS["map"][lang])
    pick(page, typed)
    page.wait_for_url(re.compile(r"[?&]place=Moscow"), timeout=90_000)
    page.wait_for_selector(".tl-place-list", timeout=90_000)
    wait_ready(page)
    page.wait_for_function("() => document.activeElement?.closest('.tl-place-list') !== null", timeout=60_000)
    tab_to(page, '[data-testid="stButton"]', "^2023-07-01 · ")
    page.keyboard.press("Enter")
    page.wait_for_selector('.tl-details[data-event-id="fixture-moscow-july-2023"]', timeout=90_000)
    wait_ready(page)
    screenshot(page, f"keyboard-map-{lang}")
