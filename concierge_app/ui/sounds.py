"""The verdict sounds: one distinct short sound per verdict tone.

The sounds are WAV files in `concierge_app/resources/sounds/`, made by
`tools/make_sounds.py`. Where Qt has no multimedia module or the workstation
no audio output, the desk runs silent and says so once in the log.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import Any

from concierge_app.domain.verdict import Tone
from concierge_app.ui.qt import QObject, QUrl, load_multimedia
from concierge_app.ui.resources import resource, resource_path

logger = logging.getLogger(__name__)


def sound_name(tone: Tone) -> str:
    """The resource name of the WAV file played for a verdict tone."""
    return f"sounds/{tone.value}.wav"


def sound_file(tone: Tone) -> Path:
    """The WAV file played for a verdict tone, as a real file for Qt."""
    return resource_path(sound_name(tone))


class SoundPlayer(QObject):
    """Plays the sound of a tone, or nothing where there is no audio."""

    _told_silent = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[Tone, Any] = {}
        multimedia = load_multimedia()
        self._silent_reason = self._find_silent_reason(multimedia)
        if self._silent_reason or multimedia is None:
            if not SoundPlayer._told_silent:
                logger.info("The desk runs silent: %s", self._silent_reason)
                SoundPlayer._told_silent = True
            return

        for tone in Tone:
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(sound_file(tone))))
            self._effects[tone] = effect

    @property
    def silent(self) -> bool:
        """True when no sound can be played on this workstation."""
        return bool(self._silent_reason)

    def play(self, tone: Tone) -> None:
        """Start the tone's sound at once; a sound still playing is cut short."""
        effect = self._effects.get(tone)
        if effect is None:
            return
        effect.stop()
        effect.play()

    @staticmethod
    def _find_silent_reason(multimedia: ModuleType | None) -> str:
        if multimedia is None:
            return "Qt multimedia is not installed (it comes with PySide6-Addons)"
        if not multimedia.QMediaDevices.audioOutputs():
            return "this workstation has no audio output"
        missing = [t.value for t in Tone if not resource(sound_name(t)).is_file()]
        if missing:
            return "sound files are missing: " + ", ".join(missing)
        return ""
