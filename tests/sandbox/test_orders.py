"""GET /orders, GET /orders/{id}, POST /packages/verify, and facility scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox import seed
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item


@pytest.fixture
def desk(sandbox: SandboxServer) -> Iterator[DeskClient]:
    client = DeskClient(sandbox.url, "concierge", "DESK-1")
    yield client
    client.close()


@pytest.fixture
def lounge(sandbox: SandboxServer) -> Iterator[DeskClient]:
    client = DeskClient(sandbox.url, "other", "LOUNGE-1")
    yield client
    client.close()


def _all_orders(client: DeskClient, **params: Any) -> list[dict[str, Any]]:
    orders: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.http.get("/orders", params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        orders.extend(body["orders"])
        cursor = body["next_cursor"]
        if cursor is None:
            return orders


def test_pages_cover_the_facility_exactly_once_in_order(desk: DeskClient) -> None:
    orders = _all_orders(desk, limit=37)

    keys = [(o["updated_at"], o["order_id"]) for o in orders]
    assert keys == sorted(keys)
    assert len({o["order_id"] for o in orders}) == len(orders)
    assert len(orders) == 9 + seed.ORDINARY_ORDERS[seed.HOTEL]
    assert {(o["facility"]["tenant"], o["facility"]["partner"]) for o in orders} == {
        (1, 1)
    }


def test_no_answer_carries_a_token(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    tokens = {p["token"] for p in sandbox_admin.tokens()}
    page = desk.http.get("/orders", params={"limit": 1000}).text

    assert not any(t in page for t in tokens)
    assert not any(token_scheme.format_groups(t) in page for t in tokens)


def test_the_other_facility_sees_only_its_own(lounge: DeskClient) -> None:
    orders = _all_orders(lounge)

    assert len(orders) == 2 + seed.ORDINARY_ORDERS[seed.LOUNGE]
    assert all(o["order_id"].split("-")[2] == "2" for o in orders)


def test_delta_by_updated_since_brings_a_new_receipt(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    first = desk.http.get("/orders", params={"limit": 1000}).json()
    package = sandbox_admin.tokens("accepted")[5]
    desk.results(receipt_item(package["token"]))

    delta = _all_orders(desk, updated_since=first["server_time"])

    assert [o["order_id"] for o in delta] == [package["order_id"]]
    received = [
        p
        for f in delta[0]["fulfillments"]
        for p in f["packages"]
        if p["package_id"] == package["package_id"]
    ]
    assert received[0]["receipt"]["workstation_id"] == "DESK-1"


def test_one_order_and_its_scope(desk: DeskClient) -> None:
    own = desk.http.get("/orders/" + seed.scenario_order_id("two_fulfillments"))
    other = desk.http.get("/orders/" + seed.scenario_order_id("other_facility_single"))
    missing = desk.http.get("/orders/1-2603-1-999999")

    assert own.status_code == 200
    shipments = own.json()["fulfillments"]
    assert [f["capture"]["status"] for f in shipments] == ["captured", "pending"]
    assert other.status_code == 403
    assert other.json()["type"] == "urn:concierge:problem:wrong-facility"
    assert "recipient" not in other.text
    assert missing.status_code == 404
    assert missing.json()["type"] == "urn:concierge:problem:order-not-found"


@pytest.mark.parametrize(
    ("order_id", "segment"),
    [
        ("1-2613-1-000001", "YYMM"),
        ("0-2603-1-000001", "tenant"),
        ("1-2603-1-00001", "sequence"),
        ("1-2603-1", "sequence"),
    ],
)
def test_a_bad_order_id_names_its_segment(
    desk: DeskClient, order_id: str, segment: str
) -> None:
    response = desk.http.get("/orders/" + order_id)

    assert response.status_code == 400
    assert segment in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "2026-03-01T10:00:00"}, "updated_since"),
        ({"cursor": "garbage!"}, "cursor"),
        ({"since": "2026-03-01T10:00:00+00:00"}, "since"),
    ],
)
def test_bad_query_parameters_are_named(
    desk: DeskClient, params: dict[str, str], name: str
) -> None:
    response = desk.http.get("/orders", params=params)

    assert response.status_code == 400
    assert response.json()["detail"].startswith(name)


def test_verify_accepts_any_input_form_and_keeps_the_capture(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    package = sandbox_admin.tokens("released_early")[0]
    typed = token_scheme.format_groups(package["token"]).lower()

    response = desk.http.post("/packages/verify", json={"token": typed})

    assert response.status_code == 200
    body = response.json()
    assert body["package_id"] == package["package_id"]
    assert body["order"]["fulfillments"][0]["capture"]["manna_issued"] is False


def test_verify_refusals(
    desk: DeskClient, sandbox_admin: SandboxAdmin, lounge: DeskClient
) -> None:
    foreign = sandbox_admin.token("wrong_facility")
    own = sandbox_admin.token("accepted")
    broken = own[:-1] + ("0" if own[-1] != "0" else "1")

    cases = {
        "wrong": desk.http.post("/packages/verify", json={"token": foreign}),
        "unknown": desk.http.post(
            "/packages/verify", json={"token": token_scheme.from_payload("0" * 16)}
        ),
        "check": desk.http.post("/packages/verify", json={"token": broken}),
        "junk": desk.http.post("/packages/verify", json={"token": "hello"}),
        "lounge": lounge.http.post("/packages/verify", json={"token": own}),
    }

    assert {k: r.status_code for k, r in cases.items()} == {
        "wrong": 403,
        "unknown": 404,
        "check": 422,
        "junk": 422,
        "lounge": 403,
    }
    assert "check symbol" in cases["check"].json()["detail"]


def test_receipts_for_another_facility_are_refused(
    desk: DeskClient, sandbox_admin: SandboxAdmin
) -> None:
    foreign = sandbox_admin.token("wrong_facility")

    result = desk.results(receipt_item(foreign))[0]

    assert result["problem"]["type"] == "urn:concierge:problem:wrong-facility"


def test_seed_verdicts_cover_every_case(sandbox_admin: SandboxAdmin) -> None:
    at_hotel = {p["verdict"] for p in sandbox_admin.tokens(facility=1)}
    at_lounge = sandbox_admin.tokens(facility=2)

    assert at_hotel == {
        "accepted",
        "already_received",
        "wrong_facility",
        "not_captured",
        "released_early",
    }
    hotel_packages = [p for p in at_lounge if p["facility"]["partner"] == 1]
    assert {p["verdict"] for p in hotel_packages} == {"wrong_facility"}
