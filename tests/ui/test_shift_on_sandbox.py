"""A shift at the desk against the real sandbox: the lists, the damage note,
resolving what needs attention, and the supervisor override.

As in test_desk_on_sandbox, each test opens a `Desk` on a fresh SQLite
folder, talks to the sandbox over loopback and drives the window with keys.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import Condition, ReceiptState
from concierge_app.ui.lists.attention_model import AttentionModel
from concierge_app.ui.lists.today_model import TodayModel
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.receipt_dialogs import NoteDialog, OverrideDialog
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item
from tests.ui.test_desk_on_sandbox import log_in_online, scan_and_wait


def _rows(model: Any, column: int) -> list[str]:
    return [model.index(n, column).data() for n in range(model.rowCount())]


def _today_row(window: DeskWindow, order_id: str | None) -> dict[str, str]:
    assert window.lists is not None
    model = window.lists.today
    for number, row in enumerate(model.rows()):
        if row.receipt.order_id == order_id:
            return {
                name: model.index(number, column).data()
                for name, column in (
                    ("state", TodayModel.STATE),
                    ("package", TodayModel.PACKAGE),
                    ("condition", TodayModel.CONDITION),
                    ("scanned_by", TodayModel.SCANNED_BY),
                    ("override", TodayModel.OVERRIDE),
                    ("note", TodayModel.NOTE),
                )
            }
    raise AssertionError(f"no Today row for order {order_id}")


def _press(qtbot, window: DeskWindow, key: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.scan_field.editor, key, modifiers)


def _sync(qtbot, window: DeskWindow) -> None:
    qtbot.keyClick(window.scan_field.editor, Qt.Key.Key_F5)

    def synced() -> None:
        bar = window.status_bar
        assert bar.queue_text().startswith("Queued: 0")
        assert bar.connectivity_text() == "Online"

    qtbot.waitUntil(synced, timeout=20000)


def _dialog(qtbot, window: DeskWindow, kind: type) -> Any:
    actions = window.receipt_actions
    assert actions is not None
    qtbot.waitUntil(lambda: isinstance(actions.dialog, kind), timeout=5000)
    dialog = actions.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.isModal()
    return dialog


def test_each_tab_after_a_mixed_shift(
    qtbot, open_window, sandbox, sandbox_admin: SandboxAdmin, clock
) -> None:
    accepted = sandbox_admin.tokens("accepted")
    first, offline, elsewhere = accepted[0], accepted[3], accepted[6]
    assert len({first["order_id"], offline["order_id"], elsewhere["order_id"]}) == 3
    stranger = token_scheme.format_groups(token_scheme.generate())
    window = open_window()
    log_in_online(qtbot, window, clock)
    lists = window.lists
    assert lists is not None
    assert window.tabs.count() == 4

    # Expected: the first package's order is there before the scan.
    lists.expected_tab.search_field.setText(first["order_id"])
    assert first["package_id"] in {r.package_id for r in lists.expected.rows()}

    scan_and_wait(qtbot, window, first["token"], clock)
    qtbot.waitUntil(
        lambda: _today_row(window, first["order_id"])["state"] == "Registered",
        timeout=20000,
    )
    assert first["package_id"] not in {r.package_id for r in lists.expected.rows()}

    # Another desk registers a package this desk's cache still expects.
    other = DeskClient(sandbox.url, "concierge", "DESK-2")
    try:
        assert other.results(receipt_item(elsewhere["token"], workstation_id="DESK-2"))[
            0
        ]["status"] == ("registered")
    finally:
        other.close()

    sandbox_admin.set_faults(reset_rate=1.0)
    for text in (offline["token"], elsewhere["token"], stranger):
        scan_and_wait(qtbot, window, text, clock)
        assert window.banner.headline().startswith("Accepted")
    # Queued, or on the wire for an attempt the faults will cut.
    qtbot.waitUntil(lambda: window.lists.today.rowCount() == 4, timeout=5000)
    assert _today_row(window, offline["order_id"])["state"] in ("Queued", "Sent")
    assert _today_row(window, None)["state"] in (
        "Queued, provisional",
        "Sent, provisional",
    )

    sandbox_admin.clear_faults()
    _sync(qtbot, window)

    today = {
        order: _today_row(window, order)
        for order in (first["order_id"], offline["order_id"], elsewhere["order_id"])
    }
    assert today[first["order_id"]]["state"] == "Registered"
    assert today[offline["order_id"]]["state"] == "Registered"
    assert today[elsewhere["order_id"]]["state"] == "Already received elsewhere"
    assert _today_row(window, None)["state"] == "Refused, provisional"
    assert {row["scanned_by"] for row in today.values()} == {"concierge"}
    assert today[first["order_id"]]["package"] == (
        f"{first['number']} of {first['count']}"
    )
    assert lists.today.rowCount() == 4
    # Newest first.
    assert lists.today.row_at(0).receipt.order_id is None

    attention = lists.attention
    states = _rows(attention, AttentionModel.STATE)
    assert sorted(states) == ["Already received elsewhere", "Refused, provisional"]
    causes = " ".join(_rows(attention, AttentionModel.CAUSE))
    assert "Registered first by concierge at DESK-2" in causes
    assert "No package has this token" in causes
    assert "keep it aside and call the boutique" in " ".join(
        _rows(attention, AttentionModel.ACTION)
    )
    assert window.tabs.tabText(3) == "Needs attention (2)"


def test_a_provisional_receipt_is_resolved_by_the_sync(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("accepted")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    store = open_window.desks[-1].store
    # This desk never cached the order: the scan can only be provisional.
    store._connection.execute(
        "DELETE FROM packages WHERE order_id = ?", (package["order_id"],)
    )

    sandbox_admin.set_faults(reset_rate=1.0)
    scan_and_wait(qtbot, window, package["token"], clock)
    assert window.banner.headline().startswith("Accepted")
    lists = window.lists
    assert lists is not None
    qtbot.waitUntil(lambda: lists.attention.rowCount() == 1, timeout=5000)
    # Queued, or on the wire for an attempt the faults will cut.
    assert _rows(lists.attention, AttentionModel.STATE)[0] in (
        "Queued, provisional",
        "Sent, provisional",
    )
    assert "next sync" in _rows(lists.attention, AttentionModel.ACTION)[0]

    sandbox_admin.clear_faults()
    _sync(qtbot, window)

    qtbot.waitUntil(lambda: lists.attention.rowCount() == 0, timeout=5000)
    assert _today_row(window, None)["state"] == "Registered"
    assert window.tabs.tabText(3) == "Needs attention"


def test_a_refused_receipt_shows_its_cause_and_is_resolved_with_a_note(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    stranger = token_scheme.format_groups(token_scheme.generate())
    window = open_window()
    log_in_online(qtbot, window, clock)
    lists = window.lists
    assert lists is not None

    sandbox_admin.set_faults(reset_rate=1.0)
    scan_and_wait(qtbot, window, stranger, clock)
    sandbox_admin.clear_faults()
    _sync(qtbot, window)
    qtbot.waitUntil(
        lambda: (
            _rows(lists.attention, AttentionModel.STATE) == ["Refused, provisional"]
        ),
        timeout=5000,
    )
    cause = _rows(lists.attention, AttentionModel.CAUSE)[0]
    assert cause.startswith("No package has this token")

    window.tabs.setCurrentWidget(lists.attention_tab)
    assert not lists.attention_tab.resolve_button.isEnabled()
    receipt_id = lists.attention.row_at(0).receipt_id
    assert lists.attention_tab.select(receipt_id)
    assert lists.attention_tab.resolve_button.isEnabled()
    qtbot.mouseClick(lists.attention_tab.resolve_button, Qt.MouseButton.LeftButton)
    dialog: NoteDialog = _dialog(qtbot, window, NoteDialog)

    dialog.ok_button.click()
    assert "Write a note" in dialog.error()
    dialog.note_field.setPlainText("Courier took it back to the boutique")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: lists.attention.rowCount() == 0, timeout=5000)
    store = open_window.desks[-1].store
    resolved = store.receipt(receipt_id)
    assert resolved is not None
    assert resolved.resolution_note == "Courier took it back to the boutique"
    assert _today_row(window, None)["state"] == "Refused, provisional, resolved"
    entry = next(e for e in store.audit_entries() if e.action == "resolve")
    assert (entry.actor, entry.subject) == ("concierge", receipt_id)
    assert entry.details["note"] == "Courier took it back to the boutique"
    assert store.verify_audit().ok


def test_a_damage_note_syncs_as_a_new_version(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("accepted")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    scan_and_wait(qtbot, window, package["token"], clock)
    qtbot.waitUntil(
        lambda: _today_row(window, package["order_id"])["state"] == "Registered",
        timeout=20000,
    )

    _press(qtbot, window, Qt.Key.Key_D)
    dialog: NoteDialog = _dialog(qtbot, window, NoteDialog)
    dialog.note_field.setPlainText("Box corner crushed, contents not checked")
    dialog.ok_button.click()

    qtbot.waitUntil(
        lambda: _today_row(window, package["order_id"])["condition"] == "Damaged",
        timeout=5000,
    )
    row = _today_row(window, package["order_id"])
    assert row["note"] == "Box corner crushed, contents not checked"
    _sync(qtbot, window)
    qtbot.waitUntil(
        lambda: _today_row(window, package["order_id"])["state"] == "Registered",
        timeout=20000,
    )

    store = open_window.desks[-1].store
    (receipt,) = [r.receipt for r in window.lists.today.rows()]
    stored = store.receipt(receipt.receipt_id)
    assert stored is not None
    assert (stored.version, stored.confirmed_version, stored.state) == (
        2,
        2,
        ReceiptState.REGISTERED,
    )
    assert stored.condition is Condition.DAMAGED
    (held,) = [
        r
        for r in sandbox_admin.receipts()["receipts"]
        if r["receipt_id"] == stored.receipt_id
    ]
    assert (held["version"], held["condition"], held["note"]) == (
        2,
        "damaged",
        "Box corner crushed, contents not checked",
    )
    amend = next(e for e in store.audit_entries() if e.action == "amend")
    assert (amend.actor, amend.details["version"]) == ("concierge", 2)


def test_ctrl_d_before_any_acceptance_says_what_to_do(
    qtbot, open_window, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)

    _press(qtbot, window, Qt.Key.Key_D)

    assert window.receipt_actions is not None
    assert window.receipt_actions.dialog is None
    assert "Accept a package first" in window.status_bar.currentMessage()


def _ask_override(
    qtbot, window: DeskWindow, user: str, password: str, note: str
) -> OverrideDialog:
    _press(qtbot, window, Qt.Key.Key_O)
    dialog: OverrideDialog = _dialog(qtbot, window, OverrideDialog)
    dialog.supervisor_field.setText(user)
    dialog.password_field.setText(password)
    dialog.note_field.setPlainText(note)
    dialog.ok_button.click()
    return dialog


def test_a_supervisor_override_accepts_a_package_released_early_and_is_audited(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("released_early")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    scan_and_wait(qtbot, window, package["token"], clock)
    assert window.banner.headline() == "Released early"
    assert window.lists is not None
    assert window.lists.today.rowCount() == 0
    note = "Manna documents follow by courier this afternoon"

    with qtbot.waitSignal(window.scan_finished, timeout=20000):
        dialog = _ask_override(qtbot, window, "supervisor", "supervisor", note)

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.banner.headline().startswith("Accepted")
    qtbot.waitUntil(lambda: window.lists.today.rowCount() == 1, timeout=5000)
    row = _today_row(window, package["order_id"])
    assert row["override"] == "Supervisor override: supervisor"
    _sync(qtbot, window)
    assert _today_row(window, package["order_id"])["state"] == "Registered"

    (held,) = [
        r
        for r in sandbox_admin.receipts()["receipts"]
        if r["order_id"] == package["order_id"]
    ]
    assert (held["override_by"], held["override_note"]) == ("supervisor", note)
    store = open_window.desks[-1].store
    override = next(e for e in store.audit_entries() if e.action == "override")
    assert override.actor == "supervisor"
    assert (override.details["note"], override.details["received_by"]) == (
        note,
        "concierge",
    )
    assert store.verify_audit().ok


def test_a_supervisor_override_with_wrong_credentials_is_refused(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("released_early")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    scan_and_wait(qtbot, window, package["token"], clock)

    dialog = _ask_override(qtbot, window, "supervisor", "not-the-password", "why")
    qtbot.waitUntil(lambda: dialog.error() != "", timeout=20000)

    assert "Wrong supervisor user name or password" in dialog.error()
    assert "NOT accepted" in dialog.error()
    assert dialog.isVisible()
    assert dialog.password_field.text() == ""

    # The concierge's own right password is no supervisor's.
    dialog.supervisor_field.setText("concierge")
    dialog.password_field.setText("concierge")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "not a supervisor" in dialog.error(), timeout=20000)
    dialog.reject()

    store = open_window.desks[-1].store
    assert sum(store.counts().values()) == 0
    assert window.lists is not None
    assert window.lists.today.rowCount() == 0
    refused = [e for e in store.audit_entries() if e.action == "override_refused"]
    assert [(e.actor, e.details["cause"]) for e in refused] == [
        ("supervisor", "wrong_credentials"),
        ("concierge", "not_supervisor"),
    ]
    assert QApplication.activeModalWidget() is None or not dialog.isVisible()


def test_an_override_granted_after_the_desk_locked_still_shows_as_accepted(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("released_early")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    scan_and_wait(qtbot, window, package["token"], clock)
    # The supervisor check is on the wire while the desk locks.
    sandbox_admin.set_faults(latency_ms=600)

    with qtbot.waitSignal(window.scan_finished, timeout=20000):
        dialog = _ask_override(qtbot, window, "supervisor", "supervisor", "papers")
        assert not any(b.isEnabled() for b in dialog.buttons.buttons())
        window.lock()

    # The receipt is kept, so the desk must not go on saying "Released early".
    store = open_window.desks[-1].store
    assert sum(store.counts().values()) == 1
    assert window.banner.headline().startswith("Accepted")


def test_a_switch_of_user_leaves_no_override_within_reach(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    package = sandbox_admin.tokens("released_early")[0]
    window = open_window()
    log_in_online(qtbot, window, clock)
    scan_and_wait(qtbot, window, package["token"], clock)
    assert window.printing is not None
    assert window.printing.export_report.isEnabled()

    window.lock()
    assert not window.printing.export_report.isEnabled()
    assert not window.printing.print_handover.isEnabled()
    screen = window.lock_screen
    screen.user_field.setText("supervisor")
    screen.other_password_field.setText("supervisor")
    with qtbot.waitSignal(window.logged_in, timeout=10000):
        qtbot.keyClick(screen.other_password_field, Qt.Key.Key_Return)

    shift = open_window.desks[-1].shift()
    assert shift.released_early is None
    _press(qtbot, window, Qt.Key.Key_O)
    actions = window.receipt_actions
    assert actions is not None
    assert actions.dialog is None
    assert window.printing.export_report.isEnabled()
