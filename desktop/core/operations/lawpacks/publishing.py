"""For those who publish law packs (the project, a province): a key pair with its printed
enrolment sheet, and building a pack from a folder of forms/ files.

The secret key is written only in the passphrase-protected key-file format of the units' own
keys (operations/keys.py: scrypt + ChaCha20-Poly1305, mode 0600) and never anywhere else. The
public key goes with the app (the project's) or on the enrolment sheet the province prints
for its communes (a province's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop import __version__
from desktop.core.catalog import CatalogError, Layer, load_catalog
from desktop.core.catalog.diff import Change, catalog_changes, earliest_change
from desktop.core.errors import UserError
from desktop.core.files import atomic_path, write_atomic
from desktop.core.i18n import _
from desktop.core.operations import keys
from desktop.core.operations.lawpacks.install import example_failures
from desktop.core.package import minisign
from desktop.core.package.lawpack import (
    FORMS,
    PROJECT_PUBLISHER,
    build_lawpack,
    collect_forms,
    outside_province,
)
from desktop.core.package.lawpack_manifest import Manifest
from desktop.core.package.minisign import SecretKey
from desktop.core.text import clean

SECRET_SUFFIX = ".hoso-key"
_FONTS = ("HosoLawpackSerif", "HosoLawpackSerif-Bold", "HosoLawpackSerif-Italic")
_FONT_FILES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
               "LiberationSerif-Italic.ttf")


@dataclass(frozen=True)
class KeyPairFiles:
    key_id: str
    secret: Path
    public: Path
    sheet: Path

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.key_id)


def make_key_pair(out_dir: Path, *, publisher: str, name: str, passphrase: str,
                  fonts_dir: Path, today: date) -> KeyPairFiles:
    """A new publisher key pair in `out_dir`: <publisher>.hoso-key (secret, passphrase-
    protected, 0600), <publisher>.pub (minisign public key) and the enrolment sheet PDF."""
    keys.check_passphrase(passphrase)
    secret_path = out_dir / f"{publisher}{SECRET_SUFFIX}"
    public_path = out_dir / f"{publisher}.pub"
    sheet_path = out_dir / f"{publisher}-phieu-dang-ky-khoa.pdf"
    for path in (secret_path, public_path, sheet_path):
        if path.exists():
            raise UserError(_("Tệp “{p}” đã có; không ghi đè khóa.").format(p=path),
                            _("Hãy chọn một thư mục trống."), code="lawpack.exists")
    secret, public = minisign.generate_keypair()
    out_dir.mkdir(parents=True, exist_ok=True)
    keys.write_key_file(secret_path, secret, passphrase)
    text = minisign.public_key_file_text(public, f"hoso law pack publisher {publisher}: "
                                                 f"{name}")
    write_atomic(public_path, text.encode("utf-8"), mode=0o644)
    _sheet(sheet_path, fonts_dir, publisher, name, public, today)
    return KeyPairFiles(public.key_id_hex, secret_path, public_path, sheet_path)


def read_secret(path: Path, passphrase: str) -> SecretKey:
    return keys.read_key_file(path, passphrase)


_PUB_PREFIX = "untrusted comment: hoso law pack publisher "
_PUB_MAX_BYTES = 4096


def publisher_name_beside(secret_path: Path, secret: SecretKey, publisher: str) -> str:
    """The publisher's name make_key_pair wrote in the public key beside `secret_path`
    (<publisher>.pub: "… publisher bac_ninh: Sở Nội vụ tỉnh Bắc Ninh"), so a pack names the
    province as its enrolment sheet does; "" when that file is absent, too long, of another
    publisher or of another key."""
    public_path = secret_path.with_name(f"{publisher}.pub")
    try:
        with public_path.open("rb") as handle:
            data = handle.read(_PUB_MAX_BYTES + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    first = text.splitlines()[0] if text else ""
    if len(data) > _PUB_MAX_BYTES or not first.startswith(f"{_PUB_PREFIX}{publisher}: "):
        return ""
    try:
        if minisign.parse_public_key(text).key_id_hex != secret.key_id_hex:
            return ""
    except minisign.SignatureError:
        return ""
    return clean(first.removeprefix(f"{_PUB_PREFIX}{publisher}: "))[:200]


def build_pack(source: Path, *, forms_dir: Path, version: int, effective: date,
               secret: SecretKey, dest: Path, publisher: str, publisher_name: str,
               summary: str | None = None, replaces: int | None = None,
               min_app_version: str = __version__, max_app_version: str | None = None,
               now: datetime) -> tuple[Manifest, list[Change]]:
    """Build a signed pack of the forms/ files in `source`, after the checks an app will
    run: the bundled catalog with these files over it loads, their worked examples give their
    verdicts, and nothing changes before `effective`. Returns the manifest and the changes
    against the bundled forms. Without a `summary`, the manifest carries those changes in
    words."""
    files = collect_forms(source)
    # A province's key is enrolled for its own profile only: the communes would refuse more
    beyond = [] if publisher == PROJECT_PUBLISHER else outside_province(
        publisher, [name.removeprefix(FORMS) for name in files])
    if beyond:
        raise UserError(_("Gói của tỉnh “{code}” chỉ được chứa hồ sơ tỉnh (provinces/{code}"
                          ".toml); có thêm: {files}.").format(code=publisher,
                                                            files=", ".join(beyond[:5])),
                        _("Các đơn vị sẽ từ chối gói này. Hãy bỏ các tệp đó ra."),
                        code="lawpack.outside_scope")
    origin = f"lawpack:{publisher}/{version}"
    try:
        before = load_catalog(forms_dir, as_of=now.date())
        after = load_catalog(forms_dir, [Layer(source, origin)], as_of=now.date())
    except CatalogError as exc:
        raise UserError(_("Các tệp trong {src} không khớp với quy định kèm phần mềm: {why}")
                        .format(src=source, why=exc), code="lawpack.breaks_catalog") from exc
    failures = example_failures(after, origin)
    if failures:
        raise UserError(_("Ví dụ mẫu cho kết luận khác với điều ghi: {what}").format(
            what="; ".join(failures[:5])), code="lawpack.examples_fail")
    changes = catalog_changes(before, after)
    first = earliest_change(changes)
    if first is not None and first < effective:
        raise UserError(_("Các tệp làm đổi quy định từ {first}, trước ngày hiệu lực {eff} của "
                          "gói.").format(first=first.strftime("%d/%m/%Y"),
                                         eff=effective.strftime("%d/%m/%Y")),
                        _("Hãy đặt --effective không muộn hơn {first}, hoặc đặt phiên bản mới "
                          "vào tệp <mã>@YYYY-MM-DD.toml.").format(first=first.isoformat()),
                        code="lawpack.changes_before_effective")
    if summary is None:
        summary = "\n".join(c.text for c in changes)[:4000] or _("Không đổi quy định.")
    manifest = build_lawpack(files, version=version, effective=effective, publisher=publisher,
                             publisher_name=publisher_name, summary=summary, secret=secret,
                             dest=dest, replaces=replaces, min_app_version=min_app_version,
                             max_app_version=max_app_version, now=now)
    return manifest, changes


def _fonts(fonts_dir: Path) -> tuple[str, ...]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    known = set(pdfmetrics.getRegisteredFontNames())
    for name, file in zip(_FONTS, _FONT_FILES, strict=True):
        if name not in known:
            try:
                pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file)))
            except Exception as exc:   # reportlab raises plain Exceptions for missing fonts
                raise UserError(_("Không đọc được phông chữ {p}: {e}").format(
                    p=fonts_dir / file, e=exc)) from exc
    return _FONTS


def _sheet(dest: Path, fonts_dir: Path, publisher: str, name: str,
           public: minisign.PublicKey, today: date) -> None:
    """The A4 sheet a province prints for its communes: who publishes, the key line, the
    fingerprint to read aloud, a QR code of the public key file, signature lines."""
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    regular, bold, italic = _fonts(fonts_dir)
    width, height = A4
    left, right = 30 * mm, width - 20 * mm
    key_text = minisign.public_key_file_text(public)
    fp = keys.fingerprint(public.key_id_hex)
    with atomic_path(dest, mode=0o644) as tmp:   # printed and shared: not a secret
        c = Canvas(str(tmp), pagesize=A4, invariant=True)
        c.setTitle(_("Phiếu đăng ký khóa ký gói quy định {fp}").format(fp=fp))
        y = height - 22 * mm
        for text, font, size in ((_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold, 12),
                                 (_("Độc lập - Tự do - Hạnh phúc"), bold, 13)):
            c.setFont(font, size)
            c.drawCentredString(width / 2 + 5 * mm, y, text)
            y -= 6 * mm
        y -= 10 * mm
        c.setFont(bold, 15)
        c.drawCentredString(width / 2 + 5 * mm, y, _("PHIẾU ĐĂNG KÝ KHÓA KÝ GÓI QUY ĐỊNH"))
        y -= 6 * mm
        c.setFont(italic, 12)
        c.drawCentredString(width / 2 + 5 * mm, y, _("(Cán bộ cấp xã, cơ quan nhập khóa này "
                                                     "vào phần mềm để nhận gói quy định)"))
        y -= 14 * mm
        for label, value in ((_("Cơ quan phát hành:"), name), (_("Mã gói:"), publisher),
                             (_("Phạm vi:"), _("chỉ hồ sơ quy định của tỉnh "
                                               "(provinces/{p}.toml)").format(p=publisher)
                              if publisher != "hoso" else _("mọi quy định")),
                             (_("Ngày in:"), today.strftime("%d/%m/%Y"))):
            c.setFont(regular, 13)
            c.drawString(left, y, label)
            c.setFont(bold, 13)
            for line in simpleSplit(value, bold, 13, right - left - 90 * mm) or [""]:
                c.drawString(left + 42 * mm, y, line)
                y -= 6.5 * mm
        qr = segno.make(key_text, error="m")
        size = 44 * mm
        matrix = list(qr.matrix)
        module = size / len(matrix)
        qx, qy = right - size, height - 60 * mm - size
        for r, row in enumerate(matrix):
            for col, dark in enumerate(row):
                if dark:
                    c.rect(qx + col * module, qy + size - (r + 1) * module, module, module,
                           stroke=0, fill=1)
        y = min(y, qy - 10 * mm)
        c.setFont(regular, 13)
        c.drawString(left, y, _("Dấu vân tay (mã khóa) — đọc theo từng nhóm bốn ký tự:"))
        y -= 11 * mm
        c.setFont("Courier-Bold", 24)
        c.drawCentredString((left + right) / 2, y, fp)
        y -= 12 * mm
        c.setFont(regular, 13)
        c.drawString(left, y, _("Dòng khóa công khai (chép đúng từng ký tự, chữ hoa chữ thường; "
                                 "dấu cách không cần gõ):"))
        y -= 9 * mm
        line = minisign.public_key_line(public)
        groups = [line[i:i + 4] for i in range(0, len(line), 4)]
        c.setFont("Courier-Bold", 13)
        for start in range(0, len(groups), 8):   # groups of four, eight to a row
            c.drawString(left + 4 * mm, y, "  ".join(groups[start:start + 8]))
            y -= 7 * mm
        y -= 4 * mm
        c.setFont(italic, 11.5)
        note = _("Trong phần mềm: Đơn vị → Quy định và gói cập nhật… → Khóa tin cậy → Thêm khóa "
                 "của tỉnh; chép dòng khóa, rồi đối chiếu dấu vân tay phần mềm hiện ra với dấu "
                 "vân tay trên phiếu này. Chỉ cài gói quy định ký bằng khóa đã đối chiếu.")
        for line in simpleSplit(note, italic, 11.5, right - left):
            c.drawString(left, y, line)
            y -= 5.5 * mm
        y -= 12 * mm
        c.setFont(italic, 12)
        c.drawCentredString(left + (right - left) * 0.75, y + 6 * mm,
                            _("ngày ..... tháng ..... năm {y}").format(y=today.year))
        c.setFont(bold, 12.5)
        c.drawCentredString(left + (right - left) * 0.75, y, _("THỦ TRƯỞNG CƠ QUAN"))
        c.setFont(italic, 11)
        c.drawCentredString(left + (right - left) * 0.75, y - 5.5 * mm,
                            _("(Ký, ghi rõ họ tên, đóng dấu)"))
        c.showPage()
        c.save()
