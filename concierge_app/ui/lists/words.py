"""The words the desk's lists use for a receipt's state, cause and next step.

One place for them, so Today and Needs attention say the same thing the
same way, and every phrase goes through Qt's translation.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from concierge_app.domain.model import Condition, ReceiptState
from concierge_app.store import ListedReceipt
from concierge_app.ui.qt import QCoreApplication, QObject

# Every phrase is a literal QCoreApplication.translate call, so that
# lupdate finds it; the context is "DeskLists".
translate = QCoreApplication.translate


def state_text(listed: ListedReceipt) -> str:
    """Queued, sent, registered, already received elsewhere, or refused."""
    receipt = listed.receipt
    words = {
        ReceiptState.QUEUED: translate("DeskLists", "Queued"),
        ReceiptState.SENT: translate("DeskLists", "Sent"),
        ReceiptState.REGISTERED: translate("DeskLists", "Registered"),
        ReceiptState.ALREADY_RECEIVED: translate(
            "DeskLists", "Already received elsewhere"
        ),
        ReceiptState.REFUSED: translate("DeskLists", "Refused"),
    }
    text = words[receipt.state]
    if receipt.provisional and receipt.confirmed_version is None:
        text = translate("DeskLists", "{state}, provisional").format(state=text)
    if receipt.resolved_at is not None:
        text = translate("DeskLists", "{state}, resolved").format(state=text)
    return text


def package_text(listed: ListedReceipt) -> str:
    """Package k of n, or why the desk does not know."""
    if listed.number is None or listed.count is None:
        if listed.receipt.package_id is None:
            return translate("DeskLists", "Not known yet")
        return listed.receipt.package_id
    return translate("DeskLists", "{k} of {n}").format(k=listed.number, n=listed.count)


def order_text(order_id: str | None) -> str:
    """The order id, or a dash for a package whose order is not known."""
    return order_id or "—"


def condition_text(condition: Condition) -> str:
    """Intact or damaged."""
    return (
        translate("DeskLists", "Damaged")
        if condition is Condition.DAMAGED
        else translate("DeskLists", "Intact")
    )


def override_text(listed: ListedReceipt) -> str:
    """The override marker: which supervisor let a released-early package in."""
    supervisor = listed.receipt.override_by
    if supervisor is None:
        return ""
    return translate("DeskLists", "Supervisor override: {supervisor}").format(
        supervisor=supervisor
    )


def override_tooltip(listed: ListedReceipt) -> str | None:
    """The supervisor's note, for the override cell."""
    if listed.receipt.override_by is None:
        return None
    return translate(
        "DeskLists", "Released early; accepted by {supervisor}: {note}"
    ).format(
        supervisor=listed.receipt.override_by, note=listed.receipt.override_note or ""
    )


def clock_text(moment: datetime) -> str:
    """A time of today, in the desk's own zone."""
    return moment.astimezone().strftime("%H:%M")


def when_text(moment: datetime) -> str:
    """A day and time, in the desk's own zone."""
    return moment.astimezone().strftime("%d %b %H:%M")


def cause_text(listed: ListedReceipt) -> str:
    """Why the receipt needs attention."""
    receipt = listed.receipt
    if receipt.state is ReceiptState.REFUSED:
        return receipt.last_error or translate("DeskLists", "Refused by the platform")
    if receipt.state is ReceiptState.ALREADY_RECEIVED and receipt.winner is not None:
        return translate(
            "DeskLists", "Registered first by {user} at {workstation}, {when}"
        ).format(
            user=receipt.winner.received_by,
            workstation=receipt.winner.workstation_id
            or translate("DeskLists", "another desk"),
            when=when_text(receipt.winner.received_at),
        )
    if receipt.provisional:
        return translate(
            "DeskLists", "Accepted offline without its order; not yet checked"
        )
    return ""


def action_text(listed: ListedReceipt) -> str:
    """What a person has to do about it."""
    receipt = listed.receipt
    if receipt.state is ReceiptState.REFUSED:
        return _refused_action((receipt.problem_type or "").rsplit(":", 1)[-1])
    if receipt.state is ReceiptState.ALREADY_RECEIVED:
        return translate(
            "DeskLists",
            "Check the package is not counted twice, then resolve with a note.",
        )
    if receipt.state in (ReceiptState.QUEUED, ReceiptState.SENT):
        return translate("DeskLists", "Nothing yet: it is checked at the next sync.")
    return translate("DeskLists", "Resolve with a note once dealt with.")


def _refused_action(cause: str) -> str:
    if cause == "unknown-token":
        return translate(
            "DeskLists",
            "No such package on the platform: keep it aside and call the boutique.",
        )
    if cause == "not-captured":
        return translate(
            "DeskLists",
            "Payment not captured: do not release it; keep it aside or give it "
            "back to the courier.",
        )
    if cause == "released-early":
        return translate(
            "DeskLists",
            "No Manna documents: keep it aside until a supervisor accepts it.",
        )
    if cause == "wrong-facility":
        return translate(
            "DeskLists", "Belongs to another facility: give it back to the courier."
        )
    return translate("DeskLists", "Call support with the receipt id, then resolve.")


class Durations(QObject):
    """How long something has waited, with each unit in its plural form."""

    # lupdate marks a count as a plural only in a QObject's own `tr` call.

    def days(self, n: int) -> str:
        """`n` days."""
        return self.tr("%n day(s)", "", n)

    def hours(self, n: int) -> str:
        """`n` hours."""
        return self.tr("%n hour(s)", "", n)

    def minutes(self, n: int) -> str:
        """`n` minutes."""
        return self.tr("%n minute(s)", "", n)


@functools.cache
def _durations() -> Durations:
    # Made at the first use: a QObject needs the application to exist.
    return Durations()


def waited_text(waited: timedelta | None) -> str:
    """How long a package has been expected, in its two largest units."""
    if waited is None:
        return "—"
    units = _durations()

    minutes = int(waited.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return units.days(days) + " " + units.hours(hours)
    if hours:
        return units.hours(hours) + " " + units.minutes(minutes)
    return units.minutes(minutes)
