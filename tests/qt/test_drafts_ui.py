"""Nothing typed is lost (issue 12): the editors ask before discarding changes, keep a draft as
the officer types (Vietnamese typed one character at a time), and offer it back after a crash.

A crash is the app's draft session ending without closing: its operating-system lock goes
(as it does when a process dies) and its drafts stay. tests/unit/test_drafts.py proves the
same with a real kill -9 of another process."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.core.catalog import Catalog, load_catalog
from desktop.core.model import History, Person, Unit, UnitKind
from desktop.core.operations import demo, profiles, reports
from desktop.core.operations import registry as ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.drafts import DraftSession, drafts_folder
from desktop.core.store import open_store
from desktop.ui import drafts as ui_drafts
from desktop.ui.collective_editor import CollectiveEditor
from desktop.ui.context import AppContext
from desktop.ui.drafts import CANCEL, DISCARD, DROP, LATER, RESTORE, SAVE
from desktop.ui.person_editor import PersonEditor
from desktop.ui.report_editor import ReportEditor
from tests.qt.conftest import type_text

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO / "forms")


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question left open would block the run: every one a test does not answer fails."""
    def unexpected(*_a: object, **_k: object) -> str:
        pytest.fail("asked a question the test did not expect")

    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_unsaved", unexpected)
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_restore", unexpected)
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": pytest.fail(str(exc)))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))


def _context(tmp_path: Path, catalog: Catalog, store: object, profile_id: str) -> AppContext:
    return AppContext(store=store, catalog=catalog, actor="t", data_dir=tmp_path,  # type: ignore[arg-type]
                      profile_id=profile_id, today=lambda: TODAY)


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info, store = profiles.create_profile(tmp_path, UNIT, "t")
    ops.add_person(store, catalog, Person(None, "Nguyễn Văn An", date(1980, 1, 1)), History(),
                   "t", TODAY)
    context = _context(tmp_path, catalog, store, info.id)
    yield context
    context.close_drafts()
    store.close()


def crash(context: AppContext) -> None:
    """The app dies: the OS frees its session lock; its drafts stay on disk."""
    session = context._drafts
    assert session is not None and session._lock is not None
    session._lock.release(remove=False)
    session._lock = None
    context._drafts = None


def restart(context: AppContext) -> AppContext:
    """The next start on the same profile (a new draft session)."""
    return _context(context.data_dir, context.catalog, context.store, context.profile_id)


def an_id(context: AppContext) -> int:
    person = ops.people_page(context.store, "An", 0, 1)[0]
    assert person.id is not None
    return person.id


def draft_files(context: AppContext) -> list[str]:
    return sorted(p.name for p in drafts_folder(context.store).glob("*.json"))


# ---- asking before discarding ------------------------------------------------------------


def test_esc_on_a_changed_person_asks_and_back_keeps_everything(qtbot, ctx, monkeypatch):
    editor = PersonEditor(ctx, an_id(ctx))
    qtbot.addWidget(editor)
    editor.show()
    editor.position.setFocus()
    type_text(editor.position, "Phó Chủ tịch Ủy ban")
    answers = [CANCEL, DISCARD]
    monkeypatch.setattr(editor, "ask_unsaved", lambda: answers.pop(0))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.position.text() == "Phó Chủ tịch Ủy ban"
    assert editor.windowTitle().endswith(" *")
    assert draft_files(ctx) == [f"person.{an_id(ctx)}.json"]   # kept while asking
    editor.buttons.button(editor.buttons.StandardButton.Cancel).click()     # "Hủy"
    assert not editor.isVisible() and editor.result() == QDialog.DialogCode.Rejected
    assert answers == []
    assert ops.get_person(ctx.store, an_id(ctx)).position == ""           # nothing saved
    assert draft_files(ctx) == []                                          # discarded


