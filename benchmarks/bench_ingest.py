"""Ingestion and loading speed of the event store.

1. Ingest N articles (default 1,000) generated from the sample page and variations of it,
   once in one process, once with extraction in a process pool (writes stay in the main
   process); reports articles per second and the ratio to the single-process run.
2. Load ``list_events()`` from stores of 10,000 and 100,000 events: cold (merging the
   events into groups) and warm (groups already stored), then the dashboard's first render on
   that store (the whole script in Streamlit's AppTest); reports the ratio to 10k.
3. Over HTTP: N pages (default 200) served as HTML by a local server on 127.0.0.1 with one RSS
   feed listing them; the feed is ingested (robots.txt, feed, every page fetched, extracted,
   stored), then read again, when the conditional GET is answered 304 and nothing else is
   fetched. Reports pages per second against ingesting the same pages from files, and the ratio
   of the two rounds. The per-host delay is 0 here: with the default 1 s, 200 pages from one
   host take at least 200 s, on purpose.

    python benchmarks/bench_ingest.py [--articles 1000] [--events 100000] [--workers 2] [--web-pages 200]
    python benchmarks/bench_ingest.py --web-only
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.extract.models import Article, stable_id
from components.extract.pipeline import load_resources
from components.store.event_store import open_store
from components.store.ingest import ingest_paths
from components.store.web.client import WebClient
from components.store.web.harvest import Harvest, WebSummary
from components.store.web.outlets import FeedSpec
from components.store.web.settings import FetchSettings
from tests.web.guard import install as install_guard
from tests.web.local_server import LocalServer

SAMPLE = ROOT / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"
_DAY_MONTH = re.compile(r"\b([12]?\d) (يونيو|مايو|أبريل|نوفمبر)")
_OUTLETS = ("بوابة الوفد", "البلاد", "سبوتنيك عربي", "روسيا اليوم", "الشرق الأوسط", "العربية")


def make_pages(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` distinct pages: the sample's paragraphs shuffled and cut, days shifted, outlets varied."""
    rng = random.Random(seed)
    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for n in range(count):
        chosen = paragraphs[:1] + rng.sample(paragraphs[1:], k=max(3, len(paragraphs) // 2))
        text = "\n\n".join(chosen)
        text = _DAY_MONTH.sub(lambda m: f"{(int(m.group(1)) + rng.randint(0, 3) - 1) % 28 + 1} {m.group(2)}", text)
        text += f"\n\nالمصدر: {rng.choice(_OUTLETS)} - تقرير رقم {n}\n"
        (folder / f"page_{n:05d}.txt").write_text(text, encoding="utf-8")


def bench_ingest(pages: Path, workdir: Path, workers: int) -> tuple[float, int, int]:
    """(seconds, articles added, events added) for ingesting every page into a new store."""
    with open_store(workdir / f"ingest-{workers}.db") as store:
        started = time.perf_counter()
        summary = ingest_paths(store, [pages], progress=False, workers=workers)
        elapsed = time.perf_counter() - started
    if summary.failed:
        print(f"  {len(summary.failed)} pages failed, e.g. {summary.failed[0]}", file=sys.stderr)
    return elapsed, summary.articles_added, summary.events_added


_TYPES = ("meeting", "agreement", "statement", "military", "border", "protest", "other")
_COUNTRY_SETS = (
    ("AM", "AZ"),
    ("AM", "AZ", "RU"),
    ("RU", "UA"),
    ("RU", "UA", "TR"),
    ("AM", "AZ", "KZ"),
    ("RU", "UA", "SA", "US"),
    ("AZ", "RU"),
    ("AM", "RU"),
)
_PLACES = (
    {"name_en": "Moscow", "name_ar": "موسكو", "country": "RU", "lat": 55.75, "lon": 37.62, "kind": "city"},
    {"name_en": "Almaty", "name_ar": "ألماتي", "country": "KZ", "lat": 43.24, "lon": 76.89, "kind": "city"},
    {"name_en": "Jeddah", "name_ar": "جدة", "country": "SA", "lat": 21.54, "lon": 39.17, "kind": "city"},
)


def fill_store(path: Path, events: int, per_article: int = 10, seed: int = 11) -> None:
    """A store of ``events`` events, ``per_article`` per article, spread over 2018–2025;
    about a third repeat an earlier happening (as other outlets report it)."""
    rng = random.Random(seed)
    happenings: list[tuple] = []
    with open_store(path) as store:
        for n in range(events // per_article):
            sentences, specs = [], []
            for k in range(per_article):
                if happenings and rng.random() < 0.33:
                    spec = rng.choice(happenings)
                else:
                    day = date(2018, 1, 1) + timedelta(days=rng.randrange(8 * 365))
                    precision = rng.choices(("day", "month", "year"), (8, 3, 1))[0]
                    spec = (
                        day,
                        precision,
                        rng.choice(_TYPES),
                        rng.choice(_COUNTRY_SETS),
                        rng.choice(_PLACES) if rng.random() < 0.4 else None,
                    )
                    happenings.append(spec)
                specs.append(spec)
                sentences.append(f"جملة {n}-{k} عن حدث في {spec[0].isoformat()}.")
            text = " ".join(sentences)
            article = Article(id=stable_id("bench", n), text=text, source=rng.choice(_OUTLETS), page=f"bench-{n}")
            result = SimpleNamespace(
                page=SimpleNamespace(
                    name=f"bench-{n}",
                    text=text,
                    is_html=False,
                    encoding="utf-8",
                    content_hash=stable_id("page", n, length=64),
                ),
                articles=[article],
                events=[_event(article, sentence, spec) for sentence, spec in zip(sentences, specs, strict=True)],
            )
            store.ingest_page(result)


def _event(article: Article, sentence: str, spec: tuple) -> dict:
    day, precision, kind, countries, place = spec
    start = {"day": day, "month": day.replace(day=1), "year": day.replace(month=1, day=1)}[precision]
    end = {
        "day": day,
        "month": (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
        "year": day.replace(month=12, day=31),
    }[precision]
    offset = article.text.index(sentence)
    return {
        "id": stable_id(article.id, offset),
        "article_id": article.id,
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "precision": precision,
        "approximate": False,
        "undated": False,
        "date_text": start.isoformat(),
        "type": kind,
        "countries": list(countries),
        "actors": [],
        "places": [place] if place else [],
        "title_en": kind,
        "sentence": sentence,
        "char_start": offset,
        "char_end": offset + len(sentence),
        "mentions": [],
        "trigger": "",
        "source": article.source,
        "url": None,
        "published": None,
        "confidence": 0.5,
        "extractor_version": "bench",
    }


def bench_load(path: Path) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, merged events) of ``list_events()`` in a fresh process state."""
    with open_store(path) as store:
        started = time.perf_counter()
        merged = len(store.list_events())
        cold = time.perf_counter() - started
    with open_store(path) as store:
        started = time.perf_counter()
        store.list_events()
        warm = time.perf_counter() - started
    return cold, warm, merged


def first_render(path: Path) -> float:
    """Seconds for the dashboard's first complete run on the store at ``path`` (fresh caches),
    measured with Streamlit's AppTest: loading, merging, indexing, filtering and both figures."""
    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("TIMELINE_DB")
    os.environ["TIMELINE_DB"] = str(path)
    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        app.run()
        seconds = time.perf_counter() - started
        if app.exception:
            raise RuntimeError(app.exception[0].message)
        return seconds
    finally:
        if previous is None:
            os.environ.pop("TIMELINE_DB", None)
        else:
            os.environ["TIMELINE_DB"] = previous


def _as_html(text: str, number: int) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تقرير {number}</title>'
        f"</head><body><article>\n{paragraphs}</article></body></html>"
    )


def serve_site(server: LocalServer, pages: list[Path]) -> str:
    """Serve the HTML ``pages`` and one RSS feed (with an ETag) listing them; returns the feed's URL."""
    items = []
    for number, page in enumerate(pages):
        path = f"/news/{page.name}"
        server.answer(path, page.read_bytes())
        items.append(f"<item><title>تقرير {number}</title><link>{server.url(path)}</link></item>")
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>{"".join(items)}'
    server.answer("/feed.xml", feed + "</channel></rss>", "application/rss+xml", ETag='"bench-1"')
    server.robots("User-agent: *\nAllow: /\n")
    return server.url("/feed.xml")


def read_feed(db: Path, feed_url: str) -> tuple[float, WebSummary, int]:
    """(seconds, summary, requests) of one ``--feed`` run: a new client, as a new command would."""
    with open_store(db) as store, WebClient(FetchSettings(delay=0)) as client:
        harvest = Harvest(store, client, progress=False, note=lambda line: None)
        summary = WebSummary()
        started = time.perf_counter()
        harvest.feed(FeedSpec(feed_url), summary)
        return time.perf_counter() - started, summary, client.requests


def bench_web(work: Path, count: int) -> None:
    texts, folder = work / "web-texts", work / "web-pages"
    texts.mkdir()
    folder.mkdir()
    make_pages(texts, count, seed=23)
    for number, text in enumerate(sorted(texts.glob("*.txt"))):
        (folder / f"{text.stem}.html").write_text(_as_html(text.read_text(encoding="utf-8"), number), encoding="utf-8")
    pages = sorted(folder.glob("*.html"))
    with open_store(work / "web-files.db") as store:
        started = time.perf_counter()
        ingest_paths(store, [folder], progress=False)
        files_rate = count / (time.perf_counter() - started)
    print(f"Over HTTP: {count} pages and one RSS feed on a local server (delay 0)")
    print(f"  baseline, the same HTML pages from files: {files_rate:.1f} pages/s")
    remove_guard = install_guard()
    try:
        with LocalServer() as server:
            feed_url = serve_site(server, pages)
            first, summary, requests = read_feed(work / "web.db", feed_url)
            rate = summary.new / first
            print(
                f"  round 1: {summary.new} pages added, {len(summary.failed)} failed, {requests} requests in "
                f"{first:.1f} s = {rate:.1f} pages/s (x{rate / files_rate:.2f} vs files)"
            )
            second, summary, requests = read_feed(work / "web.db", feed_url)
            print(
                f"  round 2 (conditional GET): {summary.feeds_unchanged} feed unchanged, {summary.new} pages added, "
                f"{requests} requests in {second:.3f} s (x{first / second:.0f} faster than round 1)"
            )
    finally:
        remove_guard()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--web-pages", type=int, default=200, help="pages served over HTTP (0: skip)")
    parser.add_argument("--web-only", action="store_true", help="only the run over HTTP")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        work = Path(tmp)
        if args.web_only:
            load_resources()  # lexicons loaded before timing
            bench_web(work, args.web_pages)
            return
        pages = work / "pages"
        pages.mkdir()
        make_pages(pages, args.articles)
        load_resources()  # lexicons loaded before timing, as in a running dashboard (pool workers load their own)
        print(f"Ingestion of {args.articles} generated pages")
        base = None
        for workers in (1, args.workers) if args.workers > 1 else (1,):
            seconds, articles, events = bench_ingest(pages, work, workers)
            rate = articles / seconds if seconds else float("inf")
            base = base or rate
            print(
                f"  {workers} process(es): {articles} articles, {events} events in {seconds:.1f} s = "
                f"{rate:.1f} articles/s (x{rate / base:.2f} vs 1 process)"
            )
        print("Dashboard first load: list_events(), then the whole page")
        baseline = None
        renders: list[float] = []
        for size in (10_000, args.events):
            path = work / f"load-{size}.db"
            started = time.perf_counter()
            fill_store(path, size)
            filled = time.perf_counter() - started
            cold, warm, merged = bench_load(path)
            baseline = baseline or (cold, warm)
            print(
                f"  {size} events ({merged} after merging; store filled in {filled:.0f} s): cold {cold:.2f} s "
                f"(x{cold / baseline[0]:.1f} vs 10k), warm {warm:.2f} s (x{warm / baseline[1]:.1f} vs 10k)"
            )
            renders.append(first_render(path))
            print(
                f"  {size} events: dashboard first render {renders[-1]:.2f} s (x{renders[-1] / renders[0]:.1f} vs 10k)"
            )
        if args.web_pages:
            bench_web(work, args.web_pages)


if __name__ == "__main__":
    main()
