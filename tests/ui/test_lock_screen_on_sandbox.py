"""The lock screen on the real core and the real sandbox: a package scanned
at the locked desk (or on the login page), a person typing their password
fast, and a user of another facility trying to take the desk.

Each test runs a `Desk` on a fresh SQLite folder against the sandbox over
loopback, through the window opener of tests/ui/test_desk_on_sandbox.py.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from concierge_app.domain import token as token_scheme
from concierge_app.sync.desk import Desk
from concierge_app.ui.main_window import DeskWindow
from tests.keyboard import HUMAN_GAP, SCANNER_GAP, FakeClock, type_text
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.test_desk_on_sandbox import WindowOpener, log_in, log_in_online


def _actions_since_the_lock(desk: Desk) -> list[str]:
    actions = [e.action for e in desk.store.audit_entries()]
    return actions[len(actions) - actions[::-1].index("lock") :]


def _locked(qtbot, window: DeskWindow, desk: Desk, clock: FakeClock) -> None:
    log_in_online(qtbot, window, clock)
    window.lock()
    qtbot.waitUntil(window.lock_screen.password_field.hasFocus, timeout=5000)
    qtbot.waitUntil(
        lambda: "lock" in [e.action for e in desk.store.audit_entries()],
        timeout=5000,
    )


def _unlock_as_a_person(
    qtbot, window: DeskWindow, clock: FakeClock, gaps: list[float]
) -> None:
    field = window.lock_screen.password_field
    field.setFocus()
    for char, gap in zip("concierge", gaps * 9, strict=False):
        clock.advance(gap)
        qtbot.keyClick(field, char)
    with qtbot.waitSignal(window.lock_changed, timeout=10000) as unlocked:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert unlocked.args == [False]


@pytest.mark.parametrize(
    ("how", "gap", "prefix", "suffix", "end"),
    [
        ("a scanner", SCANNER_GAP, "", "", Qt.Key.Key_Return),
        ("a scanner ending with Tab", SCANNER_GAP, "", "", Qt.Key.Key_Tab),
        ("a slow scanner with its prefix", 0.045, "]Q1", "", Qt.Key.Key_Return),
        ("a slow scanner with its suffix", 0.045, "", "#", Qt.Key.Key_Return),
    ],
    ids=["fast", "fast-tab", "slow-prefix", "slow-suffix"],
)
def test_a_package_scanned_at_the_locked_desk_is_not_taken_for_a_password(
    qtbot,
    open_window: WindowOpener,
    sandbox_admin: SandboxAdmin,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    how: str,
    gap: float,
    prefix: str,
    suffix: str,
    end: Qt.Key,
) -> None:
    caplog.set_level(logging.DEBUG)
    token = sandbox_admin.token("accepted")
    window = open_window()
    desk = open_window.desks[-1]
    window.apply_preferences(
        replace(window.preferences, scanner_prefix=prefix, scanner_suffix=suffix)
    )
    _locked(qtbot, window, open_window.desks[-1], clock)
    screen = window.lock_screen
    logins = len(sandbox_admin.traffic("/auth/token"))

    type_text(qtbot, screen.password_field, prefix + token + suffix, clock, gap)
    clock.advance(gap)
    qtbot.keyClick(screen.password_field, end)
    qtbot.waitUntil(lambda: screen.error() != "", timeout=10000)

    assert screen.password_field.text() == ""
    assert screen.password_field.hasFocus()
    assert "scan was NOT received" in screen.error()
    assert "scan the package again" in screen.error()
    assert window.locked
    # Not a password: nothing asked of the platform, no wrong attempt counted.
    qtbot.wait(50)
    assert len(sandbox_admin.traffic("/auth/token")) == logins
    assert _actions_since_the_lock(desk) == []
    assert sum(desk.store.counts().values()) == 0
    for secret in (token, token_scheme.normalise(token)):
        assert secret not in caplog.text

    _unlock_as_a_person(qtbot, window, clock, [HUMAN_GAP])
    assert window.session is not None
    assert window.session.username == "concierge"
    after = _actions_since_the_lock(desk)
    assert after[-2:] == ["login", "unlock"]
    assert "login_failed" not in after


def test_a_package_scanned_on_the_login_page_is_not_sent_as_a_user_name(
    qtbot,
    open_window: WindowOpener,
    sandbox_admin: SandboxAdmin,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    token = sandbox_admin.token("accepted")
    window = open_window()
    view = window.login_view
    qtbot.waitUntil(view.user_field.hasFocus, timeout=5000)
    logins = len(sandbox_admin.traffic("/auth/token"))

    type_text(qtbot, view.user_field, token, clock, SCANNER_GAP)
    clock.advance(SCANNER_GAP)
    qtbot.keyClick(view.user_field, Qt.Key.Key_Return)

    assert view.user_field.text() == ""
    assert "package scan, and it was NOT received" in view.error()
    qtbot.wait(50)
    assert len(sandbox_admin.traffic("/auth/token")) == logins
    for secret in (token, token_scheme.normalise(token)):
        assert secret not in caplog.text

    with qtbot.waitSignal(window.logged_in, timeout=10000):
        log_in(qtbot, window, clock, "concierge", "concierge")
    assert sum(open_window.desks[-1].store.counts().values()) == 0


def test_a_package_scanned_into_the_switch_user_form_is_dropped_too(
    qtbot, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock: FakeClock
) -> None:
    token = sandbox_admin.token("accepted")
    window = open_window()
    _locked(qtbot, window, open_window.desks[-1], clock)
    screen = window.lock_screen
    screen.show_switch_user()
    fields: list[QLineEdit] = [screen.user_field, screen.other_password_field]

    for field in fields:
        field.setFocus()
        with qtbot.waitSignal(screen.scan_refused, timeout=5000):
            type_text(qtbot, field, token, clock, SCANNER_GAP)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        assert field.text() == ""
        assert screen.switching
        assert "scan was NOT received" in screen.error()

    screen.user_field.setFocus()
    type_text(qtbot, screen.user_field, "supervisor", clock, HUMAN_GAP)
    qtbot.keyClick(screen.user_field, Qt.Key.Key_Tab)
    type_text(qtbot, screen.other_password_field, "supervisor", clock, HUMAN_GAP)
    with qtbot.waitSignal(window.logged_in, timeout=10000):
        qtbot.keyClick(screen.other_password_field, Qt.Key.Key_Return)
    assert window.session is not None
    assert window.session.username == "supervisor"


@pytest.mark.parametrize(
    ("how", "gaps"),
    [
        ("steadily fast", [0.045]),
        ("with quick key rolls", [0.012, 0.090]),
        ("by a password manager, at a scanner's speed", [SCANNER_GAP]),
    ],
    ids=["steady", "key-rolls", "password-manager"],
)
def test_a_person_typing_their_password_fast_still_unlocks(
    qtbot, open_window: WindowOpener, clock: FakeClock, how: str, gaps: list[float]
) -> None:
    window = open_window()
    # Even a prefix the password starts with does not make it a scan.
    window.apply_preferences(replace(window.preferences, scanner_prefix="CON"))
    _locked(qtbot, window, open_window.desks[-1], clock)

    _unlock_as_a_person(qtbot, window, clock, gaps)

    assert window.lock_screen.error() == ""
    assert window.session is not None
    assert window.session.username == "concierge"


def test_a_user_of_another_facility_cannot_take_the_locked_desk(
    qtbot, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock: FakeClock
) -> None:
    window = open_window()
    desk = open_window.desks[-1]
    _locked(qtbot, window, open_window.desks[-1], clock)
    screen = window.lock_screen
    screen.show_switch_user()
    qtbot.waitUntil(screen.user_field.hasFocus, timeout=5000)

    type_text(qtbot, screen.user_field, "other", clock, HUMAN_GAP)
    qtbot.keyClick(screen.user_field, Qt.Key.Key_Tab)
    type_text(qtbot, screen.other_password_field, "other", clock, HUMAN_GAP)
    qtbot.keyClick(screen.other_password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error() != "", timeout=10000)

    assert "That user works at Lounge Brera" in screen.error()
    assert "the desk stays locked" in screen.error()
    assert window.locked
    assert window.session is not None
    assert window.session.username == "concierge"
    assert desk.client.session is not None
    assert desk.client.session.user.username == "concierge"
    assert _actions_since_the_lock(desk) == ["switch_user_failed"]
