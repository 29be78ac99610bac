"""Speed of the extractor against the obvious alternative, measured in the same run.

Three measures, each against ``dateparser.search_dates(text, languages=['ar'])`` (dates only):

* per article, in one process: a few hundred articles cut from the test corpus pages and the pages
  shaped like real outlets (tests/outlets/tune), paragraphs recombined; lexicons loaded before timing;
  the two run in turn on each article and their CPU time is counted;
* start-up: ``python -m components.extract`` on a one-line page (the lexicon cache warm, then cold);
* the whole process: ``python -m components.extract FOLDER`` on a few hundred page files (the same
  pages, repeated) against a script that reads the same files and calls ``search_dates`` on each
  (tags stripped from HTML pages), both started as subprocesses. Wall and CPU times are reported:
  the machines are shared, so the CPU time (user + system of the child) is the steadier figure.

    python benchmarks/bench_extract.py [--articles 300] [--files 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.extract.models import Article
from components.extract.page_split import split_page
from components.extract.pipeline import extract_article, load_resources
from components.extract.reading import UnreadableInput, iter_page_paths, read_page

OUTLETS = ROOT / "tests" / "outlets" / "tune" / "pages"
SOURCES = [ROOT / "data" / "articles", ROOT / "tests" / "corpus" / "articles", OUTLETS]
BASELINE_SCRIPT = """
import sys
from html.parser import HTMLParser
from pathlib import Path
from dateparser.search import search_dates

class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.skip = 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0
    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

for path in sorted(Path(sys.argv[1]).iterdir()):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1256")
    if path.suffix == ".html":
        parser = Text()
        parser.feed(text)
        text = "\\n".join(parts.strip() for parts in parser.parts if parts.strip())
    found = search_dates(text, languages=["ar"]) or []
    print(path.name, len(found))
"""


def page_files() -> list[Path]:
    return list(iter_page_paths([source for source in SOURCES if source.exists()]))


def base_paragraphs() -> list[list[str]]:
    articles: list[list[str]] = []
    for path in page_files():
        try:
            page = read_page(path)
        except UnreadableInput:
            continue
        for draft in split_page(page):
            paragraphs = [p for p in draft.text.split("\n") if p.strip()]
            if paragraphs:
                articles.append(paragraphs)
    return articles


def build_corpus(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    bases = base_paragraphs()
    corpus = []
    for _ in range(count):
        first, second = rng.choice(bases), rng.choice(bases)
        paragraphs = first + rng.sample(second, k=min(len(second), 3))
        rng.shuffle(paragraphs)
        corpus.append("\n".join(paragraphs))
    return corpus


def time_per_article(
    ours: Callable[[str], object], baseline: Callable[[str], object], texts: list[str]
) -> tuple[float, float]:
    """CPU seconds per article of each, the two run in turn on every article: a load that comes and goes on
    the machine weighs on both alike."""
    spent = [0.0, 0.0]
    for text in texts:
        for side, function in enumerate((ours, baseline)):
            start = time.process_time()
            function(text)
            spent[side] += time.process_time() - start
    return spent[0] / len(texts), spent[1] / len(texts)


def per_article(count: int) -> None:
    from dateparser.search import search_dates

    start = time.process_time()
    resources = load_resources()
    load_seconds = time.process_time() - start
    corpus = build_corpus(count)
    published = date(2025, 6, 1)

    def ours(text: str) -> None:
        extract_article(Article(id="bench", text=text, published=published), resources)

    def baseline(text: str) -> None:
        search_dates(text, languages=["ar"])

    ours(corpus[0])  # warm both (imports, caches of the first call)
    baseline(corpus[0])
    chars = sum(map(len, corpus)) / len(corpus)
    ours_seconds, baseline_seconds = time_per_article(ours, baseline, corpus)
    print(f"== per article: {len(corpus)} articles, {chars:.0f} characters each on average (CPU time)")
    print(f"lexicon load (once, from the cache): {load_seconds * 1000:.0f} ms")
    print(f"ours, full extraction:         {ours_seconds * 1000:8.2f} ms per article")
    print(f"baseline, search_dates only:   {baseline_seconds * 1000:8.2f} ms per article")
    print(f"ratio baseline / ours:         {baseline_seconds / ours_seconds:8.1f}x  (target: at least 5x)")


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def best(
    args: list[str], env: dict[str, str], runs: int, prepare: Callable[[], None] = lambda: None
) -> tuple[float, float]:
    """The fastest of several runs (wall and CPU separately): the least disturbed by other work."""
    times = []
    for _ in range(runs):
        prepare()
        times.append(run_child(args, env))
    return min(wall for wall, _ in times), min(cpu for _, cpu in times)


def child_env(cache_dir: Path) -> dict[str, str]:
    """The environment of a normal installation: bytecode is cached, the lexicon cache is ``cache_dir``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["TIMELINE_CACHE_DIR"] = str(cache_dir)
    return env


def start_up(work: Path, runs: int) -> None:
    page = work / "one.txt"
    page.write_text("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n", encoding="utf-8")
    env = child_env(work / "cache")
    run_child(["-m", "components.extract", str(page)], env)  # fills the cache and the bytecode
    bare = best(["-c", "pass"], env, runs)
    warm = best(["-m", "components.extract", str(page)], env, runs)
    cold = best(
        ["-m", "components.extract", str(page)], env, runs, lambda: shutil.rmtree(work / "cache", ignore_errors=True)
    )
    print("== start-up: python -m components.extract on a one-line page (wall / CPU, best of runs)")
    print(f"python itself:                 {bare[0]:6.2f} s / {bare[1]:5.2f} s")
    print(f"lexicon cache warm:            {warm[0]:6.2f} s / {warm[1]:5.2f} s   (target: under 0.3 s)")
    print(f"lexicon cache cold (rebuilt):  {cold[0]:6.2f} s / {cold[1]:5.2f} s")


def whole_process(work: Path, count: int, runs: int) -> None:
    files = page_files()
    folder = work / "pages"
    folder.mkdir()
    for number in range(count):
        source = files[number % len(files)]
        shutil.copyfile(source, folder / f"{number:04d}_{source.name}")
    script = work / "baseline.py"
    script.write_text(BASELINE_SCRIPT, encoding="utf-8")
    env = child_env(work / "cache")
    run_child(["-m", "components.extract", str(folder)], env)  # warm the lexicon cache and bytecode
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "baseline": []}
    for _ in range(runs):  # in turn, so that a load that comes and goes weighs on both alike
        times["ours"].append(run_child(["-m", "components.extract", str(folder)], env))
        times["baseline"].append(run_child([str(script), str(folder)], env))
    ours, baseline = (
        (min(wall for wall, _ in runs_of), min(cpu for _, cpu in runs_of))
        for runs_of in (times["ours"], times["baseline"])
    )
    print(f"== whole process: {count} page files ({len(files)} distinct pages, repeated), best of {runs} runs")
    print(f"ours, python -m components.extract:  {ours[0]:7.2f} s wall / {ours[1]:6.2f} s CPU")
    print(f"baseline, search_dates script:       {baseline[0]:7.2f} s wall / {baseline[1]:6.2f} s CPU")
    print(
        f"ratio baseline / ours:               {baseline[0] / ours[0]:7.1f}x wall / {baseline[1] / ours[1]:5.1f}x CPU"
        "  (target: at least 5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    per_article(args.articles)
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as temporary:
        start_up(Path(temporary), args.runs)
        whole_process(Path(temporary), args.files, args.runs)


if __name__ == "__main__":
    main()
