"""The store file never holds a security token or a password, in any form."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from concierge_app.domain import token
from concierge_app.domain.model import Condition
from concierge_app.store import ReceiptOutcome, ResultStatus, Store
from tests.store.conftest import FACILITY, Clock, make_draft, make_order

PASSWORD = "S3cret-desk-pass!"


def _forms(printed: str) -> list[bytes]:
    # Every way a token could land in the file: as printed, grouped, in lower
    # case, and as UTF-16 (how some drivers keep text).
    grouped = token.format_groups(printed)
    texts = {printed, grouped, printed.lower(), grouped.lower()}
    return [
        form for text in texts for form in (text.encode(), text.encode("utf-16-le"))
    ]


def _bytes_of(data_dir: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(data_dir.iterdir()))


def test_no_token_or_password_is_ever_written(data_dir: Path, clock: Clock) -> None:
    shipment = make_order(1, packages=3)
    provisional = token.generate()
    printed = [*shipment.tokens, provisional]

    with Store.open(data_dir, clock=clock) as store:
        store.upsert_orders([shipment.order])
        first = store.receive(make_draft(shipment.tokens[0]))
        store.receive(
            make_draft(
                shipment.tokens[1],
                package_id="P-000001-1-2",
                override_by="sup",
                note="Manna papers follow",
            )
        )
        store.receive(
            make_draft(provisional, package_id=None, order_id=None, provisional=True)
        )
        store.amend(
            first.receipt_id, condition=Condition.DAMAGED, note="dented", actor="anna"
        )
        store.mark_sent([(first.receipt_id, 2)])
        store.apply_result(first.receipt_id, 2, ReceiptOutcome(ResultStatus.REGISTERED))
        store.save_verifier(
            "anna",
            PASSWORD,
            display_name="Anna",
            role="concierge",
            facility=FACILITY,
            ttl=timedelta(hours=8),
        )
        store.check_offline_login("anna", PASSWORD)
        store.check_offline_login("anna", PASSWORD + "x")
        # Read while the write-ahead log is still live, and again after close.
        while_open = _bytes_of(data_dir)

    after_close = _bytes_of(data_dir)
    for contents in (while_open, after_close):
        # The test would prove nothing if the data were not in the file.
        assert token.digest(provisional).encode() in contents
        for each in printed:
            for form in _forms(each):
                assert form not in contents
        for form in (PASSWORD.encode(), PASSWORD.encode("utf-16-le")):
            assert form not in contents
