"""Screenshots of the ratings grid and the ratings import window on a unit of 100 people at
the sizes they open with on a 1366×768 screen, for the README:
`QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python
scripts/screenshots_ratings.py` (offscreen works too, on its own 800×600 screen).

Makes a commune of 100 people with last year's ratings only (as after an import from
Excel), then opens the year-end round's nominee picker (saying who has no rating yet), the
grid with a few ratings typed, and the import window on a list of 100 rows with some that
cannot be matched; saves docs/screenshots/ratings_*.png."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, QSize, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.model import (  # noqa: E402
    History,
    Person,
    Rating,
    SubjectGroup,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import RoundKind  # noqa: E402
from desktop.core.operations import profiles, rounds  # noqa: E402
from desktop.core.operations import registry as reg  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.ratings_grid import RatingsGrid  # noqa: E402
from desktop.ui.ratings_import import RatingsImportDialog  # noqa: E402
from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 11, 23)
SCREEN = QSize(1366, 768)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quốc", "Thanh", "Đức", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh",
         "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]
UNITS = [("Văn phòng HĐND và UBND", "Chuyên viên"), ("Phòng Kinh tế", "Công chức"),
         ("Phòng Văn hóa – Xã hội", "Công chức"), ("Trường Tiểu học Tân Phú", "Giáo viên"),
         ("Trạm Y tế", "Y sĩ"), ("Trường Mầm non Hoa Sen", "Giáo viên")]
LAST = [Rating.HTT, Rating.HTT, Rating.HTXS, Rating.HTT, Rating.HT, Rating.HTT]


def people() -> list[tuple[str, date, str, str, Rating]]:
    rows = []
    for i in range(100):
        name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10 + i) % 8]} {GIVEN[(i * 7) % 22]}"
        born = date(1965 + i % 30, 1 + i % 12, 1 + (i * 3) % 28)
        unit, position = UNITS[i % 6]
        rows.append((name, born, unit, position, LAST[(i * 5) % 6]))
    return rows


def national_id(i: int) -> str:
    """The first five people's CCCD (the others have none saved)."""
    return f"0011{85 + i:02d}0{i:05d}" if i < 5 else ""


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    for _i in range(5):
        app.processEvents()
    size = widget.size()
    assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), (name, size)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"{name}.png {size.width()}×{size.height()}")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="hoso-shots-ratings-"))
    catalog = load_catalog(ROOT / "forms")
    unit = Unit(name="UBND xã Tân Phú", kind=UnitKind.XA, superior_body="UBND tỉnh Đồng Nai",
                doc_code="UBND", place_name="Tân Phú", head_name="Trần Văn Bình",
                head_title="Chủ tịch", officer_name="Nguyễn Thị Thu Hà",
                officer_title="Công chức Văn phòng")
    info, store = profiles.create_profile(work, unit, "Nguyễn Thị Thu Hà")
    everyone = people()
    for i, (name, born, unit_name, position, last) in enumerate(everyone):
        reg.add_person(store, catalog, Person(None, name, born, group=SubjectGroup.CBCCVC,
                                              position=position, department=unit_name,
                                              hired_on=date(2012, 9, 1),
                                              national_id=national_id(i)),
                       History(years=(YearRecord(2025, last, exemplary=True, solidarity=True,
                                                 movement=True),)), "t", TODAY)
    ctx = AppContext(store, catalog, "Nguyễn Thị Thu Hà", work, info.id, lambda: TODAY)

    # the year-end round before the ratings: the nominee picker says why nobody is eligible
    rnd, _c = rounds.create_round(store, catalog, RoundKind.CONG_TRANG, 2026, "", "t", TODAY)
    assert rnd.id is not None
    nominate = BulkNominateDialog(ctx, rnd.id)
    shoot(app, nominate, "ratings_nominate_hint")
    nominate.close()

    grid = RatingsGrid(ctx, 2026)
    grid.show()
    view = grid.view
    for ch in "tttxthttk":
        QTest.keyClick(view, ch)
    grid.model.tick_all(grid.model.shown_ids()[:9], True)
    view.setCurrentIndex(grid.model.index(9, 4))
    selection = view.selectionModel()
    for row in (10, 11, 12):   # chosen for "Đặt cho các dòng đã chọn"
        selection.select(grid.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    shoot(app, grid, "ratings_grid")
    grid.close_saved()

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH XẾP LOẠI CÁN BỘ, CÔNG CHỨC NĂM 2026"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Đơn vị", "Xếp loại năm 2026"])
    for i, (name, born, unit_name, _position, last) in enumerate(everyone, start=1):
        value: object = born.strftime("%d/%m/%Y")
        if i in (4, 9):
            value = born.year                       # năm sinh only: matched by the year
        if i == 17:
            name = "Nguyễn Văn Tèo"                 # not in the list
        rating = {Rating.HTXS: "HTXSNV", Rating.HTT: "Hoàn thành tốt nhiệm vụ",
                  Rating.HT: "HTNV", Rating.KHT: "KHTNV"}[last]
        if i == 23:
            rating = "Tốt"                          # "tốt" is read as HTTNV
        if i == 31:
            rating = "Giỏi"                         # not a rating
        nid = national_id(i - 1)
        if i == 2:
            nid = national_id(0)                    # the row above's CCCD: refused
        sheet.append([i, name, value, nid, unit_name, rating])
    path = work / "xep_loai_2026.xlsx"
    book.save(path)
    dialog = RatingsImportDialog(ctx, 2026)
    dialog.load_file(path)
    dialog.skip.setChecked(True)
    shoot(app, dialog, "ratings_import")
    dialog.close()
    store.close()


if __name__ == "__main__":
    main()
