"""The words the desk shows for each verdict, in English.

The UI translates these through its own catalogue; the command line and the
support log use them as they are. Each message says what the concierge must
do, not only what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from concierge_app.domain.verdict import Verdict, VerdictKind


@dataclass(frozen=True, slots=True)
class Message:
    """A headline for the banner and the instruction beneath it."""

    headline: str
    instruction: str


_HEADLINES = {
    VerdictKind.ACCEPTED: "Accepted",
    VerdictKind.ACCEPTED_PROVISIONAL: "Accepted, provisional",
    VerdictKind.ALREADY_RECEIVED: "Already received",
    VerdictKind.WRONG_FACILITY: "Wrong facility",
    VerdictKind.NOT_CAPTURED: "Not captured",
    VerdictKind.RELEASED_EARLY: "Released early",
    VerdictKind.UNKNOWN_TOKEN: "Unknown token",
    VerdictKind.UNREADABLE: "Unreadable",
    VerdictKind.LABEL_NOT_GENUINE: "Label not genuine",
    VerdictKind.LABEL_KEY_UNKNOWN: "Label key unknown",
    VerdictKind.LABEL_MISMATCH: "Label does not match",
}


def describe(verdict: Verdict) -> Message:
    """The banner's headline and the instruction for one verdict."""
    return Message(_HEADLINES[verdict.kind], _instruction(verdict))


def _instruction(verdict: Verdict) -> str:
    kind = verdict.kind
    if kind is VerdictKind.ACCEPTED:
        text = f"Package {verdict.number} of {verdict.count} received"
        if verdict.order_id:
            text += f" for order {verdict.order_id}"
        text += "."
        if verdict.verified_by_label:
            text += (
                " Verified offline by its signed label; the rest of the shipment "
                "shows after the next sync."
            )
        elif verdict.missing:
            text += (
                " Still missing in this shipment: " + _numbers(verdict.missing) + "."
            )
        else:
            text += " The shipment is complete."
        if verdict.overridden:
            text += " Accepted by supervisor override."
        return text
    if kind is VerdictKind.ACCEPTED_PROVISIONAL:
        return (
            "Offline: the receipt is kept and will be verified when the network "
            "returns. It stays under Needs attention until then."
        )
    if kind is VerdictKind.ALREADY_RECEIVED:
        if verdict.repeat:
            return "You just scanned this package; its receipt is kept. Nothing to do."
        previous = verdict.previous
        where = ""
        if previous is not None:
            when = previous.received_at.astimezone().strftime("%d %b %Y %H:%M")
            where = f" on {when} by {previous.received_by}"
        return f"This package was received{where}. Do not register it twice."
    if kind is VerdictKind.WRONG_FACILITY:
        return "This package belongs to another facility. Refuse the package."
    if kind is VerdictKind.NOT_CAPTURED:
        return (
            f"Refuse the package: {verdict.reason or 'the payment is not captured'}. "
            "Goods must not leave the boutique before capture."
        )
    if kind is VerdictKind.RELEASED_EARLY:
        return (
            "Refuse the package: no Manna documents were issued. A supervisor may "
            "accept it with a note."
        )
    if kind is VerdictKind.UNKNOWN_TOKEN:
        return "No package has this token. Refuse it, or retype the token to check."
    if kind is VerdictKind.LABEL_NOT_GENUINE:
        return (
            "Refuse the package: its label's signature does not match what the "
            "label says, so the platform did not print it. Call a supervisor."
        )
    if kind is VerdictKind.LABEL_KEY_UNKNOWN:
        why = verdict.reason or "the label key is unknown"
        return (
            f"Refuse the package for now: {why}. Sync when the network returns "
            "and scan it again."
        )
    if kind is VerdictKind.LABEL_MISMATCH:
        return (
            "Refuse the package: its label names another order or package than "
            "the platform's records for this token. Call a supervisor."
        )
    return verdict.reason or "Rescan the label or retype the token."


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"package {n}" for n in numbers)