def test_typing_and_deleting_back_is_not_a_change(qtbot, ctx, monkeypatch):
    editor = PersonEditor(ctx, an_id(ctx))
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.phone, "0912")
    qtbot.waitUntil(lambda: editor.windowTitle().endswith(" *"))
    for _ in range(4):
        qtbot.keyClick(editor.phone, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not editor.windowTitle().endswith(" *"))
    assert not editor.is_dirty()
    editor.close()                      # the window's close button: no question
    assert not editor.isVisible()


def test_save_in_the_question_saves_and_closes_accepted(qtbot, ctx, monkeypatch):
    editor = PersonEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.full_name, "Trần Thị Thủy")
    monkeypatch.setattr(editor, "ask_unsaved", lambda: SAVE)
    editor.close()
    assert not editor.isVisible() and editor.result() == QDialog.DialogCode.Accepted
    assert editor.changes.people
    saved = ops.get_person(ctx.store, next(iter(editor.changes.people)))
    assert saved.full_name == unicodedata.normalize("NFC", "Trần Thị Thủy")
    assert draft_files(ctx) == []


def test_save_that_fails_keeps_the_editor_open(qtbot, ctx, monkeypatch):
    editor = PersonEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.birth_date, "31/02/1990")       # no 31 February: refused, not lost
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": shown.append(str(exc)))
    monkeypatch.setattr(editor, "ask_unsaved", lambda: SAVE)
    editor.reject()
    assert shown and editor.isVisible()
    assert editor.birth_date.text() == "31/02/1990"


def test_collective_members_make_it_dirty_and_the_search_does_not(qtbot, ctx, monkeypatch):
    editor = CollectiveEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.members.search, "an")          # searching is not editing
    assert not editor.is_dirty()
    editor.close()
    assert not editor.isVisible()
    editor = CollectiveEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.members.results.count() == 1)
    editor.members.results.setCurrentRow(0)
    editor.members.add_selected()
    assert editor.is_dirty()
    monkeypatch.setattr(editor, "ask_unsaved", lambda: DISCARD)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


# ---- drafts as the officer types, and after a crash -------------------------------------------


def test_draft_is_written_privately_as_the_officer_types(qtbot, ctx, monkeypatch):
    editor = PersonEditor(ctx, None)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "ask_unsaved", lambda: DISCARD)   # at teardown
    editor.show()
    type_text(editor.full_name, "Hoàng Thị Huệ")
    qtbot.waitUntil(lambda: draft_files(ctx) == ["person.new.json"], timeout=10_000)
    path = drafts_folder(ctx.store) / "person.new.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["values"]["full_name"] == unicodedata.normalize("NFC", "Hoàng Thị Huệ")
    assert "Hoàng Thị Huệ" in data["title"]
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600
        assert os.stat(path.parent).st_mode & 0o777 == 0o700


def test_after_a_crash_the_next_start_offers_the_draft_and_restores_it(qtbot, ctx, monkeypatch):
    pid = an_id(ctx)
    editor = PersonEditor(ctx, pid)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.position, "Công chức Văn phòng – Thống kê")
    editor.tabs.years.add_row({"year": "2026", "rating": "htxs"})
    editor.write_draft()                 # what the timer does a moment after typing stops
    crash(ctx)                           # power cut: the editor never closes
    editor.hide()

    again = restart(ctx)
    asked: list[str] = []

    def ask(parent: object, draft: ui_drafts.Draft) -> str:
        asked.append(draft.title)
        return RESTORE

    opened: list[PersonEditor] = []

    def exec_(self: PersonEditor) -> int:     # the officer looks, then saves
        opened.append(self)
        assert self.position.text() == "Công chức Văn phòng – Thống kê"
        assert self.is_dirty() and self.windowTitle().endswith(" *")
        self.save()
        return int(self.result())

    monkeypatch.setattr(PersonEditor, "exec", exec_)
    closed: list[bool] = []
    restored = ui_drafts.offer_orphan_drafts(again, None,  # type: ignore[arg-type]
                                             lambda ed, ok: closed.append(ok), ask=ask)
    assert restored == 1 and closed == [True]
    assert asked and "Nguyễn Văn An" in asked[0]
    person = ops.get_person(again.store, pid)
    assert person.position == "Công chức Văn phòng – Thống kê"
    years = ops.get_history(again.store, opened[0].eligibility.ref).years   # type: ignore[arg-type]
    assert [(y.year, y.rating.value if y.rating else None) for y in years] == [(2026, "htxs")]
    assert draft_files(again) == []
    again.close_drafts()


