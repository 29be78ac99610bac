"""A fetched page's markup date (``published_fallback``) dates its articles only when the text
prints no date stamp; a date given as metadata still wins over both."""

from __future__ import annotations

from datetime import date

from components.extract.pipeline import extract_page
from components.extract.reading import decode_page

STAMPED = "الجمعة 10 مايو 2024 - 14:30\nوقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف قريبا في إسطنبول.\n"
UNDATED = "وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف قريبا في إسطنبول.\n"
WEEKDAY = "وقال الكرملين اليوم الأحد 12 مايو إن المحادثات التي جرت في 3 مايو 2024 ستستأنف.\n"


def dated(text: str, **meta: object) -> tuple[date | None, str]:
    (article,) = extract_page(decode_page(text.encode("utf-8"), "page.txt"), page_meta=meta).articles
    return article.published, article.published_how


def test_the_printed_stamp_wins_over_the_markup_date() -> None:
    assert dated(STAMPED, published_fallback="2024-05-12") == (date(2024, 5, 10), "stamp")


def test_the_markup_date_serves_when_the_text_prints_none() -> None:
    assert dated(UNDATED) == (None, "unknown")
    assert dated(UNDATED, published_fallback="2024-05-12") == (date(2024, 5, 12), "html")


def test_the_markup_date_comes_before_a_weekday_guess() -> None:
    assert dated(WEEKDAY)[1] == "weekday"
    assert dated(WEEKDAY, published_fallback="2024-06-01") == (date(2024, 6, 1), "html")


def test_a_date_given_as_metadata_wins_over_both() -> None:
    assert dated(STAMPED, published="2024-05-01", published_fallback="2024-05-12") == (date(2024, 5, 1), "metadata")


def test_an_unreadable_fallback_is_ignored() -> None:
    assert dated(UNDATED, published_fallback="someday") == (None, "unknown")
