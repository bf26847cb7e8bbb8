"""Fault switches, from the config (the --faults flag) and from the admin API."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from concierge_app.sandbox.faults import Faults, FaultSpecError, parse_spec
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import DeskClient, SandboxAdmin, receipt_item


def test_the_spec_reads_every_switch() -> None:
    faults = parse_spec("latency=200, error=0.3,reset=0.1,drop=0.2")

    assert faults == Faults(
        latency_ms=200, error_rate=0.3, reset_rate=0.1, drop_after_commit_rate=0.2
    )
    assert parse_spec("") == Faults()


@pytest.mark.parametrize("spec", ["latency", "error=lots", "error=2", "jitter=3"])
def test_a_bad_spec_says_why(spec: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_spec(spec)


def test_latency_delays_every_answer(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    sandbox_admin.set_faults(latency_ms=1500)
    impatient = httpx.Client(base_url=sandbox.url, timeout=0.3)

    with pytest.raises(httpx.ReadTimeout):
        impatient.get("/orders")
    sandbox_admin.clear_faults()
    after = impatient.get("/orders")
    impatient.close()

    assert after.status_code == 401


def test_errors_answer_a_server_error_problem(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(faults=parse_spec("error=1"))

    answers = [httpx.get(server.url + "/orders") for _ in range(12)]

    assert {a.status_code for a in answers} <= {500, 502, 503}
    assert len({a.status_code for a in answers}) > 1
    for answer in answers:
        assert answer.json()["type"] == "urn:concierge:problem:unavailable"
        assert "ratelimit" in answer.headers


def test_error_statuses_can_be_chosen(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    sandbox_admin.set_faults(error_rate=1.0, error_statuses=[503])

    answers = {httpx.get(sandbox.url + "/orders").status_code for _ in range(5)}

    assert answers == {503}


def test_resets_drop_the_connection_without_an_answer(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    sandbox_admin.set_faults(reset_rate=1.0)

    with pytest.raises(httpx.TransportError):
        httpx.get(sandbox.url + "/orders")
    sandbox_admin.clear_faults()

    assert httpx.get(sandbox.url + "/orders").status_code == 401


def test_drop_after_commit_keeps_the_receipt_and_loses_the_answer(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin
) -> None:
    desk = DeskClient(sandbox.url)
    item = receipt_item(sandbox_admin.token("accepted"))
    sandbox_admin.set_faults(drop_after_commit_rate=1.0)

    with pytest.raises(httpx.TransportError):
        desk.receipts(item)
    orders_still_answer = desk.http.get("/orders", params={"limit": 1})
    sandbox_admin.clear_faults()
    resent = desk.results(item)
    desk.close()

    assert orders_still_answer.status_code == 200
    stored = [r["receipt_id"] for r in sandbox_admin.receipts()["receipts"]]
    assert item["receipt_id"] in stored
    assert resent[0]["status"] == "replayed"


def test_the_admin_api_refuses_a_bad_fault(sandbox_admin: SandboxAdmin) -> None:
    response = sandbox_admin.http.put("/_sandbox/faults", json={"error_rate": 3})
    unknown = sandbox_admin.http.put("/_sandbox/faults", json={"gremlins": 1})

    assert response.status_code == 422
    assert unknown.status_code == 422
    assert sandbox_admin.faults()["error_rate"] == 0.0


def test_a_throttle_storm_answers_429_with_retry_after_and_logs_the_traffic(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(faults=parse_spec("retry_after=7"))
    admin = SandboxAdmin(server.url)
    desk = DeskClient(server.url)
    try:
        admin.set_faults(throttle_rate=1.0)
        throttled = desk.http.get("/orders")
        admin.set_faults(throttle_rate=0.0)
        served = desk.http.get("/orders", params={"limit": 3})
        traffic = admin.http.get("/_sandbox/traffic").json()
    finally:
        desk.close()
        admin.close()

    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "7"
    assert throttled.json()["type"] == "urn:concierge:problem:rate-limited"
    assert served.status_code == 200
    # The login is keyed by address; the reads by the user at the desk.
    *_, last_two_0, last_two_1 = traffic["visits"]
    assert (last_two_0["status"], last_two_0["retry_after"]) == (429, 7)
    assert last_two_0["key"] == last_two_1["key"] != traffic["visits"][0]["key"]
    assert last_two_1["status"] == 200
    assert last_two_1["entities"] == sum(
        len(f["packages"]) for o in served.json()["orders"] for f in o["fulfillments"]
    )
    assert last_two_0["at"] < last_two_1["at"] <= traffic["now"]
