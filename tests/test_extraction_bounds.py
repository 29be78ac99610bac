"""What one event may hold is bounded, whatever the page: the worst shapes of page (no sentence
punctuation, one date phrase repeated, thousands of dated paragraphs) give events with a bounded
sentence, bounded mentions and evidence, offsets into their article, and output that grows with
the page, not faster. Time and memory are measured by benchmarks/bench_scaling.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.extract.events import MAX_MENTIONS
from components.extract.pipeline import PageResult, events_to_jsonl, extract_page
from components.extract.reading import RawPage, content_hash
from components.extract.repeats import MAX_EVIDENCE
from components.extract.sentences import MAX_SENTENCE_CHARS

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "corpus" / "articles" / "01_prague_eu_mission.txt"
MARKS = re.compile(r"[\n.،,؛;:!?؟…\"«»()]+")
KB = 1024
EVENT_JSON_LIMIT = 16_000  # characters of one event's JSON line


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")


def page_of(shape: str, size: int) -> RawPage:
    if shape == "no_punctuation":
        text, html = fill(" ".join(MARKS.sub(" ", ARTICLE.read_text(encoding="utf-8")).split()) + " ", size), False
    elif shape == "repeated_date":
        text, html = fill("وقع الطرفان الاتفاق يوم 5 مايو 2024 و", size), False
    else:
        paragraphs = "".join(
            f"<p>التقى وزير الخارجية الأرميني نظيره الأذربيجاني في ألماتي يوم {day % 28 + 1} مايو 2024.</p>\n"
            for day in range(200)
        )
        text, html = f"<html><body><article>\n{fill(paragraphs, size)}</article></body></html>", True
    return RawPage(f"{shape}.{'html' if html else 'txt'}", text, html, "utf-8", content_hash(text))


def check_events(result: PageResult) -> None:
    texts = {article.id: article.text for article in result.articles}
    for event in result.events:
        assert len(event.sentence) <= MAX_SENTENCE_CHARS
        assert len(event.mentions or ()) <= MAX_MENTIONS and len(event.evidence or ()) <= MAX_EVIDENCE
        assert texts[event.article_id][event.char_start : event.char_end] == event.sentence
        assert len(events_to_jsonl([event])) <= EVENT_JSON_LIMIT


@pytest.mark.parametrize("shape", ["no_punctuation", "repeated_date", "dated_paragraphs"])
def test_events_of_the_worst_pages_are_bounded_and_grow_with_the_page(shape: str) -> None:
    small, large = (extract_page(page_of(shape, size)) for size in (60 * KB, 240 * KB))
    assert small.events and large.events
    check_events(small)
    check_events(large)
    ratio = len(events_to_jsonl(large.events)) / len(events_to_jsonl(small.events))
    assert ratio <= 4 * 1.25, f"four times the page gives {ratio:.1f} times the output"
