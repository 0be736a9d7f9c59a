"""The achievement-report editor on the demo commune: Vietnamese typed key by key, the length
indicator, suggestions that never overwrite typed text silently, the copy warning, and no
unsaved text lost on close."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from desktop.core.catalog import load_catalog
from desktop.core.operations import demo, reports
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import open_store
from desktop.ui.context import AppContext
from desktop.ui.report_editor import ReportEditor
from tests.qt.conftest import type_text

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
COPIED = ("Trong năm qua đã chủ động tham mưu cho Ủy ban nhân dân xã triển khai chuyển đổi số "
          "trong giải quyết thủ tục hành chính, rút ngắn thời gian xử lý hồ sơ từ năm ngày "
          "xuống còn hai ngày, được người dân đánh giá cao và không có hồ sơ trễ hạn nào.")


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch) -> None:
    """A question left open would block the test run (widgets are closed at teardown)."""
    monkeypatch.setattr(ReportEditor, "ask_unsaved", lambda self: "discard")
    monkeypatch.setattr(ReportEditor, "ask_merge", lambda self, heading: "cancel")
    monkeypatch.setattr("desktop.ui.report_editor.QMessageBox.information",
                        lambda *a, **k: None)
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": pytest.fail(str(exc)))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    catalog = load_catalog(REPO / "forms")
    info = demo.build_demo(tmp_path, 7, "tester", TODAY, catalog)
    store = open_store(info.path)
    try:
        yield AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                         profile_id=info.id, today=lambda: TODAY)
    finally:
        store.close()


def _individuals(ctx: AppContext) -> list[int]:
    rnd = rounds_ops.list_rounds(ctx.store)[0]
    assert rnd.id is not None
    return [r.nomination_id for r in reports.round_reports(ctx.store, ctx.catalog, rnd.id)
            if r.kind.code == "bao_cao_ca_nhan" and not r.locked]


def test_vietnamese_typed_per_key_is_saved_in_nfc_and_reloads(qtbot, ctx: AppContext) -> None:
    nid = _individuals(ctx)[0]
    editor = ReportEditor(ctx, nid)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    box = editor.boxes["thanh_tich"]
    box.edit.setFocus()
    typed = "Tiếp nhận 1.250 hồ sơ một cửa, trả đúng hạn 100%; Đặng Thị Ỷ hướng dẫn tận tình."
    type_text(box.edit, typed)
    assert box.text() == typed
    assert editor.is_dirty() and editor.windowTitle().endswith("*")
    qtbot.keySequence(box.edit, QKeySequence.StandardKey.Save)    # Ctrl+S
    assert not editor.is_dirty()
    stored = reports.load_report(ctx.store, ctx.catalog, nid).texts()["thanh_tich"]
    assert stored == typed and unicodedata.is_normalized("NFC", stored)
    again = ReportEditor(ctx, nid)
    qtbot.addWidget(again)
    assert again.boxes["thanh_tich"].text() == typed


def test_length_indicator_changes_state_in_words_and_colour(qtbot, ctx: AppContext) -> None:
    editor = ReportEditor(ctx, _individuals(ctx)[0])
    qtbot.addWidget(editor)
    box = editor.boxes["chap_hanh"]          # 100 … 2000 characters
    box.edit.clear()
    assert box.state is reports.LengthState.EMPTY
    assert "chưa viết" in box.length.text()
    type_text(box.edit, "Gương mẫu.")
    assert box.state is reports.LengthState.SHORT
    assert "quá ngắn" in box.length.text() and "10 ký tự" in box.length.text()
    assert "#fff1c9" in box.length.styleSheet()
    box.edit.setPlainText("Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà "
                          "nước; tham gia đầy đủ các phong trào thi đua của xã trong năm.")
    assert box.state is reports.LengthState.OK
    assert "độ dài phù hợp" in box.length.text()
    box.edit.setPlainText("á" * 2001)
    assert box.state is reports.LengthState.LONG
    assert "quá dài" in box.length.text() and "#fddede" in box.length.styleSheet()


def test_suggestion_fills_empty_sections_and_asks_before_touching_typed_text(
        qtbot, ctx: AppContext, monkeypatch) -> None:
    nid = _individuals(ctx)[0]
    editor = ReportEditor(ctx, nid)
    qtbot.addWidget(editor)
    suggested = reports.prefill(ctx.store, ctx.catalog, nid)
    assert suggested.get("thanh_tich")
    box = editor.boxes["thanh_tich"]
    box.edit.clear()
    editor.suggest("thanh_tich")
    assert box.text() == suggested["thanh_tich"]

    box.edit.setPlainText("Viết tay.")
    asked: list[str] = []
    monkeypatch.setattr(editor, "ask_merge", lambda heading: asked.append(heading) or "cancel")
    editor.suggest("thanh_tich")
    assert asked == ["2. Thành tích đạt được"] and box.text() == "Viết tay."
    monkeypatch.setattr(editor, "ask_merge", lambda heading: "append")
    editor.suggest("thanh_tich")
    assert box.text() == "Viết tay.\n" + suggested["thanh_tich"]
    monkeypatch.setattr(editor, "ask_merge", lambda heading: "replace")
    box.edit.setPlainText("Khác.")
    editor.suggest("thanh_tich")
    assert box.text() == suggested["thanh_tich"]


def test_unsaved_close_asks_and_cancel_keeps_the_text(qtbot, ctx: AppContext,
                                                     monkeypatch) -> None:
    nid = _individuals(ctx)[0]
    editor = ReportEditor(ctx, nid)
    qtbot.addWidget(editor)
    editor.show()
    box = editor.boxes["giai_phap"]
    box.edit.setFocus()
    type_text(box.edit, "Sáng kiến số hóa hộ tịch")
    answers = ["cancel", "save"]
    asked: list[str] = []

    def answer() -> str:
        asked.append(answers[len(asked)])
        return asked[-1]

    monkeypatch.setattr(editor, "ask_unsaved", answer)
    editor.close()
    assert editor.isVisible() and box.text().endswith("Sáng kiến số hóa hộ tịch")
    editor.close()
    assert not editor.isVisible()
    assert reports.load_report(ctx.store, ctx.catalog, nid).texts()["giai_phap"].endswith(
        "Sáng kiến số hóa hộ tịch")
    # Nothing changed: closing does not ask.
    again = ReportEditor(ctx, nid)
    qtbot.addWidget(again)
    again.show()
    monkeypatch.setattr(again, "ask_unsaved", lambda: pytest.fail("asked without changes"))
    again.close()
    assert not again.isVisible()


def test_discard_on_close_leaves_the_store_as_it_was(qtbot, ctx: AppContext,
                                                     monkeypatch) -> None:
    nid = _individuals(ctx)[0]
    before = reports.load_report(ctx.store, ctx.catalog, nid).texts()
    editor = ReportEditor(ctx, nid)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.boxes["chuc_trach"].edit, "Bỏ đi")
    monkeypatch.setattr(editor, "ask_unsaved", lambda: "discard")
    editor.reject()
    assert not editor.isVisible()
    assert reports.load_report(ctx.store, ctx.catalog, nid).texts() == before


def test_warning_strip_names_the_report_that_shares_a_passage(qtbot, ctx: AppContext) -> None:
    first, second = _individuals(ctx)[:2]
    reports.save_report(ctx.store, ctx.catalog, second, {"thanh_tich": COPIED}, "tester")
    other = reports.load_report(ctx.store, ctx.catalog, second).subject_name
    editor = ReportEditor(ctx, first)
    qtbot.addWidget(editor)
    assert editor.warning.isHidden()
    editor.boxes["giai_phap"].edit.setPlainText(COPIED)
    editor.check_button.click()                  # checks the text being typed, unsaved
    assert not editor.warning.isHidden()
    assert other in editor.warning.text()
    assert "mục 3 ↔ mục 2" in editor.warning.text()
    editor.boxes["giai_phap"].edit.setPlainText("Tự viết bằng lời của mình.")
    assert editor.save()
    assert editor.warning.isHidden()
