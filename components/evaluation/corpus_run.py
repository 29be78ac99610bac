"""Run the extractor over a folder of pages and score it strictly against a golden file of happenings."""

from __future__ import annotations

from pathlib import Path

from components.evaluation.strict import Happening, StrictScore, load_happenings, score_pages
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
