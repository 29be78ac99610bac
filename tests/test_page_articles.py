"""A page's articles and their publication dates through the pipeline: related stories give no
events unless the page's metadata lists them, and a printed stamp beats a date given from outside."""

from __future__ import annotations

from datetime import date

from components.extract.pipeline import PageResult, extract_page
from components.extract.reading import decode_page

PAGE = "\n".join(
    [
        "صدى القوقاز",
        "الرئيسية | سياسة | اقتصاد",
        "أرمينيا وأذربيجان تتفقان على جولة جديدة",
        "نشر في: 12/03/2025 - 10:05",
        "",
        "اتفق وزيرا خارجية أرمينيا وأذربيجان أمس الثلاثاء على عقد جولة جديدة من المحادثات في جنيف.",
        "المصدر: وكالات",
        "إقرأ أيضاً:",
        "بوتين يستقبل رئيس وزراء باكستان",
        "موسكو (رويترز) - استقبل الرئيس الروسي فلاديمير بوتين في الكرملين أمس الثلاثاء رئيس وزراء باكستان.",
    ]
)


def _page_result(published: date | None = None, page_meta: dict[str, object] | None = None) -> PageResult:
    return extract_page(decode_page(PAGE.encode("utf-8"), "caucasus.txt"), published=published, page_meta=page_meta)


def test_a_related_story_gives_no_article_and_no_events() -> None:
    result = _page_result()
    assert len(result.articles) == 1
    assert all("بوتين" not in event.sentence for event in result.events)
    assert {event.date_start for event in result.events} == {"2025-03-11"}


def test_a_related_story_the_metadata_lists_is_an_article() -> None:
    result = _page_result(page_meta={"articles": [{"index": 1, "published": "2025-03-12"}]})
    assert len(result.articles) == 2 and result.articles[1].index_in_page == 1
    assert any("بوتين" in event.sentence and event.date_start == "2025-03-11" for event in result.events)


def test_the_printed_stamp_beats_a_given_date() -> None:
    (article,) = _page_result(published=date(2025, 3, 20)).articles
    assert (article.published, article.published_how) == (date(2025, 3, 12), "stamp")
    (article,) = _page_result(page_meta={"published": "2025-03-13"}).articles
    assert (article.published, article.published_how) == (date(2025, 3, 13), "metadata")


def test_a_later_part_of_the_page_with_no_date_of_its_own_takes_the_page_date() -> None:
    page = "\n".join(
        [
            "قناة الضفة العربية",
            "ماكرون يجمع علييف وباشينيان في بروكسل",
            "الخميس 16 ديسمبر 2021 - 11:16 بتوقيت غرينتش",
            "عقد الرئيس الفرنسي إيمانويل ماكرون اجتماعا مع الرئيس الأذربيجاني ورئيس الوزراء الأرميني في بروكسل.",
            "العالم-أوروبا",
            "جرى الاجتماع مساء أمس الأربعاء على هامش قمة الشراكة الشرقية التي استضافتها بروكسل.",
        ]
    )
    result = extract_page(decode_page(page.encode("utf-8"), "brussels.txt"))
    assert len(result.articles) == 2 and result.articles[1].published == date(2021, 12, 16)
    assert [(event.type, event.date_start) for event in result.events] == [("meeting", "2021-12-15")]
