"""A long run of the reading property tests (tests/test_reading_properties.py): many more random
pages than the fixed-seed run of the suite, with a new seed each time.

    python benchmarks/fuzz_reading.py [pytest options]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "READING_FUZZ_PROFILE": "long"}
    command = [sys.executable, "-m", "pytest", "-q", "tests/test_reading_properties.py", *sys.argv[1:]]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
