"""Render the desk window's main states to PNG files, for review and docs.

Usage: python -m concierge_app.ui.screenshots OUT_FOLDER [--scale 1.5]
       [--language it] [--state accepted ...]

Each state is reached through the window's real paths (login, scans) on a
qasync loop, against a small in-memory core with fixed answers, then taken
with `QWidget.grab()`. `--scale` renders as a workstation set to that
display scaling would (125 % is 1.25); `--language it` renders the window in
Italian, each file named `STATE_it.png`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from concierge_app.domain import token as token_scheme
from concierge_app.domain.layouts import QWERTZ
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.domain.verdict import Verdict, VerdictKind
from concierge_app.ui.ports import (
    Connectivity,
    CoreEvent,
    LoginOk,
    LoginOutcome,
    ReceiptNotKept,
    ScanOutcome,
    SyncStatus,
)

STATES = (
    "login",
    "accepted",
    "refused",
    "offline",
    "notice",
    "typing",
    "not_kept",
    "demo",
    "demo_login",
    "locked",
)

DEMO_NOTE = (
    "Demo: sandbox data, no real goods.\n"
    "Users (the password is the user name):\n"
    "• concierge — Giulia Conti, The Plein Hotel\n"
    "• supervisor — Marco Bassi (supervisor), The Plein Hotel\n"
    "• other — Lena Ferri, Lounge Brera\n"
    "The Demo menu (Alt+M) scans a sample of every verdict.\n"
    "Demo data in a temporary folder, removed on exit:\n"
    "/tmp/concierge-demo-x1y2"
)

_AT = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


def _order() -> Order:
    packages = tuple(
        Package(
            package_id=f"P-000001-1-{n}",
            number=n,
            count=3,
            token_digest=token_scheme.digest(token_scheme.from_payload(f"{n:016d}")),
            receipt=ReceiptInfo(_AT, "Anna Bianchi", "WS-1") if n == 1 else None,
        )
        for n in (1, 2, 3)
    )
    capture = Capture(CaptureStatus.CAPTURED, _AT, 249_000, "EUR", manna_issued=True)
    fulfillment = Fulfillment("F-000001-1", FulfillmentStatus.ACTIVE, capture, packages)
    return Order(
        "1-2603-1-000001", Facility(1, 1), "Ms Giulia Rossi", _AT, (fulfillment,)
    )


_ACCEPTED = Verdict(
    kind=VerdictKind.ACCEPTED,
    order_id="1-2603-1-000001",
    recipient="Ms Giulia Rossi",
    fulfillment_id="F-000001-1",
    package_id="P-000001-1-2",
    number=2,
    count=3,
    missing=(3,),
)

OUTCOMES = {
    "accepted": ScanOutcome(_ACCEPTED, _order()),
    "refused": ScanOutcome(
        Verdict(VerdictKind.NOT_CAPTURED, reason="the payment capture failed")
    ),
    "offline": ScanOutcome(Verdict(VerdictKind.ACCEPTED_PROVISIONAL)),
    "notice": ScanOutcome(
        Verdict(
            VerdictKind.UNREADABLE,
            reason="Rescan the label or retype the token.",
            layout_hint=QWERTZ.hint,
        )
    ),
    "demo": ScanOutcome(_ACCEPTED, _order()),
}


class _PictureCore:
    """A core with fixed answers: enough to put the window in each state."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[CoreEvent], None]] = []

    async def login(self, username: str, password: str) -> LoginOutcome:
        return LoginOk(
            username, "Anna Bianchi", "The Plein Hotel, Milano", Facility(1, 1)
        )

    async def receive(self, text: str) -> ScanOutcome:
        if text == "not_kept":
            raise ReceiptNotKept(
                "The disk is full: the local store could not keep this change."
            )
        return OUTCOMES[text]

    async def sync_now(self) -> SyncStatus:
        return SyncStatus(Connectivity.ONLINE, last_sync=_AT)

    async def logout(self) -> None:
        return None

    async def lock(self) -> None:
        return None

    async def unlock(self, password: str) -> LoginOutcome:
        return await self.login("anna", password)

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        return await self.login(username, password)

    def set_scanner(self, prefix: str, suffix: str) -> None:
        return None

    def shift(self) -> None:
        # The pictures show the scan and its shipment, not the lists.
        return None

    def subscribe(self, listener: Callable[[CoreEvent], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        listener(SyncStatus(Connectivity.ONLINE, queued=0, last_sync=_AT))
        return lambda: self.listeners.remove(listener)

    def publish(self, event: CoreEvent) -> None:
        for listener in self.listeners:
            listener(event)


async def _render(state: str, folder: Path, suffix: str = "") -> Path:
    from concierge_app.ui.main_window import DemoSample, DeskWindow
    from concierge_app.ui.qt import QFontMetrics

    core = _PictureCore()
    demo = state.startswith("demo")
    samples: list[DemoSample] | None = [("Accepted", "demo")] if demo else None
    window = DeskWindow(core, demo_samples=samples, demo_note=DEMO_NOTE if demo else "")
    metrics = QFontMetrics(window.font())
    window.resize(metrics.averageCharWidth() * 170, metrics.height() * 42)
    window.show()

    if state not in ("login", "demo_login"):
        logged_in = asyncio.Event()
        window.logged_in.connect(lambda _session: logged_in.set())
        window.login_view.user_field.setText("anna")
        window.login_view.password_field.setText("picture")
        window.login_view.password_field.returnPressed.emit()
        await logged_in.wait()
        if state == "locked":
            window.lock()
        if state == "offline":
            core.publish(SyncStatus(Connectivity.OFFLINE, queued=3, last_sync=_AT))
        if state == "typing":
            # A token typed by hand with its last symbol wrong.
            window.scan_field.editor.setText("7K3M Q2XD 9TPA W4HN X")
        elif state != "locked":
            window.scan_field.scan_submitted.emit(state, True)
            await window.wait_idle()

    await asyncio.sleep(0.05)
    path = folder / f"{state}{suffix}.png"
    window.grab().save(str(path))
    window.close()
    window.deleteLater()
    return path


def _quiet_offscreen(kind: object, _context: object, message: str) -> None:
    # The offscreen platform warns on every window that it cannot resize
    # to size hints; pictures do not need that, anything else still shows.
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Write one PNG per state into the folder given."""
    parser = argparse.ArgumentParser(prog="python -m concierge_app.ui.screenshots")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--state", choices=STATES, action="append")
    parser.add_argument("--language", choices=("en", "it"), default="en")
    args = parser.parse_args(argv)

    # Both must be set before Qt starts.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    from concierge_app.ui import translations
    from concierge_app.ui.loop import run_app
    from concierge_app.ui.qt import QApplication, qInstallMessageHandler

    qInstallMessageHandler(_quiet_offscreen)

    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)

    async def render_all(app: QApplication) -> int:
        translations.install(app, args.language)
        suffix = "" if args.language == "en" else f"_{args.language}"
        for state in args.state or STATES:
            path = await _render(state, folder, suffix)
            sys.stdout.write(f"{path}\n")
        return 0

    return run_app(render_all)


if __name__ == "__main__":
    raise SystemExit(main())
