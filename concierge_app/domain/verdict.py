"""The verdict rules (DESIGN.md section 3): what the desk does with one scan.

`decide` is the one place where the rules live. It is pure: give it what is
known about a scanned token and it gives exactly one verdict with the facts
the concierge needs to act on.

A signed label counts only where the desk knows nothing else: a package the
cache or the server knows is judged by what they say, and a label that
disagrees with them is refused. A label whose signature fails is refused
wherever it is scanned: somebody other than the platform made it.

A genuine label issued further ahead of the desk's clock than
`signed_label.CLOCK_SKEW` is not trusted offline: either clock is wrong,
and the desk cannot tell which. It is not refused, though: the platform
did sign it, and a desk whose clock is behind would otherwise turn away
every fresh package. It is taken as it would be without a label: online
the server decides (as for any label), offline it is accepted provisional,
with a sentence asking to check the clock, so it waits under Needs
attention for the server's word at sync. A verdict of its own would say
the same as "accepted, provisional" while refusing nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from concierge_app.domain.model import (
    CaptureStatus,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.domain.phrases import Phrase
from concierge_app.domain.signed_label import LabelCheck, SignedLabel, issued_ahead


class VerdictKind(enum.StrEnum):
    """Every verdict a scan can give; the values are the stable wire names."""

    ACCEPTED = "accepted"
    ACCEPTED_PROVISIONAL = "accepted_provisional"
    ALREADY_RECEIVED = "already_received"
    WRONG_FACILITY = "wrong_facility"
    NOT_CAPTURED = "not_captured"
    RELEASED_EARLY = "released_early"
    UNKNOWN_TOKEN = "unknown_token"
    UNREADABLE = "unreadable"
    LABEL_NOT_GENUINE = "label_not_genuine"
    LABEL_KEY_UNKNOWN = "label_key_unknown"
    LABEL_MISMATCH = "label_mismatch"


class Tone(enum.StrEnum):
    """How loud the desk should be: each tone has its own colour and sound."""

    ACCEPTED = "accepted"
    NOTICE = "notice"
    REFUSED = "refused"


_TONE = {
    VerdictKind.ACCEPTED: Tone.ACCEPTED,
    VerdictKind.ACCEPTED_PROVISIONAL: Tone.ACCEPTED,
    VerdictKind.ALREADY_RECEIVED: Tone.REFUSED,
    VerdictKind.WRONG_FACILITY: Tone.REFUSED,
    VerdictKind.NOT_CAPTURED: Tone.REFUSED,
    VerdictKind.RELEASED_EARLY: Tone.REFUSED,
    VerdictKind.UNKNOWN_TOKEN: Tone.REFUSED,
    VerdictKind.UNREADABLE: Tone.NOTICE,
    VerdictKind.LABEL_NOT_GENUINE: Tone.REFUSED,
    VerdictKind.LABEL_KEY_UNKNOWN: Tone.REFUSED,
    VerdictKind.LABEL_MISMATCH: Tone.REFUSED,
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """One scan's outcome with the facts the desk shows beside it."""

    kind: VerdictKind
    order_id: str | None = None
    recipient: str | None = None
    fulfillment_id: str | None = None
    package_id: str | None = None
    number: int | None = None
    count: int | None = None
    missing: tuple[int, ...] = ()
    previous: ReceiptInfo | None = None
    repeat: bool = False
    overridden: bool = False
    verified_by_label: bool = False
    reason: str = ""
    layout_hint: str | None = None

    @property
    def tone(self) -> Tone:
        """Accepted, notice or refused; a repeat of the same scan is a notice."""
        if self.kind is VerdictKind.ALREADY_RECEIVED and self.repeat:
            return Tone.NOTICE
        return _TONE[self.kind]

    @property
    def is_acceptance(self) -> bool:
        """True when this verdict creates a receipt."""
        return self.kind in (VerdictKind.ACCEPTED, VerdictKind.ACCEPTED_PROVISIONAL)


@dataclass(frozen=True, slots=True)
class Known:
    """What the desk knows about one scanned, well-formed token."""

    facility: Facility
    online: bool
    order: Order | None = None
    fulfillment: Fulfillment | None = None
    package: Package | None = None
    received_locally: ReceiptInfo | None = None
    repeat: bool = False
    supervisor_override: bool = False
    label: SignedLabel | None = None
    label_check: LabelCheck | None = None
    server_refusal: VerdictKind | None = None
    server_reason: str = ""
    now: datetime | None = None
    """The desk's clock at the scan, to compare a label's issue time with."""


_REFUSED_CAPTURE = {
    CaptureStatus.PENDING: "reason.capture_pending",
    CaptureStatus.FAILED: "reason.capture_failed",
    CaptureStatus.VOIDED: "reason.capture_voided",
    CaptureStatus.REFUNDED: "reason.capture_refunded",
}


