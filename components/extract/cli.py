"""Command line: ``python -m components.extract PATH [PATH ...] [--published YYYY-MM-DD]``.

Prints one JSON object per event per line on stdout (see docs/event_schema.md). A path may be a
file or a folder. An input that cannot be read gets one ``error: <name>: <reason>`` line on stderr
and nothing on stdout; the other inputs are still processed and the exit status is 2 (the inputs
and their messages: docs/input.md, tests/bad_inputs/reading_cases.py).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from components.extract.pipeline import Resources, events_to_jsonl, extract_file, load_resources
from components.extract.publication_date import given_date_problem
from components.extract.reading import UnreadableInput, iter_page_paths, missing_reason, printable


def iso_date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from error
    problem = given_date_problem(day)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m components.extract",
        description="Extract dated diplomatic events from Arabic news pages (text or HTML) as JSON lines.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a page file or a folder of pages")
    parser.add_argument(
        "--published",
        type=iso_date,
        help="publication date (YYYY-MM-DD) of pages that neither give one in a metadata file nor print their own",
    )
    parser.add_argument("--source", help="name of the outlet, for pages whose metadata does not give one")
    parser.add_argument("--url", help="address of the page, when its metadata does not give one")
    return parser


def load_lasting_resources() -> Resources:
    """The lexicons, loaded with the cycle collector paused and then set apart from what it walks: hundreds of
    thousands of objects that hold no garbage and live as long as the process (walking them again and again,
    and once more at exit, took a noticeable share of a run)."""
    gc.disable()
    try:
        resources = load_resources()
    finally:
        gc.enable()
    gc.freeze()
    return resources


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    resources = load_lasting_resources()
    failed = False
    out = sys.stdout
    for path in args.paths:
        if not path.exists():
            reason = missing_reason(path)
            print(
                f"error: {printable(path)}: {'no such file or folder' if reason == 'file not found' else reason}",
                file=sys.stderr,
            )
            failed = True
            continue
        for page_path in iter_page_paths([path]):
            try:
                result = extract_file(
                    page_path, published=args.published, source=args.source, url=args.url, resources=resources
                )
            except UnreadableInput as error:
                print(f"error: {error}", file=sys.stderr)
                failed = True
                continue
            out.write(events_to_jsonl(result.events))
            out.flush()
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
