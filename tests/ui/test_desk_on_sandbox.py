"""The desk window on the real receiving core, against the real sandbox.

Each test opens a `Desk` on a fresh SQLite folder under tmp_path, talking to
the sandbox over loopback, and drives the window with key presses: a person
types at 120 ms a key, a scanner at 2 ms a key, on the shared qasync loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from concierge_app.api.vault import MemoryVault
from concierge_app.domain import token as token_scheme
from concierge_app.domain.layouts import QWERTZ, type_through
from concierge_app.domain.payload import TokenScan, parse_scan
from concierge_app.domain.verdict import Tone
from concierge_app.store import MAX_FAILED_ATTEMPTS
from concierge_app.sync.desk import Desk
from concierge_app.ui.main_window import DeskWindow
from tests.keyboard import HUMAN_GAP, SCANNER_GAP, FakeClock, scan, type_text
from tests.sandbox_fixtures import SandboxAdmin


class WindowOpener:
    """Opens desk windows on one data folder, each on its own `Desk`."""

    def __init__(self, qtbot, url: str, data_dir: Path, clock: FakeClock) -> None:
        self._qtbot = qtbot
        self._url = url
        self._data_dir = data_dir
        self._clock = clock
        self._vault = MemoryVault()
        self.desks: list[Desk] = []
        self.windows: list[DeskWindow] = []

    def __call__(self, **options: Any) -> DeskWindow:
        """A window on a new desk; `options` go to `DeskWindow` (say, `now`)."""
        desk = Desk.open(self._data_dir, self._url, vault=self._vault)
        self.desks.append(desk)
        desk.start()
        window = DeskWindow(desk, clock=self._clock, **options)
        self.windows.append(window)
        self._qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        return window


@pytest.fixture
def open_window(
    qtbot, run, sandbox, tmp_path: Path, clock: FakeClock
) -> Iterator[WindowOpener]:
    """`open_window()` gives a window; every desk is closed after the test."""
    opener = WindowOpener(qtbot, sandbox.url, tmp_path / "desk-1", clock)
    yield opener
    # Closed first, so no timer of theirs (auto-lock) fires after the loop.
    for window in opener.windows:
        window.close_without_asking()
    for desk in opener.desks:
        run(desk.aclose())


def log_in(
    qtbot, window: DeskWindow, clock: FakeClock, user: str, password: str
) -> None:
    """Type the user and password as a person does, then Enter."""
    view = window.login_view
    qtbot.waitUntil(view.user_field.hasFocus, timeout=5000)
    type_text(qtbot, view.user_field, user, clock, HUMAN_GAP)
    qtbot.keyClick(view.user_field, Qt.Key.Key_Tab)
    type_text(qtbot, view.password_field, password, clock, HUMAN_GAP)
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)


def log_in_online(qtbot, window: DeskWindow, clock: FakeClock) -> None:
    """Log the demo concierge in and wait for the first sync to finish."""
    with qtbot.waitSignal(window.logged_in, timeout=10000):
        log_in(qtbot, window, clock, "concierge", "concierge")
    qtbot.waitUntil(
        lambda: (
            window.status_bar.connectivity_text() == "Online"
            and window.status_bar.last_sync_text() != "Not synced yet"
        ),
        timeout=10000,
    )


def log_out(qtbot, window: DeskWindow, *, anyway: bool = False) -> None:
    """Ctrl+Shift+L, back to the login page; `anyway` with receipts queued."""
    qtbot.keyClick(
        window.scan_field.editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    if anyway:
        # The question about the queue: its L is "Log out anyway".
        qtbot.waitUntil(lambda: window.close_question is not None, timeout=5000)
        qtbot.keyClick(window.close_question, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.session is None, timeout=5000)


def scan_and_wait(qtbot, window: DeskWindow, text: str, clock: FakeClock) -> None:
    """Scan `text` with the scanner's speed and wait for its verdict."""
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
    with qtbot.waitSignal(window.scan_finished, timeout=10000):
        scan(qtbot, window.scan_field.editor, text, clock)


def test_logging_in_online_opens_the_desk_for_the_facility(
    qtbot, open_window, clock
) -> None:
    window = open_window()

    log_in_online(qtbot, window, clock)

    assert window.session is not None
    assert not window.session.offline
    assert window.status_bar.user_text() == "Giulia Conti at The Plein Hotel"
    assert window.status_bar.queue_text() == "Queued: 0"
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)


def test_after_an_online_login_the_desk_unlocks_offline(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    log_out(qtbot, window)

    sandbox_admin.set_faults(reset_rate=1.0)
    with qtbot.waitSignal(window.logged_in, timeout=20000):
        log_in(qtbot, window, clock, "concierge", "concierge")

    assert window.session is not None
    assert window.session.offline
    assert window.status_bar.user_text().endswith("(offline unlock)")


def test_repeated_wrong_offline_passwords_lock_the_user_out(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    log_out(qtbot, window)
    sandbox_admin.set_faults(reset_rate=1.0)
    view = window.login_view

    for attempt in range(MAX_FAILED_ATTEMPTS + 1):
        view.user_field.setText("concierge")
        view.password_field.setFocus()
        type_text(qtbot, view.password_field, f"wrong-{attempt}", clock, HUMAN_GAP)
        qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.error() != "", timeout=20000)
        if attempt < MAX_FAILED_ATTEMPTS - 1:
            assert "Wrong user name or password" in view.error()

    assert "locked until" in view.error()

    # While locked, even the right password does not open the desk.
    view.user_field.setText("concierge")
    view.password_field.setText("concierge")
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "locked" in view.error(), timeout=20000)
    assert window.session is None


