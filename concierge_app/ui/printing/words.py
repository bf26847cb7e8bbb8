"""The words the printed documents use for conditions, states and times."""

from __future__ import annotations

import functools
from datetime import datetime

from concierge_app.domain.model import Condition, ReceiptState
from concierge_app.ui.qt import QCoreApplication, QObject

# The name and shape Qt's lupdate looks for: translate("Context", "literal").
translate = QCoreApplication.translate


def condition_words(condition: Condition | None) -> str:
    """Intact or damaged, as a person says it."""
    if condition is None:
        return ""
    return (
        translate("Printing", "Damaged")
        if condition is Condition.DAMAGED
        else translate("Printing", "Intact")
    )


def state_words(state: ReceiptState | None) -> str:
    """Where a receipt stands with the partner platform."""
    words = {
        ReceiptState.QUEUED: translate("Printing", "Queued, not yet sent"),
        ReceiptState.SENT: translate("Printing", "Sent, answer awaited"),
        ReceiptState.REGISTERED: translate("Printing", "Registered"),
        ReceiptState.ALREADY_RECEIVED: translate(
            "Printing", "Already received elsewhere"
        ),
        ReceiptState.REFUSED: translate("Printing", "Refused by the platform"),
    }
    return "" if state is None else words[state]


def local_time(moment: datetime | None, with_date: bool = True) -> str:
    """A moment in this computer's local time: `03 Dec 2026 14:05`."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return local.strftime("%d %b %Y %H:%M" if with_date else "%H:%M")


class Counts(QObject):
    """Counts on paper, each in its plural form."""

    # lupdate marks a count as a plural only in a QObject's own `tr` call.

    def packages_received(self, n: int) -> str:
        """ "Packages received: n of {total}", {total} still to fill in."""
        return self.tr("Packages received: %n of {total}", "", n)

    def packages_still_expected(self, n: int) -> str:
        """ "Packages still expected: n"."""
        return self.tr("Packages still expected: %n", "", n)

    def receipts_made(self, n: int) -> str:
        """The day's report's last line: how many receipts it lists."""
        return self.tr("%n receipt(s), made by the receiving desk.", "", n)


@functools.cache
def counts() -> Counts:
    """The one `Counts`, made at the first use (after the application)."""
    return Counts()
