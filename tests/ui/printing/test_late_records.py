"""Printing on the window's core still opening: the records wait for the real core."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from concierge_app.api.vault import MemoryVault
from concierge_app.sync.desk import Desk
from concierge_app.ui.late_core import LateCore
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.ports import ReceiptRecords
from tests.ui.fakes import FakeCore


def test_the_window_on_a_late_core_offers_printing(qtbot, qloop, clock) -> None:
    window = DeskWindow(LateCore(), clock=clock)
    qtbot.addWidget(window)

    assert window.printing is not None
    assert not window.printing.export_report.isEnabled()


def test_a_window_on_a_core_without_records_offers_none(qtbot, qloop, clock) -> None:
    window = DeskWindow(FakeCore(), clock=clock)
    qtbot.addWidget(window)

    assert not isinstance(FakeCore(), ReceiptRecords)
    assert window.printing is None


def test_records_asked_early_come_from_the_desk_once_attached(
    run, sandbox, tmp_path: Path
) -> None:
    late = LateCore()
    desk = Desk.open(tmp_path / "desk", sandbox.url, vault=MemoryVault())
    try:

        async def ask_then_attach():
            asked = asyncio.ensure_future(late.day_report(date(2026, 3, 14)))
            shipment = asyncio.ensure_future(late.handover_receipt("F-999999-1"))
            await asyncio.sleep(0)
            assert not asked.done()
            late.attach(desk)
            return await asked, await shipment

        report, receipt = run(ask_then_attach())
    finally:
        run(desk.aclose())

    assert report.workstation_id == desk.store.workstation_id
    assert report.lines == ()
    assert receipt is None


def test_a_core_without_records_says_so(run) -> None:
    late = LateCore()
    late.attach(FakeCore())

    with pytest.raises(RuntimeError, match="keeps no receipts"):
        run(late.day_report(date(2026, 3, 14)))
