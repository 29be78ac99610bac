"""Date mentions in Arabic news text: finding, parsing and resolving them to day spans."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from components.extract.dates.lexicon import (
    date_lexicon,
    load_date_words,
    load_months,
    load_weekdays,
)
from components.extract.dates.mentions import find_date_mentions
from components.extract.dates.resolve import day_span, month_span, year_span
from components.text import lexicon
from components.text.lexicon import LexiconError

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"
PUBLISHED = date(2024, 6, 5)  # a Wednesday
D = date.fromisoformat


def spans(text: str, published: date | None = PUBLISHED) -> list[tuple[object, ...]]:
    """(start, end, precision, approximate, relative, text) of every mention."""
    return [
        (s.start, s.end, s.precision, s.approximate, s.relative, s.text) for s in find_date_mentions(text, published)
    ]


def one(text: str, published: date | None = PUBLISHED) -> tuple[object, ...]:
    found = spans(text, published)
    assert len(found) == 1, found
    return found[0]


def test_offsets_point_into_the_original_text() -> None:
    text = "وقال المتحدث، يَوْمَ الخَمِيسِ ٨ أغسطس ٢٠٢٥م، إن الاجتماع انتهى"
    (span,) = find_date_mentions(text, PUBLISHED)
    assert text[span.char_start : span.char_end] == span.text == "يَوْمَ الخَمِيسِ ٨ أغسطس ٢٠٢٥م"
    assert (span.start, span.end, span.precision) == (D("2025-08-08"), D("2025-08-08"), "day")


@pytest.mark.parametrize(
    "text, start, end, precision, written",
    [
        ("في 10 مايو 2024", "2024-05-10", "2024-05-10", "day", "10 مايو 2024"),
        ("٨ أغسطس ٢٠٢٥", "2025-08-08", "2025-08-08", "day", "٨ أغسطس ٢٠٢٥"),
        ("وقع في 24 مارس 2025م", "2025-03-24", "2025-03-24", "day", "24 مارس 2025م"),
        ("في 1 يونية 2024", "2024-06-01", "2024-06-01", "day", "1 يونية 2024"),
        ("في 5 إبريل 2024", "2024-04-05", "2024-04-05", "day", "5 إبريل 2024"),
        ("في مايـــو ٢٠٢٣", "2023-05-01", "2023-05-31", "month", "مايـــو ٢٠٢٣"),
        ("بمايو 2023", "2023-05-01", "2023-05-31", "month", "مايو 2023"),
        ("لمايو 2023", "2023-05-01", "2023-05-31", "month", "مايو 2023"),
        ("كانون الثاني 2023", "2023-01-01", "2023-01-31", "month", "كانون الثاني 2023"),
        ("في 3 تشرين الأول 2022", "2022-10-03", "2022-10-03", "day", "3 تشرين الأول 2022"),
        ("في 14 شباط 2021", "2021-02-14", "2021-02-14", "day", "14 شباط 2021"),
        ("في جانفي 2021", "2021-01-01", "2021-01-31", "month", "جانفي 2021"),
        ("في 12 جويلية 2022", "2022-07-12", "2022-07-12", "day", "12 جويلية 2022"),
        ("في 20 أوت 2023", "2023-08-20", "2023-08-20", "day", "20 أوت 2023"),
        ("في 9 شتنبر 2023", "2023-09-09", "2023-09-09", "day", "9 شتنبر 2023"),
        ("مارس/آذار 2025", "2025-03-01", "2025-03-31", "month", "مارس/آذار 2025"),
        ("نوفمبر/ تشرين الثاني 2021", "2021-11-01", "2021-11-30", "month", "نوفمبر/ تشرين الثاني 2021"),
        ("في أيار (مايو) 2022", "2022-05-01", "2022-05-31", "month", "أيار (مايو) 2022"),
        ("في 3 آب 2020", "2020-08-03", "2020-08-03", "day", "3 آب 2020"),
        ("الخامس عشر من مايو 2023", "2023-05-15", "2023-05-15", "day", "الخامس عشر من مايو 2023"),
        ("في الحادي والعشرين من مايو 2023", "2023-05-21", "2023-05-21", "day", "الحادي والعشرين من مايو 2023"),
        ("في 10 مايو من عام 2023", "2023-05-10", "2023-05-10", "day", "10 مايو من عام 2023"),
    ],
)
def test_written_dates(text: str, start: str, end: str, precision: str, written: str) -> None:
    assert one(text) == (D(start), D(end), precision, False, False, written)


@pytest.mark.parametrize(
    "text, start",
    [
        ("2024/06/05 10:30", "2024-06-05"),
        ("صدر في 2024-06-05", "2024-06-05"),
        ("بتاريخ 05/06/2024", "2024-06-05"),
        ("في 5-6-2024", "2024-06-05"),
        ("٢٠٢٤/٠٦/٠٥", "2024-06-05"),
        ("في 12/12/2023", "2023-12-12"),
        ("١٥ / ٥ / ٢٠٢٤", "2024-05-15"),
    ],
)
def test_numeric_dates_are_day_month_year(text: str, start: str) -> None:
    assert one(text)[:5] == (D(start), D(start), "day", False, False)


@pytest.mark.parametrize("text", ["في 31/02/2024", "في 2024/13/05", "3.5 مليار", "الساعة 10:30", "في 31 فبراير 2024"])
def test_impossible_dates_are_dropped(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text, start, end, approximate, written",
    [
        ("يومي 10 و11 مايو", "2024-05-10", "2024-05-11", True, "يومي 10 و11 مايو"),
        ("من 10 إلى 12 مايو", "2024-05-10", "2024-05-12", True, "10 إلى 12 مايو"),
        ("بين 10 و12 مايو", "2024-05-10", "2024-05-12", True, "10 و12 مايو"),
        ("في 10-12 مايو 2023", "2023-05-10", "2023-05-12", False, "10-12 مايو 2023"),
        ("في أيام 5 و6 و7 مايو", "2024-05-05", "2024-05-07", True, "أيام 5 و6 و7 مايو"),
        ("30 أبريل - 2 مايو 2024", "2024-04-30", "2024-05-02", False, "30 أبريل - 2 مايو 2024"),
        ("في الفترة من 28 ديسمبر إلى 3 يناير", "2023-12-28", "2024-01-03", True, "28 ديسمبر إلى 3 يناير"),
        ("من 30 ديسمبر 2023 إلى 2 يناير 2024", "2023-12-30", "2024-01-02", False, "30 ديسمبر 2023 إلى 2 يناير 2024"),
    ],
)
def test_day_ranges_are_one_span(text: str, start: str, end: str, approximate: bool, written: str) -> None:
    found = one(text)
    assert found == (D(start), D(end), "day", approximate, approximate, written)


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    assert [s[:3] for s in spans("في 10 مايو و12 يونيو 2023")] == [
        (D("2023-05-10"), D("2023-05-10"), "day"),
        (D("2023-06-12"), D("2023-06-12"), "day"),
    ]


def test_coordinated_months() -> None:
    assert spans("وكان ذلك في مايو 2023 ويوليو 2023") == [
        (D("2023-05-01"), D("2023-05-31"), "month", False, False, "مايو 2023"),
        (D("2023-07-01"), D("2023-07-31"), "month", False, False, "يوليو 2023"),
    ]
    assert [s[:3] for s in spans("في مايو ويوليو 2023")] == [
        (D("2023-05-01"), D("2023-05-31"), "month"),
        (D("2023-07-01"), D("2023-07-31"), "month"),
    ]


@pytest.mark.parametrize(
    "text, start, end, written",
    [
        ("في مارس الماضي", "2024-03-01", "2024-03-31", "مارس الماضي"),
        ("في يونيو الماضي", "2023-06-01", "2023-06-30", "يونيو الماضي"),  # the current month is not "last June"
        ("في يوليو", "2023-07-01", "2023-07-31", "يوليو"),
        ("في يونيو", "2024-06-01", "2024-06-30", "يونيو"),
        ("خلال شهر أكتوبر المقبل", "2024-10-01", "2024-10-31", "شهر أكتوبر المقبل"),
        ("في مايو/أيار الماضي", "2024-05-01", "2024-05-31", "مايو/أيار الماضي"),
        ("في مايو من العام الماضي", "2023-05-01", "2023-05-31", "مايو من العام الماضي"),
    ],
)
def test_month_only_is_the_whole_month(text: str, start: str, end: str, written: str) -> None:
    assert one(text) == (D(start), D(end), "month", True, True, written)


@pytest.mark.parametrize(
    "text, start, end, written",
    [
        ("عام 2020", "2020-01-01", "2020-12-31", "عام 2020"),
        ("في 2023", "2023-01-01", "2023-12-31", "2023"),
        ("2023م", "2023-01-01", "2023-12-31", "2023م"),
        ("منذ العام 2014", "2014-01-01", "2014-12-31", "العام 2014"),
        ("بحلول عام ٢٠٣٠", "2030-01-01", "2030-12-31", "عام ٢٠٣٠"),
        ("بين 2020 و2022", "2020-01-01", "2022-12-31", "2020 و2022"),
        ("من 2020 إلى 2022", "2020-01-01", "2022-12-31", "2020 إلى 2022"),
        ("في الفترة 2020-2022", "2020-01-01", "2022-12-31", "2020-2022"),
    ],
)
def test_year_only(text: str, start: str, end: str, written: str) -> None:
    assert one(text) == (D(start), D(end), "year", False, False, written)


def test_coordinated_years() -> None:
    assert [s[:3] for s in spans("عامي 2020 و2021")] == [
        (D("2020-01-01"), D("2020-12-31"), "year"),
        (D("2021-01-01"), D("2021-12-31"), "year"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وكان قوامها 1960 جنديًا بأسلحة صغيرة",
        "و90 ناقلة جند مدرعة و380 وحدة من المعدات",
        "مقتل 286 شخصا",
        "لمدة خمس سنوات مع التمديد التلقائي لفترة خمس سنوات أخرى",
        "قبل ستة أشهر من انتهاء المدة",
        "الحرب المستمرة منذ قرابة ثلاث سنوات",
        "في 2000 جندي",
        "نحو 1000 شخص",
        "أكثر من 2000",
        "القرار 2231",
        "بلغت 2023 دولارا",
        "ارتفع بنسبة 50%",
        "قال في مقابلة مع صحيفة 2023",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "قال أب الضحية",
        "باب المندب",
        "في آب الماضي",
        "رمضان قديروف",
        "قال رجب طيب أردوغان",
        "حرب أكتوبر",
        "وقد مارس ضغوطا كبيرة",
        "الصحف اليومية",
        "اليوم العالمي للسلام",
        "منذ ذلك اليوم",
        "في السنوات الماضية",
        "خلال الأشهر المقبلة",
    ],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text, published, start, end, precision, written",
    [
        ("اليوم", PUBLISHED, "2024-06-05", "2024-06-05", "day", "اليوم"),
        ("حتى اليوم", PUBLISHED, "2024-06-05", "2024-06-05", "day", "اليوم"),
        ("أمس", PUBLISHED, "2024-06-04", "2024-06-04", "day", "أمس"),
        ("يوم أمس", PUBLISHED, "2024-06-04", "2024-06-04", "day", "يوم أمس"),
        ("أول أمس", PUBLISHED, "2024-06-03", "2024-06-03", "day", "أول أمس"),
        ("غدًا", PUBLISHED, "2024-06-06", "2024-06-06", "day", "غدًا"),
        ("غداً", PUBLISHED, "2024-06-06", "2024-06-06", "day", "غداً"),
        ("بعد غد", PUBLISHED, "2024-06-07", "2024-06-07", "day", "بعد غد"),
        ("الخميس", PUBLISHED, "2024-05-30", "2024-05-30", "day", "الخميس"),
        ("يوم الخميس", PUBLISHED, "2024-05-30", "2024-05-30", "day", "يوم الخميس"),
        ("الأربعاء", PUBLISHED, "2024-06-05", "2024-06-05", "day", "الأربعاء"),  # the publication weekday
        ("الأربعاء الماضي", PUBLISHED, "2024-05-29", "2024-05-29", "day", "الأربعاء الماضي"),
        ("الجمعة الماضية", PUBLISHED, "2024-05-31", "2024-05-31", "day", "الجمعة الماضية"),
        ("الخميس المقبل", PUBLISHED, "2024-06-06", "2024-06-06", "day", "الخميس المقبل"),
        ("الأربعاء المقبل", PUBLISHED, "2024-06-12", "2024-06-12", "day", "الأربعاء المقبل"),
        ("سيزور الرئيس موسكو الخميس", PUBLISHED, "2024-06-06", "2024-06-06", "day", "الخميس"),
        ("مساء الأحد", PUBLISHED, "2024-06-02", "2024-06-02", "day", "مساء الأحد"),
        ("اليوم (الاثنين)", D("2025-03-24"), "2025-03-24", "2025-03-24", "day", "اليوم (الاثنين)"),
        ("الشهر الماضي", PUBLISHED, "2024-05-01", "2024-05-31", "month", "الشهر الماضي"),
        ("الشهر المقبل", PUBLISHED, "2024-07-01", "2024-07-31", "month", "الشهر المقبل"),
        ("العام الماضي", PUBLISHED, "2023-01-01", "2023-12-31", "year", "العام الماضي"),
        ("السنة الماضية", PUBLISHED, "2023-01-01", "2023-12-31", "year", "السنة الماضية"),
        ("العام المقبل", PUBLISHED, "2025-01-01", "2025-12-31", "year", "العام المقبل"),
        ("هذا العام", PUBLISHED, "2024-01-01", "2024-12-31", "year", "هذا العام"),
        ("الأسبوع الماضي", PUBLISHED, "2024-05-29", "2024-06-04", "day", "الأسبوع الماضي"),
        ("في 10 من الشهر الجاري", PUBLISHED, "2024-06-10", "2024-06-10", "day", "10 من الشهر الجاري"),
        ("أواخر العام الماضي", PUBLISHED, "2023-01-01", "2023-12-31", "year", "أواخر العام الماضي"),
    ],
)
def test_relative_mentions(text: str, published: date, start: str, end: str, precision: str, written: str) -> None:
    assert one(text, published) == (D(start), D(end), precision, True, True, written)


def test_sample_today_and_yesterday() -> None:
    text = "تشهد مدينة جدة، اليوم (الاثنين)، جولة جديدة من المحادثات، وذلك بعد المحادثات في الرياض أمس؛"
    assert [s[:3] + s[5:] for s in spans(text, D("2025-03-24"))] == [
        (D("2025-03-24"), D("2025-03-24"), "day", "اليوم (الاثنين)"),
        (D("2025-03-23"), D("2025-03-23"), "day", "أمس"),
    ]


@pytest.mark.parametrize("text", ["اليوم", "أمس", "الخميس المقبل", "الشهر الماضي", "في 17 أبريل", "في مارس الماضي"])
def test_relative_mentions_without_publication_date_are_undated(text: str) -> None:
    (span,) = find_date_mentions(text, None)
    assert (span.start, span.end, span.precision, span.undated) == (None, None, None, True)


def test_next_day_follows_the_previous_day_mention() -> None:
    found = spans("وقع الاتفاق في 10 مايو 2024، وفي اليوم التالي اجتمع الوزراء، وفي اليوم نفسه صدر بيان")
    assert [s[:4] for s in found] == [
        (D("2024-05-10"), D("2024-05-10"), "day", False),
        (D("2024-05-11"), D("2024-05-11"), "day", True),
        (D("2024-05-11"), D("2024-05-11"), "day", True),
    ]
    (alone,) = find_date_mentions("وفي اليوم التالي اجتمعوا", PUBLISHED)
    assert alone.undated


@pytest.mark.parametrize(
    "text, start",
    [
        ("في 17 أبريل", "2024-04-17"),
        ("في 5 يونيو", "2024-06-05"),  # the publication day itself
        ("في 6 يونيو", "2024-06-06"),  # the day after publication: upcoming, not a year ago
        ("في 20 يونيو", "2023-06-20"),  # weeks after publication, no future word: last year
        ("1 أيلول", "2023-09-01"),
        ("الخامس من مايو", "2024-05-05"),
        ("يوم 5 يونيو الماضي", "2023-06-05"),
        ("سيعقد الاجتماع في 10 مايو", "2025-05-10"),  # a future verb: the next occurrence
        ("ستعقد القمة في 20 يونيو", "2024-06-20"),
        ("من المقرر أن تعقد الجولة المقبلة في 1 مايو", "2025-05-01"),
        ("أجريت المحادثات في 1 يوليو، وقال سيرغي لافروف", "2023-07-01"),  # a name, not a future verb
        ("وقال في 15 أبريل إنه سيزور باكو", "2024-04-15"),  # the future verb comes after the date
    ],
)
def test_year_inferred_from_publication_date(text: str, start: str) -> None:
    assert one(text)[:5] == (D(start), D(start), "day", True, True)


def test_year_taken_from_earlier_date_in_the_same_sentence() -> None:
    found = spans("وقعوا في 9 نوفمبر 2020 اتفاقا ثم اجتمعوا في 12 نوفمبر. وفي 12 نوفمبر قال", None)
    assert [s[:5] for s in found] == [
        (D("2020-11-09"), D("2020-11-09"), "day", False, False),
        (D("2020-11-12"), D("2020-11-12"), "day", True, False),
        (None, None, None, True, True),  # next sentence, no publication date: undated
    ]


def test_a_later_year_is_not_borrowed_by_a_date_said_in_the_past() -> None:
    # a bound ahead of publication ("until the end of 2028") gives its year only to a date said in the future
    text = "أعلن في 28 نوفمبر الماضي تأجيل الملف حتى نهاية 2028 وهو القرار الذي أشعل احتجاجات اندلعت ليلة 28 نوفمبر"
    found = spans(text, date(2024, 12, 14))
    assert found[-1][:3] == (D("2024-11-28"), D("2024-11-28"), "day")
    planned = spans("سيبقى الملف مجمدا حتى 2028 على أن تعقد الجولة في 3 مايو", date(2024, 12, 14))
    assert planned[-1][:3] == (D("2028-05-03"), D("2028-05-03"), "day")


@pytest.mark.parametrize("text", ["ويُتوقع عقد جولة جديدة في سبتمبر", "فيما يُنتظر أن يلتقي الوزيران في سبتمبر"])
def test_an_expected_happening_takes_the_next_such_month(text: str) -> None:
    assert one(text, date(2023, 5, 18))[:3] == (D("2023-09-01"), D("2023-09-30"), "month")


def test_weekday_with_date_is_one_mention() -> None:
    assert one("الأربعاء 5 يونيو") == (D("2024-06-05"), D("2024-06-05"), "day", True, True, "الأربعاء 5 يونيو")
    assert one("يوم الأربعاء الموافق 5 يونيو 2024")[:6] == (
        D("2024-06-05"),
        D("2024-06-05"),
        "day",
        False,
        False,
        "يوم الأربعاء الموافق 5 يونيو 2024",
    )


def test_weekday_with_direction_and_date_is_one_mention() -> None:
    assert one("الأحد الماضي 2 يونيو") == (D("2024-06-02"), D("2024-06-02"), "day", True, True, "الأحد الماضي 2 يونيو")


def test_hijri_beside_gregorian_is_one_mention() -> None:
    text = "الاثنين 24 رمضان 1446هـ الموافق 24 مارس 2025م"
    assert one(text, None) == (D("2025-03-24"), D("2025-03-24"), "day", False, False, text)


def test_lone_hijri_date_is_converted() -> None:
    assert one("في 24 رمضان 1446هـ", None) == (D("2025-03-24"), D("2025-03-24"), "day", False, False, "24 رمضان 1446هـ")
    assert one("في شهر رمضان 1446هـ", None)[:3] == (D("2025-03-01"), D("2025-03-29"), "month")


@pytest.mark.parametrize(
    "text, start, end, precision, written",
    [
        # parts of a month are days: beginning 1-10, middle 11-20, end 21-last, halves 1-15 and 16-last
        ("مطلع مايو 2023", "2023-05-01", "2023-05-10", "day", "مطلع مايو 2023"),
        ("في أوائل مايو 2023", "2023-05-01", "2023-05-10", "day", "أوائل مايو 2023"),
        ("منتصف مايو 2023", "2023-05-11", "2023-05-20", "day", "منتصف مايو 2023"),
        ("أواخر فبراير 2024", "2024-02-21", "2024-02-29", "day", "أواخر فبراير 2024"),
        ("نهاية مايو 2023", "2023-05-21", "2023-05-31", "day", "نهاية مايو 2023"),
        ("في النصف الأول من شهر يوليوز 2025", "2025-07-01", "2025-07-15", "day", "النصف الأول من شهر يوليوز 2025"),
        ("خلال النصف الثاني من حزيران 2024", "2024-06-16", "2024-06-30", "day", "النصف الثاني من حزيران 2024"),
        ("حوالي مايو 2023", "2023-05-01", "2023-05-31", "month", "حوالي مايو 2023"),
        ("منذ مطلع 2023", "2023-01-01", "2023-12-31", "year", "مطلع 2023"),
        ("صيف 2023", "2023-01-01", "2023-12-31", "year", "صيف 2023"),
    ],
)
def test_hedged_dates_are_approximate(text: str, start: str, end: str, precision: str, written: str) -> None:
    assert one(text) == (D(start), D(end), precision, True, False, written)


def test_sample_article_mentions() -> None:
    text = SAMPLE.read_text(encoding="utf-8").split("المصدر:")[0]
    found = {s.text: s for s in find_date_mentions(text, PUBLISHED)}
    assert (found["يومي 10 و11 مايو"].start, found["يومي 10 و11 مايو"].end) == (D("2024-05-10"), D("2024-05-11"))
    assert found["يومي 10 و11 مايو"].precision == "day"
    assert (found["مايو 2023"].start, found["مايو 2023"].end, found["مايو 2023"].precision) == (
        D("2023-05-01"),
        D("2023-05-31"),
        "month",
    )
    assert (found["يوليو 2023"].start, found["يوليو 2023"].end) == (D("2023-07-01"), D("2023-07-31"))
    assert found["17 أبريل"].start == D("2024-04-17")
    assert (found["9 نوفمبر 2020"].start, found["9 نوفمبر 2020"].approximate) == (D("2020-11-09"), False)
    assert found["اليوم الأربعاء الموافق 5 يونيو"].start == D("2024-06-05")
    assert not any("1960" in written for written in found)
    assert len(found) == 7


def test_mentions_are_in_text_order() -> None:
    found = find_date_mentions(SAMPLE.read_text(encoding="utf-8"), PUBLISHED)
    assert [s.char_start for s in found] == sorted(s.char_start for s in found)
    assert all(s.char_start < s.char_end for s in found)


def test_lexicon_files_load_and_validate() -> None:
    lex = date_lexicon()
    assert sorted({m.month for m in lex.months if m.calendar == "gregorian"}) == list(range(1, 13))
    assert {m.variant for m in lex.months} == {"egyptian_gulf", "levantine", "maghrebi", "moroccan", "hijri"}
    assert lex.month("اب").needs_number and lex.month("ماي").needs_number and not lex.month("مايو").needs_number
    assert lex.month("تشرين الثاني").month == 11 and lex.month("جويليه").month == 7
    assert lex.month("مايو").month == 5 and lex.month("ذو الحجه").calendar == "hijri"
    assert sorted(set(lex.weekdays.values())) == list(range(7)) and lex.weekdays["الاربعاء"] == 2
    assert lex.words["ordinal_day"]["الخامس عشر"] == 15
    assert lex.words["relative_day"]["امس"] == -1
    assert len(load_months()) > 40 and len(load_weekdays()) == 7 and load_date_words()


def test_bad_lexicon_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = lexicon.LEXICON_DIR / "date_words.tsv"
    broken = tmp_path / "date_words.tsv"
    shutil.copy(source, broken)
    with broken.open("a", encoding="utf-8") as handle:
        handle.write("direction\tالسالف\tbackwards\n")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match="direction"):
        load_date_words()


def test_same_month_and_same_year_follow_the_previous_date() -> None:
    text = "عقدوا اجتماعا في 19 مايو الماضي، ثم قمة في 25 من الشهر نفسه. ونشرت قواتها عام 2020 بموجب بيان 9 نوفمبر من العام نفسه."
    found = {s.text: s for s in find_date_mentions(text, D("2023-07-25"))}
    assert (found["25 من الشهر نفسه"].start, found["25 من الشهر نفسه"].precision) == (D("2023-05-25"), "day")
    assert found["9 نوفمبر من العام نفسه"].start == D("2020-11-09")
    assert found["9 نوفمبر من العام نفسه"].approximate


def test_a_day_just_after_publication_is_upcoming_not_last_year() -> None:
    (span,) = find_date_mentions("تغادر الرئيسة القصر بعد انتهاء ولايتها في ١٦ ديسمبر.", D("2024-12-15"))
    assert span.start == D("2024-12-16")
    (span,) = find_date_mentions("وكان الاجتماع في 30 ديسمبر.", D("2024-12-15"))
    assert span.start == D("2023-12-30")  # too far ahead to be upcoming: the latest past one


def test_a_past_perfect_clause_is_not_future_even_with_a_name_starting_with_sin() -> None:
    (span,) = find_date_mentions("وكان رجل الأعمال سامفيل كارابيتيان قد أوقف في 18 حزيران.", D("2025-06-05"))
    assert span.start == D("2024-06-18")


def test_the_day_before_follows_the_previous_date_and_end_of_day_is_not_today() -> None:
    found = find_date_mentions("وصل الرئيس أمس الاثنين، وفي اليوم السابق التقى نظيره.", D("2025-06-03"))
    assert [(s.text, s.start) for s in found] == [("أمس الاثنين", D("2025-06-02")), ("اليوم السابق", D("2025-06-01"))]
    assert find_date_mentions("وقال الوزير في ختام اليوم إن المحادثات مثمرة.", D("2025-06-03")) == []


def test_days_counted_from_the_previous_date_or_from_publication() -> None:
    found = find_date_mentions("التقى الوزيران في 10 مايو، وقبل ذلك بيومين اجتمع الخبراء.", D("2025-06-05"))
    assert [(s.text, s.start) for s in found] == [("10 مايو", D("2025-05-10")), ("قبل ذلك بيومين", D("2025-05-08"))]
    (span,) = find_date_mentions("وقال الوزير قبل يومين إن المحادثات ستستأنف.", D("2025-06-05"))
    assert (span.start, span.relative) == (D("2025-06-03"), True)


def test_two_days_listed_with_and_are_two_dates_unless_consecutive_or_a_range() -> None:
    found = find_date_mentions("اجتمع الوفدان في 3 و7 آذار/مارس 2025.", D("2025-06-05"))
    assert [(s.text, s.start, s.end) for s in found] == [
        ("3", D("2025-03-03"), D("2025-03-03")),
        ("7 آذار/مارس 2025", D("2025-03-07"), D("2025-03-07")),
    ]
    (span,) = find_date_mentions("اجتمعا في 10 و11 مايو 2024.", D("2025-06-05"))
    assert (span.start, span.end) == (D("2024-05-10"), D("2024-05-11"))
    (span,) = find_date_mentions("اجتمعا بين 10 و12 مايو 2024.", D("2025-06-05"))
    assert (span.start, span.end) == (D("2024-05-10"), D("2024-05-12"))


def test_the_same_day_skips_background_dates() -> None:
    text = (
        "تحدث ترامب أمس مع بوتين للمرة الأولى منذ توليه منصبه في 20 كانون الثاني، واتصل بزيلينسكي في اليوم ذاته. "
        "وذكّر بالبيان الموقع في 9 نوفمبر 2020. وفي اليوم نفسه، أعلنت الوزارة مقتل جندي."
    )
    found = {s.text: s.start for s in find_date_mentions(text, D("2025-02-13"))}
    assert found["اليوم ذاته"] == D("2025-02-12") and found["اليوم نفسه"] == D("2025-02-12")


def test_spans_of_days_months_and_years_follow_the_calendar() -> None:
    assert month_span(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_span(2023, 2) == (date(2023, 2, 1), date(2023, 2, 28))
    assert month_span(1900, 2) == (date(1900, 2, 1), date(1900, 2, 28))  # not a leap year
    assert month_span(2023, 12) == (date(2023, 12, 1), date(2023, 12, 31))
    assert day_span(2024, 2, 29) == (date(2024, 2, 29), date(2024, 2, 29))
    assert day_span(2023, 2, 29) is None and day_span(2023, 4, 31) is None and day_span(2023, 4, 0) is None
    assert year_span(2023) == (date(2023, 1, 1), date(2023, 12, 31))
    assert year_span(999) is None and month_span(999, 5) is None  # only four-digit years have a span
