"""The appraisal panel's bulk fix "Viết đầy đủ N chỗ viết tắt…" (issue 12): offered when
nominees' job titles are abbreviated, previewed person by person, applied in one step and
undone in one step."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.core.catalog import load_catalog
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import demo, work_units
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.store import open_store
from desktop.ui.abbreviations_dialog import AbbreviationsDialog
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


def _abbreviate_two(ctx: AppContext) -> list[int]:
    """Two proposed nominees get "UBND" / "HĐND" in their job titles, as an import brings."""
    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    ids = [n.subject.id for n in rounds_ops.nominations(ctx.store, rid)
           if n.subject.kind is SubjectKind.PERSON and n.status is not NominationStatus.DRAFT]
    for pid, title in zip(ids, ("Chủ tịch UBND xã", "Phó Chủ tịch HĐND xã"), strict=False):
        person = registry_ops.get_person(ctx.store, pid)
        assert person is not None
        history = registry_ops.get_history(ctx.store, SubjectRef(SubjectKind.PERSON, pid))
        registry_ops.update_person(ctx.store, ctx.catalog, replace(person, position=title),
                                   history, "tester", TODAY)
    return ids[:2]


def test_preview_then_one_step_fix_and_undo(qtbot: Any, ctx: AppContext,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    first, second = _abbreviate_two(ctx)
    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    dossier = DossierDialog(ctx, rid)
    qtbot.addWidget(dossier)
    panel = dossier.appraisal_panel
    assert not panel.expand_button.isHidden()
    assert panel.expand_button.text() == "Viết đầy đủ 2 chỗ viết tắt…"
    assert panel.undo_expand_button.isHidden()

    # the preview: person, field, before → after; nothing written until applied
    preview = AbbreviationsDialog(ctx, dossier.expansions, dossier)
    qtbot.addWidget(preview)
    rows = {tuple(preview.table.item(r, c).text() for c in range(4))
            for r in range(preview.table.rowCount())}
    assert any(row[1:] == ("Chức vụ", "Chủ tịch UBND xã", "Chủ tịch Ủy ban nhân dân xã")
               for row in rows)
    assert "TH" in preview.not_expanded.text()
    preview.resize(1366, 768)
    preview.show()
    qtbot.waitExposed(preview)
    preview.grab().save(str(tmp_path / "abbreviations_preview.png"))
    person = registry_ops.get_person(ctx.store, first)
    assert person is not None and person.position == "Chủ tịch UBND xã"
    preview.close()

    # the panel's button opens the preview; the officer applies it
    def officer_applies(dialog: AbbreviationsDialog) -> int:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return int(dialog.applied is not None)

    monkeypatch.setattr(AbbreviationsDialog, "exec", officer_applies)
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    fixed = [registry_ops.get_person(ctx.store, pid) for pid in (first, second)]
    assert [p.position for p in fixed if p] == ["Chủ tịch Ủy ban nhân dân xã",
                                                 "Phó Chủ tịch Hội đồng nhân dân xã"]
    assert panel.expand_button.isHidden()          # nothing left to write out
    assert not panel.undo_expand_button.isHidden()

    qtbot.mouseClick(panel.undo_expand_button, Qt.MouseButton.LeftButton)
    back = registry_ops.get_person(ctx.store, second)
    assert back is not None and back.position == "Phó Chủ tịch HĐND xã"
    assert panel.undo_expand_button.isHidden()
    assert panel.expand_button.text() == "Viết đầy đủ 2 chỗ viết tắt…"


def test_the_preview_names_work_units_and_collectives_too(qtbot: Any, ctx: AppContext,
                                                          tmp_path: Path) -> None:
    first, _second = _abbreviate_two(ctx)
    person = registry_ops.get_person(ctx.store, first)
    assert person is not None and person.work_unit_id is not None
    unit = work_units.get_work_unit(ctx.store, person.work_unit_id)
    assert unit is not None
    work_units.save_work_unit(ctx.store, replace(unit, name="Ban Chỉ huy Quân sự UBND xã"),
                              "tester")
    rid = rounds_ops.list_rounds(ctx.store)[0].id or 0
    cid = next(n.subject.id for n in rounds_ops.nominations(ctx.store, rid)
               if n.subject.kind is SubjectKind.COLLECTIVE
               and n.status is not NominationStatus.DRAFT)
    group = registry_ops.get_collective(ctx.store, cid)
    assert group is not None
    registry_ops.update_collective(ctx.store, ctx.catalog, replace(
        group, name="Tổ Một cửa UBND xã", work_unit_id=None), registry_ops.get_history(
        ctx.store, SubjectRef(SubjectKind.COLLECTIVE, cid)), "tester")
    dossier = DossierDialog(ctx, rid)
    qtbot.addWidget(dossier)
    assert dossier.appraisal_panel.expand_button.text() == "Viết đầy đủ 4 chỗ viết tắt…"
    preview = AbbreviationsDialog(ctx, dossier.expansions, dossier)
    qtbot.addWidget(preview)
    rows = [tuple(preview.table.item(r, c).text() for c in range(4))
            for r in range(preview.table.rowCount())]
    assert ("Ban Chỉ huy Quân sự UBND xã", "Tên đơn vị trực thuộc",
            "Ban Chỉ huy Quân sự UBND xã", "Ban Chỉ huy Quân sự Ủy ban nhân dân xã") in rows
    assert ("Tổ Một cửa UBND xã", "Tên tập thể", "Tổ Một cửa UBND xã",
            "Tổ Một cửa Ủy ban nhân dân xã") in rows
    assert "(2 người, 1 đơn vị trực thuộc, 1 tập thể)" in preview.intro.text()
    preview.resize(1366, 768)
    preview.show()
    qtbot.waitExposed(preview)
    preview.grab().save(str(tmp_path / "abbreviations_units.png"))
