"""Screenshots of the law-pack screens at 1366×768, the whole screen as an officer sees it,
for the README:

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/screenshots_lawpacks.py

A throwaway publisher key ("thu_nghiem", beside the project's real key) signs the test pack
that changes CSTĐCS from 1/10/2026 (tests/data/lawpacks/cstdcs_2026): test content is never
signed with the project's key. Bắc Ninh's key is enrolled and its profile installed as a
province pack. Saves docs/screenshots/lawpack_*.png."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.errors import UserError  # noqa: E402
from desktop.core.model import (  # noqa: E402
    History,
    Initiative,
    Person,
    Rating,
    Scope,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import lawpacks as lp  # noqa: E402
from desktop.core.operations import profiles  # noqa: E402
from desktop.core.operations import registry as ops  # noqa: E402
from desktop.core.package import minisign  # noqa: E402
from desktop.ui import lawpack_keys, lawpacks_dialog  # noqa: E402
from desktop.ui.context import AppContext  # noqa: E402
from desktop.ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
FORMS = ROOT / "forms"
PACK = ROOT / "tests" / "data" / "lawpacks" / "cstdcs_2026"
TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def settle() -> None:
    for _ in range(20):
        QCoreApplication.processEvents()


def shoot(name: str) -> None:
    settle()
    screen = QApplication.primaryScreen()
    image = screen.grabWindow(0)
    assert (image.width(), image.height()) == (1366, 768), (image.width(), image.height())
    image.save(str(OUT / name))
    print(OUT / name)


def show_over(widget: QWidget, parent: QWidget, fit: bool = True) -> None:
    """Show a dialog centred over its window, as a window manager would (placed before it is
    shown: moving a shown window leaves a stale copy on a screen with no window manager)."""
    if fit:
        widget.adjustSize()
    geo = parent.geometry()
    widget.move(geo.x() + (geo.width() - widget.width()) // 2,
                geo.y() + (geo.height() - widget.height()) // 2)
    widget.show()
    settle()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_style(app, ROOT / "resources")  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="hoso-lawpack-shots-"))
    bundled = work / "bundled"
    bundled.mkdir()
    shutil.copy(ROOT / "resources" / "lawpack" / "hoso.pub", bundled / "hoso.pub")
    test_secret, test_public = minisign.generate_keypair()
    (bundled / "thu_nghiem.pub").write_text(minisign.public_key_file_text(
        test_public, "hoso law pack publisher thu_nghiem: Khóa thử nghiệm (chỉ cho ảnh chụp)"),
        "utf-8")
    for module in (lawpack_keys, lawpacks_dialog):
        module.bundled_keys_dir = lambda: bundled  # type: ignore[attr-defined]

    data = work / "data"
    unit = Unit("Ủy ban nhân dân xã Tân Lập", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
                "UBND", "Tân Lập", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai",
                "Công chức Văn phòng - Thống kê", "bac_ninh", code="BN-TANLAP")
    info, store = profiles.create_profile(data, unit, "Trần Thị Mai")
    ctx = AppContext(store=store,
                     catalog=lambda: lp.effective_catalog(FORMS, data, as_of=TODAY)[0],
                     actor="Trần Thị Mai", data_dir=data, profile_id=info.id,
                     today=lambda: TODAY)
    people = [("Hoàng Thị Hoa", Rating.HTT, True), ("Lê Văn Minh", Rating.HTXS, False),
              ("Đặng Thị Ỷ", Rating.HTXS, True), ("Nguyễn Văn An", Rating.HT, False)]
    hoa = 0
    for name, rating, initiative in people:
        person, _c = ops.add_person(store, ctx.catalog, Person(
            None, name, date(1988, 4, 12), hired_on=date(2015, 9, 1),
            position="Công chức"), History(
            years=(YearRecord(2025, Rating.HTT, exemplary=True, solidarity=True,
                              movement=True),
                   YearRecord(2026, rating, exemplary=True, solidarity=True, movement=True)),
            initiatives=(Initiative(2026, "Số hóa hồ sơ một cửa", Scope.CO_SO),)
            if initiative else ()), "Trần Thị Mai", TODAY)
        hoa = hoa or (person.id or 0)

    # the province's key and its own profile (deadline 05/12), the national test pack
    province_secret, province_public = minisign.generate_keypair()
    lp.enrol_province_key(data, bundled, minisign.public_key_file_text(province_public),
                          "bac_ninh", "Sở Nội vụ tỉnh Bắc Ninh", "Trần Thị Mai", NOW)
    profile_src = work / "bn" / "provinces"
    profile_src.mkdir(parents=True)
    text = (FORMS / "provinces" / "bac_ninh.toml").read_text("utf-8")
    (profile_src / "bac_ninh.toml").write_text(
        text.replace('cong_trang = "12-10"', 'cong_trang = "12-05"'), "utf-8")
    from desktop.core.package.lawpack import build_lawpack, collect_forms

    build_lawpack(collect_forms(work / "bn"), version=1, effective=date(2025, 12, 15),
                  publisher="bac_ninh", publisher_name="Sở Nội vụ tỉnh Bắc Ninh",
                  summary="Hạn nộp hồ sơ khen công trạng cuối năm: trước 05/12.",
                  secret=province_secret,
                  dest=work / "bac_ninh-1.zip", now=NOW)
    lp.install_pack(work / "bac_ninh-1.zip", forms_dir=FORMS, bundled_keys_dir=bundled,
                    data_dir=data, actor="Trần Thị Mai", now=NOW)
    pack = work / "cstdcs-2026.zip"
    build_lawpack(collect_forms(PACK), version=1, effective=date(2026, 10, 1),
                  publisher="thu_nghiem", publisher_name="Khóa thử nghiệm (chỉ cho ảnh chụp)",
                  summary="Từ 01/10/2026, danh hiệu Chiến sĩ thi đua cơ sở cần đồng thời "
                          "hoàn thành xuất sắc nhiệm vụ và có sáng kiến (dự thảo, LAW §8.5).",
                  secret=test_secret, dest=pack, now=NOW)
    tampered = work / "cstdcs-2026-bi-sua.zip"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename.endswith("@2026-10-01.toml"):
                body = body.replace(b'min = "htxs"', b'min = "htt" ')
            dst.writestr(item, body)

    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    settle()
    dialog = lawpacks_dialog.LawPacksDialog(ctx, window)
    dialog.resize(1180, 660)
    show_over(dialog, window, fit=False)

    # 1. before: the province's pack in use; the national pack checked, asked about
    report = lp.examine_pack(pack, forms_dir=FORMS, bundled_keys_dir=bundled, data_dir=data,
                             today=TODAY)
    box, _install = dialog.confirm_box(report)
    show_over(box, dialog)
    shoot("lawpack_confirm.png")
    box.close()

    # 2. a tampered copy of it is refused, with its reason
    try:
        lp.examine_pack(tampered, forms_dir=FORMS, bundled_keys_dir=bundled, data_dir=data,
                        today=TODAY)
    except UserError as exc:
        refusal = dialog.refusal_box(exc, "Không cài gói quy định")
        show_over(refusal, dialog)
        shoot("lawpack_refused.png")
        refusal.close()

    # 3. installed: the list, what it changed in words
    lp.install_pack(pack, forms_dir=FORMS, bundled_keys_dir=bundled, data_dir=data,
                    actor="Trần Thị Mai", now=NOW)
    ctx.reload_catalog()
    dialog.refresh()
    dialog.packs.setCurrentItem(dialog.packs.topLevelItem(1))
    shoot("lawpack_list.png")

    # 4. the trusted keys, and enrolling a province's key from its sheet
    dialog.tabs.setCurrentIndex(1)
    shoot("lawpack_keys.png")
    enrol = lawpack_keys.EnrolKeyDialog(ctx, dialog)
    enrol.name.setText("Sở Nội vụ tỉnh Bắc Ninh")
    line = minisign.public_key_line(minisign.generate_keypair()[1])
    enrol.key.setPlainText("  ".join(line[i:i + 4] for i in range(0, len(line), 4)))
    enrol.confirmed.setChecked(True)
    enrol.resize(760, 440)
    show_over(enrol, dialog, fit=False)
    shoot("lawpack_enrol.png")
    enrol.close()
    dialog.close()

    # 5. the eligibility panel names the version each verdict used
    from desktop.ui.person_editor import PersonEditor

    editor = PersonEditor(ctx, hoa)
    editor.show()
    editor.setGeometry(40, 20, 1286, 728)
    editor.tabs.setCurrentWidget(editor.eligibility)
    editor.eligibility.tree.setColumnWidth(1, 640)
    settle()
    shoot("lawpack_panel.png")
    editor.close()
    window.close()
    store.close()


if __name__ == "__main__":
    main()