def test_later_keeps_the_draft_and_drop_removes_it(qtbot, ctx):
    editor = PersonEditor(ctx, None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.full_name, "Đỗ Văn Bình")
    editor.write_draft()
    crash(ctx)
    editor.hide()
    again = restart(ctx)
    assert ui_drafts.offer_orphan_drafts(again, None, ask=lambda p, d: LATER) == 0  # type: ignore[arg-type]
    assert draft_files(again) == ["person.new.json"]
    assert ui_drafts.offer_orphan_drafts(again, None, ask=lambda p, d: DROP) == 0  # type: ignore[arg-type]
    assert draft_files(again) == []
    again.close_drafts()


def test_opening_the_same_editor_offers_its_draft(qtbot, ctx, monkeypatch):
    pid = an_id(ctx)
    editor = PersonEditor(ctx, pid)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.department, "Văn phòng – Thống kê")
    editor.write_draft()
    crash(ctx)
    editor.hide()
    again = restart(ctx)
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_restore", lambda self, d: RESTORE)
    reopened = PersonEditor(again, pid)
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitUntil(lambda: reopened.department.currentText() == "Văn phòng – Thống kê")
    assert reopened.is_dirty()
    # now owned by this session: not offered again, and kept if this app dies too
    assert again.drafts.orphan(f"person.{pid}") is None
    assert again.drafts.get(f"person.{pid}") is not None
    monkeypatch.setattr(reopened, "ask_unsaved", lambda: DISCARD)
    reopened.reject()
    assert draft_files(again) == []
    again.close_drafts()


def test_a_hostile_draft_is_skipped_and_a_bad_value_is_not_trusted(qtbot, ctx, monkeypatch):
    folder = drafts_folder(ctx.store)
    folder.mkdir(exist_ok=True)
    (folder / "person.new.json").write_text("{not json", "utf-8")
    old = DraftSession(folder)
    old.save(f"person.{an_id(ctx)}", "Sửa – Nguyễn Văn An",
             {"full_name": 12, "tabs.years": "not rows", "position": "Kế toán"},
             __import__("datetime").datetime(2026, 11, 23, 9, 30).astimezone())
    old._lock.release(remove=False)    # type: ignore[union-attr]
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_restore", lambda self, d: RESTORE)
    editor = PersonEditor(ctx, an_id(ctx))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.position.text() == "Kế toán")
    assert editor.full_name.text() == "Nguyễn Văn An"          # 12 is not a name: ignored
    monkeypatch.setattr(editor, "ask_unsaved", lambda: DISCARD)
    editor.reject()


# ---- the report: a power cut loses no text -------------------------------------------------


def test_report_text_survives_a_power_cut(qtbot, tmp_path, catalog, monkeypatch):
    info = demo.build_demo(tmp_path, 7, "t", TODAY, catalog)
    store = open_store(info.path)
    context = _context(tmp_path, catalog, store, info.id)
    rnd = rounds_ops.list_rounds(store)[0]
    assert rnd.id is not None
    nid = next(r.nomination_id for r in reports.round_reports(store, catalog, rnd.id)
               if r.kind.code == "bao_cao_ca_nhan" and not r.locked)
    before = reports.load_report(store, catalog, nid).texts()
    editor = ReportEditor(context, nid)
    qtbot.addWidget(editor)
    editor.show()
    box = editor.boxes["giai_phap"]
    box.edit.setFocus()
    type_text(box.edit, "Ứng dụng phần mềm một cửa điện tử")
    qtbot.waitUntil(lambda: draft_files(context) == [f"report.{nid}.json"], timeout=10_000)
    crash(context)
    editor.hide()
    assert reports.load_report(store, catalog, nid).texts() == before    # nothing saved

    again = restart(context)
    shown: list[str] = []

    def exec_(self: ReportEditor) -> int:
        shown.append(self.boxes["giai_phap"].text())
        assert self.save()
        self.reject()                     # saved: closes without asking
        return 0

    monkeypatch.setattr(ReportEditor, "exec", exec_)
    assert ui_drafts.offer_orphan_drafts(again, None, ask=lambda p, d: RESTORE) == 1  # type: ignore[arg-type]
    assert shown[0].endswith("Ứng dụng phần mềm một cửa điện tử")
    assert reports.load_report(store, catalog, nid).texts()["giai_phap"].endswith(
        "Ứng dụng phần mềm một cửa điện tử")
    assert draft_files(again) == []
    again.close_drafts()
    store.close()