def decide(known: Known) -> Verdict:
    """Turn what is known about a scanned token into exactly one verdict."""
    order, fulfillment, package = known.order, known.fulfillment, known.package
    if known.label is not None and known.label_check is LabelCheck.BAD_SIGNATURE:
        return Verdict(
            kind=VerdictKind.LABEL_NOT_GENUINE,
            reason=Phrase("reason.label_not_genuine"),
        )
    if order is None or fulfillment is None or package is None:
        if known.label is not None and not known.online:
            label_verdict = _by_label(known, known.label)
            if label_verdict is not None:
                return label_verdict
        if known.server_refusal is not None:
            return Verdict(kind=known.server_refusal, reason=known.server_reason)
        if known.online:
            return Verdict(kind=VerdictKind.UNKNOWN_TOKEN)
        return Verdict(kind=VerdictKind.ACCEPTED_PROVISIONAL)

    if order.facility != known.facility:
        # Say nothing about another facility's order beyond the refusal.
        return Verdict(kind=VerdictKind.WRONG_FACILITY)

    facts = _facts(order, fulfillment, package)
    if known.label is not None and not _label_agrees(known.label, facts):
        return Verdict(
            kind=VerdictKind.LABEL_MISMATCH,
            reason=Phrase("reason.label_mismatch"),
        )

    previous = known.received_locally or package.receipt
    if previous is not None:
        return replace(
            facts,
            kind=VerdictKind.ALREADY_RECEIVED,
            previous=previous,
            repeat=known.repeat,
        )

    if fulfillment.status is FulfillmentStatus.CANCELLED:
        return replace(
            facts, kind=VerdictKind.NOT_CAPTURED, reason=Phrase("reason.cancelled")
        )
    if fulfillment.capture.status is not CaptureStatus.CAPTURED:
        return replace(
            facts,
            kind=VerdictKind.NOT_CAPTURED,
            reason=Phrase(_REFUSED_CAPTURE[fulfillment.capture.status]),
        )

    early = not fulfillment.capture.manna_issued
    if early and not known.supervisor_override:
        return replace(
            facts,
            kind=VerdictKind.RELEASED_EARLY,
            reason=Phrase("reason.no_manna"),
        )

    return replace(facts, overridden=early)


def _by_label(known: Known, label: SignedLabel) -> Verdict | None:
    # Offline, for a package nobody has described: an online desk asked the
    # server, which has the last word. None leaves the ordinary rules to the
    # caller.
    check = known.label_check
    if check is LabelCheck.UNKNOWN_KEY:
        return Verdict(
            kind=VerdictKind.LABEL_KEY_UNKNOWN,
            reason=Phrase("reason.label_key_unknown"),
        )
    if check is LabelCheck.KEY_NOT_VALID:
        return Verdict(
            kind=VerdictKind.LABEL_KEY_UNKNOWN,
            reason=Phrase("reason.label_key_not_valid"),
        )
    if check is not LabelCheck.GENUINE:
        return None
    if label.facility != known.facility:
        return Verdict(kind=VerdictKind.WRONG_FACILITY)

    facts = Verdict(
        kind=VerdictKind.ACCEPTED,
        order_id=str(label.order_id),
        fulfillment_id=label.fulfillment_id,
        number=label.number,
        count=label.count,
        verified_by_label=True,
    )
    if known.received_locally is not None:
        return replace(
            facts,
            kind=VerdictKind.ALREADY_RECEIVED,
            previous=known.received_locally,
            repeat=known.repeat,
        )
    if known.now is not None and issued_ahead(label, known.now) is not None:
        return replace(
            facts,
            kind=VerdictKind.ACCEPTED_PROVISIONAL,
            verified_by_label=False,
            reason=Phrase("provisional.label_ahead", issued=label.issued_at),
        )
    return facts


def _label_agrees(label: SignedLabel, facts: Verdict) -> bool:
    return (
        str(label.order_id) == facts.order_id
        and label.fulfillment_id == facts.fulfillment_id
        and label.number == facts.number
        and label.count == facts.count
    )


def _facts(order: Order, fulfillment: Fulfillment, package: Package) -> Verdict:
    # What is still missing leaves out this package: the verdict is about to
    # register it, or it already is registered.
    missing = tuple(
        other.number
        for other in fulfillment.packages
        if other.receipt is None and other.package_id != package.package_id
    )
    return Verdict(
        kind=VerdictKind.ACCEPTED,
        order_id=order.order_id,
        recipient=order.recipient,
        fulfillment_id=fulfillment.fulfillment_id,
        package_id=package.package_id,
        number=package.number,
        count=package.count,
        missing=missing,
    )
