"""The Today list of a desk left logged in past midnight, on the real sandbox.

The store holds receipts of two days before the desk opens; the window's
wall clock is a `WallClock` the test moves (no sleeping). At midnight the
day's timer rolls Today to the new day, and a machine that slept through
midnight rolls when its window becomes active again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget

from concierge_app.domain import token as token_scheme
from concierge_app.store import ReceiptDraft, Store
from concierge_app.ui.lists.day_watch import CHECK_EVERY
from concierge_app.ui.main_window import DeskWindow
from tests.ui.test_desk_on_sandbox import log_in_online


class WallClock:
    """A wall clock that stands still until the test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def local(day: int, hour: int, minute: int = 0, second: float = 0) -> datetime:
    """A local time of March 2026 (the desk's zone, whatever it is)."""
    whole = int(second)
    micro = round((second - whole) * 1_000_000)
    return datetime(2026, 3, day, hour, minute, whole, micro).astimezone()


def receive_before_opening(data_dir: Path, admin, *times: datetime) -> list[str]:
    """Receipts of seeded packages made at `times`, written to the desk's store."""
    packages = admin.tokens("accepted")
    made = []
    with Store.open(data_dir) as store:
        for package, at in zip(packages, times, strict=False):
            receipt_id = ReceiptDraft.new_id()
            store.receive(
                ReceiptDraft(
                    receipt_id=receipt_id,
                    token_sha256=token_scheme.digest(package["token"]),
                    proof=token_scheme.receipt_proof(package["token"], receipt_id),
                    package_id=package["package_id"],
                    order_id=package["order_id"],
                    received_by="concierge",
                    received_at=at,
                )
            )
            made.append(receipt_id)
    assert len(made) == len(times)
    return made


def listed(window: DeskWindow) -> list[str]:
    assert window.lists is not None
    return [row.receipt_id for row in window.lists.today.rows()]


def test_at_midnight_today_rolls_to_the_new_day(
    qtbot, open_window, sandbox_admin, clock, tmp_path: Path
) -> None:
    evening, morning = receive_before_opening(
        tmp_path / "desk-1", sandbox_admin, local(14, 21), local(15, 0, 0, 30)
    )
    wall = WallClock(local(14, 23, 59, 59.5))
    window = open_window(now=wall)
    log_in_online(qtbot, window, clock)
    assert window.lists is not None
    watch = window.lists.day_watch
    assert listed(window) == [evening]
    # Set for midnight by the wall clock, never further than a check away.
    assert watch.wait <= timedelta(seconds=0.5)

    wall.at = local(15, 0, 0, 1)
    qtbot.waitUntil(lambda: listed(window) == [morning], timeout=5000)

    assert window.lists.today.day == wall.at.date()
    assert watch.day == wall.at.date()
    assert timedelta(0) < watch.wait <= CHECK_EVERY


def test_a_desk_that_slept_past_midnight_rolls_when_its_window_is_active(
    qtbot, open_window, sandbox_admin, clock, tmp_path: Path
) -> None:
    evening, morning = receive_before_opening(
        tmp_path / "desk-1", sandbox_admin, local(14, 21), local(15, 7)
    )
    wall = WallClock(local(14, 22))
    window = open_window(now=wall)
    log_in_online(qtbot, window, clock)
    assert listed(window) == [evening]
    assert window.lists is not None
    # Two hours to midnight: the timer waits only until its next look.
    assert window.lists.day_watch.wait == CHECK_EVERY

    # The machine sleeps (its timers with it) and wakes after 7 in the
    # morning; the concierge comes back to the desk's window.
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=5000)
    wall.at = local(15, 7, 30)
    window.activateWindow()

    qtbot.waitUntil(lambda: listed(window) == [morning], timeout=5000)
    assert window.isActiveWindow()