# ---- the other editors: the council's votes, the unit, a new round ------------------------


def test_council_votes_typed_survive_a_crash(qtbot, tmp_path, catalog, monkeypatch):
    from desktop.ui.rounds.meeting_dialog import MeetingDialog

    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    context = _context(tmp_path, catalog, store, info.id)
    (rnd,) = rounds_ops.list_rounds(store, 2026)
    assert rnd.id is not None
    dialog = MeetingDialog(context, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    from PySide6.QtWidgets import QLineEdit

    from desktop.ui.rounds.vote_grid import C_FOR

    row = next(r for r in dialog.grid.rows if r.editable)
    dialog.grid.setFocus()
    dialog.grid.setCurrentCell(dialog.grid.rows.index(row), C_FOR)
    qtbot.keyClicks(dialog.grid, "7")          # the digit opens the cell's editor
    (editor,) = [e for e in dialog.grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    dialog.place.clear()
    type_text(dialog.place, "Hội trường Ủy ban nhân dân xã")
    assert dialog.is_dirty()
    answers = [CANCEL]
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: answers.pop(0))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)               # "Quay lại": still there
    assert dialog.isVisible() and row.texts[C_FOR] == "7"
    crash(context)
    dialog.hide()

    again = restart(context)
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_restore", lambda self, d: RESTORE)
    reopened = MeetingDialog(again, rnd.id)
    qtbot.addWidget(reopened)
    reopened.show()
    same = next(r for r in reopened.grid.rows if r.nomination.id == row.nomination.id)
    qtbot.waitUntil(lambda: same.texts.get(C_FOR) == "7")
    assert reopened.place.text() == "Hội trường Ủy ban nhân dân xã"
    assert reopened.save()                                   # stays open, now clean
    assert not reopened.is_dirty() and draft_files(again) == []
    again.close_drafts()
    store.close()


def test_unit_and_new_round_ask_before_discarding(qtbot, ctx, monkeypatch):
    from desktop.ui.rounds.round_dialog import RoundDialog
    from desktop.ui.unit_form import UnitDialog

    unit = UnitDialog(ctx)
    qtbot.addWidget(unit)
    unit.show()
    unit.form.name.setFocus()
    type_text(unit.form.name, " – huyện Thanh Sơn")
    asked: list[str] = []
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_unsaved",
                        lambda self: asked.append(self.draft_title()) or DISCARD)
    qtbot.keyClick(unit, Qt.Key.Key_Escape)
    assert asked == ["Thông tin đơn vị"] and not unit.isVisible()
    rnd = RoundDialog(ctx)
    qtbot.addWidget(rnd)
    rnd.show()
    rnd.name.clear()
    type_text(rnd.name, "Khen thưởng đột xuất phòng chống lũ")
    rnd.close()
    assert asked == ["Thông tin đơn vị", "Tạo đợt xét khen thưởng"] and not rnd.isVisible()


# ---- the public posting and the wizards ----------------------------------------------------


