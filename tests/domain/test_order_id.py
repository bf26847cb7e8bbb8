"""Order identifiers: the canonical form, and a message for every wrong segment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concierge_app.domain.order_id import OrderId, OrderIdError, parse_order_id
from concierge_app.domain.payload import order_id_message


def test_parses_the_example_from_the_source_document() -> None:
    order = parse_order_id("1-2603-1-000001")

    assert order == OrderId(tenant=1, year=26, month=3, partner=1, sequence=1)
    assert str(order) == "1-2603-1-000001"


@pytest.mark.parametrize(
    ("text", "segment", "message"),
    [
        ("1-2613-1-000001", "YYMM", "the YYMM month 13 is not 01-12"),
        ("1-2600-1-000001", "YYMM", "the YYMM month 00 is not 01-12"),
        ("1-2603-1-000000", "sequence", "the sequence must be 000001 to 999999"),
        ("A-2603-1-000001", "tenant", "the tenant 'A' is not a positive integer"),
        ("0-2603-1-000001", "tenant", "the tenant '0' is not a positive integer"),
        ("1-2603-x-000001", "ext_partner_id", "'x' is not a positive integer"),
        ("1-2603-1", "sequence", "the sequence is missing"),
        ("1-2603", "ext_partner_id", "the ext_partner_id is missing"),
        ("1-26031-1-000001", "YYMM", "'26031' is not four digits"),
        ("1-2603-1-00001", "sequence", "'00001' is not six digits"),
        ("1-2603-1-0000001", "sequence", "'0000001' is not six digits"),
        (" 1-2603-1-000001", "order id", "leading or trailing whitespace"),
        ("1-2603-1-000001\n", "order id", "leading or trailing whitespace"),
        ("1-2603-1-000001-9", "order id", "more than four segments"),
    ],
)
def test_each_wrong_segment_is_named_in_the_message(
    text: str, segment: str, message: str
) -> None:
    with pytest.raises(OrderIdError) as caught:
        parse_order_id(text)

    assert caught.value.segment == segment
    shown = order_id_message(caught.value)
    assert message in shown
    assert shown.startswith("This order id is not valid")
    # The problem carries its own message id, so the desk can translate it.
    assert shown.args["problem"].key.startswith("order_id.")


order_ids = st.builds(
    OrderId,
    tenant=st.integers(1, 999_999),
    year=st.integers(0, 99),
    month=st.integers(1, 12),
    partner=st.integers(1, 999_999),
    sequence=st.integers(1, 999_999),
)


@given(order_ids)
def test_format_then_parse_gives_the_same_order_id(order: OrderId) -> None:
    assert parse_order_id(str(order)) == order


@given(st.text(max_size=40))
def test_arbitrary_text_either_parses_or_names_a_segment(text: str) -> None:
    segment = None
    try:
        order = parse_order_id(text)
    except OrderIdError as error:
        segment = error.segment

    if segment is None:
        assert str(order) == text
    else:
        assert segment in {"tenant", "YYMM", "ext_partner_id", "sequence", "order id"}
