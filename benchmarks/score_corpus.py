"""Score the extractor on the evaluation corpus and list what it missed or got wrong.

python benchmarks/score_corpus.py [--folder tests/corpus/articles] [--golden tests/corpus/golden.tsv]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.evaluation.corpus_run import score_folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=ROOT / "tests" / "corpus" / "articles")
    parser.add_argument("--golden", type=Path, default=ROOT / "tests" / "corpus" / "golden.tsv")
    args = parser.parse_args()
    result, _ = score_folder(args.folder, args.golden)
    print(f"golden events: {result.golden}, output events: {result.output}")
    print(f"found with the right span: {result.found} ({result.span_recall:.1%})")
    print(f"matched (span, type, countries, place): {result.matched} ({result.recall:.1%})")
    print(f"output events correct (span and type): {result.correct_output} ({result.precision:.1%})")
    for row in result.missed:
        print(
            f"MISSED {row.article}: {row.date_start}..{row.date_end} {row.precision} {'|'.join(row.types)} "
            f"«{row.date_text}»"
        )
    for event in result.wrong:
        print(
            f"WRONG  {event['article']}: {event['date_start']}..{event['date_end']} {event['precision']} "
            f"{event['type']} «{event['date_text']}» in «{event['sentence'][:90]}»"
        )


if __name__ == "__main__":
    main()
