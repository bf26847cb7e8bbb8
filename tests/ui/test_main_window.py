"""The desk window against a fake core: login, scans in order, demo, status."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from concierge_app.domain.verdict import Tone, Verdict, VerdictKind
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.ports import Connectivity, ScanOutcome, SyncStatus
from tests.ui.fakes import PASSWORD, FakeCore, accepted, demo_order, scan, token_for


@pytest.fixture
def core() -> FakeCore:
    return FakeCore()


@pytest.fixture
def window(qtbot, qloop, core, clock) -> DeskWindow:
    desk = DeskWindow(core, clock=clock)
    qtbot.addWidget(desk)
    desk.show()
    desk.activateWindow()
    return desk


def _log_in(qtbot, window: DeskWindow, password: str = PASSWORD) -> None:
    view = window.login_view
    qtbot.keyClicks(view.user_field, "anna")
    qtbot.keyClick(view.user_field, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.password_field, password)
    with qtbot.waitSignal(window.logged_in, timeout=5000):
        qtbot.keyClick(view.password_field, Qt.Key.Key_Return)


def test_the_window_opens_on_the_login_page_with_the_user_field_focused(
    qtbot, window
) -> None:
    assert window.pages.currentWidget() is window.login_view
    qtbot.waitUntil(window.login_view.user_field.hasFocus, timeout=5000)


def test_logging_in_opens_the_desk_with_the_keyboard_on_the_scan_field(
    qtbot, window, core
) -> None:
    _log_in(qtbot, window)

    assert core.logins == ["anna"]
    assert window.pages.currentWidget() is window.desk_page
    assert window.session is not None
    assert window.status_bar.user_text() == "Anna Bianchi at The Plein Hotel"
    assert "The Plein Hotel" in window.facility_label.text()
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)


def test_a_wrong_password_stays_on_the_login_page_and_says_so(
    qtbot, window, core
) -> None:
    view = window.login_view
    view.user_field.setText("anna")
    view.password_field.setText("wrong")
    qtbot.keyClick(view.password_field, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: view.error() != "", timeout=5000)
    assert "Wrong user name or password" in view.error()
    assert window.pages.currentWidget() is view


def test_the_password_is_never_logged(qtbot, window, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        _log_in(qtbot, window)

    assert PASSWORD not in caplog.text
    assert all(PASSWORD not in str(record.args) for record in caplog.records)


def test_two_hundred_scans_made_while_the_core_is_busy_arrive_in_order(
    qtbot, window, core, clock, run
) -> None:
    _log_in(qtbot, window)
    tokens = [token_for(n) for n in range(200)]
    core.gate.clear()

    for token in tokens:
        scan(qtbot, window.scan_field.editor, token, clock)

    assert core.received == []
    assert window.pending_scans == 200
    core.gate.set()
    run(window.wait_idle())

    assert core.received == tokens
    assert core.most_in_flight == 1
    assert window.pending_scans == 0


def test_an_accepted_scan_shows_the_verdict_and_its_shipment(
    qtbot, window, core, clock, run
) -> None:
    _log_in(qtbot, window)
    token = token_for(2)
    core.outcomes[token] = ScanOutcome(accepted(2), demo_order(received=(1,)))

    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        scan(qtbot, window.scan_field.editor, token, clock)

    assert window.banner.tone is Tone.ACCEPTED
    assert window.banner.headline() == "Accepted"
    assert window.shipment_panel.summary() == (
        "2 of 3 packages received; 1 still expected."
    )


def test_a_refused_scan_clears_the_previous_shipment(
    qtbot, window, core, clock
) -> None:
    _log_in(qtbot, window)
    core.outcomes["A"] = ScanOutcome(accepted(1), demo_order())
    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        window._on_scan_submitted("A", True)

    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        window._on_scan_submitted("B", True)

    assert window.banner.headline() == "Unknown token"
    assert window.shipment_panel.lines() == []


def test_a_scanned_order_id_opens_the_order(qtbot, window, core) -> None:
    _log_in(qtbot, window)
    core.outcomes["1-2603-1-000001"] = ScanOutcome(None, demo_order())

    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        window._on_scan_submitted("1-2603-1-000001", False)

    assert window.banner.headline() == "Order 1-2603-1-000001"
    assert window.banner.tone is None
    assert len(window.shipment_panel.lines()) == 3


def test_a_scan_that_fails_in_the_core_is_reported_and_the_next_still_runs(
    qtbot, window, core, run
) -> None:
    _log_in(qtbot, window)
    core.fail_on.add("BROKEN")
    core.outcomes["GOOD"] = ScanOutcome(Verdict(VerdictKind.WRONG_FACILITY))

    window._on_scan_submitted("BROKEN", True)
    window._on_scan_submitted("GOOD", True)
    outcomes: list[ScanOutcome] = []
    window.scan_finished.connect(outcomes.append)
    run(window.wait_idle())

    assert core.received == ["BROKEN", "GOOD"]
    assert [o.verdict.kind for o in outcomes if o.verdict] == [
        VerdictKind.WRONG_FACILITY
    ]


def test_a_core_failure_is_shown_in_words(qtbot, window, core, run) -> None:
    _log_in(qtbot, window)
    core.fail_on.add("BROKEN")

    window._on_scan_submitted("BROKEN", True)
    run(window.wait_idle())

    assert window.banner.headline() == "Scan not checked"
    assert "nothing was registered" in window.banner.instruction()


def test_a_scan_on_the_login_page_is_ignored(window, core, run) -> None:
    window._on_scan_submitted(token_for(1), True)
    run(window.wait_idle())

    assert core.received == []
    assert window.login_view.error() == "Log in first, then scan."


def test_f5_syncs_now(qtbot, window, core) -> None:
    _log_in(qtbot, window)

    assert window.desk_actions.sync_now.shortcut() == QKeySequence("F5")
    qtbot.keyClick(window.scan_field.editor, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: core.syncs == 1, timeout=5000)


def test_status_events_from_the_core_reach_the_status_bar(window, core) -> None:
    assert window.status_bar.connectivity_text() == "Online"

    core.publish(SyncStatus(Connectivity.OFFLINE, queued=3))

    assert window.status_bar.connectivity_text().startswith("Offline")
    assert window.status_bar.queue_text() == "Queued: 3"


def test_closing_the_window_ends_the_subscription(window, core) -> None:
    assert core.listeners == 1

    window.close()

    assert core.listeners == 0


def test_ctrl_q_closes_the_window(qtbot, window) -> None:
    qtbot.keyClick(
        window.login_view.user_field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_log_out_returns_to_an_empty_login_page(qtbot, window, core) -> None:
    _log_in(qtbot, window)

    window.desk_actions.log_out.trigger()
    qtbot.waitUntil(lambda: window.session is None, timeout=5000)

    assert core.logouts == 1
    assert window.pages.currentWidget() is window.login_view
    assert window.login_view.user_field.text() == ""


def test_log_out_waits_for_the_scans_already_typed(qtbot, window, core, clock) -> None:
    _log_in(qtbot, window)
    tokens = [token_for(n) for n in range(3)]
    core.gate.clear()
    for token in tokens:
        scan(qtbot, window.scan_field.editor, token, clock)

    window.desk_actions.log_out.trigger()
    core.gate.set()
    qtbot.waitUntil(lambda: window.session is None, timeout=5000)

    # Each package scanned before the logout is received as its scanner's.
    assert core.received_at_logout == tokens


def test_focus_comes_back_to_the_scan_field_after_a_dialog(qtbot, window) -> None:
    _log_in(qtbot, window)
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)
    dialog = QDialog(window)
    note = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(note)
    dialog.open()
    dialog.activateWindow()
    note.setFocus()
    qtbot.waitUntil(note.hasFocus, timeout=5000)

    dialog.accept()
    window.activateWindow()

    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)


def test_no_demo_menu_or_marker_outside_demo_mode(window) -> None:
    assert not window.demo
    assert window.demo_menu is None
    assert window.demo_marker.isHidden()
    assert "DEMO" not in window.windowTitle()


def test_the_demo_menu_scans_each_sample(qtbot, qloop, clock) -> None:
    core = FakeCore()
    samples = [("Accepted", token_for(1)), ("Refused", token_for(2))]
    core.outcomes[token_for(1)] = ScanOutcome(accepted(1), demo_order())
    window = DeskWindow(core, clock=clock, demo_samples=samples)
    qtbot.addWidget(window)
    window.show()
    _log_in(qtbot, window)

    assert not window.demo_marker.isHidden()
    assert "DEMO" in window.windowTitle()
    assert window.demo_menu is not None
    actions = window.demo_menu.actions()
    assert [a.text() for a in actions] == ["&1 Accepted", "&2 Refused"]
    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        actions[0].trigger()
    assert core.received == [token_for(1)]
    assert window.banner.headline() == "Accepted"


def test_every_control_that_takes_the_keyboard_has_an_accessible_name(
    qtbot, window
) -> None:
    for page in (window.login_view, window.desk_page):
        window.pages.setCurrentWidget(page)
        controls = [
            w
            for w in page.findChildren(QWidget)
            if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        assert controls
        for control in controls:
            assert control.accessibleName(), type(control).__name__


def test_a_receipt_the_store_refused_is_never_shown_as_accepted(
    qtbot, window, core, run
) -> None:
    _log_in(qtbot, window)
    core.outcomes["FULL"] = ScanOutcome(accepted(1), demo_order())
    core.not_kept.add("FULL")

    window._on_scan_submitted("FULL", True)
    run(window.wait_idle())

    assert window.banner.headline() == "Receipt NOT kept"
    assert window.banner.tone is Tone.REFUSED
    assert "NOT received" in window.banner.instruction()
    assert "disk is full" in window.banner.instruction()
    assert window.shipment_panel.lines() == []


def test_the_demo_login_page_says_who_can_log_in(qtbot, qloop, clock) -> None:
    picks = iter(["FIRST", "SECOND"])
    window = DeskWindow(
        FakeCore(),
        clock=clock,
        demo_samples=[("Accepted", lambda: next(picks))],
        demo_note="Log in as concierge / concierge",
    )
    qtbot.addWidget(window)
    window.show()

    assert window.login_view.note() == "Log in as concierge / concierge"
    _log_in(qtbot, window)
    assert window.demo_menu is not None
    received = []
    window.scan_finished.connect(received.append)
    for _ in range(2):
        with qtbot.waitSignal(window.scan_finished, timeout=5000):
            window.demo_menu.actions()[0].trigger()
    assert window._core.received == ["FIRST", "SECOND"]


def test_outside_the_demo_the_login_page_has_no_note(window) -> None:
    assert window.login_view.note() == ""


def _close_question(qtbot, window: DeskWindow):
    qtbot.waitUntil(lambda: window.close_question is not None, timeout=5000)
    box = window.close_question
    qtbot.waitUntil(box.isVisible, timeout=5000)
    return box


def test_closing_with_receipts_queued_asks_and_escape_keeps_the_desk_open(
    qtbot, window, core
) -> None:
    _log_in(qtbot, window)
    core.publish(SyncStatus(Connectivity.OFFLINE, queued=3))

    window.close()
    box = _close_question(qtbot, window)

    assert box.text() == "3 receipts are still queued, not yet sent."
    assert "kept safely on this workstation" in box.informativeText()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.close_question is None, timeout=5000)
    assert window.isVisible()
    qtbot.waitUntil(window.scan_field.editor.hasFocus, timeout=5000)


def test_close_anyway_closes_with_the_queue_kept(qtbot, window, core) -> None:
    _log_in(qtbot, window)
    core.publish(SyncStatus(Connectivity.OFFLINE, queued=1))

    window.close()
    box = _close_question(qtbot, window)
    assert box.text() == "1 receipt is still queued, not yet sent."
    # A message box takes its buttons' mnemonic letters as plain keys too.
    qtbot.keyClick(box, Qt.Key.Key_C)

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert core.syncs == 0


def test_waiting_for_the_sync_closes_once_the_queue_is_empty(
    qtbot, window, core
) -> None:
    _log_in(qtbot, window)
    core.publish(SyncStatus(Connectivity.ONLINE, queued=2))
    core.after_sync = SyncStatus(Connectivity.ONLINE, queued=0)

    window.close()
    box = _close_question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert core.syncs == 1


def test_a_sync_that_cannot_send_them_asks_again(qtbot, window, core) -> None:
    _log_in(qtbot, window)
    core.publish(SyncStatus(Connectivity.OFFLINE, queued=2))

    window.close()
    qtbot.keyClick(_close_question(qtbot, window), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: core.syncs == 1, timeout=5000)
    again = _close_question(qtbot, window)

    assert "could not send them yet (Offline" in again.informativeText()
    assert window.isVisible()
    qtbot.keyClick(again, Qt.Key.Key_Escape)


def test_a_provisional_acceptance_says_why_no_order_is_shown(
    qtbot, window, core
) -> None:
    _log_in(qtbot, window)
    core.outcomes["NEW"] = ScanOutcome(Verdict(VerdictKind.ACCEPTED_PROVISIONAL))

    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        window._on_scan_submitted("NEW", True)

    assert window.banner.headline() == "Accepted, provisional"
    assert window.shipment_panel.title() == "Order not known here yet"


def test_an_acceptance_by_signed_label_says_its_order_comes_at_sync(
    qtbot, window, core
) -> None:
    _log_in(qtbot, window)
    by_label = Verdict(
        VerdictKind.ACCEPTED,
        order_id="1-2612-1-000342",
        number=1,
        count=2,
        verified_by_label=True,
    )
    core.outcomes["CSL1-LABEL"] = ScanOutcome(by_label, None, "r-1")

    with qtbot.waitSignal(window.scan_finished, timeout=5000):
        window._on_scan_submitted("CSL1-LABEL", True)

    assert window.banner.headline() == "Accepted"
    assert "signed label" in window.banner.instruction()
    assert window.shipment_panel.title() == "Verified by its signed label"
