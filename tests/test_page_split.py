"""Page → articles: the sample page, markers, datelines, HTML pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.extract.page_markers import without_edge_punctuation
from components.extract.page_split import (
    MATCHES,
    ROLES,
    find_marker,
    is_headline_like,
    load_markers,
    parse_dateline,
    parse_keywords,
    split_page,
    split_text,
)
from components.extract.reading import RawPage, decode_page, read_page
from components.text.lexicon import load_tsv, one_of

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"
PAGES = Path(__file__).parent / "fixtures" / "pages"
READ_ALSO_HEADLINE = "دور محوري للسعودية في تقريب وجهات النظر.. جولة جديدة لمحادثات السلام بين روسيا وأوكرانيا"


@pytest.fixture(scope="module")
def sample_articles():
    return split_page(read_page(SAMPLE))


def test_marker_lexicon_is_valid() -> None:
    rows = load_tsv("page_markers.tsv", {"marker": None, "role": one_of(*ROLES), "match": one_of(*MATCHES)})
    roles = {row["role"] for row in rows}
    assert roles == set(ROLES)
    markers = load_markers()
    assert len(markers.lines) + len(markers.agencies) <= len(rows)


def test_sample_page_has_two_articles(sample_articles) -> None:
    assert len(sample_articles) == 2


def test_sample_first_article(sample_articles) -> None:
    first = sample_articles[0]
    assert first.source == "بوابة الوفد"
    assert "موسكو" in first.keywords
    assert "روسيا" in first.keywords
    assert first.dateline is None
    for furniture in ("كلمات دلالية", "إقرأ أيضاً", "المصدر", READ_ALSO_HEADLINE, "البلاد"):
        assert furniture not in first.text
    assert first.text.startswith("صرح نائب وزير الخارجية الروسي ميخائيل جالوزين")
    assert first.text.endswith("نظمت احتجاجات في يريفان ومحافظة تافوش.")
    assert first.related_headlines == (READ_ALSO_HEADLINE,)
    assert "\n\n" in first.text  # blank-line paragraphs are kept as such


def test_sample_second_article(sample_articles) -> None:
    second = sample_articles[1]
    assert second.dateline == "البلاد – جدة"
    assert second.dateline_city == "جدة"
    assert second.source == "البلاد"
    assert second.title == READ_ALSO_HEADLINE
    assert len(second.related_headlines) == 10
    assert second.related_headlines[0] == "روسيا تعلن الأهداف الأوكرانية المستثناة من الهجمات خلال الهدنة"
    for headline in second.related_headlines:
        assert headline not in second.text
        assert not headline.startswith("•")
    assert "مقالات مشابهة" not in second.text
    assert second.text.startswith("تشهد مدينة جدة، اليوم (الاثنين)")
    assert second.text.endswith("تمثل تقدمًا كبيرًا نحو إنهاء الحرب.")
    assert second.text.count("\n") == 2  # three paragraphs, one line each


def test_text_without_markers_is_one_article() -> None:
    text = "قال الوزير إن المحادثات مثمرة.\n\nوأضاف أن جولة جديدة ستعقد قريبا.\nوختم بالشكر."
    drafts = split_text(text)
    assert len(drafts) == 1
    assert drafts[0].text == text
    assert drafts[0].title is None and drafts[0].source is None and drafts[0].related_headlines == ()


def test_english_page_is_one_article() -> None:
    drafts = split_page(read_page(PAGES / "english.txt"))
    assert [draft.text for draft in drafts] == ["The weather was pleasant all week.\nNothing else happened."]


def test_headline_first_line_becomes_title() -> None:
    drafts = split_text("روسيا ترحب بالاتفاق\nقال الكرملين إنه يرحب بالاتفاق بين البلدين.")
    assert drafts[0].title == "روسيا ترحب بالاتفاق"
    assert drafts[0].text == "قال الكرملين إنه يرحب بالاتفاق بين البلدين."


def test_headline_fragment_between_paragraphs_stays_in_text() -> None:
    text = "قال الوزير إن المحادثات مثمرة.\n\nخطوة نحو السلام\n\nوأضاف أن جولة جديدة ستعقد قريبا."
    assert split_text(text)[0].text == text


def test_two_datelined_articles_without_other_markers() -> None:
    text = (
        "موسكو - سبوتنيك\n"
        "أعلن الكرملين أن الرئيس سيستقبل رئيس وزراء أرمينيا الأسبوع المقبل.\n"
        "اتفاق مبدئي على ترسيم الحدود\n"
        "باكو (رويترز) - قال مسؤول أذربيجاني إن اللجنتين اتفقتا على ترسيم الحدود.\n"
        "وأضاف أن الاتفاق يشمل أربع قرى.\n"
    )
    first, second = split_text(text)
    assert (first.dateline, first.dateline_city, first.source) == ("موسكو - سبوتنيك", "موسكو", "سبوتنيك")
    assert first.text == "أعلن الكرملين أن الرئيس سيستقبل رئيس وزراء أرمينيا الأسبوع المقبل."
    assert (second.dateline, second.dateline_city, second.source) == ("باكو (رويترز)", "باكو", "رويترز")
    assert second.title == "اتفاق مبدئي على ترسيم الحدود"
    assert second.text == "قال مسؤول أذربيجاني إن اللجنتين اتفقتا على ترسيم الحدود.\nوأضاف أن الاتفاق يشمل أربع قرى."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("البلاد – جدة", ("البلاد – جدة", "جدة", "البلاد")),
        ("موسكو - سبوتنيك", ("موسكو - سبوتنيك", "موسكو", "سبوتنيك")),
        ("جدة — واس", ("جدة — واس", "جدة", "واس")),
        ("باكو (رويترز) -", ("باكو (رويترز)", "باكو", "رويترز")),
        ("القاهرة - «الشرق الأوسط»", ("القاهرة - «الشرق الأوسط»", "القاهرة", "الشرق الأوسط")),
        ("يريفان - أ ف ب: أعلنت الحكومة الأرمينية استقالة الوزير.", ("يريفان - أ ف ب", "يريفان", "أ ف ب")),
    ],
)
def test_datelines(line: str, expected: tuple[str, str, str]) -> None:
    dateline = parse_dateline(line, load_markers())
    assert dateline is not None
    assert (dateline.text, dateline.city, dateline.source) == expected


@pytest.mark.parametrize(
    "line",
    [
        "روسيا وأوكرانيا - جولة جديدة من المحادثات",
        "2023 - 2024",
        "وقال الوزير - في تصريح صحفي - إن المحادثات مستمرة.",
        "صرح نائب وزير الخارجية الروسي أن روسيا أكدت استعدادها.",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line, load_markers()) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("المصدر: بوابة الوفد", ("source", "بوابة الوفد")),
        ("المصدر : وكالات", ("source", "وكالات")),
        ("كلمات دلالية: روسيا أرمينيا", ("keywords", "روسيا أرمينيا")),
        ("الكلمات المفتاحية: روسيا، أرمينيا", ("keywords", "روسيا، أرمينيا")),
        ("الوسوم: أذربيجان", ("keywords", "أذربيجان")),
        ("إقرأ أيضاً:", ("read_also", "")),
        ("اقرأ أيضا: زيلينسكي يدعو إلى هدنة", ("read_also", "زيلينسكي يدعو إلى هدنة")),
        ("مقالات مشابهة", ("related_list", "")),
        ("أخبار ذات صلة", ("related_list", "")),
        ("الأكثر قراءة", ("skip_list", "")),
        ("تابعونا على فيسبوك وتويتر", ("boilerplate", "")),
        ("© 2025 جميع الحقوق محفوظة لموقع البلاد", ("boilerplate", "")),
        ("شارك", ("boilerplate", "")),
    ],
)
def test_markers(line: str, expected: tuple[str, str]) -> None:
    assert find_marker(line, load_markers()) == expected


@pytest.mark.parametrize(
    "line",
    [
        "المصدر الدبلوماسي أكد أن المحادثات ستستأنف.",
        "شارك الرئيس الروسي في القمة التي عقدت في أستانا بحضور قادة دول المنطقة.",
        "وقال إن الوسوم لا تهم.",
        "شارك في الاجتماع وزراء الخارجية.",
        "تابعوا التطورات في جنوب القوقاز باهتمام.",
        "وقال إن الحقوق محفوظة للشعبين.",
    ],
)
def test_body_lines_are_not_markers(line: str) -> None:
    assert find_marker(line, load_markers()) is None


def test_keywords_parsing() -> None:
    assert parse_keywords("روسيا أرمينيا روسيا") == ("روسيا", "أرمينيا")
    assert parse_keywords("وزير الخارجية، موسكو، أرمينيا") == ("وزير الخارجية", "موسكو", "أرمينيا")
    assert parse_keywords("#روسيا #أوكرانيا") == ("روسيا", "أوكرانيا")


def test_headline_like() -> None:
    assert is_headline_like(READ_ALSO_HEADLINE)
    assert is_headline_like("والتز: التوصل إلى سلام بين روسيا وأوكرانيا بات قريب")
    assert not is_headline_like("وقال الوزير إن المحادثات مثمرة.")
    assert not is_headline_like('وقال: "نحن مستعدون".')
    assert not is_headline_like(" ".join(["كلمة"] * 30))


def test_boilerplate_and_skip_lists_are_dropped() -> None:
    text = (
        "قال الوزير إن المحادثات مثمرة.\n"
        "شارك\n"
        "وأضاف أن جولة جديدة ستعقد قريبا.\n"
        "الأكثر قراءة\n"
        "الذهب يهبط\n"
        "النفط يرتفع\n"
        "جميع الحقوق محفوظة 2025\n"
    )
    drafts = split_text(text)
    assert len(drafts) == 1
    assert drafts[0].text == "قال الوزير إن المحادثات مثمرة.\nوأضاف أن جولة جديدة ستعقد قريبا."
    assert drafts[0].related_headlines == ()


def test_body_after_source_starts_next_article() -> None:
    text = "قال الوزير إن المحادثات مثمرة.\nالمصدر: وكالات\nأعلن الكرملين أن الرئيس سيزور باكو.\n"
    first, second = split_text(text)
    assert first.source == "وكالات" and first.text == "قال الوزير إن المحادثات مثمرة."
    assert second.source is None and second.text == "أعلن الكرملين أن الرئيس سيزور باكو."


def test_marker_values_on_next_line() -> None:
    text = "قال الوزير إن المحادثات مثمرة.\nالمصدر:\nبوابة الوفد\nالوسوم:\nروسيا، أرمينيا\n"
    (draft,) = split_text(text)
    assert draft.source == "بوابة الوفد"
    assert draft.keywords == ("روسيا", "أرمينيا")
    assert draft.text == "قال الوزير إن المحادثات مثمرة."


def test_inline_read_also_headline() -> None:
    text = (
        "قال الوزير إن المحادثات مثمرة.\n"
        "اقرأ أيضا: زيلينسكي يدعو إلى هدنة\n"
        "وأضاف أن الجولة المقبلة ستعقد في جدة الأسبوع المقبل وفق ما أعلن.\n"
    )
    drafts = split_text(text)
    assert drafts[0].related_headlines == ("زيلينسكي يدعو إلى هدنة",)
    assert all("زيلينسكي" not in draft.text for draft in drafts)


def test_cp1256_page_with_dateline() -> None:
    (draft,) = split_page(read_page(PAGES / "arabic_cp1256.txt"))
    assert draft.dateline == "موسكو - سبوتنيك"
    assert draft.source == "سبوتنيك"
    assert draft.text.startswith("أعلن الكرملين اليوم الثلاثاء")


def test_html_page() -> None:
    (draft,) = split_page(read_page(PAGES / "article.html"))
    assert draft.title == "جولة جديدة من المحادثات بين روسيا وأوكرانيا في جدة"
    assert draft.url == "https://example.org/news/2025/03/24/talks-jeddah"
    assert draft.published_hint == "2025-03-24"
    assert draft.source == "البلاد"
    assert draft.keywords == ("روسيا", "أوكرانيا", "جدة")
    assert draft.text.startswith("تشهد مدينة جدة")
    for absent in ("alert", "سكربت", "font-family", "رياضة", "الذهب يهبط", "جميع الحقوق"):
        assert absent not in draft.text


def test_html_snippet_with_script() -> None:
    page = decode_page("<p>قال الوزير إن المحادثات مثمرة.</p><script>alert(1)</script>".encode(), "s.html")
    (draft,) = split_page(page)
    assert draft.text == "قال الوزير إن المحادثات مثمرة."


def test_html_read_also_paragraph_is_a_related_headline() -> None:
    body = "".join(
        f"<p>فقرة رقم {n} من الخبر عن محادثات السلام بين أرمينيا وأذربيجان في العاصمة الكازاخية ألماتي.</p>"
        for n in range(1, 5)
    )
    html = f"<html><body><article>{body}<p>اقرأ أيضا: زيلينسكي يدعو إلى هدنة</p></article></body></html>"
    (draft,) = split_page(decode_page(html.encode("utf-8"), "page.html"))
    assert draft.related_headlines == ("زيلينسكي يدعو إلى هدنة",)
    assert "زيلينسكي" not in draft.text
    assert draft.text.count("\n") == 3


def test_page_with_only_furniture_has_no_articles() -> None:
    assert split_text("الرئيسية\nشارك\nجميع الحقوق محفوظة\n") == []


def test_each_article_element_of_an_html_page_is_kept() -> None:
    body = "<p>" + "وقال المتحدث إن الوفدين ناقشا ملفات عديدة تتعلق بالطاقة والنقل والحدود. " * 12 + "</p>"
    html = (
        "<html><head><title>أخبار</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
        "<article><h1>الخبر الأول</h1><p>التقى الوزيران في باكو يوم 3 مارس 2025.</p>" + body + "</article>"
        "<article><h2>الخبر الثاني</h2><p>أجرى الرئيسان اتصالا هاتفيا مساء أمس بحثا فيه الهدنة.</p></article>"
        "<script>alert(1)</script></body></html>"
    )
    drafts = split_page(RawPage("two.html", html, True, "utf-8", "x"))
    text = "\n".join(draft.text for draft in drafts)
    assert "التقى الوزيران في باكو" in text and "أجرى الرئيسان اتصالا هاتفيا" in text
    assert "alert" not in text and "الرئيسية" not in text


# --- header region, captions, sub-headings, related stories --------------------------------------------

LEAD = (
    "أعلنت وزارة الخارجية الأرمينية اليوم أن وزيري خارجية البلدين سيلتقيان في ألماتي لمواصلة "
    "المفاوضات حول معاهدة السلام."
)
MORE = "وأوضحت الوزارة أن الجولة ستتناول ترسيم الحدود وفتح طرق النقل بين البلدين."


def test_header_lines_are_kept_apart_and_the_title_chosen_among_them() -> None:
    text = "\n".join(
        [
            "وكالة السهوب",
            "الرئيسية | أخبار | سياسة | اقتصاد | صور",
            "السهوب | عربي | English",
            "09.05.2024 | 16:35",
            "ألماتي تستضيف جولة جديدة من محادثات السلام بين أرمينيا وأذربيجان",
            "",
            LEAD,
            MORE,
        ]
    )
    (draft,) = split_text(text)
    assert draft.title == "ألماتي تستضيف جولة جديدة من محادثات السلام بين أرمينيا وأذربيجان"
    assert draft.text == LEAD + "\n" + MORE
    assert "09.05.2024 | 16:35" in draft.header and "وكالة السهوب" in draft.header


def test_captions_stay_in_the_text_and_are_marked() -> None:
    caption = "وزيرا الخارجية خلال لقاء سابق في برلين. (أ ف ب)"
    body_caption = "الصورة: جانب من المحادثات في ألماتي - رويترز"
    closing = "وكان الوزيران قد التقيا في برلين في فبراير الماضي. (د ب أ)"
    text = "\n".join(["محادثات السلام في ألماتي", caption, "", LEAD, body_caption, MORE, closing])
    (draft,) = split_text(text)
    captions = [draft.text[start:end] for start, end in draft.caption_ranges]
    assert captions == [caption, body_caption]  # a wire story's closing credit is not a caption
    assert draft.text.startswith(caption) and closing in draft.text


def test_sub_headings_are_marked() -> None:
    text = "\n\n".join([LEAD, "ترسيم الحدود أولاً", MORE])
    (draft,) = split_text(text)
    assert [draft.text[start:end] for start, end in draft.heading_ranges] == ["ترسيم الحدود أولاً"]
    assert draft.caption_ranges == ()


def test_a_wire_story_under_a_read_also_marker_is_a_related_story() -> None:
    text = "\n".join(
        [
            LEAD,
            MORE,
            "إقــــرأ أيضـاً:",
            "بوتين يستقبل رئيس وزراء باكستان في الكرملين",
            "موسكو (رويترز) - استقبل الرئيس الروسي فلاديمير بوتين اليوم رئيس وزراء باكستان في الكرملين.",
            "وبحث الجانبان التعاون في مجال الطاقة.",
            "مواضيع ذات صلة",
            "• أرمينيا تجمد مشاركتها في منظمة الأمن الجماعي",
        ]
    )
    article, story = split_text(text)
    assert not article.related_story and article.text == LEAD + "\n" + MORE
    assert story.related_story and story.title == "بوتين يستقبل رئيس وزراء باكستان في الكرملين"
    assert story.dateline == "موسكو (رويترز)"
    assert article.related_headlines == ("بوتين يستقبل رئيس وزراء باكستان في الكرملين",)


def test_a_story_with_a_stamp_under_a_related_marker_is_a_related_story() -> None:
    text = "\n".join(
        [
            LEAD,
            "مواضيع ذات صلة:",
            "الكرملين: المحادثات مع يريفان مستمرة",
            "الثلاثاء, 14 أيار 2024 - 10:20 صباحاً",
            "قال المتحدث باسم الكرملين إن المحادثات مع يريفان مستمرة رغم الخلافات.",
        ]
    )
    article, story = split_text(text)
    assert story.related_story and "الثلاثاء, 14 أيار 2024 - 10:20 صباحاً" in story.header
    assert article.text == LEAD


def test_an_article_goes_on_after_a_read_also_line_inside_it() -> None:
    text = "\n".join([LEAD, "اقرأ أيضاً: الكرملين يعلق على جولة ألماتي", MORE])
    (draft,) = split_text(text)
    assert draft.text == LEAD + "\n" + MORE and draft.related_headlines == ("الكرملين يعلق على جولة ألماتي",)


def test_numbered_most_read_lists_and_comments_give_no_article() -> None:
    text = "\n".join(
        [
            LEAD,
            "الأكثر قراءة",
            "1- ارتفاع أسعار المحروقات.. ما الأسباب؟",
            "2. المنتخب يبدأ معسكره التحضيري",
            "تعليقات الزوار (2)",
            "1 - مواطن | 10 مايو 2024 - 14:02",
            "نتمنى أن تنتهي هذه المفاوضات بسلام دائم بين الشعبين الجارين.",
        ]
    )
    (draft,) = split_text(text)
    assert draft.text == LEAD


def test_a_comments_link_above_the_article_is_not_a_marker() -> None:
    (draft,) = split_text("\n".join(["تعليقات (0)", LEAD, MORE]))
    assert draft.text == LEAD + "\n" + MORE


def test_a_rule_between_stories_starts_the_next_article() -> None:
    second = "تستعد السلطات الأرمينية لتسلم المعبر الحدودي مع إيران من حرس الحدود الروس مطلع العام المقبل."
    text = "\n".join(
        [LEAD, "-" * 40, "أرمينيا تتسلم معبرها الحدودي", "الجمعة, 18 تشرين الأول, 2024 - 09:15 مساءً", second]
    )
    first, other = split_text(text)
    assert first.text == LEAD and other.text == second and not other.related_story
    assert other.title == "أرمينيا تتسلم معبرها الحدودي"
    assert "الجمعة, 18 تشرين الأول, 2024 - 09:15 مساءً" in other.header


@pytest.mark.parametrize(
    "line",
    ["", "---", "- المصدر -", "«المصدر»:", "اقرأ أيضا…\n", "_كلمات_", "٣ مارس", " \t ", "x²", "\u064bعلى\u064b", "ـ"],
)
def test_edge_punctuation_is_dropped_as_the_pattern_drops_it(line: str) -> None:
    assert without_edge_punctuation(line) == re.sub(r"^[\W_]+|[\W_]+$", "", line)
