"""Regression: PySide6 6.12.0 on Python 3.11 leaked references to True.

Every `Signal.emit()` dropped one reference to `True`, and the interpreter
aborted with "bool_dealloc: deallocating True or False" after fewer than a
thousand emits. pyproject.toml keeps 3.11 below 6.12; this test fails if a
release with the defect is installed anyway.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMITS = 20_000

_PROBE = textwrap.dedent(
    f"""
    import gc, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Source(QObject):
        changed = Signal(bool)

    app = QCoreApplication([])
    source = Source()
    seen = []
    source.changed.connect(seen.append)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range({EMITS}):
        source.changed.emit(True)
    seen.clear()
    gc.collect()
    print(sys.getrefcount(True) - before)
    """
)


def test_many_signal_emits_keep_the_interpreter_alive_and_true_intact() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) == 0
