"""The client's calls: problems to exceptions, retry classes, receipt results."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import (
    BatchTooLarge,
    LoginRequired,
    NotFound,
    ProtocolError,
    RateLimited,
    RequestRefused,
    ServerError,
    TransportError,
    WrongFacility,
    is_retryable,
)
from concierge_app.api.problems import parse_problem
from concierge_app.api.receipts import ReceiptItem, ResultStatus
from concierge_app.domain import token
from tests.api.seam import FakePartner, problem

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
ORDER = {
    "order_id": "1-2603-1-000001",
    "facility": {"tenant": 1, "partner": 1},
    "recipient": "Ms Rossi",
    "updated_at": "2026-03-14T10:00:00.000000+00:00",
    "fulfillments": [
        {
            "fulfillment_id": "F1",
            "status": "active",
            "capture": {
                "status": "captured",
                "captured_at": "2026-03-14T09:00:00+00:00",
                "amount_minor": 100,
                "currency": "EUR",
                "manna_issued": True,
            },
            "packages": [
                {
                    "package_id": "P1",
                    "number": 1,
                    "count": 1,
                    "token_sha256": "ab" * 32,
                    "receipt": None,
                }
            ],
        }
    ],
}


async def signed_in(partner: FakePartner) -> PartnerClient:
    client = PartnerClient(
        "http://partner.test", workstation_id="ws-1", transport=partner.transport()
    )
    await client.login("concierge", "concierge")
    return client


@pytest.mark.parametrize(
    ("answer", "expected", "retry"),
    [
        (problem(500, "unavailable"), ServerError, True),
        (problem(503, "unavailable"), ServerError, True),
        (problem(429, "rate-limited", **{"retry-after": "3"}), RateLimited, True),
        (
            problem(400, "invalid-request", "order id: the YYMM month 13"),
            RequestRefused,
            False,
        ),
        (problem(422, "invalid-request"), RequestRefused, False),
        (problem(403, "wrong-facility"), WrongFacility, False),
        (problem(404, "order-not-found"), NotFound, False),
        (problem(413, "batch-too-large"), BatchTooLarge, False),
        (httpx.Response(502, content=b"<html>bad gateway</html>"), ServerError, True),
    ],
)
async def test_each_error_answer_maps_to_its_exception_and_retry_class(
    answer: httpx.Response, expected: type[Exception], retry: bool
) -> None:
    partner = FakePartner()
    partner.routes["GET /orders/1-2613-1-000001"] = lambda request: answer
    client = await signed_in(partner)

    with pytest.raises(expected) as caught:
        await client.get_order("1-2613-1-000001")
    await client.aclose()

    assert is_retryable(caught.value) is retry


async def test_timeouts_and_resets_are_retryable_transport_errors() -> None:
    def reset(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer")

    partner = FakePartner()
    partner.routes["GET /orders/a"] = reset
    partner.routes["GET /orders/b"] = slow
    client = await signed_in(partner)

    for order_id in ("a", "b"):
        with pytest.raises(TransportError) as caught:
            await client.get_order(order_id)
        assert is_retryable(caught.value)
    await client.aclose()


async def test_login_required_is_not_retryable() -> None:
    assert not is_retryable(LoginRequired(parse_problem(401, b"{}")))


def test_malformed_problems_still_give_a_usable_problem() -> None:
    for body in (b"", b"not json", b"[]", b'{"type": 5}', b'{"type": "about:blank"}'):
        found = parse_problem(500, body)
        assert (found.status, found.name) == (500, "http-500")

    named = parse_problem(403, b'{"type": "urn:concierge:problem:wrong-facility"}')
    assert named.name == "wrong-facility"


async def test_a_429_blocks_the_budget_for_the_servers_wait() -> None:
    partner = FakePartner()
    partner.routes["GET /orders/x"] = lambda r: problem(
        429, "rate-limited", **{"retry-after": "86400"}
    )
    client = await signed_in(partner)

    with pytest.raises(RateLimited) as caught:
        await client.get_order("x")
    await client.aclose()

    assert caught.value.retry_after == 300
    assert client.budget.wait_needed() > 299


async def test_orders_pages_parse_into_domain_orders() -> None:
    partner = FakePartner()
    partner.routes["GET /orders"] = lambda r: httpx.Response(
        200,
        json={
            "orders": [ORDER],
            "next_cursor": "c2",
            "server_time": ORDER["updated_at"],
        },
    )
    client = await signed_in(partner)

    page = await client.list_orders(
        updated_since="2026-01-01T00:00:00+00:00", cursor="c1", limit=50
    )
    await client.aclose()

    assert page.next_cursor == "c2"
    assert page.orders[0].fulfillments[0].packages[0].token_digest == "ab" * 32
    sent = partner.requests[-1].url.params
    assert (sent["cursor"], sent["limit"]) == ("c1", "50")


async def test_a_page_of_orders_is_sized_to_the_room_left_in_the_last_minute() -> None:
    # The server charges a page by its packages; a page of 500 orders would
    # overrun the minute the desk has nearly spent.
    partner = FakePartner()
    partner.routes["GET /orders"] = lambda r: httpx.Response(
        200,
        json={
            "orders": [ORDER],
            "next_cursor": None,
            "server_time": ORDER["updated_at"],
        },
        headers={
            "ratelimit-policy": '"requests";q=120;w=60, "entities";q=1200;w=60',
            "ratelimit": '"requests";r=100;t=30, "entities";r=1200;t=30',
        },
    )
    client = await signed_in(partner)
    await client.list_orders(updated_since=None, cursor=None, limit=500)
    await client.budget.acquire(entities=1000)

    await client.list_orders(updated_since=None, cursor=None, limit=500)
    await client.aclose()

    limits = [int(r.url.params["limit"]) for r in partner.requests[-2:]]
    assert limits[0] == 500
    assert 1 <= limits[1] <= 200 // 1
    assert client.budget.room("entities") is not None


async def test_an_answer_off_the_contract_is_a_protocol_error_naming_the_field() -> (
    None
):
    broken = json.loads(json.dumps(ORDER))
    broken["fulfillments"][0]["packages"][0]["number"] = "one"
    partner = FakePartner()
    partner.routes["GET /orders/1-2603-1-000001"] = lambda r: httpx.Response(
        200, json=broken
    )
    client = await signed_in(partner)

    with pytest.raises(ProtocolError, match=r"package P1\.number"):
        await client.get_order("1-2603-1-000001")
    await client.aclose()


async def test_verify_sends_the_token_in_the_body_never_the_url() -> None:
    made = token.generate()
    partner = FakePartner()
    partner.routes["POST /packages/verify"] = lambda r: httpx.Response(
        200, json={"package_id": "P1", "order": ORDER}
    )
    client = await signed_in(partner)

    found = await client.verify(made)
    await client.aclose()

    request = partner.requests[-1]
    assert found.package_id == "P1"
    assert made not in str(request.url)
    assert json.loads(request.content) == {"token": made}


def item(n: int) -> ReceiptItem:
    made = token.generate()
    return ReceiptItem(
        receipt_id=f"r-{n}",
        version=1,
        token_sha256=token.digest(made),
        proof=token.receipt_proof(made, f"r-{n}"),
        received_at=NOW,
        received_by="concierge",
        workstation_id="ws-1",
    )


async def test_every_per_item_receipt_result_is_read() -> None:
    answers = [
        {"status": "registered"},
        {"status": "replayed", "version": 2},
        {
            "status": "already_received",
            "received_at": "2026-03-14T09:59:00+00:00",
            "received_by": "giulia",
            "workstation_id": "ws-9",
        },
        {"status": "in_progress"},
        {
            "status": "refused",
            "problem": {
                "type": "urn:concierge:problem:not-captured",
                "title": "Not captured",
            },
        },
    ]
    items = [item(n) for n in range(len(answers))]

    def receipts(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        return httpx.Response(
            200,
            json={
                "results": [
                    {"receipt_id": sent["receipt_id"], "version": 1, **answer}
                    for sent, answer in zip(body["receipts"], answers, strict=True)
                ]
            },
        )

    partner = FakePartner()
    partner.routes["POST /receipts"] = receipts
    client = await signed_in(partner)

    results = await client.submit_receipts(items)
    await client.aclose()

    assert [r.status for r in results] == list(ResultStatus)
    assert results[1].version == 2
    assert results[2].winner is not None
    assert results[2].winner.received_by == "giulia"
    assert results[4].problem is not None
    assert results[4].problem.name == "not-captured"
    body = json.loads(partner.requests[-1].content)
    assert "token" not in body["receipts"][0]


async def test_a_receipt_answer_that_skips_an_item_is_a_protocol_error() -> None:
    partner = FakePartner()
    partner.routes["POST /receipts"] = lambda r: httpx.Response(
        200, json={"results": []}
    )
    client = await signed_in(partner)

    with pytest.raises(ProtocolError):
        await client.submit_receipts([item(1)])
    with pytest.raises(ValueError, match="1 to 100"):
        await client.submit_receipts([item(n) for n in range(101)])
    await client.aclose()
