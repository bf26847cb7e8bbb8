"""Scanned payloads: every form a label can take, and every way a scan goes wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concierge_app.domain import token
from concierge_app.domain.layouts import AZERTY, KNOWN_REMAPS, QWERTZ, type_through
from concierge_app.domain.order_id import parse_order_id
from concierge_app.domain.payload import (
    MAX_SCAN_LENGTH,
    OrderLookup,
    TokenScan,
    Unreadable,
    UnreadableCause,
    parse_scan,
    preview_entry,
)

TOKEN = token.from_payload("7K3MQ2XD9TPAW4HN")
GROUPED = token.format_groups(TOKEN)


@pytest.mark.parametrize(
    "raw",
    [
        TOKEN,
        GROUPED,
        GROUPED.lower(),
        f"  {GROUPED}\r\n",
        f"\x02{TOKEN}\x03",
        f"https://labels.example/r?x=1&t={GROUPED}",
        f"HTTPS://LABELS.EXAMPLE/R?T={TOKEN}",
    ],
)
def test_bare_grouped_and_url_tokens_read_as_the_same_token(raw: str) -> None:
    assert parse_scan(raw) == TokenScan(TOKEN)


def test_order_id_slash_token_carries_both() -> None:
    scan = parse_scan(f"1-2603-1-000001/{GROUPED}")

    assert scan == TokenScan(TOKEN, parse_order_id("1-2603-1-000001"))


def test_an_order_id_alone_is_a_lookup() -> None:
    assert parse_scan("1-2603-1-000001") == OrderLookup(
        parse_order_id("1-2603-1-000001")
    )


def test_a_configured_prefix_and_suffix_are_removed() -> None:
    assert parse_scan(f"]C1{TOKEN}#", prefix="]C1", suffix="#") == TokenScan(TOKEN)


def test_caps_lock_inversion_is_harmless() -> None:
    assert parse_scan(GROUPED.swapcase()) == TokenScan(TOKEN)
    assert parse_scan(f"hTTPS://X/?T={TOKEN.swapcase()}") == TokenScan(TOKEN)


@pytest.mark.parametrize(
    ("raw", "cause", "words"),
    [
        ("", UnreadableCause.EMPTY, "Nothing was scanned"),
        ("\x00\x1b \t", UnreadableCause.EMPTY, "Nothing was scanned"),
        ("X" * (MAX_SCAN_LENGTH + 1), UnreadableCause.TOO_LONG, "far too long"),
        ("hello world", UnreadableCause.NOT_A_TOKEN, "not a security token"),
        (
            TOKEN[:-1] + ("0" if TOKEN[-1] != "0" else "1"),
            UnreadableCause.CHECK_FAILED,
            "check symbol does not match",
        ),
        ("https://x.example/?q=1", UnreadableCause.URL_WITHOUT_TOKEN, "no t="),
        ("1-2613-1-000001", UnreadableCause.BAD_ORDER_ID, "YYMM month 13"),
        (f"1-2603-1-000000/{TOKEN}", UnreadableCause.BAD_ORDER_ID, "sequence"),
    ],
)
def test_unreadable_scans_say_what_to_do(
    raw: str, cause: UnreadableCause, words: str
) -> None:
    scan = parse_scan(raw)

    assert isinstance(scan, Unreadable)
    assert scan.cause is cause
    assert words in scan.message


@pytest.mark.parametrize("remap", KNOWN_REMAPS, ids=lambda r: r.name)
def test_an_order_id_through_a_wrong_layout_is_repaired(remap) -> None:  # type: ignore[no-untyped-def]
    scan = parse_scan(type_through("1-2603-1-000001", remap))

    assert scan == OrderLookup(parse_order_id("1-2603-1-000001"), layout=remap)


payloads = st.text(alphabet=token.ALPHABET, min_size=16, max_size=16)


@given(payloads, st.sampled_from(KNOWN_REMAPS), st.booleans())
def test_a_token_typed_through_each_wrong_layout_is_repaired(
    payload: str,
    remap,
    grouped: bool,  # type: ignore[no-untyped-def]
) -> None:
    made = token.from_payload(payload)
    typed = type_through(token.format_groups(made) if grouped else made, remap)

    scan = parse_scan(typed)

    if typed == made or token.is_valid(token.normalise(typed)):
        # The layout changed nothing the check can see; reading it as is
        # must give the original, or a different valid token is impossible
        # to tell apart and the check passing means no remap was needed.
        assert isinstance(scan, TokenScan)
        return
    assert isinstance(scan, TokenScan | Unreadable)
    if isinstance(scan, TokenScan):
        assert scan.token == made
        assert scan.layout is remap
    else:
        assert scan.cause is UnreadableCause.AMBIGUOUS_LAYOUT


def test_a_qwertz_scan_is_repaired_and_names_the_layout() -> None:
    made = token.from_payload("Y7K3MQ2XD9TPAW4H")
    scan = parse_scan(type_through(made, QWERTZ))

    assert scan == TokenScan(made, layout=QWERTZ)
    assert "QWERTZ" in QWERTZ.hint


def test_an_azerty_number_row_scan_is_repaired() -> None:
    made = token.from_payload("1234567890ABCDEF")
    scan = parse_scan(type_through(made, AZERTY))

    assert scan == TokenScan(made, layout=AZERTY)


@settings(max_examples=500)
@given(st.text(max_size=MAX_SCAN_LENGTH + 20))
def test_arbitrary_text_never_raises(raw: str) -> None:
    assert isinstance(
        parse_scan(raw, prefix="]C1", suffix="\t"), TokenScan | OrderLookup | Unreadable
    )


def test_manual_entry_groups_as_typed_and_flags_a_bad_check_symbol() -> None:
    partial = preview_entry(TOKEN[:6].lower())
    assert partial.grouped == f"{TOKEN[:4]}-{TOKEN[4:6]}"
    assert not partial.complete

    wrong = preview_entry(TOKEN[:-1] + ("0" if TOKEN[-1] != "0" else "1"))
    assert wrong.complete
    assert not wrong.check_ok

    right = preview_entry(GROUPED)
    assert right.complete
    assert right.check_ok
    assert preview_entry("7K3U").invalid_symbols == "U"
