"""POST /receipts: idempotency, first receipt wins, and every refusal cause."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item


@pytest.fixture
def desk(sandbox: SandboxServer) -> Iterator[DeskClient]:
    client = DeskClient(sandbox.url, "concierge", "DESK-1")
    yield client
    client.close()


def _problem(result: dict[str, Any]) -> str:
    assert result["status"] == "refused", result
    return str(result["problem"]["type"]).removeprefix("urn:concierge:problem:")


def test_a_receipt_registers_once_and_a_resend_is_a_replay(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    item = receipt_item(token)

    first = desk.results(item)
    again = desk.results(item)

    assert first[0] == {
        "receipt_id": item["receipt_id"],
        "version": 1,
        "status": "registered",
    }
    assert again[0]["status"] == "replayed"
    stored = [
        r
        for r in sandbox_admin.receipts()["receipts"]
        if r["receipt_id"] == item["receipt_id"]
    ]
    assert len(stored) == 1
    assert stored[0]["workstation_id"] == "DESK-1"
    assert stored[0]["received_by"] == "concierge"


def test_the_verdict_turns_to_already_received_after_a_receipt(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    package = sandbox_admin.tokens("accepted")[0]

    desk.results(receipt_item(package["token"]))

    now = {p["package_id"]: p for p in sandbox_admin.tokens()}
    assert now[package["package_id"]]["verdict"] == "already_received"


def test_another_receipt_id_for_a_received_package_learns_the_winner(
    desk: DeskClient, sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    desk.results(receipt_item(token, workstation_id="DESK-1"))
    other = DeskClient(sandbox.url, "supervisor", "DESK-2")
    try:
        result = other.results(
            receipt_item(token, received_by="supervisor", workstation_id="DESK-2")
        )[0]
    finally:
        other.close()

    assert result["status"] == "already_received"
    assert result["received_by"] == "concierge"
    assert result["workstation_id"] == "DESK-1"
    assert result["received_at"] == "2026-12-03T09:30:00.000000+00:00"


def test_the_seeded_received_package_is_already_received(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("already_received")

    result = desk.results(receipt_item(token))[0]

    assert result["status"] == "already_received"
    assert result["workstation_id"] == "DESK-SEED-1"


def test_concurrent_submits_of_one_package_register_exactly_once(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    package_id = sandbox_admin.tokens("accepted")[0]["package_id"]
    desks = [DeskClient(sandbox.url, "concierge", f"DESK-{n}") for n in range(8)]
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(len(desks))

    def submit(client: DeskClient) -> None:
        item = receipt_item(token, workstation_id=client.workstation)
        barrier.wait()
        results.extend(client.results(item))

    threads = [threading.Thread(target=submit, args=(d,)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in desks:
        client.close()

    statuses = sorted(r["status"] for r in results)
    assert statuses == ["already_received"] * 7 + ["registered"]
    admin_view = sandbox_admin.receipts()
    stored = [r for r in admin_view["receipts"] if r["package_id"] == package_id]
    assert len(stored) == 1
    assert admin_view["attempts"][package_id] == 8


def test_the_same_id_in_flight_elsewhere_is_in_progress(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    item = receipt_item(token)
    desks = [DeskClient(sandbox.url, "concierge", "DESK-1") for _ in range(2)]
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(2)
    # The injected latency is spent while the batch holds its ids, so the
    # second request with the same id arrives while the first is working.
    sandbox_admin.set_faults(latency_ms=1000)

    def submit(client: DeskClient) -> None:
        barrier.wait()
        results.extend(client.results(item))

    threads = [threading.Thread(target=submit, args=(d,)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sandbox_admin.clear_faults()
    retry = desks[0].results(item)
    for client in desks:
        client.close()

    assert sorted(r["status"] for r in results) == ["in_progress", "registered"]
    assert retry[0]["status"] == "replayed"
    package_id = sandbox_admin.receipts()["receipts"][-1]["package_id"]
    assert sandbox_admin.receipts()["attempts"][package_id] == 3


def test_a_new_version_amends_condition_and_note(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    first = receipt_item(token)
    desk.results(first)
    amended = {**first, "version": 2, "condition": "damaged", "note": "box crushed"}

    result = desk.results(amended)[0]
    stale = desk.results(first)[0]

    assert result == {
        "receipt_id": first["receipt_id"],
        "version": 2,
        "status": "registered",
    }
    assert stale == {
        "receipt_id": first["receipt_id"],
        "version": 2,
        "status": "replayed",
    }
    stored = next(
        r
        for r in sandbox_admin.receipts()["receipts"]
        if r["receipt_id"] == first["receipt_id"]
    )
    assert (stored["version"], stored["condition"], stored["note"]) == (
        2,
        "damaged",
        "box crushed",
    )


def test_an_id_reused_with_another_payload_is_refused(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    first = receipt_item(tokens[0])
    desk.results(first)
    same_version_changed = {**first, "note": "different"}
    other_package = receipt_item(tokens[1], first["receipt_id"], version=2)

    results = desk.results(same_version_changed, other_package)

    assert [_problem(r) for r in results] == ["id-reused", "id-reused"]


@pytest.mark.parametrize(
    ("verdict", "cause"),
    [("not_captured", "not-captured"), ("released_early", "released-early")],
)
def test_the_server_enforces_the_capture(
    desk: DeskClient, sandbox_admin: SandboxAdmin, verdict: str, cause: str
) -> None:
    for package in sandbox_admin.tokens(verdict):
        result = desk.results(receipt_item(package["token"]))[0]
        assert _problem(result) == cause, package["order_id"]


def test_a_supervisor_override_accepts_a_package_released_early(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("released_early")

    why = "Manna papers follow by courier"
    by_concierge = desk.results(
        receipt_item(token, override_by="concierge", override_note=why)
    )[0]
    without_note = desk.results(receipt_item(token, override_by="supervisor"))[0]
    by_supervisor = desk.results(
        receipt_item(token, override_by="supervisor", override_note=why)
    )[0]

    assert _problem(by_concierge) == "released-early"
    assert "not a supervisor" in by_concierge["problem"]["detail"]
    assert _problem(without_note) == "released-early"
    assert "needs a note" in without_note["problem"]["detail"]
    assert by_supervisor["status"] == "registered"
    stored = sandbox_admin.receipts()["receipts"][-1]
    assert (stored["override_by"], stored["override_note"]) == ("supervisor", why)


def test_an_amended_version_replaces_condition_and_note(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    item = receipt_item(sandbox_admin.token("accepted"))
    first = desk.results(item)[0]
    damaged = {**item, "version": 2, "condition": "damaged", "note": "corner torn"}
    second = desk.results(damaged)[0]
    old_again = desk.results(item)[0]

    assert (first["status"], first["version"]) == ("registered", 1)
    assert (second["status"], second["version"]) == ("registered", 2)
    # A late copy of version 1 is answered with the version the server holds.
    assert (old_again["status"], old_again["version"]) == ("replayed", 2)
    stored = sandbox_admin.receipts()["receipts"][-1]
    assert (stored["version"], stored["condition"], stored["note"]) == (
        2,
        "damaged",
        "corner torn",
    )


def test_unknown_digest_and_bad_proof_are_refused(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    stranger = token_scheme.from_payload("0" * 16)
    forged = receipt_item(token, proof=token_scheme.receipt_proof(stranger, "x"))

    results = desk.results(receipt_item(stranger), forged)

    assert [_problem(r) for r in results] == ["unknown-token", "bad-proof"]
    assert sandbox_admin.receipts()["receipts"][1:] == []


def test_a_malformed_item_is_refused_alone(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    token = sandbox_admin.token("accepted")
    good = receipt_item(token)
    no_time = receipt_item(token, received_at="yesterday")
    unknown_user = receipt_item(token, received_by="mallory")

    results = desk.results(
        {"receipt_id": "not-a-uuid"}, "text", no_time, unknown_user, good
    )

    assert [r["status"] for r in results] == ["refused"] * 4 + ["registered"]
    details = [r["problem"]["detail"] for r in results[:4]]
    assert details[0].startswith("receipt_id")
    assert details[2].startswith("received_at")
    assert details[3].startswith("received_by")
    assert results[0]["receipt_id"] == "not-a-uuid"
    assert results[1]["receipt_id"] is None


def test_batch_bounds(desk: DeskClient, sandbox_admin: SandboxAdmin) -> None:
    token = sandbox_admin.token("accepted")
    too_many = [receipt_item(token) for _ in range(101)]

    large = desk.receipts(*too_many)
    empty = desk.receipts()
    not_a_list = desk.http.post("/receipts", json={"receipts": {"a": 1}})

    assert large.status_code == 413
    assert large.json()["type"] == "urn:concierge:problem:batch-too-large"
    assert empty.status_code == 422
    assert not_a_list.status_code == 422
    assert sandbox_admin.receipts()["attempts"] == {}


def test_every_receipt_id_is_a_separate_idempotency_key(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:3]]
    items = [receipt_item(t, str(uuid.uuid4())) for t in tokens]

    first = desk.results(*items)
    second = desk.results(*reversed(items))

    assert [r["status"] for r in first] == ["registered"] * 3
    assert [r["status"] for r in second] == ["replayed"] * 3
    assert [r["receipt_id"] for r in second] == [i["receipt_id"] for i in items][::-1]
