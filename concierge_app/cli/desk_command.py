"""`concierge-app` with no command: the desk window, on a real API or the demo.

Start-up, in order: the support log; the settings (files, environment, then
`--api-url` and `--ca-bundle`); with `--demo`, a demo data folder; then, on
the qasync loop, the window shows its login page at once, and only then
are (with `--demo`) the sandbox started in-process on a free loopback port,
in a worker thread, the sync stack imported and the store opened (a folder
in use or a damaged store is a dialog on that window, never a traceback),
the sync loop started and the sounds loaded; a login typed meanwhile waits
for them. Shutdown is the reverse, inside the running loop: the last
window closes, scans already typed are received, the sync loop stops and
the HTTP client and the store close, then the demo sandbox stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from concierge_app import settings as settings_module
from concierge_app.cli import exit_codes
from concierge_app.cli.common import check_api_url
from concierge_app.cli.errors import CommandError
from concierge_app.sync.options import DeskOptions

if TYPE_CHECKING:
    from concierge_app.api.vault import TokenVault
    from concierge_app.cli.demo_sandbox import DemoSandbox
    from concierge_app.sync.desk import Desk
    from concierge_app.ui.late_core import LateCore
    from concierge_app.ui.main_window import DemoSample, DeskWindow
    from concierge_app.ui.qt import QApplication

logger = logging.getLogger(__name__)

DEMO_PULL_INTERVAL = 10.0
"""The demo pulls often, so the sandbox's simulated arrivals show up soon."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The desk window's own options, on the top-level parser."""
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run the desk against an in-process sandbox with demo data",
    )
    parser.add_argument(
        "--api-url", default=None, help="the partner API base URL (else settings)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the workstation's data folder (default: $CONCIERGE_APP_DATA_DIR, "
        "else the user data folder; with --demo, a temporary folder)",
    )
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        default=None,
        help="a PEM file of CA certificates to trust for the API",
    )


@dataclass
class DeskPlan:
    """Everything the window's start needs, decided before Qt starts."""

    data_dir: Path | None
    """The workstation's data folder; None for the default, found when opened."""
    api_url: str
    """The partner API; with `demo`, set once its sandbox is started."""
    options: DeskOptions
    ca_bundle: Path | None = None
    vault: TokenVault | None = None
    sounds: bool = True
    demo_samples: list[DemoSample] | None = None
    """Not None on demo data: the Demo menu's first samples (the rest come later)."""
    demo: DemoSandbox | None = None
    """The demo's sandbox, started once the window shows."""
    settings: settings_module.Settings | None = None
    """The resolved settings, for what the desk may change in its dialog."""
    problem: tuple[str, str, int] | None = None
    """A start-up failure to show instead of the desk: title, words, status."""
    cleanups: list[Callable[[], None]] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """Open the desk window and return the exit status once it is closed."""
    logger.info("The desk starts")
    with contextlib.ExitStack() as stack:
        plan = _plan(args, stack)
        from concierge_app.ui.loop import run_app, send_qt_messages_to_log

        send_qt_messages_to_log()
        # Returning inside the block: the sandbox stops after the loop ends.
        return run_app(lambda app: desk_main(app, plan))


def _plan(args: argparse.Namespace, stack: contextlib.ExitStack) -> DeskPlan:
    overrides = {
        "api_url": args.api_url,
        "ca_bundle": str(args.ca_bundle) if args.ca_bundle else None,
    }
    try:
        chosen = settings_module.load(overrides=overrides)
    except settings_module.SettingsError as error:
        return _problem("The settings cannot be used", str(error), exit_codes.USAGE)

    options = DeskOptions(
        scanner_prefix=chosen["scanner_prefix"],
        scanner_suffix=chosen["scanner_suffix"],
        verifier_ttl=timedelta(days=chosen["offline_login_days"]),
        pull_interval=float(chosen["pull_interval_seconds"]),
    )
    ca_bundle = Path(chosen["ca_bundle"]) if chosen["ca_bundle"] else None
    if args.demo:
        plan = _demo_plan(args, stack, options, bool(chosen["sounds"]))
        plan.settings = chosen
        return plan

    api_url = chosen["api_url"]
    if not api_url:
        return _problem(
            "No partner API address",
            "This desk does not know where the partner API is. Start it with "
            "--api-url URL, or set api_url in the settings file "
            f"{settings_module.user_file()}. To try the desk without one, start "
            "it with --demo.",
            exit_codes.USAGE,
        )
    try:
        check_api_url(api_url)
    except CommandError as error:
        return _problem("The partner API address is wrong", str(error), error.exit_code)
    return DeskPlan(
        data_dir=args.data_dir,
        api_url=api_url,
        options=options,
        ca_bundle=ca_bundle,
        sounds=bool(chosen["sounds"]),
        settings=chosen,
    )


