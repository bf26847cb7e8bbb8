"""Both rate budgets, their headers on every answer, and the profiles."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from concierge_app.sandbox.config import Profile, SandboxConfig
from concierge_app.sandbox.limits import RateLimitedError, RateLimiter
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item

_STATE = re.compile(r'"requests";r=(\d+);t=(\d+), "entities";r=(\d+);t=(\d+)')


def _remaining(response: httpx.Response) -> tuple[int, int]:
    found = _STATE.fullmatch(response.headers["ratelimit"])
    assert found is not None, response.headers["ratelimit"]
    return int(found[1]), int(found[3])


def test_the_request_budget_answers_429_with_retry_after(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(requests_per_minute=4)
    desk = DeskClient(server.url)  # the login counts against the address only

    answers = [desk.http.get("/orders", params={"limit": 1}) for _ in range(5)]
    desk.close()

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert [_remaining(a)[0] for a in answers] == [3, 2, 1, 0, 0]
    refused = answers[-1]
    assert refused.json()["type"] == "urn:concierge:problem:rate-limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-policy"] == (
        '"requests";q=4;w=60, "entities";q=6000;w=60'
    )


def test_budgets_are_per_user_and_workstation(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(requests_per_minute=2)
    first = DeskClient(server.url, "concierge", "DESK-1")
    second = DeskClient(server.url, "concierge", "DESK-2")

    spent = [first.http.get("/orders").status_code for _ in range(3)]
    other = second.http.get("/orders").status_code
    first.close()
    second.close()

    assert spent == [200, 200, 429]
    assert other == 200


def test_a_batch_over_the_entity_budget_is_refused_whole(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    desk = DeskClient(sandbox.url)
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:6]]
    sandbox_admin.set_limits(entities_per_minute=5)

    too_many = desk.receipts(*(receipt_item(t) for t in tokens))
    fits = desk.receipts(*(receipt_item(t) for t in tokens[:5]))
    verify = desk.http.post("/packages/verify", json={"token": tokens[5]})
    desk.close()

    assert too_many.status_code == 429
    assert "entities" in too_many.json()["detail"]
    assert "retry-after" in too_many.headers
    assert fits.status_code == 200
    assert _remaining(fits)[1] == 0
    assert verify.status_code == 429
    attempts = sandbox_admin.receipts()["attempts"]
    assert sum(attempts.values()) == 5


def test_an_orders_page_stops_at_the_entity_budget(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    desk = DeskClient(sandbox.url)
    sandbox_admin.set_limits(entities_per_minute=10)

    page = desk.http.get("/orders", params={"limit": 1000})
    spent = desk.http.get("/orders", params={"cursor": page.json()["next_cursor"]})
    desk.close()

    packages = sum(
        len(f["packages"]) for o in page.json()["orders"] for f in o["fulfillments"]
    )
    assert page.status_code == 200
    assert 0 < packages <= 10
    assert page.json()["next_cursor"] is not None
    assert _remaining(page)[1] == 10 - packages
    assert spent.status_code == 429


def test_every_answer_carries_the_headers(sandbox: SandboxServer) -> None:
    answers = [
        httpx.get(sandbox.url + "/orders"),
        httpx.get(sandbox.url + "/no/such/path"),
        httpx.get(sandbox.url + "/auth/token"),
        httpx.post(sandbox.url + "/auth/token", data={"grant_type": "password"}),
    ]

    assert [a.status_code for a in answers] == [401, 404, 405, 400]
    for answer in answers:
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["ratelimit-policy"].startswith('"requests";q=600;w=60')
        _remaining(answer)


@pytest.mark.parametrize(
    ("profile", "requests", "entities"),
    [(Profile.DEV, 600, 6000), (Profile.PRODUCTION, 120, 1200)],
)
def test_profiles_have_their_budgets(
    profile: Profile, requests: int, entities: int
) -> None:
    budget = SandboxConfig(profile=profile).budget

    assert (budget.requests_per_minute, budget.entities_per_minute) == (
        requests,
        entities,
    )


def test_flags_override_the_profile() -> None:
    budget = SandboxConfig(
        profile=Profile.PRODUCTION, entities_per_minute=50, requests_per_minute=7
    ).budget

    assert (budget.requests_per_minute, budget.entities_per_minute) == (7, 50)


def test_a_window_resets_after_sixty_seconds() -> None:
    now = [1000.0]
    limiter = RateLimiter(
        SandboxConfig(requests_per_minute=1).budget, clock=lambda: now[0]
    )
    limiter.admit("desk")

    with pytest.raises(RateLimitedError) as refused:
        limiter.admit("desk")
    now[0] += 60.0
    window = limiter.admit("desk")

    assert refused.value.retry_after == 60
    assert window.requests == 1
