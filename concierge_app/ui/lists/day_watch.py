"""The desk's day: says when a new local day has begun, for the Today list.

A desk is often left logged in overnight. `DayWatch` sets one single-shot
timer for the next local midnight, worked out from the wall clock each time
it is set, and checks the date when it fires. A timer counts on the
machine's monotonic clock, which a clock set by hand, a daylight-saving
change or a sleeping machine leaves behind the wall clock; so it never
waits longer than `CHECK_EVERY`, and the date is also checked whenever the
window becomes active. That is one wake-up every few minutes at most,
nothing an idle desk's CPU shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from concierge_app.ui.qt import QEvent, QObject, QTimer, Signal

logger = logging.getLogger(__name__)

CHECK_EVERY = timedelta(minutes=10)
"""The longest the watch waits between two looks at the date."""


def local_now() -> datetime:
    """This computer's wall clock, with its current offset from UTC."""
    return datetime.now().astimezone()


def until_midnight(now: datetime) -> timedelta:
    """The time from `now` to the next midnight of its own zone."""
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), now.tzinfo)
    # Through timestamps: subtracting times of one zone ignores a DST change.
    return timedelta(seconds=midnight.timestamp() - now.timestamp())


class DayWatch(QObject):
    """Tells when the local date has changed, at midnight or soon after."""

    day_changed = Signal(object)
    """The new local `date`."""

    def __init__(
        self,
        now: Callable[[], datetime] = local_now,
        *,
        window: QObject | None = None,
        parent: QObject | None = None,
    ) -> None:
        """A watch on the clock `now` (aware local times).

        When `window` is given, the date is checked each time it becomes
        active, as after the machine wakes up.
        """
        super().__init__(parent)
        self._now = now
        self._day = now().date()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        if window is not None:
            window.installEventFilter(self)
        self._arm()

    @property
    def day(self) -> date:
        """The date the watch last saw."""
        return self._day

    @property
    def wait(self) -> timedelta:
        """How long the timer waits from when it was last set."""
        return timedelta(milliseconds=self._timer.interval())

    def check(self) -> bool:
        """Look at the date now; True (and `day_changed`) when it has changed."""
        today = self._now().date()
        changed = today != self._day
        self._day = today
        self._arm()

        if changed:
            logger.info("a new day at the desk: %s", today.isoformat())
            self.day_changed.emit(today)
        return changed

    def stop(self) -> None:
        """No more checks by the timer."""
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False

    def _arm(self) -> None:
        wait = min(until_midnight(self._now()), CHECK_EVERY)
        # A timer may fire a little early: the check then finds the same day
        # and waits out the rest.
        self._timer.start(max(1, round(wait.total_seconds() * 1000)))
