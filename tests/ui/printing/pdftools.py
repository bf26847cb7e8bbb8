"""Reading the PDFs the desk writes, as a person would: their text and their look.

pdftotext and pdftoppm come from poppler-utils (CI installs it). Outside CI
a machine without them skips these tests with that reason; in CI they never
skip, so a missing tool fails the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

MISSING = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]

needs_poppler = pytest.mark.skipif(
    bool(MISSING) and os.environ.get("CI", "").lower() != "true",
    reason=f"reading PDFs needs {' and '.join(MISSING)} (poppler-utils; CI has it)",
)


def pdf_text(path: Path) -> str:
    """The text of every page in the order it was drawn (a cell's words together)."""
    done = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def pdf_pages(path: Path) -> int:
    """How many pages the PDF has (pdftotext marks each end with a form feed)."""
    return pdf_text(path).count("\f")


def render_page(path: Path, out: Path, dpi: int = 60, page: int = 1) -> QImage:
    """One page as a PNG at `dpi`, read back as an image."""
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
            "-singlefile", str(path), str(stem),
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    image = QImage(str(stem.with_suffix(".png")))
    assert not image.isNull(), "pdftoppm wrote no picture"
    return image


def dark_rows(image: QImage, threshold: int = 128) -> list[int]:
    """For each pixel row, how many of its pixels are dark."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    pixels = memoryview(grey.constBits()).cast("B")
    return [
        sum(1 for x in range(grey.width()) if pixels[y * stride + x] < threshold)
        for y in range(grey.height())
    ]


def ruled_rows(image: QImage, min_length: int, threshold: int = 128) -> list[int]:
    """The pixel rows with an unbroken dark run of at least `min_length` pixels."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    pixels = memoryview(grey.constBits()).cast("B")
    found = []
    for y in range(grey.height()):
        run = 0
        for x in range(grey.width()):
            run = run + 1 if pixels[y * stride + x] < threshold else 0
            if run >= min_length:
                found.append(y)
                break
    return found


def strokes(rows: list[int]) -> list[int]:
    """Adjacent pixel rows merged into one stroke each (its first row)."""
    return [y for index, y in enumerate(rows) if index == 0 or rows[index - 1] != y - 1]
