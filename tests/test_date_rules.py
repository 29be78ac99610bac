"""Date rules written as grammar rather than lists: counted relative dates, days with the article,
weekday pairs, parts of months, the first of a month, the future tense, impossible dates and Hijri
years. Each sentence is written for the rule it checks (docs/dates.md)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from components.extract.dates.mentions import find_date_mentions, find_dates, has_long_number
from components.extract.gazetteer import load_gazetteer

PUBLISHED = date(2025, 9, 2)  # a Tuesday
D = date.fromisoformat


def one(text: str, published: date | None = PUBLISHED) -> tuple[object, ...]:
    (span,) = find_date_mentions(text, published)
    return span.start, span.end, span.precision, span.text


@pytest.mark.parametrize(
    "text, start, end, precision, written",
    [
        ("وكان الوزير قد زار العاصمة قبل ٤ أيام لبحث الملف.", "2025-08-29", "2025-08-29", "day", "قبل ٤ أيام"),
        ("وعقدت اللجنة اجتماعها قبل خمسة أيام في المدينة.", "2025-08-28", "2025-08-28", "day", "قبل خمسة أيام"),
        ("وأعلنت الوزارة قبل 10 أيام عن الخطة.", "2025-08-23", "2025-08-23", "day", "قبل 10 أيام"),
        ("والتقى الرئيسان قبل أسبوعين في العاصمة.", "2025-08-19", "2025-08-19", "day", "قبل أسبوعين"),
        ("ووصل الوفد قبل يومين إلى العاصمة.", "2025-08-31", "2025-08-31", "day", "قبل يومين"),
        ("ووقع البلدان الاتفاق قبل ثلاثة أسابيع.", "2025-08-12", "2025-08-12", "day", "قبل ثلاثة أسابيع"),
        ("وبدأت المفاوضات منذ شهرين في العاصمة.", "2025-07-01", "2025-07-31", "month", "منذ شهرين"),
        ("وكانت الحكومة قد أعلنت قبل ستة أشهر تعليق المحادثات.", "2025-03-01", "2025-03-31", "month", "قبل ستة أشهر"),
        ("واندلعت الأزمة منذ ٣ سنوات.", "2022-01-01", "2022-12-31", "year", "منذ ٣ سنوات"),
        ("وجرت الانتخابات قبل عامين.", "2023-01-01", "2023-12-31", "year", "قبل عامين"),
        ("وزار الرئيس البلاد قبل شهر.", "2025-08-01", "2025-08-31", "month", "قبل شهر"),
        ("ومن المقرر أن يصل الوفد بعد ثلاثة أيام.", "2025-09-05", "2025-09-05", "day", "بعد ثلاثة أيام"),
    ],
)
def test_counted_relative_dates(text: str, start: str, end: str, precision: str, written: str) -> None:
    assert one(text) == (D(start), D(end), precision, written)


@pytest.mark.parametrize(
    "text",
    [
        "وستنتهي ولاية البرلمان قبل ستة أشهر من موعد الانتخابات.",  # counted from another date
        "ووصل الوفد بعد يومين من توقيع الاتفاق.",
        "ووقع الرئيسان الإعلان قبل يومين فقط من بدء الحرب.",  # a word between the count and "من"
        "وترأس القمة بعد يوم واحد من غيابه عن المراسم.",
        "وتعيش البلاد أزمة منذ أيام.",  # a plural without a number is no date
        "واستمرت المفاوضات لمدة ثلاثة أشهر.",  # a duration
    ],
)
def test_counts_that_are_not_dates(text: str) -> None:
    assert find_date_mentions(text, PUBLISHED) == []


def test_counted_dates_without_a_publication_date_are_undated() -> None:
    (span,) = find_date_mentions("والتقى الوزيران قبل ثلاثة أيام.", None)
    assert span.undated


@pytest.mark.parametrize(
    "text, start, end, written",
    [
        ("ويعقد البرلمان جلسة في الـ14 من الشهر الجاري.", "2025-09-14", "2025-09-14", "الـ14 من الشهر الجاري"),
        ("ووقعت اللجنتان المحضر في الـ1 من الشهر الماضي.", "2025-08-01", "2025-08-01", "الـ1 من الشهر الماضي"),
        ("وأقيم الحفل فاتح شتنبر الجاري.", "2025-09-01", "2025-09-01", "فاتح شتنبر الجاري"),
        ("ويبدأ العمل بالقرار في الفاتح من نونبر المقبل.", "2025-11-01", "2025-11-01", "الفاتح من نونبر المقبل"),
        ("وجرت المحادثات يومي الأحد والاثنين في العاصمة.", "2025-08-31", "2025-09-01", "يومي الأحد والاثنين"),
        ("واستمرت الزيارة من السبت إلى الاثنين.", "2025-08-30", "2025-09-01", "السبت إلى الاثنين"),
        ("وتنعقد القمة يومي 31 أغسطس و1 سبتمبر في المدينة.", "2025-08-31", "2025-09-01", "يومي 31 أغسطس و1 سبتمبر"),
        ("وتجري الانتخابات أواخر الشهر الجاري.", "2025-09-21", "2025-09-30", "أواخر الشهر الجاري"),
        ("وعقد الاجتماع مطلع الشهر الماضي.", "2025-08-01", "2025-08-10", "مطلع الشهر الماضي"),
        (
            "وكان الطرفان قد التقيا في النصف الأول من شهر يوليوز.",
            "2025-07-01",
            "2025-07-15",
            "النصف الأول من شهر يوليوز",
        ),
        ("وسحبت القوات منتصف أبريل الماضي.", "2025-04-11", "2025-04-20", "منتصف أبريل الماضي"),
    ],
)
def test_days_of_the_month_weekday_pairs_and_month_parts(text: str, start: str, end: str, written: str) -> None:
    (span,) = find_date_mentions(text, PUBLISHED)
    assert (span.start, span.end, span.precision, span.text) == (D(start), D(end), "day", written)
    assert span.approximate


@pytest.mark.parametrize(
    "text, days",
    [
        # "يومي" names two days: a span only when they follow each other
        ("بعد زيارتين أجراهما الرئيسان إلى البيت الأبيض يومي 24 و27 أغسطس الماضي.", ["2025-08-24", "2025-08-27"]),
        ("وجرت جولتا التصويت يومي السبت والاثنين.", ["2025-08-30", "2025-09-01"]),
    ],
)
def test_two_days_named_by_yawmay_that_do_not_follow_each_other_are_two_days(text: str, days: list[str]) -> None:
    spans = find_date_mentions(text, PUBLISHED)
    assert [(span.start, span.end, span.precision) for span in spans] == [(D(day), D(day), "day") for day in days]


def test_two_weekdays_that_are_not_consecutive_stay_two_days() -> None:
    found = find_date_mentions("وتظاهر المحتجون الخميس والسبت في الساحة.", PUBLISHED)
    assert [(s.start, s.end) for s in found] == [(D("2025-08-28"),) * 2, (D("2025-08-30"),) * 2]


@pytest.mark.parametrize(
    "text, planned",
    [
        ("ويلتقي الوزيران غداً في العاصمة.", True),
        ("ويزور الرئيس البلاد يوم غد الأربعاء.", True),
        ("وتعقد الجولة المقبلة الأسبوع المقبل.", True),
        ("ومن المقرر أن يجتمع الطرفان في 20 سبتمبر.", True),
        ("ويعتزم الرئيس زيارة العاصمة في 25 سبتمبر.", True),
        ("وسوف تنطلق المحادثات يوم الخميس المقبل.", True),
        ("وستستضيف المدينة القمة في 20 سبتمبر.", True),
        ("والتقى الوزيران أمس في العاصمة.", False),
        ("وكان الرئيس قد زار البلاد في 20 أغسطس.", False),
        # a name (known to the gazetteer) or a noun starting like a future verb is no future
        ("وقال سيرغي لافروف في 20 أغسطس إن الحوار مستمر.", False),
        ("وناقش الوزيران سياسة الجوار في 20 أغسطس.", False),
        ("وشهدت حركة السيارات على المعبر ازدحاما في 20 أغسطس.", False),
    ],
)
def test_dates_the_text_puts_ahead_are_planned(text: str, planned: bool) -> None:
    gazetteer = load_gazetteer()
    (span,) = find_date_mentions(text, PUBLISHED, is_name=gazetteer.is_name)
    assert span.planned is planned


@pytest.mark.parametrize(
    "text, warning",
    [
        ("ووقع الطرفان الاتفاق في 31 فبراير 2024.", "31 فبراير 2024"),
        ("وقال إن الاتفاق سينتهي في 5 مايو 2150.", "5 مايو 2150"),
        ("وتحدث التقرير عن عام 99999.", "عام 99999"),
    ],
)
def test_impossible_dates_give_a_warning_and_no_date(text: str, warning: str) -> None:
    found = find_dates(text, PUBLISHED)
    assert found.spans == []  # never a year taken from the publication date
    assert len(found.warnings) == 1 and warning in found.warnings[0]


def test_a_hijri_year_alone_is_the_gregorian_days_it_covers() -> None:
    (span,) = find_date_mentions("وشهد عام 1446 هـ توقيع عدة اتفاقيات.", PUBLISHED)
    assert (span.start, span.end, span.precision, span.text) == (
        D("2024-07-07"),
        D("2025-06-25"),
        "year",
        "عام 1446 هـ",
    )


@pytest.mark.parametrize(
    "text, year",
    [
        ("وكان البلدان قد خاضا حرب 2020 حول الإقليم.", "2020"),
        ("وشكك المعارضون في نتائج انتخابات 2024 البرلمانية.", "2024"),
        ("ونصت معاهدة 1921 على ترسيم الحدود.", "1921"),
    ],
)
def test_a_year_right_after_a_noun_naming_a_happening(text: str, year: str) -> None:
    assert one(text)[:3] == (D(f"{year}-01-01"), D(f"{year}-12-31"), "year")


def test_weekdays_after_tomorrow_in_one_sentence_are_the_coming_ones() -> None:
    found = find_date_mentions("وتنطلق غداً الأربعاء محادثات جديدة تستمر يومي الأربعاء والخميس.", PUBLISHED)
    assert [(s.start, s.end) for s in found] == [(D("2025-09-03"),) * 2, (D("2025-09-03"), D("2025-09-04"))]


def test_the_next_day_counts_from_a_recalled_day_of_its_own_sentence() -> None:
    text = (
        "تبنى مجلس الأمن أمس الاثنين قرارا بشأن الحرب. وظل المجلس عاجزا منذ بدء الهجوم في 24 فبراير 2022، "
        "إذ استخدمت موسكو حق النقض ضد مشروع قرار في اليوم التالي."
    )
    *_, anchor = find_date_mentions(text, PUBLISHED)
    assert (anchor.text, anchor.start) == ("اليوم التالي", D("2022-02-25"))


def test_a_recalled_day_does_not_anchor_when_its_sentence_names_the_day_of_the_story() -> None:
    text = "التقى الوزيران أمس الاثنين، وبحثا تنفيذ البيان الموقع في 9 نوفمبر 2020، واتفقا في اليوم نفسه على خطة."
    *_, anchor = find_date_mentions(text, PUBLISHED)
    assert (anchor.text, anchor.start) == ("اليوم نفسه", D("2025-09-01"))


def test_a_date_recalled_after_since_is_in_the_past_even_in_a_clause_of_the_future() -> None:
    (span,) = find_date_mentions(
        "وستكون هذه الرحلة الثانية للرئيس إلى الخارج منذ بدء العملية العسكرية أواخر شباط.", PUBLISHED
    )
    assert (span.start, span.end, span.planned) == (D("2025-02-21"), D("2025-02-28"), False)


@pytest.mark.parametrize(
    "text, written",
    [
        # after "منذ" or "عام" a word with tanween is an adverb, not a counted noun
        ("والحدود البرية بينهما مغلقة منذ 1993 تضامناً من أنقرة مع حليفتها.", "1993"),
        ("وبإعلان ألما آتا لعام 1991 أساساً لترسيم الحدود.", "عام 1991"),
    ],
)
def test_a_year_after_since_or_a_year_word_before_an_adverb(text: str, written: str) -> None:
    (span,) = find_date_mentions(text, PUBLISHED)
    assert (span.text, span.precision) == (written, "year")


def test_a_counted_noun_after_since_is_still_not_a_year() -> None:
    assert find_date_mentions("ونشرت الوزارة حتى 1960 جنديًا، وكانت قد سحبت منذ 1500 جنديًا.", PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "عام 2024",
        "1990 و2030",
        "رقم 12345",
        "في 19999",
        "2100",
        "1899",
        "٢٠٢٤",
        "12 3456",
        "0123",
        "20245",
        "19 20",
    ],
)
def test_a_long_number_is_what_the_pattern_of_one_finds(text: str) -> None:
    pattern = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d{4,}")  # four digits or more, not a year 1900-2099
    assert has_long_number(text) == (pattern.search(text) is not None)
