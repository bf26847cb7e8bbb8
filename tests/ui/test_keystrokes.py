"""Telling a scanner's typing from a person's: key stamps and the scanner's marks."""

from __future__ import annotations

import pytest

from concierge_app.ui.keystrokes import KeyStamps, has_scanner_marks
from tests.keyboard import HUMAN_GAP, SCANNER_GAP, FakeClock
from tests.ui.fakes import token_for


def _stamped(clock: FakeClock, count: int, gap: float) -> KeyStamps:
    stamps = KeyStamps(clock)
    for _ in range(count):
        clock.advance(gap)
        stamps.stamp()
    return stamps


def test_key_stamps_tell_a_scanner_from_a_person_and_from_a_paste() -> None:
    clock = FakeClock()
    token = token_for(1)

    assert _stamped(clock, len(token), SCANNER_GAP).by_scanner(token)
    assert not _stamped(clock, len(token), HUMAN_GAP).by_scanner(token)
    # Two fast keys, then the rest pasted: a person.
    assert not _stamped(clock, 2, SCANNER_GAP).by_scanner(token)

    stamps = _stamped(clock, len(token), SCANNER_GAP)
    stamps.clear()
    assert len(stamps) == 0
    assert not stamps.by_scanner(token)


@pytest.mark.parametrize(
    ("text", "prefix", "suffix", "marked"),
    [
        ("]Q1" + token_for(2), "]Q1", "", True),
        ("]q1" + token_for(2), "]Q1", "", True),
        (token_for(2) + "#", "", "#", True),
        ("1-2603-1-000001#", "", "#", True),
        (token_for(2), "]Q1", "#", False),
        (token_for(2), "", "", False),
        # A password that starts or ends like the scanner's marks is no scan.
        ("]Q1secret", "]Q1", "", False),
        ("concierge", "CON", "", False),
        ("hunter2#", "", "#", False),
    ],
)
def test_the_scanners_marks_count_only_around_a_readable_code(
    text: str, prefix: str, suffix: str, marked: bool
) -> None:
    assert has_scanner_marks(text, prefix=prefix, suffix=suffix) is marked
