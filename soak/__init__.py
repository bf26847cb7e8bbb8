"""Reliability soak: try hard to lose, double or let in a receipt.

`python -m soak [--quick] [--out REPORT.json]` runs each scenario against a
real sandbox and prints one row per scenario: rounds, faults injected,
receipts, lost, doubled, result. `--quick` is what the test suite runs.
"""
