"""The dialogs of the desk's start-up: a store that is in use or damaged.

Each dialog is opened with `open()` and awaited on the running loop, never
with `exec()`: a nested Qt loop inside a coroutine would step other asyncio
tasks re-entrantly. Every dialog works from the keyboard alone: Enter takes
the default button, Escape the safe one.
"""

from __future__ import annotations

import asyncio

from concierge_app.ui.qt import QCoreApplication, QMessageBox, QWidget

StandardButton = QMessageBox.StandardButton


async def _answer(box: QMessageBox) -> int:
    answered: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on_finished(result: int) -> None:
        if not answered.done():
            answered.set_result(result)

    box.finished.connect(on_finished)
    box.open()
    try:
        return await answered
    finally:
        box.finished.disconnect(on_finished)


def _box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAccessibleName(title)
    return box


async def tell_problem(title: str, text: str, parent: QWidget | None = None) -> None:
    """Say why the desk cannot start, and wait until it is read."""
    box = _box(QMessageBox.Icon.Critical, title, text, parent)
    box.setStandardButtons(StandardButton.Close)
    await _answer(box)
    box.deleteLater()


async def tell_info(title: str, text: str, parent: QWidget | None = None) -> None:
    """Say something the operator must know before the desk opens."""
    box = _box(QMessageBox.Icon.Information, title, text, parent)
    box.setStandardButtons(StandardButton.Ok)
    await _answer(box)
    box.deleteLater()


async def ask_start_fresh(
    text: str, moved_to: str, parent: QWidget | None = None
) -> bool:
    """Ask whether to move a damaged store aside and start with a fresh one."""
    title = QCoreApplication.translate("Startup", "The local store is damaged")
    box = _box(QMessageBox.Icon.Warning, title, text, parent)
    box.setInformativeText(
        QCoreApplication.translate(
            "Startup",
            "Start fresh: the old file is renamed to {moved_to} in the same "
            "folder and kept for support; the desk starts with an empty queue. "
            "Quit: nothing is changed.",
        ).format(moved_to=moved_to)
    )
    role = QMessageBox.ButtonRole
    fresh = box.addButton(
        QCoreApplication.translate("Startup", "&Start fresh"), role.AcceptRole
    )
    quit_button = box.addButton(
        QCoreApplication.translate("Startup", "&Quit"), role.RejectRole
    )
    fresh.setAccessibleName(QCoreApplication.translate("Startup", "Start fresh"))
    quit_button.setAccessibleName(QCoreApplication.translate("Startup", "Quit"))
    # Quit is the default: moving a store aside is a choice, not a reflex.
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    await _answer(box)
    chosen = box.clickedButton() is fresh
    box.deleteLater()
    return chosen
