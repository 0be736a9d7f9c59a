"""Walk the officer's whole year in the running app, twice, one screenshot per step (issue 12):
(a) on the demo (`hoso demo --data-dir D1 --out OUT`, then the app opened on D1; the province
side opened on OUT/tinh), (b) on a new unit made with the first-run wizard whose ~100 people
come from an Excel file made here (odd rows: no birth date, a duplicate CCCD, a name in
capitals) through Tệp → Nhập từ Excel/CSV.

Not a test; slow (a minute or two). Run:
  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/walk_year.py
or on a real 1366×768 X screen:
  Xvfb :7 -screen 0 1366x768x24 &
  DISPLAY=:7 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/walk_year.py [a|b]
Screenshots go to docs/screenshots/walk/ (a_* demo, b_* imported unit).

Every window is reached as the officer reaches it (menu action or button; modal dialogs are
met with a timer that shoots them and then answers them as an officer would)."""

from __future__ import annotations

import faulthandler
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
    QWizard,
)

from desktop.app import build_window  # noqa: E402
from desktop.core.operations.demo import DEMO_KEY_PASSPHRASE  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "walk"
ACTOR = "Nguyễn Thị Thu Hà"
PASSPHRASE = "mat khau don vi Tan Phu 2026"
HOSO = str(Path(sys.executable).with_name("hoso"))
seen: list[str] = []


