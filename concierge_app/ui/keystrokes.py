"""How a scanner's typing is told from a person's, wherever keys arrive.

A USB scanner types like a keyboard. Whether a scanner or a person typed a
text is told by the gaps between its keys, measured with a clock the app
owns (Qt's key events carry no usable time stamp): a median gap under
`SCANNER_GAP` seconds is a scanner. The median, not the mean, so a scanner
with a buffer that pauses mid-code is still a scanner, and a person's few
quick key rolls do not make them one. A text with fewer key stamps than
characters was pasted, by a person.

The scan field marks each scan with it; `ui.scan_guard` uses it, and the
scanner's configured prefix or suffix, so that a package scanned on the
login page or at a locked desk is never taken for a user name or password.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from concierge_app.domain.payload import Unreadable, parse_scan

Clock = Callable[[], float]
"""Monotonic seconds; injected so that tests can type at a chosen speed."""

SCANNER_GAP = 0.030
"""A median gap between keys below this many seconds means a scanner typed."""


def typed_by_scanner(stamps: Sequence[float], threshold: float = SCANNER_GAP) -> bool:
    """True when key times (seconds) are as close together as a scanner types."""
    if len(stamps) < 2:
        return False
    gaps = sorted(later - earlier for earlier, later in itertools.pairwise(stamps))
    # The median by hand: the statistics module brings fractions and decimal
    # along, milliseconds of start-up before the login page can show.
    middle = len(gaps) // 2
    median = gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2
    return median < threshold


class KeyStamps:
    """The times of the characters typed into one field since it was emptied."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._stamps: list[float] = []

    def __len__(self) -> int:
        return len(self._stamps)

    def stamp(self) -> None:
        """Note the time of one typed character."""
        self._stamps.append(self._clock())

    def clear(self) -> None:
        """Forget the stamps (the field was emptied)."""
        self._stamps = []

    def by_scanner(self, text: str) -> bool:
        """True when `text`, the field's text, was typed key by key by a scanner."""
        # A pasted text has fewer stamps than characters: a person did it.
        return len(self._stamps) >= len(text.strip()) and typed_by_scanner(self._stamps)

    def fast_tail(self, threshold: float = SCANNER_GAP) -> int:
        """How many of the last characters came at a scanner's speed, one run.

        A scan typed after a few keys of a person's (a field not emptied
        first) is the field's tail: the median of the whole text is a
        person's, but its last keys are a scanner's.
        """
        count = 1 if self._stamps else 0
        for later, earlier in itertools.pairwise(reversed(self._stamps)):
            if later - earlier >= threshold:
                break
            count += 1
        return count


def reads_as_a_code(text: str, *, prefix: str = "", suffix: str = "") -> bool:
    """True when `text` reads as a package's code: a token, a label, an order id."""
    return not isinstance(parse_scan(text, prefix=prefix, suffix=suffix), Unreadable)


def has_scanner_marks(text: str, *, prefix: str = "", suffix: str = "") -> bool:
    """True when `text` is a scan wrapped in the scanner's configured prefix or suffix.

    For a scanner too slow for `typed_by_scanner` (some wireless ones). The
    marks alone are not enough: a password may start with the same
    characters, but not also go on as a token, label or order id.
    """
    stripped = text.strip().upper()
    marked = (bool(prefix) and stripped.startswith(prefix.upper())) or (
        bool(suffix) and stripped.endswith(suffix.upper())
    )
    return marked and reads_as_a_code(text, prefix=prefix, suffix=suffix)
