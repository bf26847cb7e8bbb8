"""The status bar: connection in words, queue, last sync, who is logged in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QAction

from concierge_app.ui.ports import Connectivity, SyncStatus
from concierge_app.ui.status_bar import DeskStatusBar


@pytest.fixture
def bar(qtbot) -> DeskStatusBar:
    widget = DeskStatusBar(QAction("Sync now"))
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(
    ("connectivity", "words"),
    [
        (Connectivity.ONLINE, "Online"),
        (Connectivity.OFFLINE, "Offline: receipts are kept and queued"),
        (Connectivity.DEGRADED, "Connection poor: sync is retrying"),
        (
            Connectivity.AUTH_NEEDED,
            "Log in again to sync (Ctrl+Shift+L); receipts stay queued",
        ),
    ],
)
def test_each_connectivity_is_said_in_words(bar, connectivity, words) -> None:
    bar.show_user("Anna Bianchi")
    bar.show_status(SyncStatus(connectivity))

    assert bar.connectivity_text() == words


def test_with_nobody_logged_in_a_login_is_asked_for_not_a_new_one(bar) -> None:
    bar.show_status(SyncStatus(Connectivity.AUTH_NEEDED, queued=2))

    assert bar.connectivity_text() == "Log in to sync"
    assert bar.queue_text() == "Queued: 2"
    assert not bar._connectivity.font().bold(), "no alarm before anyone logs in"

    bar.show_user("Anna Bianchi")
    assert bar.connectivity_text().startswith("Log in again to sync")
    assert bar._connectivity.font().bold()


def test_queue_attention_and_last_sync_are_shown(bar) -> None:
    bar.show_status(SyncStatus(Connectivity.ONLINE, queued=4))
    assert bar.queue_text() == "Queued: 4"
    assert bar.last_sync_text() == "Not synced yet"

    synced = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    bar.show_status(
        SyncStatus(Connectivity.ONLINE, queued=0, needs_attention=2, last_sync=synced)
    )
    assert bar.queue_text() == "Queued: 0 · Needs attention: 2"
    assert bar.last_sync_text() == "Last sync " + synced.astimezone().strftime("%H:%M")


def test_who_is_logged_in_and_an_offline_unlock_are_shown(bar) -> None:
    assert bar.user_text() == "Not logged in"

    bar.show_user("Anna Bianchi", "The Plein Hotel", offline=True)

    assert bar.user_text() == "Anna Bianchi at The Plein Hotel (offline unlock)"
