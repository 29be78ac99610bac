"""Run the extractor over a folder of pages and score it strictly against a golden file of happenings."""

from __future__ import annotations

from pathlib import Path

from components.evaluation.strict import (
    Happening,
    PublicationScore,
    StrictScore,
    load_happenings,
    load_printed_dates,
    score_pages,
    score_publication,
)
from components.extract.pipeline import event_to_dict, extract_file, load_resources
from components.extract.reading import iter_page_paths
from components.extract.records import EventRecord


def extract_folder(folder: Path) -> dict[str, list[EventRecord]]:
    """Events of every page of a folder, keyed by the page's file name."""
    resources = load_resources()
    return {
        path.name: [event_to_dict(e) for e in extract_file(path, resources=resources).events]
        for path in iter_page_paths([folder])
    }


def score_folder(folder: Path, golden_file: Path) -> tuple[StrictScore, list[Happening]]:
    """One golden row per happening; a second output for the same happening counts as wrong."""
    golden = load_happenings(golden_file)
    return score_pages(extract_folder(folder), golden), golden


def score_outlet_part(part: Path, pages: range | None = None) -> tuple[StrictScore, PublicationScore]:
    """Score a part of ``tests/outlets`` (``pages/``, ``golden.tsv``, ``published.tsv``): the events
    strictly, and the publication date each page prints. ``pages`` keeps only the pages whose file
    name starts with one of those numbers (a batch written together)."""

    def kept(name: str) -> bool:
        return pages is None or (name[:2].isdigit() and int(name[:2]) in pages)

    resources = load_resources()
    paths = [path for path in iter_page_paths([part / "pages"]) if kept(path.name)]
    results = {path.name: extract_file(path, resources=resources) for path in paths}
    events = {name: [event_to_dict(e) for e in result.events] for name, result in results.items()}
    rows = [row for row in load_happenings(part / "golden.tsv") if kept(row.page)]
    printed = [entry for entry in load_printed_dates(part / "published.tsv") if kept(entry.page)]
    return score_pages(events, rows), score_publication(results, printed)
