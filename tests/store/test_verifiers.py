"""Offline unlock: right, wrong, locked out, expired, unknown; all audited."""

from __future__ import annotations

import concurrent.futures
from datetime import timedelta

import pytest

from concierge_app.domain.model import Facility
from concierge_app.store import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    OfflineLoginStatus,
    Store,
    prepare_verifier,
)
from tests.store.conftest import FACILITY, Clock

PASSWORD = "correct horse battery staple"
GUESS = "tr0ub4dor&3"
TTL = timedelta(hours=12)


@pytest.fixture
def anna(store: Store) -> Store:
    store.save_verifier(
        "anna",
        PASSWORD,
        display_name="Anna Bianchi",
        role="concierge",
        facility=FACILITY,
        ttl=TTL,
    )
    return store


def _fail(store: Store, times: int) -> None:
    for _ in range(times):
        store.check_offline_login("anna", GUESS)


def test_the_right_password_unlocks_with_who_it_is(anna: Store, clock: Clock) -> None:
    result = anna.check_offline_login("anna", PASSWORD)

    assert result.ok
    assert result.status is OfflineLoginStatus.OK
    assert (result.display_name, result.role, result.facility) == (
        "Anna Bianchi",
        "concierge",
        FACILITY,
    )
    assert result.expires_at == clock.now + TTL
    assert "Anna Bianchi" in result.message


def test_an_unknown_user_is_told_to_log_in_online(anna: Store) -> None:
    result = anna.check_offline_login("marco", PASSWORD)

    assert result.status is OfflineLoginStatus.UNKNOWN
    assert not result.ok
    assert "online" in result.message


def test_a_wrong_password_says_how_many_attempts_are_left(anna: Store) -> None:
    first = anna.check_offline_login("anna", GUESS)
    second = anna.check_offline_login("anna", "Correct horse battery staple")

    assert first.status is OfflineLoginStatus.WRONG
    assert first.attempts_left == MAX_FAILED_ATTEMPTS - 1
    assert second.attempts_left == MAX_FAILED_ATTEMPTS - 2
    assert "3 attempts left" in second.message


def test_five_wrong_attempts_lock_the_user_for_fifteen_minutes(
    anna: Store, clock: Clock
) -> None:
    assert (5, timedelta(minutes=15)) == (MAX_FAILED_ATTEMPTS, LOCKOUT)
    _fail(anna, MAX_FAILED_ATTEMPTS - 1)

    fifth = anna.check_offline_login("anna", GUESS)

    assert fifth.status is OfflineLoginStatus.LOCKED
    assert fifth.locked_until == clock.now + LOCKOUT
    assert "locked" in fifth.message

    clock.advance(minutes=14, seconds=59)
    locked = anna.check_offline_login("anna", PASSWORD)
    assert locked.status is OfflineLoginStatus.LOCKED

    clock.advance(seconds=1)
    assert anna.check_offline_login("anna", PASSWORD).ok


def test_after_a_lockout_the_count_starts_again(anna: Store, clock: Clock) -> None:
    _fail(anna, MAX_FAILED_ATTEMPTS)
    clock.advance(minutes=15)

    again = anna.check_offline_login("anna", GUESS)

    assert again.status is OfflineLoginStatus.WRONG
    assert again.attempts_left == MAX_FAILED_ATTEMPTS - 1


def test_a_right_password_resets_the_count(anna: Store) -> None:
    _fail(anna, MAX_FAILED_ATTEMPTS - 1)
    assert anna.check_offline_login("anna", PASSWORD).ok

    after = anna.check_offline_login("anna", GUESS)

    assert after.attempts_left == MAX_FAILED_ATTEMPTS - 1


def test_a_verifier_expires(anna: Store, clock: Clock) -> None:
    clock.advance(hours=11, minutes=59)
    assert anna.check_offline_login("anna", PASSWORD).ok

    clock.advance(minutes=1)
    expired = anna.check_offline_login("anna", PASSWORD)

    assert expired.status is OfflineLoginStatus.EXPIRED
    assert "expired" in expired.message


