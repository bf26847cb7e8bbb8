"""The shared desk's safeguards on the real core and the real sandbox.

Auto-lock and the lock screen (unlock, switch user) with receipts kept in
the name of whoever scanned them, logging out and closing with a queue, and
the settings dialog applied at once and kept in the user settings file.
Each test runs a `Desk` on a fresh SQLite folder against the sandbox over
loopback, like tests/ui/test_desk_on_sandbox.py, whose helpers it uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from concierge_app import settings
from concierge_app.api.vault import MemoryVault
from concierge_app.domain import token as token_scheme
from concierge_app.sync.desk import Desk
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.settings_dialog import DeskPreferences
from tests.keyboard import HUMAN_GAP, FakeClock, scan, type_text
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.test_desk_on_sandbox import (
    WindowOpener,
    log_in_online,
    scan_and_wait,
)


@pytest.fixture
def open_window(
    qtbot, run, sandbox, tmp_path: Path, clock: FakeClock
) -> Iterator[WindowOpener]:
    """`open_window()` gives a window on one data folder; desks closed after."""
    opener = WindowOpener(qtbot, sandbox.url, tmp_path / "desk-1", clock)
    yield opener
    for desk in opener.desks:
        run(desk.aclose())


def _scan_offline(
    qtbot, window: DeskWindow, admin: SandboxAdmin, text: str, clock, queued: int
) -> None:
    """Scan with the network down; the receipt waits in the queue."""
    admin.set_faults(reset_rate=1.0)
    scan_and_wait(qtbot, window, text, clock)
    assert window.banner.headline() == "Accepted"
    qtbot.waitUntil(
        lambda: window.status_bar.queue_text() == f"Queued: {queued}", timeout=20000
    )


def _received_by(admin: SandboxAdmin) -> dict[str, str]:
    return {r["token_sha256"]: r["received_by"] for r in admin.receipts()["receipts"]}


def _audited(desk: Desk) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.subject) for e in desk.store.audit_entries()]


def test_auto_lock_hides_the_desk_and_a_switch_of_user_keeps_who_scanned_what(
    qtbot, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock
) -> None:
    first, second = (p["token"] for p in sandbox_admin.tokens("accepted")[:2])
    window = open_window()
    desk = open_window.desks[-1]
    log_in_online(qtbot, window, clock)
    _scan_offline(qtbot, window, sandbox_admin, first, clock, queued=1)

    # A few tenths of a second stand in for the facility's minutes.
    with qtbot.waitSignal(window.lock_changed, timeout=10000) as locked:
        window.idle_watch.set_minutes(0.005)
    assert locked.args == [True]
    assert window.locked
    assert not window.desk_page.isVisible()
    assert not window.banner.isVisible()
    assert "Giulia Conti" in window.lock_screen.who()
    assert "locked" in window.windowTitle()

    # Another person takes the desk; the network is back meanwhile.
    sandbox_admin.clear_faults()
    screen = window.lock_screen
    qtbot.waitUntil(screen.password_field.hasFocus, timeout=5000)
    qtbot.keyClick(screen.password_field, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(screen.user_field.hasFocus, timeout=5000)
    type_text(qtbot, screen.user_field, "supervisor", clock, HUMAN_GAP)
    qtbot.keyClick(screen.user_field, Qt.Key.Key_Tab)
    type_text(qtbot, screen.other_password_field, "supervisor", clock, HUMAN_GAP)
    with qtbot.waitSignal(window.logged_in, timeout=10000):
        qtbot.keyClick(screen.other_password_field, Qt.Key.Key_Return)

    assert not window.locked
    assert window.session is not None
    assert window.session.username == "supervisor"
    assert window.status_bar.user_text() == "Marco Bassi at The Plein Hotel"
    # The first person's receipt went out under the second person's session.
    qtbot.waitUntil(
        lambda: window.status_bar.queue_text() == "Queued: 0", timeout=20000
    )
    scan_and_wait(qtbot, window, second, clock)
    assert window.banner.headline() == "Accepted"
    qtbot.waitUntil(
        lambda: window.status_bar.queue_text() == "Queued: 0", timeout=20000
    )

    by = _received_by(sandbox_admin)
    assert by[token_scheme.digest(first)] == "concierge"
    assert by[token_scheme.digest(second)] == "supervisor"
    audited = _audited(desk)
    assert ("concierge", "lock", "concierge") in audited
    assert ("supervisor", "switch_user", "supervisor") in audited
    assert desk.store.verify_audit().ok


def test_unlocking_takes_the_same_persons_password_and_a_wrong_one_is_audited(
    qtbot, open_window: WindowOpener, clock
) -> None:
    window = open_window()
    desk = open_window.desks[-1]
    log_in_online(qtbot, window, clock)
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)

    with qtbot.waitSignal(window.lock_changed, timeout=5000):
        qtbot.keyClick(
            window.scan_field.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
        )
    screen = window.lock_screen
    assert not window.desk_actions.log_out.isEnabled()
    qtbot.waitUntil(screen.password_field.hasFocus, timeout=5000)
    type_text(qtbot, screen.password_field, "not-it", clock, HUMAN_GAP)
    qtbot.keyClick(screen.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error() != "", timeout=10000)
    assert "Wrong user name or password" in screen.error()
    assert window.locked

    type_text(qtbot, screen.password_field, "concierge", clock, HUMAN_GAP)
    with qtbot.waitSignal(window.lock_changed, timeout=10000) as unlocked:
        qtbot.keyClick(screen.password_field, Qt.Key.Key_Return)

    assert unlocked.args == [False]
    assert window.session is not None
    assert window.session.username == "concierge"
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
    actions = [action for _actor, action, _subject in _audited(desk)]
    after_lock = actions[actions.index("lock") :]
    assert after_lock[:3] == ["lock", "login_failed", "unlock_failed"]
    assert after_lock[-2:] == ["login", "unlock"]


def test_logging_out_with_a_queue_warns_and_waits_for_the_sync(
    qtbot, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock
) -> None:
    token = sandbox_admin.token("accepted")
    window = open_window()
    log_in_online(qtbot, window, clock)
    _scan_offline(qtbot, window, sandbox_admin, token, clock, queued=1)

    qtbot.keyClick(
        window.scan_field.editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.close_question is not None, timeout=5000)
    box = window.close_question
    assert box.text() == "1 receipt is still queued, not yet sent."
    assert "log out anyway" in box.informativeText()
    assert window.session is not None

    sandbox_admin.clear_faults()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)

    assert window.status_bar.queue_text() == "Queued: 0"
    assert token_scheme.digest(token) in _received_by(sandbox_admin)


def test_closing_anyway_keeps_the_queue_for_the_next_start(
    qtbot, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock, run
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    window = open_window()
    log_in_online(qtbot, window, clock)
    _scan_offline(qtbot, window, sandbox_admin, tokens[0], clock, queued=1)
    _scan_offline(qtbot, window, sandbox_admin, tokens[1], clock, queued=2)

    window.close()
    qtbot.waitUntil(lambda: window.close_question is not None, timeout=5000)
    assert window.close_question.text() == "2 receipts are still queued, not yet sent."
    qtbot.keyClick(window.close_question, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    run(open_window.desks[-1].aclose())
    open_window.desks.clear()

    again = open_window()
    qtbot.waitUntil(lambda: again.status_bar.queue_text() == "Queued: 2", timeout=10000)


def test_the_settings_dialog_applies_at_once_and_keeps_the_choice(
    qtbot, run, sandbox, sandbox_admin: SandboxAdmin, tmp_path: Path, clock
) -> None:
    machine = tmp_path / "machine.toml"
    machine.write_text("auto_lock_min_minutes = 2\nauto_lock_max_minutes = 15\n")
    user = tmp_path / "user.toml"
    chosen = settings.load(machine=machine, user=user, environ={})
    desk = Desk.open(tmp_path / "desk", sandbox.url, vault=MemoryVault())
    desk.start()
    try:
        window = DeskWindow(
            desk,
            clock=clock,
            preferences=DeskPreferences.from_settings(chosen),
            save_preferences=lambda changes: settings.save_user(changes, user),
        )
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        log_in_online(qtbot, window, clock)
        token = sandbox_admin.token("accepted")

        qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
        qtbot.keyClick(
            window.scan_field.editor,
            Qt.Key.Key_Comma,
            Qt.KeyboardModifier.ControlModifier,
        )
        qtbot.waitUntil(lambda: window.settings_dialog is not None, timeout=5000)
        dialog = window.settings_dialog
        assert (dialog.auto_lock.minimum(), dialog.auto_lock.maximum()) == (2, 15)
        dialog.auto_lock.setValue(7)
        dialog.sounds.setChecked(False)
        dialog.prefix.setText("]Q")
        dialog.language.setCurrentIndex(dialog.language.findData("it"))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=5000)

        assert window.idle_watch.minutes == 7
        assert window.banner.muted
        # The scanner's prefix is taken off before the scan is read.
        scan_and_wait(qtbot, window, "]Q" + token, clock)
        assert window.banner.headline() == "Accepted"
    finally:
        run(desk.aclose())

    kept = settings.load(machine=machine, user=user, environ={})
    assert kept["auto_lock_minutes"] == 7
    assert kept["sounds"] is False
    assert kept["scanner_prefix"] == "]Q"
    assert kept["language"] == "it"
    assert kept.sources["auto_lock_minutes"] == "user settings"
    assert machine.read_text() == (
        "auto_lock_min_minutes = 2\nauto_lock_max_minutes = 15\n"
    )


def test_the_settings_dialog_keeps_auto_lock_inside_the_facilitys_bounds(
    qtbot, qloop, tmp_path: Path
) -> None:
    machine = tmp_path / "machine.toml"
    machine.write_text("auto_lock_min_minutes = 2\nauto_lock_max_minutes = 15\n")
    user = tmp_path / "user.toml"
    user.write_text("auto_lock_minutes = 60\nauto_lock_max_minutes = 240\n")
    chosen = settings.load(machine=machine, user=user, environ={})
    preferences = DeskPreferences.from_settings(chosen)
    from concierge_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)

    assert preferences.auto_lock_bounds == (2, 15)
    assert dialog.auto_lock.value() == 15
    dialog.auto_lock.setValue(1)
    assert dialog.preferences().auto_lock_minutes == 2


@pytest.mark.parametrize("typed", ["a key", "a click"])
def test_input_in_the_window_starts_the_idle_count_again(
    qtbot, open_window: WindowOpener, clock, typed: str
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    window.idle_watch.set_minutes(10)
    qtbot.wait(50)
    before = window.idle_watch.remaining_ms()

    if typed == "a key":
        scan(qtbot, window.scan_field.editor, "X", clock)
    else:
        qtbot.mouseClick(window.scan_field.editor, Qt.MouseButton.LeftButton)

    assert window.idle_watch.remaining_ms() > before
    assert not window.locked


def test_a_failed_switch_of_user_leaves_the_desk_locked_for_the_first_person(
    qtbot, open_window: WindowOpener, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    window.lock()
    screen = window.lock_screen
    screen.show_switch_user()
    screen.user_field.setText("supervisor")
    screen.other_password_field.setText("wrong")
    qtbot.keyClick(screen.other_password_field, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: screen.error() != "", timeout=10000)
    assert window.locked
    assert window.session is not None
    assert window.session.username == "concierge"
    desk = open_window.desks[-1]
    assert ("concierge", "switch_user_failed", "supervisor") in _audited(desk)


def test_a_person_can_log_in_again_after_the_desk_locked(
    qtbot, open_window: WindowOpener, clock
) -> None:
    # A log in from the lock screen is the same flow as from the login page.
    window = open_window()
    log_in_online(qtbot, window, clock)
    window.lock()
    window.lock_screen.password_field.setText("concierge")
    with qtbot.waitSignal(window.lock_changed, timeout=10000):
        qtbot.keyClick(window.lock_screen.password_field, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.desk_page
