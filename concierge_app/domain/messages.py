"""The words the desk shows for each verdict, as phrases with message ids.

Each message says what the concierge must do, not only what happened. The
headline and every sentence of the instruction are `Phrase`s: English text
for the command line and the support log, and a message id with arguments
that the ui translates through its own catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from concierge_app.domain.phrases import Phrase
from concierge_app.domain.verdict import Verdict, VerdictKind


@dataclass(frozen=True, slots=True)
class Message:
    """A headline for the banner and the instruction beneath it."""

    headline: Phrase
    sentences: tuple[str, ...]
    """The instruction's sentences: phrases, or a server's own words."""

    @property
    def instruction(self) -> str:
        """The instruction in English, its sentences joined."""
        return " ".join(self.sentences)


def describe(verdict: Verdict) -> Message:
    """The banner's headline and the instruction for one verdict."""
    return Message(Phrase("headline." + verdict.kind.value), _sentences(verdict))


def _sentences(verdict: Verdict) -> tuple[str, ...]:
    kind = verdict.kind
    if kind is VerdictKind.ACCEPTED:
        return _accepted(verdict)
    if kind is VerdictKind.ACCEPTED_PROVISIONAL:
        # The reason, when there is one, says why even a label did not do.
        kept = Phrase("provisional.kept")
        return (verdict.reason, kept) if verdict.reason else (kept,)
    if kind is VerdictKind.ALREADY_RECEIVED:
        if verdict.repeat:
            return (Phrase("already.repeat"),)
        previous = verdict.previous
        if previous is None:
            return (Phrase("already.unknown"),)
        return (
            Phrase("already.by", when=previous.received_at, who=previous.received_by),
        )
    if kind is VerdictKind.WRONG_FACILITY:
        return (Phrase("wrong_facility.refuse"),)
    if kind is VerdictKind.NOT_CAPTURED:
        reason = verdict.reason or Phrase("reason.not_captured")
        return (Phrase("not_captured.refuse", reason=reason),)
    if kind is VerdictKind.RELEASED_EARLY:
        return (Phrase("released_early.refuse"),)
    if kind is VerdictKind.UNKNOWN_TOKEN:
        return (Phrase("unknown_token.refuse"),)
    if kind is VerdictKind.LABEL_NOT_GENUINE:
        return (Phrase("label_not_genuine.refuse"),)
    if kind is VerdictKind.LABEL_KEY_UNKNOWN:
        why = verdict.reason or Phrase("reason.label_key_unknown")
        return (Phrase("label_key_unknown.refuse", reason=why),)
    if kind is VerdictKind.LABEL_MISMATCH:
        return (Phrase("label_mismatch.refuse"),)
    return (verdict.reason or Phrase("unreadable.rescan"),)


def _accepted(verdict: Verdict) -> tuple[str, ...]:
    if verdict.order_id:
        received = Phrase(
            "accepted.package_for_order",
            number=verdict.number,
            count=verdict.count,
            order=verdict.order_id,
        )
    else:
        received = Phrase(
            "accepted.package", number=verdict.number, count=verdict.count
        )
    sentences: list[str] = [received]
    if verdict.verified_by_label:
        sentences.append(Phrase("accepted.by_label"))
    elif verdict.missing:
        packages = ", ".join(
            Phrase("accepted.missing_package", number=n) for n in verdict.missing
        )
        sentences.append(
            Phrase("accepted.missing", packages=packages, numbers=verdict.missing)
        )
    else:
        sentences.append(Phrase("accepted.complete"))
    if verdict.overridden:
        sentences.append(Phrase("accepted.override"))
    return tuple(sentences)
