"""The appraisal panel of the dossier dialog (issue 11): problems grouped by severity, "go to"
opening what corrects them, and the appraisal run again after the edit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.operations import demo
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.appraisal import Finding, Severity, Target
from desktop.core.store import open_store
from desktop.ui.context import AppContext
from desktop.ui.dossier_dialog import DossierDialog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": pytest.fail(repr(exc)))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    catalog = load_catalog(REPO / "forms")
    info = demo.build_demo(tmp_path / "data", 2026, "tester", TODAY, catalog)
    store = open_store(info.path)
    try:
        yield AppContext(store=store, catalog=catalog, actor="tester", data_dir=tmp_path,
                         profile_id=info.id, today=lambda: TODAY)
    finally:
        store.close()


def _texts(dialog: DossierDialog) -> list[str]:
    table = dialog.appraisal_panel.table
    return [table.item(r, 0).text() if table.item(r, 0) else ""
            for r in range(table.rowCount())]


def test_groups_by_severity_goes_to_the_report_and_reruns(qtbot: Any, ctx: AppContext,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    panel = dialog.appraisal_panel
    assert dialog.appraisal is not None and dialog.appraisal.returned   # no report written
    rows = _texts(dialog)
    assert rows[0].startswith("CẤP TRÊN SẼ TRẢ LẠI")
    assert any(r.startswith("NÊN SỬA") for r in rows)
    assert "Cấp trên sẽ trả lại hồ sơ" in panel.summary.text()
    # "go to" on a missing report section opens that nominee's report editor
    gap = next(f for f in panel.findings if f.code == "appraisal.report_missing")
    assert gap.target is Target.REPORT
    opened: list[int] = []

    def write_then_refresh(nomination_id: int) -> None:   # the officer writes the reports
        opened.append(nomination_id)
        demo.write_demo_reports(ctx.store, ctx.catalog, TODAY, "tester")
        dialog.refresh()

    monkeypatch.setattr(dialog, "open_report", write_then_refresh)
    row = 1 + panel.findings.index(gap)
    panel.table.cellWidget(row, 4).click()
    assert opened == [gap.nomination_id]
    assert not dialog.appraisal.returned
    assert "Không có vấn đề khiến hồ sơ bị trả lại" in panel.summary.text()
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "appraisal_panel.png"))


def test_go_to_the_meeting_opens_the_meeting_dialog(qtbot: Any, ctx: AppContext,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.rounds.meeting_dialog.MeetingDialog.exec",
                        lambda self: shown.append(type(self).__name__) or 0)
    reruns: list[int] = []
    monkeypatch.setattr(dialog, "refresh", lambda: reruns.append(1))
    dialog.go_to(Finding("appraisal.minutes_incomplete", Severity.FIX, "bien_ban_hop", "",
                         "Biên bản họp còn thiếu giờ bắt đầu.", "Bổ sung.", None,
                         Target.MEETING))
    assert shown == ["MeetingDialog"] and reruns == [1]


def test_export_asks_for_a_reason_and_carries_it(qtbot: Any, ctx: AppContext,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """Two reports sharing a pasted paragraph: the export dialog appraises first; cancelled,
    nothing is built; with a written reason, the package goes and carries it."""
    import json
    import zipfile

    from desktop.core.operations import keys, reports
    from desktop.core.secrets import MemorySecretStore
    from desktop.ui.export_dialog import ExportDialog

    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    demo.write_demo_reports(ctx.store, ctx.catalog, TODAY, "tester")
    pasted = ("Trong năm đã tổ chức tập huấn, kiểm tra thường xuyên, phối hợp chặt chẽ với các "
              "đoàn thể, báo cáo đúng hạn, không để xảy ra sai sót, được cấp trên đánh giá cao "
              "và nhân dân tin tưởng, góp phần hoàn thành các chỉ tiêu của xã.")
    for report in reports.round_reports(ctx.store, ctx.catalog, rid)[1:3]:
        texts = dict(report.texts())
        texts["thanh_tich"] = texts.get("thanh_tich", "") + "\n" + pasted
        reports.save_report(ctx.store, ctx.catalog, report.nomination_id, texts, "tester")
    secrets = MemorySecretStore()
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    dialog = ExportDialog(ctx, rid, open_secrets=lambda _p: (secrets, ""), drives=lambda: [],
                          fonts_dir=REPO / "resources" / "fonts")
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    asked: list[int] = []
    monkeypatch.setattr(dialog, "ask_override",
                        lambda checked: asked.append(len(checked.returned)) or None)
    assert dialog.run_export(background=False) is None
    assert asked and asked[0] > 0 and not list(tmp_path.glob("*.zip"))
    why = "Báo cáo thành tích bản giấy đã nộp trực tiếp cho Sở Nội vụ ngày 20/11."
    monkeypatch.setattr(dialog, "ask_override", lambda checked: why)
    outcome = dialog.run_export(background=False)
    assert outcome is not None
    with zipfile.ZipFile(outcome.export.package) as zf:
        assert json.loads(zf.read("data/dossier.json"))["appraisal"]["override_reason"] == why


def test_summary_names_no_problems_to_fix_when_there_are_none(qtbot: Any,
                                                              ctx: AppContext) -> None:
    """"còn 0 vấn đề nên sửa" read as a debt; the walk of the year found it (issue 12)."""
    from dataclasses import replace

    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    assert dialog.appraisal is not None
    only_returned = replace(dialog.appraisal,
                            findings=tuple(f for f in dialog.appraisal.findings if f.returned))
    assert only_returned.returned and not only_returned.to_fix
    dialog.appraisal_panel.show_result(only_returned)
    summary = dialog.appraisal_panel.summary.text()
    assert summary.startswith(f"Cấp trên sẽ trả lại hồ sơ vì {len(only_returned.returned)} ")
    assert "nên sửa" not in summary


def test_a_round_of_the_units_own_titles_is_appraised_for_its_head_not_a_higher_level(
        qtbot: Any, ctx: AppContext) -> None:
    """Walk b20: "Cấp trên sẽ trả lại hồ sơ…" on a round of Giấy khen, which the commune
    chairman decides and nothing of which goes up. The wording follows Appraisal.decided_by
    (forms/titles decided_by_unit): the head is named, the export is not mentioned."""
    from dataclasses import replace

    from desktop.core.model import SubjectKind, SubjectRef
    from desktop.core.model.rounds import RoundKind
    from desktop.ui.appraisal_panel import appraisal_title
    from tests.unit.eligibility_fakes import always_eligible

    first = next(n for n in rounds_ops.nominations(ctx.store, 1)
                 if n.subject.kind is SubjectKind.PERSON)
    person = first.subject
    rnd, _c = rounds_ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026,
                                      "Khen đột xuất cứu người", "tester", TODAY,
                                      receiving_body="Sở Nội vụ tỉnh Phú Thọ")
    assert rnd.id is not None
    rounds_ops.add_nomination(ctx.store, ctx.catalog, rnd.id,
                              SubjectRef(SubjectKind.PERSON, person.id), "giay_khen", "",
                              "tester", TODAY, achievement="Cứu hai em nhỏ đuối nước",
                              evaluate=always_eligible)
    dialog = DossierDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    panel, result = dialog.appraisal_panel, dialog.appraisal
    assert result is not None and result.decided_by is not None
    head = result.decided_by
    assert panel.title() == appraisal_title(head) == f"Thẩm định trước khi trình {head} ký"
    sent_back = Finding("appraisal.report_missing", Severity.RETURNED, "bao_cao",
                        first.subject_name, "Báo cáo chưa viết xong.", "Viết báo cáo.")
    panel.show_result(replace(result, findings=(sent_back,)))
    summary = panel.summary.text()
    assert summary == (f"Hồ sơ trình {head} sẽ bị trả lại vì 1 vấn đề. Hãy sửa trước khi in "
                       "hồ sơ trình ký.")
    assert "Cấp trên" not in summary and "Gói hồ sơ" not in summary
    assert panel.table.item(0, 0).text() == "SẼ BỊ TRẢ LẠI KHI TRÌNH KÝ (1)"
    # the same findings in a round the province decides keep "Cấp trên"
    panel.show_result(replace(result, findings=(sent_back,), decided_by=None))
    assert panel.summary.text().startswith("Cấp trên sẽ trả lại hồ sơ vì 1 vấn đề.")
    assert panel.table.item(0, 0).text() == "CẤP TRÊN SẼ TRẢ LẠI (1)"
