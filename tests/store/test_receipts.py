"""The receipt outbox: receive, amend, send, confirm, and what needs attention."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta, timezone

import pytest

from concierge_app.domain import token
from concierge_app.domain.model import Condition, ReceiptInfo, ReceiptState
from concierge_app.store import (
    NOTE_MAX_LENGTH,
    DuplicateReceipt,
    InvalidReceipt,
    Problem,
    ReceiptDraft,
    ReceiptOutcome,
    ReceiptStateError,
    ResultStatus,
    Store,
    StoreFull,
    StoreWriteError,
    UnknownReceipt,
)
from tests.store.conftest import START, Clock, make_draft

REGISTERED = ReceiptOutcome(ResultStatus.REGISTERED)
REPLAYED = ReceiptOutcome(ResultStatus.REPLAYED)
WINNER = ReceiptInfo(START - timedelta(minutes=3), "marco", "ws-lobby-2")
LOST = ReceiptOutcome(ResultStatus.ALREADY_RECEIVED, winner=WINNER)
BAD_PROOF = ReceiptOutcome(
    ResultStatus.REFUSED,
    problem=Problem(
        "urn:concierge:problem:bad-proof", "Bad proof", "does not match the token"
    ),
)
IN_PROGRESS = ReceiptOutcome(ResultStatus.IN_PROGRESS)


def _queued(store: Store, **fields: object) -> str:
    draft = make_draft(token.generate(), **fields)
    return store.receive(draft).receipt_id


# receive


def test_receive_queues_version_one_with_everything_the_draft_said(
    store: Store, clock: Clock
) -> None:
    printed = token.generate()
    draft = make_draft(
        printed, condition=Condition.DAMAGED, note="corner crushed", override_by="sup"
    )

    stored = store.receive(draft)

    assert stored.receipt_id == draft.receipt_id
    assert stored.version == 1
    assert stored.state is ReceiptState.QUEUED
    assert stored.token_sha256 == token.digest(printed)
    assert token.proof_matches(printed, stored.receipt_id, stored.proof)
    assert (stored.package_id, stored.order_id) == (draft.package_id, draft.order_id)
    assert (stored.condition, stored.note) == (Condition.DAMAGED, "corner crushed")
    assert stored.override_by == "sup"
    assert stored.workstation_id == store.workstation_id
    assert stored.received_at == START
    assert stored.created_at == stored.updated_at == clock.now
    assert stored.attempts == 0
    assert stored.sent_version is None
    assert stored.confirmed_version is None
    assert not stored.provisional


def test_receive_is_committed_when_it_returns(store: Store) -> None:
    stored = store.receive(make_draft(token.generate()))

    # Another connection sees only committed data.
    other = sqlite3.connect(store.path)
    try:
        row = other.execute(
            "SELECT state FROM receipts WHERE receipt_id = ?", (stored.receipt_id,)
        ).fetchone()
    finally:
        other.close()
    assert row == ("queued",)


def test_receive_writes_the_receipt_and_its_audit_entry(store: Store) -> None:
    stored = store.receive(make_draft(token.generate(), override_by="sup"))

    entries = store.audit_entries()
    assert [(e.actor, e.action, e.subject) for e in entries] == [
        ("anna", "receipt", stored.receipt_id),
        ("sup", "override", stored.receipt_id),
    ]
    assert entries[0].details["token_sha256"] == stored.token_sha256
    assert store.verify_audit().ok


def test_the_proof_is_masked_in_repr(store: Store) -> None:
    draft = make_draft(token.generate())
    stored = store.receive(draft)

    assert draft.proof not in repr(draft)
    assert draft.proof not in repr(stored)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"receipt_id": "not-a-uuid"}, "not a UUID"),
        ({"receipt_id": "0F68DB5C-7F01-4893-981B-82191F913512"}, "canonical"),
        ({"token_sha256": "ab" * 31}, "digest"),
        ({"token_sha256": "AB" * 32}, "digest"),
        ({"proof": "zz" * 32}, "proof"),
        ({"received_by": " "}, "username"),
        ({"received_at": START.replace(tzinfo=None)}, "offset"),
        ({"note": "x" * (NOTE_MAX_LENGTH + 1)}, "at most 500"),
    ],
)
def test_receive_refuses_a_draft_that_breaks_the_contract(
    store: Store, change: dict[str, object], words: str
) -> None:
    good = make_draft(token.generate())
    fields = {
        name: getattr(good, name) for name in ReceiptDraft.__dataclass_fields__
    } | change
    bad = ReceiptDraft(**fields)

    with pytest.raises(InvalidReceipt, match=words):
        store.receive(bad)
    assert store.counts()[ReceiptState.QUEUED] == 0
    assert store.audit_entries() == []


def test_receive_refuses_a_second_receipt_for_the_same_package(store: Store) -> None:
    printed = token.generate()
    first = store.receive(make_draft(printed))

    with pytest.raises(DuplicateReceipt, match="already has receipt") as raised:
        store.receive(make_draft(printed, received_by="marco"))

    assert raised.value.existing.receipt_id == first.receipt_id
    assert store.counts()[ReceiptState.QUEUED] == 1
    assert len(store.audit_entries()) == 1


def test_receive_refuses_a_receipt_id_used_before(store: Store) -> None:
    draft = make_draft(token.generate())
    store.receive(draft)
    other = token.generate()
    reused = ReceiptDraft(
        draft.receipt_id,
        token.digest(other),
        token.receipt_proof(other, draft.receipt_id),
        None,
        None,
        "anna",
        START,
        provisional=True,
    )

    with pytest.raises(DuplicateReceipt, match="already in the store"):
        store.receive(reused)


def test_a_refused_receipt_frees_the_package_for_a_new_one(store: Store) -> None:
    printed = token.generate()
    first = store.receive(make_draft(printed))
    store.apply_result(first.receipt_id, 1, BAD_PROOF)

    second = store.receive(make_draft(printed, override_by="sup"))

    assert store.local_receipt_for(token.digest(printed)) == second


def test_receive_raises_store_full_and_keeps_nothing_when_the_disk_is_full(
    store: Store,
) -> None:
    # Cap the file at its current size: the next page SQLite needs is "no
    # space left", exactly as on a full disk.
    connection = store._connection
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")
    kept: list[str] = []

    with pytest.raises(StoreFull) as raised:  # noqa: PT012 - fill until full
        for _ in range(10_000):
            draft = make_draft(token.generate(), note="n" * 400)
            failed = draft.receipt_id
            kept.append(store.receive(draft).receipt_id)

    assert kept, "the store should have had room for a few receipts"
    assert isinstance(raised.value, StoreWriteError)
    assert "disk is full" in str(raised.value)
    assert store.receipt(failed) is None
    assert [r.receipt_id for r in store.next_batch(len(kept) + 5)] == kept
    audited = [entry.subject for entry in store.audit_entries(limit=len(kept) + 5)]
    assert audited == kept
    assert store.verify_audit().ok


# local_receipt_for


def test_local_receipt_for_finds_the_live_receipt_by_digest(store: Store) -> None:
    printed = token.generate()
    stored = store.receive(make_draft(printed, provisional=True, package_id=None))

    assert store.local_receipt_for(token.digest(printed)) == stored
    assert store.local_receipt_for(token.digest(token.generate())) is None


def test_local_receipt_for_skips_refused_receipts(store: Store) -> None:
    printed = token.generate()
    stored = store.receive(make_draft(printed))
    store.apply_result(stored.receipt_id, 1, BAD_PROOF)

    assert store.local_receipt_for(token.digest(printed)) is None


def test_local_receipt_for_keeps_a_receipt_another_desk_won(store: Store) -> None:
    printed = token.generate()
    stored = store.receive(make_draft(printed))
    store.apply_result(stored.receipt_id, 1, LOST)

    found = store.local_receipt_for(token.digest(printed))

    assert found is not None
    assert found.state is ReceiptState.ALREADY_RECEIVED
    assert found.winner == WINNER
    assert found.as_info() == WINNER


# amend


def test_amend_makes_a_new_version_queued_again_and_audited(
    store: Store, clock: Clock
) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])
    store.apply_result(receipt_id, 1, REGISTERED)
    clock.advance(minutes=5)

    amended = store.amend(
        receipt_id, condition=Condition.DAMAGED, note="box wet", actor="marco"
    )

    assert amended.version == 2
    assert amended.state is ReceiptState.QUEUED
    assert (amended.condition, amended.note) == (Condition.DAMAGED, "box wet")
    assert amended.confirmed_version == 1
    assert not amended.confirmed
    assert amended.updated_at == clock.now
    last = store.audit_entries()[-1]
    assert (last.actor, last.action, last.subject) == ("marco", "amend", receipt_id)
    assert last.details["version"] == 2


def test_amend_that_changes_nothing_makes_no_new_version(store: Store) -> None:
    receipt_id = _queued(store)
    before = len(store.audit_entries())

    same = store.amend(receipt_id, condition=Condition.INTACT, note="", actor="anna")

    assert same.version == 1
    assert len(store.audit_entries()) == before


def test_amend_refuses_unknown_refused_and_lost_receipts(store: Store) -> None:
    refused, lost = _queued(store), _queued(store)
    store.apply_result(refused, 1, BAD_PROOF)
    store.apply_result(lost, 1, LOST)

    with pytest.raises(UnknownReceipt, match="no local receipt"):
        store.amend("nope", condition=Condition.DAMAGED, note="", actor="anna")
    with pytest.raises(ReceiptStateError, match="refused"):
        store.amend(refused, condition=Condition.DAMAGED, note="", actor="anna")
    with pytest.raises(ReceiptStateError, match="already received"):
        store.amend(lost, condition=Condition.DAMAGED, note="", actor="anna")


def test_amend_refuses_a_note_too_long(store: Store) -> None:
    receipt_id = _queued(store)

    with pytest.raises(InvalidReceipt, match="at most"):
        store.amend(
            receipt_id, condition=Condition.DAMAGED, note="x" * 501, actor="anna"
        )
    assert store.receipt(receipt_id).version == 1


# next_batch, mark_sent, requeue


def test_next_batch_is_queued_receipts_oldest_first(store: Store, clock: Clock) -> None:
    ids = []
    for _ in range(5):
        ids.append(_queued(store))
        clock.advance(seconds=1)
    store.mark_sent([(ids[1], 1)])

    assert [r.receipt_id for r in store.next_batch(3)] == [ids[0], ids[2], ids[3]]
    assert [r.receipt_id for r in store.next_batch(100)] == [ids[0], *ids[2:]]


def test_next_batch_keeps_an_amended_receipt_in_its_place(
    store: Store, clock: Clock
) -> None:
    first = _queued(store)
    clock.advance(seconds=1)
    second = _queued(store)
    store.mark_sent([(first, 1), (second, 1)])
    store.amend(first, condition=Condition.DAMAGED, note="", actor="anna")
    store.requeue_in_flight()

    assert [r.receipt_id for r in store.next_batch(10)] == [first, second]


def test_mark_sent_counts_attempts_and_records_the_version(store: Store) -> None:
    receipt_id = _queued(store)

    store.mark_sent([(receipt_id, 1)])
    store.requeue_in_flight()
    store.mark_sent([(receipt_id, 1)])

    sent = store.receipt(receipt_id)
    assert sent is not None
    assert sent.state is ReceiptState.SENT
    assert (sent.attempts, sent.sent_version) == (2, 1)


def test_mark_sent_for_an_old_version_leaves_the_new_one_queued(store: Store) -> None:
    receipt_id = _queued(store)
    store.amend(receipt_id, condition=Condition.DAMAGED, note="", actor="anna")

    store.mark_sent([(receipt_id, 1)])

    after = store.receipt(receipt_id)
    assert after is not None
    assert (after.state, after.sent_version) == (ReceiptState.QUEUED, 1)


def test_mark_sent_of_an_unknown_receipt_changes_nothing(store: Store) -> None:
    receipt_id = _queued(store)

    with pytest.raises(UnknownReceipt):
        store.mark_sent([(receipt_id, 1), ("missing", 1)])

    assert store.receipt(receipt_id).state is ReceiptState.QUEUED


def test_requeue_in_flight_queues_every_sent_receipt_again(store: Store) -> None:
    ids = [_queued(store) for _ in range(3)]
    store.mark_sent([(ids[0], 1), (ids[1], 1)])
    store.apply_result(ids[1], 1, REGISTERED)

    assert store.requeue_in_flight() == 1
    assert store.requeue_in_flight() == 0

    assert store.counts()[ReceiptState.QUEUED] == 2
    last = store.audit_entries()[-1]
    assert (last.action, last.details) == ("requeue", {"count": 1})


def test_requeue_returns_sent_receipts_with_the_reason(store: Store) -> None:
    sent, other, queued = _queued(store), _queued(store), _queued(store)
    store.mark_sent([(sent, 1), (other, 1)])

    assert store.requeue([sent, queued, "missing"], reason="timed out") == 1

    again = store.receipt(sent)
    assert again is not None
    assert (again.state, again.last_error) == (ReceiptState.QUEUED, "timed out")
    assert store.receipt(other).state is ReceiptState.SENT
    assert store.receipt(queued).last_error is None


# apply_result


def test_registered_confirms_the_version_the_server_answered(store: Store) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, REGISTERED)

    done = store.receipt(receipt_id)
    assert done is not None
    assert done.state is ReceiptState.REGISTERED
    assert done.confirmed_version == 1
    assert done.confirmed
    last = store.audit_entries()[-1]
    assert (last.actor, last.action) == ("server", "receipt_result")
    assert last.details["status"] == "registered"


def test_replayed_confirms_like_registered(store: Store) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, REPLAYED)

    assert store.receipt(receipt_id).state is ReceiptState.REGISTERED


def test_a_receipt_amended_after_sending_stays_queued_when_the_old_one_is_confirmed(
    store: Store,
) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])
    store.amend(receipt_id, condition=Condition.DAMAGED, note="wet", actor="anna")

    store.apply_result(receipt_id, 1, REGISTERED)

    after = store.receipt(receipt_id)
    assert after is not None
    assert (after.state, after.version, after.confirmed_version) == (
        ReceiptState.QUEUED,
        2,
        1,
    )
    assert [r.receipt_id for r in store.next_batch(10)] == [receipt_id]

    store.mark_sent([(receipt_id, 2)])
    store.apply_result(receipt_id, 2, REGISTERED)

    final = store.receipt(receipt_id)
    assert final is not None
    assert (final.state, final.confirmed_version) == (ReceiptState.REGISTERED, 2)


def test_a_late_answer_for_an_old_version_leaves_the_new_one_in_flight(
    store: Store,
) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])
    store.amend(receipt_id, condition=Condition.DAMAGED, note="", actor="anna")
    store.mark_sent([(receipt_id, 2)])

    store.apply_result(receipt_id, 1, REGISTERED)

    after = store.receipt(receipt_id)
    assert after is not None
    assert (after.state, after.confirmed_version) == (ReceiptState.SENT, 1)


def test_already_received_keeps_the_winner(store: Store) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, LOST)

    lost = store.receipt(receipt_id)
    assert lost is not None
    assert lost.state is ReceiptState.ALREADY_RECEIVED
    assert lost.winner == WINNER
    assert store.audit_entries()[-1].details["winner"] == "marco"


def test_already_received_without_a_winner_is_a_caller_mistake(store: Store) -> None:
    receipt_id = _queued(store)

    with pytest.raises(ValueError, match="winner"):
        store.apply_result(receipt_id, 1, ReceiptOutcome(ResultStatus.ALREADY_RECEIVED))
    assert store.receipt(receipt_id).state is ReceiptState.QUEUED


def test_refused_keeps_the_problem(store: Store) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, BAD_PROOF)

    refused = store.receipt(receipt_id)
    assert refused is not None
    assert refused.state is ReceiptState.REFUSED
    assert refused.problem_type == "urn:concierge:problem:bad-proof"
    assert refused.last_error == "Bad proof: does not match the token"


def test_a_refusal_of_an_old_version_leaves_the_new_one_to_be_judged(
    store: Store,
) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])
    store.amend(receipt_id, condition=Condition.INTACT, note="fixed", actor="anna")

    store.apply_result(receipt_id, 1, BAD_PROOF)

    after = store.receipt(receipt_id)
    assert after is not None
    assert after.state is ReceiptState.QUEUED
    assert after.last_error is not None


def test_in_progress_queues_the_receipt_again(store: Store) -> None:
    receipt_id = _queued(store)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, IN_PROGRESS)

    after = store.receipt(receipt_id)
    assert after is not None
    assert after.state is ReceiptState.QUEUED
    assert after.last_error == "the server was still processing it"


def test_apply_result_for_an_unknown_receipt(store: Store) -> None:
    with pytest.raises(UnknownReceipt):
        store.apply_result("missing", 1, REGISTERED)


# counts, oldest, by day


def test_counts_has_every_state(store: Store) -> None:
    ids = [_queued(store) for _ in range(5)]
    store.mark_sent([(ids[0], 1), (ids[1], 1), (ids[2], 1), (ids[3], 1)])
    store.apply_result(ids[1], 1, REGISTERED)
    store.apply_result(ids[2], 1, LOST)
    store.apply_result(ids[3], 1, BAD_PROOF)

    assert store.counts() == {
        ReceiptState.QUEUED: 1,
        ReceiptState.SENT: 1,
        ReceiptState.REGISTERED: 1,
        ReceiptState.ALREADY_RECEIVED: 1,
        ReceiptState.REFUSED: 1,
    }


def test_counts_of_an_empty_store_are_zero(store: Store) -> None:
    assert set(store.counts().values()) == {0}
    assert store.oldest_queued_at() is None


def test_oldest_queued_at_is_the_oldest_waiting_receipt(
    store: Store, clock: Clock
) -> None:
    first = _queued(store)
    first_at = clock.now
    clock.advance(minutes=10)
    second = _queued(store)
    store.mark_sent([(first, 1)])

    assert store.oldest_queued_at() == first_at

    store.apply_result(first, 1, REGISTERED)
    assert store.oldest_queued_at() == first_at + timedelta(minutes=10)

    store.mark_sent([(second, 1)])
    store.apply_result(second, 1, REGISTERED)
    assert store.oldest_queued_at() is None


def test_receipts_on_a_day_follow_the_given_time_zone(store: Store) -> None:
    late_utc = START.replace(hour=23, minute=30)
    early = _queued(store, received_at=START)
    late = _queued(store, received_at=late_utc)
    _queued(store, received_at=START.replace(day=16, hour=0))

    assert [r.receipt_id for r in store.receipts_on(date(2026, 3, 14))] == [
        early,
        late,
    ]
    rome = timezone(timedelta(hours=1))
    assert [r.receipt_id for r in store.receipts_on(date(2026, 3, 15), tz=rome)] == [
        late
    ]
    assert store.receipts_on(date(2026, 3, 13)) == []


# needs attention and resolve


def test_needs_attention_lists_provisional_refused_and_lost_until_resolved(
    store: Store,
) -> None:
    provisional = _queued(store, provisional=True, package_id=None, order_id=None)
    refused, lost, fine = _queued(store), _queued(store), _queued(store)
    for receipt_id in (refused, lost, fine):
        store.mark_sent([(receipt_id, 1)])
    store.apply_result(refused, 1, BAD_PROOF)
    store.apply_result(lost, 1, LOST)
    store.apply_result(fine, 1, REGISTERED)

    listed = [r.receipt_id for r in store.needs_attention()]
    assert listed == [provisional, refused, lost]
    assert all(r.needs_attention for r in store.needs_attention())
    assert store.needs_attention_count() == 3

    store.resolve(refused, actor="sup", note="courier took it back")

    assert [r.receipt_id for r in store.needs_attention()] == [provisional, lost]
    assert store.needs_attention_count() == 2
    resolved = store.receipt(refused)
    assert resolved is not None
    assert (resolved.resolved_by, resolved.resolution_note) == (
        "sup",
        "courier took it back",
    )
    last = store.audit_entries()[-1]
    assert (last.actor, last.action, last.subject) == ("sup", "resolve", refused)


def test_a_provisional_receipt_leaves_attention_once_confirmed(store: Store) -> None:
    receipt_id = _queued(store, provisional=True, package_id=None, order_id=None)
    store.mark_sent([(receipt_id, 1)])

    store.apply_result(receipt_id, 1, REGISTERED)

    assert store.needs_attention() == []


def test_resolve_refuses_what_needs_no_attention(store: Store) -> None:
    receipt_id = _queued(store)

    with pytest.raises(ReceiptStateError, match="does not need attention"):
        store.resolve(receipt_id, actor="sup", note="")
    with pytest.raises(UnknownReceipt):
        store.resolve("missing", actor="sup", note="")
