"""Every ui module takes its Qt names from `concierge_app.ui.qt`, and only by name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import concierge_app.ui

UI = Path(concierge_app.ui.__file__).resolve().parent
QT_PACKAGES = ("PySide6", "shiboken6")


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def test_only_the_shim_imports_the_qt_binding() -> None:
    offenders = [
        f"{path.name}: {module}"
        for path in sorted(UI.glob("*.py"))
        if path.name != "qt.py"
        for module, _names in _imports(path)
        if module.split(".")[0] in QT_PACKAGES
    ]

    assert offenders == []


def test_nothing_is_star_imported_from_qt() -> None:
    stars = [
        f"{path.name}: {module}"
        for path in sorted(UI.glob("*.py"))
        for module, names in _imports(path)
        if "*" in names
    ]

    assert stars == []


def test_pysides_import_hook_gets_the_same_answer_from_the_file() -> None:
    import sys

    import concierge_app.domain.token
    import concierge_app.ui.qt

    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None:
        pytest.skip("this PySide6 has no source-reading import hook")

    assert getattr(scan, "quicker", False)
    assert scan(concierge_app.ui.qt) is True
    assert scan(concierge_app.domain.token) is False
    # No source file: left to PySide6's own answer.
    assert scan(sys) is False
