"""`hoso selftest`: is this installation (often a frozen PyInstaller bundle) complete?

Checks what a missing file or module in the bundle would break, each on one ✓/✗ line: the
forms catalogue, the bundled fonts (reportlab renders Vietnamese with them), the English
catalogue, SQLite FTS5, a fresh store with every migration, Qt drawing Vietnamese offscreen,
a PDF page drawn by pdfium onto a Qt printer (the print preview's and Print's path: pdfium,
QtPrintSupport and its plugins must all be in the bundle), and the keyring. A machine
without an OS keyring (headless Linux) is reported, not failed: the app then offers a
passphrase-protected key file. keyrings.alt being importable *is* a failure: it would
silently store secrets in plain text.

Outside desktop/core because it starts Qt; it imports the store directly because it checks
the installation, not the user's data (it never touches the data directory).
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop import __version__
from desktop.core.i18n import DOMAIN, _
from desktop.paths import forms_dir, resources_dir, translations_dir

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SAMPLE = "Đặng Thị Ỷ — Hồ sơ Khen thưởng: Ữ Ỹ Ợ Ự ă â đ ê ô ơ ư"
FONT_FILES = {
    "Regular": "LiberationSerif-Regular.ttf",
    "Bold": "LiberationSerif-Bold.ttf",
    "Italic": "LiberationSerif-Italic.ttf",
    "BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
FONT_LICENCE = "LICENSE-LiberationSerif-OFL.txt"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    detail: str
    required: bool = True


class CheckFailed(Exception):
    """A check's own verdict (as opposed to an unexpected exception)."""


def check_forms() -> Outcome:
    from desktop.core.catalog import load_catalog

    catalog = load_catalog(forms_dir())
    return Outcome(True, _("{n} danh hiệu, hình thức; {p} hồ sơ tỉnh").format(
        n=len(catalog.titles), p=len(catalog.provinces)))


