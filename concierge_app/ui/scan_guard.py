"""Keeps a package scan out of the fields that are not the scan field.

A USB scanner types into whichever field has the keyboard. On the login
page and at the locked desk that is a user name or a password field, where
a token would be sent to the sign-in service as a credential, counted as a
wrong attempt and left on screen. `ScanGuard` watches such fields: on Enter
or Tab it tells a scanner's typing from a person's (`ui.keystrokes`: the
speed of the keys, or the scanner's configured prefix or suffix around a
scan), and a scan is emptied from its field, never logged, and said in
`dropped`, so that the page can tell the person it was not received.

Only text that reads as a package's code (a token, a signed label, an order
id) is taken for a scan: a password manager or a test tool may type a
password as fast as a scanner, and a person's text, however fast, goes on
as typed.
"""

from __future__ import annotations

import logging
import time

from concierge_app.ui.keystrokes import (
    Clock,
    KeyStamps,
    has_scanner_marks,
    reads_as_a_code,
)
from concierge_app.ui.qt import QEvent, QKeyEvent, QLineEdit, QObject, Qt, Signal

logger = logging.getLogger(__name__)

_ENDS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})

END_GRACE = 0.1
"""Seconds after a dropped scan in which another end key (a scanner that
sends Tab and Enter) is the same scan's, not the person's."""


class ScanGuard(QObject):
    """Drops what a scanner types into the fields it watches."""

    dropped = Signal()
    """A scanner typed a code into a watched field; it was emptied."""

    def __init__(self, parent: QObject | None = None, clock: Clock = time.monotonic):
        """A guard; `clock` times key strokes (monotonic seconds)."""
        super().__init__(parent)
        self._clock = clock
        self._marks = ("", "")
        self._stamps: dict[QLineEdit, KeyStamps] = {}
        self._dropped_at: float | None = None

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """The characters the desk's scanner sends around each code."""
        self._marks = (prefix, suffix)

    def watch(self, field: QLineEdit) -> None:
        """Guard this field from now on."""
        stamps = KeyStamps(self._clock)
        self._stamps[field] = stamps
        field.installEventFilter(self)
        # Emptied by the form or by the person: a new text, new stamps.
        field.textChanged.connect(lambda text: stamps.clear() if not text else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stamp each typed character; judge the field's text when it ends."""
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or not isinstance(watched, QLineEdit)
            or watched not in self._stamps
        ):
            return False
        if event.key() in _ENDS:
            # Enter or Tab ends a scan, as in the scan field; a person's goes on.
            return self._drop_a_scan(watched) or self._ends_the_dropped(watched)
        text = event.text()
        if text and text.isprintable():
            self._stamps[watched].stamp()
        return False

    def _drop_a_scan(self, field: QLineEdit) -> bool:
        text = field.text()
        if not text.strip() or not self._scanned(text, self._stamps[field]):
            return False

        # A token is a secret: not in a field, not in the log, not a password.
        field.clear()
        logger.info("A scan typed into %r was dropped", field.accessibleName())
        self._dropped_at = self._clock()
        self.dropped.emit()
        return True

    def _scanned(self, text: str, stamps: KeyStamps) -> bool:
        prefix, suffix = self._marks
        if has_scanner_marks(text, prefix=prefix, suffix=suffix):
            return True

        # The whole text at a scanner's speed, or its tail when a person's
        # keys came first; or what follows the scanner's prefix within it.
        candidates = [text] if stamps.by_scanner(text) else []
        tail = stamps.fast_tail()
        if 2 < tail <= len(text):
            # The run's first key may be the person's last, typed just before.
            candidates += [text[-tail:], text[1 - tail :]]
        if prefix and prefix.upper() in text.upper()[1:]:
            candidates.append(text[text.upper().rindex(prefix.upper()) :])
        return any(
            reads_as_a_code(candidate, prefix=prefix, suffix=suffix)
            for candidate in candidates
        )

    def _ends_the_dropped(self, field: QLineEdit) -> bool:
        # A scanner may end a code with Tab and Enter: the second key finds
        # the field emptied, and would submit the form or move on.
        if self._dropped_at is None or field.text():
            return False
        return self._clock() - self._dropped_at <= END_GRACE
