"""A signed label's issue time against the desk's clock (no Qt, no network).

LABEL (of `test_label_verdicts`) was issued at `test_signed_label.ISSUED`.
Offline, a genuine label issued too far ahead of the desk's clock is taken
provisional, not verified: the desk cannot tell whose clock is wrong.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from concierge_app.domain import signed_label
from concierge_app.domain.messages import describe
from concierge_app.domain.phrases import Phrase
from concierge_app.domain.signed_label import CLOCK_SKEW, LabelCheck
from concierge_app.domain.verdict import Known, Tone, VerdictKind, decide
from tests.domain.test_label_verdicts import LABEL, unseen
from tests.domain.test_signed_label import ISSUED
from tests.domain.test_verdict import HERE, RECEIVED, known, order


def test_issued_ahead_counts_only_beyond_the_skew() -> None:
    # The desk's clock at a few moments around the label's issue time.
    at_issue = signed_label.issued_ahead(LABEL, ISSUED)
    later = signed_label.issued_ahead(LABEL, ISSUED + timedelta(days=3))
    within = signed_label.issued_ahead(LABEL, ISSUED - CLOCK_SKEW)
    beyond = signed_label.issued_ahead(LABEL, ISSUED - timedelta(hours=2))

    assert (at_issue, later, within) == (None, None, None)
    assert beyond == timedelta(hours=2)


@pytest.mark.parametrize(
    "behind", [CLOCK_SKEW + timedelta(seconds=1), timedelta(days=400)]
)
def test_offline_a_label_issued_ahead_of_the_clock_is_provisional(
    behind: timedelta,
) -> None:
    verdict = decide(unseen(now=ISSUED - behind))

    assert verdict.kind is VerdictKind.ACCEPTED_PROVISIONAL
    assert not verdict.verified_by_label
    assert verdict.is_acceptance
    assert verdict.tone is Tone.ACCEPTED
    # The signed facts still name the package, for the lists and the report.
    assert (verdict.order_id, verdict.number, verdict.count) == (
        "1-2603-1-000001",
        1,
        3,
    )
    instruction = describe(verdict).instruction
    assert "later than this desk's clock" in instruction
    assert "check the desk's date and time" in instruction
    assert "will be verified when the network returns" in instruction


def test_offline_a_label_within_the_skew_is_still_verified() -> None:
    verdict = decide(unseen(now=ISSUED - CLOCK_SKEW))

    assert verdict.kind is VerdictKind.ACCEPTED
    assert verdict.verified_by_label


def test_a_label_ahead_of_the_clock_is_judged_like_any_other_otherwise() -> None:
    # Already received here, another facility, a forgery, a cached package and
    # the server's word all come before the clock.
    behind = ISSUED - timedelta(hours=3)
    again = decide(unseen(now=behind, received_locally=RECEIVED, repeat=True))
    forged = decide(unseen(LabelCheck.BAD_SIGNATURE, now=behind))
    cached = decide(
        known(order(), 1, label=LABEL, label_check=LabelCheck.GENUINE, now=behind)
    )
    online = decide(unseen(online=True, now=behind))

    assert again.kind is VerdictKind.ALREADY_RECEIVED
    assert forged.kind is VerdictKind.LABEL_NOT_GENUINE
    assert cached.kind is VerdictKind.ACCEPTED
    assert online.kind is VerdictKind.UNKNOWN_TOKEN


def test_a_provisional_verdict_without_a_reason_says_only_it_is_kept() -> None:
    plain = decide(Known(facility=HERE, online=False, now=ISSUED))

    assert plain.kind is VerdictKind.ACCEPTED_PROVISIONAL
    assert describe(plain).sentences == (Phrase("provisional.kept"),)
