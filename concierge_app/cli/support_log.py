"""The support log: a rotating file in the user log folder, secrets masked.

Format: `2026-03-14 10:30:00,123 INFO concierge_app.sync.engine: message`.
Retention: the current file plus five older ones of at most 2 MB each, so
a support ticket holds several days of a busy desk and never more than
12 MB. Messages never carry secrets by construction; the filter here is a
second line of defence that masks anything shaped like a security token or
a bearer token before it reaches a handler.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

import platformdirs

from concierge_app.settings import APP_NAME

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5

_SYMBOL = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]"
_TOKEN_SHAPED = re.compile(
    rf"(?<![0-9A-Za-z])(?:{_SYMBOL}{{4}}-?){{4}}{_SYMBOL}"
    r"(?![0-9A-Za-z])"
)
# `password=x`, `"password": "x"`, `Bearer x`, and the same for the tokens.
_BEARER = re.compile(
    r"(?i)(bearer\s+|(?:access_token|refresh_token|password)[\"']?\s*[=:]\s*[\"']?)"
    r"[^\s&\"',]+"
)
_URL_CREDENTIALS = re.compile(r"(?<=://)[^/\s@:]+:[^/\s@]+@")


def mask_secrets(text: str) -> str:
    """Replace token-shaped strings, bearer/password values and the password
    of a URL with a mask."""
    text = _BEARER.sub(lambda m: m.group(1) + "<masked>", text)
    text = _URL_CREDENTIALS.sub("<masked>@", text)
    return _TOKEN_SHAPED.sub("<token>", text)


class SecretMask(logging.Filter):
    """Masks secrets in the formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drops a record."""
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def log_dir() -> Path:
    """The folder of the support log."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def install(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Send the app's logs to the rotating support file; returns its path."""
    target = (folder or log_dir()) / "concierge-app.log"
    root = logging.getLogger()
    for existing in root.handlers:
        # Installing twice (the command line, then the desk) keeps one file.
        if getattr(existing, "baseFilename", None) == str(target.resolve()):
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(SecretMask())

    root.setLevel(level)
    root.addHandler(handler)
    for noisy in ("httpx", "httpcore", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return target
