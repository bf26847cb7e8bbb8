"""`concierge-app diagnostics --out FILE.zip`: one file for a support ticket.

The bundle holds, each member masked by `support_log.mask_secrets` on the
way in (passwords, bearer and refresh tokens, security tokens, the
password of a URL):

    README.txt        what the bundle is, when and on which machine it was made
    versions.json     the app, Python, PySide6 and Qt, the OS
    settings.json     every resolved setting with its source, the settings files
    queue.json        the receipt queue by state (the store opened read-only)
    logs/...          the support log files, current and rotated

It needs no network or login and works while the desk is open. A part that
cannot be read (no store yet, a broken settings file) is recorded in its
member as `"error"`, so the bundle is still made.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import platform
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from concierge_app import __version__
from concierge_app import settings as settings_module
from concierge_app.cli import exit_codes, support_log
from concierge_app.cli.common import add_data_dir
from concierge_app.cli.errors import CommandError

logger = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `diagnostics` to the command line."""
    parser = commands.add_parser(
        "diagnostics",
        help="write logs, versions, settings and queue counts to a zip for support",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, required=True, help="the zip file to write")
    add_data_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Collect every part, write the zip, print where it is."""
    # Imported here, not at the top: parsing the command line stays cheap.
    from concierge_app.store import resolve_data_dir

    out: Path = args.out
    if out.is_dir():
        raise CommandError(
            f"--out {out} is a folder; name a .zip file", exit_codes.USAGE
        )
    if not out.parent.is_dir():
        raise CommandError(
            f"the folder of --out {out} does not exist", exit_codes.USAGE
        )

    logs = log_files()
    members: dict[str, str] = {
        "README.txt": _readme(),
        "versions.json": _json(versions()),
        "settings.json": _json(resolved_settings()),
        "queue.json": _json(queue_counts(resolve_data_dir(args.data_dir))),
    }
    for path in logs:
        members[f"logs/{path.name}"] = path.read_text(
            encoding="utf-8", errors="replace"
        )

    # Written aside and renamed, so a failure never leaves half a bundle.
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, text in members.items():
                bundle.writestr(name, support_log.mask_secrets(text))
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandError(
            f"cannot write {out}: {error.strerror or error}", exit_codes.FAILURE
        ) from error

    logger.info("diagnostics written to %s (%d log files)", out, len(logs))
    print(f"wrote {out} ({len(logs)} log files, versions, settings, queue)")
    return exit_codes.OK


def log_files() -> list[Path]:
    """The support log files of this session's log folder, current first."""
    current = None
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            current = Path(handler.baseFilename)
            handler.flush()
    if current is None:
        current = support_log.log_dir() / "concierge-app.log"
    rotated = sorted(
        current.parent.glob(current.name + ".*"),
        key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0,
    )
    return [p for p in [current, *rotated] if p.is_file()]


def versions() -> dict[str, Any]:
    """What support needs to reproduce the machine."""
    found: dict[str, Any] = {
        "app": __version__,
        "python": sys.version,
        "os": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
    }
    try:
        import PySide6

        from concierge_app.ui.qt import qVersion

        found["pyside6"] = PySide6.__version__
        found["qt"] = qVersion()
    except ImportError as error:
        found["qt"] = f"cannot be loaded: {error}"
    return found


def resolved_settings() -> dict[str, Any]:
    """Every setting's value and source, and the files they were read from."""
    files = {
        "machine_file": str(settings_module.machine_file()),
        "machine_file_exists": settings_module.machine_file().is_file(),
        "user_file": str(settings_module.user_file()),
        "user_file_exists": settings_module.user_file().is_file(),
        "locked": [s.name for s in settings_module.SETTINGS if s.locked],
    }
    try:
        resolved = settings_module.load()
    except settings_module.SettingsError as error:
        return {**files, "error": str(error)}
    values = {
        name: {"value": value, "source": resolved.sources[name]}
        for name, value in resolved.values.items()
    }
    return {**files, "settings": values}


def queue_counts(data_dir: Path) -> dict[str, Any]:
    """The queue by state, as `concierge-app queue` shows it, or why not."""
    # Imported here, not at the top: parsing the command line stays cheap.
    from concierge_app.store import Store, StoreError

    try:
        with Store.open_readonly(data_dir) as store:
            counts = store.counts()
            oldest = store.oldest_queued_at()
            attention = store.needs_attention_count()
            workstation = store.workstation_id
    except StoreError as error:
        return {"data_dir": str(data_dir), "error": str(error)}
    return {
        "data_dir": str(data_dir),
        "workstation_id": workstation,
        "by_state": {str(state): n for state, n in sorted(counts.items())},
        "needs_attention": attention,
        "oldest_queued_at": oldest.isoformat() if oldest else None,
    }


def _readme() -> str:
    made = datetime.now(UTC).isoformat(timespec="seconds")
    return (
        f"concierge-app {__version__} diagnostics, made {made} on "
        f"{platform.node()}.\n"
        "versions.json: app, Python, Qt, OS. settings.json: each setting's value "
        "and source.\nqueue.json: receipts by state. logs/: the support log "
        "files.\nSecrets are masked in every file.\n"
    )


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"
