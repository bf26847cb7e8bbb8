"""From a key to a dialog to the core: damage note, supervisor override, resolve.

`ReceiptActions` follows the scans the window shows: after an acceptance
Ctrl+D marks that package damaged with a note (a new version of its
receipt); after a released-early refusal Ctrl+O asks for a supervisor's
credentials and a reason and accepts the package on them; in the Needs
attention tab Resolve asks what was done. Every dialog is opened with
`open()`; a refused override keeps its dialog open and says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from concierge_app.domain.verdict import Verdict, VerdictKind
from concierge_app.store import InvalidReceipt, ListedReceipt, StoreError
from concierge_app.sync.shift import (
    OverrideFailure,
    OverrideOutcome,
    OverrideRefused,
    ShiftService,
)
from concierge_app.ui.lists import words
from concierge_app.ui.lists.panel import ShiftLists
from concierge_app.ui.loop import Background
from concierge_app.ui.ports import ScanOutcome
from concierge_app.ui.qt import QDialog, QObject, QWidget
from concierge_app.ui.receipt_dialogs import NoteDialog, OverrideDialog

logger = logging.getLogger(__name__)


class ReceiptActions(QObject):
    """The after-scan actions of one desk window."""

    def __init__(
        self,
        window: QWidget,
        shift: ShiftService,
        lists: ShiftLists,
        *,
        show_outcome: Callable[[ScanOutcome], None],
        tell: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._shift = shift
        self._lists = lists
        self._show_outcome = show_outcome
        self._tell = tell
        self._background = Background(self._on_failure)
        self._accepted: tuple[str, Verdict] | None = None
        self._released_early: Verdict | None = None
        self.dialog: QDialog | None = None
        """The dialog open now, if any (the tests drive it)."""

    # Following the scans

    def on_scan_finished(self, outcome: ScanOutcome) -> None:
        """Remember what the last scan makes possible."""
        verdict = outcome.verdict
        if verdict is None:
            return
        if verdict.is_acceptance and outcome.receipt_id is not None:
            self._accepted = (outcome.receipt_id, verdict)
        if verdict.kind is VerdictKind.RELEASED_EARLY:
            self._released_early = verdict
        elif verdict.is_acceptance or verdict.kind is not VerdictKind.UNREADABLE:
            self._released_early = None

    def forget(self) -> None:
        """A new person at the desk: nothing of the last one's scans carries over."""
        self._accepted = None
        self._released_early = None
        if self.dialog is not None:
            self.dialog.reject()

    # Damage note

    def mark_damaged(self) -> None:
        """Ask for a damage note on the package accepted last."""
        if self._accepted is None:
            self._tell(self.tr("Accept a package first, then mark it damaged."))
            return
        receipt_id, verdict = self._accepted
        subject = self.tr(
            "Mark package {package} of order {order} as damaged. The change is "
            "kept here and sent as a new version of its receipt."
        ).format(package=_package(verdict), order=verdict.order_id or "—")
        current = self._shift.queries.receipts([receipt_id]).get(receipt_id)
        dialog = NoteDialog(
            self.tr("Damaged package"),
            subject,
            self.tr("&Mark damaged"),
            note=current.receipt.note if current is not None else "",
            required=False,
            parent=self._window,
        )
        dialog.note_given.connect(lambda note: self._on_damage_note(receipt_id, note))
        self._open(dialog)

    def _on_damage_note(self, receipt_id: str, note: str) -> None:
        try:
            amended = self._shift.mark_damaged(receipt_id, note)
        except (StoreError, InvalidReceipt) as error:
            self._tell(str(error))
            return
        self._tell(
            self.tr(
                "Marked damaged (version {version}); it syncs as a new version."
            ).format(version=amended.version)
        )

    # Supervisor override

    def override(self) -> None:
        """Ask a supervisor to accept the package just refused as released early."""
        verdict = self._released_early
        if verdict is None or verdict.package_id is None:
            self._tell(
                self.tr(
                    "A supervisor override is for a package just refused as "
                    "released early; scan it first."
                )
            )
            return
        subject = self.tr(
            "Package {package} of order {order} was released without Manna "
            "documents. A supervisor may accept it with a note."
        ).format(package=_package(verdict), order=verdict.order_id or "—")
        dialog = OverrideDialog(subject, self._window)
        package_id = verdict.package_id
        dialog.override_requested.connect(
            lambda supervisor, password, note: self._background.start(
                "supervisor override",
                self._shift.receive_overridden(package_id, supervisor, password, note),
                lambda outcome: self._on_override(dialog, outcome),
            )
        )
        self._open(dialog)

    def _on_override(self, dialog: OverrideDialog, outcome: OverrideOutcome) -> None:
        # The dialog may be gone (the desk locked meanwhile): an accepted
        # override is a stored receipt, so its verdict is shown regardless.
        still_open = self.dialog is dialog
        if isinstance(outcome, OverrideRefused):
            if still_open:
                dialog.show_error(self._refusal_words(outcome))
            return
        if still_open:
            dialog.accept()
        self._released_early = None
        self._show_outcome(outcome)

    def _refusal_words(self, refused: OverrideRefused) -> str:
        cause = refused.cause
        if cause is OverrideFailure.WRONG_CREDENTIALS:
            return self.tr(
                "Wrong supervisor user name or password: the package is NOT accepted."
            )
        if cause is OverrideFailure.NOT_SUPERVISOR:
            return self.tr(
                "{user} is not a supervisor of this facility: the package is NOT "
                "accepted."
            ).format(user=refused.supervisor)
        if cause is OverrideFailure.LOCKED:
            return self.tr(
                "{user} is locked out after wrong passwords; try again later."
            ).format(user=refused.supervisor)
        if cause is OverrideFailure.UNAVAILABLE:
            return self.tr(
                "The supervisor cannot be checked: the desk is offline and {user} "
                "has not logged in at this workstation recently."
            ).format(user=refused.supervisor)
        if cause is OverrideFailure.NO_NOTE:
            return self.tr("Write why the package may be accepted.")
        return self.tr("Scan the package again, then ask for the override.")

    # Resolving what needs attention

    def resolve(self, listed: ListedReceipt | None = None) -> None:
        """Ask how a receipt needing attention was dealt with."""
        listed = listed or self._lists.attention_tab.selected()
        if listed is None:
            self._tell(self.tr("Select a receipt in Needs attention to resolve it."))
            return
        receipt_id = listed.receipt_id
        subject = self.tr("{state} — order {order}, package {package}. {cause}").format(
            state=words.state_text(listed),
            order=words.order_text(listed.receipt.order_id),
            package=words.package_text(listed),
            cause=words.cause_text(listed),
        )
        dialog = NoteDialog(
            self.tr("Resolve"),
            subject,
            self.tr("&Resolve"),
            parent=self._window,
        )
        dialog.note_given.connect(lambda note: self._on_resolution(receipt_id, note))
        self._open(dialog)

    def _on_resolution(self, receipt_id: str, note: str) -> None:
        try:
            self._shift.resolve(receipt_id, note)
        except (StoreError, ValueError) as error:
            self._tell(str(error))
            return
        self._tell(self.tr("Resolved; the note is in the audit log."))

    # Dialogs

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _on_failure(self, what: str, error: BaseException) -> None:
        self._tell(self.tr("Something went wrong; see the support log."))
        if isinstance(self.dialog, OverrideDialog):
            self.dialog.show_error(
                self.tr("The override could not be checked; nothing was received.")
            )

    async def finish(self) -> None:
        """End a check still running (the window is closing)."""
        await self._background.cancel_and_wait()


def _package(verdict: Verdict) -> str:
    if verdict.number is None or verdict.count is None:
        return "—"
    return f"{verdict.number}/{verdict.count}"
