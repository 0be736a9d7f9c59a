"""Which encoding a CSV or "Unicode Text" file was saved in.

What Excel writes on an officer's PC:
- "CSV UTF-8": UTF-8 with a byte-order mark;
- "CSV (phân cách bằng dấu phẩy)": the Windows ANSI code page, Windows-1258 on a Vietnamese
  Windows (tones as combining marks after the vowel), Windows-1252 on an English one (the
  Vietnamese letters are then already lost, written as "?");
- "Văn bản Unicode (*.txt)": UTF-16 little-endian with a byte-order mark, tab-separated.

The order of the checks: a byte-order mark decides; NUL bytes in every other position mean
UTF-16 without one; a file that decodes as strict UTF-8 is UTF-8 (legacy text almost never
does by accident); otherwise charset-normalizer ranks the legacy code pages. On short
Vietnamese samples charset-normalizer prefers Windows-1252 or 1250 (it reads the combining
tone bytes as Western letters), so a Vietnamese check decides between its candidates: the
Windows-1258 reading wins when it has tone marks or Vietnamese letters and every tone mark
follows a vowel (a Western text read as 1258 puts marks on consonants).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import N_, _
from desktop.core.operations.importing.limits import FileRefused

SAMPLE_BYTES = 256 * 1024

# Codec names as Python spells them; the labels are what the officer sees.
ENCODING_LABELS = {
    "utf-8": N_("UTF-8"),
    "utf-8-sig": N_("UTF-8 (có BOM)"),
    "utf-16": N_("UTF-16 (Unicode Text)"),
    "utf-16-le": N_("UTF-16 (Unicode Text, không BOM)"),
    "utf-16-be": N_("UTF-16 big-endian (không BOM)"),
    "cp1258": N_("Windows-1258 (tiếng Việt)"),
    "cp1252": N_("Windows-1252 (Tây Âu, không có chữ tiếng Việt)"),
}
# What the officer may force when the guess is wrong.
CHOOSABLE = ("utf-8-sig", "cp1258", "utf-16", "cp1252")
_LEGACY = ["cp1258", "cp1252"]
_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def encoding_label(codec: str) -> str:
    return _(ENCODING_LABELS.get(codec, codec))


@dataclass(frozen=True)
class Decoding:
    codec: str  # what the text stream is opened with
    detected: bool  # False when the officer chose it


def _utf16_without_bom(sample: bytes) -> str | None:
    head = sample[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a sample cut inside a character is still UTF-8
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


def _reads_as_vietnamese(sample: bytes) -> bool:
    """Read as Windows-1258, the sample has Vietnamese letters or tones, and every tone mark
    follows a vowel (a Western "ò" read as 1258 is a dot below an "l")."""
    text = sample.decode("cp1258", errors="replace")
    tones = [i for i, ch in enumerate(text) if ch in _TONE_MARKS]
    if not tones and not any(ch in _VIETNAMESE_ONLY for ch in text):
        return False
    return all(i > 0 and text[i - 1] in _VOWELS for i in tones)


def detect(data: bytes, name: str) -> Decoding:
    """The codec of a text file's bytes; FileRefused when it is not text we can read."""
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoding("utf-8-sig", True)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _not_text(name)  # UTF-32: no spreadsheet writes it
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoding("utf-16", True)
    sample = data[:SAMPLE_BYTES]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return Decoding(utf16, True)
    if b"\x00" in sample:
        raise _not_text(name)
    if _is_utf8(sample):
        return Decoding("utf-8", True)
    from charset_normalizer import from_bytes  # only imports need it

    results = from_bytes(sample, cp_isolation=_LEGACY)
    candidates = [m.encoding for m in results]
    if "cp1258" in candidates and _reads_as_vietnamese(sample):
        return Decoding("cp1258", True)
    best = results.best()
    if best is None or best.encoding not in _LEGACY:
        raise FileRefused(
            _("Không nhận ra bảng mã của tệp “{name}”, nên chữ tiếng Việt có thể bị sai. "
              "Chưa nhập gì.").format(name=name),
            _("Hãy chọn bảng mã ở ô “Bảng mã”, hoặc trong Excel chọn Lưu thành → “CSV UTF-8 "
              "(phân cách bằng dấu phẩy)” rồi nhập lại."), code="import.encoding_unknown")
    return Decoding(best.encoding, True)


def _not_text(name: str) -> FileRefused:
    return FileRefused(_("Tệp “{name}” không phải tệp văn bản CSV.").format(name=name),
                       _("Hãy chọn tệp .xlsx, .xls hoặc .csv xuất từ Excel."),
                       code="import.not_text")


def chosen(codec: str) -> Decoding:
    """The officer's own choice, when the detection was wrong."""
    if codec not in ENCODING_LABELS:
        raise ValueError(f"unknown encoding {codec!r}")
    return Decoding(codec, False)
