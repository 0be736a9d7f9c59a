"""Eligibility in the app: the panel on a person, the registry filter, next year's needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.model import (
    Award,
    History,
    Person,
    Rating,
    SubjectGroup,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.person_editor import PersonEditor
from desktop.ui.record_table import CODE_ROLE
from tests.qt.conftest import type_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")


def year(y: int, rating: Rating, confirmed: bool = True) -> YearRecord:
    tick = True if confirmed else None
    return YearRecord(y, rating, exemplary=tick, solidarity=tick, movement=tick)


@pytest.fixture
def context(tmp_path: Path):
    catalog = load_catalog(FORMS)
    info, store = profiles.create_profile(tmp_path, UNIT, "t")
    hired = date(2015, 9, 1)
    # Excellent in 2026 with LĐTT already recognised: CSTĐCS.
    ops.add_person(store, catalog, Person(None, "Đặng Thị Ỷ", date(1992, 6, 27),
                                          group=SubjectGroup.CBCCVC, hired_on=hired),
                   History(years=(year(2025, Rating.HTT), year(2026, Rating.HTXS)),
                           awards=(Award(2026, "lao_dong_tien_tien"),)), "t", TODAY)
    # Only "hoàn thành": nothing.
    ops.add_person(store, catalog, Person(None, "Nguyễn Văn An", date(1980, 1, 1),
                                          hired_on=hired),
                   History(years=(year(2026, Rating.HT),)), "t", TODAY)
    # Pending review: hold.
    ops.add_person(store, catalog, Person(None, "Trần Văn Quyết", date(1985, 5, 5),
                                          hired_on=hired),
                   History(years=(YearRecord(2026, Rating.HTXS, pending_review=True,
                                             exemplary=True, solidarity=True, movement=True),),
                           awards=(Award(2026, "lao_dong_tien_tien"),)), "t", TODAY)
    ctx = AppContext(store=store, catalog=catalog, actor="t", data_dir=tmp_path,
                     profile_id=info.id, today=lambda: TODAY)
    yield ctx
    store.close()


def person_id(ctx: AppContext, name: str) -> int:
    return ops.people_page(ctx.store, name, 0, 1)[0].id


def test_panel_lists_verdicts_with_reasons_and_basis(qtbot, context):
    editor = PersonEditor(context, person_id(context, "dang thi y"))
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.eligibility)
    shown = editor.eligibility.verdicts_shown()
    assert "Đủ điều kiện" in shown["Chiến sĩ thi đua cơ sở"]
    assert "Chưa đủ điều kiện" in shown["Chiến sĩ thi đua cấp tỉnh"]
    cstdcs = next(editor.eligibility.tree.topLevelItem(i)
                  for i in range(editor.eligibility.tree.topLevelItemCount())
                  if editor.eligibility.tree.topLevelItem(i).text(0) == "Chiến sĩ thi đua cơ sở")
    lines = [cstdcs.child(i).text(1) for i in range(cstdcs.childCount())]
    bases = [cstdcs.child(i).text(2) for i in range(cstdcs.childCount())]
    assert any("HTXSNV" in line for line in lines)
    assert any("Điều 23" in b for b in bases)
    assert any(line.startswith("Hồ sơ cần") for line in lines)
    # next year: what is still missing for the titles above
    nexts = [editor.eligibility.next_tree.topLevelItem(i).text(0)
             for i in range(editor.eligibility.next_tree.topLevelItemCount())]
    assert "Chiến sĩ thi đua cấp tỉnh" in nexts


def test_pending_review_shows_hold(qtbot, context):
    editor = PersonEditor(context, person_id(context, "tran van quyet"))
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.eligibility)
    assert "Tạm hoãn" in editor.eligibility.verdicts_shown()["Lao động tiên tiến"]


def test_new_person_panel_asks_for_data_then_judges_what_is_typed(qtbot, context):
    editor = PersonEditor(context, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.eligibility)
    assert "nhập thông tin" in editor.eligibility.tree.topLevelItem(0).text(0).lower()
    type_text(editor.full_name, "Lê Thị Hằng")
    editor.hired_on.setText("01/09/2015")
    editor.tabs.years.add_row({"year": "2026", "rating": "htxs", "exemplary": True,
                               "solidarity": True, "movement": True})
    qtbot.waitUntil(lambda: "Lao động tiên tiến" in editor.eligibility.verdicts_shown())
    assert "Đủ điều kiện" in editor.eligibility.verdicts_shown()["Lao động tiên tiến"]
    assert editor.eligibility.showing_unsaved
    assert "chưa lưu" in editor.eligibility.note.text()
    assert ops.count_people(context.store) == 3     # nothing was written


def test_what_if_follows_an_unsaved_rating_and_back(qtbot, context):
    """'Chưa có xếp loại 2025' stayed until save, reopen and re-choose the year: now the
    verdicts follow the rating as it is chosen, and typing it back shows the stored ones."""
    an = next(p for p in ops.people_page(context.store, "Nguyễn Văn An", 0, 5))
    editor = PersonEditor(context, an.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.eligibility)
    panel = editor.eligibility
    assert "Chưa đủ" in panel.verdicts_shown()["Lao động tiên tiến"]
    assert not panel.showing_unsaved
    cell = editor.tabs.years.table.item(0, 1)
    cell.setData(CODE_ROLE, "htt")                 # what the rating combo does on a choice
    qtbot.waitUntil(lambda: panel.showing_unsaved)
    assert "Đủ điều kiện" in panel.verdicts_shown()["Lao động tiên tiến"]
    cell.setData(CODE_ROLE, "ht")                  # chosen back: as stored, not dirty
    qtbot.waitUntil(lambda: not panel.showing_unsaved)
    assert "Chưa đủ" in panel.verdicts_shown()["Lao động tiên tiến"]
    assert not editor.is_dirty()


def test_registry_filter_eligible_for_cstdcs(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.people_model.rowCount() == 3
    qtbot.waitUntil(lambda: window.filter_title.count() > 1)  # filled after the first paint
    window.filter_title.setCurrentIndex(window.filter_title.findData("chien_si_thi_dua_co_so"))
    window.apply_filter()
    names = [window.people_model.data(window.people_model.index(r, 0))
             for r in range(window.people_model.rowCount())]
    assert names == ["Đặng Thị Ỷ"]
    assert "CSTĐCS" in window.count_label.text() and "2026" in window.count_label.text()
    window.filter_year.setValue(2025)  # nobody was CSTĐCS-eligible in 2025
    assert window.people_model.rowCount() == 0
    window.filter_title.setCurrentIndex(0)
    window.apply_filter()
    assert window.people_model.rowCount() == 3


def test_filter_offers_collective_titles_on_the_collectives_tab(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    codes = {window.filter_title.itemData(i) for i in range(window.filter_title.count())}
    assert "tap_the_lao_dong_tien_tien" in codes
    assert "chien_si_thi_dua_co_so" not in codes


def test_next_year_view_lists_each_person_and_what_is_missing(qtbot, context):
    from desktop.ui.next_year_dialog import NextYearDialog

    window = MainWindow(context)
    qtbot.addWidget(window)
    dialog = NextYearDialog(context, window.people_model, 2026, window)
    qtbot.addWidget(dialog)
    by_name = {r[0]: r for r in dialog.rows}
    assert set(by_name) == {"Đặng Thị Ỷ", "Nguyễn Văn An", "Trần Văn Quyết"}
    _name, title, verdict, missing = by_name["Đặng Thị Ỷ"]
    assert "Chưa đủ" in verdict or "Đủ" in verdict
    assert title == "Chiến sĩ thi đua cơ sở"  # she holds LĐTT: the next emulation title
    assert "2027" in missing
    assert dialog.table.rowCount() == 3


def test_officer_confirms_a_claim_in_the_editor_and_the_verdict_follows(qtbot, context):
    from desktop.core.model import Collective, CollectiveKind
    from desktop.ui.collective_editor import CollectiveEditor

    thon, _ = ops.add_collective(context.store, context.catalog,
                                 Collective(None, "Thôn Đồng Xuân",
                                            CollectiveKind.THON_TO_DAN_PHO),
                                 History(years=(year(2026, Rating.HTT),)), "t")
    editor = CollectiveEditor(context, thon.id)
    qtbot.addWidget(editor)
    editor.tabs.claims.add_row({"year": 2026, "code": "dat_tieu_chi_thon_van_hoa",
                                "note": "Biên bản họp thôn số 12"})
    editor.save()
    assert editor.result() == CollectiveEditor.DialogCode.Accepted
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.filter_title.findData("thon_to_dan_pho_van_hoa") > 0)
    window.filter_title.setCurrentIndex(window.filter_title.findData("thon_to_dan_pho_van_hoa"))
    window.apply_filter()
    assert window.collectives_model.rowCount() == 1
    assert window.collectives_model.data(window.collectives_model.index(0, 0)) == "Thôn Đồng Xuân"


def test_review_year_out_of_range_is_refused_not_clamped(qtbot, context):
    an = next(p for p in ops.people_page(context.store, "Nguyễn Văn An", 0, 5))
    editor = PersonEditor(context, an.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.eligibility)
    panel = editor.eligibility
    shown = panel.verdicts_shown()
    panel.year.setText("")
    type_text(panel.year.edit, "2150")
    assert panel.year.text() == "2150"                       # kept as typed …
    assert panel.year.year() is None and "2100" in panel.year.problem()   # … and refused
    assert panel.verdicts_shown() == shown                   # the verdicts were not redone
    assert not editor.is_dirty()                             # a view setting, not an edit
