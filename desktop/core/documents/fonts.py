"""The PDF fonts: Liberation Serif 2 from resources/fonts, registered once per render session.

We always embed Liberation Serif 2, even on a Windows PC that has Times New Roman: it is
metrically identical to Times New Roman (same advance widths, so the same line breaks and page
count as the DOCX in Word), covers every Vietnamese letter, may be embedded (OFL), and makes the
PDF byte-for-byte the same on every machine, which a package digest needs.

reportlab keeps registered fonts in its own process-wide table; we hold no state of our own.
The caller registers once (`register_fonts`) and passes the FontSet to every render call.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.documents.format import PageFormat
from desktop.core.errors import UserError
from desktop.core.i18n import _


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names for the four faces of one family."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular

    def string_width(self, text: str, size: float, bold: bool = False,
                     italic: bool = False) -> float:
        """Width of `text` in points (the same as Times New Roman's, by design)."""
        return float(pdfmetrics.stringWidth(text, self.face(bold, italic), size))


def register_fonts(fonts_dir: Path, fmt: PageFormat) -> FontSet:
    """Register the four TTFs named in the page format from `fonts_dir` with reportlab.

    The names carry a hash of the files, so a second call with the same files reuses the
    registration and a call with other files never picks up the old ones.
    """
    paths = [fonts_dir / name for name in fmt.pdf_font_files]
    digest = hashlib.sha256()
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise UserError(
                _("Không đọc được phông chữ {path}: {error}").format(
                    path=path, error=exc.strerror or exc),
                _("Cài lại chương trình để có lại thư mục resources/fonts.")) from exc
    tag = digest.hexdigest()[:10]
    family = f"HosoSerif-{tag}"
    names = (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, path in zip(names, paths, strict=True):
        if name in registered:
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:   # reportlab raises TTFError and plain Exceptions alike
            raise UserError(
                _("Tệp phông chữ {path} bị hỏng: {error}").format(path=path, error=exc),
                _("Cài lại chương trình để có lại thư mục resources/fonts.")) from exc
    for bold, italic, name in ((0, 0, names[0]), (1, 0, names[1]), (0, 1, names[2]),
                               (1, 1, names[3])):
        addMapping(family, bold, italic, name)
    return FontSet(family=family, regular=names[0], bold=names[1], italic=names[2],
                   bold_italic=names[3])