def check_fonts() -> Outcome:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    folder = resources_dir() / "fonts"
    missing = [f for f in [*FONT_FILES.values(), FONT_LICENCE] if not (folder / f).is_file()]
    if missing:
        raise CheckFailed(_("thiếu tệp trong {path}: {files}").format(
            path=folder, files=", ".join(missing)))
    names = {}
    for style, filename in FONT_FILES.items():
        font = TTFont(f"HosoSelftest-{style}", str(folder / filename))
        pdfmetrics.registerFont(font)
        absent = sorted({ch for ch in SAMPLE if ch != " " and ord(ch) not in font.face.charToGlyph})
        if absent:
            raise CheckFailed(_("phông {font} thiếu chữ: {chars}").format(
                font=filename, chars=" ".join(absent)))
        names[style] = font.fontName
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for i, name in enumerate(names.values()):
        pdf.setFont(name, 12)
        pdf.drawString(72, 720 - 20 * i, SAMPLE)
    pdf.save()
    data = out.getvalue()
    embedded = data.count(b"/FontFile2")  # one embedded TrueType subset per style drawn
    if not data.startswith(b"%PDF") or embedded < len(names):
        raise CheckFailed(_("reportlab không nhúng được phông vào PDF"))
    return Outcome(True, _("{n} kiểu Liberation Serif nhúng vào PDF tiếng Việt ({kb} KB)").format(
        n=embedded, kb=max(1, len(data) // 1024)))


def check_translations() -> Outcome:
    english = gettext.translation(DOMAIN, localedir=str(translations_dir()), languages=["en"])
    if english.gettext("Hủy") == "Hủy":
        raise CheckFailed(_("bản dịch tiếng Anh không dịch được “Hủy”"))
    return Outcome(True, _("tiếng Việt (mặc định), tiếng Anh"))


def check_fts5() -> Outcome:
    from desktop.core.store.probe import fts5_hits

    hits, version = fts5_hits()
    if hits != 1:
        raise CheckFailed(_("tìm kiếm FTS5 trả về {n} kết quả thay vì 1").format(n=hits))
    return Outcome(True, f"SQLite {version}")


def check_store() -> Outcome:
    from desktop.core.store.database import open_store
    from desktop.core.store.migrations import known_names
    from desktop.core.store.probe import schema_version, table_names

    with tempfile.TemporaryDirectory(prefix="hoso-selftest-") as tmp:
        path = Path(tmp) / "selftest.sqlite"
        store = open_store(path, create=True)
        try:
            version = schema_version(store)
            tables = table_names(store)
        finally:
            store.close()
        store = open_store(path)  # reopening an existing file takes the other path
        store.close()
    if version != len(known_names()) or "people" not in tables:
        raise CheckFailed(_("lược đồ dữ liệu chưa đủ (phiên bản {v}/{n})").format(
            v=version, n=len(known_names())))
    return Outcome(True, _("{n} bước nâng cấp lược đồ").format(n=version))


def _headless() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_qt() -> Outcome:
    if _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["hoso-selftest"])
    font_id = QFontDatabase.addApplicationFont(
        str(resources_dir() / "fonts" / FONT_FILES["Regular"]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise CheckFailed(_("Qt không nạp được phông Liberation Serif đi kèm"))
    font = QFont(families[0], 16)
    metrics = QFontMetrics(font)
    absent = sorted({ch for ch in SAMPLE if ch != " " and not metrics.inFontUcs4(ord(ch))})
    if absent:
        raise CheckFailed(_("Qt thiếu chữ: {chars}").format(chars=" ".join(absent)))
    label = QLabel("Đặng Thị Ỷ")
    label.setFont(font)
    label.adjustSize()
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    inked = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                if image.pixelColor(x, y) != background)
    label.deleteLater()
    app.processEvents()
    if image.isNull() or inked == 0:
        raise CheckFailed(_("Qt không vẽ được chữ (ảnh {w}×{h})").format(
            w=image.width(), h=image.height()))
    return Outcome(True, _("PySide6 {v}, nền {platform}, ảnh {w}×{h}").format(
        v=pyside_version, platform=QApplication.platformName(), w=image.width(),
        h=image.height()))


def check_qt_catalogue() -> Outcome:
    """Qt's own buttons and dialogs in Vietnamese: the project's catalogue is bundled and loads."""
    from PySide6.QtCore import QTranslator

    from desktop.ui.qt_language import QT_CATALOGUE, qt_translations_dir

    translator = QTranslator()
    folder = qt_translations_dir(resources_dir())
    if not translator.load(QT_CATALOGUE, str(folder)):
        raise CheckFailed(_("không nạp được {name}.qm trong {folder}").format(
            name=QT_CATALOGUE, folder=folder))
    cancel = translator.translate("QPlatformTheme", "Cancel")
    if cancel != "Hủy":
        raise CheckFailed(_("nút “Cancel” của Qt chưa được dịch (“{text}”)").format(text=cancel))
    return Outcome(True, _("{name}.qm: Cancel → {text}").format(name=QT_CATALOGUE, text=cancel))


def check_printing() -> Outcome:
    """What the print preview and its Print button do with a dossier's PDF: pdfium draws the
    page, Qt paints it on a printer, here one that writes a PDF file (no printer needed)."""
    if _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication
    from reportlab.pdfgen import canvas

    from desktop.ui.print_preview import make_printer, paint_pdfs

    app = QApplication.instance() or QApplication(["hoso-selftest"])
    with tempfile.TemporaryDirectory(prefix="hoso-selftest-") as tmp:
        page = Path(tmp) / "trang.pdf"
        pdf = canvas.Canvas(str(page))
        pdf.rect(72, 600, 300, 120, fill=1)
        pdf.save()
        printed = Path(tmp) / "in.pdf"
        printer = make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        pages = paint_pdfs(printer, [page], max_dpi=60)
        app.processEvents()
        size = printed.stat().st_size if printed.is_file() else 0
        if pages != 1 or not printed.read_bytes().startswith(b"%PDF") or size < 1000:
            raise CheckFailed(_("không vẽ được trang PDF lên máy in ({n} trang, {size} byte)")
                              .format(n=pages, size=size))
    return Outcome(True, _("pdfium vẽ trang PDF, Qt in ra tệp ({kb} KB)").format(
        kb=max(1, size // 1024)))


def native_keyring_backend() -> str:
    """The name of keyring's entry point for this OS's own secret store."""
    if sys.platform == "win32":
        return "Windows"
    if sys.platform == "darwin":
        return "macOS"
    return "SecretService"


def check_keyring_backends() -> Outcome:
    """keyring finds its backends through entry points: a bundle without keyring's metadata
    (or without the backend modules) silently falls back to `fail` even on Windows."""
    from importlib.metadata import entry_points

    found = {ep.name: ep for ep in entry_points(group="keyring.backends")}
    wanted = native_keyring_backend()
    if wanted not in found:
        raise CheckFailed(_("keyring không thấy cách lưu “{name}” của hệ điều hành (thiếu "
                            "metadata của keyring trong bản đóng gói)").format(name=wanted))
    found[wanted].load()
    return Outcome(True, ", ".join(sorted(found)))


def check_keyring(backend: KeyringBackend | None = None) -> Outcome:
    """Which backend keyring chose; if it is a safe one, write, read and delete a test entry
    under the service `hoso/selftest` (never a real profile's)."""
    import keyring

    from desktop.core.secrets import KeyringSecretStore, SecretStoreUnavailable

    backend = backend if backend is not None else keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    try:
        store = KeyringSecretStore("selftest", backend)
    except SecretStoreUnavailable:
        return Outcome(False, _("{name}: không có kho khóa an toàn; sẽ dùng tệp khóa có mật "
                                "khẩu (không bắt buộc)").format(name=name), required=False)
    token = secrets.token_urlsafe(24)
    try:
        store.set("selftest", token)
        read = store.get("selftest")
        store.delete("selftest")
    except SecretStoreUnavailable as exc:
        return Outcome(False, f"{name}: {exc}", required=False)
    if read != token:
        return Outcome(False, _("{name}: đọc lại không đúng giá trị vừa ghi").format(name=name),
                       required=False)
    return Outcome(True, _("{name}: an toàn, ghi/đọc/xóa thử được").format(name=name))


def check_no_plaintext_keyring() -> Outcome:
    try:
        found = importlib.util.find_spec("keyrings.alt") is not None
    except ModuleNotFoundError:  # the parent package `keyrings` is absent
        found = False
    if found:
        raise CheckFailed(_("keyrings.alt có trong bản cài: nó lưu bí mật dạng văn bản thường. "
                            "Hãy gỡ nó khỏi bản đóng gói."))
    return Outcome(True, _("không có keyrings.alt"))


def checks() -> list[tuple[str, Callable[[], Outcome]]]:
    return [
        (_("Danh mục danh hiệu (forms/)"), check_forms),
        (_("Phông chữ đi kèm, PDF tiếng Việt"), check_fonts),
        (_("Bản dịch giao diện"), check_translations),
        (_("SQLite có FTS5"), check_fts5),
        (_("Tạo tệp dữ liệu mới"), check_store),
        (_("Qt vẽ chữ tiếng Việt"), check_qt),
        (_("Nút và hộp thoại của Qt bằng tiếng Việt"), check_qt_catalogue),
        (_("Xem trước và in"), check_printing),
        (_("Các cách lưu khóa của keyring"), check_keyring_backends),
        (_("Kho khóa của hệ điều hành"), check_keyring),
        (_("Không có kho khóa văn bản thường"), check_no_plaintext_keyring),
    ]


def _write(stdout: TextIO, line: str) -> None:
    try:
        stdout.write(line + "\n")
    except UnicodeEncodeError:  # a Windows console redirected to a legacy code page
        encoding = getattr(stdout, "encoding", None) or "ascii"
        stdout.write(line.encode(encoding, "replace").decode(encoding) + "\n")
    stdout.flush()


def run_selftest(stdout: TextIO) -> int:
    """Run every check, print one line each; 0 if every required check passed, else 1."""
    frozen = _("bản đóng gói") if getattr(sys, "frozen", False) else _("mã nguồn")
    _write(stdout, _("Hồ sơ Khen thưởng {version} ({kind}), Python {py}").format(
        version=__version__, kind=frozen, py=sys.version.split()[0]))
    failed = 0
    for title, check in checks():
        started = time.perf_counter()
        try:
            outcome = check()
        except CheckFailed as exc:
            outcome = Outcome(False, str(exc))
        except Exception as exc:  # any breakage is the finding: report it and go on
            outcome = Outcome(False, f"{type(exc).__name__}: {exc}")
        mark = "✓" if outcome.ok else ("✗" if outcome.required else "•")
        elapsed = (time.perf_counter() - started) * 1000
        _write(stdout, f"{mark} {title}: {outcome.detail} ({elapsed:.0f} ms)")
        if not outcome.ok and outcome.required:
            failed += 1
    if failed:
        _write(stdout, _("Tự kiểm tra: KHÔNG ĐẠT, {n} mục lỗi.").format(n=failed))
        return 1
    _write(stdout, _("Tự kiểm tra: đạt."))
    return 0
