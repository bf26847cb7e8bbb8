"""One scenario's outcome, and the table of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """What one scenario did and whether its promise held."""

    scenario: str
    rounds: int
    faults: int
    receipts: int
    lost: int
    doubled: int
    note: str = ""
    broken: int = 0
    """Other promises the scenario found broken (a limit overrun, a failed check)."""

    @property
    def passed(self) -> bool:
        """Nothing lost, nothing doubled, no other promise broken."""
        return self.lost == 0 and self.doubled == 0 and self.broken == 0

    def as_dict(self) -> dict[str, object]:
        """The row for the JSON report."""
        return {
            "scenario": self.scenario,
            "rounds": self.rounds,
            "faults": self.faults,
            "receipts": self.receipts,
            "lost": self.lost,
            "doubled": self.doubled,
            "broken": self.broken,
            "result": "pass" if self.passed else "FAIL",
            "note": self.note,
        }


def table(rows: list[Row]) -> str:
    """The plain-text table the soak prints."""
    head = ("scenario", "rounds", "faults", "receipts", "lost", "doubled", "result")
    cells = [head] + [
        (
            r.scenario,
            str(r.rounds),
            str(r.faults),
            str(r.receipts),
            str(r.lost),
            str(r.doubled),
            "pass" if r.passed else "FAIL",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"- {r.scenario}: {r.note}" for r in rows if r.note]
    return "\n".join([*lines, "", *notes] if notes else lines)
