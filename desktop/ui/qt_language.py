"""Qt's own texts (standard buttons, text-field menus, the file, print and preview dialogs)
and Qt's number and date formats in the app's language.

PySide6 ships no Vietnamese catalogue for Qt itself, so the project writes its own:
resources/translations/qt/qtbase_vi.ts, compiled to qtbase_vi.qm by `make i18n`
(scripts/qt_i18n.py) and committed, so the app and the frozen build load it as data.
English keeps Qt's built-in English.

File dialogs: Qt's own dialog speaks Vietnamese through that catalogue; a native one speaks
the operating system's language. On Windows the native dialog is kept when Windows itself is
in Vietnamese (it then matches Explorer and knows OneDrive, libraries and USB drives the way the
officer is used to); on an English Windows, and on Linux and macOS (where the native dialog
follows the desktop, often English), the app uses Qt's own dialog. The print dialog on Windows
is always Windows' own and follows Windows' language; Qt has no other there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

QT_CATALOGUE = "qtbase_vi"
VIETNAMESE_LANGID = 0x2A  # PRIMARYLANGID of a Windows LANGID for Vietnamese


def qt_translations_dir(resources: Path) -> Path:
    return resources / "translations" / "qt"


def windows_ui_is_vietnamese() -> bool:
    """Whether Windows' display language (not its date/number format) is Vietnamese."""
    if sys.platform != "win32":
        return False
    import ctypes

    langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    return (langid & 0x3FF) == VIETNAMESE_LANGID


def use_native_dialogs(language: str, platform: str = sys.platform,
                       os_is_vietnamese: bool | None = None) -> bool:
    """Native file dialogs only where they speak the app's language (see the module notes)."""
    if language != "vi":
        return True
    if platform != "win32":
        return False
    return windows_ui_is_vietnamese() if os_is_vietnamese is None else os_is_vietnamese


def install_qt_language(app: QCoreApplication, language: str, resources: Path
                        ) -> QTranslator | None:
    """Set Qt's locale, its translator and the native-dialog choice for `language`.

    Returns the installed translator (None for English, or if the catalogue is missing,
    which is then logged rather than fatal: the app still works, with Qt's English).
    """
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs,
                                  not use_native_dialogs(language))
    if language != "vi":
        return None
    # Dates in QDateEdit, numbers in spin boxes and the file dialog's dates follow Vietnam.
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    if not translator.load(QT_CATALOGUE, str(qt_translations_dir(resources))):
        import logging

        logging.getLogger("hoso.ui").warning("Qt catalogue %s not found in %s", QT_CATALOGUE,
                                             qt_translations_dir(resources))
        return None
    app.installTranslator(translator)
    return translator
