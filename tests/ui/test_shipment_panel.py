"""The shipment panel: order, recipient, and each package received or expected."""

from __future__ import annotations

from dataclasses import replace

import pytest

from concierge_app.domain.model import ReceiptInfo
from concierge_app.ui.shipment_panel import ShipmentPanel
from tests.ui.fakes import demo_order


@pytest.fixture
def panel(qtbot) -> ShipmentPanel:
    widget = ShipmentPanel()
    qtbot.addWidget(widget)
    return widget


def test_the_panel_shows_k_of_n_with_the_scanned_package_received_now(panel) -> None:
    order = demo_order(received=(1,))

    panel.show_order(order, "F-000001-1", "P-000001-1-2", scanned_received=True)

    assert panel.title() == "Order 1-2603-1-000001 for Ms Rossi"
    assert panel.summary() == "2 of 3 packages received; 1 still expected."
    lines = panel.lines()
    assert [line.received for line in lines] == [True, True, False]
    assert [line.just_scanned for line in lines] == [False, True, False]
    assert "received" in lines[0].text
    assert "Anna Bianchi" in lines[0].text
    assert "received now" in lines[1].text
    assert "Package 3 of 3 — still expected" in lines[2].text


def test_a_refused_scan_does_not_mark_its_package_received(panel) -> None:
    panel.show_order(demo_order(), "F-000001-1", "P-000001-1-3")

    assert panel.summary() == "0 of 3 packages received; 3 still expected."
    assert "(just scanned)" in panel.lines()[2].text


def test_a_complete_shipment_says_so(panel) -> None:
    panel.show_order(demo_order(received=(1, 2, 3)), "F-000001-1")

    assert panel.summary() == "All 3 packages received."


def test_an_order_opened_by_its_id_lists_every_shipment(panel) -> None:
    order = demo_order()
    second = replace(order.fulfillments[0], fulfillment_id="F-000001-2")
    order = replace(order, fulfillments=(order.fulfillments[0], second))

    panel.show_order(order)

    assert len(panel.lines()) == 6
    assert panel.lines()[3].text.startswith("Shipment F-000001-2, Package 1 of 3")


def test_clear_leaves_no_stale_order(panel) -> None:
    panel.show_order(demo_order(), "F-000001-1")

    panel.clear()

    assert panel.lines() == []
    assert panel.title() == "No shipment yet"


def test_a_single_package_shipment_is_said_in_the_singular(qtbot) -> None:
    order = demo_order()
    fulfillment = order.fulfillments[0]
    only = replace(
        fulfillment.packages[0],
        count=1,
        receipt=ReceiptInfo(order.updated_at, "Anna Bianchi", "WS-1"),
    )
    single = replace(order, fulfillments=(replace(fulfillment, packages=(only,)),))
    panel = ShipmentPanel()
    qtbot.addWidget(panel)

    panel.show_order(single)
    assert panel.summary() == "Its only package is received."

    panel.show_order(
        replace(
            single,
            fulfillments=(
                replace(fulfillment, packages=(replace(only, receipt=None),)),
            ),
        )
    )
    assert panel.summary() == "Its only package is still expected."
