"""Publication dates read from an article's own text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from components.extract.publication_date import infer_publication_date

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"


def test_sample_first_article_by_weekday() -> None:
    first = SAMPLE.read_text(encoding="utf-8").split("المصدر:")[0]
    # "اليوم الأربعاء الموافق 5 يونيو"; the latest written year is 2023, and 5 June is a Wednesday in 2024.
    assert infer_publication_date(first) == (date(2024, 6, 5), "weekday")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الأربعاء 05/يونيو/2024 - 10:30 ص\nوقع الطرفان اتفاقا في 9 نوفمبر 2020", date(2024, 6, 5)),
        ("2024/06/05 10:30\nنص الخبر", date(2024, 6, 5)),
        ("عنوان الخبر\nنُشر في: 12 مارس 2025\nقال الوزير إن الاتفاق وقع في 9 نوفمبر 2020", date(2025, 3, 12)),
        ("قال الوزير كلاما كثيرا في هذا الشأن. آخر تحديث: ٢٤ مارس ٢٠٢٥م", date(2025, 3, 24)),
        ("عنوان الخبر\nالاثنين 24 رمضان 1446هـ الموافق 24 مارس 2025م\nنص الخبر", date(2025, 3, 24)),
        ("موسكو - بتاريخ 2024-06-05 صرح المتحدث", date(2024, 6, 5)),
    ],
)
def test_date_stamp(text: str, expected: date) -> None:
    assert infer_publication_date(text) == (expected, "stamp")


def test_a_date_inside_the_story_is_not_a_stamp() -> None:
    text = (
        "في 9 نوفمبر 2020 وقع قادة أذربيجان وأرمينيا وروسيا بيانا ثلاثيا لوقف إطلاق النار في كاراباخ "
        "بعد حرب دامت 44 يوما"
    )
    assert infer_publication_date(text) == (None, "unknown")


def test_stamp_wins_over_weekday() -> None:
    text = "نشر في 6 يونيو 2024\nقال الوزير اليوم الأربعاء الموافق 5 يونيو إن المحادثات جرت في مايو 2023"
    assert infer_publication_date(text) == (date(2024, 6, 6), "stamp")


@pytest.mark.parametrize(
    "text, expected",
    [
        # Latest written year 2024; 10 March is a Monday in 2025 (2024: Sunday).
        ("قال اليوم الاثنين الموافق 10 مارس إن الاتفاق الموقع في يناير 2024 صامد", date(2025, 3, 10)),
        # The weekday already matches the latest written year.
        ("أعلنت الوزارة اليوم (الأحد) 10 مارس أن محادثات عام 2024 انتهت", date(2024, 3, 10)),
    ],
)
def test_weekday_and_day_month(text: str, expected: date) -> None:
    assert infer_publication_date(text) == (expected, "weekday")


@pytest.mark.parametrize(
    "text",
    [
        "قال اليوم الخميس إن المحادثات ستستمر",  # no day and month
        "قال اليوم الأربعاء الموافق 5 يونيو إن المحادثات ستستمر",  # no written year to start from
        "الأربعاء 5 يونيو قال الوزير إن محادثات عام 2023 انتهت",  # no "اليوم": not the day of writing
        "",
    ],
)
def test_unknown_is_never_guessed(text: str) -> None:
    assert infer_publication_date(text) == (None, "unknown")


def test_today_with_a_full_written_date_is_the_publication_date() -> None:
    text = "استضاف لافروف في موسكو، اليوم الثلاثاء الموافق 25 يوليو 2023، اجتماعا ثلاثيا.\nوكان الوزراء قد التقوا في 19 مايو الماضي."
    assert infer_publication_date(text) == (date(2023, 7, 25), "stamp")
