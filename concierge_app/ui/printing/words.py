"""The words the printed documents use for conditions, states and times."""

from __future__ import annotations

from datetime import datetime

from concierge_app.domain.model import Condition, ReceiptState
from concierge_app.ui.qt import QCoreApplication

# The name and shape Qt's lupdate looks for: tr("Context", "literal").
tr = QCoreApplication.translate


def condition_words(condition: Condition | None) -> str:
    """Intact or damaged, as a person says it."""
    if condition is None:
        return ""
    return (
        tr("Printing", "Damaged")
        if condition is Condition.DAMAGED
        else tr("Printing", "Intact")
    )


def state_words(state: ReceiptState | None) -> str:
    """Where a receipt stands with the partner platform."""
    words = {
        ReceiptState.QUEUED: tr("Printing", "Queued, not yet sent"),
        ReceiptState.SENT: tr("Printing", "Sent, answer awaited"),
        ReceiptState.REGISTERED: tr("Printing", "Registered"),
        ReceiptState.ALREADY_RECEIVED: tr("Printing", "Already received elsewhere"),
        ReceiptState.REFUSED: tr("Printing", "Refused by the platform"),
    }
    return "" if state is None else words[state]


def local_time(moment: datetime | None, with_date: bool = True) -> str:
    """A moment in this computer's local time: `03 Dec 2026 14:05`."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return local.strftime("%d %b %Y %H:%M" if with_date else "%H:%M")
