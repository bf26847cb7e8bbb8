"""`concierge-app` opening the desk: shutdown with a queue, and store dialogs.

The shutdown test runs the real command in a child process (offscreen Qt,
`-W error -X dev`, so any unclosed client or socket is an error on standard
error) with a driver task that logs in and scans through the window's own
paths. The dialog tests run `desk_main` on the shared loop and answer the
dialogs by key presses.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from concierge_app.cli import demo_sandbox, desk_command, exit_codes
from concierge_app.cli.main import build_parser
from concierge_app.domain import token as token_scheme
from concierge_app.domain.payload import TokenScan, parse_scan
from concierge_app.store import Store
from concierge_app.sync.desk import DeskOptions
from concierge_app.ui.main_window import DeskWindow
from tests.sandbox_fixtures import SandboxAdmin

_DRIVER = textwrap.dedent(
    """
    import asyncio, json, os, signal, sys
    import httpx
    from concierge_app.cli.main import main
    from concierge_app.ui.main_window import DeskWindow
    from concierge_app.ui.qt import QApplication, QTimer

    url, data_dir, tokens = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    how = sys.argv[4]

    async def drive():
        window = None
        while window is None:
            await asyncio.sleep(0.02)
            found = [w for w in QApplication.topLevelWidgets()
                     if isinstance(w, DeskWindow) and w.isVisible()]
            window = found[0] if found else None
        logged_in = asyncio.Event()
        window.logged_in.connect(lambda _session: logged_in.set())
        window.login_view.user_field.setText("concierge")
        window.login_view.password_field.setText("concierge")
        window.login_view.password_field.returnPressed.emit()
        await logged_in.wait()
        # The network goes: every receipt from now on stays queued.
        httpx.put(url + "/_sandbox/faults", json={"reset_rate": 1.0})
        for token in tokens:
            window.scan_field.scan_submitted.emit(token, True)
        await window.wait_idle()
        while window.status_bar.status.queued != len(tokens):
            await asyncio.sleep(0.02)
        if how == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)
            return
        window.close()
        while window.close_question is None:
            await asyncio.sleep(0.02)
        print(window.close_question.text(), flush=True)
        for button in window.close_question.buttons():
            if button.text() == "&Close anyway":
                button.click()

    app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, lambda: asyncio.ensure_future(drive()))
    raise SystemExit(main(["--api-url", url, "--data-dir", data_dir]))
    """
)


def _child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_STATE_HOME=str(tmp_path / "state"),
        CONCIERGE_APP_LOG_DIR=str(tmp_path / "logs"),
        CONCIERGE_APP_USER_SETTINGS=str(tmp_path / "user.toml"),
        CONCIERGE_APP_MACHINE_SETTINGS=str(tmp_path / "machine.toml"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


@pytest.mark.parametrize("how", ["close anyway", "sigterm"])
def test_closing_with_receipts_queued_shuts_down_cleanly_and_keeps_them(
    sandbox, sandbox_admin: SandboxAdmin, tmp_path: Path, how: str
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    data_dir = tmp_path / "desk-1"

    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "dev",
            "-W",
            "error",
            "-c",
            _DRIVER,
            sandbox.url,
            str(data_dir),
            json.dumps(tokens),
            how,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=_child_env(tmp_path),
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if how == "close anyway":
        assert result.stdout == "2 receipts are still queued, not yet sent.\n"
    queue = subprocess.run(
        [sys.executable, "-m", "concierge_app", "queue", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_child_env(tmp_path),
        check=True,
    )
    assert json.loads(queue.stdout)["by_state"]["queued"] == 2
    log = tmp_path / "logs" / "concierge-app.log"
    assert "The desk closed; its store and client are closed" in log.read_text()


def _plan(data_dir: Path) -> desk_command.DeskPlan:
    # Nothing listens on port 9: the desk opens offline, which is all it needs.
    return desk_command.DeskPlan(data_dir, "http://127.0.0.1:9", DeskOptions())


def _dialog(qtbot, saying: str) -> QMessageBox:
    boxes: list[QMessageBox] = []

    def shown() -> bool:
        boxes[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and saying in w.text()
        ]
        return bool(boxes)

    qtbot.waitUntil(shown, timeout=5000)
    return boxes[0]


def test_a_folder_in_use_is_a_dialog_and_status_6(
    qtbot, qloop, qapp, tmp_path: Path
) -> None:
    holder = Store.open(tmp_path / "desk-1")
    try:
        task = qloop.create_task(
            desk_command.desk_main(qapp, _plan(tmp_path / "desk-1"))
        )
        box = _dialog(qtbot, "already in use")
        # Told on the desk window, which shows before the store is opened.
        assert isinstance(box.parent(), DeskWindow)
        assert box.parent().isVisible()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(task.done, timeout=5000)
    finally:
        holder.close()

    assert task.result() == exit_codes.LOCKED


@pytest.mark.parametrize("start_fresh", [False, True])
def test_a_damaged_store_offers_to_start_fresh_and_says_where_it_goes(
    qtbot, qloop, qapp, tmp_path: Path, start_fresh: bool
) -> None:
    data_dir = tmp_path / "desk-1"
    data_dir.mkdir()
    (data_dir / "store.sqlite3").write_bytes(b"this is not a database" * 100)
    task = qloop.create_task(desk_command.desk_main(qapp, _plan(data_dir)))

    box = _dialog(qtbot, "cannot be used")
    assert isinstance(box.parent(), DeskWindow)
    assert "store.sqlite3.damaged-" in box.informativeText()
    if not start_fresh:
        # Enter takes the default, which is the safe one: quit, change nothing.
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(task.done, timeout=5000)
        assert task.result() == exit_codes.STORE_DAMAGED
        assert (data_dir / "store.sqlite3").read_bytes().startswith(b"this is not")
        return

    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    notice = _dialog(qtbot, "was moved to")
    qtbot.keyClick(notice, Qt.Key.Key_Return)
    # The window shows from the start, behind the dialogs; status OK below
    # says the fresh store opened, the desk ran and closed cleanly.
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, DeskWindow)]
    assert len(windows) == 1
    assert windows[0].isVisible()
    assert notice.parent() is windows[0]
    windows[0].close()
    # Qt says so only from inside QApplication.exec(), which the shared test
    # loop never runs; the app's own loop does.
    qapp.lastWindowClosed.emit()
    qtbot.waitUntil(task.done, timeout=10000)
    assert task.result() == exit_codes.OK
    assert list(data_dir.glob("store.sqlite3.damaged-*"))


def test_the_demo_menu_has_a_sample_of_every_path(sandbox) -> None:
    samples = demo_sandbox.demo_samples(sandbox.url)

    assert [kind for kind, _payload in samples] == [
        "accepted",
        "already_received",
        "wrong_facility",
        "not_captured",
        "released_early",
        "signed_label",
        "unknown_token",
        "unreadable",
        "order_id",
    ]
    pick, label_pick = samples[0][1], samples[5][1]
    assert callable(pick)
    assert callable(label_pick)
    picked = [pick(), pick()]
    assert picked[0] != picked[1], "each Accepted pick is a package not yet received"
    labels = [label_pick(), label_pick()]
    assert labels[0] != labels[1]
    # The two samples never take the same package.
    read = [parse_scan(label) for label in labels]
    assert all(isinstance(r, TokenScan) and r.label is not None for r in read)
    tokens = {r.token for r in read if isinstance(r, TokenScan)}
    assert not tokens & {token_scheme.normalise(t) for t in picked}


def test_without_an_api_address_the_desk_says_how_to_give_one(
    qtbot, qloop, qapp, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("CONCIERGE_APP_USER_SETTINGS", str(tmp_path / "user.toml"))
    monkeypatch.setenv("CONCIERGE_APP_MACHINE_SETTINGS", str(tmp_path / "none.toml"))
    monkeypatch.delenv("CONCIERGE_APP_API_URL", raising=False)
    args = build_parser().parse_args(["--data-dir", str(tmp_path / "desk-1")])
    with contextlib.ExitStack() as stack:
        plan = desk_command._plan(args, stack)
    task = qloop.create_task(desk_command.desk_main(qapp, plan))

    box = _dialog(qtbot, "--api-url")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(task.done, timeout=5000)

    assert task.result() == exit_codes.USAGE
    assert "--demo" in capsys.readouterr().err
    assert not (tmp_path / "desk-1").exists()


def _demo_plan(
    tmp_path: Path, monkeypatch, data_dir: Path, stack
) -> desk_command.DeskPlan:
    monkeypatch.setenv("CONCIERGE_APP_USER_SETTINGS", str(tmp_path / "user.toml"))
    monkeypatch.setenv("CONCIERGE_APP_MACHINE_SETTINGS", str(tmp_path / "none.toml"))
    args = build_parser().parse_args(["--demo", "--data-dir", str(data_dir)])
    return desk_command._plan(args, stack)


def _shown_window(qtbot, before: list[object]) -> DeskWindow:
    # The new one: an earlier test's window may still be waiting for deletion.
    found: list[DeskWindow] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DeskWindow) and w.isVisible() and w not in before
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def test_the_demo_shows_its_login_page_first_and_a_login_typed_at_once_succeeds(
    qtbot, qloop, qapp, tmp_path: Path, monkeypatch
) -> None:
    data_dir = tmp_path / "demo"
    data_dir.mkdir()
    # The test holds the sandbox's state file until the login is typed: its
    # seeding waits (SQLite's busy timeout), so the sandbox is surely not up.
    holder = sqlite3.connect(data_dir / "sandbox.sqlite3")
    holder.execute("BEGIN EXCLUSIVE")
    with contextlib.ExitStack() as stack:
        stack.callback(holder.close)
        plan = _demo_plan(tmp_path, monkeypatch, data_dir, stack)
        before = list(QApplication.topLevelWidgets())
        task = qloop.create_task(desk_command.desk_main(qapp, plan))
        window = _shown_window(qtbot, before)

        # The login page is up before the sandbox: no samples, no desk store.
        assert window.demo
        assert window.demo_menu is not None
        assert not window.demo_menu.actions()
        assert not window.demo_menu.menuAction().isEnabled()
        window.login_view.user_field.setText("concierge")
        window.login_view.password_field.setText("concierge")
        window.login_view.password_field.returnPressed.emit()
        assert window.session is None
        assert not (data_dir / "desk").exists()
        with qtbot.waitSignal(window.logged_in, timeout=30000) as logged_in:
            holder.rollback()

        # Online, on the sandbox: not an offline unlock, nor a failure.
        assert logged_in.args[0].username == "concierge"
        assert not logged_in.args[0].offline
        assert window.session is not None
        assert "concierge" in window.login_view.note()
        assert str(data_dir) in window.login_view.note()
        qtbot.waitUntil(lambda: bool(window.demo_menu.actions()), timeout=30000)
        assert window.demo_menu.menuAction().isEnabled()
        assert (data_dir / "sandbox.sqlite3").exists()
        assert (data_dir / "desk" / "store.sqlite3").exists()

        window.close()
        qapp.lastWindowClosed.emit()
        qtbot.waitUntil(task.done, timeout=10000)
        assert task.result() == exit_codes.OK


def test_a_demo_whose_sandbox_cannot_start_says_so_on_the_window(
    qtbot, qloop, qapp, tmp_path: Path, monkeypatch, capsys
) -> None:
    # A file where the data folder should be: the sandbox has nowhere to live.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with contextlib.ExitStack() as stack:
        plan = _demo_plan(tmp_path, monkeypatch, blocked, stack)
        task = qloop.create_task(desk_command.desk_main(qapp, plan))

        box = _dialog(qtbot, "could not start")
        assert isinstance(box.parent(), DeskWindow)
        assert str(blocked) in box.text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(task.done, timeout=10000)

    assert task.result() == exit_codes.FAILURE
    assert "could not start" in capsys.readouterr().err
    assert blocked.read_text() == "not a folder"


def test_the_demo_makes_a_data_folder_that_does_not_exist_yet(
    qtbot, qloop, qapp, tmp_path: Path, monkeypatch
) -> None:
    data_dir = tmp_path / "new" / "demo"
    with contextlib.ExitStack() as stack:
        plan = _demo_plan(tmp_path, monkeypatch, data_dir, stack)
        before = list(QApplication.topLevelWidgets())
        task = qloop.create_task(desk_command.desk_main(qapp, plan))
        window = _shown_window(qtbot, before)

        with qtbot.waitSignal(window.logged_in, timeout=30000) as logged_in:
            window.login_view.user_field.setText("concierge")
            window.login_view.password_field.setText("concierge")
            window.login_view.password_field.returnPressed.emit()

        assert not logged_in.args[0].offline
        assert (data_dir / "sandbox.sqlite3").exists()
        assert (data_dir / "desk" / "store.sqlite3").exists()
        window.close()
        qapp.lastWindowClosed.emit()
        qtbot.waitUntil(task.done, timeout=10000)
        assert task.result() == exit_codes.OK
