"""The rounds window as an officer uses it: create a round, nominate (eligible, and ineligible
with a written justification), move statuses along TRANSITIONS, the registration list with
undo, deadline badges, and refusals that keep everything."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.core.catalog import load_catalog
from desktop.core.errors import ValidationError
from desktop.core.model import (
    Award,
    Collective,
    History,
    Initiative,
    Person,
    Rating,
    Scope,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import (
    TRANSITIONS,
    CouncilMeeting,
    NominationStatus,
    RoundKind,
    Verdict,
    VoteMethod,
)
from desktop.core.operations import profiles
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as ops
from desktop.ui import feedback
from desktop.ui.context import AppContext
from desktop.ui.rounds import round_view as rv
from desktop.ui.rounds.bulk_dialogs import BulkRegistrationDialog
from desktop.ui.rounds.nominate_dialog import NominateDialog
from desktop.ui.rounds.registration_view import RegistrationView
from desktop.ui.rounds.round_dialog import DeadlineDialog, RoundDialog
from desktop.ui.rounds.round_view import RoundView, StatusDialog, deadline_badge
from desktop.ui.rounds.rounds_window import RoundsWindow
from tests.qt.conftest import type_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
TODAY = date(2026, 11, 23)
ACTOR = "Cán bộ TĐKT"
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "", "UBND", "Thanh Sơn",
            "Hà Văn Thắng", "Chủ tịch", "", "", "default")
CSTDCS, LDTT = "chien_si_thi_dua_co_so", "lao_dong_tien_tien"


def year(y: int, rating: Rating) -> YearRecord:
    return YearRecord(y, rating, exemplary=True, solidarity=True, movement=True)


class Clock:
    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ctx(tmp_path: Path, clock: Clock):
    catalog = load_catalog(FORMS)
    info, store = profiles.create_profile(tmp_path, UNIT, ACTOR)
    hired = date(2015, 9, 1)
    # Excellent in 2026 with LĐTT already recognised: eligible for CSTĐCS.
    ops_people = [
        (Person(None, "Đặng Thị Ỷ", date(1992, 6, 27), group=SubjectGroup.CBCCVC,
                hired_on=hired),
         History(years=(year(2025, Rating.HTT), year(2026, Rating.HTXS)),
                 awards=(Award(2026, LDTT),))),
        # Only "hoàn thành" in 2026: not eligible for LĐTT.
        (Person(None, "Nguyễn Văn An", date(1980, 1, 1), hired_on=hired),
         History(years=(year(2026, Rating.HT),))),
        # Under review (Decree 152 Art 4.4): on hold, whatever the justification.
        (Person(None, "Trần Văn Quyết", date(1985, 5, 5), hired_on=hired),
         History(years=(YearRecord(2026, Rating.HTXS, pending_review=True, exemplary=True,
                                   solidarity=True, movement=True),),
                 awards=(Award(2026, LDTT),))),
    ]
    for person, history in ops_people:
        reg_ops.add_person(store, catalog, person, history, ACTOR, TODAY)
    reg_ops.add_collective(store, catalog, Collective(None, "Phòng Kinh tế"), History(), ACTOR)
    context = AppContext(store=store, catalog=catalog, actor=ACTOR, data_dir=tmp_path,
                         profile_id=info.id, today=clock)
    yield context
    store.close()


class Shown(list):
    """The refusals the UI would show (instead of blocking on a modal box), as exceptions."""

    def codes(self) -> list[str]:
        return [c for exc in self for c in (exc.codes if isinstance(exc, ValidationError)
                                            else [exc.code])]


@pytest.fixture
def errors(monkeypatch):
    shown = Shown()

    def record(_parent, exc, title=""):
        shown.append(exc)

    monkeypatch.setattr(feedback, "show_user_error", record)
    return shown


@pytest.fixture
def yes(monkeypatch):
    asked: list[str] = []

    def answer(_parent, _title, text, *_a):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def person(ctx: AppContext, query: str) -> SubjectRef:
    found = reg_ops.people_page(ctx.store, query, 0, 2)
    assert len(found) == 1, query
    return SubjectRef(SubjectKind.PERSON, found[0].id or 0)


def new_round(ctx: AppContext, kind: RoundKind = RoundKind.CONG_TRANG, **kw):
    kw.setdefault("name", "Xét khen thưởng tổng kết năm 2026")
    rnd, _changes = ops.create_round(ctx.store, ctx.catalog, kind, 2026, actor=ACTOR,
                                     today=TODAY, **kw)
    return rnd


def audit(ctx: AppContext) -> list[dict]:
    return reg_ops.audit_entries(ctx.store)


def choose(dialog, query: str, target: str) -> None:
    """Search the registry as an officer types, pick the only match, choose the title."""
    type_text(dialog.picker.search, query)
    dialog.picker.refresh()  # what the typing timer does
    assert dialog.picker.results.count() == 1
    dialog.picker.results.setCurrentRow(0)
    dialog.title.setCurrentIndex(dialog.title.findData(target))
    assert dialog.target() == target


# ---- creating a round --------------------------------------------------------------------------


def test_create_round_through_the_dialog_with_deadline_from_the_province(qtbot, ctx, errors):
    dialog = RoundDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    assert dialog.deadline.text() == "10/12/2026"  # forms/provinces/default.toml [deadlines]
    assert dialog.receiving_body.text() == "Sở Nội vụ (Phòng Thi đua, khen thưởng)"
    assert not dialog.movement.isVisibleTo(dialog)
    type_text(dialog.name, "Xét khen thưởng tổng kết năm 2026 – đợt một")
    dialog.save()
    assert errors == [] and dialog.result() == QDialog.DialogCode.Accepted
    [rnd] = ops.list_rounds(ctx.store)
    assert (rnd.kind, rnd.year, rnd.deadline) == (RoundKind.CONG_TRANG, 2026, date(2026, 12, 10))
    assert rnd.name == "Xét khen thưởng tổng kết năm 2026 – đợt một"
    assert audit(ctx)[0]["entity"] == "round" and audit(ctx)[0]["action"] == "create"


def test_campaign_round_asks_for_the_movement_and_keeps_what_was_typed(qtbot, ctx, errors):
    dialog = RoundDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(RoundKind.PHONG_TRAO.value))
    assert dialog.movement.isVisibleTo(dialog)
    type_text(dialog.name, "Khen phong trào nông thôn mới")
    dialog.save()
    assert errors.codes() == ["round.movement_missing", "round.movement_period_missing"]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ops.list_rounds(ctx.store) == []
    assert dialog.name.text() == "Khen phong trào nông thôn mới"
    type_text(dialog.movement, "Chung tay xây dựng nông thôn mới")
    dialog.movement_from.setText("01/01/2024")
    dialog.movement_to.setText("31/12/2026")
    dialog.movement_to.editingFinished.emit()
    assert dialog.deadline.text() == "30/01/2027"  # 30 days after the movement ends
    dialog.save()
    [rnd] = ops.list_rounds(ctx.store)
    assert rnd.movement == "Chung tay xây dựng nông thôn mới"
    assert (rnd.movement_to, rnd.deadline) == (date(2026, 12, 31), date(2027, 1, 30))


def test_new_round_from_the_window_is_listed_and_selected(qtbot, ctx, monkeypatch, errors):
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    assert window.rounds_shown() == []

    def fill_and_save(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(RoundKind.DOT_XUAT.value))
        type_text(dialog.name, "Khen đột xuất cứu hộ lũ")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RoundDialog, "exec", fill_and_save)
    window.new_round()
    [rnd] = window.rounds_shown()
    assert rnd.kind is RoundKind.DOT_XUAT and window.current_round() == rnd
    assert window.round_view.round == rnd
    assert window.list.item(0, 3).text() == "còn 10 ngày"


# ---- nominating --------------------------------------------------------------------------------


def test_nominate_an_eligible_person_found_without_diacritics(qtbot, ctx, errors):
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    choose(dialog, "dang thi y", CSTDCS)
    snap = dialog.snapshot()
    assert snap is not None and snap.verdict is Verdict.ELIGIBLE
    assert "Đủ điều kiện" in dialog.verdict.text()
    assert "*" not in dialog.justification_label.text()
    assert "Chưa đăng ký" in dialog.registration.text()
    dialog.submit()
    assert errors == [] and dialog.result() == QDialog.DialogCode.Accepted
    [nom] = ops.nominations(ctx.store, rnd.id)
    assert (nom.subject_name, nom.target, nom.eligibility.verdict) == (
        "Đặng Thị Ỷ", CSTDCS, Verdict.ELIGIBLE)
    assert nom.registered is False
    assert dialog.changes.people == {nom.subject.id}


def test_a_broad_search_in_the_nominate_box_shows_its_first_rows_without_counting(
        qtbot, ctx, monkeypatch):
    """The box asks what the people list asks per keystroke (its first rows); a search with
    more matches than came for free says "hơn N" instead of counting them all."""
    from desktop.core.store import search as repo
    from desktop.ui.rounds import nominate_dialog

    monkeypatch.setattr(repo, "PROBE_MATCHES", 1)
    monkeypatch.setattr(repo, "SORT_ALL_MATCHES_AT_MOST", 0)  # no exact count for free
    monkeypatch.setattr(nominate_dialog, "MAX_MATCHES", 1)
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    type_text(dialog.picker.search, "van")  # Nguyễn Văn An, Trần Văn Quyết
    dialog.picker.refresh()
    assert dialog.picker.results.count() == 1
    assert dialog.picker.count.text() == "1/hơn 1 kết quả, gõ thêm để thu hẹp"
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "van quyet")
    dialog.picker.refresh()
    assert dialog.picker.results.count() == 1 and dialog.picker.count.text() == "1 kết quả"


def test_ineligible_nominee_is_refused_until_a_justification_is_typed(qtbot, ctx, errors):
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose(dialog, "Nguyễn Văn An", LDTT)
    assert dialog.snapshot().verdict is Verdict.INELIGIBLE
    assert "Chưa đủ điều kiện" in dialog.verdict.text()
    assert "(*)" in dialog.justification_label.text()
    assert dialog.reasons.text()  # the reasons are listed
    dialog.submit()
    assert errors.codes() == ["nomination.needs_justification"]
    assert ops.nominations(ctx.store, rnd.id) == []
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.focusWidget() is dialog.justification
    assert dialog.picker.subject() == person(ctx, "nguyen van an")  # nothing lost
    type_text(dialog.justification, "Có thành tích đột xuất trong phòng chống lũ bão năm 2026")
    dialog.submit()
    [nom] = ops.nominations(ctx.store, rnd.id)
    assert nom.eligibility.verdict is Verdict.INELIGIBLE
    assert nom.justification == "Có thành tích đột xuất trong phòng chống lũ bão năm 2026"


def test_a_duplicate_is_shown_before_saving_not_refused_after(qtbot, ctx, errors):
    """Issue 12: the dialog said "Đủ điều kiện" and refused only on save; the conflict now
    shows as soon as the subject and title are chosen, and saving is not offered."""
    rnd = new_round(ctx)
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "dang thi y"), CSTDCS, "",
                       ACTOR, TODAY)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    choose(dialog, "dang thi y", CSTDCS)
    assert dialog.conflicts.isVisibleTo(dialog) and "trong đợt này" in dialog.conflicts.text()
    assert not dialog.ok_button.isEnabled()
    cstdcs = dialog.title.findData(CSTDCS)
    assert dialog.title.itemText(cstdcs).startswith("⊘")
    # the LĐTT already recorded in 2026 is marked too, before the officer picks it
    assert dialog.title.itemText(dialog.title.findData(LDTT)).startswith("⊘")
    dialog.submit()
    assert errors == [] and dialog.result() != QDialog.DialogCode.Accepted
    assert len(ops.nominations(ctx.store, rnd.id)) == 1


def test_titles_follow_the_subject_kind_and_the_round_kind(qtbot, ctx):
    rnd = new_round(ctx, RoundKind.DOT_XUAT, name="Khen đột xuất")
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    codes = {dialog.title.itemData(i) for i in range(dialog.title.count())}
    assert codes == {c for c, t in ctx.catalog.titles.items()
                     if "individual" in t.subjects and RoundKind.DOT_XUAT.award_kind in t.kinds}
    assert LDTT not in codes and "giay_khen" in codes
    assert dialog.achievement.isVisibleTo(dialog)
    dialog.picker.collective_radio.setChecked(True)
    assert "tap_the_lao_dong_tien_tien" not in {dialog.title.itemData(i)
                                                for i in range(dialog.title.count())}
    assert dialog.picker.results.count() == 1  # Phòng Kinh tế


def test_a_nominee_on_hold_cannot_be_proposed(qtbot, ctx):
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    choose(dialog, "tran van quyet", CSTDCS)
    assert dialog.snapshot().verdict is Verdict.HOLD
    assert "Tạm hoãn xét" in dialog.verdict.text()
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.toolTip()
    dialog.submit()
    assert ops.nominations(ctx.store, rnd.id) == []
    choose_other = dialog.picker.search
    choose_other.clear()
    choose(dialog, "dang thi y", CSTDCS)
    assert dialog.ok_button.isEnabled()


def test_a_sudden_feat_needs_its_achievement_written(qtbot, ctx, errors):
    rnd = new_round(ctx, RoundKind.DOT_XUAT, name="Khen đột xuất cứu hộ lũ")
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose(dialog, "dang thi y", "giay_khen")
    assert "(*)" in dialog.achievement_label.text()   # from the nomination form, not the UI
    assert dialog.snapshot().verdict is Verdict.INELIGIBLE  # no feat confirmed yet
    dialog.submit()
    assert "nomination.needs_achievement" in errors.codes()
    assert ops.nominations(ctx.store, rnd.id) == []
    assert dialog.focusWidget() is dialog.achievement
    type_text(dialog.achievement, "Cứu hai người bị lũ cuốn ngày 12/9/2026")
    # the written feat is the "thành tích đột xuất" the Giấy khen criteria ask to confirm
    assert dialog.snapshot().verdict is Verdict.ELIGIBLE
    assert "*" not in dialog.justification_label.text()
    dialog.submit()
    assert len(errors) == 1, errors
    [nom] = ops.nominations(ctx.store, rnd.id)
    assert nom.achievement == "Cứu hai người bị lũ cuốn ngày 12/9/2026"
    assert nom.eligibility.verdict is Verdict.ELIGIBLE and nom.justification == ""


def test_enter_in_the_search_box_picks_the_first_match(qtbot, ctx):
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.picker.search, "an")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.picker.subject() == person(ctx, "nguyen van an")
    assert dialog.focusWidget() is dialog.picker.results
    qtbot.keyClick(dialog.picker.results, Qt.Key.Key_Return)  # on to the title, no submit
    assert dialog.focusWidget() is dialog.title
    assert dialog.isVisible() and ops.nominations(ctx.store, rnd.id) == []


# ---- the round view: statuses ------------------------------------------------------------------


def _passing_vote(ctx: AppContext, round_id: int, nomination_id: int) -> None:
    ops.save_meeting(ctx.store, ctx.catalog, CouncilMeeting(
        round_id=round_id, held_on=TODAY, place="Hội trường UBND xã", chair="Hà Văn Thắng",
        secretary="Lê Thị Lan", members_total=9, present=9),
        [ops.VoteEntry(nomination_id, VoteMethod.BALLOT, 9, 9, 9)], ACTOR, TODAY)


def visible_statuses(view: RoundView) -> set[NominationStatus]:
    return {s for s, b in view.status_buttons.items() if b.isVisibleTo(view)}


def test_status_buttons_follow_transitions_and_each_change_is_audited(qtbot, ctx, errors,
                                                                      monkeypatch):
    rnd = new_round(ctx)
    nom, _c = ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "dang thi y"),
                                 CSTDCS, "", ACTOR, TODAY)
    view = RoundView(ctx)
    qtbot.addWidget(view)
    view.set_round(rnd.id)
    assert visible_statuses(view) == set()  # nothing selected
    view.table.selectRow(0)
    assert visible_statuses(view) == set(TRANSITIONS[NominationStatus.DRAFT])

    view.status_buttons[NominationStatus.REVIEWED].click()  # no council vote yet
    assert errors.codes() == ["status.no_vote"]
    assert view.current().status is NominationStatus.DRAFT

    _passing_vote(ctx, rnd.id, nom.id)
    view.refresh()
    assert view.table.item(0, 5).text() == "Đạt 9/9"
    view.status_buttons[NominationStatus.REVIEWED].click()
    assert view.current().status is NominationStatus.REVIEWED
    assert visible_statuses(view) == set(TRANSITIONS[NominationStatus.REVIEWED])
    entry = audit(ctx)[0]
    assert (entry["action"], entry["entity"], entry["entity_id"]) == ("status", "nomination",
                                                                      nom.id)
    assert "Dự thảo → Hội đồng đã xét" in entry["summary"]

    for part in ops.checklist(ctx.store, ctx.catalog, nom.id).items:
        ops.mark_part(ctx.store, ctx.catalog, nom.id, part.part, True, ACTOR)
    view.refresh()
    assert view.table.item(0, 6).text() == "4/4"
    view.status_buttons[NominationStatus.READY].click()
    view.status_buttons[NominationStatus.EXPORTED].click()
    assert view.current().status is NominationStatus.EXPORTED
    assert visible_statuses(view) == set(TRANSITIONS[NominationStatus.EXPORTED])

    typed = {NominationStatus.RETURNED: None, NominationStatus.DECIDED: None}

    def fill(dialog):
        if dialog.status is NominationStatus.RETURNED:
            dialog.save()  # no notes: refused, the dialog stays
            assert dialog.result() != QDialog.DialogCode.Accepted
            type_text(dialog.notes, "Bổ sung xác nhận sáng kiến của Hội đồng sáng kiến xã")
        else:
            dialog.decision_no.setText("1234/QĐ-UBND")
            dialog.decision_date.setText("20/11/2026")
        typed[dialog.status] = True
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(StatusDialog, "exec", fill)
    view.status_buttons[NominationStatus.RETURNED].click()
    returned = view.current()
    assert returned.status is NominationStatus.RETURNED
    assert returned.province_notes == "Bổ sung xác nhận sáng kiến của Hội đồng sáng kiến xã"
    assert errors.codes()[-1] == "status.notes_missing"
    view.status_buttons[NominationStatus.READY].click()
    view.status_buttons[NominationStatus.EXPORTED].click()
    view.status_buttons[NominationStatus.DECIDED].click()
    decided = view.current()
    assert (decided.status, decided.decision_no, decided.decision_date) == (
        NominationStatus.DECIDED, "1234/QĐ-UBND", date(2026, 11, 20))
    assert visible_statuses(view) == set()
    assert view.status_hint.text()
    history = reg_ops.get_history(ctx.store, nom.subject)
    assert any(a.code == CSTDCS and a.decision_no == "1234/QĐ-UBND" for a in history.awards)
    statuses = [e["summary"] for e in audit(ctx) if e["action"] == "status"]
    assert len(statuses) == 7  # reviewed, ready, exported, returned, ready, exported, decided
    assert all(typed.values())


def test_unregistered_nominee_is_flagged_and_ineligible_verdict_is_red(qtbot, ctx):
    rnd = new_round(ctx)
    ops.register(ctx.store, ctx.catalog, 2026, person(ctx, "dang thi y"), CSTDCS, ACTOR,
                 date(2026, 1, 8))
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "dang thi y"), CSTDCS, "",
                       ACTOR, TODAY)
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "nguyen van an"), LDTT,
                       "Theo đề nghị của thôn", ACTOR, TODAY)
    view = RoundView(ctx)
    qtbot.addWidget(view)
    view.set_round(rnd.id)
    rows = {view.table.item(i, 0).text(): i for i in range(view.table.rowCount())}
    an, y = rows["Nguyễn Văn An"], rows["Đặng Thị Ỷ"]
    assert view.table.item(an, 3).text() == "chưa đăng ký"
    assert view.table.item(y, 3).text() == "đã đăng ký"
    assert view.table.item(an, 2).foreground().color().name() == rv.RED
    assert "Theo đề nghị của thôn" in view.table.item(an, 2).toolTip()
    assert view.table.item(y, 1).text() == "CSTĐCS"


def test_remove_nomination_asks_then_removes(qtbot, ctx, yes, errors):
    rnd = new_round(ctx)
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "dang thi y"), CSTDCS, "",
                       ACTOR, TODAY)
    view = RoundView(ctx)
    qtbot.addWidget(view)
    view.set_round(rnd.id)
    view.table.selectRow(0)
    view.remove_current()
    assert len(yes) == 1 and "Đặng Thị Ỷ" in yes[0]
    assert ops.nominations(ctx.store, rnd.id) == [] and view.table.rowCount() == 0


# ---- deadlines and refusals --------------------------------------------------------------------


def test_past_deadline_badge_is_red_and_nominating_is_refused(qtbot, ctx, clock, errors):
    rnd = new_round(ctx, deadline=date(2026, 11, 30))
    clock.day = date(2026, 12, 3)
    assert deadline_badge(rnd, clock()) == ("quá hạn 3 ngày", rv.RED)
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    assert window.list.item(0, 3).text() == "quá hạn 3 ngày"
    assert window.list.item(0, 3).foreground().color().name() == rv.RED
    assert window.round_view.badge.text() == "quá hạn 3 ngày"
    assert "quá hạn nộp 3 ngày" in window.round_view.badge.toolTip()

    dialog = NominateDialog(ctx, rnd.id, window)
    choose(dialog, "dang thi y", CSTDCS)
    dialog.submit()
    assert errors.codes() == ["nomination.past_deadline"]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.picker.subject() == person(ctx, "dang thi y")

    deadline = DeadlineDialog(ctx, rnd, window)
    deadline.deadline.setText("15/12/2026")
    deadline.save()
    assert ops.get_round(ctx.store, rnd.id).deadline == date(2026, 12, 15)
    window.refresh()
    assert window.list.item(0, 3).text() == "còn 12 ngày"


def test_deleting_a_round_with_nominations_shows_why_and_keeps_it(qtbot, ctx, yes, errors):
    rnd = new_round(ctx)
    empty = new_round(ctx, RoundKind.DOT_XUAT, name="Khen đột xuất")
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, person(ctx, "dang thi y"), CSTDCS, "",
                       ACTOR, TODAY)
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    row = next(i for i, r in enumerate(window.rounds_shown()) if r.id == rnd.id)
    window.list.selectRow(row)
    window.delete_round()
    assert len(yes) == 1
    assert errors.codes() == ["round.not_empty"]
    assert ops.get_round(ctx.store, rnd.id) is not None
    assert len(ops.nominations(ctx.store, rnd.id)) == 1
    assert len(window.rounds_shown()) == 2

    row = next(i for i, r in enumerate(window.rounds_shown()) if r.id == empty.id)
    window.list.selectRow(row)
    window.delete_round()
    assert ops.get_round(ctx.store, empty.id) is None
    assert [r.id for r in window.rounds_shown()] == [rnd.id]
    assert audit(ctx)[0]["action"] == "delete" and audit(ctx)[0]["entity"] == "round"


# ---- registration ------------------------------------------------------------------------------


def test_registration_add_remove_and_undo(qtbot, ctx, yes, errors, monkeypatch):
    view = RegistrationView(ctx)
    qtbot.addWidget(view)
    assert view.registrations() == []

    def register(dialog):
        type_text(dialog.picker.search, "dang thi y")
        dialog.picker.refresh()
        codes = {dialog.title.itemData(i) for i in range(dialog.title.count())}
        assert "giay_khen" not in codes and CSTDCS in codes  # titles only, for a person
        dialog.title.setCurrentIndex(dialog.title.findData(CSTDCS))
        dialog.picker.view.selectRow(0)
        qtbot.keyClick(dialog.picker.view, Qt.Key.Key_Space)  # tick the row
        dialog.registered_on.setText("08/01/2026")
        type_text(dialog.note, "Đăng ký tại hội nghị cán bộ")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(BulkRegistrationDialog, "exec", register)
    view.add()
    assert errors == []
    [reg] = view.registrations()
    assert (reg.subject_name, reg.target, reg.registered_on, reg.note) == (
        "Đặng Thị Ỷ", CSTDCS, date(2026, 1, 8), "Đăng ký tại hội nghị cán bộ")
    assert view.table.item(0, 1).text() == "Chiến sĩ thi đua cơ sở"
    assert view.table.item(0, 2).text() == "08/01/2026"

    view.table.selectRow(0)
    view.remove_current()
    assert len(yes) == 1 and view.registrations() == []
    assert view.undo_action.isEnabled() and view.undo_button.isVisibleTo(view)
    assert view.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = view.registrations()
    assert (back.subject_name, back.target, back.registered_on, back.note) == (
        reg.subject_name, reg.target, reg.registered_on, reg.note)
    assert not view.undo_action.isEnabled()
    assert "Hoàn tác hủy đăng ký" in audit(ctx)[0]["summary"]


def test_registering_twice_is_seen_before_choosing_and_refused_if_it_happens_meanwhile(
        qtbot, ctx, errors):
    y = person(ctx, "dang thi y")
    ops.register(ctx.store, ctx.catalog, 2026, y, CSTDCS, ACTOR, date(2026, 1, 8))
    dialog = BulkRegistrationDialog(ctx, 2026)
    qtbot.addWidget(dialog)
    dialog.title.setCurrentIndex(dialog.title.findData(CSTDCS))
    type_text(dialog.picker.search, "Đặng")
    dialog.picker.refresh()
    row = dialog.picker.model.preview[y]
    assert [p.code for p in row.blocks] == ["registration.duplicate"]
    dialog.picker.tick_shown()
    assert dialog.picker.chosen() == [] and not dialog.ok_button.isEnabled()
    # someone else registers An while the dialog is open: the save is refused whole
    dialog.picker.search.clear()
    dialog.picker.refresh()
    an = person(ctx, "nguyen van an")
    dialog.picker.model.set_ticked([an], True)
    ops.register(ctx.store, ctx.catalog, 2026, an, CSTDCS, ACTOR, date(2026, 1, 9))
    dialog.save()
    assert errors.codes() == ["registration.duplicate"]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(ops.registrations(ctx.store, 2026)) == 2
    assert dialog.picker.chosen() == []  # the preview now shows An registered


def test_registration_changes_refresh_the_nominee_flag(qtbot, ctx, yes):
    rnd = new_round(ctx)
    reg, _c = ops.register(ctx.store, ctx.catalog, 2026, person(ctx, "dang thi y"), CSTDCS,
                           ACTOR, date(2026, 1, 8))
    ops.add_nomination(ctx.store, ctx.catalog, rnd.id, reg.subject, CSTDCS, "", ACTOR, TODAY)
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    assert window.round_view.table.item(0, 3).text() == "đã đăng ký"
    window.registration_view.table.selectRow(0)
    window.registration_view.remove_current()
    assert window.round_view.table.item(0, 3).text() == "chưa đăng ký"


# ---- the window --------------------------------------------------------------------------------


def test_main_window_opens_the_rounds_window_with_ctrl_r(qtbot, ctx):
    from desktop.ui.main_window import MainWindow

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    assert main.rounds_action.shortcut() == QKeySequence("Ctrl+R")
    main.rounds_action.trigger()
    window = main._rounds_window
    assert isinstance(window, RoundsWindow) and window.isVisible()
    window.close()
    new_round(ctx)  # made meanwhile (e.g. by another window): shown when it opens again
    main.rounds_action.trigger()  # the same window again, not a second one
    assert main._rounds_window is window and window.isVisible()
    assert len(window.rounds_shown()) == 1
    window.close()


def test_window_fits_a_1366x768_screen(qtbot, ctx):
    new_round(ctx)
    window = RoundsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= 1366 and window.height() <= 740
    assert window.minimumSizeHint().width() <= 1366


# ---- a sáng kiến as grounds --------------------------------------------------------------------


def test_initiative_picker_reaches_the_operation_and_a_second_use_is_refused(qtbot, ctx,
                                                                           errors):
    """The picker is shown from the nomination form (a dossier part of the title has
    grounds = "initiative"), the chosen sáng kiến is what the operation stores, and the same
    sáng kiến cited again for another award is refused by the core with its code."""
    sang, _c = reg_ops.add_person(ctx.store, ctx.catalog, Person(
        None, "Vũ Thị Sáng", date(1990, 4, 2), group=SubjectGroup.CBCCVC,
        hired_on=date(2014, 9, 1)), History(
            years=(year(2025, Rating.HTT), year(2026, Rating.HTT)),
            initiatives=(Initiative(2026, "Số hóa hồ sơ một cửa", Scope.CO_SO),
                         Initiative(2026, "Sổ tay tiếp công dân", Scope.CO_SO))), ACTOR, TODAY)
    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose(dialog, "Vũ Thị Sáng", LDTT)
    assert dialog.initiative.isHidden()          # LĐTT proves no sáng kiến
    dialog.title.setCurrentIndex(dialog.title.findData(CSTDCS))
    assert dialog.initiative.isVisibleTo(dialog) and dialog.initiative_label.isVisibleTo(dialog)
    offered = [dialog.initiative.itemData(i) for i in range(dialog.initiative.count())]
    assert offered == ["", "Số hóa hồ sơ một cửa", "Sổ tay tiếp công dân"]
    dialog.initiative.setFocus()
    qtbot.keyClick(dialog.initiative, Qt.Key.Key_Down)   # the officer picks the first one
    assert dialog.initiative_choice() == "Số hóa hồ sơ một cửa"
    assert dialog.snapshot().verdict is Verdict.ELIGIBLE
    dialog.submit()
    assert errors == [] and dialog.result() == QDialog.DialogCode.Accepted
    [nom] = ops.nominations(ctx.store, rnd.id)
    assert (nom.subject.id, nom.target, nom.initiative) == (sang.id, CSTDCS,
                                                             "Số hóa hồ sơ một cửa")

    again = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    choose(again, "Vũ Thị Sáng", "bang_khen_tinh")
    index = again.initiative.findData("Số hóa hồ sơ một cửa")
    item = again.initiative.model().item(index)
    assert not item.isEnabled() and "đã nêu trong đề nghị" in item.text()
    again.initiative.setCurrentIndex(index)  # past the picker: the core still refuses it
    type_text(again.justification, "Đề nghị theo kết quả bình xét của cơ quan")
    again.submit()
    assert errors.codes() == ["initiative.cited_elsewhere"]
    assert again.result() != QDialog.DialogCode.Accepted
    assert len(ops.nominations(ctx.store, rnd.id)) == 1
    assert again.initiative_choice() == "Số hóa hồ sơ một cửa"  # nothing typed is lost


def test_a_nomination_being_typed_is_asked_about_and_survives_a_crash(qtbot, ctx, errors,
                                                                      monkeypatch):
    """Issue 12: Esc threw the chosen person and the typed reason away; now it asks, and a
    draft written as the officer types is offered back by the next dialog after a crash."""
    from desktop.ui import drafts

    rnd = new_round(ctx)
    dialog = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_dirty()
    choose(dialog, "an", LDTT)
    dialog.justification.setFocus()
    type_text(dialog.justification, "Có thành tích đột xuất trong phòng chống bão lũ")
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: drafts.CANCEL)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()                        # "Quay lại": nothing lost
    dialog.write_draft()
    session = ctx.drafts
    session._lock.release(remove=False)              # the app dies here
    session._lock = None
    ctx._drafts = None
    dialog.hide()

    monkeypatch.setattr(drafts.EditorDialog, "ask_restore", lambda self, d: drafts.RESTORE)
    again = NominateDialog(ctx, rnd.id)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.justification.toPlainText().endswith("bão lũ"))
    assert again.picker.subject() == person(ctx, "an")
    assert again.target() == LDTT
    again.submit()
    assert errors == [] and again.result() == QDialog.DialogCode.Accepted
    [nom] = ops.nominations(ctx.store, rnd.id)
    assert nom.justification.endswith("phòng chống bão lũ")
    ctx.close_drafts()
