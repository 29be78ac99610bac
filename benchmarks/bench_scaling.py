"""Extraction cost against page size, on the worst shapes of page under the size limit.

Each run extracts one generated page in a fresh process (so that peak memory is that page's) and
prints the processor time (not wall time: other work on the machine does not count) and the peak
memory added by the extraction, in total and per MB of page:

  * ``no_punctuation``: a real article with line breaks and sentence and clause marks removed,
    its words repeated to size (one endless sentence);
  * ``dated_paragraphs``: an HTML page of thousands of short dated paragraphs;
  * ``repeated_date``: one date phrase repeated (``…يوم 5 مايو 2024 و``).

Bounds (checked, exit status 1 when broken): per shape, the time per MB of the largest page is
within 2x of the smallest one's, and no page uses more than 1 GB.

    python benchmarks/bench_scaling.py [--sizes 50,500,5000] [--shapes no_punctuation,...]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KB = 1024
MB = 1024 * KB
TIME_RATIO_BOUND = 2.0
MEMORY_BOUND_MB = 1024
SMALL_PAGE_RUNS = 3  # pages under 1 MB are timed this many times (the fastest run counts)
SAMPLE_ARTICLE = ROOT / "tests" / "corpus" / "articles" / "01_prague_eu_mission.txt"
_MARKS = re.compile(r"[\n.،,؛;:!?؟…\"«»()]+")


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated until the text is ``size`` bytes of UTF-8 (cut at a character)."""
    repeats = size // max(1, len(unit.encode("utf-8"))) + 1
    text = unit * repeats
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def make_page(shape: str, size: int) -> tuple[str, bool]:
    """The page text of a shape and size, and whether it is HTML."""
    if shape == "no_punctuation":
        words = _MARKS.sub(" ", SAMPLE_ARTICLE.read_text(encoding="utf-8"))
        return _fill(" ".join(words.split()) + " ", size), False
    if shape == "dated_paragraphs":
        paragraph = "<p>التقى وزير الخارجية الأرميني نظيره الأذربيجاني في ألماتي يوم {day} مايو 2024.</p>\n"
        body = "".join(paragraph.format(day=day % 28 + 1) for day in range(200))
        head = "<html><head><title>تقرير</title></head><body><article>\n"
        return head + _fill(body, size - len(head.encode()) - 30) + "</article></body></html>", True
    if shape == "repeated_date":
        return _fill("وقع الطرفان الاتفاق يوم 5 مايو 2024 و", size), False
    raise ValueError(f"unknown shape {shape}")


def _peak_kb() -> int:
    """Peak resident memory of this process so far (VmHWM), in KB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_one(shape: str, size: int) -> dict[str, float]:
    """Extract one page in this process: seconds, peak memory added (MB), events."""
    from components.extract.pipeline import extract_page, load_resources
    from components.extract.reading import RawPage, content_hash

    text, is_html = make_page(shape, size)
    page = RawPage(f"{shape}.{'html' if is_html else 'txt'}", text, is_html, "utf-8", content_hash(text))
    resources = load_resources()
    warm = "التقى الوزيران في 5 مايو 2024."
    extract_page(RawPage("warm.txt", warm, False, "utf-8", content_hash(warm)), resources=resources)
    before = _peak_kb()
    seconds: list[float] = []
    for _ in range(1 if size >= MB else SMALL_PAGE_RUNS):
        start = time.process_time()
        result = extract_page(page, resources=resources)
        seconds.append(time.process_time() - start)
    added = max(0, _peak_kb() - before) / 1024
    return {"seconds": min(seconds), "memory_mb": added, "events": len(result.events)}


def measure(shape: str, size: int) -> dict[str, float]:
    """:func:`run_one` in a fresh process."""
    command = [sys.executable, __file__, "--child", shape, str(size)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,500,5000", help="page sizes in KB")
    parser.add_argument("--shapes", default="no_punctuation,dated_paragraphs,repeated_date")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], int(args.child[1]))))
        return 0
    sizes = [int(size) * KB for size in args.sizes.split(",")]
    sizes = [min(size, 5 * MB - KB) for size in sizes]  # under the page limit
    failed = False
    print(f"{'shape':18} {'size':>8} {'seconds':>8} {'s/MB':>7} {'peak MB':>8} {'MB/MB':>7} {'events':>7}")
    for shape in args.shapes.split(","):
        per_mb: list[float] = []
        for size in sizes:
            found = measure(shape, size)
            megabytes = size / MB
            per_mb.append(found["seconds"] / megabytes)
            print(
                f"{shape:18} {size // KB:>6}KB {found['seconds']:8.2f} {per_mb[-1]:7.2f} "
                f"{found['memory_mb']:8.1f} {found['memory_mb'] / megabytes:7.1f} {int(found['events']):7d}"
            )
            if found["memory_mb"] > MEMORY_BOUND_MB:
                print(f"  over the memory bound of {MEMORY_BOUND_MB} MB")
                failed = True
        ratio = per_mb[-1] / per_mb[0]
        verdict = "ok" if ratio <= TIME_RATIO_BOUND else "TOO SLOW"
        print(f"  time per MB, largest / smallest: {ratio:.2f}x (bound {TIME_RATIO_BOUND}x) {verdict}")
        failed = failed or ratio > TIME_RATIO_BOUND
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
