"""The login page: user and password, and why a login did not go through.

The user field has the keyboard first, Tab moves to the password, Enter in
either field logs in. The password is handed on in `login_requested` and
cleared from the field at once; this view keeps no copy and logs nothing.
A package scanned before anyone logged in lands in one of these fields: a
`ScanGuard` drops it, and the page says it was not received.
"""

from __future__ import annotations

import time

from concierge_app.ui.keystrokes import Clock
from concierge_app.ui.ports import LoginFailed, LoginFailure
from concierge_app.ui.qt import (
    QFont,
    QFontMetrics,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from concierge_app.ui.scan_guard import ScanGuard


def page_title(text: str, parent: QWidget) -> QLabel:
    """The large bold heading of a page that stands in for the desk."""
    title = QLabel(text, parent)
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    title.setFont(font)
    return title


class LoginView(QWidget):
    """Asks who is at the desk."""

    login_requested = Signal(str, str)
    """The user asked to log in with this user name and password."""

    scan_refused = Signal()
    """A scanner typed a code into the login form; it was dropped."""

    def __init__(
        self, parent: QWidget | None = None, clock: Clock = time.monotonic
    ) -> None:
        """The login page; `clock` times key strokes (monotonic seconds)."""
        super().__init__(parent)
        self.setAccessibleName(self.tr("Log in"))

        self._title = page_title(self.tr("Receiving desk"), self)
        self._facility = QLabel(self)
        self._facility.setTextFormat(Qt.TextFormat.PlainText)
        self._facility.hide()

        self._user = QLineEdit(self)
        self._user.setAccessibleName(self.tr("User name"))
        self._password = QLineEdit(self)
        self._password.setAccessibleName(self.tr("Password"))
        self._password.setEchoMode(QLineEdit.EchoMode.Password)
        user_label = QLabel(self.tr("&User"), self)
        user_label.setBuddy(self._user)
        password_label = QLabel(self.tr("&Password"), self)
        password_label.setBuddy(self._password)
        self._submit = QPushButton(self.tr("Log in"), self)
        self._submit.setAccessibleName(self.tr("Log in"))
        self._submit.setAutoDefault(False)
        self._error = QLabel(self)
        self._error.setAccessibleName(self.tr("Login problem"))
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self._error.hide()
        self._note = QLabel(self)
        self._note.setAccessibleName(self.tr("About this desk"))
        self._note.setTextFormat(Qt.TextFormat.PlainText)
        self._note.setWordWrap(True)
        self._note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._note.setStyleSheet(
            "background: #f1ebf7; color: #2e1548; border-left: 4px solid #5b2a86;"
            " padding: 0.5em 0.8em;"
        )
        self._note.hide()

        form = QGridLayout()
        form.addWidget(user_label, 0, 0)
        form.addWidget(self._user, 0, 1)
        form.addWidget(password_label, 1, 0)
        form.addWidget(self._password, 1, 1)
        form.addWidget(self._submit, 2, 1, Qt.AlignmentFlag.AlignLeft)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self._title)
        column.addWidget(self._facility)
        column.addLayout(form)
        column.addWidget(self._error)
        column.addSpacing(QFontMetrics(self.font()).height())
        column.addWidget(self._note)
        column.addStretch(2)
        box = QWidget(self)
        box.setLayout(column)
        box.setMaximumWidth(QFontMetrics(self.font()).averageCharWidth() * 60)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)

        self._guard = ScanGuard(self, clock)
        self._guard.watch(self._user)
        self._guard.watch(self._password)
        self._guard.dropped.connect(self._on_scan_dropped)

        self.setTabOrder(self._user, self._password)
        self.setTabOrder(self._password, self._submit)
        self.setFocusProxy(self._user)
        self._user.returnPressed.connect(self._on_submit)
        self._password.returnPressed.connect(self._on_submit)
        self._submit.clicked.connect(self._on_submit)

    @property
    def user_field(self) -> QLineEdit:
        """Where the user name is typed."""
        return self._user

    @property
    def password_field(self) -> QLineEdit:
        """Where the password is typed."""
        return self._password

    def error(self) -> str:
        """The problem line on screen, or "" when there is none."""
        return self._error.text() if not self._error.isHidden() else ""

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """The characters the desk's scanner sends around each code."""
        self._guard.set_scanner(prefix, suffix)

    def set_facility(self, name: str | None) -> None:
        """Say which facility this desk is at (known after the first login)."""
        self._facility.setText(self.tr("At {facility}").format(facility=name or ""))
        self._facility.setVisible(bool(name))

    def note(self) -> str:
        """The note under the form (the demo's users), or "" when there is none."""
        return self._note.text() if not self._note.isHidden() else ""

    def set_note(self, text: str) -> None:
        """Show a note under the form, such as who can log in to the demo."""
        self._note.setText(text)
        self._note.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """While a login runs, a second one cannot be started."""
        self._submit.setEnabled(not busy)
        if busy:
            self._submit.setText(self.tr("Logging in…"))
        else:
            self._submit.setText(self.tr("Log in"))

    def reset(self) -> None:
        """Empty the form for the next person, with the keyboard on the user."""
        self._user.clear()
        self._password.clear()
        self._error.hide()
        self.set_busy(False)
        self._user.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_failure(self, failed: LoginFailed) -> None:
        """Say why the login was refused, and let the person try again."""
        self.show_error(self.failure_words(failed))
        self._password.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        """Show a problem line beneath the form."""
        self.set_busy(False)
        self._error.setText(text)
        self._error.show()

    def failure_words(self, failed: LoginFailed) -> str:
        """The words for one refused login."""
        if failed.cause is LoginFailure.WRONG_CREDENTIALS:
            return self.tr("Wrong user name or password. Try again.")
        if failed.cause is LoginFailure.LOCKED:
            if failed.locked_until is None:
                return self.tr("Too many wrong attempts: this user is locked for now.")
            until = failed.locked_until.astimezone().strftime("%H:%M")
            return self.tr(
                "Too many wrong attempts: this user is locked until {time}."
            ).format(time=until)
        if failed.cause is LoginFailure.OTHER_FACILITY:
            # Only a switch of user asks for the desk's facility.
            if failed.facility_name:
                return self.tr(
                    "That user works at {facility}. Only a user of this desk's "
                    "facility can switch in here; the desk stays locked."
                ).format(facility=failed.facility_name)
            return self.tr(
                "That user works at another facility. Only a user of this desk's "
                "facility can switch in here; the desk stays locked."
            )
        if failed.cause is LoginFailure.OFFLINE_UNAVAILABLE:
            return self.tr(
                "The desk is offline and this user has not logged in here online "
                "recently. Connect to the network to log in."
            )
        text = self.tr("The sign-in service is not answering. Try again.")
        if failed.detail:
            text += " " + failed.detail
        return text

    def _on_scan_dropped(self) -> None:
        self.show_error(
            self.tr(
                "That was a package scan, and it was NOT received. Log in first, "
                "then scan the package again."
            )
        )
        self.scan_refused.emit()

    def _on_submit(self) -> None:
        if not self._submit.isEnabled():
            return
        username = self._user.text().strip()
        if not username:
            self.show_error(self.tr("Type your user name."))
            self._user.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self._password.text():
            self.show_error(self.tr("Type your password."))
            self._password.setFocus(Qt.FocusReason.OtherFocusReason)
            return

        password = self._password.text()
        self._password.clear()
        self._error.hide()
        self.set_busy(True)
        self.login_requested.emit(username, password)
