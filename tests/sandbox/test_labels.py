"""The sandbox signs labels and publishes its keys (GET /label-keys, admin API)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from concierge_app.api.wire import label_keys_from_json
from concierge_app.domain import signed_label
from concierge_app.domain.signed_label import LabelCheck
from concierge_app.sandbox import seed
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import DeskClient, SandboxAdmin


def labels(url: str, facility: int = 1) -> list[dict[str, object]]:
    response = httpx.get(url + "/_sandbox/labels", params={"facility": facility})
    response.raise_for_status()
    listing: list[dict[str, object]] = response.json()
    return listing


def test_label_keys_need_a_bearer_token(sandbox: SandboxServer) -> None:
    response = httpx.get(sandbox.url + "/label-keys")

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_label_keys_are_published_with_ids_and_validity(sandbox: SandboxServer) -> None:
    desk = DeskClient(sandbox.url)
    try:
        response = desk.http.get("/label-keys")
    finally:
        desk.close()

    assert response.status_code == 200
    assert "RateLimit" in response.headers
    keys = label_keys_from_json(response.json())
    assert [k.key_id for k in keys] == ["sbx1", "sbx2"]
    old, new = keys
    assert old.not_after == datetime(2026, 10, 1, tzinfo=UTC)
    assert new.not_after is None
    # The two overlap, so labels printed during the hand-over verify either way.
    assert new.not_before < old.not_after


def test_every_seeded_label_is_genuine_and_says_what_the_package_is(
    sandbox: SandboxServer,
) -> None:
    desk = DeskClient(sandbox.url)
    try:
        keys = label_keys_from_json(desk.http.get("/label-keys").json())
    finally:
        desk.close()

    listing = labels(sandbox.url)
    assert len(listing) > 500
    for package in listing:
        label = signed_label.decode(str(package["label"]))
        assert signed_label.check(label, keys) is LabelCheck.GENUINE
        assert label.token == package["token"]
        assert str(label.order_id) == package["order_id"]
        assert label.fulfillment_id == package["fulfillment_id"]
        assert (label.number, label.count) == (package["number"], package["count"])
        assert label.key_id == package["key_id"] == "sbx1"

    scenarios = {p["scenario"] for p in listing if p["scenario"]}
    assert scenarios == set(seed.SCENARIOS)


def test_a_capture_today_is_labelled_under_the_new_key(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    first = sandbox_admin.http.post("/_sandbox/capture").json()["order_id"]
    second = sandbox_admin.http.post("/_sandbox/capture").json()["order_id"]

    # The first capture completes the pending second shipment of a scenario.
    assert first == seed.scenario_order_id("two_fulfillments")
    fresh = [p for p in labels(sandbox.url) if p["order_id"] == second]
    assert fresh
    assert {p["key_id"] for p in fresh} == {"sbx2"}
    assert {p["verdict"] for p in fresh} == {"accepted"}


def test_the_same_seed_prints_the_same_labels_another_seed_other_keys(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    one, again, other = (sandbox_factory(seed=n) for n in (1, 1, 2))

    assert labels(one.url)[:20] == labels(again.url)[:20]
    first = signed_label.decode(str(labels(other.url)[0]["label"]))
    desk = DeskClient(one.url)
    try:
        keys_of_one = label_keys_from_json(desk.http.get("/label-keys").json())
    finally:
        desk.close()
    assert signed_label.check(first, keys_of_one) is LabelCheck.BAD_SIGNATURE


def test_the_labels_listing_refuses_a_bad_facility(sandbox: SandboxServer) -> None:
    response = httpx.get(sandbox.url + "/_sandbox/labels", params={"facility": "x"})

    assert response.status_code == 400
