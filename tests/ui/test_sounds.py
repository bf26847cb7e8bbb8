"""The verdict sounds: committed, made by the tool, distinct, and optional."""

from __future__ import annotations

import logging
import subprocess
import sys
import wave
from pathlib import Path

from concierge_app.domain.verdict import Tone
from concierge_app.ui.qt import load_multimedia
from concierge_app.ui.sounds import SoundPlayer, sound_file

ROOT = Path(__file__).resolve().parents[2]


def test_every_tone_has_a_short_wav_file() -> None:
    for tone in Tone:
        with wave.open(str(sound_file(tone))) as sound:
            seconds = sound.getnframes() / sound.getframerate()
            assert sound.getnchannels() == 1
        assert 0.1 < seconds < 1.0


def test_the_committed_sounds_are_what_the_tool_makes(tmp_path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sounds.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=60,
    )

    for tone in Tone:
        made = (tmp_path / f"{tone.value}.wav").read_bytes()
        assert made == sound_file(tone).read_bytes(), tone


def test_the_three_sounds_differ() -> None:
    frames = {sound_file(tone).read_bytes() for tone in Tone}

    assert len(frames) == len(Tone)


def test_the_player_plays_or_says_once_why_it_is_silent(qapp, caplog) -> None:
    SoundPlayer._told_silent = False
    with caplog.at_level(logging.INFO, logger="concierge_app.ui.sounds"):
        first = SoundPlayer()
        second = SoundPlayer()
        for tone in Tone:
            first.play(tone)
            second.play(tone)

    silent_lines = [r for r in caplog.records if "runs silent" in r.getMessage()]
    if load_multimedia() is None:
        assert first.silent
    assert len(silent_lines) == (1 if first.silent else 0)
    assert first.silent == second.silent
