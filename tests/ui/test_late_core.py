"""The window on a core still opening: early input waits, nothing is dropped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from concierge_app.ui.late_core import LateCore
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.ports import Connectivity, SyncStatus
from tests.ui.fakes import PASSWORD, FakeCore


@pytest.fixture
def late() -> LateCore:
    return LateCore()


@pytest.fixture
def window(qtbot, qloop, late, clock) -> DeskWindow:
    desk = DeskWindow(late, clock=clock)
    qtbot.addWidget(desk)
    desk.show()
    desk.activateWindow()
    return desk


def test_a_login_typed_before_the_core_opens_waits_for_it_and_goes_through(
    qtbot, window, late
) -> None:
    view = window.login_view
    qtbot.keyClicks(view.user_field, "anna")
    qtbot.keyClick(view.user_field, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.password_field, PASSWORD)
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
    # Nothing to log in to yet: the request is kept and the form says so.
    qtbot.wait(50)
    assert window.session is None
    assert not view.password_field.text()
    assert view.error() == ""

    core = FakeCore()
    with qtbot.waitSignal(window.logged_in, timeout=5000):
        late.attach(core)

    assert core.logins == ["anna"]
    assert window.pages.currentWidget() is window.desk_page


def test_a_subscription_made_early_gets_the_core_status_once_it_opens(
    qtbot, window, late
) -> None:
    core = FakeCore()
    core.status = SyncStatus(Connectivity.OFFLINE, queued=3)
    qtbot.wait(20)
    assert window.status_bar.status.queued == 0

    late.attach(core)
    qtbot.waitUntil(lambda: window.status_bar.status.queued == 3, timeout=5000)
    core.publish(SyncStatus(Connectivity.ONLINE, queued=0))
    qtbot.waitUntil(lambda: window.status_bar.status.queued == 0, timeout=5000)

    window.close()
    assert core.listeners == 0


def test_a_subscription_ended_before_the_core_opens_is_never_passed_on(late) -> None:
    seen: list[object] = []
    unsubscribe = late.subscribe(seen.append)
    unsubscribe()
    core = FakeCore()

    late.attach(core)

    assert core.listeners == 0
    assert seen == []


def test_a_second_core_is_refused(late) -> None:
    late.attach(FakeCore())

    with pytest.raises(RuntimeError, match="already attached"):
        late.attach(FakeCore())
