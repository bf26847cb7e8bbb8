"""Write the desk's verdict sounds as small WAV files, with the stdlib only.

One sound per verdict tone, each told apart by pitch and rhythm as well as
by ear: accepted rises in two quick notes, a notice is two equal mid notes,
a refusal falls in two long, harsher low notes. The output is deterministic,
and tests/ui/test_sounds.py checks that the committed files match it.

Usage: python tools/make_sounds.py [OUT_FOLDER]
(default: concierge_app/resources/sounds)
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
AMPLITUDE = 0.45
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / (
    "concierge_app/resources/sounds"
)

# Each note: (frequency in Hz, seconds, weight of the third harmonic).
# A frequency of 0 is a rest.
Note = tuple[float, float, float]

SOUNDS: dict[str, tuple[Note, ...]] = {
    "accepted": ((880.0, 0.09, 0.0), (0.0, 0.03, 0.0), (1318.5, 0.16, 0.0)),
    "notice": ((659.3, 0.11, 0.1), (0.0, 0.07, 0.0), (659.3, 0.11, 0.1)),
    "refused": ((311.1, 0.22, 0.35), (0.0, 0.05, 0.0), (207.7, 0.34, 0.35)),
    # Not a verdict: the camera's short beep when it has read a new code.
    "read": ((1568.0, 0.07, 0.0),),
}


def _note_samples(frequency: float, seconds: float, harmonic: float) -> list[int]:
    count = int(RATE * seconds)
    if frequency == 0:
        return [0] * count

    # A short linear fade in and out keeps the speaker from clicking.
    fade = min(count // 4, int(RATE * 0.01))
    samples = []
    for i in range(count):
        phase = 2 * math.pi * frequency * i / RATE
        value = math.sin(phase) + harmonic * math.sin(3 * phase)
        value /= 1 + harmonic
        envelope = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        samples.append(round(32767 * AMPLITUDE * envelope * value))
    return samples


def render(notes: tuple[Note, ...]) -> bytes:
    """The 16-bit little-endian mono frames of a sequence of notes."""
    samples = [s for note in notes for s in _note_samples(*note)]
    return struct.pack(f"<{len(samples)}h", *samples)


def write_sounds(folder: Path) -> list[Path]:
    """Write every sound into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in SOUNDS.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(notes))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """Write the sounds into the folder given, or the package's own."""
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    for path in write_sounds(folder):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
