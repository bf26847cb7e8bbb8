"""The receipt batch of POST /receipts: items sent and per-item results read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from concierge_app.api.errors import ProtocolError
from concierge_app.api.problems import Problem, problem_from_mapping
from concierge_app.api.wire import format_time, parse_time
from concierge_app.domain.model import Condition, ReceiptInfo, ResultStatus

MAX_BATCH = 100
"""The contract's bound on items in one POST /receipts."""


@dataclass(frozen=True, slots=True)
class ReceiptItem:
    """One receipt as sent: the digest and proof stand in for the token."""

    receipt_id: str
    version: int
    token_sha256: str
    proof: str = field(repr=False)
    received_at: datetime
    received_by: str
    workstation_id: str
    condition: Condition = Condition.INTACT
    note: str = ""
    override_by: str | None = None
    override_note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The item's JSON member of the batch."""
        item: dict[str, Any] = {
            "receipt_id": self.receipt_id,
            "version": self.version,
            "token_sha256": self.token_sha256,
            "proof": self.proof,
            "received_at": format_time(self.received_at),
            "received_by": self.received_by,
            "workstation_id": self.workstation_id,
            "condition": str(self.condition),
            "note": self.note,
            "override_by": self.override_by,
        }
        if self.override_by is not None:
            item["override_note"] = self.override_note
        return item


@dataclass(frozen=True, slots=True)
class ReceiptResult:
    """The server's answer for one item, with the winner when another won."""

    receipt_id: str
    version: int
    status: ResultStatus
    problem: Problem | None = None
    winner: ReceiptInfo | None = None


def results_from_json(data: Any, sent: list[ReceiptItem]) -> list[ReceiptResult]:
    """Per-item results, checked to answer exactly the items that were sent."""
    items = data.get("results") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != len(sent):
        raise ProtocolError("receipts answer: one result per item expected")

    results = []
    for item, expected in zip(items, sent, strict=True):
        results.append(_result(item, expected))
    return results


def _result(data: Any, sent: ReceiptItem) -> ReceiptResult:
    if not isinstance(data, dict) or data.get("receipt_id") != sent.receipt_id:
        raise ProtocolError(f"receipts answer: result for {sent.receipt_id} missing")
    try:
        status = ResultStatus(str(data.get("status")))
    except ValueError as error:
        raise ProtocolError("receipts answer: unknown status") from error
    version = data.get("version", sent.version)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProtocolError("receipts answer: version must be an integer")

    winner = None
    if status is ResultStatus.ALREADY_RECEIVED:
        where = f"result {sent.receipt_id}"
        at, by = data.get("received_at"), data.get("received_by")
        station = data.get("workstation_id")
        if not isinstance(at, str) or not isinstance(by, str):
            raise ProtocolError(f"{where}: the winner's received_at/by are required")
        winner = ReceiptInfo(
            received_at=parse_time(at, where),
            received_by=by,
            workstation_id=station if isinstance(station, str) else "",
        )
    problem = None
    if status is ResultStatus.REFUSED:
        problem = problem_from_mapping(data.get("problem"), status=422) or Problem(
            422, "refused", "Refused without a stated cause"
        )
    return ReceiptResult(sent.receipt_id, version, status, problem, winner)
