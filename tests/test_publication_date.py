"""Publication dates read from an article's own text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from components.extract.publication_date import DateSources, choose_publication_date, infer_publication_date

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


# --- stamps in the header region, as pages print them ------------------------------------------------

BODY = (
    "استقبل وزير الخارجية نظيره الأذربيجاني في العاصمة لبحث مسار السلام في جنوب القوقاز، وأكد الجانبان "
    "أهمية مواصلة الحوار.\n\nوقال الوزير في مؤتمر صحفي إن المحادثات كانت بناءة."
)


def test_stamp_on_the_seventh_line_after_navigation() -> None:
    header = [
        "صوت الخليج",
        "الرئيسية | محليات | العالم | اقتصاد | رياضة",
        "تسجيل الدخول    اشترك في النشرة",
        "الرئيسية  >  العالم  >  سياسة",
        "الوزير يبحث مع نظيره الأذربيجاني مسار السلام",
        "الدوحة – «صوت الخليج»",
        "الأحد 3 شعبان 1446هـ الموافق 2 فبراير 2025م",
    ]
    assert infer_publication_date(BODY, header) == (date(2025, 2, 2), "stamp")


def test_publication_label_beats_the_update_line_and_a_header_clock() -> None:
    header = [
        "الخميس 6 فبراير 2025 10:20 ص القاهرة",  # today's clock of the site header
        "الوزير يبحث مع نظيره الأذربيجاني مسار السلام",
        "آخر تحديث: الأربعاء 5 فبراير 2025 - 6:40 م",
        "نشر في: الثلاثاء 4 فبراير 2025 - 9:15 م",
    ]
    assert infer_publication_date(BODY, header) == (date(2025, 2, 4), "stamp")


def test_a_site_wide_update_line_above_the_stamp_loses() -> None:
    header = ["آخر تحديث :الأحد - 9 مارس 2025 - 02:00 ص", "صدى عدن", "الوزير يبحث مسار السلام"]
    header.append("الاثنين - 13 يناير 2025 - 07:45 م بتوقيت عدن")
    assert infer_publication_date(BODY, header) == (date(2025, 1, 13), "stamp")


def test_a_header_clock_before_an_earlier_stamp_is_the_viewing_day() -> None:
    header = ["الأحد 16 مارس 2025 أبوظبي الإمارات", "الوزير يبحث مسار السلام", "صورة أرشيفية للقاء سابق"]
    header.append("14 مارس 2025")
    assert infer_publication_date(BODY, header) == (date(2025, 3, 14), "stamp")


def test_a_stamp_with_its_time_beats_a_plain_date_line() -> None:
    header = ["الأحد 1 شوال 1446 هـ - 30 آذار 2025 |", "الوزير يبحث مسار السلام", "28 آذار 2025 | 20:45"]
    assert infer_publication_date(BODY, header) == (date(2025, 3, 28), "stamp")


def test_a_caption_date_is_not_the_publication_date() -> None:
    header = [
        "عربي ودولي",
        "الوزيران خلال لقائهما في باكو بتاريخ 3 مايو 2024 (أ ف ب)",
        "الوزير يبحث مسار السلام",
        "تاريخ النشر: 06/05/2024 - 11:20 ص",
    ]
    assert infer_publication_date(BODY, header) == (date(2024, 5, 6), "stamp")
    assert infer_publication_date(BODY, header[:3]) == (None, "unknown")


def test_dated_related_headlines_and_print_issues_are_not_stamps() -> None:
    header = [
        "• وزير الخارجية يستقبل سفير كازاخستان (12-04-2024)",
        "الاثنين 6 شوال 1445هـ الموافق لـ 15 أفريل 2024م العدد 19021",
    ]
    assert infer_publication_date(BODY, header) == (None, "unknown")


def test_nothing_later_than_a_crawl_time() -> None:
    header = ["Arab Feed: 2024-03-20@08:10:02 GMT", "الأربعاء 27 مارس 2024 - 10:00"]
    assert infer_publication_date(BODY, header) == (None, "unknown")
    header.append("تاريخ النشر: 2nd, March 2024 GMT")
    assert infer_publication_date(BODY, header) == (date(2024, 3, 2), "stamp")


def test_a_stamp_alone_on_the_last_line() -> None:
    paragraphs = [f"وأضاف المتحدث في الفقرة {n} أن الوفدين بحثا ملفات النقل والطاقة." for n in range(1, 15)]
    text = "\n".join([*paragraphs, "يتبع….", "2019-12-23"])
    assert infer_publication_date(text) == (date(2019, 12, 23), "stamp")
    # a dated line of the closing list of other stories is not the page's own stamp
    assert infer_publication_date("\n".join([*paragraphs, "• الوزير يستقبل السفير 2019-12-20"])) == (None, "unknown")


def test_an_update_is_only_used_when_nothing_else_is_printed() -> None:
    assert infer_publication_date(BODY, ["آخر تحديث: 18 فبراير 2025"]) == (date(2025, 2, 18), "stamp")


# --- which source wins ------------------------------------------------------------------------------

STAMPED = ["نشر في: 02/10/2025 - 14:10"]


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (DateSources(metadata=date(2025, 1, 1), html=date(2025, 1, 2)), (date(2025, 1, 1), "metadata")),
        (DateSources(html=date(2025, 1, 2), url="https://x.example/2025/01/03/a"), (date(2025, 1, 2), "html")),
        (DateSources(url="https://x.example/news/view.aspx?cdate=03012025&id=7"), (date(2025, 1, 3), "url")),
        (DateSources(given=date(2025, 1, 4), extracted=date(2025, 1, 5)), (date(2025, 10, 2), "stamp")),
    ],
)
def test_sources_in_order_of_trust(sources: DateSources, expected: tuple[date, str]) -> None:
    assert choose_publication_date(sources, STAMPED, BODY) == expected


def test_a_given_date_fills_in_when_the_page_prints_none() -> None:
    sources = DateSources(given=date(2025, 1, 4), extracted=date(2025, 1, 5))
    assert choose_publication_date(sources, [], BODY) == (date(2025, 1, 4), "metadata")
    assert choose_publication_date(DateSources(extracted=date(2025, 1, 5)), [], BODY) == (date(2025, 1, 5), "html")


def test_the_pages_own_metadata_and_address_do_not_describe_its_second_article() -> None:
    sources = DateSources(html=date(2025, 1, 2), url="https://x.example/2025/01/03/a")
    assert choose_publication_date(sources, STAMPED, BODY, own_page=False) == (date(2025, 10, 2), "stamp")


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("مسقط - وكالات: أعلن البيت الأبيض اليوم الخميس أن القمة ستعقد غداً.", date(2025, 8, 7)),
        ("موسكو - قال الكرملين اليوم (الأربعاء) إن المحادثات مستمرة.", date(2025, 8, 6)),
        ("باكو - أعلنت الرئاسة اليوم الجمعة توقيع الاتفاق.", date(2025, 8, 8)),  # the same weekday: the stamp stands
    ],
)
def test_a_plain_header_date_is_taken_back_to_the_weekday_the_opening_calls_today(opening: str, expected: date) -> None:
    # the only stamp kept is the site's clock (Friday 8 August, no time, no label); the news was written earlier
    header = ("الجمعة 8 أغسطس 2025 م - 14 صفر 1447 هـ", "أخبار العالم")
    assert infer_publication_date(opening + "\n\nوتابع المتحدث أن الاتصالات جارية.", header) == (expected, "stamp")


def test_a_timed_stamp_is_not_taken_back_by_the_weekday_of_today() -> None:
    header = ("الجمعة - 08 أغسطس 2025 09:40 م",)
    assert infer_publication_date("أعلن البيت الأبيض اليوم الخميس أن القمة ستعقد.", header) == (
        date(2025, 8, 8),
        "stamp",
    )