@pytest.mark.parametrize(
    ("verdict", "headline", "tone"),
    [
        ("accepted", "Accepted", Tone.ACCEPTED),
        ("already_received", "Already received", Tone.REFUSED),
        ("wrong_facility", "Wrong facility", Tone.REFUSED),
        ("not_captured", "Not captured", Tone.REFUSED),
        ("released_early", "Released early", Tone.REFUSED),
        ("unknown_token", "Unknown token", Tone.REFUSED),
        ("unreadable", "Unreadable", Tone.NOTICE),
    ],
)
def test_a_scan_of_each_verdict_shows_its_banner(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock, verdict, headline, tone
) -> None:
    if verdict == "unknown_token":
        text = token_scheme.format_groups(token_scheme.generate())
    elif verdict == "unreadable":
        text = "HELLO WORLD"
    else:
        text = sandbox_admin.token(verdict)
    window = open_window()
    log_in_online(qtbot, window, clock)

    scan_and_wait(qtbot, window, text, clock)

    assert window.banner.headline() == headline
    assert window.banner.tone is tone
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)


def test_receipts_made_offline_are_queued_then_synced(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    window = open_window()
    log_in_online(qtbot, window, clock)
    bar = window.status_bar

    sandbox_admin.set_faults(reset_rate=1.0)
    for text in tokens:
        scan_and_wait(qtbot, window, text, clock)
        assert window.banner.headline() == "Accepted"
    qtbot.waitUntil(
        lambda: (
            bar.connectivity_text().startswith("Offline")
            and bar.queue_text() == "Queued: 2"
        ),
        timeout=20000,
    )

    sandbox_admin.clear_faults()
    qtbot.keyClick(window.scan_field.editor, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: bar.queue_text() == "Queued: 0" and bar.connectivity_text() == "Online",
        timeout=20000,
    )

    digests = {token_scheme.digest(t) for t in tokens}
    held = sandbox_admin.receipts()["receipts"]
    assert digests <= {r["token_sha256"] for r in held}


def test_a_revoked_session_asks_for_a_new_login_and_keeps_the_queue(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    token = sandbox_admin.token("accepted")
    window = open_window()
    log_in_online(qtbot, window, clock)
    bar = window.status_bar

    sandbox_admin.revoke("concierge")
    sandbox_admin.expire_access_tokens()
    scan_and_wait(qtbot, window, token, clock)
    qtbot.keyClick(window.scan_field.editor, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: bar.connectivity_text().startswith("Log in again to sync"),
        timeout=20000,
    )
    assert bar.queue_text() == "Queued: 1"

    log_out(qtbot, window, anyway=True)
    log_in_online(qtbot, window, clock)
    qtbot.waitUntil(lambda: bar.queue_text() == "Queued: 0", timeout=20000)


def test_a_receipt_the_disk_refuses_is_shown_as_not_kept(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    token = sandbox_admin.token("accepted")
    window = open_window()
    log_in_online(qtbot, window, clock)
    # From now on SQLite refuses every write, as a failing disk would.
    store = open_window.desks[-1].store
    store._connection.execute("PRAGMA query_only = ON")

    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
    scan(qtbot, window.scan_field.editor, token, clock)
    qtbot.waitUntil(lambda: window.banner.tone is not None, timeout=10000)

    assert window.banner.headline() == "Receipt NOT kept"
    assert window.banner.tone is Tone.REFUSED
    assert "NOT received" in window.banner.instruction()
    assert sum(store.counts().values()) == 0
    store._connection.execute("PRAGMA query_only = OFF")


NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def test_scanner_garbage_into_the_scan_field_gives_clear_verdicts(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    # A token whose German-keyboard form no other layout explains (with
    # more than one, the desk asks for a retype; the domain tests cover it).
    german = next(
        typed
        for p in sandbox_admin.tokens("accepted")
        if isinstance(
            scan := parse_scan(typed := type_through(p["token"], QWERTZ)), TokenScan
        )
        and scan.layout is QWERTZ
    )
    window = open_window()
    log_in_online(qtbot, window, clock)

    # Control characters, a burst far longer than any label, then a token
    # from a scanner set up for US English on a German keyboard.
    editor = window.scan_field.editor
    for garbage in ("\x01\x02ABC\x7f\x07", "Z9" * 400):
        qtbot.waitUntil(editor.hasFocus, timeout=5000)
        with qtbot.waitSignal(window.scan_finished, timeout=10000):
            for char in garbage:
                # QTest types printable keys only; a scanner sends any byte.
                clock.advance(SCANNER_GAP)
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        editor,
                        QKeyEvent(kind, Qt.Key.Key_unknown, NO_MODIFIER, char),
                    )
            clock.advance(SCANNER_GAP)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert window.banner.headline() == "Unreadable"
        assert window.banner.tone is Tone.NOTICE
        assert window.scan_field.editor.text() == ""
    scan_and_wait(qtbot, window, german, clock)

    assert window.banner.headline() == "Accepted"
    assert "QWERTZ" in window.banner.layout_hint()
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
