"""Typing for Qt tests: a clock that moves only when told, scanner and human speeds.

A USB scanner types about one key every 2 ms, a person one every 120 ms; the
scan field tells them apart by the gaps its clock measures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

SCANNER_GAP = 0.002
HUMAN_GAP = 0.120


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def type_text(
    qtbot: object, widget: QWidget, text: str, clock: FakeClock, gap: float
) -> None:
    """Type `text` into `widget` one key every `gap` seconds of `clock`."""
    for char in text:
        clock.advance(gap)
        qtbot.keyClick(widget, char)  # type: ignore[attr-defined]


def scan(qtbot: object, widget: QWidget, text: str, clock: FakeClock) -> None:
    """What a USB scanner does: a fast burst of keys, then Enter."""
    type_text(qtbot, widget, text, clock, SCANNER_GAP)
    clock.advance(SCANNER_GAP)
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[attr-defined]
