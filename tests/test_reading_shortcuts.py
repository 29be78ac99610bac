"""The shortcuts of page reading give what the long way gives: one walk of an HTML page for its text,
its metadata and its <article> blocks; a long line's first word found by folding its start only; the
quick test that skips words which cannot start a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.extract.entities import find_entities
from components.extract.gazetteer import load_gazetteer
from components.extract.html_meta import page_meta
from components.extract.html_text import article_blocks, html_main_text, read_html_page
from components.extract.page_markers import _first_word, _folded_first_word
from components.text.arabic import fold_text
from components.text.tokens import proclitics

ROOT = Path(__file__).resolve().parent
PAGES = [ROOT / "corpus" / "articles", ROOT / "outlets" / "tune" / "pages"]
HTML_PAGES = sorted(path for folder in PAGES for path in folder.glob("*.html"))
TWO_ARTICLES = (
    '<html><head><meta property="article:published_time" content="2024-05-06T10:00:00Z">'
    '<link rel="canonical" href="https://example.com/a/1"></head><body>'
    "<noscript>فعّل جافاسكريبت</noscript>"
    "<article><h1>زيارة</h1><p>وصل وزير الخارجية إلى باكو يوم 5 مايو 2024 في زيارة رسمية تستمر يومين.</p></article>"
    "<article><h1>محادثات</h1><p>عقد الرئيسان محادثات في موسكو أمس حول التعاون بين البلدين.</p></article>"
    "</body></html>"
)


def test_there_are_html_pages_to_compare() -> None:
    assert len(HTML_PAGES) >= 20


@pytest.mark.parametrize(
    "html", [*(path.read_text(encoding="utf-8", errors="replace") for path in HTML_PAGES), TWO_ARTICLES]
)
def test_one_walk_reads_what_three_walks_read(html: str) -> None:
    read = read_html_page(html)
    assert read.main == html_main_text(html)
    assert read.meta == page_meta(html)
    assert read.blocks == article_blocks(html)


def test_one_walk_keeps_two_articles_and_the_metadata() -> None:
    read = read_html_page(TWO_ARTICLES)
    assert len(read.blocks) == 2
    assert read.meta.url == "https://example.com/a/1"
    assert read.meta.published is not None and read.meta.published.isoformat() == "2024-05-06"
    assert "جافاسكريبت" not in read.main.text


def _lines() -> list[str]:
    lines = [
        "ـالرئيسُ " + "كلمة " * 40,  # tatweel and harakat folded away inside the first word
        "«" * 70 + " موسكو",  # no word within the start of the line
        "أ" * 80,  # one word longer than the start
        "  - المصدر: وكالات الأنباء " + "و" * 70,
    ]
    for folder in PAGES:
        for path in sorted(folder.iterdir())[:40]:
            if path.suffix in (".txt", ".html"):
                lines += path.read_text(encoding="utf-8", errors="replace").split("\n")
    return [line for line in lines if line.strip()]


def test_the_first_word_from_the_start_of_a_line_is_the_first_word_of_the_whole_line() -> None:
    lines = _lines()
    assert sum(len(line) > 64 for line in lines) > 100
    for line in lines:
        assert _folded_first_word(line) == _first_word(fold_text(line)), line


def test_words_that_pass_the_quick_test_include_every_reading_of_a_name() -> None:
    gazetteer = load_gazetteer()
    known = proclitics()
    tails = gazetteer.first_word_tails
    for first in sorted(gazetteer.first_words)[:3000]:
        for written in (
            first,
            "و" + first,
            "ب" + first,
            "وب" + first,
            "لل" + first.removeprefix("ال"),
            "ولل" + first.removeprefix("ال"),
        ):
            readings = known.readings(written, 3)
            if any(form in gazetteer.first_words for form, _ in readings):
                assert any(written[cut:] in tails for cut in range(known.most_taken + 1)), written


def test_names_with_proclitics_are_still_found() -> None:
    text = "وصل وبموسكو وللصين وفي الولايات المتحدة وزير الخارجية."
    found = {
        (mention.kind, mention.country.code if mention.country else None)
        for mention in find_entities(text, load_gazetteer())
    }
    assert found == {("place", "RU"), ("country", "CN"), ("country", "US")}