def _problem(title: str, words: str, status: int) -> DeskPlan:
    # Said on standard error for a terminal, and in a dialog for everyone.
    print(f"concierge-app: {words}", file=sys.stderr)
    return DeskPlan(Path(), "", DeskOptions(), problem=(title, words, status))


def _demo_plan(
    args: argparse.Namespace,
    stack: contextlib.ExitStack,
    options: DeskOptions,
    sounds: bool,
) -> DeskPlan:
    from concierge_app.cli.demo_sandbox import DemoSandbox

    if args.data_dir is not None:
        data_dir = args.data_dir.expanduser().absolute()
    else:
        data_dir = Path(stack.enter_context(_temporary_folder()))
    # Started on the loop once the window shows, stopped after the loop
    # ends (before its temporary folder is removed).
    demo = DemoSandbox(data_dir, kept=args.data_dir is not None)
    stack.callback(demo.close)
    return DeskPlan(
        data_dir=data_dir / "desk",
        api_url="",
        options=DeskOptions(
            scanner_prefix=options.scanner_prefix,
            scanner_suffix=options.scanner_suffix,
            verifier_ttl=options.verifier_ttl,
            pull_interval=DEMO_PULL_INTERVAL,
        ),
        sounds=sounds,
        demo_samples=[],
        demo=demo,
    )


@contextlib.contextmanager
def _temporary_folder() -> Iterator[str]:
    # ignore_cleanup_errors: the store's lock file may still be closing.
    with tempfile.TemporaryDirectory(
        prefix="concierge-demo-", ignore_cleanup_errors=True
    ) as folder:
        yield folder


async def desk_main(app: QApplication, plan: DeskPlan) -> int:
    """The desk's life on the running loop: show, open, wait, close.

    The window shows its login page first, on a core still opening; the
    store, the client and the sounds are opened on the loop's next turns
    while the person types, and a store in use or damaged is told on the
    window.
    """
    from concierge_app.ui import startup, translations
    from concierge_app.ui.late_core import LateCore
    from concierge_app.ui.loop import last_window_closed
    from concierge_app.ui.main_window import DeskWindow
    from concierge_app.ui.settings_dialog import DeskPreferences

    chosen = plan.settings
    language = chosen["language"] if chosen is not None else "system"
    translations.install(app, translations.choose(language))
    if plan.problem is not None:
        title, words, status = plan.problem
        await startup.tell_problem(title, words)
        return status

    core = LateCore()
    window = DeskWindow(
        core,
        demo_samples=plan.demo_samples,
        preferences=(
            DeskPreferences.from_settings(chosen)
            if chosen
            else DeskPreferences(sounds=plan.sounds)
        ),
        save_preferences=settings_module.save_user if chosen else None,
    )
    window.show()
    window.raise_()
    window.activateWindow()
    # Listening from now on: the window may be closed before the core opens.
    closed = asyncio.get_running_loop().create_task(last_window_closed(app))
    try:
        with _closing_on_signals(window.close_without_asking):
            # One turn of the loop, so the window is drawn before the imports
            # and the store's opening hold the thread.
            await asyncio.sleep(0)
            return await _run_desk(app, plan, window, core, closed)
    finally:
        closed.cancel()
        window.deleteLater()


