"""What the window benchmarks watch and drive: key strokes in, paints out.

Import it only in a child process that measures a window: it puts Qt on
the offscreen platform before Qt is loaded. Nothing here calls
`processEvents()`; the events are delivered by the running loop itself.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections.abc import Callable

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

KEY_GAP = 0.001
"""A scanner types about one key a millisecond."""


def key_events(text: str) -> list[QKeyEvent]:
    """The press and release of every character of `text`, then of Enter."""
    events = []
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            events.append(QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        events.append(
            QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )
    return events


async def scan(widget: QWidget, text: str, gap: float = KEY_GAP) -> None:
    """Post `text` and Enter to `widget` as a scanner would, `gap` per key.

    The keys keep to a schedule rather than sleeping `gap` after each: a
    loop's timers are coarser than a millisecond, and a late key is sent
    at once behind the one before it, as a scanner's buffer does.
    """
    events = key_events(text)
    due = time.perf_counter()
    for number in range(0, len(events), 2):
        # Posted, not sent: the keys queue up behind whatever the loop is
        # doing, as the keys of a real scanner do.
        QApplication.postEvent(widget, events[number])
        QApplication.postEvent(widget, events[number + 1])
        due += gap
        wait = due - time.perf_counter()
        if wait > 0.0005:
            await asyncio.sleep(wait)


class EnterStamps(QObject):
    """Notes the moment each Enter key press reaches a widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.stamps: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.stamps.append(time.perf_counter())
        return False


class PaintProbe(QObject):
    """Times the paints of a widget and its children, one frame at a time.

    Each paint event is handed to the widget's own handler inside the filter,
    so the time noted is when its paintEvent has run. A frame is the paints
    of one backing-store sync; `on_frame` gets the time its last paint ended,
    from a zero timer that fires once the sync is over.
    """

    def __init__(self, widget: QWidget, on_frame: Callable[[float], None]) -> None:
        super().__init__(widget)
        self._on_frame = on_frame
        self._last_end: float | None = None
        for watched in (widget, *widget.findChildren(QWidget)):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        watched.event(event)
        ended = time.perf_counter()
        if self._last_end is None:
            QTimer.singleShot(0, self._frame_over)
        self._last_end = ended
        return True

    def _frame_over(self) -> None:
        ended, self._last_end = self._last_end, None
        if ended is not None:
            self._on_frame(ended)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (share 0.99 is p99)."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return ordered[rank - 1]
