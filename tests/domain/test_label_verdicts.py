"""The verdict rules for signed labels: offline trust, and what a label may not do."""

from __future__ import annotations

import pytest

from concierge_app.domain.messages import describe
from concierge_app.domain.model import CaptureStatus, Facility
from concierge_app.domain.order_id import parse_order_id
from concierge_app.domain.signed_label import LabelCheck, SignedLabel
from concierge_app.domain.verdict import Known, Tone, Verdict, VerdictKind, decide
from tests.domain.test_signed_label import make
from tests.domain.test_verdict import HERE, RECEIVED, known, order

# The label of package 1 of 3 of the order `test_verdict.order` builds.
LABEL = make(
    order_id=parse_order_id("1-2603-1-000001"),
    fulfillment_id="F1",
    number=1,
    count=3,
)


def unseen(
    check: LabelCheck = LabelCheck.GENUINE,
    *,
    label: SignedLabel = LABEL,
    online: bool = False,
    **changes: object,
) -> Known:
    return Known(
        facility=HERE,
        online=online,
        label=label,
        label_check=check,
        **changes,  # type: ignore[arg-type]
    )


def test_offline_a_genuine_label_is_accepted_as_verified_not_provisional() -> None:
    verdict = decide(unseen())

    assert verdict.kind is VerdictKind.ACCEPTED
    assert verdict.verified_by_label
    assert verdict.is_acceptance
    assert (verdict.order_id, verdict.fulfillment_id) == ("1-2603-1-000001", "F1")
    assert (verdict.number, verdict.count, verdict.package_id) == (1, 3, None)
    instruction = describe(verdict).instruction
    assert "Package 1 of 3 received for order 1-2603-1-000001." in instruction
    assert "signed label" in instruction
    # The rest of the shipment is not known here: never "complete".
    assert "complete" not in instruction


def test_a_genuine_label_scanned_again_is_already_received_here() -> None:
    verdict = decide(unseen(received_locally=RECEIVED, repeat=True))

    assert verdict.kind is VerdictKind.ALREADY_RECEIVED
    assert verdict.repeat
    assert verdict.tone is Tone.NOTICE


def test_a_genuine_label_of_another_facility_is_wrong_facility() -> None:
    label = make(order_id=parse_order_id("1-2603-2-000011"))

    verdict = decide(unseen(label=label))

    assert label.facility == Facility(1, 2)
    assert verdict.kind is VerdictKind.WRONG_FACILITY
    assert verdict.order_id is None


@pytest.mark.parametrize("online", [False, True])
def test_a_forged_label_is_refused_wherever_it_is_scanned(online: bool) -> None:
    cached = known(order(), number=1, label=LABEL, label_check=LabelCheck.BAD_SIGNATURE)

    for case in (unseen(LabelCheck.BAD_SIGNATURE, online=online), cached):
        verdict = decide(case)
        assert verdict.kind is VerdictKind.LABEL_NOT_GENUINE
        assert verdict.tone is Tone.REFUSED
        assert "did not print it" in describe(verdict).instruction


@pytest.mark.parametrize(
    ("check", "words"),
    [
        (LabelCheck.UNKNOWN_KEY, "a key this desk does not have"),
        (LabelCheck.KEY_NOT_VALID, "was not in use"),
    ],
)
def test_offline_an_unknown_or_retired_key_is_refused(
    check: LabelCheck, words: str
) -> None:
    verdict = decide(unseen(check))

    assert verdict.kind is VerdictKind.LABEL_KEY_UNKNOWN
    assert verdict.tone is Tone.REFUSED
    assert words in describe(verdict).instruction


def test_online_the_server_has_the_last_word_on_an_unknown_token() -> None:
    assert decide(unseen(online=True)).kind is VerdictKind.UNKNOWN_TOKEN
    refused = unseen(online=True, server_refusal=VerdictKind.WRONG_FACILITY)
    assert decide(refused).kind is VerdictKind.WRONG_FACILITY


@pytest.mark.parametrize(
    "check", [LabelCheck.GENUINE, LabelCheck.UNKNOWN_KEY, LabelCheck.KEY_NOT_VALID]
)
def test_a_cached_package_is_judged_by_the_cache_whatever_the_key(
    check: LabelCheck,
) -> None:
    bare = decide(known(order(), 1))
    with_label = decide(known(order(), 1, label=LABEL, label_check=check))

    assert with_label == bare
    assert with_label.kind is VerdictKind.ACCEPTED
    assert not with_label.verified_by_label


def test_the_cache_wins_over_a_genuine_label_a_refusal_stays_a_refusal() -> None:
    failed = known(
        order(capture=CaptureStatus.FAILED),
        1,
        label=LABEL,
        label_check=LabelCheck.GENUINE,
    )

    assert decide(failed).kind is VerdictKind.NOT_CAPTURED


@pytest.mark.parametrize(
    "change",
    [
        {"order_id": parse_order_id("1-2603-1-000009")},
        {"fulfillment_id": "F2"},
        {"number": 2},
        {"count": 4},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_label_that_disagrees_with_the_cache_is_refused(
    change: dict[str, object],
) -> None:
    fields: dict[str, object] = {
        "order_id": LABEL.order_id,
        "fulfillment_id": "F1",
        "number": 1,
        "count": 3,
    }
    fields.update(change)
    label = make(**fields)

    verdict = decide(known(order(), 1, label=label, label_check=LabelCheck.GENUINE))

    assert verdict.kind is VerdictKind.LABEL_MISMATCH
    assert verdict.tone is Tone.REFUSED
    assert "Refuse the package" in describe(verdict).instruction


def test_every_verdict_kind_has_a_headline_and_a_tone() -> None:
    for kind in VerdictKind:
        verdict = Verdict(kind=kind)
        assert describe(verdict).headline
        assert verdict.tone in Tone
