"""The demo's words: its menu's sample names and the note on the login page.

The command line decides what the demo holds (which users, which samples,
where its data lives) and hands it over as data; the words are made here,
in the ui, so they are translated like every other visible string.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from concierge_app.ui.qt import QObject


@dataclass(frozen=True, slots=True)
class DemoUser:
    """One user of the demo sandbox; the password is the user name."""

    username: str
    display_name: str
    supervisor: bool
    facility_name: str


@dataclass(frozen=True, slots=True)
class DemoNote:
    """What the login page tells a person trying the demo."""

    users: tuple[DemoUser, ...]
    data_folder: Path
    kept: bool
    """True when the data folder was given and stays after the demo."""


class DemoWords(QObject):
    """The demo's visible words, in the desk's language."""

    def sample(self, kind: str) -> str:
        """The Demo menu's name for a sample of `kind`; other text as it is."""
        names = {
            "accepted": self.tr("Accepted"),
            "already_received": self.tr("Already received"),
            "wrong_facility": self.tr("Wrong facility"),
            "not_captured": self.tr("Not captured"),
            "released_early": self.tr("Released early (supervisor override)"),
            "signed_label": self.tr("Signed label"),
            "unknown_token": self.tr("Unknown token"),
            "unreadable": self.tr("Unreadable text"),
            "order_id": self.tr("An order id"),
        }
        return names.get(kind, kind)

    def note(self, note: DemoNote) -> str:
        """The login page's note: the users, the menu, where the data lives."""
        users = "\n".join(self._user(user) for user in note.users)
        if note.kept:
            where = self.tr("Demo data folder, kept:\n{folder}")
        else:
            where = self.tr(
                "Demo data in a temporary folder, removed on exit:\n{folder}"
            )
        return "\n".join(
            [
                self.tr("Demo: sandbox data, no real goods."),
                self.tr("Users (the password is the user name):"),
                users,
                self.tr("The Demo menu (Alt+M) scans a sample of every verdict."),
                where.format(folder=note.data_folder),
            ]
        )

    def _user(self, user: DemoUser) -> str:
        if user.supervisor:
            line = self.tr("• {user} — {name} (supervisor), {facility}")
        else:
            line = self.tr("• {user} — {name}, {facility}")
        return line.format(
            user=user.username, name=user.display_name, facility=user.facility_name
        )
