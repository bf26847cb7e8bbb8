"""The verdict banner: words, icon and colour for every verdict, at once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QPalette

from concierge_app.domain.messages import describe
from concierge_app.domain.model import ReceiptInfo
from concierge_app.domain.verdict import Tone, Verdict, VerdictKind
from concierge_app.ui.icons import TONE_COLOURS
from concierge_app.ui.verdict_banner import VerdictBanner
from tests.ui.fakes import accepted

_PREVIOUS = ReceiptInfo(datetime(2026, 3, 14, 9, 5, tzinfo=UTC), "Marco", "WS-2")

VERDICTS = {
    VerdictKind.ACCEPTED: accepted(2),
    VerdictKind.ACCEPTED_PROVISIONAL: Verdict(VerdictKind.ACCEPTED_PROVISIONAL),
    VerdictKind.ALREADY_RECEIVED: Verdict(
        VerdictKind.ALREADY_RECEIVED, previous=_PREVIOUS
    ),
    VerdictKind.WRONG_FACILITY: Verdict(VerdictKind.WRONG_FACILITY),
    VerdictKind.NOT_CAPTURED: Verdict(
        VerdictKind.NOT_CAPTURED, reason="the payment capture failed"
    ),
    VerdictKind.RELEASED_EARLY: Verdict(VerdictKind.RELEASED_EARLY),
    VerdictKind.UNKNOWN_TOKEN: Verdict(VerdictKind.UNKNOWN_TOKEN),
    VerdictKind.UNREADABLE: Verdict(VerdictKind.UNREADABLE, reason="Scan again."),
    VerdictKind.LABEL_NOT_GENUINE: Verdict(VerdictKind.LABEL_NOT_GENUINE),
    VerdictKind.LABEL_KEY_UNKNOWN: Verdict(
        VerdictKind.LABEL_KEY_UNKNOWN, reason="the label's key was not in use"
    ),
    VerdictKind.LABEL_MISMATCH: Verdict(VerdictKind.LABEL_MISMATCH),
}


@pytest.fixture
def banner(qtbot) -> VerdictBanner:
    widget = VerdictBanner()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_every_verdict_kind_has_a_case_here() -> None:
    assert set(VERDICTS) == set(VerdictKind)


@pytest.mark.parametrize("kind", list(VerdictKind))
def test_each_verdict_shows_words_icon_and_colour_at_once(banner, kind) -> None:
    verdict = VERDICTS[kind]
    message = describe(verdict)

    banner.show_verdict(verdict)

    # No event processing in between: the verdict is on screen next frame.
    assert banner.headline() == message.headline
    assert banner.instruction() == message.instruction
    assert not banner.icon().isNull()
    assert banner.tone is verdict.tone
    background = banner.palette().color(QPalette.ColorRole.Window).name()
    assert background == TONE_COLOURS[verdict.tone].background
    assert message.headline in banner.accessibleDescription()


def test_each_tone_has_its_own_icon_shape(banner) -> None:
    images = {}
    for verdict in (accepted(1), VERDICTS[VerdictKind.UNREADABLE]):
        banner.show_verdict(verdict)
        images[verdict.tone] = banner.icon().toImage()
    banner.show_verdict(VERDICTS[VerdictKind.WRONG_FACILITY])
    images[Tone.REFUSED] = banner.icon().toImage()

    assert len(images) == 3
    assert images[Tone.ACCEPTED] != images[Tone.NOTICE]
    assert images[Tone.ACCEPTED] != images[Tone.REFUSED]
    assert images[Tone.NOTICE] != images[Tone.REFUSED]


def test_a_repeat_of_the_same_scan_is_a_calm_notice(banner) -> None:
    repeat = Verdict(VerdictKind.ALREADY_RECEIVED, previous=_PREVIOUS, repeat=True)

    banner.show_verdict(repeat)

    assert banner.tone is Tone.NOTICE
    assert banner.headline() == "Already received"


def test_the_layout_hint_shows_only_when_the_verdict_has_one(banner) -> None:
    hint = "The scanner types as US English but this workstation uses QWERTZ."

    banner.show_verdict(Verdict(VerdictKind.UNKNOWN_TOKEN, layout_hint=hint))
    assert hint in banner.layout_hint()

    banner.show_verdict(Verdict(VerdictKind.UNKNOWN_TOKEN))
    assert banner.layout_hint() == ""


def test_ready_state_has_no_tone_and_no_icon(banner) -> None:
    banner.show_verdict(accepted(1))

    banner.show_ready()

    assert banner.tone is None
    assert banner.icon().isNull()
    assert banner.headline() == "Ready to scan"


def test_the_banner_sounds_the_tone_of_each_verdict(qtbot) -> None:
    played: list[Tone] = []

    class Recorder:
        def play(self, tone: Tone) -> None:
            played.append(tone)

    banner = VerdictBanner(Recorder())  # type: ignore[arg-type]
    qtbot.addWidget(banner)
    for kind in (
        VerdictKind.ACCEPTED,
        VerdictKind.UNREADABLE,
        VerdictKind.NOT_CAPTURED,
    ):
        banner.show_verdict(VERDICTS[kind])

    assert played == [Tone.ACCEPTED, Tone.NOTICE, Tone.REFUSED]
