"""The desk's status bar: connection, queue, last sync, and who is logged in.

Each state is said in words with a coloured dot beside it; the colour is
never the only signal. The "Sync now" action is shown here but belongs to
the window's actions, so its key (F5) works wherever the focus is.
"""

from __future__ import annotations

from concierge_app.ui.icons import dot_pixmap
from concierge_app.ui.ports import Connectivity, SyncStatus
from concierge_app.ui.qt import (
    QAction,
    QFontMetrics,
    QHBoxLayout,
    QLabel,
    QStatusBar,
    Qt,
    QToolButton,
    QWidget,
)

_DOT_COLOURS = {
    Connectivity.ONLINE: "#1b7f3b",
    Connectivity.OFFLINE: "#6b6b6b",
    Connectivity.DEGRADED: "#d08c00",
    Connectivity.AUTH_NEEDED: "#b3261e",
}


class DeskStatusBar(QStatusBar):
    """Shows a `SyncStatus` snapshot and the logged-in user."""

    def __init__(self, sync_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self._status: SyncStatus | None = None
        self._logged_in = False

        connectivity = QWidget(self)
        self._dot = QLabel(connectivity)
        self._connectivity = QLabel(connectivity)
        self._connectivity.setAccessibleName(self.tr("Connection"))
        row = QHBoxLayout(connectivity)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._dot)
        row.addWidget(self._connectivity)

        self._queue = QLabel(self)
        self._queue.setAccessibleName(self.tr("Queued receipts"))
        self._last_sync = QLabel(self)
        self._last_sync.setAccessibleName(self.tr("Last successful sync"))
        self._user = QLabel(self)
        self._user.setAccessibleName(self.tr("Logged in"))
        self._sync = QToolButton(self)
        self._sync.setDefaultAction(sync_action)
        self._sync.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._sync.setAccessibleName(self.tr("Sync now"))
        # F5 reaches the action from anywhere; the button must not take the
        # keyboard away from the scan field.
        self._sync.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        gap = QFontMetrics(self.font()).averageCharWidth() * 2
        for label in (self._queue, self._last_sync, self._user):
            label.setContentsMargins(gap, 0, gap, 0)
        self.addWidget(connectivity)
        self.addWidget(self._queue)
        self.addWidget(self._last_sync)
        self.addPermanentWidget(self._user)
        self.addPermanentWidget(self._sync)
        self.show_status(SyncStatus(Connectivity.OFFLINE))
        self.show_user(None)

    @property
    def status(self) -> SyncStatus | None:
        """The snapshot on screen."""
        return self._status

    def connectivity_text(self) -> str:
        """The connection words on screen."""
        return self._connectivity.text()

    def queue_text(self) -> str:
        """The queue words on screen."""
        return self._queue.text()

    def last_sync_text(self) -> str:
        """The last-sync words on screen."""
        return self._last_sync.text()

    def user_text(self) -> str:
        """Who is logged in, as shown."""
        return self._user.text()

    def show_status(self, status: SyncStatus) -> None:
        """Show one status snapshot."""
        self._status = status
        words = {
            Connectivity.ONLINE: self.tr("Online"),
            Connectivity.OFFLINE: self.tr("Offline: receipts are kept and queued"),
            Connectivity.DEGRADED: self.tr("Connection poor: sync is retrying"),
            Connectivity.AUTH_NEEDED: (
                self.tr("Log in again to sync (Ctrl+Shift+L); receipts stay queued")
                if self._logged_in
                else self.tr("Log in to sync")
            ),
        }
        self._connectivity.setText(words[status.connectivity])
        # Before anyone logs in there is no session to lose: no alarm then.
        calm = status.connectivity is Connectivity.AUTH_NEEDED and not self._logged_in
        shown = Connectivity.OFFLINE if calm else status.connectivity
        # Anything else but online is worth a glance: say it in bold.
        font = self._connectivity.font()
        font.setBold(shown is not Connectivity.ONLINE and not calm)
        self._connectivity.setFont(font)
        size = QFontMetrics(self.font()).height() * 2 // 3
        self._dot.setPixmap(
            dot_pixmap(_DOT_COLOURS[shown], size, self.devicePixelRatioF())
        )

        queue = self.tr("Queued: {n}").format(n=status.queued)
        if status.needs_attention:
            queue += self.tr(" · Needs attention: {n}").format(n=status.needs_attention)
        self._queue.setText(queue)

        if status.last_sync is None:
            self._last_sync.setText(self.tr("Not synced yet"))
        else:
            when = status.last_sync.astimezone().strftime("%H:%M")
            self._last_sync.setText(self.tr("Last sync {when}").format(when=when))

    def show_user(
        self,
        display_name: str | None,
        facility_name: str | None = None,
        offline: bool = False,
    ) -> None:
        """Show who is logged in, and where; None when nobody is."""
        self._logged_in = display_name is not None
        if self._status is not None:
            self.show_status(self._status)
        if display_name is None:
            self._user.setText(self.tr("Not logged in"))
            return
        text = display_name
        if facility_name:
            text = self.tr("{user} at {facility}").format(
                user=display_name, facility=facility_name
            )
        if offline:
            text += self.tr(" (offline unlock)")
        self._user.setText(text)
