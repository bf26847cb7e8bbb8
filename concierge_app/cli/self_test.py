"""`concierge-app --self-test`: prove that this installation can run the desk.

It is what an installer, a packaging test or support runs on a workstation,
with no display, network or login: it starts the Qt application offscreen,
imports every module of the app, loads every packaged resource (and each
translation, when there are any), opens and checks a store in a temporary
folder, and starts and queries an in-process sandbox. It prints one line
and exits 0 when everything works; otherwise it names each part that
failed on standard error and exits 1.
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import pkgutil
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import concierge_app
from concierge_app import __version__
from concierge_app.cli import exit_codes

logger = logging.getLogger(__name__)

REQUIRED_RESOURCES = (
    "openapi.yaml",
    "icons/concierge-app.png",
    "icons/concierge-app.svg",
    "sounds/accepted.wav",
    "sounds/notice.wav",
    "sounds/refused.wav",
    "sounds/read.wav",
)
"""Files the app cannot do without; a build that lost one fails the test."""


_keep: list[object] = []
"""The QApplication the self-test made, kept alive until the process exits."""


class CheckFailed(Exception):
    """One check's failure, in words for the summary."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--self-test` on the top-level parser: it replaces the desk as the command."""
    parser.add_argument(
        "--self-test",
        dest="run",
        action="store_const",
        const=run,
        help="check this installation offscreen (Qt, resources, store, sandbox), "
        "print one line and exit 0, or name what failed and exit 1",
    )


def run(args: argparse.Namespace) -> int:
    """Run every check; print the one-line summary; return the exit status."""
    passed, failed, seconds = run_checks()
    if failed:
        line = f"concierge-app {__version__} self-test FAILED: " + "; ".join(failed)
        logger.error("%s", line)
        print(line, file=sys.stderr)
        return exit_codes.FAILURE

    line = f"concierge-app {__version__} self-test passed in {seconds:.1f} s: "
    line += "; ".join(passed)
    logger.info("%s", line)
    print(line)
    return exit_codes.OK


def run_checks(
    resource_root: Traversable | None = None,
) -> tuple[list[str], list[str], float]:
    """Each check's result: what passed, what failed (named), and the seconds.

    `resource_root` replaces the packaged `resources/` folder (for tests).
    """
    started = time.monotonic()
    checks: list[tuple[str, Callable[[], str]]] = [
        ("qt", check_qt),
        ("modules", check_modules),
        ("resources", lambda: check_resources(resource_root)),
        ("translations", lambda: check_translations(resource_root)),
        ("sounds", check_sounds),
        ("store", check_store),
        ("sandbox", check_sandbox),
    ]

    passed: list[str] = []
    failed: list[str] = []
    for name, check in checks:
        try:
            passed.append(check())
        except CheckFailed as error:
            failed.append(f"{name} ({error})")
        except Exception as error:  # noqa: BLE001 - the summary names any failure
            failed.append(f"{name} ({type(error).__name__}: {error})")
    return passed, failed, time.monotonic() - started


def check_qt() -> str:
    """The Qt application, offscreen whatever the workstation's display."""
    from concierge_app.ui.loop import send_qt_messages_to_log
    from concierge_app.ui.qt import QApplication, qVersion

    # Qt's notices (no sound server, say) go to the support log, so the
    # summary is the only line a script has to read.
    send_qt_messages_to_log()
    app = QApplication.instance()
    if app is None:
        # The application must outlive this function for the checks after it.
        app = QApplication(["concierge-app", "-platform", "offscreen"])
        _keep.append(app)
    platform = app.platformName() if isinstance(app, QApplication) else "?"
    return f"Qt {qVersion()} {platform}"


def check_modules() -> str:
    """Import every module of the app, as a frozen build must have them all."""
    names = [
        info.name
        for info in pkgutil.walk_packages(
            concierge_app.__path__, prefix="concierge_app."
        )
    ]
    broken: list[str] = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - each broken module is named
            broken.append(f"{name}: {type(error).__name__}: {error}")
    if broken:
        raise CheckFailed(", ".join(broken))
    if len(names) < 10:
        raise CheckFailed(f"only {len(names)} modules found")
    return f"{len(names)} modules"


