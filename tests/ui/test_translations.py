"""English and Italian: every visible string translated, the window in Italian.

The catalogue check runs lupdate over the ui's sources into a copy of each
committed `.ts` and fails on any string without a translation, or on a
`.qm` that is not compiled from its `.ts` (tools/translations.py --check).
The window test runs the real desk on the sandbox with the Italian
catalogue installed, as the desk does for `language = "it"`.
"""

from __future__ import annotations

import importlib.util
import os
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from concierge_app.domain.phrases import ENGLISH, Phrase
from concierge_app.ui import translations
from concierge_app.ui.lists.today_model import TodayModel
from concierge_app.ui.main_window import DeskWindow
from concierge_app.ui.phrase_book import PhraseBook
from tests.sandbox_fixtures import SandboxAdmin
from tests.ui.test_desk_on_sandbox import WindowOpener, scan_and_wait

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "translations.py"
ITALIAN_TS = ROOT / "concierge_app/resources/translations/concierge_app_it.ts"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_visible_string_is_translated_and_every_qm_is_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.stdout == ""
    assert result.returncode == 0, result.stderr


def test_the_check_finds_a_string_that_has_no_translation(tmp_path: Path) -> None:
    tool = _tool()
    source = tmp_path / "new_widget.py"
    source.write_text(
        "class NewWidget(QWidget):\n"
        "    def __init__(self):\n"
        "        self.tr('A string nobody translated')\n",
        encoding="utf-8",
    )
    copy = tmp_path / "it.ts"
    copy.write_bytes(ITALIAN_TS.read_bytes())

    tool.update(copy, "it", False, [str(source)])

    assert tool.unfinished(copy) == ["NewWidget: 'A string nobody translated'"]


def test_the_check_finds_the_calls_lupdate_skips(tmp_path: Path) -> None:
    tool = _tool()
    source = tmp_path / "paper.py"
    source.write_text(
        "translate = QCoreApplication.translate\n"
        "heading = f\"<h1>{translate('Paper', 'In an f-string')}</h1>\"\n"
        "foot = translate('Paper', '%n lines in all', '', len(lines))\n"
        "class Paper(QObject):\n"
        "    def count(self, n):\n"
        "        return self.tr('%n sheets', '', n)\n",
        encoding="utf-8",
    )
    copy = tmp_path / "it.ts"
    copy.write_bytes(ITALIAN_TS.read_bytes())

    tool.update(copy, "it", False, [str(source)])

    assert sorted(tool.missed(copy, [str(source)])) == [
        f"{source}:2: 'In an f-string'",
        f"{source}:3: '%n lines in all'",
    ]


def _sample(key: str) -> Phrase:
    fields = {name for _, name, _, _ in string.Formatter().parse(ENGLISH[key]) if name}
    values: dict[str, object] = {name: f"<{name}>" for name in fields}
    if "when" in fields:
        values["when"] = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    if key == "accepted.missing":
        values["packages"] = "package 2, package 3"
        values["numbers"] = (2, 3)
    if "reason" in fields:
        values["reason"] = Phrase("reason.capture_failed")
    return Phrase(key, **values)


def test_the_phrase_book_has_every_domain_phrase_in_the_same_english(qloop) -> None:
    book = PhraseBook()

    assert book.keys == set(ENGLISH)
    for key in ENGLISH:
        phrase = _sample(key)
        assert book.words(phrase) == str(phrase), key


def test_the_language_follows_the_setting_then_the_system() -> None:
    italy = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)

    assert translations.choose("system", italy) == "it"
    assert translations.choose("system", germany) == "en"
    assert translations.choose("en", italy) == "en"
    assert translations.choose("it", germany) == "it"


@pytest.fixture
def italian(qapp) -> Iterator[None]:
    translations.install(qapp, "it")
    yield
    translations.install(qapp, "en")


def _english_only() -> set[str]:
    """English sources whose Italian words differ: none may be on screen."""
    english = set()
    # The repository's own file, not untrusted input.
    catalogue = ET.parse(ITALIAN_TS)  # noqa: S314
    for message in catalogue.getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        italian = [f.text for f in forms] if forms else [translation.text]
        if source not in italian:
            english.add(source.replace("&", ""))
    return english


