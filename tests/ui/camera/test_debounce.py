"""The debouncer: each code once, never the same code twice in a row."""

from __future__ import annotations

from concierge_app.domain import token as token_scheme
from concierge_app.ui.camera.debounce import Debouncer, scan_key

A = token_scheme.from_payload("7K3MQ2XD9TPAW4HN")
B = token_scheme.from_payload("0000111122223333")
ORDER = "1-2603-1-000001"


def test_a_code_held_in_view_is_let_through_once() -> None:
    debouncer = Debouncer()

    fed = [debouncer.offer([A]) for _ in range(5)]

    assert fed == [A, None, None, None, None]


def test_frames_without_a_code_do_not_make_the_same_code_new_again() -> None:
    debouncer = Debouncer()

    fed = [debouncer.offer(frame) for frame in ([A], [], [], [A], [" "], [A])]

    assert fed == [A, None, None, None, None, None]


def test_another_code_is_let_through_and_then_the_first_again() -> None:
    debouncer = Debouncer()

    fed = [debouncer.offer([code]) for code in (A, A, B, B, A)]

    assert fed == [A, None, B, None, A]


def test_the_qr_and_code128_of_one_label_count_as_one_code() -> None:
    debouncer = Debouncer()
    qr = f"{ORDER}/{token_scheme.format_groups(A)}"

    fed = [debouncer.offer(frame) for frame in ([qr, A], [A], [qr], [A.lower()])]

    assert fed == [qr, None, None, None]


def test_two_labels_in_view_are_not_fed_by_turns() -> None:
    debouncer = Debouncer()

    fed = [debouncer.offer(frame) for frame in ([A, B], [B, A], [A, B], [B])]

    assert fed == [A, None, None, B]


def test_reset_lets_the_code_in_view_through_again() -> None:
    debouncer = Debouncer()
    debouncer.offer([A])

    debouncer.reset()

    assert debouncer.offer([A]) == A


def test_codes_are_the_same_when_their_tokens_are() -> None:
    grouped = token_scheme.format_groups(A)

    assert scan_key(A) == scan_key(grouped) == scan_key(f"{ORDER}/{grouped}")
    assert scan_key(A) != scan_key(B)
    assert scan_key(ORDER) == f"order:{ORDER}"
    assert scan_key("hello") == scan_key(" hello ") != scan_key("hello!")