def check_resources(root: Traversable | None = None) -> str:
    """Every packaged file, read and parsed by what the app reads it with."""
    from concierge_app.ui.resources import resource_names, resource_root

    folder = root if root is not None else resource_root()
    names = resource_names(folder)
    problems = [
        f"{name} is missing" for name in REQUIRED_RESOURCES if name not in names
    ]
    for name in names:
        try:
            _check_resource(name, folder.joinpath(name).read_bytes())
        except (CheckFailed, OSError) as error:
            problems.append(f"{name}: {error}")
    if problems:
        raise CheckFailed(", ".join(problems))
    return f"{len(names)} resources"


def _check_resource(name: str, data: bytes) -> None:
    from concierge_app.ui.qt import QImage

    if not data:
        raise CheckFailed("empty")
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix in ("png", "svg", "ico"):
        if QImage.fromData(data).isNull():
            raise CheckFailed("Qt cannot read this image")
    elif suffix == "wav":
        try:
            with wave.open(io.BytesIO(data)) as sound:
                frames = sound.getnframes()
        except (wave.Error, EOFError) as error:
            raise CheckFailed(f"not a WAV file ({error})") from None
        if frames == 0:
            raise CheckFailed("a WAV file with no sound")
    elif suffix == "yaml":
        import yaml

        try:
            document = yaml.safe_load(data)
        except yaml.YAMLError as error:
            raise CheckFailed(f"not YAML ({error})") from None
        if not isinstance(document, dict) or "paths" not in document:
            raise CheckFailed("not an OpenAPI document")


def check_translations(root: Traversable | None = None) -> str:
    """Each compiled translation loads into a QTranslator."""
    from concierge_app.ui.qt import QTranslator
    from concierge_app.ui.resources import resource_root, translation_names

    folder = root if root is not None else resource_root()
    names = translation_names(folder)
    broken: list[str] = []
    for name in names:
        with resources.as_file(folder.joinpath(name)) as path:
            if not QTranslator().load(str(path)):
                broken.append(name)
    if broken:
        raise CheckFailed("Qt cannot load " + ", ".join(broken))
    return f"{len(names)} translations"


def check_sounds() -> str:
    """Qt multimedia is there; silence for want of an audio device is fine."""
    from concierge_app.ui.qt import load_multimedia
    from concierge_app.ui.sounds import SoundPlayer

    if load_multimedia() is None:
        raise CheckFailed("Qt multimedia is missing")
    player = SoundPlayer()
    state = "silent, no audio output" if player.silent else "ok"
    player.deleteLater()
    return f"sounds {state}"


def check_store() -> str:
    """A fresh store: created, migrated, checked, reopened read-only."""
    from concierge_app.store import Store

    with tempfile.TemporaryDirectory(prefix="concierge-app-self-test-") as folder:
        store = Store.open(Path(folder))
        try:
            queued = sum(store.counts().values())
            audit = store.verify_audit()
        finally:
            store.close()
        if queued:
            raise CheckFailed(f"a new store holds {queued} receipts")
        if not audit.ok:
            raise CheckFailed(f"audit chain of a new store: {audit.problem}")

        reader = Store.open_readonly(Path(folder))
        reader.close()
    return "store ok"


def check_sandbox() -> str:
    """The in-process sandbox answers over loopback HTTP."""
    import httpx

    from concierge_app.sandbox.server import SandboxServer

    with SandboxServer() as server, httpx.Client(timeout=10) as client:
        tokens = client.get(server.url + "/_sandbox/tokens")
        orders = client.get(server.url + "/orders")
    if tokens.status_code != 200 or not tokens.json():
        raise CheckFailed(f"GET /_sandbox/tokens answered {tokens.status_code}")
    if orders.status_code != 401:
        raise CheckFailed(f"GET /orders without login answered {orders.status_code}")
    return "sandbox ok"
