"""Extraction of one pasted or uploaded page in a child process, within a time and a memory budget.

The dashboard's server is shared by every user: a page that takes too long or too much memory to
extract must fail alone, with a message, instead of slowing or killing the server. The child
(``python -m components.ui.extraction_job``) limits its own address space and CPU time
(``resource.setrlimit``) once its modules are loaded, reads the page from a file and writes the
result (a pickled :class:`Outcome`) to another; the parent also stops it after a wall-clock budget.
"""

from __future__ import annotations

import contextlib
import math
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from components.extract.pipeline import PageResult
from components.extract.reading import UnreadableInput
from components.store.ingest import extract_bytes

ROOT = Path(__file__).resolve().parents[2]
TIME_BUDGET_S = 60.0
MEMORY_BUDGET_MB = 1024
START_UP_S = 30.0  # loading modules and lexicons before the budget starts


@dataclass(frozen=True)
class Job:
    data: bytes
    name: str
    published: date | None
    source: str | None
    url: str | None


@dataclass(frozen=True)
class Outcome:
    """The extraction, or why there is none: ``over`` is ``"time"`` or ``"memory"`` when the page
    exceeded the budget, ``error`` says what else went wrong."""

    result: PageResult | None = None
    error: str | None = None
    over: str | None = None


def _vm_bytes() -> int:
    """The address space the process uses now (from /proc; 0 where it cannot be read)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_self(memory_mb: int, seconds: float) -> None:
    """Cap this process: ``memory_mb`` more address space than it holds now, ``seconds`` more CPU
    time than it has used (the limit counts from the process's start, loading included)."""
    if _vm_bytes():
        ceiling = _vm_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(usage.ru_utime + usage.ru_stime + max(1.0, seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 10))  # SIGXCPU at the soft limit, SIGKILL 10 s later


def run_job(job: Job) -> Outcome:
    """Extract ``job`` here (in the child): the page's result, or what went wrong."""
    try:
        result = extract_bytes(job.data, job.name, published=job.published, source=job.source, url=job.url)
    except MemoryError:
        return Outcome(over="memory")
    except UnreadableInput as error:
        return Outcome(error=str(error))
    except Exception as error:  # any other failure is this page's, reported in words
        return Outcome(error=f"{type(error).__name__}: {error}")
    return Outcome(result=result)


def _outcome_of(
    finished: subprocess.CompletedProcess[bytes], output: Path, cpu_seconds: float, seconds: float
) -> Outcome:
    """What the child's exit says: its result, the budget it exceeded, or its last error line."""
    if finished.returncode == 0 and output.stat().st_size:
        with output.open("rb") as handle:
            outcome = pickle.load(handle)  # written by our own child process just now
        return outcome if isinstance(outcome, Outcome) else Outcome(error="no result")
    stderr = finished.stderr.decode("utf-8", "replace")
    # SIGXCPU comes only from the CPU limit; SIGKILL follows it 10 s later if the child goes on.
    if finished.returncode == -signal.SIGXCPU or (finished.returncode == -signal.SIGKILL and cpu_seconds >= seconds):
        return Outcome(over="time")
    if "MemoryError" in stderr or "Cannot allocate memory" in stderr:
        return Outcome(over="memory")
    return Outcome(error=stderr.strip().splitlines()[-1] if stderr.strip() else f"exit {finished.returncode}")


def extract_within_budget(
    job: Job, *, seconds: float = TIME_BUDGET_S, memory_mb: int = MEMORY_BUDGET_MB, start_up: float = START_UP_S
) -> Outcome:
    """Extract ``job`` in a child process that may use ``seconds`` of CPU time and ``memory_mb`` of
    memory once its modules are loaded (``start_up`` more seconds of wall-clock time for that)."""
    with tempfile.TemporaryDirectory(prefix="extraction-") as folder:
        source, output = Path(folder) / "job.pickle", Path(folder) / "outcome.pickle"
        with source.open("wb") as handle:
            pickle.dump(job, handle)
        output.touch()
        command = [sys.executable, "-m", "components.ui.extraction_job", str(source), str(output)]
        command += [str(memory_mb), str(seconds)]
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            finished = subprocess.run(command, capture_output=True, timeout=seconds + start_up, cwd=ROOT, check=False)
        except subprocess.TimeoutExpired:
            return Outcome(over="time")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds = (after.ru_utime + after.ru_stime) - (used.ru_utime + used.ru_stime)
        return _outcome_of(finished, output, cpu_seconds, seconds)


def main(argv: list[str]) -> int:
    source, output, memory_mb, seconds = Path(argv[0]), Path(argv[1]), int(argv[2]), float(argv[3])
    with source.open("rb") as handle:
        job = pickle.load(handle)  # written by the parent process for this child
    with contextlib.suppress(UnreadableInput):  # load the lexicons before the budget starts
        extract_bytes("تمهيد.".encode(), "warm-up.txt")
    limit_self(memory_mb, seconds)
    outcome = run_job(job)
    with output.open("wb") as handle:
        pickle.dump(outcome, handle)
    return 0


if __name__ == "__main__":
    # Run as the package's module, not as __main__, so that what it pickles names its classes by
    # the path the parent knows (components.ui.extraction_job.Outcome).
    from components.ui import extraction_job

    sys.exit(extraction_job.main(sys.argv[1:]))
