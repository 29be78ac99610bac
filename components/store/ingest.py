"""Ingesting pages into the store: ``python -m components.ingest PATH [PATH ...]``.

Each page is read, extracted and written in one transaction, so a page that fails (or a
run that is killed) leaves nothing half-written; running again skips what is stored
(pages are recognised by content hash) and completes the rest. Exit status 2 when some
input failed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import TextIO

from components.extract.pipeline import PageResult, Resources, extract_page, load_resources, read_page_meta
from components.extract.reading import MAX_PAGE_BYTES, UnreadableInput, decode_page, iter_page_paths, read_page
from components.store.event_store import ARTICLES_DIR, Store, StoreError, open_store, store_location
from components.store.extract_pool import ExtractionPool
from components.store.web.options import add_web_arguments, split_targets, wants_web
from components.store.writes import printable

FIRST_PUBLISHED, LAST_PUBLISHED = date(1800, 1, 1), date(2199, 12, 31)

# (page name, its extraction or None when skipped, its metadata sidecar, the error or None)
Extracted = tuple[str, PageResult | None, dict, str | None]


@dataclass
class IngestSummary:
    pages_added: int = 0
    articles_added: int = 0
    duplicates: int = 0  # pages already stored
    articles_skipped: int = 0  # articles already stored from another page
    events_added: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (page, reason)

    def lines(self) -> list[str]:
        out = [
            f"articles added: {self.articles_added} (from {self.pages_added} new pages)",
            f"skipped as duplicates: {self.duplicates} pages, {self.articles_skipped} articles",
            f"failed: {len(self.failed)}",
        ]
        out += [f"  {printable(name)}: {printable(reason)}" for name, reason in self.failed]
        out.append(f"events added: {self.events_added}")
        return out


class Progress:
    """A plain progress bar on stderr (redrawn in place on a terminal, every 10% otherwise)."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_decile = -1

    def step(self, label: str = "") -> None:
        self.done += 1
        if self.total <= 1:
            return
        filled = self.width * self.done // self.total
        bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}"
        if self.tty:
            self.stream.write(f"\r{bar} {Path(label).name[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
        elif (decile := 10 * self.done // self.total) != self._last_decile:
            self._last_decile = decile
            self.stream.write(bar + "\n")
        self.stream.flush()


@lru_cache(maxsize=1)
def _resources() -> Resources:
    """The lexicons, loaded once per process (worker processes load their own)."""
    return load_resources()


def extract_bytes(
    data: bytes,
    name: str,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    page_meta: dict | None = None,
) -> PageResult:
    """Decode and extract an uploaded or pasted page (raises ``UnreadableInput``)."""
    return extract_page(
        decode_page(data, name),
        published=published,
        source=source,
        url=url,
        page_meta=page_meta or {},
        resources=_resources(),
    )


def _extract_path(
    path: Path, published: date | None, source: str | None, url: str | None, known: frozenset[str] = frozenset()
) -> Extracted:
    """(name, PageResult or None, page metadata, error). Runs in worker processes too."""
    try:
        page = read_page(path)
        if page.content_hash in known:
            return str(path), None, {}, None
        meta = read_page_meta(path)
        result = extract_page(page, published=published, source=source, url=url, page_meta=meta, resources=_resources())
        return str(path), result, meta, None
    except UnreadableInput as error:
        return str(path), None, {}, str(error.reason if hasattr(error, "reason") else error)
    except Exception as error:  # one bad page must not stop a batch
        return str(path), None, {}, f"extraction failed ({type(error).__name__}: {error})"


def _extracted(
    paths: Sequence[Path], workers: int, args: tuple[date | None, str | None, str | None], known: frozenset[str]
) -> Iterator[Extracted]:
    """Extraction results (in input order with one process, in completion order with workers).
    Pages already stored are skipped before extraction. A worker process that dies is reported
    as its page failing; the others go on."""
    one_page = partial(_extract_path, published=args[0], source=args[1], url=args[2], known=known)
    if workers <= 1:
        for path in paths:
            yield one_page(path)
        return
    with ExtractionPool(one_page, workers) as pool:
        for path, done, value in pool.run(paths):
            yield value if done else (str(path), None, {}, str(value))


def ingest_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    progress: bool = True,
    workers: int = 1,
    on_page: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders; extraction may run in ``workers`` processes, writes stay here."""
    files = list(iter_page_paths(Path(p) for p in paths))
    summary = IngestSummary()
    bar = Progress(len(files)) if progress else None
    args = (published, source, url)
    for name, result, meta, error in _extracted(files, workers, args, store.page_hashes()):
        if error is not None:
            summary.failed.append((name, error))
        elif result is None:
            summary.duplicates += 1
        else:
            try:
                outcome = store.ingest_page(result, published=published, source=source, url=url, page_meta=meta)
            except StoreError as store_error:
                summary.failed.append((name, str(store_error)))
            except Exception as error:  # one bad page must not stop a batch
                summary.failed.append((name, f"could not be stored ({type(error).__name__}: {error})"))
            else:
                summary.duplicates += outcome.duplicate
                summary.pages_added += not outcome.duplicate
                summary.articles_added += outcome.articles_added
                summary.articles_skipped += outcome.articles_skipped
                summary.events_added += outcome.events_added
        if bar:
            bar.step(name)
        if on_page:
            on_page(name)
    return summary


@dataclass
class QueueSummary:
    queued: int = 0
    already: int = 0  # the same bytes are queued already
    failed: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"pages queued: {self.queued} ({self.already} were queued already)", f"failed: {len(self.failed)}"]
        return out + [f"  {printable(name)}: {printable(reason)}" for name, reason in self.failed]


def _page_bytes(path: Path) -> bytes:
    """A page's bytes, once they are known to decode (raises ``UnreadableInput`` saying why not)."""
    if not path.is_file() or path.stat().st_size > MAX_PAGE_BYTES:
        read_page(path)  # says why: missing, a folder, too big
        raise UnreadableInput(str(path), "not a readable file")
    content = path.read_bytes()
    decode_page(content, str(path))
    return content


def queue_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
) -> QueueSummary:
    """Queue files and folders for the workers (``python -m components.worker``); a file that
    cannot be read or decoded is reported here rather than in a worker."""
    summary = QueueSummary()
    for path in iter_page_paths(Path(p) for p in paths):
        try:
            content = _page_bytes(path)
            meta = read_page_meta(path)
        except UnreadableInput as error:
            summary.failed.append((str(path), str(getattr(error, "reason", "") or error)))
            continue
        except OSError as error:
            summary.failed.append((str(path), f"cannot be read ({error.strerror})"))
            continue
        if store.enqueue_page(str(path), content, meta=meta, published=published, source=source, url=url):
            summary.queued += 1
        else:
            summary.already += 1
    return summary


def build_store(path: Path, articles_dir: Path) -> IngestSummary:
    """Build a new store at ``path`` from ``articles_dir``, published atomically (a killed
    build leaves no half-built store behind; a concurrent build's result is kept)."""
    temp = path.with_name(f"{path.name}.building-{os.getpid()}")
    path.parent.mkdir(parents=True, exist_ok=True)  # the default store's folder (data/) may be created
    for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with Store(temp) as store:
            summary = ingest_paths(store, [articles_dir], progress=False)
        for name, reason in summary.failed:
            print(f"{name}: {reason}", file=sys.stderr)
        if not path.exists():
            os.replace(temp, path)
        return summary
    except ImportError as error:
        raise StoreError(f"cannot build the store from {articles_dir}: extraction is unavailable ({error})") from error
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)


