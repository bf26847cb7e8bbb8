"""The login page: focus order, Enter submits, problems in words, no password kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from concierge_app.domain import token as token_scheme
from concierge_app.ui.login_view import LoginView
from concierge_app.ui.ports import LoginFailed, LoginFailure
from tests.keyboard import SCANNER_GAP, FakeClock, scan, type_text


@pytest.fixture
def view(qtbot) -> LoginView:
    widget = LoginView()
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    widget.reset()
    qtbot.waitUntil(widget.user_field.hasFocus, timeout=5000)
    return widget


def _requests(view: LoginView) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    view.login_requested.connect(lambda user, password: seen.append((user, password)))
    return seen


def test_the_user_field_first_then_tab_to_the_password_and_enter(qtbot, view) -> None:
    seen = _requests(view)

    qtbot.keyClicks(view.focusWidget(), "anna")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert view.password_field.hasFocus()
    qtbot.keyClicks(view.focusWidget(), "s3cret")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)

    assert seen == [("anna", "s3cret")]
    assert view.password_field.text() == ""
    assert not view.password_field.isUndoAvailable()


def test_enter_in_the_user_field_submits_too(qtbot, view) -> None:
    seen = _requests(view)
    view.password_field.setText("s3cret")

    qtbot.keyClicks(view.user_field, "anna")
    qtbot.keyClick(view.user_field, Qt.Key.Key_Return)

    assert seen == [("anna", "s3cret")]


def test_an_empty_password_is_asked_for_not_sent(qtbot, view) -> None:
    seen = _requests(view)

    qtbot.keyClicks(view.user_field, "anna")
    qtbot.keyClick(view.user_field, Qt.Key.Key_Return)

    assert seen == []
    assert view.error() == "Type your password."
    assert view.password_field.hasFocus()


def test_a_second_enter_while_logging_in_sends_nothing_more(qtbot, view) -> None:
    seen = _requests(view)
    view.user_field.setText("anna")
    view.password_field.setText("one")
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
    view.password_field.setText("two")
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)

    assert seen == [("anna", "one")]


@pytest.mark.parametrize(
    ("failed", "words"),
    [
        (LoginFailed(LoginFailure.WRONG_CREDENTIALS), "Wrong user name or password"),
        (
            LoginFailed(
                LoginFailure.LOCKED,
                locked_until=datetime(2026, 3, 14, 11, 45, tzinfo=UTC),
            ),
            "locked until "
            + datetime(2026, 3, 14, 11, 45, tzinfo=UTC).astimezone().strftime("%H:%M"),
        ),
        (LoginFailed(LoginFailure.OFFLINE_UNAVAILABLE), "The desk is offline"),
        (LoginFailed(LoginFailure.UNAVAILABLE), "not answering"),
    ],
)
def test_a_refused_login_says_why_and_lets_the_person_retry(
    qtbot, view, failed, words
) -> None:
    view.set_busy(True)

    view.show_failure(failed)

    assert words in view.error()
    assert view.password_field.hasFocus()
    seen = _requests(view)
    view.user_field.setText("anna")
    view.password_field.setText("again")
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
    assert seen == [("anna", "again")]


def test_the_facility_shows_once_known(view) -> None:
    view.set_facility("The Plein Hotel")

    assert view._facility.text() == "At The Plein Hotel"
    assert not view._facility.isHidden()


@pytest.fixture
def clocked(qtbot) -> tuple[LoginView, FakeClock]:
    clock = FakeClock()
    widget = LoginView(clock=clock)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    widget.reset()
    qtbot.waitUntil(widget.user_field.hasFocus, timeout=5000)
    return widget, clock


@pytest.mark.parametrize("field", ["user", "password"])
def test_a_package_scanned_into_the_form_is_dropped_and_said(
    qtbot, clocked: tuple[LoginView, FakeClock], field: str
) -> None:
    view, clock = clocked
    seen = _requests(view)
    refused: list[bool] = []
    view.scan_refused.connect(lambda: refused.append(True))
    view.user_field.setText("anna" if field == "password" else "")
    target = view.password_field if field == "password" else view.user_field
    target.setFocus()

    scan(qtbot, target, token_scheme.format_groups(token_scheme.generate()), clock)

    assert seen == []
    assert refused == [True]
    assert target.text() == ""
    assert "package scan, and it was NOT received" in view.error()


def test_a_password_typed_as_fast_as_a_scanner_still_logs_in(
    qtbot, clocked: tuple[LoginView, FakeClock]
) -> None:
    # A password manager types at a scanner's speed; it is no package's code.
    view, clock = clocked
    seen = _requests(view)

    type_text(qtbot, view.user_field, "anna", clock, SCANNER_GAP)
    qtbot.keyClick(view.user_field, Qt.Key.Key_Tab)
    type_text(qtbot, view.password_field, "s3cret", clock, SCANNER_GAP)
    clock.advance(SCANNER_GAP)
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)

    assert seen == [("anna", "s3cret")]
    assert view.error() == ""
