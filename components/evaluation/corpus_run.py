"""Run the extractor over a folder of pages and score it against a golden file."""

from __future__ import annotations

from pathlib import Path

from components.evaluation.scoring import GoldenEvent, Score, load_golden, score
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


def score_folder(folder: Path, golden_file: Path) -> tuple[Score, list[GoldenEvent]]:
    golden = load_golden(golden_file)
    return score(extract_folder(folder), golden), golden
