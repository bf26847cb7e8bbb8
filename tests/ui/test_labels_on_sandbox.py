"""The label sheet's two codes through the keyboard wedge, on the real window.

A scanner types the QR code's text (the signed label) or the Code 128's (the
bare token); for every package of the demo sheet both give the same verdict.
A package captured after the desk's pull, whose verify call cannot be
answered, is accepted on its signed label alone.
"""

from __future__ import annotations

from typing import Any

from concierge_app.domain import token as token_scheme
from concierge_app.sandbox import seed
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui import test_desk_on_sandbox
from tests.ui.test_desk_on_sandbox import log_in_online, scan_and_wait

# The real window on a real desk, as the desk's own sandbox tests open it.
open_window = test_desk_on_sandbox.open_window


def labels(admin: SandboxAdmin) -> list[dict[str, Any]]:
    response = admin.http.get("/_sandbox/labels")
    response.raise_for_status()
    listing: list[dict[str, Any]] = response.json()
    return listing


def test_both_codes_of_a_label_give_the_same_verdict(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    by_scenario: dict[str, list[dict[str, Any]]] = {}
    for package in labels(sandbox_admin):
        if package["scenario"]:
            by_scenario.setdefault(package["scenario"], []).append(package)
    window = open_window()
    log_in_online(qtbot, window, clock)

    seen = []
    for scenario in (
        "already_received",
        "other_facility_single",
        "capture_failed",
        "released_early",
    ):
        package = next(p for p in by_scenario[scenario] if p["verdict"] != "accepted")
        headlines = []
        for text in (package["label"], package["token"]):
            scan_and_wait(qtbot, window, text, clock)
            headlines.append(window.banner.headline())
        seen.append(headlines)
    # Accepting changes a package, so the two codes of two packages are used.
    first, second = by_scenario["accepted_multi"][:2]
    accepted = []
    for text in (first["label"], second["token"]):
        scan_and_wait(qtbot, window, text, clock)
        accepted.append(window.banner.headline())

    assert seen == [
        ["Already received"] * 2,
        ["Wrong facility"] * 2,
        ["Not captured"] * 2,
        ["Released early"] * 2,
    ]
    assert accepted == ["Accepted", "Accepted"]


def test_a_never_seen_package_is_accepted_on_its_label_when_verify_fails(
    qtbot, open_window, sandbox_admin: SandboxAdmin, clock
) -> None:
    window = open_window()
    log_in_online(qtbot, window, clock)
    sandbox_admin.http.post("/_sandbox/capture")
    order_id = sandbox_admin.http.post("/_sandbox/capture").json()["order_id"]
    package = next(p for p in labels(sandbox_admin) if p["order_id"] == order_id)
    assert order_id != seed.scenario_order_id("two_fulfillments")

    sandbox_admin.set_faults(reset_rate=1.0)
    scan_and_wait(qtbot, window, package["label"], clock)

    assert window.banner.headline() == "Accepted"
    assert "signed label" in window.banner.instruction()
    assert window.shipment_panel.title() == "Verified by its signed label"
    assert (
        token_scheme.format_groups(package["token"]) not in window.banner.instruction()
    )
