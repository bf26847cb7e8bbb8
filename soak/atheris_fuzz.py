"""Coverage-guided fuzzing of the parsers that read outside input, with atheris.

`python -m soak.atheris_fuzz [-runs=N] [libFuzzer flags]` (needs the
optional `fuzz` extra: `pip install -e '.[fuzz]'`). Each input picks one
parser by its first byte and feeds it the rest:

- `payload.parse_scan` (with a scanner prefix and suffix from the input)
  must give a `TokenScan`, an `OrderLookup` or an `Unreadable` with a
  message;
- `order_id.parse_order_id` may raise only `OrderIdError`, naming a segment;
- `problems.parse_problem` must give a `Problem` for any status and body.

Anything else (another exception, an empty message) ends the run with the
input saved by libFuzzer. Property tests in tests/test_fuzz.py try the same
promises with Hypothesis; this finds the inputs coverage leads to.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from concierge_app.api.problems import Problem, parse_problem
    from concierge_app.domain.order_id import OrderIdError, parse_order_id
    from concierge_app.domain.payload import (
        OrderLookup,
        TokenScan,
        Unreadable,
        parse_scan,
    )


def one_input(data: bytes) -> None:
    """Feed one input to the parser its first byte picks."""
    given = atheris.FuzzedDataProvider(data)
    target = given.ConsumeIntInRange(0, 2)

    if target == 0:
        prefix = given.ConsumeUnicodeNoSurrogates(given.ConsumeIntInRange(0, 3))
        suffix = given.ConsumeUnicodeNoSurrogates(given.ConsumeIntInRange(0, 3))
        raw = given.ConsumeUnicodeNoSurrogates(given.remaining_bytes())
        scan = parse_scan(raw, prefix=prefix, suffix=suffix)
        if not isinstance(scan, TokenScan | OrderLookup | Unreadable):
            raise AssertionError(f"parse_scan gave {type(scan).__name__}")
        if isinstance(scan, Unreadable) and not scan.message:
            raise AssertionError("an unreadable scan without a message")
    elif target == 1:
        text = given.ConsumeUnicodeNoSurrogates(given.remaining_bytes())
        try:
            parse_order_id(text)
        except OrderIdError as error:
            if not error.segment:
                raise AssertionError("an order id error naming no segment") from None
    else:
        status = given.ConsumeIntInRange(100, 599)
        body = given.ConsumeBytes(given.remaining_bytes())
        if not isinstance(parse_problem(status, body), Problem):
            raise AssertionError("parse_problem gave no Problem")


def main(argv: list[str] | None = None) -> None:
    """Run libFuzzer over `one_input` with the command line's flags."""
    atheris.Setup(sys.argv if argv is None else argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
