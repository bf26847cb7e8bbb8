"""The screenshot helper renders the window's states at any display scaling."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QImage


def _render(folder, scale: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "concierge_app.ui.screenshots",
            str(folder),
            "--scale",
            scale,
            "--state",
            "login",
            "--state",
            "accepted",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_states_render_to_png_at_100_and_150_percent(tmp_path) -> None:
    _render(tmp_path / "100", "1.0")
    _render(tmp_path / "150", "1.5")

    for state in ("login", "accepted"):
        normal = QImage(str(tmp_path / "100" / f"{state}.png"))
        large = QImage(str(tmp_path / "150" / f"{state}.png"))
        assert not normal.isNull()
        assert abs(large.width() - 1.5 * normal.width()) <= 2
        assert abs(large.height() - 1.5 * normal.height()) <= 2