def open_shipped_store(path: str | Path | None = None) -> Store:
    """Open the store the dashboard shows. The default store (``data/timeline.db``) is first
    built from the shipped articles (``data/articles/``) when it does not exist yet, so that a
    fresh clone shows data on first run; any other store opens as it is."""
    location = store_location(path)
    if location.is_default and location.path is not None and not location.path.exists() and ARTICLES_DIR.is_dir():
        build_store(location.path, ARTICLES_DIR)
    return open_store(location)


def publication_date(value: str) -> date:
    """A ``--published`` value: an ISO day within the years a news page can have been published."""
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from error
    if not FIRST_PUBLISHED <= day <= LAST_PUBLISHED:
        raise argparse.ArgumentTypeError(
            f"{value} is out of range: give a publication date from {FIRST_PUBLISHED} to {LAST_PUBLISHED}"
        )
    return day


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m components.ingest",
        description="Add pages (text or HTML files, or folders of them, or web pages and feeds) to the store.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH_OR_URL", help="files, folders, or http(s) addresses of article pages"
    )
    parser.add_argument(
        "--reextract",
        action="store_true",
        help="run the current extractor again over every stored page (corrections are kept)",
    )
    parser.add_argument(
        "--published",
        type=publication_date,
        help="publication date (YYYY-MM-DD) of pages whose metadata file does not give one",
    )
    parser.add_argument("--source", help="name of the outlet, for pages whose metadata does not give one")
    parser.add_argument("--url", help="address of the page, when its metadata does not give one")
    parser.add_argument("--db", help="store file or postgresql:// URL (default: $TIMELINE_DB, else data/timeline.db)")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    parser.add_argument(
        "--queue",
        action="store_true",
        help="add the pages to the store's queue for `python -m components.worker` instead of ingesting them now",
    )
    add_web_arguments(parser)
    args = parser.parse_args(argv)
    split_targets(parser, args)
    if not args.paths and not args.reextract and not wants_web(args):
        parser.error("give at least one PATH or URL, --feed, --follow, or --reextract")
    if args.queue and (args.reextract or not args.paths or wants_web(args)):
        parser.error("--queue takes PATHs of files or folders (not URLs, feeds or --reextract)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    if wants_web(args):
        from components.store.web.cli import run_web  # imported here: the web package builds on this module

        return run_web(args)
    started = time.perf_counter()
    try:
        with open_store(args.db) as store:
            if args.reextract:
                totals = store.reextract(partial(extract_page, resources=_resources()))
                print(
                    f"re-extracted {totals['pages']} pages: {totals['events_before']} events before, "
                    f"{totals['events_after']} after (corrections kept)"
                )
            if args.queue:
                summary: IngestSummary | QueueSummary = queue_paths(
                    store, args.paths, published=args.published, source=args.source, url=args.url
                )
            else:
                summary = ingest_paths(
                    store, args.paths, published=args.published, source=args.source, url=args.url, workers=args.workers
                )
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.paths:
        for line in summary.lines():
            print(line)
    print(f"time: {time.perf_counter() - started:.1f} s")
    return 2 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
