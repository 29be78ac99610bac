"""Date stamps in the shapes Arabic news pages print them (one line at a time)."""

from __future__ import annotations

from datetime import date

import pytest

from components.extract.stamps import find_stamps, stamp_grammar
from components.text.lexicon import load_rows


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # weekday and parts separated by commas, time after (Syrian, Levantine wires)
        ("الخميس, 7 آذار, 2024 - 09:45 مساءً", date(2024, 3, 7)),
        # a time glued before the date, weekday after (agency style)
        ("14:2008/03/2024, الجمعة", date(2024, 3, 8)),
        ("09:05 - 21/11/2023 الثلاثاء", date(2023, 11, 21)),
        # glued to a section name, time after a bar (Egyptian weekly sites)
        ("سياسة دولية14-3-2024 | 09:15", date(2024, 3, 14)),
        # ISO date and time (Iraqi and Chinese agency sites)
        ("2024-10-05 17:42:09", date(2024, 10, 5)),
        ("نشر بتاريخ: 2023-12-31 23:05:00", date(2023, 12, 31)),
        # dd-month-yyyy and dd/month/yyyy (Sudanese, Egyptian)
        ("3-فبراير-2025", date(2025, 2, 3)),
        ("الأحد 11/فبراير/2024 - 08:10 ص", date(2024, 2, 11)),
        # dotted European style
        ("18.06.2025 | 11:02", date(2025, 6, 18)),
        ("Rana Haddad, 04.07.2024, 15:30", date(2024, 7, 4)),
        # Arabic-Indic digits, Levantine month
        ("نشر بتاريخ: ١٢ تشرين الثاني ٢٠٢٤", date(2024, 11, 12)),
        # Maghrebi and Moroccan months
        ("الخميس 11 يوليوز 2024 - 16:20", date(2024, 7, 11)),
        ("الاثنين 19 غشت 2024 - 10:05", date(2024, 8, 19)),
        ("السبت 23 نونبر 2024 - 13:40", date(2024, 11, 23)),
        ("نشر في 9 جانفي 2025 على الساعة 14:10", date(2025, 1, 9)),
        ("الثلاثاء 18 فيفري 2025", date(2025, 2, 18)),
        ("الخميس 10 أفريل 2025", date(2025, 4, 10)),
        ("الجمعة 16 ماي 2025", date(2025, 5, 16)),
        ("الأربعاء 11 جوان 2025", date(2025, 6, 11)),
        ("السبت 5 جويلية 2025", date(2025, 7, 5)),
        ("الأحد 17 أوت 2025", date(2025, 8, 17)),
        # day, time, year and month glued together (Tunisian radio sites)
        ("12 08:31 2024 أفريل", date(2024, 4, 12)),
        # WordPress "month day, year"
        ("أكتوبر 3, 2024", date(2024, 10, 3)),
        # English stamp of an aggregator
        ("تاريخ النشر: 21st, November 2024 GMT", date(2024, 11, 21)),
        ("Published: March 5, 2025", date(2025, 3, 5)),
        # Hijri + Gregorian pair: the Gregorian day
        ("الخميس 9 رجب 1446هـ الموافق 9 يناير 2025م", date(2025, 1, 9)),
        # paired month names
        ("الاثنين 14 تموز (يوليو) 2025", date(2025, 7, 14)),
        ("الأحد 31 آب-أغسطس 2025 الساعة 11 صباحاً", date(2025, 8, 31)),
    ],
)
def test_stamp_shapes(line: str, expected: date) -> None:
    assert [stamp.day for stamp in find_stamps(line)] == [expected]


def test_a_hijri_date_alone_is_read_in_the_gregorian_calendar() -> None:
    (stamp,) = find_stamps("الخميس 4 جمادى الآخرة 1446هـ")
    assert stamp.hijri and stamp.day == date(2024, 12, 5) and stamp.weekday_agrees is True


@pytest.mark.parametrize(
    ("line", "labels"),
    [
        ("تاريخ النشر: الأحد 11/2/2024 م، الساعة 08:15 صباحاً", ["published"]),
        ("آخر تحديث: الأحد 11/2/2024 م، الساعة 10:40 صباحاً", ["updated"]),
        ("16:10 GMT 22.01.2025 (تم التحديث: 17:25 GMT 22.01.2025)", [None, "updated"]),
        ("نشر في: الأحد 2 مارس 2025 - 4:05 م | آخر تحديث: الأحد 2 مارس 2025 - 6:30 م", ["published", "updated"]),
        ("تاريخ الاطلاع: 3 مارس 2025", ["viewed"]),
        ("موسكو - بتاريخ 2024-06-05 صرح المتحدث", ["generic"]),
    ],
)
def test_labels_before_stamps(line: str, labels: list[str | None]) -> None:
    assert [stamp.label for stamp in find_stamps(line)] == labels


def test_time_weekday_crawl_and_issue_marks() -> None:
    (timed,) = find_stamps("الجمعة - 12 يوليو 2024 - 07:30 م بتوقيت صنعاء")
    assert timed.timed and timed.bare and timed.weekday_agrees is True
    (crawl,) = find_stamps("Arab Feed: 2025-02-03@09:14:55 GMT")
    assert crawl.crawl
    (issue,) = find_stamps("الاثنين 2 شعبان 1446هـ الموافق لـ 3 فيفري 2025م العدد 19120")
    assert issue.issue and issue.day == date(2025, 2, 3)
    (plain,) = find_stamps("19 مايو 2024")
    assert not plain.timed and plain.weekday_agrees is None


def test_a_printed_weekday_settles_an_ambiguous_day_and_month() -> None:
    # 03/04/2024 is 3 April (a Wednesday) read day first; printed with Monday it is 4 March.
    (stamp,) = find_stamps("الاثنين 03/04/2024 - 10:00")
    assert stamp.day == date(2024, 3, 4) and stamp.weekday_agrees is True
    (stamp,) = find_stamps("الأربعاء 03/04/2024 - 10:00")
    assert stamp.day == date(2024, 4, 3)


def test_a_date_inside_a_sentence_is_not_bare() -> None:
    line = "وقع وزيرا الخارجية في 5 أكتوبر 2023 على مذكرة تفاهم لتعزيز التعاون في مجالات النقل والطاقة والتجارة"
    (stamp,) = find_stamps(line)
    assert not stamp.bare and stamp.label is None


@pytest.mark.parametrize(
    "line",
    [
        "أكثر من 1200 مشارك في 14 ورشة عمل",
        "قرار مجلس الأمن رقم 2254 لعام 2015",
        "31 فبراير 2024",  # no such day
        "الهاتف 04-02-15-3009916",
        "15 مايو 2150",  # not a year a page was published in
    ],
)
def test_no_stamp(line: str) -> None:
    assert find_stamps(line) == []


def test_stamp_label_lexicon_is_valid() -> None:
    from components.extract.stamps import EnglishMonthRow, StampLabelRow

    kinds = {row.kind for row in load_rows("stamp_labels.tsv", StampLabelRow)}
    assert kinds == {"published", "updated", "viewed", "issue", "generic", "filler"}
    months = {row.month for row in load_rows("english_months.tsv", EnglishMonthRow)}
    assert months == set(range(1, 13))
    grammar = stamp_grammar()
    assert grammar.labels["تاريخ النشر"] == "published" and grammar.labels["اخر تحديث"] == "updated"
