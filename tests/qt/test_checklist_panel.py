"""The dossier checklist panel: parts present or missing, files dropped on a part (real PDF
and PNG files; anything else refused with the core's reason), the paper tick, removal with a
confirmation, and the simplified procedure only where the round kind allows it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import RoundKind, VoteMethod
from desktop.core.operations import demo, profiles, registry
from desktop.core.operations import rounds as ops
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds.checklist_panel import ChecklistPanel, PartBox

TODAY = date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path / "data", 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path / "data", info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", tmp_path, info.id, lambda: TODAY)
    store.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _parent, exc, *a: shown.append(exc))
    return shown


@pytest.fixture
def panel(qtbot, ctx: AppContext) -> ChecklistPanel:  # type: ignore[no-untyped-def]
    widget = ChecklistPanel(ctx)
    qtbot.addWidget(widget)
    return widget


def nominee(ctx: AppContext, name: str) -> int:
    (rnd,) = ops.list_rounds(ctx.store, 2026)
    assert rnd.id is not None
    (nid,) = [n.id for n in ops.nominations(ctx.store, rnd.id) if n.subject_name == name]
    assert nid is not None
    return nid


def make_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Quyet dinh cong nhan sang kien cap tinh")
    pdf.save()
    return path


def make_png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (120, 80), (240, 230, 200)).save(path)
    return path


def drop(box: PartBox, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(box, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(box, event)


def test_shows_parts_with_text_not_colour_alone(panel: ChecklistPanel, ctx) -> None:
    panel.set_nomination(nominee(ctx, "Phạm Minh Tuấn"))
    assert panel.checklist is not None and not panel.checklist.complete
    missing = panel.part_boxes["xac_nhan_sang_kien_tinh"]
    assert missing.state.text() == "Còn thiếu"
    assert panel.part_boxes["to_trinh"].state.text() == "Đã có"
    assert "Còn thiếu 1/4" in panel.summary.text()
    panel.set_nomination(nominee(ctx, "Bùi Thị Hạnh"))
    files = panel.part_boxes["xac_nhan_thanh_tich"].item.attachments
    assert [f.original_name for f in files] == ["quyet-dinh-cong-nhan-sang-kien.pdf"]
    assert "Đủ 4" in panel.summary.text()
    panel.set_nomination(None)
    assert panel.checklist is None and panel.part_boxes == {}


def test_drop_pdf_and_png_completes_the_part(qtbot, panel, ctx, tmp_path, errors) -> None:
    nid = nominee(ctx, "Phạm Minh Tuấn")
    panel.set_nomination(nid)
    pdf = make_pdf(tmp_path / "quyết định công nhận.pdf")
    png = make_png(tmp_path / "ảnh chụp.png")
    with qtbot.waitSignal(panel.changed, timeout=5000):
        drop(panel.part_boxes["xac_nhan_sang_kien_tinh"], [pdf, png])
    assert errors == [] and panel.last_errors == []
    item = ops.checklist(ctx.store, ctx.catalog, nid).items[-1]
    assert item.present
    assert sorted(a.media_type.value for a in item.attachments) == ["application/pdf",
                                                                     "image/png"]
    assert panel.part_boxes["xac_nhan_sang_kien_tinh"].state.text() == "Đã có"
    assert len(panel.part_boxes["xac_nhan_sang_kien_tinh"].file_rows) == 2


def test_non_pdf_is_refused_with_the_cores_reason(panel, ctx, tmp_path, errors) -> None:
    nid = nominee(ctx, "Phạm Minh Tuấn")
    panel.set_nomination(nid)
    fake = tmp_path / "bao-cao.pdf"
    fake.write_text("Báo cáo thành tích – bản Word lưu nhầm đuôi", encoding="utf-8")
    drop(panel.part_boxes["xac_nhan_sang_kien_tinh"], [fake, tmp_path / "không có.pdf"])
    assert panel.last_codes == ["attachment.wrong_type", "attachment.missing"]
    assert len(panel.last_errors) == 2   # each refusal shown with the core's reason
    assert "không phải tệp PDF, JPG hoặc PNG" in panel.last_errors[0]
    assert not panel.message.isHidden() and len(errors) == 1
    assert not ops.checklist(ctx.store, ctx.catalog, nid).items[-1].present


def test_over_the_size_limit_is_refused_in_the_background(panel, ctx, tmp_path, errors
                                                          ) -> None:
    nid = nominee(ctx, "Phạm Minh Tuấn")
    panel.set_nomination(nid)
    scan = tmp_path / "ban-quet-600dpi.pdf"
    with scan.open("wb") as fh:  # a sparse 200 MB “scan”: only its size matters here
        fh.write(b"%PDF-1.4\n")
        fh.truncate(200 * 1024 * 1024)
    drop(panel.part_boxes["xac_nhan_sang_kien_tinh"], [scan])
    assert panel.last_codes == ["attachment.too_large"]
    assert "200–300 dpi" in panel.last_errors[0]   # with the core's advice
    assert not ops.checklist(ctx.store, ctx.catalog, nid).items[-1].attachments


def test_keyboard_attach_paper_tick_and_remove_with_confirmation(
        panel, ctx, tmp_path, monkeypatch, errors) -> None:
    nid = nominee(ctx, "Phạm Minh Tuấn")
    panel.set_nomination(nid)
    pdf = make_pdf(tmp_path / "qd.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(pdf)], "")))
    panel.part_boxes["xac_nhan_sang_kien_tinh"].attach_button.click()
    (attachment,) = ops.checklist(ctx.store, ctx.catalog, nid).items[-1].attachments
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: answers.pop(0)))
    panel.remove_file(attachment)  # “No”: kept
    assert ops.checklist(ctx.store, ctx.catalog, nid).items[-1].attachments
    panel.remove_file(attachment)  # “Yes”: removed
    assert not ops.checklist(ctx.store, ctx.catalog, nid).items[-1].present
    panel.part_boxes["xac_nhan_sang_kien_tinh"].paper.setChecked(True)
    assert ops.checklist(ctx.store, ctx.catalog, nid).items[-1].present
    assert panel.part_boxes["xac_nhan_sang_kien_tinh"].state.text() == "Đã có"
    assert errors == []


@pytest.mark.parametrize("kind, shown", [(RoundKind.DOT_XUAT, True), (RoundKind.CONG_HIEN, True),
                                         (RoundKind.CONG_TRANG, False)])
def test_simplified_switch_only_where_the_round_kind_allows(
        qtbot, panel, ctx, kind: RoundKind, shown: bool) -> None:
    if kind is RoundKind.CONG_TRANG:
        nid = nominee(ctx, "Phạm Minh Tuấn")
    else:
        rnd, _c = ops.create_round(ctx.store, ctx.catalog, kind, 2026, "", "t", TODAY)
        assert rnd.id is not None
        target = "giay_khen" if kind is RoundKind.DOT_XUAT else "bang_khen_tinh"
        (person,) = registry.people_page(ctx.store, "dinh van cuong", 0, 5)
        assert person.id is not None
        nom, _c = ops.add_nomination(ctx.store, ctx.catalog, rnd.id,
                                     SubjectRef(SubjectKind.PERSON, person.id), target,
                                     "Đề nghị theo thủ tục đơn giản", "t", TODAY,
                                     achievement="Cứu người trong lũ")
        assert nom.id is not None
        nid = nom.id
    panel.set_nomination(nid)
    assert panel.simplified.isHidden() is not shown
    if shown:
        with qtbot.waitSignal(panel.changed, timeout=5000):
            panel.simplified.setChecked(True)
        assert list(panel.part_boxes) == ["to_trinh", "bao_cao_tom_tat"]
        assert ops.checklist(ctx.store, ctx.catalog, nid).simplified


def test_reduce_large_images_on_request(panel, ctx, tmp_path, errors) -> None:
    from PIL import Image

    nid = nominee(ctx, "Phạm Minh Tuấn")
    panel.set_nomination(nid)
    photo = tmp_path / "ảnh điện thoại.png"
    Image.new("RGB", (3000, 2000), (200, 180, 150)).save(photo)
    panel.reduce.setChecked(True)
    drop(panel.part_boxes["xac_nhan_sang_kien_tinh"], [photo])
    (attachment,) = ops.checklist(ctx.store, ctx.catalog, nid).items[-1].attachments
    assert attachment.reduced and errors == []
    with Image.open(ops.attachment_path(ctx.store, attachment)) as stored:
        assert max(stored.size) == ops.REDUCE_MAX_SIDE
    labels = panel.part_boxes["xac_nhan_sang_kien_tinh"].findChildren(QLabel)
    assert any("đã giảm dung lượng" in label.text() for label in labels)


def test_parts_the_app_makes_say_so_with_no_tick(qtbot, panel, ctx) -> None:
    """Issue 12 (walk b18: “Hồ sơ 0/2” on 82 LĐTT nominees, each part to tick by hand): the
    tờ trình is the app's from the round's list; the biên bản is the app's once the council's
    result for the nominee is kept, and says why it is missing before."""
    (rnd,) = ops.list_rounds(ctx.store, 2026)
    assert rnd.id is not None
    (person,) = registry.people_page(ctx.store, "dinh van cuong", 0, 5)
    assert person.id is not None
    nom, _c = ops.add_nomination(ctx.store, ctx.catalog, rnd.id,
                                 SubjectRef(SubjectKind.PERSON, person.id), "giay_khen",
                                 "Hoàn thành tốt nhiệm vụ", "t", TODAY)
    assert nom.id is not None
    panel.set_nomination(nom.id)
    listed = panel.part_boxes["to_trinh"]
    assert listed.state.text() == "Đã có" and listed.paper.isHidden()
    assert listed.made_label is not None
    assert listed.made_label.text() == "✔ Phần mềm lập: danh sách của đợt"
    minutes = panel.part_boxes["bien_ban"]
    assert minutes.state.text() == "Còn thiếu" and minutes.paper.isHidden()
    assert minutes.made_label is not None and "Họp Hội đồng" in minutes.made_label.text()
    # a part the app does not write keeps its tick
    assert not panel.part_boxes["bao_cao_thanh_tich"].paper.isHidden()

    (meeting,) = ops.meetings(ctx.store, rnd.id)
    ops.save_meeting(ctx.store, ctx.catalog, meeting,
                     [ops.VoteEntry(nom.id, VoteMethod.HANDS, meeting.present)], "t", TODAY)
    panel.refresh()
    minutes = panel.part_boxes["bien_ban"]
    assert minutes.state.text() == "Đã có" and minutes.made_label is not None
    assert minutes.made_label.text() == (
        f"✔ Phần mềm lập: biên bản họp ngày {meeting.held_on:%d/%m/%Y}")
