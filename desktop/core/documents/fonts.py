"""The PDF fonts: Liberation Serif 2 from resources/fonts, registered once per render session.

We always embed Liberation Serif 2, even on a Windows PC that has Times New Roman: it is
metrically identical to Times New Roman (same advance widths, so the same line breaks and page
count as the DOCX in Word), covers every Vietnamese letter, may be embedded (OFL), and makes the
PDF byte-for-byte the same on every machine, which a package digest needs.

reportlab keeps registered fonts in its own process-wide table. The caller registers once
(`register_fonts`) and passes the FontSet to every render call. Each registered face keeps the
compressed font programs of the glyph subsets it has embedded (`_SubsetCachingFace`), so the
documents of a dossier, which mostly use the same letters in the same order, do not subset
and compress the same font again and again.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, TTFontFace

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


# Compressed subsets kept per face: ~20 kB each (the hinting tables travel with every subset).
MAX_KEPT_SUBSETS = 128


class _SubsetCachingFace(TTFontFace):  # type: ignore[misc]
    """reportlab's font face, writing the same objects as TTFontFace.addSubsetObjects (the
    PDF bytes are identical), but keeping the compressed font program of every subset it
    made: making and compressing a subset is about a tenth of a PDF's cost, and most of a
    dossier's subsets (58 % of a 100-nominee dossier's) are the same glyphs in the same
    order as an earlier document's."""

    _programs: OrderedDict[tuple[int, ...], tuple[int, bytes]]

    def _program(self, subset: Sequence[int]) -> tuple[int, bytes]:
        """(length of the subset font, the subset font compressed)."""
        key = tuple(subset)
        program = self._programs.get(key)
        if program is not None:
            self._programs.move_to_end(key)
            return program
        raw = self.makeSubset(subset)
        program = (len(raw), zlib.compress(raw))  # what PDFZCompress writes
        self._programs[key] = program
        while len(self._programs) > MAX_KEPT_SUBSETS:
            self._programs.popitem(last=False)
        return program

    def addSubsetObjects(self, doc: Any, fontname: str, subset: Sequence[int]) -> Any:
        if not doc.compression:
            return super().addSubsetObjects(doc, fontname, subset)
        length, compressed = self._program(subset)
        font_file = pdfdoc.PDFStream()
        font_file.content = compressed
        font_file.dictionary["Length1"] = length
        # a Filter already in the dictionary means "compressed already" to PDFStream.format
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": self.ascent,
            "CapHeight": self.capHeight,
            "Descent": self.descent,
            "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(self.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": self.italicAngle,
            "StemV": self.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": self.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


def _keep_subsets(font: Any) -> None:
    """Make the font's face keep its subsets (the same face object, a subclass of its
    class). reportlab's registerFont maps a new name to the font registered earlier with the
    same face name (the demo's evidence font is LiberationSerif-Regular too), so this is done
    after registering, on the font the name really ended up with."""
    face = font.face
    if not isinstance(face, _SubsetCachingFace):
        face.__class__ = _SubsetCachingFace
        face._programs = OrderedDict()


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
            _keep_subsets(pdfmetrics.getFont(name))
        except Exception as exc:   # reportlab raises TTFError and plain Exceptions alike
            raise UserError(
                _("Tệp phông chữ {path} bị hỏng: {error}").format(path=path, error=exc),
                _("Cài lại chương trình để có lại thư mục resources/fonts.")) from exc
    for bold, italic, name in ((0, 0, names[0]), (1, 0, names[1]), (0, 1, names[2]),
                               (1, 1, names[3])):
        addMapping(family, bold, italic, name)
    return FontSet(family=family, regular=names[0], bold=names[1], italic=names[2],
                   bold_italic=names[3])
