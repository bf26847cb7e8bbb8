"""The desk window: a login page and the desk page, on one stacked widget.

The desk page is the scan field, the verdict banner, a tab area (the
shipment panel, then Today, Expected and Needs attention from `ui.lists`)
and the status bar. The after-scan actions (damage note, supervisor
override, resolve) live in `ui.receipt_actions`. Every action lives in
`DeskActions` with its key, so menus, buttons and dialogs share them. The
window talks to the receiving core only through `ports.DeskCore`, on tasks
of the running loop: each submitted scan is received in order, one at a
time, and scans made while one is pending wait in a queue, never dropped. A
receipt the store refused is shown as NOT kept, never as accepted. Closing
or logging out with receipts still queued says how many and offers to wait
for the sync (one question for both); every question is opened with
`open()`, never a nested `exec()` loop. Idle for the configured minutes, or
on Ctrl+L, the desk locks (`lock_screen`); the desk's settings dialog is
`settings_dialog`.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from concierge_app.domain.verdict import Tone, VerdictKind
from concierge_app.ui.demo_words import DemoNote, DemoWords
from concierge_app.ui.lists.day_watch import local_now
from concierge_app.ui.lock_screen import IdleWatch, LockScreen
from concierge_app.ui.login_view import LoginView
from concierge_app.ui.loop import Background
from concierge_app.ui.ports import (
    CoreEvent,
    DeskCore,
    LoginFailed,
    LoginOk,
    LoginOutcome,
    ReceiptNotKept,
    ReceiptRecords,
    ScanOutcome,
    SyncStatus,
)
from concierge_app.ui.printing.desk_printing import ReceiptPrinting
from concierge_app.ui.qt import (
    QAbstractButton,
    QAction,
    QCloseEvent,
    QDialog,
    QFont,
    QFontMetrics,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QObject,
    QStackedWidget,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from concierge_app.ui.scan_field import Clock, ScanField
from concierge_app.ui.settings_dialog import (
    DeskPreferences,
    SavePreferences,
    SettingsDialog,
)
from concierge_app.ui.shipment_panel import ShipmentPanel
from concierge_app.ui.sounds import SoundPlayer
from concierge_app.ui.status_bar import DeskStatusBar
from concierge_app.ui.verdict_banner import VerdictBanner

if TYPE_CHECKING:
    from concierge_app.store import ListedReceipt
    from concierge_app.ui.camera.view import CameraView
    from concierge_app.ui.lists.panel import ShiftLists
    from concierge_app.ui.receipt_actions import ReceiptActions

logger = logging.getLogger(__name__)

DemoSample = tuple[str, str | Callable[[], str]]
"""A demo menu entry: its kind (`DemoWords.sample`) and the payload it scans
(or what gives it)."""


class DeskActions(QObject):
    """Every action of the desk window, each with its key, in one place."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.sync_now = self._action(window, self.tr("&Sync now"), "F5")
        self.lock = self._action(window, self.tr("Loc&k the desk"), "Ctrl+L")
        self.settings = self._action(window, self.tr("Se&ttings…"), "Ctrl+,")
        # Shown only where the workstation has a camera (DeskWindow._offer_camera).
        self.camera = self._action(window, self.tr("Scan with the &camera"), "F8")
        self.camera.setVisible(False)
        self.log_out = self._action(window, self.tr("&Log out"), "Ctrl+Shift+L")
        # Not QKeySequence.StandardKey.Quit: Windows binds no key to it.
        self.quit = self._action(window, self.tr("&Quit"), "Ctrl+Q")
        self.mark_damaged = self._action(window, self.tr("Mark &damaged…"), "Ctrl+D")
        self.override = self._action(window, self.tr("Supervisor &override…"), "Ctrl+O")
        self.resolve = self._action(window, self.tr("&Resolve…"), "Ctrl+R")

    @staticmethod
    def _action(window: QMainWindow, text: str, key: str) -> QAction:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # Added to the window so the key works even while its menu is hidden.
        window.addAction(action)
        return action


