"""Score the extractor on the evaluation corpus and list what it missed or got wrong.

python benchmarks/score_corpus.py [--folder tests/corpus/articles] [--golden tests/corpus/golden.tsv] [--details]

Strict scoring (components/evaluation/strict.py): one golden row per happening and one output per
happening, so a second output for the same happening, or an undated one, counts as wrong. Prints
span recall, strict precision, full recall (span, type, countries, place) and how often the status
(reported/planned) and role (news/background) of the found happenings agree; --details lists the
missed rows and the wrong outputs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.evaluation.corpus_run import score_folder
from components.evaluation.strict import StrictScore


def report(score: StrictScore) -> None:
    print(f"{score.rows} happenings, {score.outputs} output events ({score.undated_outputs} undated)")
    print(f"span recall       {score.found:4d} / {score.rows:<4d} {score.span_recall:6.1%}")
    print(f"strict precision  {score.correct_outputs:4d} / {score.outputs:<4d} {score.precision:6.1%}")
    print(f"full recall       {score.matched:4d} / {score.rows:<4d} {score.full_recall:6.1%}")
    if score.found:
        print(f"status agreement  {score.status_agree:4d} / {score.found:<4d} {score.status_agree / score.found:6.1%}")
        print(f"role agreement    {score.role_agree:4d} / {score.found:<4d} {score.role_agree / score.found:6.1%}")


def details(score: StrictScore) -> None:
    for row in score.missed:
        print(f"MISSED {row.page}: {row.date_start}..{row.date_end} {row.precision} {'|'.join(row.types)} "
              f"{row.status}/{row.role} «{' || '.join(row.date_texts)}»")  # fmt: skip
    for event in score.wrong:
        print(f"WRONG  {event['page']}: {event.get('date_start')}..{event.get('date_end')} {event.get('precision')} "
              f"{event.get('type')} «{event.get('date_text')}» in «{str(event.get('sentence'))[:90]}»")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=ROOT / "tests" / "corpus" / "articles")
    parser.add_argument("--golden", type=Path, default=ROOT / "tests" / "corpus" / "golden.tsv")
    parser.add_argument("--details", action="store_true", help="list missed rows and wrong outputs")
    args = parser.parse_args()
    score, _ = score_folder(args.folder, args.golden)
    report(score)
    if args.details:
        details(score)


if __name__ == "__main__":
    main()
