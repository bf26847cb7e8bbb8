"""The lock screen of a shared desk, and the watch that locks it when idle.

A desk left alone for the configured minutes locks itself: `IdleWatch`
restarts its timer on every key press, click or wheel turn anywhere in the
application (a scanner types keys, so scanning counts), and says
`timed_out` when none came in time. The window then shows `LockScreen`, a
page of its stacked widget that hides every piece of the desk's data.

From the lock screen the person at the desk unlocks with their password, or
another person switches user with theirs. Meanwhile nothing stops: the
session and the sync loop keep running, so queued receipts keep going out.
Like the login page, this view keeps no copy of a password and logs none.

A package scanned at the locked desk types its token into whichever field
has the keyboard. A `ScanGuard` on each field tells a scanner's typing from
a person's: such text is never sent as a password nor kept in a field, and
the screen says to unlock and scan again. Whoever unlocks may not be whoever
scanned, so it is not received later either.
"""

from __future__ import annotations

import time

from concierge_app.ui.keystrokes import Clock
from concierge_app.ui.login_view import page_title
from concierge_app.ui.qt import (
    QApplication,
    QEvent,
    QFontMetrics,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from concierge_app.ui.scan_guard import ScanGuard

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """Says `timed_out` after the given minutes with no input to the application."""

    timed_out = Signal()
    """No key, click, wheel or touch came for the whole interval."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may drift by 5 % (15 s of 5 minutes); a lock is a
        # promise to the facility, and one precise timer costs nothing.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.timed_out.emit)
        self._minutes = 0.0
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def minutes(self) -> float:
        """The idle minutes before the desk locks; 0 when auto-lock is off."""
        return self._minutes

    @property
    def active(self) -> bool:
        """True while the watch counts towards a lock."""
        return self._timer.isActive()

    def remaining_ms(self) -> int:
        """Milliseconds left before the lock, or -1 while the watch is stopped."""
        return self._timer.remainingTime()

    def set_minutes(self, minutes: float) -> None:
        """Lock after `minutes` without input (0 turns auto-lock off)."""
        self._minutes = max(0.0, minutes)
        self._timer.setInterval(round(self._minutes * 60_000))
        if self._timer.isActive():
            self.start()

    def start(self) -> None:
        """Count from now (somebody is at the desk)."""
        if self._minutes > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Stop counting (the desk is locked or nobody is logged in)."""
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """The locked desk: unlock as the same person, or switch user."""

    unlock_requested = Signal(str)
    """The person at the desk typed their password to unlock it."""

    switch_requested = Signal(str, str)
    """Another person asked to take the desk with this user name and password."""

    scan_refused = Signal()
    """A scanner typed a code at the locked desk; it was dropped."""

    def __init__(
        self, parent: QWidget | None = None, clock: Clock = time.monotonic
    ) -> None:
        """The lock screen; `clock` times key strokes (monotonic seconds)."""
        super().__init__(parent)
        self.setAccessibleName(self.tr("Desk locked"))
        self._guard = ScanGuard(self, clock)
        self._guard.dropped.connect(self._on_scan_dropped)

        self._title = page_title(self.tr("Desk locked"), self)
        self._who = QLabel(self)
        self._who.setTextFormat(Qt.TextFormat.PlainText)
        self._who.setWordWrap(True)
        self._syncing = QLabel(
            self.tr(
                "Queued receipts keep syncing while the desk is locked. They stay "
                "attributed to whoever scanned them."
            ),
            self,
        )
        self._syncing.setWordWrap(True)

        self._forms = QStackedWidget(self)
        self._unlock_form = self._make_unlock_form()
        self._switch_form = self._make_switch_form()
        self._forms.addWidget(self._unlock_form)
        self._forms.addWidget(self._switch_form)
        for field in (self._password, self._other_user, self._other_password):
            self._guard.watch(field)

        self._error = QLabel(self)
        self._error.setAccessibleName(self.tr("Unlock problem"))
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self._error.hide()

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self._title)
        column.addWidget(self._who)
        column.addWidget(self._forms)
        column.addWidget(self._error)
        column.addSpacing(QFontMetrics(self.font()).height())
        column.addWidget(self._syncing)
        column.addStretch(2)
        box = QWidget(self)
        box.setLayout(column)
        box.setMaximumWidth(QFontMetrics(self.font()).averageCharWidth() * 60)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)

    def _make_unlock_form(self) -> QWidget:
        form = QWidget(self)
        self._password = QLineEdit(form)
        self._password.setAccessibleName(self.tr("Password"))
        self._password.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel(self.tr("&Password"), form)
        label.setBuddy(self._password)
        self._unlock = QPushButton(self.tr("&Unlock"), form)
        self._unlock.setAutoDefault(False)
        self._to_switch = QPushButton(self.tr("S&witch user…"), form)
        self._to_switch.setAutoDefault(False)

        grid = QGridLayout(form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self._password, 0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._unlock)
        buttons.addWidget(self._to_switch)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 1)

        self._password.returnPressed.connect(self._on_unlock)
        self._unlock.clicked.connect(self._on_unlock)
        self._to_switch.clicked.connect(self.show_switch_user)
        return form

    def _make_switch_form(self) -> QWidget:
        form = QWidget(self)
        self._other_user = QLineEdit(form)
        self._other_user.setAccessibleName(self.tr("User name"))
        self._other_password = QLineEdit(form)
        self._other_password.setAccessibleName(self.tr("Password"))
        self._other_password.setEchoMode(QLineEdit.EchoMode.Password)
        user_label = QLabel(self.tr("U&ser"), form)
        user_label.setBuddy(self._other_user)
        password_label = QLabel(self.tr("Pass&word"), form)
        password_label.setBuddy(self._other_password)
        self._switch = QPushButton(self.tr("&Log in"), form)
        self._switch.setAutoDefault(False)
        back = QPushButton(self.tr("&Back"), form)
        back.setAutoDefault(False)

        grid = QGridLayout(form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(user_label, 0, 0)
        grid.addWidget(self._other_user, 0, 1)
        grid.addWidget(password_label, 1, 0)
        grid.addWidget(self._other_password, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._switch)
        buttons.addWidget(back)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 1)

        self._other_user.returnPressed.connect(self._on_switch)
        self._other_password.returnPressed.connect(self._on_switch)
        self._switch.clicked.connect(self._on_switch)
        back.clicked.connect(self._show_unlock)
        return form

    # What tests and the window read

    @property
    def password_field(self) -> QLineEdit:
        """Where the person at the desk types their password to unlock."""
        return self._password

    @property
    def user_field(self) -> QLineEdit:
        """Where another person types their user name to switch user."""
        return self._other_user

    @property
    def other_password_field(self) -> QLineEdit:
        """Where another person types their password to switch user."""
        return self._other_password

    @property
    def switching(self) -> bool:
        """True while the switch-user form is shown."""
        return self._forms.currentWidget() is self._switch_form

    def who(self) -> str:
        """The line that says for whom the desk is locked."""
        return self._who.text()

    def error(self) -> str:
        """The problem line on screen, or "" when there is none."""
        return self._error.text() if not self._error.isHidden() else ""

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """The characters the desk's scanner sends around each code."""
        self._guard.set_scanner(prefix, suffix)

    # Showing

    def show_locked(self, display_name: str) -> None:
        """Locked for `display_name`: the unlock form, emptied, with the keyboard."""
        self._who.setText(
            self.tr(
                "Locked for {user}. Unlock with your password, or switch user."
            ).format(user=display_name)
        )
        self._other_user.clear()
        self._other_password.clear()
        self._error.hide()
        self.set_busy(False)
        self._show_unlock()

    def show_switch_user(self) -> None:
        """The form another person logs in with."""
        self._password.clear()
        self._error.hide()
        self._forms.setCurrentWidget(self._switch_form)
        self._other_user.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        """Say why the desk did not unlock, and let the person try again."""
        self.set_busy(False)
        self._error.setText(text)
        self._error.show()
        if self.switching:
            self._other_password.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._password.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_scan_refused(self) -> None:
        """Say that a scan made at the locked desk was not received."""
        self._error.setText(
            self.tr(
                "The desk is locked: that scan was NOT received. Unlock the desk, "
                "then scan the package again."
            )
        )
        self._error.show()

    def set_busy(self, busy: bool) -> None:
        """While a password is checked, a second check cannot be started."""
        self._unlock.setEnabled(not busy)
        self._switch.setEnabled(not busy)

    def _show_unlock(self) -> None:
        self._other_user.clear()
        self._other_password.clear()
        self._error.hide()
        self._forms.setCurrentWidget(self._unlock_form)
        self._password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_scan_dropped(self) -> None:
        self.show_scan_refused()
        self.scan_refused.emit()

    # Requests

    def _on_unlock(self) -> None:
        if not self._unlock.isEnabled():
            return
        if not self._password.text():
            self.show_error(self.tr("Type your password."))
            return
        password = self._password.text()
        self._password.clear()
        self._error.hide()
        self.set_busy(True)
        self.unlock_requested.emit(password)

    def _on_switch(self) -> None:
        if not self._switch.isEnabled():
            return
        username = self._other_user.text().strip()
        if not username:
            self.show_error(self.tr("Type your user name."))
            self._other_user.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self._other_password.text():
            self.show_error(self.tr("Type your password."))
            return
        password = self._other_password.text()
        self._other_password.clear()
        self._error.hide()
        self.set_busy(True)
        self.switch_requested.emit(username, password)