def test_an_online_login_renews_the_verifier_and_clears_a_lockout(
    anna: Store, clock: Clock
) -> None:
    _fail(anna, MAX_FAILED_ATTEMPTS)
    clock.advance(minutes=1)

    anna.save_verifier(
        "anna",
        "new password",
        display_name="Anna B.",
        role="supervisor",
        facility=Facility(2, 1),
        ttl=TTL,
    )

    assert anna.check_offline_login("anna", PASSWORD).status is (
        OfflineLoginStatus.WRONG
    )
    renewed = anna.check_offline_login("anna", "new password")
    assert (renewed.role, renewed.facility) == ("supervisor", Facility(2, 1))


def test_every_attempt_is_audited_without_the_password(anna: Store) -> None:
    anna.check_offline_login("anna", PASSWORD)
    anna.check_offline_login("anna", GUESS)
    anna.check_offline_login("marco", "whatever")
    _fail(anna, MAX_FAILED_ATTEMPTS - 1)
    anna.check_offline_login("anna", PASSWORD)

    logins = [e for e in anna.audit_entries() if e.action == "offline_login"]

    assert [(e.subject, e.details["result"]) for e in logins] == [
        ("anna", "ok"),
        ("anna", "wrong"),
        ("marco", "unknown"),
        ("anna", "wrong"),
        ("anna", "wrong"),
        ("anna", "wrong"),
        ("anna", "locked"),
        ("anna", "locked"),
    ]
    assert "locked_until" in logins[-1].details
    text = repr(anna.audit_entries())
    assert PASSWORD not in text
    assert GUESS not in text
    assert anna.verify_audit().ok


def test_a_verifier_needs_a_lifetime(store: Store) -> None:
    with pytest.raises(ValueError, match="lifetime"):
        store.save_verifier(
            "anna",
            PASSWORD,
            display_name="Anna",
            role="concierge",
            facility=FACILITY,
            ttl=timedelta(0),
        )


def test_a_hash_prepared_in_another_thread_unlocks_like_one_made_on_save(
    store: Store,
) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        prepared = pool.submit(prepare_verifier, PASSWORD).result()
    store.save_verifier(
        "anna",
        PASSWORD,
        display_name="Anna Bianchi",
        role="concierge",
        facility=FACILITY,
        ttl=TTL,
        prepared=prepared,
    )

    assert store.check_offline_login("anna", PASSWORD).ok
    assert store.check_offline_login("anna", GUESS).status is OfflineLoginStatus.WRONG
    assert prepared.salt.hex() not in repr(prepared)
    assert prepared.digest.hex() not in repr(prepared)
    assert str(prepared.digest) not in repr(prepared)


def test_a_hash_made_in_a_worker_thread_unlocks_and_counts_like_one_made_here(
    anna: Store,
) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        right = worker.submit(anna.unlock_salt("anna").hash, PASSWORD).result()
        wrong = worker.submit(anna.unlock_salt("anna").hash, GUESS).result()
        nobody = worker.submit(anna.unlock_salt("marco").hash, PASSWORD).result()

    refused = anna.check_offline_login("anna", GUESS, answer=wrong)
    unlocked = anna.check_offline_login("anna", PASSWORD, answer=right)
    unknown = anna.check_offline_login("marco", PASSWORD, answer=nobody)

    assert refused.status is OfflineLoginStatus.WRONG
    assert refused.attempts_left == MAX_FAILED_ATTEMPTS - 1
    assert unlocked.ok
    assert unknown.status is OfflineLoginStatus.UNKNOWN
    assert "correct" not in repr(right)
    assert [e.action for e in anna.audit_entries()][-3:] == ["offline_login"] * 3


def test_a_hash_made_for_an_older_verifier_is_not_trusted(anna: Store) -> None:
    stale = anna.unlock_salt("anna").hash(GUESS)
    # A new online login replaces the verifier (and its salt) meanwhile.
    anna.save_verifier(
        "anna",
        GUESS,
        display_name="Anna Bianchi",
        role="concierge",
        facility=FACILITY,
        ttl=TTL,
    )
    old_password = anna.unlock_salt("anna").hash(PASSWORD)

    assert anna.check_offline_login("anna", GUESS, answer=stale).ok
    refused = anna.check_offline_login("anna", PASSWORD, answer=old_password)
    assert refused.status is OfflineLoginStatus.WRONG
