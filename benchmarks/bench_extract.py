"""Speed of the extractor against the obvious alternative, measured in the same run.

Builds a corpus of a few hundred articles (the shipped page and the test corpus, paragraphs shuffled
and recombined), then times per article:
  * ours: the full extraction (sentences, date mentions, entities, triggers, events);
  * baseline: ``dateparser.search_dates(text, languages=['ar'])`` (dates only).
Lexicons are loaded once before timing (their load time is reported apart).

    python benchmarks/bench_extract.py [--articles 300]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.extract.models import Article
from components.extract.page_split import split_page
from components.extract.pipeline import extract_article, load_resources
from components.extract.reading import UnreadableInput, iter_page_paths, read_page


def base_paragraphs() -> list[list[str]]:
    sources = [ROOT / "data" / "articles", ROOT / "tests" / "corpus" / "articles"]
    articles: list[list[str]] = []
    for path in iter_page_paths([s for s in sources if s.exists()]):
        try:
            page = read_page(path)
        except UnreadableInput:
            continue
        for draft in split_page(page):
            paragraphs = [p for p in draft.text.split("\n") if p.strip()]
            if paragraphs:
                articles.append(paragraphs)
    return articles


def build_corpus(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    bases = base_paragraphs()
    corpus = []
    for _ in range(count):
        first, second = rng.choice(bases), rng.choice(bases)
        paragraphs = first + rng.sample(second, k=min(len(second), 3))
        rng.shuffle(paragraphs)
        corpus.append("\n".join(paragraphs))
    return corpus


def time_per_article(function, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    return (time.perf_counter() - start) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()

    start = time.perf_counter()
    resources = load_resources()
    load_seconds = time.perf_counter() - start
    corpus = build_corpus(args.articles)
    published = date(2025, 6, 1)

    def ours(text: str) -> None:
        extract_article(Article(id="bench", text=text, published=published), resources)

    def baseline(text: str) -> None:
        from dateparser.search import search_dates

        search_dates(text, languages=["ar"])

    ours(corpus[0]), baseline(corpus[0])  # warm both (imports, caches of the first call)
    chars = sum(map(len, corpus)) / len(corpus)
    ours_seconds = time_per_article(ours, corpus)
    baseline_seconds = time_per_article(baseline, corpus)
    print(f"corpus: {len(corpus)} articles, {chars:.0f} characters each on average")
    print(f"lexicon load (once): {load_seconds * 1000:.0f} ms")
    print(f"ours, full extraction:         {ours_seconds * 1000:8.2f} ms per article")
    print(f"baseline, search_dates only:   {baseline_seconds * 1000:8.2f} ms per article")
    print(f"ratio baseline / ours:         {baseline_seconds / ours_seconds:8.1f}x  (target: at least 5x)")


if __name__ == "__main__":
    main()