class DeskWindow(QMainWindow):
    """The receiving desk: log in, then scan packages."""

    scan_finished = Signal(object)
    """One scan's `ScanOutcome` is on screen."""

    logged_in = Signal(object)
    """A `LoginOk`: somebody is now at the desk."""

    lock_changed = Signal(bool)
    """The desk was locked (True) or unlocked (False)."""

    _core_event_arrived = Signal(object)

    def __init__(
        self,
        core: DeskCore,
        *,
        clock: Clock = time.monotonic,
        now: Callable[[], datetime] = local_now,
        demo_samples: Sequence[DemoSample] | None = None,
        demo_note: str | DemoNote = "",
        sounds: SoundPlayer | None = None,
        preferences: DeskPreferences | None = None,
        save_preferences: SavePreferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """A desk window on `core`.

        `clock` times key strokes (monotonic seconds); `now` is the wall
        clock (aware, local) that says which day it is. `demo_samples` turns
        on demo mode: a DEMO marker and a Demo menu that scans each sample;
        `demo_note` is shown on the login page (the demo users, the data
        folder). `sounds` plays the verdict tones; without one the desk is
        silent. `preferences` are what the desk may change in its settings
        dialog; `save_preferences` keeps what the dialog accepts (without
        it, changes last until the window closes).
        """
        super().__init__(parent)
        self._core = core
        self._now = now
        self._demo = demo_samples is not None
        self._background = Background(self._on_background_failure)
        self._scans: collections.deque[str] = collections.deque()
        self._draining = False
        self._receiving = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._session: LoginOk | None = None
        self._close_confirmed = False
        self._leaving = "close"
        self.close_question: QMessageBox | None = None
        """The question asked when closing or logging out with receipts queued."""
        self.preferences = preferences or DeskPreferences()
        self._save_preferences = save_preferences
        self.settings_dialog: SettingsDialog | None = None
        """The settings dialog, while it is open."""

        self._title = self.tr("Receiving desk") + (
            self.tr(" — DEMO") if self._demo else ""
        )
        self.setWindowTitle(self._title)
        self.desk_actions = DeskActions(self)
        self.login_view = LoginView(self, clock)
        self._demo_words = DemoWords(self)
        self.login_view.set_note(
            demo_note
            if isinstance(demo_note, str)
            else self._demo_words.note(demo_note)
        )
        self.scan_field = ScanField(clock, self)
        self.banner = VerdictBanner(sounds, self)
        self._shipment_panel: ShipmentPanel | None = None
        self.lists: ShiftLists | None = None
        """The Today, Expected and Needs attention tabs, once somebody logged in."""
        self.receipt_actions: ReceiptActions | None = None
        self.camera_view: CameraView | None = None
        """The camera window, once somebody opened it."""
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Desk lists"))
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status_bar = DeskStatusBar(self.desk_actions.sync_now, self)
        self.setStatusBar(self.status_bar)
        self.demo_marker = self._make_demo_marker()
        self.facility_label = QLabel(self)
        self.facility_label.setAccessibleName(self.tr("Facility"))
        facility_font = QFont(self.facility_label.font())
        facility_font.setBold(True)
        self.facility_label.setFont(facility_font)

        # Printing needs a core that keeps receipts; a picture core has none.
        self.printing = (
            ReceiptPrinting(self, core, lambda: now().date())
            if isinstance(core, ReceiptRecords)
            else None
        )
        if self.printing is not None:
            self.tabs.setCornerWidget(self.printing.handover_button(self.tabs))

        self.pages = QStackedWidget(self)
        self.desk_page = self._make_desk_page()
        self.pages.addWidget(self.login_view)
        self.pages.addWidget(self.desk_page)
        self.lock_screen = LockScreen(self, clock)
        self.pages.addWidget(self.lock_screen)
        self.idle_watch = IdleWatch(self)
        self.setCentralWidget(self.pages)
        self._make_menus(demo_samples or ())
        self._size_for_the_desk()

        self.scan_field.scan_submitted.connect(self._on_scan_submitted)
        self.scan_field.keep_focus_in(self)
        self.login_view.login_requested.connect(self._on_login_requested)
        self.desk_actions.sync_now.triggered.connect(self._on_sync_now)
        self.desk_actions.camera.triggered.connect(self._on_camera)
        self.desk_actions.log_out.triggered.connect(self._on_log_out)
        self.desk_actions.lock.triggered.connect(self.lock)
        self.desk_actions.settings.triggered.connect(self._on_settings)
        self.idle_watch.timed_out.connect(self._on_idle)
        self.lock_screen.unlock_requested.connect(self._on_unlock_requested)
        self.lock_screen.switch_requested.connect(self._on_switch_requested)
        # A scanner user listens for the verdict: this one says "look".
        self.lock_screen.scan_refused.connect(lambda: self.banner.play(Tone.NOTICE))
        self.login_view.scan_refused.connect(lambda: self.banner.play(Tone.NOTICE))
        self.desk_actions.quit.triggered.connect(self.close)
        self._core_event_arrived.connect(self._on_core_event)
        self._unsubscribe: Callable[[], None] | None = core.subscribe(
            self._core_event_arrived.emit
        )
        self.apply_preferences(self.preferences)
        self._show_login()

    # Building

    def _make_demo_marker(self) -> QLabel:
        marker = QLabel(self.tr("DEMO — sandbox data, no real goods"), self)
        marker.setAccessibleName(self.tr("Demo mode"))
        font = QFont(marker.font())
        font.setBold(True)
        marker.setFont(font)
        marker.setStyleSheet(
            "background: #5b2a86; color: #ffffff; padding: 0.2em 0.6em;"
        )
        marker.setVisible(self._demo)
        return marker

    def _size_for_the_desk(self) -> None:
        # One size for both pages, so the window does not jump at login:
        # room for the banner's words, within the screen it opens on.
        metrics = QFontMetrics(self.font())
        width = metrics.averageCharWidth() * 170
        height = metrics.height() * 46
        available = self.screen().availableGeometry()
        self.resize(
            min(width, available.width() * 9 // 10),
            min(height, available.height() * 9 // 10),
        )

    def _make_desk_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.facility_label)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        return page

    def _make_menus(self, demo_samples: Sequence[DemoSample]) -> None:
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        desk.addAction(self.desk_actions.sync_now)
        desk.addAction(self.desk_actions.camera)
        desk.addSeparator()
        desk.addAction(self.desk_actions.mark_damaged)
        desk.addAction(self.desk_actions.override)
        desk.addAction(self.desk_actions.resolve)
        desk.addSeparator()
        desk.addAction(self.desk_actions.lock)
        desk.addAction(self.desk_actions.settings)
        desk.addSeparator()
        desk.addAction(self.desk_actions.log_out)
        desk.addAction(self.desk_actions.quit)
        if self.printing is not None:
            self.printing.add_menu(self.menuBar())

        self.demo_menu = None
        if self._demo:
            # In the menu bar's corner, the marker shows on every page.
            self.menuBar().setCornerWidget(self.demo_marker)
            self.demo_menu = self.menuBar().addMenu(self.tr("De&mo"))
            self.add_demo_samples(demo_samples)

    def add_demo_samples(self, demo_samples: Sequence[DemoSample]) -> None:
        """Fill the Demo menu; it stays disabled while it has no sample."""
        if self.demo_menu is None:
            return
        for kind, payload in demo_samples:
            number = len(self.demo_menu.actions()) + 1
            label = self._demo_words.sample(kind)
            text = f"&{number} {label}" if number < 10 else label
            action = self.demo_menu.addAction(text)
            action.triggered.connect(
                lambda _checked=False, p=payload: self._on_scan_submitted(
                    p() if callable(p) else p, True
                )
            )
        # The demo's samples come from its sandbox, which starts after the
        # window shows: until then the menu says there is nothing to pick.
        self.demo_menu.menuAction().setEnabled(bool(self.demo_menu.actions()))

    def set_demo_note(self, note: DemoNote) -> None:
        """Show the demo's users and data folder on the login page."""
        self.login_view.set_note(self._demo_words.note(note))

    @property
    def shipment_panel(self) -> ShipmentPanel:
        """The order of the latest scan, built on first use.

        The login page does without it, and its list's first use costs Qt
        tens of milliseconds, so the window can show sooner without it.
        """
        if self._shipment_panel is None:
            self._shipment_panel = ShipmentPanel(self)
            self.tabs.insertTab(0, self._shipment_panel, self.tr("Shipment"))
        return self._shipment_panel

    def build_desk_page(self) -> None:
        """Build what the login page does without, now rather than at login."""
        self.shipment_panel  # noqa: B018 (built on first use)

    # State the tests and the shutdown read

    @property
    def demo(self) -> bool:
        """True when the window runs on demo data."""
        return self._demo

    @property
    def session(self) -> LoginOk | None:
        """Who is logged in, or None on the login page."""
        return self._session

    @property
    def pending_scans(self) -> int:
        """Scans submitted but not yet on screen, the one being received included."""
        return len(self._scans) + (1 if self._receiving else 0)

    async def wait_idle(self) -> None:
        """Return once every submitted scan is received and shown."""
        await self._idle.wait()

    async def finish(self, limit: float = 10.0) -> None:
        """Before shutdown: let submitted scans be received, end other tasks.

        A scan already typed is a package on the desk; it gets `limit`
        seconds to be received before the remaining tasks are cancelled.
        """
        try:
            async with asyncio.timeout(limit):
                await self.wait_idle()
        except TimeoutError:
            logger.warning(
                "%d scans were not received before closing", len(self._scans)
            )
        await self._background.cancel_and_wait()
        if self.receipt_actions is not None:
            await self.receipt_actions.finish()

    # Pages

    @property
    def locked(self) -> bool:
        """True while the lock screen hides the desk."""
        return self.pages.currentWidget() is self.lock_screen

    def _show_login(self) -> None:
        self._session = None
        self.idle_watch.stop()
        self._enable_desk_actions(False)
        if self.receipt_actions is not None:
            self.receipt_actions.forget()
        self.status_bar.show_user(None)
        self.setWindowTitle(self._title)
        self.pages.setCurrentWidget(self.login_view)
        self.login_view.reset()
        if self.camera_view is not None:
            self.camera_view.close()
        if self.printing is not None:
            self.printing.set_at_desk(False)

    def _show_desk(self, session: LoginOk) -> None:
        self._session = session
        self._enable_desk_actions(True)
        self.idle_watch.start()
        self._show_lists()
        self.status_bar.show_user(
            session.display_name, session.facility_name, session.offline
        )
        self.facility_label.setText(
            self.tr("{facility} · {user}").format(
                facility=session.facility_name, user=session.display_name
            )
        )
        self.login_view.set_facility(session.facility_name)
        # Who is at the desk shows in the task bar too.
        self.setWindowTitle(f"{self._title} — {session.display_name}")
        self.banner.show_ready()
        self.shipment_panel.clear()
        self._offer_camera()
        if self.printing is not None:
            self.printing.set_at_desk(True)
        self.pages.setCurrentWidget(self.desk_page)
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enable_desk_actions(self, enabled: bool) -> None:
        actions = self.desk_actions
        for action in (
            actions.log_out,
            actions.sync_now,
            actions.lock,
            actions.settings,
            actions.mark_damaged,
            actions.override,
            actions.resolve,
        ):
            action.setEnabled(enabled)
        # Where there is a camera, it serves only a desk somebody is at.
        actions.camera.setEnabled(enabled and actions.camera.isVisible())

    def _show_lists(self) -> None:
        # Built at the first login: the core is open by then.
        if self.lists is not None:
            self.lists.reload()
            return
        shift = self._core.shift()
        if shift is None:
            return
        # Imported here, not with the window: they bring the store and the
        # shift service, which the login page shows without.
        from concierge_app.ui.lists.panel import ShiftLists
        from concierge_app.ui.receipt_actions import ReceiptActions

        self.shipment_panel  # noqa: B018 (the Shipment tab comes first)
        self.lists = ShiftLists(shift, self.tabs, now=self._now)
        self.receipt_actions = ReceiptActions(
            self,
            shift,
            self.lists,
            show_outcome=self._show_outcome,
            tell=self.status_bar.showMessage,
        )
        self.scan_finished.connect(self._on_scan_finished)
        actions = self.desk_actions
        actions.mark_damaged.triggered.connect(self.receipt_actions.mark_damaged)
        actions.override.triggered.connect(self.receipt_actions.override)
        actions.resolve.triggered.connect(lambda: self._on_resolve())
        self.lists.attention_tab.resolve_requested.connect(self._on_resolve)

    def _on_scan_finished(self, outcome: ScanOutcome) -> None:
        # A scan that finishes behind the lock screen leaves nothing within
        # reach of whoever unlocks.
        if self.receipt_actions is not None and not self.locked:
            self.receipt_actions.on_scan_finished(outcome)

    def _on_resolve(self, listed: ListedReceipt | None = None) -> None:
        if self.receipt_actions is not None:
            self.receipt_actions.resolve(listed)

    # Login

    def _on_login_requested(self, username: str, password: str) -> None:
        # The password lives on only in the coroutine's call to the core.
        self._background.start(
            "log in", self._core.login(username, password), self._on_login_outcome
        )

    def _on_login_outcome(self, outcome: LoginOutcome) -> None:
        if isinstance(outcome, LoginFailed):
            logger.info("Login refused: %s", outcome.cause.value)
            self.login_view.show_failure(outcome)
            return
        logger.info("Logged in%s", " offline" if outcome.offline else "")
        self._show_desk(outcome)
        self.logged_in.emit(outcome)

    def _on_log_out(self) -> None:
        queued = self._queued()
        if queued:
            # DESIGN.md section 5: ending a shift with a queue asks first.
            self._ask_before_leaving(queued, leaving="log out")
            return
        self._log_out_now()

    def _log_out_now(self) -> None:
        self._background.start("log out", self._log_out(), self._on_logged_out)

    async def _log_out(self) -> None:
        # Scans typed before the logout are received as their scanner's
        # first, as at a switch of user: a package on the desk is not dropped.
        await self.wait_idle()
        await self._core.logout()

    def _on_logged_out(self, _result: None) -> None:
        self._show_login()

    # Lock, unlock and switch user

    def lock(self) -> None:
        """Hide the desk behind the lock screen; the session and the sync go on."""
        if self._session is None or self.locked:
            return
        self.idle_watch.stop()
        self._enable_desk_actions(False)
        if self.receipt_actions is not None:
            # What the last scan allowed (a damage note, an override) is not
            # for whoever unlocks next.
            self.receipt_actions.forget()
        if self.settings_dialog is not None:
            self.settings_dialog.reject()
        if self.camera_view is not None:
            # The camera's picture of the desk is hidden with the rest.
            self.camera_view.close()
        if self.printing is not None:
            # Nothing of the desk's receipts is printed or saved while locked.
            self.printing.set_at_desk(False)
            if isinstance(self.printing.dialog, QDialog):
                self.printing.dialog.reject()
        self.lock_screen.show_locked(self._session.display_name)
        self.pages.setCurrentWidget(self.lock_screen)
        self.setWindowTitle(self.tr("{title} — locked").format(title=self._title))
        self._background.start("lock", self._core.lock())
        logger.info("The desk is locked")
        self.lock_changed.emit(True)

    def _on_idle(self) -> None:
        logger.info("No input for %s minutes", self.idle_watch.minutes)
        self.lock()

    def _on_unlock_requested(self, password: str) -> None:
        self._background.start(
            "unlock", self._core.unlock(password), self._on_unlock_outcome
        )

    def _on_switch_requested(self, username: str, password: str) -> None:
        self._background.start(
            "switch user", self._switch_user(username, password), self._on_switched
        )

    async def _switch_user(self, username: str, password: str) -> LoginOutcome:
        # Scans typed before the lock are received as their scanner's first.
        await self.wait_idle()
        return await self._core.switch_user(username, password)

    def _on_unlock_outcome(self, outcome: LoginOutcome) -> None:
        if isinstance(outcome, LoginFailed):
            logger.info("Unlock refused: %s", outcome.cause.value)
            self.lock_screen.show_error(self.login_view.failure_words(outcome))
            return
        logger.info("The desk is unlocked")
        self._show_desk(outcome)
        self.lock_changed.emit(False)

    def _on_switched(self, outcome: LoginOutcome) -> None:
        if isinstance(outcome, LoginOk):
            # A scan received while the desk locked may have left an
            # override or a damage note within reach: not for the next person.
            if self.receipt_actions is not None:
                self.receipt_actions.forget()
            shift = self._core.shift()
            if shift is not None:
                shift.forget()
        self._on_unlock_outcome(outcome)
        if isinstance(outcome, LoginOk):
            self.logged_in.emit(outcome)

    # Settings

    def apply_preferences(self, preferences: DeskPreferences) -> None:
        """Use these preferences from now on (the language from the next start)."""
        self.preferences = preferences
        self.idle_watch.set_minutes(preferences.auto_lock_minutes)
        self._core.set_scanner(preferences.scanner_prefix, preferences.scanner_suffix)
        for page in (self.lock_screen, self.login_view):
            page.set_scanner(preferences.scanner_prefix, preferences.scanner_suffix)
        self.banner.set_muted(not preferences.sounds)

    def _on_settings(self) -> None:
        if self.settings_dialog is not None:
            return
        dialog = SettingsDialog(self.preferences, self)
        dialog.finished.connect(lambda result: self._on_settings_answer(dialog, result))
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings_answer(self, dialog: SettingsDialog, result: int) -> None:
        self.settings_dialog = None
        dialog.deleteLater()
        if result == SettingsDialog.DialogCode.Accepted:
            chosen = dialog.preferences()
            self.apply_preferences(chosen)
            if self._save_preferences is not None:
                self._save_preferences(chosen.changes())
            logger.info("Desk settings changed")
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # Scans

    def receive_from_camera(self, text: str) -> None:
        """A code the camera read: received like a scan, marked as the camera's."""
        self._on_scan_submitted(text, False, via="camera")

    def _on_scan_submitted(self, text: str, from_scanner: bool, via: str = "") -> None:
        if self.locked:
            self.lock_screen.show_error(self.tr("Unlock the desk first, then scan."))
            return
        if self._session is None:
            # Only the demo menu can scan here; a receipt needs a person.
            logger.info("A scan arrived on the login page and was ignored")
            self.login_view.show_error(self.tr("Log in first, then scan."))
            return
        via = via or ("scanner" if from_scanner else "typed")
        logger.debug("Scan submitted (%s)", via)
        self._scans.append(text)
        if not self._draining:
            self._draining = True
            self._idle.clear()
            self._background.start("receive scans", self._drain())

    async def _drain(self) -> None:
        try:
            while self._scans:
                text = self._scans.popleft()
                self._receiving = True
                try:
                    outcome = await self._core.receive(text)
                except ReceiptNotKept as error:
                    logger.error("A receipt was NOT kept: %s", error)
                    self._show_not_kept(str(error))
                    continue
                except Exception:
                    logger.exception("A scan could not be received")
                    self._show_scan_failure()
                    continue
                finally:
                    self._receiving = False
                self._show_outcome(outcome)
        finally:
            # Cleared before returning, with no await in between, so a scan
            # submitted from now on starts a new drain.
            self._draining = False
            self._idle.set()

    def _show_outcome(self, outcome: ScanOutcome) -> None:
        verdict, order = outcome.verdict, outcome.order
        if verdict is not None:
            self.banner.show_verdict(verdict)
            if order is not None:
                self.shipment_panel.show_order(
                    order,
                    verdict.fulfillment_id,
                    verdict.package_id,
                    verdict.is_acceptance,
                )
            elif verdict.verified_by_label:
                self.shipment_panel.show_note(
                    self.tr("Verified by its signed label"),
                    self.tr(
                        "This desk has not fetched the package's order yet; its "
                        "shipment shows here after the next sync."
                    ),
                )
            elif verdict.kind is VerdictKind.ACCEPTED_PROVISIONAL:
                self.shipment_panel.show_note(
                    self.tr("Order not known here yet"),
                    self.tr(
                        "This desk had not fetched the package's order before the "
                        "network went; it is checked at the next sync."
                    ),
                )
            else:
                self.shipment_panel.clear()
        elif order is not None:
            self.banner.show_info(
                self.tr("Order {order}").format(order=order.order_id),
                self.tr("Its shipments and packages are listed below."),
            )
            self.shipment_panel.show_order(order)
        else:
            self._show_scan_failure()
        if self.printing is not None:
            self.printing.show_outcome(outcome)
        self.scan_finished.emit(outcome)

    def _show_scan_failure(self) -> None:
        self.banner.show_problem(
            self.tr("Scan not checked"),
            self.tr(
                "Something went wrong while checking this scan; nothing was "
                "registered. Scan the package again."
            ),
            Tone.NOTICE,
        )

    def _show_not_kept(self, why: str) -> None:
        self.banner.show_problem(
            self.tr("Receipt NOT kept"),
            self.tr(
                "This workstation could not save the receipt, so the package is "
                "NOT received. Keep it aside, do not sign for it, and call "
                "support. {why}"
            ).format(why=why),
            Tone.REFUSED,
        )
        self.shipment_panel.clear()

    # The camera

    def _offer_camera(self) -> None:
        # Asked at login rather than at start: it loads Qt's multimedia.
        from concierge_app.ui.camera.view import camera_available

        available = camera_available()
        self.desk_actions.camera.setVisible(available)
        self.desk_actions.camera.setEnabled(available)

    def _on_camera(self) -> None:
        if self.camera_view is None:
            from concierge_app.ui.camera.view import CameraView

            self.camera_view = CameraView(parent=self)
            self.camera_view.code_read.connect(self.receive_from_camera)
        self.camera_view.start()

    # Sync and status

    def _on_sync_now(self) -> None:
        self.status_bar.showMessage(self.tr("Syncing…"))
        self._background.start("sync now", self._core.sync_now(), self._on_synced)

    def _on_synced(self, status: SyncStatus) -> None:
        self.status_bar.clearMessage()
        self.status_bar.show_status(status)

    def _on_core_event(self, event: CoreEvent) -> None:
        if isinstance(event, SyncStatus):
            self.status_bar.show_status(event)

    # Closing with receipts still queued

    def close_without_asking(self) -> None:
        """Close even with receipts queued (they are on disk): for SIGTERM."""
        self._close_confirmed = True
        if self.close_question is not None:
            self.close_question.done(0)
        self.close()

    def _queued(self) -> int:
        status = self.status_bar.status
        return status.queued if status is not None else 0

    def _ask_before_leaving(
        self, queued: int, why: str = "", *, leaving: str = "close"
    ) -> None:
        if self.close_question is not None:
            return
        self._leaving = leaving
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Receipts still queued"))
        box.setAccessibleName(self.tr("Receipts still queued"))
        box.setText(self.tr("%n receipt(s) still queued, not yet sent.", "", queued))
        if leaving == "log out":
            then = self.tr("Wait for the sync to send them now, or log out anyway.")
            leave = self.tr("&Log out anyway")
        else:
            then = self.tr("Wait for the sync to send them now, or close anyway.")
            leave = self.tr("&Close anyway")
        box.setInformativeText(
            (why + "\n\n" if why else "")
            + self.tr(
                "They are kept safely on this workstation and are sent the next "
                "time the desk is online."
            )
            + " "
            + then
        )
        role = QMessageBox.ButtonRole
        wait = box.addButton(self.tr("&Wait for sync"), role.AcceptRole)
        close = box.addButton(leave, role.DestructiveRole)
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        wait.setAccessibleName(self.tr("Wait for sync"))
        close.setAccessibleName(leave.replace("&", ""))
        box.setDefaultButton(wait)
        box.setEscapeButton(stay)
        box.finished.connect(lambda _result: self._on_close_answer(box, wait, close))
        self.close_question = box
        box.open()

    def _on_close_answer(
        self, box: QMessageBox, wait: QAbstractButton, close: QAbstractButton
    ) -> None:
        clicked = box.clickedButton()
        self._forget_close_question(box)
        # The keyboard comes back to the window, whatever the platform does.
        self.activateWindow()
        if clicked is close:
            logger.info("%s with %d receipts queued", self._leaving, self._queued())
            self._leave()
        elif clicked is wait:
            self.status_bar.showMessage(self.tr("Sending the queued receipts…"))
            self._background.start(
                "sync before closing", self._core.sync_now(), self._on_synced_to_close
            )
        else:
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_synced_to_close(self, status: SyncStatus) -> None:
        self._on_synced(status)
        if status.queued == 0:
            self._leave()
            return
        self._ask_before_leaving(
            status.queued,
            self.tr("The sync could not send them yet ({state}).").format(
                state=self.status_bar.connectivity_text()
            ),
            leaving=self._leaving,
        )

    def _leave(self) -> None:
        if self._leaving == "log out":
            self._log_out_now()
            return
        self._close_confirmed = True
        self.close()

    def _forget_close_question(self, box: QMessageBox) -> None:
        if self.close_question is box:
            self.close_question = None
        box.deleteLater()

    def _on_background_failure(self, what: str, error: BaseException) -> None:
        if what == "log in":
            self.login_view.show_error(
                self.tr("The login could not be checked. Try again.")
            )
            return
        if what in ("unlock", "switch user"):
            self.lock_screen.show_error(
                self.tr("The password could not be checked. Try again.")
            )
            return
        # The log has the details; the desk gets words to act on.
        words = {
            "sync now": self.tr("Sync failed; it is tried again on its own."),
            "sync before closing": self.tr(
                "Sync failed; the receipts stay queued on this workstation."
            ),
            "log out": self.tr("Logging out failed. Try again."),
        }
        self.status_bar.showMessage(
            words.get(what, self.tr("Something went wrong; see the support log."))
        )

    # Qt overrides

    def closeEvent(self, event: QCloseEvent) -> None:
        queued = self._queued()
        if queued and not self._close_confirmed:
            # DESIGN.md section 5: say how many, offer to wait for the sync.
            event.ignore()
            self._ask_before_leaving(queued)
            return
        # A closed window neither locks nor listens any more.
        self.idle_watch.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.lists is not None:
            self.lists.close()
        if self.camera_view is not None:
            self.camera_view.shut()
        super().closeEvent(event)
