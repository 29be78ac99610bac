"""An article's text is scanned for dates twice in a row (publication date, then its dates): the second
scan reuses the first one's mentions, as copies, so that what one caller changes the other never sees."""

from __future__ import annotations

from components.extract.dates.scan import scan
from components.text.arabic import fold

TEXT = "وقال الوزير اليوم الأربعاء 5 يونيو 2024 إن المحادثات التي جرت في مايو ويوليو 2023 ستستأنف غدا."
OTHER = "واجتمع الطرفان في 12 مارس 2022 ثم في 3 أبريل."


def _spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.kind, m.start, m.end) for m in scan(fold(text), text)]


def test_a_second_scan_of_a_text_gives_equal_mentions_that_are_its_own() -> None:
    first = scan(fold(TEXT), TEXT)
    second = scan(fold(TEXT), TEXT)
    assert first == second and len(first) >= 3
    assert all(one is not other for one, other in zip(first, second, strict=True))
    first[0].borrowed_year = 1999
    first.clear()
    assert scan(fold(TEXT), TEXT) == second
    assert second[0].borrowed_year != 1999


def test_scans_of_different_texts_do_not_mix() -> None:
    one, other = _spans(TEXT), _spans(OTHER)
    assert one != other
    assert _spans(TEXT) == one and _spans(OTHER) == other
    assert one and other
