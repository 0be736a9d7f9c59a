"""The dossier dialog on the demo round: documents in the legal order, report states and copy
warnings, refusals while reports are missing, writing DOCX + PDF, and the refusals that keep
it from opening (empty round, unit profile with blanks)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import demo, reports
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import open_store
from desktop.core.store import registry as reg_repo
from desktop.ui.context import AppContext
from desktop.ui.dossier_dialog import DossierDialog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
COPIED = ("Trong năm qua đã chủ động tham mưu cho Ủy ban nhân dân xã triển khai chuyển đổi số "
          "trong giải quyết thủ tục hành chính, rút ngắn thời gian xử lý hồ sơ từ năm ngày "
          "xuống còn hai ngày, được người dân đánh giá cao và không có hồ sơ trễ hạn nào.")


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": shown.append(exc))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))
    return shown


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    catalog = load_catalog(REPO / "forms")
    info = demo.build_demo(tmp_path / "data", 7, "tester", TODAY, catalog)
    store = open_store(info.path)
    try:
        yield AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                         profile_id=info.id, today=lambda: TODAY)
    finally:
        store.close()


def _round_id(ctx: AppContext) -> int:
    rid = rounds_ops.list_rounds(ctx.store)[0].id
    assert rid is not None
    return rid


def _fill_reports(ctx: AppContext, rid: int) -> None:
    """Each report from its own registry facts plus a paragraph of its own."""
    for i, report in enumerate(reports.round_reports(ctx.store, ctx.catalog, rid)):
        if report.locked:
            continue
        pre = reports.prefill(ctx.store, ctx.catalog, report.nomination_id)
        own = (f"Báo cáo số {i}: {report.subject_name} hoàn thành {90 + i} phần trăm chỉ tiêu "
               f"về {i + 3} lĩnh vực được giao trong năm, vượt {i + 2} chỉ tiêu so với năm "
               f"trước và được nhân dân ghi nhận. ") * 12
        texts = {s.section.code: (pre.get(s.section.code, "") + "\n" + own)[
            : s.section.max_chars - 10] for s in report.sections}
        reports.save_report(ctx.store, ctx.catalog, report.nomination_id, texts, "tester")


def test_lists_the_documents_in_legal_order_and_the_report_states(qtbot, ctx: AppContext
                                                                  ) -> None:
    rid = _round_id(ctx)
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    titles = [dialog.doc_table.item(r, 1).text() for r in range(dialog.doc_table.rowCount())]
    assert titles == [t for t, _d in dialog.entries]
    assert titles[0] == dialog.documents[0].title
    assert dialog.documents[0].kind.startswith("to_trinh")
    # Unwritten reports are listed in their place, marked, with no document behind them.
    unfinished = [t for t, d in dialog.entries if d is None]
    assert unfinished and all(t.endswith("(chưa viết xong)") for t in unfinished)
    kinds = ctx.catalog.documents
    orders = [kinds[d.kind].order if d else 50 for _t, d in dialog.entries]
    assert orders == sorted(orders)
    # Demo reports are empty: every report row says what is missing, and printing is refused.
    n = dialog.report_table.rowCount()
    assert n == len(reports.round_reports(ctx.store, ctx.catalog, rid)) > 0
    assert dialog.report_table.item(0, 2).text().startswith(("Chưa viết", "Thiếu"))
    assert "chưa viết đủ" in dialog.status.text()


def test_print_and_write_are_refused_with_the_list_of_missing_sections(
        qtbot, ctx: AppContext, errors_fail_the_test, monkeypatch) -> None:
    dialog = DossierDialog(ctx, _round_id(ctx))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "choose_folder", lambda: pytest.fail("asked for a folder"))
    assert dialog.write_all() is None
    (refusal,) = errors_fail_the_test
    assert isinstance(refusal, ValidationError)
    assert "chưa viết" in str(refusal) or refusal.problems


def test_copy_warning_and_complete_reports_then_write_docx_and_pdf(
        qtbot, ctx: AppContext, tmp_path: Path, monkeypatch) -> None:
    rid = _round_id(ctx)
    _fill_reports(ctx, rid)
    editable = [r for r in reports.round_reports(ctx.store, ctx.catalog, rid)
                if not r.locked and r.kind.code == "bao_cao_ca_nhan"]
    a, b = editable[0], editable[1]
    for r in (a, b):
        text = r.texts()["giai_phap"]
        reports.save_report(ctx.store, ctx.catalog, r.nomination_id,
                            {"giai_phap": COPIED + "\n" + text[:1500]}, "tester")
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    expected = dossier_ops.build_documents(ctx.store, ctx.catalog, rid, TODAY)
    assert [d.title for d in dialog.documents] == [d.title for d in expected]
    assert all(d is not None for _t, d in dialog.entries)
    dialog.doc_table.selectRow(0)
    assert dialog.selected_document() == dialog.documents[0]
    row = [r.nomination_id for r in dialog.reports].index(a.nomination_id)
    assert b.subject_name in dialog.report_table.item(row, 3).text()
    assert "cặp báo cáo có đoạn trùng nhau" in dialog.status.text()
    assert dialog.report_table.item(row, 2).text() == "Đủ, độ dài phù hợp"

    out = tmp_path / "out"
    opened: list[Path] = []
    monkeypatch.setattr(dialog, "choose_folder", lambda: out)
    monkeypatch.setattr(dialog, "offer_open", lambda folder, count: opened.append(folder))
    paths = dialog.write_all()
    assert paths is not None
    assert len(paths) == 2 * len(dialog.documents)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
    assert {p.suffix for p in paths} == {".docx", ".pdf"}
    assert opened == [paths[0].parent]


def test_an_empty_round_is_refused(qtbot, ctx: AppContext) -> None:
    rnd, _c = rounds_ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026,
                                      "Đợt đột xuất trống", "tester", TODAY)
    assert rnd.id is not None
    with pytest.raises(UserError, match="chưa có ai được đề nghị"):
        DossierDialog(ctx, rnd.id)


def test_a_unit_profile_with_blanks_is_refused_with_what_to_fill(qtbot, ctx: AppContext
                                                                 ) -> None:
    unit = ctx.unit()
    assert unit is not None
    with ctx.store.write() as db:   # as an older profile or an import may have left it
        reg_repo.save_unit(db, replace(unit, head_name="", code=""))
    with pytest.raises(ValidationError) as refused:
        DossierDialog(ctx, _round_id(ctx))
    fields = {p.field for p in refused.value.problems}
    assert {"head_name", "code"} <= fields