def test_posting_typed_is_asked_about_and_survives_a_crash(qtbot, tmp_path, catalog,
                                                           monkeypatch):
    from desktop.ui.rounds.posting_dialog import PostingDialog

    info = demo.build_demo(tmp_path, 13, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    context = _context(tmp_path, catalog, store, info.id)
    rnd = rounds_ops.list_rounds(store, 2026)[0]
    assert rnd.id is not None
    before = len(rounds_ops.postings(store, rnd.id))
    dialog = PostingDialog(context, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.posted_to.setFocus()
    dialog.posted_to.selectAll()
    type_text(dialog.posted_to, "10/12/2026")
    dialog.place.setFocus()
    type_text(dialog.place, "Bảng tin nhà văn hóa thôn Đồng Xuân")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: asked.append(dialog.draft_title())
                        or CANCEL)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)                 # "Quay lại": nothing goes
    assert asked == [f"Công khai – {rnd.name}"] and dialog.isVisible()
    assert dialog.place.text() == "Bảng tin nhà văn hóa thôn Đồng Xuân"
    assert dialog.posted_to.text() == "10/12/2026"
    assert draft_files(context) == [f"posting.{rnd.id}.json"]   # written before asking
    crash(context)
    dialog.hide()

    again = restart(context)
    monkeypatch.setattr(ui_drafts.EditorDialog, "ask_restore", lambda self, d: RESTORE)
    reopened = PostingDialog(again, rnd.id)
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitUntil(lambda: reopened.place.text() == "Bảng tin nhà văn hóa thôn Đồng Xuân")
    assert reopened.posted_to.text() == "10/12/2026" and reopened.is_dirty()
    assert len(rounds_ops.postings(store, rnd.id)) == before      # nothing recorded yet
    reopened.record_button.click()
    recorded = rounds_ops.postings(store, rnd.id)
    assert len(recorded) == before + 1
    assert recorded[-1].place == "Bảng tin nhà văn hóa thôn Đồng Xuân"
    assert recorded[-1].posted_to == date(2026, 12, 10)
    assert not reopened.is_dirty() and draft_files(again) == []
    reopened.close()                               # recorded: closes without asking
    assert not reopened.isVisible()
    again.close_drafts()
    store.close()


def test_first_run_asks_before_dropping_the_unit_typed(qtbot, tmp_path, catalog, monkeypatch):
    from PySide6.QtWidgets import QWizard

    from desktop.ui.first_run import FirstRunWizard

    untouched = FirstRunWizard(tmp_path, "t", catalog)
    qtbot.addWidget(untouched)
    untouched.show()
    monkeypatch.setattr(untouched, "ask_abandon", lambda: pytest.fail("nothing was typed"))
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible()

    wizard = FirstRunWizard(tmp_path, "t", catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.button(QWizard.WizardButton.NextButton).click()
    form = wizard.unit_page.form
    form.name.setFocus()
    type_text(form.name, "Ủy ban nhân dân xã Đồng Xuân")
    answers = [False, True]                       # "Quay lại", then "Bỏ dở"
    monkeypatch.setattr(wizard, "ask_abandon", lambda: answers.pop(0))
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.currentPage() is wizard.unit_page
    assert form.name.text() == "Ủy ban nhân dân xã Đồng Xuân"
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible() and answers == []
    assert profiles.list_profiles(tmp_path) == []                # nothing was created


def test_the_abandon_question_defaults_to_going_back(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.windowTitle())
        qtbot.keyClick(box, Qt.Key.Key_Return)     # Enter takes the default

    QTimer.singleShot(0, answer)
    assert ui_drafts.ask_abandon(None, "Đóng và bỏ dở?") is False
    QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activeModalWidget(),
                                                Qt.Key.Key_Escape))
    assert ui_drafts.ask_abandon(None, "Đóng và bỏ dở?") is False
    assert seen == ["Bỏ dở?"]


# ---- every kind of draft is offered at start; the bulk pickers keep their ticks ------------


