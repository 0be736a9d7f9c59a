"""Screenshots of the import wizard at the size it opens with (fits 1366×768), for the
README: `QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_import.py`.

Builds a small Windows-1258 CSV and an .xlsx with a bad row in a temporary folder, walks the
wizard as an officer would, and saves docs/screenshots/import_*.png."""

from __future__ import annotations

import os
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.import_wizard import ImportWizard  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def cp1258(text: str) -> bytes:
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return out


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="hoso-shots-"))
    csv_path = work / "danh_sach_xa.csv"
    csv_path.write_bytes(cp1258(
        "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ TÂN PHÚ NĂM 2025\r\n"
        "STT,Họ và tên,Ngày sinh,Giới tính,Chức vụ,Xếp loại năm 2025\r\n"
        "1,Nguyễn Văn An,03/05/1980,Nam,Chủ tịch UBND,HTXSNV\r\n"
        "2,Trần Thị Bích,07/11/1985,Nữ,Kế toán,HTTNV\r\n"
        "3,Lê Đức Cường,28/02/1990,Nam,Văn thư,HTNV\r\n"))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH NGƯỜI LAO ĐỘNG THÔN BẢN"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Số CCCD",
               "Xếp loại năm 2025"])
    ws.append([1, "Lò Văn Pọm", "01/02/1979", "Nam", "Trưởng thôn", "014079000123", "HTT"])
    ws.append([2, "Nguyễn\u200bVăn Hải", "12/12/1988", "Nam", "Tổ viên", "", "HT"])
    ws.append([3, "Hà Thị Mai", "31/02/1990", "Nữ", "Tổ viên", "", "HTXS"])
    ws.append([4, "Vi Văn Tòng", "05/06/1992", "Nam", "Tổ viên", "0140920\u200b00456", "HT"])
    ws.append([5, "Lường Thị Ơn", "07/08/1975", "Nữ", "Tổ trưởng", "", "Tốt lắm"])
    xlsx_path = work / "nguoi_lao_dong.xlsx"
    book.save(xlsx_path)

    store = open_store(work / "x.sqlite", create=True)
    ctx = AppContext(store, load_catalog(ROOT / "forms"), "Cán bộ TĐKT", work, "shots",
                     lambda: date(2026, 1, 12))
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(w: QWizard, name: str) -> None:
        app.processEvents()
        w.grab().save(str(OUT / f"import_{name}.png"))

    first = ImportWizard(ctx)
    first.show()
    first.load_file(csv_path)
    shot(first, "1_file_cp1258")
    # hidden, not closed (closing asks before abandoning); kept referenced: a wizard
    # collected on the runner's thread crashes Qt
    first.hide()

    w = ImportWizard(ctx)
    w.show()
    w.load_file(xlsx_path)
    w.next()
    shot(w, "2_columns")
    w.next()
    w.defaults_page.combos["group"].setCurrentIndex(3)
    w.defaults_page.combos["ethnicity"].setEditText("Thái")
    shot(w, "3_defaults")
    w.next()
    shot(w, "4_check")
    w.preview_page.skip_bad.setChecked(True)
    app.processEvents()
    shot(w, "4_check_skip")
    w.button(QWizard.WizardButton.CommitButton).click()
    shot(w, "5_result")
    w.close()

    # A list typed in capitals, two rows without a birth date: the offer to write the names
    # as names are written, and the notes; at the wizard's size, then maximised on 1366×768.
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["DANH SÁCH CÁN BỘ KHÔNG CHUYÊN TRÁCH"])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Xếp loại năm 2025"])
    for row in ([1, "ĐINH VĂN KHÁNH", "14/03/1972", "Nam", "Chỉ huy trưởng quân sự", "HTT"],
                [2, "HOÀNG THỊ THU HÀ", "", "Nữ", "Chủ tịch Hội Phụ nữ", "HTXS"],
                [3, "Bế Văn Lợi", "02/09/1984", "Nam", "Bí thư Đoàn", "HT"],
                [4, "H'HEN NIÊ", "", "Nữ", "Phó Chủ tịch Hội Nông dân", "HTT"],
                [5, "NÔNG Thị Lan", "21/11/1990", "Nữ", "Văn thư", "HTT"]):
        ws.append(row)
    capitals_path = work / "khong_chuyen_trach.xlsx"
    book.save(capitals_path)
    c = ImportWizard(ctx)
    c.show()
    c.load_file(capitals_path)
    c.next()
    c.next()
    c.defaults_page.combos["group"].setCurrentIndex(1)
    c.defaults_page.combos["ethnicity"].setEditText("Tày")
    c.next()
    shot(c, "4_check_capitals")
    c.preview_page.fix_case.setChecked(True)
    c.resize(1366, 768)
    shot(c, "4_check_capitals_fixed_1366")
    c.hide()
    store.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("import_*.png"))))


if __name__ == "__main__":
    main()
