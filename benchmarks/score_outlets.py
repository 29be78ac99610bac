"""Score the extractor on the pages shaped like real outlets (tests/outlets/tune and frozen).

python benchmarks/score_outlets.py [--part tune|frozen|both] [--details] [--pages 75-86]

Prints, per part: span recall, strict precision (one output per happening; duplicates and
undated outputs are wrong), full recall, status/role agreement, and how many pages that print
their publication date get it from the page. --details lists what was missed or wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.evaluation.corpus_run import score_outlet_part
from components.evaluation.strict import PublicationScore, StrictScore

OUTLETS = ROOT / "tests" / "outlets"


def score_part(part: str, pages: range | None = None) -> tuple[StrictScore, PublicationScore]:
    return score_outlet_part(OUTLETS / part, pages)


def page_range(text: str) -> range:
    """``75-86`` → the pages numbered 75 to 86."""
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def report(part: str, strict: StrictScore, printed: PublicationScore, details: bool) -> None:
    print(f"== {part}: {strict.rows} happenings, {strict.outputs} output events ({strict.undated_outputs} undated)")
    print(f"span recall       {strict.found:4d} / {strict.rows:<4d} {strict.span_recall:6.1%}")
    print(f"strict precision  {strict.correct_outputs:4d} / {strict.outputs:<4d} {strict.precision:6.1%}")
    print(f"full recall       {strict.matched:4d} / {strict.rows:<4d} {strict.full_recall:6.1%}")
    if strict.found:
        print(
            f"status agreement  {strict.status_agree:4d} / {strict.found:<4d} {strict.status_agree / strict.found:6.1%}"
        )
        print(f"role agreement    {strict.role_agree:4d} / {strict.found:<4d} {strict.role_agree / strict.found:6.1%}")
    print(f"publication date  {printed.correct:4d} / {printed.printed:<4d} {printed.accuracy:6.1%}")
    if not details:
        return
    for page, expected, got in printed.wrong:
        print(f"PUBDATE {page}: expected {expected}, got {got}")
    for row in strict.missed:
        print(f"MISSED {row.page}: {row.date_start}..{row.date_end} {row.precision} {'|'.join(row.types)} "
              f"{row.status}/{row.role} «{' || '.join(row.date_texts)}»")  # fmt: skip
    for event in strict.wrong:
        print(f"WRONG  {event['page']}: {event.get('date_start')}..{event.get('date_end')} {event.get('precision')} "
              f"{event.get('type')} «{event.get('date_text')}» in «{str(event.get('sentence'))[:90]}»")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("tune", "frozen", "both"), default="both")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--pages", type=page_range, help="only the pages numbered in this range, e.g. 75-86")
    args = parser.parse_args()
    for part in ("tune", "frozen") if args.part == "both" else (args.part,):
        report(part, *score_part(part, args.pages), details=args.details)


if __name__ == "__main__":
    main()
