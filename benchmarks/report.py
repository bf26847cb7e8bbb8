"""One benchmark figure with its target, and the run's table and JSON report."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Figure:
    """A measured number, its unit, and the limit it is held to."""

    benchmark: str
    name: str
    value: float
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """The value over its target (under 1 is inside the limit)."""
        if self.target is None or self.target == 0:
            return None
        if self.higher_is_better:
            return self.target / self.value if self.value else float("inf")
        return self.value / self.target

    @property
    def met(self) -> bool | None:
        """Whether the target is met; None when the figure has no target."""
        if self.target == 0 and not self.higher_is_better:
            # A limit of zero (nothing lost) has no ratio, only yes or no.
            return self.value <= 0
        ratio = self.ratio
        return None if ratio is None else ratio <= 1.0


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def table(figures: list[Figure]) -> str:
    """A plain-text table of every figure."""
    rows = [("benchmark", "figure", "value", "target", "ratio", "met")]
    for f in figures:
        target = "" if f.target is None else _number(f.target, f.unit)
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        met = {None: "", True: "yes", False: "NO"}[f.met]
        rows.append((f.benchmark, f.name, _number(f.value, f.unit), target, ratio, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _number(value: float, unit: str) -> str:
    if unit == "count":
        return f"{value:g}"
    if unit == "x":
        return f"{value:.2f} x"
    return f"{value:,.2f} {unit}"


def write_json(path: Path, figures: list[Figure], *, quick: bool) -> None:
    """The report as JSON, with the machine and the time it was taken."""
    report = {
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
        "figures": [{**asdict(f), "ratio": f.ratio, "met": f.met} for f in figures],
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
