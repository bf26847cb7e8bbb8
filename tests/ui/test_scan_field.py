"""The scan field: scans end at Enter or Tab, scanner told from person, preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget

from concierge_app.ui.scan_field import ScanField, describe_entry, typed_by_scanner
from tests.ui.fakes import HUMAN_GAP, SCANNER_GAP, scan, token_for, type_text


@pytest.fixture
def field(qtbot, clock) -> ScanField:
    widget = ScanField(clock)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _submissions(field: ScanField) -> list[tuple[str, bool]]:
    seen: list[tuple[str, bool]] = []
    field.scan_submitted.connect(lambda text, scanner: seen.append((text, scanner)))
    return seen


def test_a_scanner_burst_is_told_from_a_person_typing(qtbot, field, clock) -> None:
    seen = _submissions(field)
    token = token_for(1)

    scan(qtbot, field.editor, token, clock)
    type_text(qtbot, field.editor, token, clock, HUMAN_GAP)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)

    assert seen == [(token, True), (token, False)]
    assert field.editor.text() == ""


def test_a_pause_in_the_middle_of_a_scan_does_not_end_it(qtbot, field, clock) -> None:
    seen = _submissions(field)
    token = token_for(2)

    type_text(qtbot, field.editor, token[:9], clock, SCANNER_GAP)
    clock.advance(2.5)
    type_text(qtbot, field.editor, token[9:], clock, SCANNER_GAP)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)

    assert seen == [(token, True)]


def test_tab_ends_a_scan_and_keeps_the_keyboard(qtbot, field, clock) -> None:
    seen = _submissions(field)
    token = token_for(3)

    type_text(qtbot, field.editor, token, clock, SCANNER_GAP)
    qtbot.keyClick(field.editor, Qt.Key.Key_Tab)
    qtbot.keyClick(field.editor, Qt.Key.Key_Tab)

    assert seen == [(token, True)]
    assert field.editor.text() == ""


def test_enter_on_an_empty_field_submits_nothing(qtbot, field) -> None:
    seen = _submissions(field)

    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(field.editor, "   ")
    qtbot.keyClick(field.editor, Qt.Key.Key_Enter)

    assert seen == []


def test_escape_throws_away_what_is_being_typed(qtbot, field, clock) -> None:
    seen = _submissions(field)

    type_text(qtbot, field.editor, "7K3M", clock, HUMAN_GAP)
    qtbot.keyClick(field.editor, Qt.Key.Key_Escape)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)

    assert seen == []


def test_pasted_text_counts_as_typed_by_a_person(qtbot, field) -> None:
    seen = _submissions(field)

    field.editor.setText(token_for(4))
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)

    assert seen == [(token_for(4), False)]


def test_the_median_gap_decides_so_one_slow_key_does_not(qtbot) -> None:
    fast_with_one_pause = [0.0, 0.002, 0.004, 0.9, 0.902, 0.904]

    assert typed_by_scanner(fast_with_one_pause)
    assert not typed_by_scanner([0.0, 0.12, 0.25, 0.36])
    assert not typed_by_scanner([0.0])
    # An even count of gaps: the mean of the middle two (0.02 and 0.04).
    even = [0.0, 0.01, 0.03, 0.07, 0.12]
    assert typed_by_scanner(even, threshold=0.031)
    assert not typed_by_scanner(even, threshold=0.029)


def test_manual_entry_shows_the_groups_as_they_are_typed(qtbot, field, clock) -> None:
    type_text(qtbot, field.editor, "7k3mq2", clock, HUMAN_GAP)

    assert field.preview().startswith("7K3M-Q2")
    assert "6 of 17 symbols" in field.preview()
    assert not field.flagged


def test_a_failed_check_symbol_is_flagged_before_any_lookup(
    qtbot, field, clock
) -> None:
    good = token_for(5).replace("-", "")
    wrong_last = "0" if good[-1] != "0" else "1"

    type_text(qtbot, field.editor, good[:-1] + wrong_last, clock, HUMAN_GAP)

    assert field.flagged
    assert "check symbol does not match" in field.preview()

    qtbot.keyClick(field.editor, Qt.Key.Key_Backspace)
    type_text(qtbot, field.editor, good[-1], clock, HUMAN_GAP)

    assert not field.flagged
    assert "check symbol correct" in field.preview()


@pytest.mark.parametrize(
    ("text", "words", "flagged"),
    [
        ("1-2603-1", "Order id: 1-2603-1", False),
        ("1-2603-1-000001/7K3M", "Label or link", False),
        ("7K3U", "not token symbols: U", True),
        ("7K3M" * 5, "too many symbols", True),
        ("csl1-" + "7K3M" * 40, "Signed label", False),
    ],
)
def test_preview_words_for_other_entries(qapp, text, words, flagged) -> None:
    shown, is_flagged = describe_entry(text)

    assert words in shown
    assert is_flagged is flagged


def test_focus_returns_to_the_field_after_a_click_but_not_from_a_note(
    qtbot, clock
) -> None:
    window = QMainWindow()
    page = QWidget(window)
    field = ScanField(clock, page)
    button = QPushButton("Print", page)
    note = QLineEdit(page)
    layout = QVBoxLayout(page)
    for widget in (field, button, note):
        layout.addWidget(widget)
    window.setCentralWidget(page)
    field.keep_focus_in(window)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: field.editor.hasFocus(), timeout=5000)

    button.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: field.editor.hasFocus(), timeout=5000)

    note.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.wait(20)
    assert note.hasFocus()