if hasattr(signal, "SIGUSR1"):   # not on Windows
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 PID` shows where a walk waits


def pump(n: int = 8) -> None:
    app = QApplication.instance()
    assert app is not None
    for _i in range(n):
        app.processEvents()


# steps walked but not kept (same picture as the one before, or an empty window): ~25 files
NOT_KEPT = ("_import_defaults", "_import_result", "a0_new_round")


def shoot(widget: QWidget, name: str) -> None:
    pump()
    if any(part in f"{name}.png" for part in NOT_KEPT):
        print(f"({name}: {widget.windowTitle()}, not kept)")
        return
    save_small(widget.grab().scaled(widget.width(), widget.height()).toImage(),
               OUT / f"{name}.png")
    seen.append(f"{name}.png {widget.width()}×{widget.height()} {widget.windowTitle()}")
    print(seen[-1], flush=True)


def save_small(image: QImage, path: Path) -> None:
    """A screenshot as a 256-colour PNG (Pillow is already a dependency; optipng/pngquant are
    not on the machine): a third of the size, and a UI's flat colours survive it."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    with PILImage.open(io.BytesIO(bytes(buffer.data()))) as shot:
        small = shot.convert("RGB").quantize(256, method=PILImage.Quantize.MEDIANCUT)
        small.save(path, optimize=True)


MODAL_TIMEOUT_S = 180   # a dialog not closed in this long (a loaded machine): the walk is stuck


def stuck(step: str, what: str) -> None:
    """A step that waits past its time fails loudly, naming the step and the dialog in the way,
    instead of hanging the walk (a modal exec() cannot be unwound by an exception)."""
    active = QApplication.activeModalWidget()
    if active is not None:
        what += f"; open: {type(active).__name__} “{active.windowTitle()}”"
        if isinstance(active, QMessageBox):
            what += f" “{active.text()[:200]}”"
    print(f"walk_year: step {step!r} STUCK: {what}", file=sys.stderr, flush=True)
    faulthandler.dump_traceback(all_threads=True)
    os._exit(3)


def modal(step: str, trigger: Callable[[], object], handle: Callable[[QWidget], None],
          before: QWidget | None = None, every: bool = False,
          timeout_s: float = MODAL_TIMEOUT_S) -> None:
    """Run trigger (which opens a modal dialog with exec()); handle gets the dialog (each one
    that opens, with `every`, until trigger returns). Past `timeout_s` the walk stops with
    the step's name."""
    finished = [False]
    handled: list[QWidget] = []

    def poll() -> None:
        if finished[0]:
            return
        w = QApplication.activeModalWidget()
        if w is None or w is before or (every and any(w is h for h in handled)):
            QTimer.singleShot(50, poll)
            return
        handled.append(w)
        handle(w)
        if every:
            QTimer.singleShot(50, poll)

    def watchdog() -> None:
        if not finished[0]:
            stuck(step, f"waited {timeout_s:.0f} s for its dialog to "
                  + ("close" if handled else "open and close"))
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(watchdog)
    timer.start(int(timeout_s * 1000))
    QTimer.singleShot(0, poll)
    try:
        trigger()
    finally:
        finished[0] = True
        timer.stop()


def watch_for(step: str, cls: type, handle: Callable[[QWidget], None],
              timeout_s: float = MODAL_TIMEOUT_S) -> None:
    """Handle the first modal dialog of class cls, whenever it opens (within `timeout_s`)."""
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, cls):
            handle(w)
            return
        if time.monotonic() > deadline:
            stuck(step, f"no {cls.__name__} opened within {timeout_s:.0f} s")
        QTimer.singleShot(50, poll)
    QTimer.singleShot(0, poll)


def answer_boxes(choice: str = "", shot: str = "") -> Callable[[QWidget], None]:
    """A handle that answers a message box (by button text start), shot first if named."""
    def handle(w: QWidget) -> None:
        if shot:
            shoot(w, shot)
        if isinstance(w, QMessageBox):
            print("  message:", w.windowTitle(), "|", w.text()[:160].replace("\n", " "))
            for b in w.buttons():
                if choice and b.text().replace("&", "").startswith(choice):
                    b.click()
                    return
            w.accept()
        elif isinstance(w, QDialog):
            w.done(0)
    return handle


def close_modal(w: QWidget) -> None:
    if isinstance(w, QDialog):
        w.done(0)
    else:
        w.close()


def make_excel(path: Path) -> None:
    rng = random.Random(12)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
              "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Hà", "Đinh", "Lò", "Vi"]
    middle_m, middle_f = ["Văn", "Đức", "Minh", "Quốc", "Hữu"], ["Thị", "Ngọc", "Thu", "Thanh"]
    given_m = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc",
               "Quang", "Sơn", "Thắng", "Tuấn", "Việt"]
    given_f = ["Anh", "Bích", "Chi", "Dung", "Hằng", "Hoa", "Lan", "Linh", "Mai", "Nga",
               "Oanh", "Phương", "Thảo", "Trang", "Yến"]
    jobs = ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Công chức Văn phòng - Thống kê",
            "Công chức Tài chính - Kế toán", "Công chức Tư pháp - Hộ tịch", "Giáo viên",
            "Nhân viên y tế", "Trưởng thôn", "Công an viên", "Chuyên viên"]
    depts = ["Văn phòng HĐND-UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
             "Trường Tiểu học Tân Phú", "Trạm Y tế xã"]
    ratings = ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC XÃ TÂN PHÚ NĂM 2025"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chức vụ",
               "Đơn vị công tác", "Ngày tuyển dụng", "Xếp loại năm 2025"])
    for i in range(1, 101):
        male = rng.random() < 0.5
        name = " ".join([rng.choice(family),
                         rng.choice(middle_m if male else middle_f),
                         rng.choice(given_m if male else given_f)])
        born_year = rng.randint(1968, 1998)
        born = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{born_year}"
        cccd = f"025{'0' if male else '1'}{rng.randint(68, 98):02d}{i:06d}"
        if i == 17:
            born = ""                       # no birth date
        if i == 42:
            cccd = ws.cell(row=3 + 5, column=5).value  # the CCCD of row 5 again
        if i == 63:
            name = name.upper()             # typed in capitals
        hired = f"01/{rng.randint(1, 12):02d}/{rng.randint(max(born_year + 20, 2000), 2024)}"
        if i in (8, 55):
            hired = "15/09/2026"            # came this autumn: not 6 months by 31/12
        if i in (30, 77, 91):
            hired = ""                      # the list does not say
        ws.append([i, name, born, "Nam" if male else "Nữ", cccd, rng.choice(jobs),
                   rng.choice(depts), hired, rng.choice(ratings)])
    book.save(path)


RATINGS_TYPED_UNIT = "Trạm Y tế xã"   # its ratings came on paper: typed in the grid


def make_ratings(people: Path, path: Path, year: int) -> int:
    """The year's ratings as the departments send them back (one sheet, their own columns):
    everyone of the people file but the health station's, a few ratings written out in full,
    one person who has left since. Returns how many rows it has."""
    rng = random.Random(26)
    source_book = openpyxl.load_workbook(people, read_only=True)
    source = source_book.active
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = f"Xếp loại {year}"
    ws.append([f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {year}"])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Kết quả xếp loại"])
    full = {"HTXSNV": "Hoàn thành xuất sắc nhiệm vụ", "HTTNV": "Hoàn thành tốt nhiệm vụ"}
    rows = 0
    for values in source.iter_rows(min_row=4, values_only=True):
        _stt, name, born, _sex, cccd, _job, unit, _hired, _last = values
        if unit == RATINGS_TYPED_UNIT:
            continue
        rating = rng.choices(["HTXSNV", "HTTNV", "HTNV", "KHTNV"], [15, 70, 12, 3])[0]
        if rng.random() < 0.1:
            rating = full.get(rating, rating)
        rows += 1
        ws.append([rows, name, born, cccd, rating])
    source_book.close()
    rows += 1
    ws.append([rows, "Trịnh Văn Chuyển", "12/03/1979", "", "HTTNV"])   # moved away in June
    book.save(path)
    return rows


def choose_title(w: QWidget, code: str) -> None:
    combo = w.title  # type: ignore[attr-defined]
    if (index := combo.findData(code)) >= 0:
        combo.setCurrentIndex(index)
        pump(10)
    else:
        print(f"  no title {code} in {w.windowTitle()}")


def enter_ratings(prefix: str, name: Callable[[str], str], window: Any, excel: Path) -> None:
    """The year's ratings as an officer enters them in December: Tệp → Nhập xếp loại năm từ
    Excel/CSV… with the departments' file, then Danh sách → Xếp loại năm… (Ctrl+K) for the
    health station's people, typed one key a person, and the three criteria ticked for all."""
    year = window.context.today().year
    ratings_file = excel.with_name(f"xep_loai_{year}.xlsx")
    rows = make_ratings(excel, ratings_file, year)
    print(f"  ratings file: {rows} rows")
    from desktop.ui.ratings_grid import RatingsGrid
    from desktop.ui.ratings_import import RatingsImportDialog

    def imported(w: QWidget) -> None:
        assert isinstance(w, RatingsImportDialog)
        pump(20)
        print("  ratings import:", w.summary.text())
        if w.skip.isEnabled() and not w.apply_button.isEnabled():
            w.skip.setChecked(True)
        w.only_bad.setChecked(True)   # what the officer looks at first: the rows it refuses
        pump()
        shoot(w, name("ratings_import"))
        w.only_bad.setChecked(False)
        if w.apply_button.isEnabled():
            modal(f"{prefix}: ratings import, Ghi xếp loại", w.apply_button.click,
                  answer_boxes(), before=w)
        w.done(0)

    def choose_file(w: QWidget) -> None:
        assert isinstance(w, QFileDialog), type(w)
        watch_for(f"{prefix}: ratings import dialog", RatingsImportDialog, imported)
        w.selectFile(str(ratings_file))
        w.accept()
    modal(f"{prefix}: Tệp → Nhập xếp loại năm từ Excel/CSV", window.import_ratings_action.trigger,
          choose_file)
    pump(10)

    def grid(w: QWidget) -> None:
        assert isinstance(w, RatingsGrid)
        pump(10)
        if w.model.year != year:
            w.year.setValue(year)
            pump(10)
        w.only_missing.setChecked(True)        # who is still without a rating
        pump(10)
        view = w.view
        view.setFocus()
        keys = "ttxthtttktxtthttttxt"
        for i in range(w.model.rowCount()):
            QTest.keyClick(view, keys[i % len(keys)])   # one key a person, then the next row
        pump()
        shoot(w, name("ratings_grid"))
        w.only_missing.setChecked(False)       # everyone: the criteria of the whole unit
        pump(10)
        view.selectAll()
        next(b for b in w.findChildren(QPushButton)
             if b.text().replace("&", "").startswith("Đạt cả 3")).click()
        pump()
        print("  ratings grid:", w.count.text())
        QTest.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        pump(20)
        if w.model.edits:    # no window manager to make the dialog active: press the button
            w.save_button.click()
            pump(20)
        print("  ratings grid, saved:", w.count.text())
        w.done(0)
    modal(f"{prefix}: Danh sách → Xếp loại năm (Ctrl+K)", window.ratings_action.trigger, grid)
    pump(10)


def write_dossier(prefix: str, w: Any) -> None:
    """“Ghi DOCX + PDF vào thư mục…” into a new folder (the folder chooser answered), then
    page 1 of the list as the province's clerk sees it (pdftoppm -r 60)."""
    folder = Path(tempfile.mkdtemp(prefix="hoso-walk-dossier-"))
    w.choose_folder = lambda: folder
    w.offer_open = lambda where, count: print(f"  dossier written: {count} files in {where}")
    paths = w.write_all() or []
    pdfs = sorted(p for p in paths if p.suffix.lower() == ".pdf")
    print("  dossier PDFs:", ", ".join(p.name for p in pdfs))
    listing = next((p for p in pdfs if "danh" in p.name.lower()), None)
    if listing is None:
        print("  no danh sách PDF among them")
        return
    stem = folder / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(listing),
                    str(stem)], check=True)
    page = next(folder.glob("page*.png"))
    save_small(QImage(str(page)), OUT / f"{prefix}_dossier_list_page1.png")
    print(f"  {prefix}_dossier_list_page1.png from {listing.name}")


def walk(prefix: str, data_dir: Path, province_dir: Path | None, excel: Path | None) -> None:
    n = [0]

    def name(step: str) -> str:
        n[0] += 1
        return f"{prefix}{n[0]:02d}_{step}"

    window = None
    if excel is not None:
        # first run: no profile yet, so build_window opens the wizard (modal)
        def wizard(w: QWidget) -> None:
            assert isinstance(w, QWizard)
            shoot(w, name("wizard_welcome"))
            w.next()
            form = w.unit_page.form  # type: ignore[attr-defined]
            for edit, text in ((form.name, "Ủy ban nhân dân xã Tân Phú"),
                               (form.superior_body, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"),
                               (form.doc_code, "UBND"), (form.code, "PT-TANPHU"),
                               (form.place_name, "Tân Phú"), (form.head_name, "Lê Văn Tâm"),
                               (form.head_title, "Chủ tịch"), (form.officer_name, ACTOR),
                               (form.officer_title, "Công chức Văn phòng - Thống kê")):
                edit.setText(text)
            form.province.setCurrentIndex(max(0, form.province.findData("phu_tho")))
            shoot(w, name("wizard_unit"))
            w.next()
            pump()
            shoot(w, name("wizard_key"))
            choice = w.currentPage().choice  # type: ignore[attr-defined]
            choice.file.setChecked(True)     # a key file with a passphrase (no keyring here)
            for edit in (choice.fields.passphrase, choice.fields.confirm):
                edit.setText(PASSPHRASE)
            pump()
            modal(f"{prefix}: first-run wizard, Finish",
                  w.button(QWizard.WizardButton.FinishButton).click,
                  answer_boxes(shot="b_wizard_key_refused"), before=w)
        # the first-run window opens Việc cần làm after its first paint (exec, modal)
        def first_tasks(m: QWidget) -> None:
            shoot(m, name("first_tasks"))
            close_modal(m)
        from desktop.ui.year_tasks_view import YearTasksDialog
        watch_for(f"{prefix}: Việc cần làm after the wizard", YearTasksDialog, first_tasks)
        modal(f"{prefix}: first start (wizard)",
              lambda: globals().__setitem__("_w", build_window(data_dir, "vi", ACTOR)), wizard)
        window = globals()["_w"]
    else:
        window = build_window(data_dir, "vi", ACTOR)
    assert window is not None
    if not window.isMaximized():
        window.resize(1366, 768)
    pump(20)
    if excel is not None:

        def wizard_import(w: QWidget) -> None:
            assert isinstance(w, QWizard)
            w.load_file(excel)  # type: ignore[attr-defined]
            shoot(w, name("import_file"))
            w.next()
            shoot(w, name("import_columns"))
            w.next()
            defaults = w.defaults_page.combos  # type: ignore[attr-defined]
            defaults["group"].setCurrentIndex(1)
            defaults["ethnicity"].setEditText("Kinh")
            pump()
            shoot(w, name("import_defaults"))
            w.next()
            pump(30)
            shoot(w, name("import_check"))
            fix_case = w.preview_page.fix_case  # type: ignore[attr-defined]
            if fix_case.isVisibleTo(w):
                fix_case.setChecked(True)      # “DƯƠNG THANH PHƯƠNG” → “Dương Thanh Phương”
            skip = w.preview_page.skip_bad  # type: ignore[attr-defined]
            if skip.isEnabled():
                skip.setChecked(True)
            pump()

            def done(box: QWidget) -> None:
                answer_boxes()(box)
            QTimer.singleShot(200, lambda: (QApplication.activeModalWidget() is not w
                                            and done(QApplication.activeModalWidget())))
            w.button(QWizard.WizardButton.CommitButton).click()
            pump(30)
            shoot(w, name("import_result"))
            w.accept()
        modal(f"{prefix}: Nhập từ Excel/CSV", window.import_action.trigger, wizard_import)
    pump(20)
    shoot(window, name("main"))

    # Đợt xét → Đợt xét khen thưởng (Ctrl+R): a window, not modal
    window.rounds_action.trigger()
    pump(20)
    rw = window._rounds_window
    assert rw is not None
    rw.resize(1366, 740)
    # January: Đăng ký thi đua, bulk picker
    rw.tabs.setCurrentWidget(rw.registration_view)
    reg = rw.registration_view

    def register(w: QWidget) -> None:
        if excel is not None:   # January: everyone registers for LĐTT (no rating yet)
            choose_title(w, "lao_dong_tien_tien")
            w.picker.tick_shown()  # type: ignore[attr-defined]
        else:
            w.picker.tick_eligible()  # type: ignore[attr-defined]
        pump(10)
        shoot(w, name("register_bulk"))
        ok = getattr(w, "ok_button", None)
        if ok is not None and ok.isEnabled():
            modal(f"{prefix}: Đăng ký, save", ok.click, answer_boxes(), before=w)
        else:
            w.done(0)
    modal(f"{prefix}: Đăng ký thi đua (bulk)", reg.add_button.click, register)
    pump(10)
    shoot(rw, name("registrations"))

    if excel is not None:   # December: this year's ratings, from a file and typed
        enter_ratings(prefix, name, window, excel)

    # the year-end round: create it if the unit has none
    rw.tabs.setCurrentWidget(rw.round_view)
    if not rw.rounds_shown():
        def new_round(w: QWidget) -> None:
            shoot(w, name("new_round"))
            from PySide6.QtWidgets import QPushButton
            ok = next((b for b in w.findChildren(QPushButton)
                       if b.text().replace("&", "") == "Tạo đợt"), None)
            if ok is not None:
                modal(f"{prefix}: new round, Tạo đợt", ok.click, answer_boxes(), before=w)
            else:
                w.accept()
        modal(f"{prefix}: new round", rw.new_button.click, new_round)
        pump(10)
    rw.refresh(select_first=True)
    pump(10)
    view = rw.round_view

    def nominate(w: QWidget) -> None:
        if excel is not None:   # the commune's year-end title: Lao động tiên tiến
            choose_title(w, "lao_dong_tien_tien")
        w.picker.tick_eligible()  # type: ignore[attr-defined]
        pump(10)
        print("  nominate:", len(w.picker.model.ticked), "ticked")  # type: ignore[attr-defined]
        shoot(w, name("nominate_bulk"))
        ok = getattr(w, "ok_button", None)
        if ok is not None and ok.isEnabled():
            modal(f"{prefix}: Đề nghị, save", ok.click, answer_boxes(), before=w)
        else:
            w.done(0)
    started = time.monotonic()
    modal(f"{prefix}: Đề nghị nhiều người (bulk)", view.bulk_button.click, nominate)
    pump(10)
    print(f"  nominate: {time.monotonic() - started:.1f} s from the click to the saved round")

    # the council meeting: vote grid
    def meeting(w: QWidget) -> None:
        w.members_total.setValue(9)  # type: ignore[attr-defined]
        w.present.setValue(8)  # type: ignore[attr-defined]
        from desktop.ui.rounds.vote_grid import C_FOR
        grid = w.grid  # type: ignore[attr-defined]
        for row in range(grid.rowCount()):
            grid.set_cell(row, C_FOR, "8" if row % 7 else "3")
        pump()
        shoot(w, name("meeting_votes"))
        modal(f"{prefix}: council, save", w.save_button.click, answer_boxes(), before=w)  # type: ignore[attr-defined]
        pump()
        w.done(0)
    modal(f"{prefix}: council (votes)", view.meeting_button.click, meeting)
    pump(10)
    rw.refresh(select_first=True)
    pump(10)
    shoot(rw, name("round_checklist"))

    # dossier: Thẩm định trước, preview
    def dossier(w: QWidget) -> None:
        if isinstance(w, QMessageBox):   # the dossier refused to open: say why, go on
            answer_boxes()(w)
            return
        w.resize(1366, 740)
        pump(30)
        shoot(w, name("dossier_appraisal"))
        entries = w.entries  # type: ignore[attr-defined]
        titles = [title for title, _doc in entries]
        print("  dossier:", len(titles), "documents:", "; ".join(titles[:8]))
        if excel is not None:   # the list the province reads first
            row = next((i for i, (title, doc) in enumerate(entries)
                        if doc is not None and "danh sách" in title.lower()), None)
            if row is not None:
                w.doc_table.selectRow(row)  # type: ignore[attr-defined]
                pump()
        if w.selected_document() is not None:  # type: ignore[attr-defined]
            def preview(p: QWidget) -> None:
                pump(40)
                shoot(p, name("print_preview"))
                close_modal(p)
            modal(f"{prefix}: print preview", w.preview_button.click, preview, before=w)  # type: ignore[attr-defined]
        if excel is not None:
            write_dossier(prefix, w)
        w.done(0)
    modal(f"{prefix}: dossier", view.dossier_button.click, dossier)
    pump(10)

    # Gói hồ sơ → Xuất gói: trial, then real
    folder = Path(tempfile.mkdtemp(prefix="hoso-walk-out-"))

    def fill(w: Any) -> None:
        w.to_folder.setChecked(True)
        w.folder.setText(str(folder))
        if w.passphrase_row.isVisibleTo(w):
            # the passphrase the dialog names for the demo, the wizard's one for unit b
            print("  passphrase hint:", w.passphrase_hint.text())
            w.passphrase.setText(DEMO_KEY_PASSPHRASE if province_dir is not None else PASSPHRASE)
        pump()

    def trial(w: Any) -> bool:
        """The trial; True when the dialog now shows its result page (closed by the officer,
        who opens the export again for the real one: the page has no way back)."""
        shoot(w, name("export_choice"))
        w.trial.setChecked(True)
        fill(w)
        done: list[object] = []
        modal(f"{prefix}: export, trial",
              lambda: done.append(w.run_trial(background=False)),
              answer_boxes(shot=prefix + "_export_trial_refused"), before=w)
        print("  trial:", done[0] if done else None)
        pump(10)
        if done and done[0] is not None:
            shoot(w, name("export_trial"))
            w.done(0)
            return True
        return False

    def official(w: Any) -> None:
        w.official.setChecked(True)
        fill(w)
        # the appraisal / revision questions answered "Có": the demo's round went to the
        # province once already (hoso demo), so this is its lần gửi 2
        modal(f"{prefix}: export, official",
              lambda: print("  official:", w.run_export(background=False)),
              answer_boxes("Có"), before=w, every=True)
        pump(10)
        shoot(w, name("export_real"))
        w.done(0)

    from desktop.core.model.rounds import RoundKind
    from desktop.core.operations import rounds as round_ops
    from desktop.ui.export_dialog import ExportDialog
    rounds = round_ops.list_rounds(window.context.store)
    year_end = next((r for r in rounds if r.kind is RoundKind.CONG_TRANG), rounds[0])

    def open_export() -> Any:
        if len(rounds) > 1:  # "Chọn đợt xét": the year-end round
            def pick(w: QWidget) -> None:
                w.setTextValue(f"{year_end.name} ({year_end.year})")  # type: ignore[attr-defined]
                w.accept()  # type: ignore[attr-defined]
            modal(f"{prefix}: export, choose the round", window.show_export, pick)
        else:
            window.show_export()
        pump(10)
        shown = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
        if not shown:
            print("  no export dialog")
        return shown[-1] if shown else None

    dialog = open_export()
    if dialog is not None and trial(dialog):
        dialog = open_export()
    if dialog is not None:
        official(dialog)
    rw.close()

    # Việc cần làm
    def tasks(w: QWidget) -> None:
        shoot(w, name("tasks"))
        close_modal(w)
    modal(f"{prefix}: Việc cần làm", window.tasks_action.trigger, tasks)

    # F1 on the main window
    from desktop.ui.help_window import show_help
    help_window = show_help(window, "danh_sach")
    pump(10)
    shoot(help_window, name("help_f1"))
    help_window.close()

    if province_dir is not None:
        window.close()
        province = build_window(province_dir, "vi", "Trần Thị Lan")
        assert province is not None
        province.resize(1366, 768)

        def received(w: QWidget) -> None:
            pump(10)
            shoot(w, name("province_received"))
            close_modal(w)
        modal(f"{prefix}: province, received", province.show_received, received)
        province.close()
    else:
        window.close()


def main() -> None:
    walks = sys.argv[1:] or ["a", "b"]   # `walk_year.py b`: only the imported unit
    OUT.mkdir(parents=True, exist_ok=True)
    for prefix in walks:
        for old in OUT.glob(f"{prefix}*.png"):
            old.unlink()
    work = Path(tempfile.mkdtemp(prefix="hoso-walk-"))
    print("work folder:", work)
    if "a" in walks:
        d1, out = work / "D1", work / "out"
        subprocess.run([HOSO, "demo", "--data-dir", str(d1), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        walk("a", d1, out / "tinh", None)
    if "b" in walks:
        excel = work / "danh_sach_tan_phu.xlsx"
        make_excel(excel)
        walk("b", work / "D2", None, excel)
    print(f"{len(seen)} screenshots in {OUT}")


if __name__ == "__main__":
    main()
