"""Property-based fuzzing of every parser that reads outside input.

Each parser must end in a typed value or its one documented error, never
any other exception, for any input. The default run tries a few hundred
cases each; `pytest --hypothesis-profile=soak` tries tens of thousands.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from concierge_app.api.errors import ProtocolError
from concierge_app.api.problems import Problem, parse_problem
from concierge_app.api.rate_budget import parse_fields, parse_retry_after
from concierge_app.api.receipts import ReceiptItem, results_from_json
from concierge_app.api.wire import order_from_json
from concierge_app.domain.order_id import OrderIdError, parse_order_id
from concierge_app.domain.payload import OrderLookup, TokenScan, Unreadable, parse_scan

SENT = [
    ReceiptItem(
        receipt_id="r-1",
        version=1,
        token_sha256="a" * 64,
        proof="b" * 64,
        received_at=datetime(2026, 3, 1, tzinfo=UTC),
        received_by="anna",
        workstation_id="ws",
    )
]

scanner_noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=600) | st.text(
    alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ-/?=&:.tT\x00\x1b\r\n\t ", max_size=80
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=30,
)


@given(scanner_noise, st.text(max_size=4), st.text(max_size=4))
def test_the_payload_parser_always_gives_a_typed_value(
    raw: str, prefix: str, suffix: str
) -> None:
    scan = parse_scan(raw, prefix=prefix, suffix=suffix)

    assert isinstance(scan, TokenScan | OrderLookup | Unreadable)
    if isinstance(scan, Unreadable):
        assert scan.message


@given(st.text(max_size=40))
def test_the_order_id_parser_raises_only_its_own_error(text: str) -> None:
    segment = "parsed"
    try:
        parse_order_id(text)
    except OrderIdError as error:
        segment = error.segment

    assert segment


@given(st.integers(100, 599), st.binary(max_size=300) | json_values.map(json.dumps))
def test_the_problem_parser_never_raises(status: int, body: bytes | str) -> None:
    assert isinstance(parse_problem(status, body), Problem)


@given(st.text(max_size=80))
def test_the_rate_headers_never_raise(value: str) -> None:
    parse_fields(value)
    wait = parse_retry_after(value)
    assert wait is None or 0 <= wait <= 300


@given(json_values)
def test_orders_off_the_contract_are_protocol_errors(data: object) -> None:
    with contextlib.suppress(ProtocolError):
        order_from_json(data)


@given(json_values)
def test_receipt_answers_off_the_contract_are_protocol_errors(data: object) -> None:
    with contextlib.suppress(ProtocolError):
        results_from_json(data, SENT)


SENT = [
    ReceiptItem(
        receipt_id="r-1",
        version=1,
        token_sha256="a" * 64,
        proof="b" * 64,
        received_at=__import__("datetime").datetime(
            2026, 3, 1, tzinfo=__import__("datetime").UTC
        ),
        received_by="anna",
        workstation_id="ws",
    )
]
