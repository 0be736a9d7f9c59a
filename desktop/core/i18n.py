"""gettext for every user-visible string.

Message ids are the Vietnamese text itself: Vietnamese is the default language and needs no
catalogue; English comes from resources/translations/en/LC_MESSAGES/hoso.mo.

The active language is process-wide on purpose, like Qt's installed translator: a desktop
process shows one language at a time, and threading a translator through every message
would buy nothing. The composition root (app.py / cli.py) chooses it once at start-up.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "hoso"
LANGUAGES = ("vi", "en")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "vi"


def set_language(language: str, localedir: Path | None) -> None:
    """Switch every later `_()` call to `language` ('vi' or 'en')."""
    global _active, _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    if language == "vi" or localedir is None:
        _active = gettext.NullTranslations()
    else:
        _active = gettext.translation(DOMAIN, localedir=str(localedir), languages=[language])
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (tables of labels)."""
    return message
