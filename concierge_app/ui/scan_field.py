"""The scan field: where every scan and every typed token arrives.

A USB scanner types like a keyboard. A scan ends at Enter or Tab, never at
a pause (scanners with a buffer pause mid-code). Whether a scanner or a
person typed it is told by the gaps between keys (`ui.keystrokes`, shared
with the lock screen). The field never blocks and is never
disabled: each finished scan is emitted at once and the field is cleared
for the next, so nothing typed while the desk is busy is lost.

While a person types, the field shows the token in its printed groups and
says when its check symbol fails, before anything is looked up.
"""

from __future__ import annotations

import re
import time

from concierge_app.domain import signed_label
from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import preview_entry
from concierge_app.ui.keystrokes import SCANNER_GAP, Clock, KeyStamps, typed_by_scanner
from concierge_app.ui.qt import (
    QAbstractSpinBox,
    QApplication,
    QCoreApplication,
    QEvent,
    QFont,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    Qt,
    QTextEdit,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

# The scanner-speed names live in ui.keystrokes; named here too for the
# window and the tests that take them from the scan field.
__all__ = [
    "SCANNER_GAP",
    "TEXT_INPUTS",
    "Clock",
    "ScanField",
    "describe_entry",
    "typed_by_scanner",
]

_ORDER_ID_SO_FAR = re.compile(r"[0-9]+-[0-9-]*")

TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
"""Widgets that may keep the keyboard instead of the scan field."""


class _ScanEdit(QLineEdit):
    """The line edit inside the scan field: stamps keys, ends scans."""

    def __init__(self, owner: ScanField) -> None:
        super().__init__(owner)
        self._owner = owner

    def event(self, event: QEvent) -> bool:
        # Tab ends a scan like Enter; QWidget.event would move the focus on
        # before keyPressEvent sees it.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self._owner.submit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._owner.submit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self._owner.discard()
            return
        text = event.text()
        if text and text.isprintable():
            self._owner.stamp_key()
        super().keyPressEvent(event)


class ScanField(QWidget):
    """Owns the keyboard at the desk and turns key strokes into scans."""

    scan_submitted = Signal(str, bool)
    """A scan ended: the text as typed, and whether a scanner typed it."""

    def __init__(
        self, clock: Clock = time.monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._stamps = KeyStamps(clock)
        self._window: QWidget | None = None
        self._flagged: bool | None = None

        self._edit = _ScanEdit(self)
        self._edit.setAccessibleName(self.tr("Scan or type a token"))
        self._edit.setPlaceholderText(
            self.tr("Scan a package label, or type its token and press Enter")
        )
        self._edit.setClearButtonEnabled(False)
        font = QFont(self._edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self._edit.setFont(font)
        self._edit.textChanged.connect(self._on_text_changed)

        self._preview = QLabel(self)
        self._preview.setAccessibleName(self.tr("Token as typed"))
        self._preview.setTextFormat(Qt.TextFormat.PlainText)
        preview_font = QFont(self._preview.font())
        preview_font.setPointSizeF(preview_font.pointSizeF() * 1.2)
        self._preview.setFont(preview_font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._edit)
        layout.addWidget(self._preview)
        self.setFocusProxy(self._edit)
        self._on_text_changed("")

    @property
    def editor(self) -> QLineEdit:
        """The line edit that receives the keys."""
        return self._edit

    @property
    def flagged(self) -> bool:
        """True while the typed text cannot be a token (a failed check, say)."""
        return bool(self._flagged)

    def preview(self) -> str:
        """The words under the field about what is being typed."""
        return self._preview.text()

    def stamp_key(self) -> None:
        """Note the time of one typed character (called by the line edit)."""
        self._stamps.stamp()

    def submit(self) -> None:
        """End the scan being typed, if there is one, and emit it."""
        text = self._edit.text()
        from_scanner = self._stamps.by_scanner(text)
        self._stamps.clear()
        if not text.strip():
            self._edit.clear()
            return
        self._edit.clear()
        self.scan_submitted.emit(text, from_scanner)

    def discard(self) -> None:
        """Throw away what is being typed (Escape)."""
        self._stamps.clear()
        self._edit.clear()

    def _on_text_changed(self, text: str) -> None:
        words, flagged = describe_entry(text)
        self._preview.setText(words)
        if flagged is not self._flagged:
            # Restyling costs a style pass; do it only when the state flips.
            self._flagged = flagged
            self._preview.setStyleSheet("color: #b3261e;" if flagged else "")

    # Keeping the keyboard

    def keep_focus_in(self, window: QWidget) -> None:
        """Take the keyboard back whenever a non-text widget of `window` gets it."""
        self._window = window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self._reclaim_focus)
        return False

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or self._window is None or new is self._edit:
            return
        if new.window() is not self._window or isinstance(new, TEXT_INPUTS):
            return
        QTimer.singleShot(0, self._reclaim_focus)

    def _reclaim_focus(self) -> None:
        if self._window is None or not self.isVisible():
            return
        focused = QApplication.focusWidget()
        if focused is self._edit:
            return
        if focused is not None and (
            focused.window() is not self._window or isinstance(focused, TEXT_INPUTS)
        ):
            return
        self._edit.setFocus(Qt.FocusReason.OtherFocusReason)


def describe_entry(text: str) -> tuple[str, bool]:
    """The preview words for text typed so far, and whether they flag a problem."""
    stripped = text.strip()
    if not stripped:
        return "", False
    if "/" in stripped or ":" in stripped:
        return QCoreApplication.translate("ScanField", "Label or link"), False
    if signed_label.has_prefix(stripped):
        return QCoreApplication.translate("ScanField", "Signed label"), False
    if _ORDER_ID_SO_FAR.fullmatch(stripped):
        return QCoreApplication.translate("ScanField", "Order id: {text}").format(
            text=stripped
        ), False

    entry = preview_entry(stripped)
    if entry.invalid_symbols:
        words = QCoreApplication.translate(
            "ScanField", "{grouped} · not token symbols: {symbols}"
        )
        return words.format(grouped=entry.grouped, symbols=entry.invalid_symbols), True
    length = len(token_scheme.normalise(stripped))
    if length > token_scheme.TOKEN_LENGTH:
        words = QCoreApplication.translate(
            "ScanField", "{grouped} · too many symbols for a token"
        )
        return words.format(grouped=entry.grouped), True
    if not entry.complete:
        words = QCoreApplication.translate(
            "ScanField", "{grouped} · {count} of {total} symbols"
        )
        return words.format(
            grouped=entry.grouped, count=length, total=token_scheme.TOKEN_LENGTH
        ), False
    if not entry.check_ok:
        words = QCoreApplication.translate(
            "ScanField",
            "{grouped} · check symbol does not match: a symbol is mistyped",
        )
        return words.format(grouped=entry.grouped), True
    words = QCoreApplication.translate("ScanField", "{grouped} · check symbol correct")
    return words.format(grouped=entry.grouped), False
