"""A longer property run of the extractor on Arabic-like text (the suite runs 150 fixed examples).

    python benchmarks/fuzz_extract.py [--examples 5000] [--seed N]

Fails (exit status 1, with the smallest failing text) when the extraction raises or its output
does not point into the text; see ``tests/fuzz_text.py`` for the text and the checks.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import given, seed, settings

from components.extract.pipeline import load_resources
from tests.fuzz_text import arabic_like_text, check_extraction, publication_dates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    resources = load_resources()

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None)
    @given(text=arabic_like_text(), published=publication_dates())
    def run(text: str, published: date | None) -> None:
        check_extraction(text, published, resources)

    start = time.perf_counter()
    try:
        run()
    except Exception as error:  # the failure Hypothesis reports, with the smallest example
        print(f"FAILED (seed {args.seed}): {error!r}")
        return 1
    print(f"{args.examples} examples passed in {time.perf_counter() - start:.0f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
