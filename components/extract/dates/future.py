"""Is a word a verb in the future (سيزور، ستعقد، سنواصل)? A rule, not a list of names.

A word opening with the future prefix (س + a person letter: سي، ست، سن، سأ) is a verb when what
follows the prefix can be an imperfect verb: not a long ā right after the person letter (سياسة،
سيارة), no noun ending (ة، ات، ية، يون، يين …, ``noun_ending`` in ``date_words.tsv``), neither too short
nor too long, not a common noun listed as ``not_future_verb`` (سنوات، سيد، ستة), and not a word the
gazetteer knows as a name (سيرغي، ستوكهولم).
"""

from __future__ import annotations

from collections.abc import Callable

MIN_STEM, MAX_STEM = 2, 8  # letters after the person letter (سيرد … سيتفاوضون)
_DIACRITICS = {chr(code) for code in range(0x064B, 0x0653)} | {"\u0640", "\u0670"}


def bare(word: str) -> str:
    """The word without diacritics and tatweel (hamza seats and taa marbuta kept)."""
    return "".join(ch for ch in word if ch not in _DIACRITICS)


def is_future_verb(
    written: str,
    folded: str,
    prefix_length: int,
    *,
    noun_endings: tuple[str, ...],
    not_verbs: frozenset[str],
    is_name: Callable[[str], bool],
) -> bool:
    """``written``: the word as in the text (without a conjunction); ``folded``: its folded form;
    ``prefix_length``: letters of the future prefix (2 for سي)."""
    word = bare(written)
    stem = word[prefix_length:]
    if folded in not_verbs or is_name(folded):
        return False
    if not MIN_STEM <= len(stem) <= MAX_STEM or stem.startswith("ا"):
        return False
    return not any(word.endswith(ending) for ending in noun_endings)
