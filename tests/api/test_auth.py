"""Bearer auth: sign-in, one refresh on 401, lost and refused refreshes."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import LoginRequired, TransportError
from tests.api.seam import FakePartner

pytestmark = pytest.mark.anyio


def orders_ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "orders": [],
            "next_cursor": None,
            "server_time": "2026-03-01T00:00:00+00:00",
        },
    )


def client_for(partner: FakePartner, **kwargs: object) -> PartnerClient:
    partner.routes["GET /orders"] = orders_ok
    return PartnerClient(
        "http://partner.test",
        workstation_id="ws-1",
        transport=partner.transport(),
        **kwargs,
    )  # type: ignore[arg-type]


async def test_sign_in_keeps_tokens_in_memory_and_masks_them() -> None:
    partner = FakePartner()
    async with client_for(partner) as client:
        user = await client.login("concierge", "concierge")
        await client.list_orders(updated_since=None, cursor=None)

        assert user.facility_name == "The Plein Hotel"
        assert partner.requests[-1].headers["authorization"] == "Bearer access-1"
        assert "access-1" not in repr(client.session)
        assert "refresh-1" not in repr(client.session)


async def test_wrong_password_is_login_required_with_the_cause() -> None:
    partner = FakePartner()
    async with client_for(partner) as client:
        with pytest.raises(LoginRequired) as caught:
            await client.login("concierge", "nope")

    assert caught.value.problem.name == "invalid-grant"
    assert "nope" not in str(caught.value)


async def test_a_401_refreshes_once_and_retries_the_request() -> None:
    partner = FakePartner()
    async with client_for(partner) as client:
        await client.login("concierge", "concierge")
        partner.expire_access_tokens()

        await client.list_orders(updated_since=None, cursor=None)

    assert partner.count("/auth/token") == 2
    assert partner.requests[-1].headers["authorization"] == "Bearer access-2"


async def test_concurrent_requests_share_one_refresh() -> None:
    partner = FakePartner()
    async with client_for(partner) as client:
        await client.login("concierge", "concierge")
        partner.expire_access_tokens()

        await asyncio.gather(
            *(client.list_orders(updated_since=None, cursor=None) for _ in range(8))
        )

    assert partner.count("/auth/token") == 2


async def test_a_lost_refresh_answer_is_retried_with_the_previous_token() -> None:
    partner = FakePartner(drop_refresh_answers=1)
    async with client_for(partner) as client:
        await client.login("concierge", "concierge")
        partner.expire_access_tokens()

        with pytest.raises(TransportError):
            await client.list_orders(updated_since=None, cursor=None)
        await client.list_orders(updated_since=None, cursor=None)

    refreshes = [
        r
        for r in partner.requests
        if r.url.path == "/auth/token" and b"refresh_token=" in r.content
    ]
    assert [b"refresh_token=refresh-1" in r.content for r in refreshes] == [True, True]


async def test_a_refused_refresh_asks_for_login_and_reports_it() -> None:
    partner = FakePartner(refuse_refresh=True)
    lost: list[bool] = []
    async with client_for(partner, on_login_lost=lambda: lost.append(True)) as client:
        await client.login("concierge", "concierge")
        partner.expire_access_tokens()

        with pytest.raises(LoginRequired):
            await client.list_orders(updated_since=None, cursor=None)

        assert client.session is None
    assert lost == [True]


async def test_a_call_before_login_is_login_required_without_a_request() -> None:
    partner = FakePartner()
    async with client_for(partner) as client:
        with pytest.raises(LoginRequired):
            await client.list_orders(updated_since=None, cursor=None)

    assert partner.requests == []