async def _run_desk(
    app: QApplication,
    plan: DeskPlan,
    window: DeskWindow,
    core: LateCore,
    closed: asyncio.Task[None],
) -> int:
    from concierge_app.ui import startup

    if plan.demo is not None:
        failed = await _start_demo(plan.demo, plan, window, closed)
        if failed is not None:
            window.close_without_asking()
            await window.finish()
            return failed
    opened = await _open_desk(plan, window)
    if isinstance(opened, int):
        # No core came: a login typed meanwhile is cancelled with the window.
        window.close_without_asking()
        await window.finish()
        return opened
    desk = opened
    desk_tasks: list[asyncio.Task[None]] = []
    try:
        if desk.store.recovery is not None:
            await startup.tell_info(
                "A fresh local store was started", desk.store.recovery.message, window
            )
        desk.start()
        core.attach(desk)
        if plan.demo is not None:
            filling = asyncio.get_running_loop().create_task(
                _fill_demo_menu(plan.demo, window)
            )
            desk_tasks.append(filling)
        # The rest on the next turns, each short, while the person types.
        await asyncio.sleep(0)
        window.build_desk_page()
        # Loaded even when the settings mute them: the dialog can turn them on.
        await asyncio.sleep(0)
        from concierge_app.ui.sounds import SoundPlayer

        window.banner.set_sounds(SoundPlayer(app))
        await closed
        await window.finish()
    finally:
        for task in desk_tasks:
            task.cancel()
        await desk.aclose()
    logger.info("The desk closed; its store and client are closed")
    return exit_codes.OK


async def _start_demo(
    demo: DemoSandbox, plan: DeskPlan, window: DeskWindow, closed: asyncio.Task[None]
) -> int | None:
    # The window is up: the note, then the server, in the demo's own thread;
    # a login typed meanwhile waits in the LateCore for the desk to open.
    from concierge_app.cli.demo_sandbox import DemoStartError
    from concierge_app.ui import startup

    window.set_demo_note(await demo.note())
    starting = asyncio.get_running_loop().create_task(demo.start())
    await asyncio.wait((starting, closed), return_when=asyncio.FIRST_COMPLETED)
    if not starting.done():
        # Closed before the sandbox was up: it is stopped once it is.
        starting.cancel()
        return exit_codes.OK
    try:
        plan.api_url = starting.result()
    except DemoStartError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem("The demo cannot start", str(error), window)
        return exit_codes.FAILURE

    # The demo's session is kept in memory, never in the keyring.
    from concierge_app.api.vault import MemoryVault

    plan.vault = MemoryVault()
    return None


async def _fill_demo_menu(demo: DemoSandbox, window: DeskWindow) -> None:
    window.add_demo_samples(await demo.samples())


@contextlib.contextmanager
def _closing_on_signals(close: Callable[[], None]) -> Iterator[None]:
    # A session logout (SIGTERM) or Ctrl+C in a terminal closes the window
    # and so takes the same clean way out; every receipt is already on disk.
    loop = asyncio.get_running_loop()
    installed = []
    for number in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(number, close)
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(number)
    try:
        yield
    finally:
        for number in installed:
            loop.remove_signal_handler(number)


async def _open_desk(plan: DeskPlan, window: DeskWindow) -> Desk | int:
    from concierge_app.store import (
        StoreDamaged,
        StoreError,
        StoreLocked,
        resolve_data_dir,
    )
    from concierge_app.sync.desk import Desk
    from concierge_app.ui import startup

    def open_it(recover: bool) -> Desk:
        return Desk.open(
            resolve_data_dir(plan.data_dir),
            plan.api_url,
            ca_bundle=plan.ca_bundle,
            options=plan.options,
            vault=plan.vault,
            recover=recover,
        )

    try:
        return open_it(False)
    except StoreLocked as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem("This desk is already open", str(error), window)
        return exit_codes.LOCKED
    except StoreDamaged as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        aside = f"{error.path.name}.damaged-<date and time>"
        if not await startup.ask_start_fresh(str(error), aside, window):
            return exit_codes.STORE_DAMAGED
    except StoreError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem(
            "The local store cannot be opened", str(error), window
        )
        return exit_codes.FAILURE

    try:
        return open_it(True)
    except StoreError as error:
        print(f"concierge-app: {error}", file=sys.stderr)
        await startup.tell_problem(
            "The local store cannot be opened", str(error), window
        )
        return exit_codes.FAILURE