def test_every_kind_of_draft_the_app_writes_can_be_reopened_at_start() -> None:
    """A kind of draft with no opener would be kept on disk and never offered: every key an
    editor or a bulk dialog writes is a kind start-up knows."""
    import re

    written: set[str] = set()
    for path in (REPO / "desktop" / "ui").rglob("*.py"):
        text = path.read_text("utf-8")
        written |= set(re.findall(r'init_drafts\(\s*\w+\s*,\s*f?"([a-z_]+)', text))
        written |= set(re.findall(r'def draft_key\(self\) -> str:\s*return f?"([a-z_]+)', text))
    assert {"person", "report", "meeting", "posting", "bulk_nominate",
            "bulk_register"} <= written
    assert written <= set(ui_drafts.OPENERS), written - set(ui_drafts.OPENERS)


def test_after_a_crash_every_editor_and_picker_is_offered_and_reopened(qtbot, tmp_path,
                                                                         catalog, monkeypatch):
    """The round, deadline, meeting, nomination, posting, work-unit and unit editors and both
    bulk pickers were offered their drafts only when reopened by hand: start-up now offers
    each one (found walking the year)."""
    from desktop.core.operations import work_units
    from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog, BulkRegistrationDialog
    from desktop.ui.rounds.meeting_dialog import MeetingDialog
    from desktop.ui.rounds.nominate_dialog import NominateDialog
    from desktop.ui.rounds.posting_dialog import PostingDialog
    from desktop.ui.rounds.round_dialog import DeadlineDialog, RoundDialog
    from desktop.ui.unit_form import UnitDialog
    from desktop.ui.work_units_dialog import WorkUnitEditor

    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    context = _context(tmp_path, catalog, store, info.id)
    (rnd,) = rounds_ops.list_rounds(store, 2026)
    rid = rnd.id
    assert rid is not None
    some_unit = work_units.list_work_units(store)[0]

    typed = "Thôn Đồng Xuân – họp ngày mưa"
    opened = {
        RoundDialog: (lambda: RoundDialog(context), lambda d: d.name),
        DeadlineDialog: (lambda: DeadlineDialog(context, rnd), lambda d: d.deadline),
        MeetingDialog: (lambda: MeetingDialog(context, rid), lambda d: d.place),
        PostingDialog: (lambda: PostingDialog(context, rid), lambda d: d.place),
        NominateDialog: (lambda: NominateDialog(context, rid), lambda d: d.justification),
        WorkUnitEditor: (lambda: WorkUnitEditor(context, some_unit), lambda d: d.head_title),
        UnitDialog: (lambda: UnitDialog(context), lambda d: d.form.place_name),
    }
    for make, field in opened.values():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        edit = field(dialog)
        edit.setFocus()
        edit.selectAll()
        type_text(edit, typed if not isinstance(dialog, DeadlineDialog) else "20/12/2026")
        dialog.write_draft()
        dialog.hide()
    bulk = BulkNominateDialog(context, rid)
    qtbot.addWidget(bulk)
    bulk.picker.tick_eligible()
    type_text(bulk.justification, "Đề nghị theo kết quả bình xét của thôn")
    nominate_ticks = list(bulk.picker.model.ticked)
    bulk.drafts.write()
    register = BulkRegistrationDialog(context, 2026)
    qtbot.addWidget(register)
    assert register.year == 2027
    register.picker.department.setCurrentIndex(register.picker.department.findData(
        "Phòng Kinh tế"))
    register.picker.tick_shown()
    register_ticks = list(register.picker.model.ticked)
    register.drafts.write()
    assert len(draft_files(context)) == 9
    crash(context)

    again = restart(context)
    asked: list[str] = []
    reopened: dict[str, object] = {}

    def ask(_parent: object, draft: ui_drafts.Draft) -> str:
        asked.append(draft.key)
        return RESTORE

    def seen(self: object) -> int:
        if isinstance(self, BulkNominateDialog):
            reopened["bulk_nominate"] = (list(self.picker.model.ticked),
                                         self.justification.toPlainText())
        elif isinstance(self, BulkRegistrationDialog):
            reopened["bulk_register"] = (self.year, list(self.picker.model.ticked))
        else:
            make_field = opened[type(self)]  # type: ignore[index]
            edit = make_field[1](self)
            reopened[type(self).__name__] = edit.text() if hasattr(edit, "text") \
                else edit.toPlainText()
        return 0

    for cls in (*opened, BulkNominateDialog, BulkRegistrationDialog):
        monkeypatch.setattr(cls, "exec", seen)
    restored = ui_drafts.offer_orphan_drafts(again, None, ask=ask)  # type: ignore[arg-type]
    assert restored == 9 and len(asked) == 9
    assert {k.split(".")[0] for k in asked} == {
        "round", "deadline", "meeting", "posting", "nomination", "work_unit", "unit",
        "bulk_nominate", "bulk_register"}
    for cls in opened:
        expected = "20/12/2026" if cls is DeadlineDialog else typed
        assert reopened[cls.__name__] == expected, cls.__name__
    assert reopened["bulk_nominate"] == (nominate_ticks,
                                         "Đề nghị theo kết quả bình xét của thôn")
    assert reopened["bulk_register"] == (2027, register_ticks)
    again.close_drafts()
    store.close()


