"""The contract guard of the test sandboxes catches what breaks openapi.yaml."""

from __future__ import annotations

import asyncio
import socket

import httpx

from concierge_app.api.client import USER_AGENT, PartnerClient
from concierge_app.sandbox.server import SandboxServer
from tests.contract_guard import ASGIApp, ContractGuard, Receive, Scope, Send


def test_the_real_clients_traffic_is_checked_and_passes() -> None:
    guard = ContractGuard()

    async def session(url: str) -> None:
        async with PartnerClient(url, workstation_id="DESK-1") as client:
            await client.login("concierge", "concierge")
            await client.list_orders(updated_since=None, cursor=None, limit=5)

    with SandboxServer(middleware=guard.wrap) as server:
        asyncio.run(session(server.url))

    assert guard.checked == 2
    assert guard.mismatches == []


def test_a_request_off_the_contract_is_named() -> None:
    guard = ContractGuard()

    with SandboxServer(middleware=guard.wrap) as server:
        headers = {"User-Agent": USER_AGENT}
        # limit is at most 1000 by the contract; the sandbox answers 400.
        httpx.get(f"{server.url}/orders?limit=5000", headers=headers, timeout=30)

    assert guard.checked == 1
    assert any(m.startswith("request GET /orders") for m in guard.mismatches)


def test_an_answer_off_the_contract_is_named() -> None:
    guard = ContractGuard()

    def teapot(app: ASGIApp) -> ASGIApp:
        async def answer(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)  # the server's lifespan
                return
            await send({"type": "http.response.start", "status": 418, "headers": []})
            await send({"type": "http.response.body", "body": b"{}"})

        return answer

    with SandboxServer(middleware=lambda app: guard.wrap(teapot(app))) as server:
        httpx.post(
            f"{server.url}/receipts",
            headers={"User-Agent": USER_AGENT},
            json={"receipts": []},
            timeout=30,
        )

    assert any(m.startswith("answer 418 to POST /receipts") for m in guard.mismatches)


def test_requests_of_other_clients_are_not_the_clients() -> None:
    guard = ContractGuard()

    with SandboxServer(middleware=guard.wrap) as server:
        httpx.get(f"{server.url}/orders?limit=5000", timeout=30)

    assert (guard.checked, guard.mismatches) == (0, [])


def test_a_client_gone_before_its_body_came_is_not_judged() -> None:
    guard = ContractGuard()
    agent = {"User-Agent": USER_AGENT}

    with SandboxServer(middleware=guard.wrap) as server:
        host, port = server.url.removeprefix("http://").split(":")
        # As a desk killed mid-request leaves it: the headers, then gone.
        with socket.create_connection((host, int(port)), timeout=30) as cut:
            cut.sendall(
                b"POST /receipts HTTP/1.1\r\nHost: x\r\n"
                + f"User-Agent: {USER_AGENT}\r\n".encode()
                + b"Content-Type: application/json\r\nContent-Length: 400\r\n\r\n"
            )
            # Answered after the server has read the cut request's headers.
            httpx.get(f"{server.url}/orders", headers=agent, timeout=30)
        httpx.get(f"{server.url}/orders", headers=agent, timeout=30)

    assert guard.checked == 2
    assert not any("POST /receipts" in m for m in guard.mismatches)
