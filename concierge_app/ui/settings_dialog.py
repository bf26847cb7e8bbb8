"""The settings a desk may change itself, and the dialog that changes them.

A desk may change its language, its sounds, the scanner's prefix and
suffix, and its auto-lock minutes within the facility's bounds. The bounds
are the machine settings' locked `auto_lock_min_minutes` and
`auto_lock_max_minutes` (see `concierge_app.settings`), so only an
administrator moves them. What the dialog accepts is applied to the window
at once, except the language, which the desk takes at its next start, and is
saved to the user settings file; the machine file is never written.

A value the environment or the command line sets wins over the user file
at every start, so the dialog shows it and does not offer to change it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from concierge_app import settings as settings_module
from concierge_app.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

EDITABLE = (
    "language",
    "sounds",
    "scanner_prefix",
    "scanner_suffix",
    "auto_lock_minutes",
)
"""The settings a desk may change from the dialog."""

_FIXED_SOURCES = frozenset({"environment", "command line"})


@dataclass(frozen=True, slots=True)
class DeskPreferences:
    """What a desk may change, with the facility's bounds on auto-lock."""

    language: str = "system"
    sounds: bool = True
    scanner_prefix: str = ""
    scanner_suffix: str = ""
    auto_lock_minutes: int = 5
    auto_lock_bounds: tuple[int, int] = (1, 30)
    fixed: frozenset[str] = field(default_factory=frozenset)
    """Names set by the environment or the command line: shown, not editable."""

    @classmethod
    def from_settings(cls, chosen: settings_module.Settings) -> DeskPreferences:
        """The desk's preferences as the settings resolved them."""
        low = int(chosen["auto_lock_min_minutes"])
        high = max(low, int(chosen["auto_lock_max_minutes"]))
        return cls(
            language=str(chosen["language"]),
            sounds=bool(chosen["sounds"]),
            scanner_prefix=str(chosen["scanner_prefix"]),
            scanner_suffix=str(chosen["scanner_suffix"]),
            auto_lock_minutes=chosen.auto_lock_minutes,
            auto_lock_bounds=(low, high),
            fixed=frozenset(
                name
                for name in EDITABLE
                if chosen.sources.get(name, "default") in _FIXED_SOURCES
            ),
        )

    def changes(self) -> dict[str, object]:
        """The editable values, by setting name, as the user file keeps them."""
        return {
            name: getattr(self, name) for name in EDITABLE if name not in self.fixed
        }


SavePreferences = Callable[[Mapping[str, object]], object]
"""Keeps the accepted values (normally `settings.save_user`)."""


class SettingsDialog(QDialog):
    """Language, sounds, scanner prefix and suffix, auto-lock minutes."""

    def __init__(self, current: DeskPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = current
        self.setWindowTitle(self.tr("Desk settings"))
        self.setAccessibleName(self.tr("Desk settings"))

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("As the workstation (system)"), "system")
        # Each language is named in itself, so anyone can find their own.
        self.language.addItem("English", "en")
        self.language.addItem("Italiano", "it")
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.sounds = QCheckBox(self.tr("Play a sound for each verdict"), self)
        self.sounds.setChecked(current.sounds)
        self.prefix = QLineEdit(current.scanner_prefix, self)
        self.prefix.setAccessibleName(self.tr("Scanner prefix"))
        self.suffix = QLineEdit(current.scanner_suffix, self)
        self.suffix.setAccessibleName(self.tr("Scanner suffix"))
        low, high = current.auto_lock_bounds
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setAccessibleName(self.tr("Auto-lock minutes"))
        self.auto_lock.setRange(low, high)
        self.auto_lock.setValue(min(max(current.auto_lock_minutes, low), high))
        self.auto_lock.setSuffix(self.tr(" min"))

        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language)
        form.addRow(
            "",
            self._note(self.tr("A new language shows the next time the desk starts.")),
        )
        form.addRow(self.tr("&Sounds"), self.sounds)
        form.addRow(self.tr("Scanner &prefix"), self.prefix)
        form.addRow(self.tr("Scanner s&uffix"), self.suffix)
        form.addRow(self.tr("&Auto-lock after"), self.auto_lock)
        form.addRow(
            "",
            self._note(
                self.tr("The facility allows {low} to {high} minutes.").format(
                    low=low, high=high
                )
            ),
        )
        for name, widget in self._widgets().items():
            if name in current.fixed:
                widget.setEnabled(False)
                widget.setToolTip(
                    self.tr("Set by the environment or the command line.")
                )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)

    def _note(self, text: str) -> QLabel:
        note = QLabel(text, self)
        note.setWordWrap(True)
        return note

    def _widgets(self) -> dict[str, QWidget]:
        return {
            "language": self.language,
            "sounds": self.sounds,
            "scanner_prefix": self.prefix,
            "scanner_suffix": self.suffix,
            "auto_lock_minutes": self.auto_lock,
        }

    def preferences(self) -> DeskPreferences:
        """The values as the dialog shows them now."""
        return replace(
            self._current,
            language=str(self.language.currentData()),
            sounds=self.sounds.isChecked(),
            scanner_prefix=self.prefix.text(),
            scanner_suffix=self.suffix.text(),
            auto_lock_minutes=self.auto_lock.value(),
        )