def test_a_bulk_pickers_ticks_are_offered_back_when_it_opens_again(qtbot, tmp_path, catalog,
                                                                   monkeypatch):
    from desktop.ui.rounds import bulk_dialogs
    from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog

    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    context = _context(tmp_path, catalog, store, info.id)
    (rnd,) = rounds_ops.list_rounds(store, 2026)
    assert rnd.id is not None
    before = len(rounds_ops.nominations(store, rnd.id))
    dialog = BulkNominateDialog(context, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.tick_eligible()
    ticks = list(dialog.picker.model.ticked)
    assert len(ticks) > 5
    answers = [False]
    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_drop", lambda self, n: answers.pop(0))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)          # "Quay lại": written before asking
    assert dialog.isVisible() and draft_files(context) == [f"bulk_nominate.{rnd.id}.json"]
    crash(context)
    dialog.hide()

    again = restart(context)
    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_restore", lambda self, d: RESTORE)
    reopened = BulkNominateDialog(again, rnd.id)
    qtbot.addWidget(reopened)
    reopened.show()
    qtbot.waitUntil(lambda: list(reopened.picker.model.ticked) == ticks)
    assert reopened.ok_button.text() == f"&Lưu đề nghị ({len(ticks)})"
    reopened.submit()
    assert len(rounds_ops.nominations(store, rnd.id)) == before + len(ticks)
    assert draft_files(again) == []                   # saved: the draft goes
    again.close_drafts()
    store.close()


def test_dropping_the_ticks_drops_their_draft_and_a_later_one_is_kept(qtbot, tmp_path,
                                                                      catalog, monkeypatch):
    from desktop.ui.rounds import bulk_dialogs
    from desktop.ui.rounds.bulk_dialogs import BulkRegistrationDialog

    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    context = _context(tmp_path, catalog, store, info.id)
    dialog = BulkRegistrationDialog(context, 2027)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.tick_shown()
    dialog.drafts.write()
    crash(context)
    dialog.hide()
    again = restart(context)
    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_restore", lambda self, d: LATER)
    later = BulkRegistrationDialog(again, 2027)
    qtbot.addWidget(later)
    later.show()
    qtbot.waitUntil(lambda: later.drafts.offered)
    QApplication = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication
    QApplication.processEvents()
    later.reject()                                     # nothing ticked: closes at once
    assert draft_files(again) == ["bulk_register.json"]   # put off: still there
    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_restore", lambda self, d: RESTORE)
    monkeypatch.setattr(bulk_dialogs._KeepsTicks, "ask_drop", lambda self, n: True)
    third = restart(again)
    back = BulkRegistrationDialog(third, 2027)
    qtbot.addWidget(back)
    back.show()
    qtbot.waitUntil(lambda: bool(back.picker.model.ticked))
    back.reject()                                      # "Đóng, bỏ lựa chọn"
    assert draft_files(third) == []
    third.close_drafts()
    again.close_drafts()
    store.close()