def _visible_texts(window: DeskWindow) -> set[str]:
    texts = set()
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text():
            texts.add(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            texts.add(button.text().replace("&", ""))
    for action in window.menuBar().actions():
        texts.add(action.text().replace("&", ""))
        if action.menu() is not None:
            texts |= {a.text().replace("&", "") for a in action.menu().actions()}
    texts.add(window.status_bar.connectivity_text())
    return texts - {""}


def test_the_window_in_italian_shows_italian_words(
    qtbot, italian, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock
) -> None:
    english = _english_only()
    token = sandbox_admin.token("accepted")
    window = open_window()
    assert window.windowTitle() == "Banco ricevimento"
    assert not _visible_texts(window) & english

    with qtbot.waitSignal(window.logged_in, timeout=10000):
        view = window.login_view
        view.user_field.setText("concierge")
        view.password_field.setText("concierge")
        qtbot.keyClick(view.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.status_bar.connectivity_text() == "In linea", timeout=10000
    )
    scan_and_wait(qtbot, window, token, clock)

    assert window.banner.headline() == "Accettato"
    assert window.banner.instruction().startswith("Collo ")
    assert "ricevuto per l'ordine" in window.banner.instruction()
    assert window.status_bar.user_text() == "Giulia Conti presso The Plein Hotel"
    assert not _visible_texts(window) & english

    window.lock()
    assert window.lock_screen.who().startswith("Bloccata per Giulia Conti")
    assert not _visible_texts(window) & english
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annulla"


def test_a_bad_order_id_says_what_is_wrong_in_italian(
    qtbot, italian, open_window: WindowOpener, clock
) -> None:
    window = open_window()
    log_in_online_italian(qtbot, window)

    scan_and_wait(qtbot, window, "1-2603-x-000001", clock)

    assert window.banner.headline() == "Illeggibile"
    assert "ext_partner_id 'x' non è un intero positivo" in (
        window.banner.instruction()
    )
    assert "positive integer" not in window.banner.instruction()


def test_a_damaged_label_says_what_is_wrong_in_italian(
    qtbot, italian, open_window: WindowOpener, clock
) -> None:
    window = open_window()
    log_in_online_italian(qtbot, window)

    scan_and_wait(qtbot, window, "CSL1-0000", clock)

    assert window.banner.instruction().startswith(
        "Questa etichetta firmata non è leggibile: è troncata (al campo "
        "identificativo della spedizione)."
    )


def test_the_queue_question_in_italian_counts_in_italian(
    qtbot, italian, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    window = open_window()
    log_in_online_italian(qtbot, window)
    sandbox_admin.set_faults(reset_rate=1.0)

    said = []
    for queued, text in enumerate(tokens, start=1):
        scan_and_wait(qtbot, window, text, clock)
        qtbot.waitUntil(
            lambda q=queued: window.status_bar.queue_text() == f"In coda: {q}",
            timeout=20000,
        )
        window.close()
        qtbot.waitUntil(lambda: window.close_question is not None, timeout=5000)
        said.append(window.close_question.text())
        qtbot.keyClick(window.close_question, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.close_question is None, timeout=5000)

    assert said == [
        "1 ricezione è ancora in coda, non ancora inviata.",
        "2 ricezioni sono ancora in coda, non ancora inviate.",
    ]


def log_in_online_italian(qtbot, window: DeskWindow) -> None:
    """Log the demo concierge in; the status bar speaks Italian."""
    with qtbot.waitSignal(window.logged_in, timeout=10000):
        window.login_view.user_field.setText("concierge")
        window.login_view.password_field.setText("concierge")
        qtbot.keyClick(window.login_view.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.status_bar.connectivity_text() == "In linea", timeout=10000
    )


def test_a_shift_in_italian_fills_its_lists_in_italian(
    qtbot, italian, open_window: WindowOpener, sandbox_admin: SandboxAdmin, clock
) -> None:
    english = _english_only()
    accepted = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    refused = sandbox_admin.token("not_captured")
    window = open_window()
    log_in_online_italian(qtbot, window)
    for token in (*accepted, refused):
        scan_and_wait(qtbot, window, token, clock)
    assert window.lists is not None
    qtbot.waitUntil(lambda: window.lists.today.rowCount() == 2, timeout=10000)

    tabs = [window.tabs.tabText(n) for n in range(window.tabs.count())]
    assert tabs[:4] == ["Spedizione", "Oggi", "Attesi", "Da verificare"]
    window.tabs.setCurrentIndex(1)
    today = window.lists.today
    states = {today.index(n, TodayModel.STATE).data() for n in range(today.rowCount())}
    assert states <= {"In coda", "Inviata", "Registrata"}
    assert not _visible_texts(window) & english

    # `CONCIERGE_APP_SCREENSHOTS=docs/screenshots` keeps the picture the
    # README shows of a shift in Italian.
    picture = window.grab()
    assert not picture.isNull()
    folder = os.environ.get("CONCIERGE_APP_SCREENSHOTS")
    if folder:
        picture.save(str(Path(folder) / "shift_it.png"))
