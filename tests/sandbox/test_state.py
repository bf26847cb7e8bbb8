"""The state file: receipts survive a restart; seeding is deterministic."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox import seed
from concierge_app.sandbox.config import SandboxConfig
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sandbox.state import SandboxState, StateError
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item


def test_a_restarted_sandbox_keeps_its_receipts(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    state = tmp_path / "kept.sqlite3"
    first = sandbox_factory(state=state)
    admin = SandboxAdmin(first.url)
    token = admin.token("accepted")
    item = receipt_item(token)
    desk = DeskClient(first.url)
    desk.results(item)
    desk.close()
    admin.close()
    first.stop_sync()

    second = sandbox_factory(state=state)
    admin = SandboxAdmin(second.url)
    desk = DeskClient(second.url)
    resent = desk.results(item)
    kept = admin.receipts()
    desk.close()
    admin.close()

    assert resent[0]["status"] == "replayed"
    assert item["receipt_id"] in [r["receipt_id"] for r in kept["receipts"]]


def test_a_state_file_refuses_another_seed(tmp_path: Path) -> None:
    path = tmp_path / "seeded.sqlite3"
    SandboxState(path, seed_number=1).close()

    with pytest.raises(StateError, match="--seed 1"):
        SandboxState(path, seed_number=2)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 100)

    with pytest.raises(StateError, match="cannot use"):
        SandboxState(path, seed_number=1)


def test_the_same_seed_gives_the_same_tokens() -> None:
    first, again, other = seed.build(7), seed.build(7), seed.build(8)

    assert first.packages == again.packages
    assert [p[5] for p in first.packages] != [p[5] for p in other.packages]
    assert all(token_scheme.is_valid(str(p[5])) for p in first.packages)


def test_bulk_packages_leave_the_demo_tokens_alone() -> None:
    plain = seed.build(1)
    bulk = seed.build(1, bulk_packages=1001)

    assert bulk.packages[: len(plain.packages)] == plain.packages
    assert len(bulk.packages) == len(plain.packages) + 1001
    assert len({p[6] for p in bulk.packages}) == len(bulk.packages)


def test_scenario_ids_are_stable() -> None:
    assert seed.scenario_order_id("accepted_single") == "1-2603-1-000001"
    assert seed.scenario_order_id("other_facility_single") == "1-2603-2-000010"


def test_a_temporary_state_is_removed_on_stop() -> None:
    with SandboxServer(SandboxConfig(port=0)) as server:
        assert server.sandbox is not None
        path = server.sandbox.state.path
        assert path.exists()

    assert not path.exists()


def test_the_simulation_brings_new_arrivals(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(simulate=True, simulate_interval=0.1)
    admin = SandboxAdmin(server.url)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        packages = admin.tokens()
        later = [p for p in packages if p["fulfillment_id"] == "F-000003-2"]
        new_orders = {p["order_id"] for p in packages} - {
            str(row[0]) for row in seed.build(1).orders
        }
        if new_orders and all(p["verdict"] == "accepted" for p in later):
            break
        time.sleep(0.1)
    admin.close()

    assert new_orders
    assert all(p["verdict"] == "accepted" for p in later)


def test_the_default_seeds_written_verifiers_are_its_users_scrypt_hashes() -> None:
    rows = seed.build(SandboxConfig().seed)

    written = {(user[0], user[5]): user[6] for user in rows.users}
    assert written == seed.DEFAULT_SEED_VERIFIERS
    for (password, salt), verifier in written.items():
        assert seed.password_hash(password, salt) == verifier
