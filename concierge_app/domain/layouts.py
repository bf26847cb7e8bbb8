"""Keyboard-layout mismatches between a USB scanner and the workstation.

A scanner types key positions of the layout it was set up for; when the
workstation uses another layout, some symbols arrive changed. Each layout
here maps what arrives back to what the scanner meant. Only the symbols a
token, an order id or a URL can contain matter.
"""

from __future__ import annotations

from dataclasses import dataclass

from concierge_app.domain.phrases import Phrase


@dataclass(frozen=True, slots=True)
class LayoutRemap:
    """One known mismatch: a scanner set to US English on another layout."""

    name: str
    hint: str
    table: dict[str, str]

    def apply(self, text: str) -> str:
        """Undo the mismatch on raw scanned text, keeping the case of letters."""
        out = []
        for char in text:
            mapped = self.table.get(char)
            if mapped is None and char.isascii():
                mapped = self.table.get(char.upper())
            if mapped is None:
                out.append(char)
            elif char.isalpha() and char.islower():
                out.append(mapped.lower())
            else:
                out.append(mapped)
        return "".join(out)


# QWERTZ swaps Y and Z; the US hyphen key gives sharp s.
QWERTZ = LayoutRemap(
    name="qwertz",
    hint=Phrase("layout.qwertz"),
    table={"Y": "Z", "Z": "Y", "ß": "-"},
)

# AZERTY swaps A/Q and W/Z, puts M where US has the semicolon, and types the
# symbols of its number row where a US layout types digits.
AZERTY = LayoutRemap(
    name="azerty",
    hint=Phrase("layout.azerty"),
    table={
        "A": "Q",
        "Q": "A",
        "W": "Z",
        "Z": "W",
        ",": "M",
        "&": "1",
        "é": "2",
        '"': "3",
        "'": "4",
        "(": "5",
        "-": "6",
        "è": "7",
        "_": "8",
        "ç": "9",
        "à": "0",
        ")": "-",
    },
)

KNOWN_REMAPS: tuple[LayoutRemap, ...] = (QWERTZ, AZERTY)


def type_through(text: str, remap: LayoutRemap) -> str:
    """What a US-English scanner's text looks like after `remap`'s layout.

    The inverse of `LayoutRemap.apply`, used by tests and the demo to make
    scans that arrive through a wrong layout.
    """
    inverse = {meant: seen for seen, meant in remap.table.items()}
    out = []
    for char in text:
        seen = inverse.get(char.upper() if char.isascii() else char)
        if seen is None:
            out.append(char)
        elif char.isalpha() and char.islower() and seen.isalpha():
            out.append(seen.lower())
        else:
            out.append(seen)
    return "".join(out)
