"""The verdict banner: one scan's verdict, large, in colour, icon and words.

The verdict is set synchronously in `show_verdict`, with no animation, so
it is on screen at the next frame; its sound starts at the same moment.
Colour is never the only signal: each tone has its own icon shape, and the
headline says the verdict in words.
"""

from __future__ import annotations

from concierge_app.domain.messages import describe
from concierge_app.domain.verdict import Tone, Verdict
from concierge_app.ui.icons import TONE_COLOURS, tone_pixmap
from concierge_app.ui.phrase_book import PhraseBook
from concierge_app.ui.qt import (
    QColor,
    QFont,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPalette,
    QPixmap,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from concierge_app.ui.sounds import SoundPlayer

# How much larger than the window's font the banner's texts are.
HEADLINE_SCALE = 2.4
INSTRUCTION_SCALE = 1.35


class VerdictBanner(QFrame):
    """Shows the latest verdict, or that the desk is ready for a scan."""

    verdict_shown = Signal(object)
    """A `Verdict` has just been put on screen."""

    def __init__(
        self, sounds: SoundPlayer | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setAccessibleName(self.tr("Verdict"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._sounds = sounds
        self._muted = False
        self._phrases = PhraseBook(self)
        self._tone: Tone | None = None
        self._verdict: Verdict | None = None
        self._default_palette = QPalette(self.palette())

        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._headline = self._label(HEADLINE_SCALE, bold=True)
        self._instruction = self._label(INSTRUCTION_SCALE)
        self._hint = self._label(1.0)
        self._hint.setObjectName("layoutHint")

        texts = QVBoxLayout()
        texts.addWidget(self._headline)
        texts.addWidget(self._instruction)
        texts.addWidget(self._hint)
        texts.addStretch(1)
        row = QHBoxLayout(self)
        spacing = QFontMetrics(self.font()).height()
        row.setContentsMargins(spacing, spacing, spacing, spacing)
        row.setSpacing(spacing)
        row.addWidget(self._icon)
        row.addLayout(texts, 1)

        self.show_ready()

    def set_sounds(self, sounds: SoundPlayer | None) -> None:
        """Play verdicts through `sounds` from now on (None: silent)."""
        self._sounds = sounds

    @property
    def muted(self) -> bool:
        """True while the desk's settings keep the sounds quiet."""
        return self._muted

    def set_muted(self, muted: bool) -> None:
        """Keep the sounds quiet (the desk's settings turned them off), or not."""
        self._muted = muted

    def _label(self, scale: float, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    @property
    def tone(self) -> Tone | None:
        """The tone on screen, or None while the desk is ready for a scan."""
        return self._tone

    @property
    def verdict(self) -> Verdict | None:
        """The verdict on screen, if the banner shows one."""
        return self._verdict

    def headline(self) -> str:
        """The large words on screen."""
        return self._headline.text()

    def instruction(self) -> str:
        """The words beneath the headline."""
        return self._instruction.text()

    def layout_hint(self) -> str:
        """The keyboard-layout hint on screen, or "" when there is none."""
        return self._hint.text() if not self._hint.isHidden() else ""

    def icon(self) -> QPixmap:
        """The icon on screen; a null pixmap while the desk is ready."""
        return self._icon.pixmap()

    def show_verdict(self, verdict: Verdict) -> None:
        """Put one verdict on screen now, and sound its tone."""
        message = describe(verdict)
        words = self._phrases.words
        hint = ""
        if verdict.layout_hint:
            hint = self.tr("Keyboard layout: {hint}")
            hint = hint.format(hint=words(verdict.layout_hint))
        self._verdict = verdict
        self._show(
            verdict.tone,
            words(message.headline),
            " ".join(words(sentence) for sentence in message.sentences),
            hint,
        )
        self.verdict_shown.emit(verdict)

    def show_problem(
        self, headline: str, instruction: str, tone: Tone = Tone.NOTICE
    ) -> None:
        """Show words that are not a verdict, such as a scan that failed to run."""
        self._verdict = None
        self._show(tone, headline, instruction, "")

    def show_info(self, headline: str, instruction: str) -> None:
        """Calm words that are not a verdict, with no colour and no sound."""
        self.show_ready()
        self._headline.setText(headline)
        self._instruction.setText(instruction)
        self.setAccessibleDescription(f"{headline}. {instruction}")

    def show_ready(self) -> None:
        """The calm state before the first scan."""
        self._verdict = None
        self._tone = None
        self.setPalette(self._default_palette)
        self._icon.clear()
        self._icon.hide()
        self._headline.setText(self.tr("Ready to scan"))
        self._instruction.setText(
            self.tr("Scan the label on the package, or type its token and press Enter.")
        )
        self._hint.hide()
        self.setAccessibleDescription(self._headline.text())

    def _show(self, tone: Tone, headline: str, instruction: str, hint: str) -> None:
        colours = TONE_COLOURS[tone]
        palette = QPalette(self._default_palette)
        palette.setColor(QPalette.ColorRole.Window, QColor(colours.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colours.text))
        self.setPalette(palette)

        size = round(QFontMetrics(self._headline.font()).height() * 1.8)
        self._icon.setPixmap(tone_pixmap(tone, size, self.devicePixelRatioF()))
        self._icon.show()
        self._headline.setText(headline)
        self._instruction.setText(instruction)
        self._hint.setText(hint)
        self._hint.setVisible(bool(hint))
        self._tone = tone
        self.setAccessibleDescription(f"{headline}. {instruction}")
        self.play(tone)

    def play(self, tone: Tone) -> None:
        """Sound `tone`, unless the desk is silent or muted (shown or not)."""
        if self._sounds is not None and not self._muted:
            self._sounds.play(tone)
