"""The day's clock of the lists: midnight by the wall clock, and Today's roll.

`until_midnight` is pure arithmetic on aware times; the Today model is
driven over a real SQLite store, with its `today` callable moved by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from concierge_app.store import Store
from concierge_app.ui.lists.day_watch import until_midnight
from concierge_app.ui.lists.today_model import TodayModel
from tests.ui.test_list_models import NOW, _order, _receive

ROME = ZoneInfo("Europe/Rome")


def test_midnight_is_counted_in_real_time_across_a_clock_change() -> None:
    # Rome's clocks go from 02:00 to 03:00 on 29 March 2026: that day is 23
    # hours long, and so is the wait from its first midnight to the next.
    day_of_change = datetime(2026, 3, 29, 0, 30, tzinfo=ROME)
    plain_day = datetime(2026, 3, 28, 23, 0, tzinfo=ROME)
    fixed = datetime(2026, 3, 14, 23, 59, 59, tzinfo=timezone(timedelta(hours=1)))

    assert until_midnight(day_of_change) == timedelta(hours=22, minutes=30)
    assert until_midnight(plain_day) == timedelta(hours=1)
    assert until_midnight(fixed) == timedelta(seconds=1)
    assert until_midnight(datetime(2026, 3, 14, tzinfo=UTC)) == timedelta(days=1)


def test_a_receipt_made_after_midnight_rolls_today_to_the_new_day(
    english, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "store", clock=lambda: NOW) as store:
        store.upsert_orders([_order(1), _order(2)])
        yesterday = _receive(store, 1, 1, NOW - timedelta(days=1))
        day = [(NOW - timedelta(days=1)).date()]
        model = TodayModel(store.lists, today=lambda: day[0])
        model.reload()
        assert [row.receipt_id for row in model.rows()] == [yesterday]

        # Midnight passed and nobody told the list; the first scan does.
        day[0] = NOW.date()
        newest = _receive(store, 2, 1, NOW)
        model.receipts_changed([newest])

        assert model.day == NOW.date()
        assert [row.receipt_id for row in model.rows()] == [newest]
        assert not model.roll_over()
