"""The desk's language: English or Italian, from the settings or the system.

The compiled catalogues are `resources/translations/concierge_app_<lang>.qm`
(made by `tools/translations.py`). English needs one too: its source texts
are English, but a count such as `%n receipt(s)` takes its plural forms
from the catalogue. Qt's own words (the Cancel and OK buttons) come from
the `qtbase_<lang>.qm` that ships with Qt.

The language is chosen once, before the window is built: widgets set their
words when they are made, so a change in the settings dialog shows the next
time the desk starts.
"""

from __future__ import annotations

import logging

from concierge_app.ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from concierge_app.ui.resources import TRANSLATIONS, resource, resource_path

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "it")
"""The languages the desk speaks; the first is the fallback."""

CATALOGUE = "concierge_app"

_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "it": QLocale(QLocale.Language.Italian, QLocale.Country.Italy),
}

_installed: list[QTranslator] = []


def choose(setting: str, system: QLocale | None = None) -> str:
    """The language to use for a `language` setting (system, en or it)."""
    if setting in LANGUAGES:
        return setting
    for name in (system or QLocale.system()).uiLanguages():
        language = name.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return language
    return LANGUAGES[0]


def catalogue_name(language: str) -> str:
    """The packaged name of one language's compiled catalogue."""
    return f"{TRANSLATIONS}/{CATALOGUE}_{language}.qm"


def install(app: QCoreApplication, language: str) -> str:
    """Speak `language` from now on (replacing any earlier one); returns it."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()

    if language not in LANGUAGES:
        logger.warning("No %r translation; the desk speaks English", language)
        language = LANGUAGES[0]
    own = QTranslator(app)
    name = catalogue_name(language)
    if resource(name).is_file() and own.load(str(resource_path(name))):
        app.installTranslator(own)
        _installed.append(own)
    else:
        logger.warning("The %s translation cannot be loaded", language)
    qt_words = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_words.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_words)
        _installed.append(qt_words)
    QLocale.setDefault(_LOCALES[language])
    logger.info("The desk speaks %s", language)
    return language
