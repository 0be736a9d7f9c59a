"""The page format (forms/documents/format.toml) as one frozen PageFormat.

Every key is checked: a missing key, an unknown key (a typo would otherwise be silently
ignored), a wrong type or a value outside the range Decree 30 allows is refused with a
UserError that names the key, so whoever edits the file knows which line to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

from desktop.core.documents.blocks import Align, Paragraph, SignatureBlock
from desktop.core.errors import UserError
from desktop.core.i18n import _

STYLE_NAMES = (
    "superior", "issuer", "number", "national_name", "motto", "place_date", "doc_type",
    "subject", "subtitle", "addressee", "heading1", "heading2", "field_line", "table",
    "table_header", "recipients_label", "recipients", "signer_authority", "signer_title",
    "signer_note", "signer_name", "page_number", "footer", "package_box",
)

# Sizes Decree 30 (Phụ lục I, LAW §7.2) allows per element; elements it does not fix get a
# sane range so a slip (140 for 14) is still caught.
_STYLE_RANGES: dict[str, tuple[float, float]] = {
    "superior": (12, 13), "issuer": (12, 13), "number": (13, 13),
    "national_name": (12, 13), "motto": (13, 14), "place_date": (13, 14),
    "doc_type": (13, 14), "subject": (13, 14), "addressee": (13, 14),
    "recipients_label": (12, 12), "recipients": (11, 11),
    "signer_authority": (13, 14), "signer_title": (13, 14), "signer_name": (13, 14),
    "page_number": (13, 14), "table": (10, 14), "table_header": (10, 14),
    "footer": (8, 10), "package_box": (7, 10),
}
_DEFAULT_RANGE = (8.0, 16.0)

_NUM = (int, float)
# section -> key -> (types, low, high); low/high None for strings.
_SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], float | None, float | None]]] = {
    "page": {
        "paper": ((str,), None, None),
        "width_mm": (_NUM, 100, 500), "height_mm": (_NUM, 100, 500),
        "margin_top_mm": (_NUM, 20, 25), "margin_bottom_mm": (_NUM, 20, 25),
        "margin_left_mm": (_NUM, 30, 35), "margin_right_mm": (_NUM, 15, 20),
        "header_distance_mm": (_NUM, 4, 19), "footer_distance_mm": (_NUM, 4, 19),
    },
    "font": {
        "family": ((str,), None, None), "lang": ((str,), None, None),
        "pdf_regular": ((str,), None, None), "pdf_bold": ((str,), None, None),
        "pdf_italic": ((str,), None, None), "pdf_bold_italic": ((str,), None, None),
    },
    "body": {
        "size": (_NUM, 13, 14), "first_line_indent_mm": (_NUM, 10, 12.7),
        "space_after_pt": (_NUM, 6, 24), "line_spacing": (_NUM, 1.0, 1.5),
    },
    "rules": {
        "thickness_pt": (_NUM, 0.3, 2), "motto_fraction": (_NUM, 0.9, 1.1),
        "issuer_fraction": (_NUM, 1 / 3, 0.5), "title_rule_mm": (_NUM, 10, 80),
    },
    "header": {"left_width_mm": (_NUM, 40, 100)},
    "signature": {
        "recipients_width_fraction": (_NUM, 0.3, 0.6), "signing_space_mm": (_NUM, 10, 50),
    },
    "package_box": {
        "height_mm": (_NUM, 10, 40), "qr_mm": (_NUM, 10, 40), "width_mm": (_NUM, 30, 160),
    },
    "signature_fields": {
        "person_name": ((str,), None, None), "organisation_name": ((str,), None, None),
        "attachment_name": ((str,), None, None),
        "person_width_mm": (_NUM, 20, 120), "person_height_mm": (_NUM, 8, 50),
        "seal_width_mm": (_NUM, 20, 60), "seal_height_mm": (_NUM, 20, 60),
        "seal_covers_fraction": (_NUM, 0.1, 0.9),
        "attachment_width_mm": (_NUM, 30, 150), "attachment_height_mm": (_NUM, 8, 40),
        "attachment_top_mm": (_NUM, 0, 20),
    },
    "text": {
        "national_name": ((str,), None, None), "motto": ((str,), None, None),
        "recipients_label": ((str,), None, None), "addressee_label": ((str,), None, None),
        "dossier_label": ((str,), None, None), "digest_label": ((str,), None, None),
        "digest_chars": ((int,), 8, 64),
        "break_before": ((list,), None, None),
    },
}
_STYLE_KEYS = ("size", "bold", "italic", "align")


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool
    italic: bool
    align: Align


@dataclass(frozen=True)
class SignatureFields:
    """Names and sizes of the empty signature fields (issue 15), in mm."""

    person_name: str
    organisation_name: str
    attachment_name: str
    person_width_mm: float
    person_height_mm: float
    seal_width_mm: float
    seal_height_mm: float
    seal_covers_fraction: float
    attachment_width_mm: float
    attachment_height_mm: float
    attachment_top_mm: float


@dataclass(frozen=True)
class PageFormat:
    """Decree 30 values, read from format.toml. Lengths in mm, sizes in pt."""

    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    header_distance_mm: float
    footer_distance_mm: float
    font_family: str
    lang: str
    pdf_font_files: tuple[str, str, str, str]    # regular, bold, italic, bold italic
    body_size: float
    first_line_indent_mm: float
    space_after_pt: float
    line_spacing: float
    rule_thickness_pt: float
    motto_rule_fraction: float
    issuer_rule_fraction: float
    title_rule_mm: float
    header_left_width_mm: float
    recipients_width_fraction: float
    signing_space_mm: float
    box_height_mm: float
    box_width_mm: float
    qr_mm: float
    national_name: str
    motto: str
    recipients_label: str
    addressee_label: str
    dossier_label: str
    digest_label: str
    digest_chars: int
    break_before: tuple[str, ...]
    styles: tuple[tuple[str, TextStyle], ...]
    signature_fields: SignatureFields

    def style(self, name: str) -> TextStyle:
        for key, value in self.styles:
            if key == name:
                return value
        raise KeyError(name)

    def page_size_mm(self, landscape: bool) -> tuple[float, float]:
        short, long = sorted((self.width_mm, self.height_mm))
        return (long, short) if landscape else (short, long)

    def text_width_mm(self, landscape: bool) -> float:
        width, _height = self.page_size_mm(landscape)
        return width - self.margin_left_mm - self.margin_right_mm

    @property
    def box_reserve_mm(self) -> float:
        """How much shorter the text of page 1 is for the package box: the box stands on the
        footer line in the bottom margin; only what rises above the margin (plus 1 mm of
        air) is taken from the text."""
        return max(0.0, self.footer_distance_mm + self.box_height_mm + 1.0
                   - self.margin_bottom_mm)

    def leading(self, size: float) -> float:
        """Line height in pt for `size`: "single" for Times New Roman is about 1.15 em."""
        return round(size * 1.15 * self.line_spacing, 2)


def footer_text(fmt: PageFormat, dossier_id: str, package_digest: str) -> str:
    """The line printed at the foot of every page: dossier id, then the short digest."""
    parts = []
    if dossier_id:
        parts.append(f"{fmt.dossier_label}: {dossier_id}")
    if package_digest:
        parts.append(f"{fmt.digest_label}: {package_digest[:fmt.digest_chars]}")
    return "   ·   ".join(parts)


def keep_closing_paragraph(blocks: tuple[Any, ...]) -> tuple[Any, ...]:
    """The paragraph just before a signature block is kept on its page, so a signature never
    stands alone at the top of a page (a layout rule both renderers apply)."""
    out = list(blocks)
    for i in range(len(out) - 1):
        if isinstance(out[i + 1], SignatureBlock) and isinstance(out[i], Paragraph):
            out[i] = replace(out[i], keep_with_next=True)
    return tuple(out)


def fit_widths(widths_mm: list[float], available_mm: float,
               minimums_mm: list[float] | None = None) -> list[float]:
    """Column widths that never run past the margin and never go below a column's minimum
    (the widest word of its header, so "STT" never wraps to "ST/T"): a column below its
    minimum is widened, then the columns above theirs give back room in proportion to what
    they have above it. Only when even the minimums do not fit is everything scaled."""
    lows = minimums_mm or [0.0] * len(widths_mm)
    widths = [max(w, low) for w, low in zip(widths_mm, lows, strict=True)]
    total = sum(widths)
    if total <= available_mm or total <= 0:
        return widths
    spare = sum(w - low for w, low in zip(widths, lows, strict=True))
    need = total - available_mm
    if sum(lows) >= available_mm or spare <= 0:
        return [w * available_mm / total for w in widths]
    return [w - (w - low) * need / spare for w, low in zip(widths, lows, strict=True)]


def header_minimum_mm(header: str, measure_mm: Callable[[str], float],
                      padding_mm: float) -> float:
    """The narrowest a column may be: its header's widest word on one line, plus the cell's
    padding on both sides and a hair for rounding between renderers."""
    words = header.split() or [""]
    return max(measure_mm(word) for word in words) + 2 * padding_mm + 0.6


def protect_numbers(text: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, True for a hyphen inside a document number ("05/TTr-UBND",
    "373/QĐ-UBND") that must not break the line there (the DOCX writes it as a non-breaking
    hyphen; reportlab never breaks at a hyphen)."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for found in _DOCUMENT_NUMBER.finditer(text):
        for dash in re.finditer(r"-", found.group(0)):
            at = found.start() + dash.start()
            pieces.append((text[last:at], False))
            pieces.append(("-", True))
            last = at + 1
    pieces.append((text[last:], False))
    return [p for p in pieces if p[0]]


_SPACED_DASH = re.compile(r"(?<=\S) ([-–]) ")


def bind_dashes(content: tuple[Any, ...]) -> tuple[Any, ...]:
    """Running text with the space before a spaced hyphen made non-breaking ("Thi đua - Khen
    thưởng"): a line never starts with "- ", which reads as a list item. Runs keep their
    look (dataclasses.replace on `text`)."""
    out: list[Any] = []
    for item in content:
        if isinstance(item, str):
            out.append(_SPACED_DASH.sub("\u00a0\\1 ", item))
        else:
            out.append(replace(item, text=_SPACED_DASH.sub("\u00a0\\1 ", item.text)))
    return tuple(out)


_DOCUMENT_NUMBER = re.compile(r"\d{1,6}/(?:\d{4}/)?[A-Za-zĐđ]{1,6}-[A-Za-zĐđ0-9][A-Za-zĐđ0-9\-]*")


def balanced_lines(text: str, measure: Callable[[str], float], max_width: float,
                   break_before: tuple[str, ...] = ()) -> list[str]:
    """`text` as one line if it fits in `max_width`, else in as few lines as fit, set the
    way officers set a body's name by hand. Among the ways to break it, in this order: every
    line fits; no line starts with a hyphen; the most breaks before a level of government in
    `break_before` ("ỦY BAN NHÂN DÂN / TỈNH PHÚ THỌ"), after a spaced hyphen ("HỘI ĐỒNG
    THI ĐUA - / KHEN THƯỞNG") or before a bracket; the most even lines; the longer line
    first.
    Explicit line breaks in `text` are kept as they are."""
    if "\n" in text or measure(text) <= max_width:
        return text.split("\n")
    words = text.split()
    if len(words) < 2:
        return [text]
    count, line = 1, ""      # the fewest lines a greedy fill needs
    for word in words:
        trial = f"{line} {word}" if line else word
        if line and measure(trial) > max_width:
            count, line = count + 1, word
        else:
            line = trial
    lines = max(2, min(count, len(words)))
    if len(words) > 24:      # too many ways to try: keep the greedy fill
        return _greedy(words, measure, max_width)
    best: tuple[tuple[float, ...], list[str]] | None = None
    for cuts in combinations(range(1, len(words)), lines - 1):
        bounds = (0, *cuts, len(words))
        parts = [" ".join(words[a:b]) for a, b in pairwise(bounds)]
        widths = [measure(part) for part in parts]
        preferred = sum(1 for i, part in enumerate(parts[1:])
                        if any(part == w or part.startswith(w + " ") for w in break_before)
                        or parts[i].endswith((" -", " –")) or part.startswith("("))
        key = (float(max(widths) > max_width),
               float(sum(1 for part in parts[1:] if part[:1] in "-–")),
               -float(preferred), round(max(widths), 3), -widths[0])
        if best is None or key < best[0]:
            best = (key, parts)
    assert best is not None
    return best[1]


def _greedy(words: list[str], measure: Callable[[str], float], max_width: float) -> list[str]:
    out: list[str] = []
    line = ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if line and measure(trial) > max_width:
            out.append(line)
            line = word
        else:
            line = trial
    return [*out, line]


def _bad(key: str, what: str) -> UserError:
    return UserError(
        _("Tệp định dạng trang có giá trị sai ở khóa “{key}”: {what}.").format(key=key, what=what),
        _("Sửa khóa này trong forms/documents/format.toml rồi thử lại."))


def _check_value(key: str, value: Any, spec: tuple[tuple[type, ...], float | None,
                                                     float | None]) -> Any:
    types, low, high = spec
    if isinstance(value, bool) or not isinstance(value, types):
        names: dict[tuple[type, ...], str] = {(str,): _("chữ"), (list,): _("một danh sách chữ")}
        expected = names.get(types, _("số"))
        raise _bad(key, _("cần {expected}").format(expected=expected))
    if (low is not None and high is not None and isinstance(value, int | float)
            and not (low - 1e-9 <= float(value) <= high + 1e-9)):
        raise _bad(key, _("{value} nằm ngoài khoảng {low:g}–{high:g}").format(
            value=value, low=low, high=high))
    if isinstance(value, str) and not value.strip():
        raise _bad(key, _("không được để trống"))
    if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(key, _("cần một danh sách chữ"))
    return value


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise _bad(name, _("thiếu mục này"))
    return section


def parse_format(data: dict[str, Any]) -> PageFormat:
    """Check a parsed format.toml and build the PageFormat (see module docstring)."""
    values: dict[str, Any] = {}
    for section_name, keys in _SCHEMA.items():
        section = _section(data, section_name)
        for key in section:
            if key not in keys:
                raise _bad(f"{section_name}.{key}", _("khóa không được biết đến"))
        for key, spec in keys.items():
            full = f"{section_name}.{key}"
            if key not in section:
                raise _bad(full, _("thiếu khóa này"))
            values[full] = _check_value(full, section[key], spec)
    styles_raw = _section(data, "styles")
    for name in styles_raw:
        if name not in STYLE_NAMES:
            raise _bad(f"styles.{name}", _("khóa không được biết đến"))
    styles: list[tuple[str, TextStyle]] = []
    for name in STYLE_NAMES:
        raw = styles_raw.get(name)
        if not isinstance(raw, dict):
            raise _bad(f"styles.{name}", _("thiếu mục này"))
        for key in raw:
            if key not in _STYLE_KEYS:
                raise _bad(f"styles.{name}.{key}", _("khóa không được biết đến"))
        for key in _STYLE_KEYS:
            if key not in raw:
                raise _bad(f"styles.{name}.{key}", _("thiếu khóa này"))
        low, high = _STYLE_RANGES.get(name, _DEFAULT_RANGE)
        size = _check_value(f"styles.{name}.size", raw["size"], (_NUM, low, high))
        for flag in ("bold", "italic"):
            if not isinstance(raw[flag], bool):
                raise _bad(f"styles.{name}.{flag}", _("cần true hoặc false"))
        try:
            align = Align(raw["align"])
        except ValueError:
            raise _bad(f"styles.{name}.align",
                       _("cần left, center, right hoặc justify")) from None
        styles.append((name, TextStyle(float(size), raw["bold"], raw["italic"], align)))
    if values["page.paper"] != "A4":
        raise _bad("page.paper", _("chỉ hỗ trợ khổ A4"))
    if values["package_box.qr_mm"] > values["package_box.height_mm"]:
        raise _bad("package_box.qr_mm", _("mã QR cao hơn ô dành cho gói hồ sơ"))
    fields = _signature_fields(values)
    v = values
    return PageFormat(
        width_mm=float(v["page.width_mm"]), height_mm=float(v["page.height_mm"]),
        margin_top_mm=float(v["page.margin_top_mm"]),
        margin_bottom_mm=float(v["page.margin_bottom_mm"]),
        margin_left_mm=float(v["page.margin_left_mm"]),
        margin_right_mm=float(v["page.margin_right_mm"]),
        header_distance_mm=float(v["page.header_distance_mm"]),
        footer_distance_mm=float(v["page.footer_distance_mm"]),
        font_family=v["font.family"], lang=v["font.lang"],
        pdf_font_files=(v["font.pdf_regular"], v["font.pdf_bold"], v["font.pdf_italic"],
                        v["font.pdf_bold_italic"]),
        body_size=float(v["body.size"]),
        first_line_indent_mm=float(v["body.first_line_indent_mm"]),
        space_after_pt=float(v["body.space_after_pt"]),
        line_spacing=float(v["body.line_spacing"]),
        rule_thickness_pt=float(v["rules.thickness_pt"]),
        motto_rule_fraction=float(v["rules.motto_fraction"]),
        issuer_rule_fraction=float(v["rules.issuer_fraction"]),
        title_rule_mm=float(v["rules.title_rule_mm"]),
        header_left_width_mm=float(v["header.left_width_mm"]),
        recipients_width_fraction=float(v["signature.recipients_width_fraction"]),
        signing_space_mm=float(v["signature.signing_space_mm"]),
        box_height_mm=float(v["package_box.height_mm"]),
        box_width_mm=float(v["package_box.width_mm"]),
        qr_mm=float(v["package_box.qr_mm"]),
        national_name=v["text.national_name"], motto=v["text.motto"],
        recipients_label=v["text.recipients_label"], addressee_label=v["text.addressee_label"],
        dossier_label=v["text.dossier_label"], digest_label=v["text.digest_label"],
        digest_chars=int(v["text.digest_chars"]),
        break_before=tuple(v["text.break_before"]),
        styles=tuple(styles),
        signature_fields=fields,
    )


_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,40}$")


def _signature_fields(v: dict[str, Any]) -> SignatureFields:
    """The [signature_fields] section: names a signing tool can list (ASCII, distinct), and
    a person's field that fits in the room left for signing."""
    names = []
    for key in ("person_name", "organisation_name", "attachment_name"):
        full = f"signature_fields.{key}"
        if not _FIELD_NAME.match(v[full]):
            raise _bad(full, _("tên ô ký chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới"))
        names.append(v[full])
    if len(set(names)) != len(names):
        raise _bad("signature_fields", _("ba tên ô ký phải khác nhau"))
    if v["signature_fields.person_height_mm"] > v["signature.signing_space_mm"]:
        raise _bad("signature_fields.person_height_mm",
                   _("ô ký của người ký cao hơn khoảng trống để ký"))
    return SignatureFields(
        person_name=v["signature_fields.person_name"],
        organisation_name=v["signature_fields.organisation_name"],
        attachment_name=v["signature_fields.attachment_name"],
        **{key: float(v[f"signature_fields.{key}"]) for key in (
            "person_width_mm", "person_height_mm", "seal_width_mm", "seal_height_mm",
            "seal_covers_fraction", "attachment_width_mm", "attachment_height_mm",
            "attachment_top_mm")})


def load_format(path: Path) -> PageFormat:
    """Read forms/documents/format.toml (or another file of the same shape)."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise UserError(_("Không đọc được tệp định dạng trang {path}: {error}").format(
            path=path, error=exc.strerror or exc),
            _("Cài lại chương trình để có lại tệp này.")) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(_("Tệp định dạng trang {path} viết sai cú pháp: {error}").format(
            path=path, error=exc), _("Sửa tệp theo thông báo rồi thử lại.")) from exc
    return parse_format(data)
