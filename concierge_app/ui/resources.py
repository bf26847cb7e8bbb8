"""The app's packaged files: icons, sounds, translations and the contract.

Everything under `concierge_app/resources/` is read through
`importlib.resources`, never through `__file__`, so the same code finds
the files in a source checkout, an installed wheel and the frozen build.
Qt wants real file names for some of them (sounds), so `resource_path`
extracts a file when the package lives in an archive and keeps it until
the process exits.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from concierge_app.ui.qt import QIcon

APP_ICON = "icons/concierge-app.png"
TRANSLATIONS = "translations"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def resource_root() -> Traversable:
    """The packaged `resources/` folder."""
    return resources.files("concierge_app").joinpath("resources")


def resource(name: str) -> Traversable:
    """The packaged file `name`, a path below `resources/` with `/` separators."""
    return resource_root().joinpath(name)


def resource_names(root: Traversable | None = None) -> list[str]:
    """Every file below `root` (the packaged resources), as names, sorted."""
    names: list[str] = []
    pending: list[tuple[str, Traversable]] = [("", root or resource_root())]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file():
                names.append(prefix + entry.name)
    return sorted(names)


def translation_names(root: Traversable | None = None) -> list[str]:
    """The compiled Qt translations (`.qm`) the package ships."""
    prefix = TRANSLATIONS + "/"
    names = resource_names(root)
    return [n for n in names if n.startswith(prefix) and n.endswith(".qm")]


@functools.cache
def resource_path(name: str) -> Path:
    """A real file holding the resource, for APIs that take a file name."""
    return _extracted.enter_context(resources.as_file(resource(name)))


def app_icon() -> QIcon:
    """The window and task bar icon."""
    return QIcon(str(resource_path(APP_ICON)))
