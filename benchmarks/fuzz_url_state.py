"""The URL grammar's properties (``tests/test_url_state_properties.py``) on many more arbitrary
query strings than the test suite runs, with a random seed each time.

    python benchmarks/fuzz_url_state.py [--examples 20000]

Prints the number of examples per property and the time taken; fails with hypothesis's smallest
falsifying example when a property does not hold.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings

from tests.test_url_state_properties import MANY_VALUES, QUERY_STRINGS, check_bound, check_notices, check_round_trip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000)
    examples = parser.parse_args().examples
    options = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    for name, strategy, check in (
        ("round trip", QUERY_STRINGS, check_round_trip),
        ("notices", QUERY_STRINGS, check_notices),
        ("bound", MANY_VALUES, check_bound),
    ):
        started = time.perf_counter()
        options(given(strategy)(check))()
        print(f"{name:<10} {examples:>7} examples  {time.perf_counter() - started:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
