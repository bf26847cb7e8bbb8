"""The verdict rules: one verdict for each case of DESIGN.md section 3."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from concierge_app.domain.messages import describe
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.domain.verdict import Known, Tone, VerdictKind, decide

HERE = Facility(tenant=1, partner=1)
WHEN = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
RECEIVED = ReceiptInfo(received_at=WHEN, received_by="giulia", workstation_id="ws-2")


def order(
    *,
    facility: Facility = HERE,
    capture: CaptureStatus = CaptureStatus.CAPTURED,
    manna: bool = True,
    status: FulfillmentStatus = FulfillmentStatus.ACTIVE,
    received: tuple[int, ...] = (),
) -> Order:
    packages = tuple(
        Package(
            package_id=f"P{n}",
            number=n,
            count=3,
            token_digest=f"d{n}",
            receipt=RECEIVED if n in received else None,
        )
        for n in (1, 2, 3)
    )
    fulfillment = Fulfillment(
        fulfillment_id="F1",
        status=status,
        capture=Capture(capture, WHEN, 125_000, "EUR", manna),
        packages=packages,
    )
    return Order("1-2603-1-000001", facility, "Ms Rossi", WHEN, (fulfillment,))


def known(found: Order, number: int = 1, **kwargs: object) -> Known:
    fulfillment = found.fulfillments[0]
    return Known(
        facility=HERE,
        online=True,
        order=found,
        fulfillment=fulfillment,
        package=fulfillment.packages[number - 1],
        **kwargs,  # type: ignore[arg-type]
    )


def test_accepted_shows_k_of_n_and_what_is_still_missing() -> None:
    verdict = decide(known(order(received=(3,)), number=1))

    assert verdict.kind is VerdictKind.ACCEPTED
    assert (verdict.number, verdict.count, verdict.missing) == (1, 3, (2,))
    assert verdict.tone is Tone.ACCEPTED
    message = describe(verdict)
    assert message.headline == "Accepted"
    assert message.instruction == (
        "Package 1 of 3 received for order 1-2603-1-000001. "
        "Still missing in this shipment: package 2."
    )


def test_the_last_package_completes_the_shipment() -> None:
    verdict = decide(known(order(received=(1, 2)), number=3))

    assert verdict.missing == ()
    assert "The shipment is complete." in describe(verdict).instruction


def test_offline_and_unknown_to_the_cache_is_provisional() -> None:
    verdict = decide(Known(facility=HERE, online=False))

    assert verdict.kind is VerdictKind.ACCEPTED_PROVISIONAL
    assert verdict.is_acceptance
    assert "Needs attention" in describe(verdict).instruction


def test_online_and_unknown_to_the_server_is_unknown_token() -> None:
    verdict = decide(Known(facility=HERE, online=True))

    assert verdict.kind is VerdictKind.UNKNOWN_TOKEN
    assert verdict.tone is Tone.REFUSED
    assert "retype" in describe(verdict).instruction


def test_already_received_says_when_and_by_whom() -> None:
    verdict = decide(known(order(received=(1,))))

    assert verdict.kind is VerdictKind.ALREADY_RECEIVED
    assert verdict.previous == RECEIVED
    assert verdict.tone is Tone.REFUSED
    assert "by giulia" in describe(verdict).instruction
    assert "Do not register it twice" in describe(verdict).instruction


def test_a_repeat_of_the_scan_just_made_is_a_calm_notice() -> None:
    verdict = decide(known(order(), received_locally=RECEIVED, repeat=True))

    assert verdict.kind is VerdictKind.ALREADY_RECEIVED
    assert verdict.tone is Tone.NOTICE
    assert "Nothing to do" in describe(verdict).instruction


def test_another_facility_is_refused_and_nothing_about_it_is_shown() -> None:
    verdict = decide(known(order(facility=Facility(1, 2))))

    assert verdict.kind is VerdictKind.WRONG_FACILITY
    assert verdict.order_id is None
    assert verdict.recipient is None
    assert describe(verdict).instruction.endswith("Refuse the package.")


@pytest.mark.parametrize(
    ("capture", "status", "reason"),
    [
        (CaptureStatus.FAILED, FulfillmentStatus.ACTIVE, "capture failed"),
        (CaptureStatus.VOIDED, FulfillmentStatus.ACTIVE, "was voided"),
        (CaptureStatus.REFUNDED, FulfillmentStatus.ACTIVE, "was refunded"),
        (CaptureStatus.PENDING, FulfillmentStatus.ACTIVE, "not been captured"),
        (CaptureStatus.CAPTURED, FulfillmentStatus.CANCELLED, "was cancelled"),
    ],
)
def test_not_captured_or_revoked_is_refused_with_its_reason(
    capture: CaptureStatus, status: FulfillmentStatus, reason: str
) -> None:
    verdict = decide(known(order(capture=capture, status=status)))

    assert verdict.kind is VerdictKind.NOT_CAPTURED
    instruction = describe(verdict).instruction
    assert reason in instruction
    assert "must not leave the boutique before capture" in instruction


def test_released_early_is_refused_unless_a_supervisor_overrides() -> None:
    refused = decide(known(order(manna=False)))
    overridden = decide(known(order(manna=False), supervisor_override=True))

    assert refused.kind is VerdictKind.RELEASED_EARLY
    assert "A supervisor may accept it" in describe(refused).instruction
    assert overridden.kind is VerdictKind.ACCEPTED
    assert overridden.overridden
    assert "supervisor override" in describe(overridden).instruction


def test_an_override_on_a_documented_shipment_is_not_marked() -> None:
    verdict = decide(known(order(), supervisor_override=True))

    assert verdict.kind is VerdictKind.ACCEPTED
    assert not verdict.overridden


def test_a_server_refusal_without_context_is_passed_through() -> None:
    verdict = decide(
        Known(
            facility=HERE,
            online=True,
            server_refusal=VerdictKind.WRONG_FACILITY,
        )
    )

    assert verdict.kind is VerdictKind.WRONG_FACILITY


def test_unreadable_uses_its_own_reason_as_the_instruction() -> None:
    base = decide(Known(facility=HERE, online=True))
    verdict = replace(base, kind=VerdictKind.UNREADABLE, reason="Scan again.")

    assert describe(verdict).instruction == "Scan again."
    assert verdict.tone is Tone.NOTICE
