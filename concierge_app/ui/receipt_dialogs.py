"""The small dialogs for acting on a receipt: a note, and a supervisor override.

Each is opened with `open()` (window-modal, no nested event loop) and says
what it is about in words. `NoteDialog` serves the damage note and the
resolution of a receipt needing attention; `OverrideDialog` asks for a
supervisor's username, password and reason, and stays open to say why when
the override is refused.
"""

from __future__ import annotations

from concierge_app.store import NOTE_MAX_LENGTH
from concierge_app.ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


def _subject_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("ReceiptDialogs", "Problem"))
    label.setStyleSheet("color: #a8071a; font-weight: bold;")
    label.setVisible(False)
    return label


class NoteDialog(QDialog):
    """A note about one receipt, with an OK button named for what it does."""

    note_given = Signal(str)
    """The note, when the dialog is accepted."""

    def __init__(
        self,
        title: str,
        subject: str,
        action: str,
        *,
        note: str = "",
        required: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._required = required
        self.note_field = QPlainTextEdit(self)
        self.note_field.setAccessibleName(self.tr("Note"))
        self.note_field.setPlainText(note)
        self.note_field.setTabChangesFocus(True)
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)

        layout = QVBoxLayout(self)
        layout.addWidget(_subject_label(subject, self))
        layout.addWidget(QLabel(self.tr("Note:"), self))
        layout.addWidget(self.note_field)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.note_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def note(self) -> str:
        """The note as typed, without surrounding blanks."""
        return self.note_field.toPlainText().strip()

    def show_error(self, text: str) -> None:
        """Say what is wrong and keep the dialog open."""
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def error(self) -> str:
        """The problem shown, or "" when there is none."""
        return self.error_label.text() if self.error_label.isVisible() else ""

    def _on_ok(self) -> None:
        note = self.note()
        if self._required and not note:
            self.show_error(self.tr("Write a note saying what was done."))
            return
        if len(note) > NOTE_MAX_LENGTH:
            self.show_error(
                self.tr(
                    "The note is too long: at most %n characters.", "", NOTE_MAX_LENGTH
                )
            )
            return
        self.note_given.emit(note)
        self.accept()


class OverrideDialog(QDialog):
    """A supervisor's username, password and reason to accept a package."""

    override_requested = Signal(str, str, str)
    """(supervisor, password, note); the dialog stays open for the answer."""

    def __init__(self, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = self.tr("Supervisor override")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.supervisor_field = QLineEdit(self)
        self.supervisor_field.setAccessibleName(self.tr("Supervisor"))
        self.password_field = QLineEdit(self)
        self.password_field.setAccessibleName(self.tr("Supervisor's password"))
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.note_field = QPlainTextEdit(self)
        self.note_field.setAccessibleName(self.tr("Why it may be accepted"))
        self.note_field.setTabChangesFocus(True)
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Accept the package"))

        form = QFormLayout()
        form.addRow(self.tr("&Supervisor:"), self.supervisor_field)
        form.addRow(self.tr("&Password:"), self.password_field)
        form.addRow(self.tr("&Why:"), self.note_field)
        layout = QVBoxLayout(self)
        layout.addWidget(_subject_label(subject, self))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.supervisor_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        """Say why the override was not granted; the password is cleared."""
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.password_field.clear()
        self.set_busy(False)
        self.password_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def error(self) -> str:
        """The problem shown, or "" when there is none."""
        return self.error_label.text() if self.error_label.isVisible() else ""

    def set_busy(self, busy: bool) -> None:
        """While the supervisor is being checked, no second request, no cancel.

        A check that succeeds stores the receipt: cancelling it half-way
        would leave a package received that the desk shows as refused.
        """
        for button in self.buttons.buttons():
            button.setEnabled(not busy)

    def _on_ok(self) -> None:
        supervisor = self.supervisor_field.text().strip()
        note = self.note_field.toPlainText().strip()
        if not supervisor or not self.password_field.text():
            self.show_error(self.tr("Type the supervisor's user name and password."))
            return
        if not note:
            self.error_label.setText(self.tr("Write why the package may be accepted."))
            self.error_label.setVisible(True)
            return
        if len(note) > NOTE_MAX_LENGTH:
            self.error_label.setText(
                self.tr(
                    "The note is too long: at most %n characters.", "", NOTE_MAX_LENGTH
                )
            )
            self.error_label.setVisible(True)
            return
        self.set_busy(True)
        # The password leaves the field only in this signal's call.
        self.override_requested.emit(supervisor, self.password_field.text(), note)
