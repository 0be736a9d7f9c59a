"""The registry's user intentions: keep the unit profile, people, collectives and history.

Each function takes its dependencies (store, catalog, actor) as arguments, validates the
whole input first (every problem, not only the first), writes in one transaction with an
audit entry, and returns (result, Changes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ConfirmationRequired, Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import (
    Changes,
    Collective,
    FirstPage,
    History,
    Person,
    SubjectKind,
    SubjectRef,
    Unit,
)
from desktop.core.model.serialize import from_dict, to_dict
from desktop.core.store import Store
from desktop.core.store import registry as repo
from desktop.core.store import search as search_repo
from desktop.core.store import undo as undo_repo
from desktop.core.store import work_units as wu_repo
from desktop.core.text import clean, mask_national_id

if TYPE_CHECKING:  # the people list is painted before forms/ and the rounds are needed
    from sqlite_utils import Database

    from desktop.core.catalog import Catalog

MAX_NAME = 150
MAX_LY_LICH = 300
_PHONE = re.compile(r"^\+?[0-9 .\-()]{6,20}$")
_NATIONAL_ID = re.compile(r"^(\d{9}|\d{12})$")


# ---- unit ------------------------------------------------------------------------------------


def validate_unit(unit: Unit) -> list[Problem]:
    problems = []
    required = {
        "name": _("Tên đơn vị"),
        "doc_code": _("Chữ viết tắt trong số văn bản (ví dụ UBND)"),
        "place_name": _("Địa danh ghi ngày tháng"),
        "head_name": _("Họ tên người đứng đầu"),
        "head_title": _("Chức vụ người đứng đầu"),
    }
    for attr, label in required.items():
        if not clean(getattr(unit, attr)):
            problems.append(Problem("unit.field_missing",
                                    attr, _("Chưa nhập {label}.").format(label=label)))
    code = clean(unit.doc_code)
    if code and not re.fullmatch(r"[A-ZĐa-zđ0-9\-]{1,20}", code):
        problems.append(Problem("unit.doc_code_invalid",
                                "doc_code", _("Chữ viết tắt chỉ gồm chữ, số và dấu gạch ngang, "
                                              "không có khoảng trắng (ví dụ UBND).")))
    unit_code = clean(unit.code)
    if unit_code and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9\-]{1,23}", unit_code):
        problems.append(Problem("unit.code_invalid",
                                "code", _("Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu "
                                          "gạch ngang, từ 2 đến 24 ký tự (ví dụ PT-THANHSON).")))
    return problems


def save_unit(store: Store, unit: Unit, actor: str) -> tuple[Unit, Changes]:
    problems = validate_unit(unit)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        before = repo.get_unit(db)
        repo.save_unit(db, unit)
        saved = repo.get_unit(db)
        assert saved is not None
        repo.append_audit(db, actor, "update" if before else "create", "unit", 1,
                          _("Lưu thông tin đơn vị {name}").format(name=saved.name),
                          {"before": to_dict(before), "after": to_dict(saved)})
    return saved, Changes(unit=True)


def get_unit(store: Store) -> Unit | None:
    return repo.get_unit(store.reader)


# ---- people ----------------------------------------------------------------------------------


def validate_person(person: Person, today: date) -> list[Problem]:
    problems = []
    name = clean(person.full_name)
    if not name:
        problems.append(Problem("person.name_missing", "full_name", _("Chưa nhập họ và tên.")))
    elif len(name) > MAX_NAME:
        problems.append(Problem("person.name_too_long",
                                "full_name", _("Họ và tên dài quá {n} ký tự.").format(n=MAX_NAME)))
    elif any(ch.isdigit() for ch in name):
        problems.append(Problem("person.name_has_digits",
                                "full_name", _("Họ và tên không được chứa chữ số.")))
    if person.birth_date:
        if person.birth_date > today:
            problems.append(Problem("person.birth_future",
                                    "birth_date", _("Ngày sinh ở tương lai.")))
        elif person.birth_date.year < 1900:
            problems.append(Problem("person.birth_too_old",
                                    "birth_date", _("Năm sinh trước 1900: hãy kiểm tra lại.")))
    if person.hired_on:
        if person.hired_on > today:
            problems.append(Problem("person.hired_future",
                                    "hired_on", _("Ngày vào làm ở tương lai.")))
        if person.birth_date and _age_on(person.birth_date, person.hired_on) < 15:
            problems.append(Problem("person.hired_too_young", "hired_on",
                                    _("Ngày vào làm chưa đủ 15 năm sau ngày sinh.")))
    phone = clean(person.phone)
    if phone and (not _PHONE.match(phone) or not 6 <= sum(c.isdigit() for c in phone) <= 15):
        problems.append(Problem("person.phone_invalid",
                                "phone", _("Số điện thoại “{v}” không hợp lệ.").format(v=phone)))
    nid = clean(person.national_id)
    if nid and not _NATIONAL_ID.match(nid):
        problems.append(Problem("person.national_id_invalid", "national_id",
                                _("Số CCCD/CMND phải gồm 12 (hoặc 9) chữ số.")))
    for field_name in repo.LY_LICH_FIELDS:
        if len(clean(getattr(person, field_name))) > MAX_LY_LICH:
            problems.append(Problem("person.field_too_long", field_name,
                                    _("Một mục lý lịch dài quá {n} ký tự.").format(
                                        n=MAX_LY_LICH)))
    return problems


def _check_work_unit(store: Store, person: Person) -> list[Problem]:
    if person.work_unit_id is None or wu_repo.get_work_unit(store.db, person.work_unit_id):
        return []
    return [Problem("person.work_unit_unknown", "work_unit_id",
                    _("Đơn vị công tác đã chọn không còn trong danh sách đơn vị."))]


def _valid_year(year: int | None) -> bool:
    """The years the schema accepts (CHECK year BETWEEN 1945 AND 2100); None is "not set"."""
    return year is None or 1945 <= year <= 2100


def _age_on(birth: date, day: date) -> int:
    """Whole years of age on `day` (not the difference of the years)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_history(history: History, catalog: Catalog, subject: str, *,
                     today: date | None = None) -> list[Problem]:
    """subject: 'individual' or 'collective' (which titles may be recorded). With `today`,
    a row for a year after this one is refused: the record of a year not yet lived is a
    typing slip (2062 for 2026) that would otherwise count in every later review."""
    problems = _future_rows(history, today) if today is not None else []
    seen_years: set[int] = set()
    for y in history.years:
        if y.year in seen_years:
            problems.append(Problem("history.year_duplicate",
                                    "years", _("Năm {y} nhập hai lần.").format(y=y.year)))
        seen_years.add(y.year)
        if not 1945 <= y.year <= 2100:
            problems.append(Problem("history.year_invalid",
                                    "years", _("Năm {y} không hợp lệ.").format(y=y.year)))
    for a in history.awards:
        if not _valid_year(a.year):
            problems.append(Problem("history.award_year_invalid",
                                    "awards", _("Khen thưởng: năm {y} không hợp lệ (phải từ "
                                                "1945 đến 2100).").format(y=a.year)))
        info = catalog.titles.get(a.code)
        if info is None:
            problems.append(Problem("history.award_code_unknown",
                                    "awards", _("Năm {y}: danh hiệu/hình thức “{c}” không có "
                                                "trong danh mục.").format(y=a.year, c=a.code)))
        elif not info.for_subject(subject):
            problems.append(Problem("history.award_wrong_subject",
                                    "awards", _("Năm {y}: “{n}” không dành cho đối tượng này.")
                                    .format(y=a.year, n=info.name)))
        if a.decision_date and a.decision_date.year < a.year:
            problems.append(Problem("history.award_decided_before_year",
                                    "awards", _("Năm {y}: ngày quyết định trước năm được khen.")
                                    .format(y=a.year)))
    for i in history.initiatives:
        if not (_valid_year(i.year) and _valid_year(i.used_for_year)):
            problems.append(Problem("history.initiative_year_invalid",
                                    "initiatives", _("Sáng kiến “{n}”: năm không hợp lệ (phải "
                                                     "từ 1945 đến 2100).").format(n=i.name)))
        if not clean(i.name):
            problems.append(Problem("history.initiative_name_missing",
                                    "initiatives", _("Sáng kiến năm {y} chưa có tên.")
                                    .format(y=i.year)))
        if i.used_for_code and i.used_for_code not in catalog.titles:
            problems.append(Problem("history.initiative_award_unknown",
                                    "initiatives", _("Sáng kiến “{n}”: mã khen thưởng “{c}” "
                                                     "không có.").format(n=i.name,
                                                                          c=i.used_for_code)))
    for t in history.research:
        if not (_valid_year(t.year) and _valid_year(t.used_for_year)):
            problems.append(Problem("history.research_year_invalid",
                                    "research", _("Đề tài “{n}”: năm không hợp lệ (phải từ "
                                                  "1945 đến 2100).").format(n=t.name)))
        if not clean(t.name):
            problems.append(Problem("history.research_name_missing",
                                    "research", _("Đề tài năm {y} chưa có tên.").format(y=t.year)))
        if t.used_for_code and t.used_for_code not in catalog.titles:
            problems.append(Problem("history.research_award_unknown",
                                    "research", _("Đề tài “{n}”: mã khen thưởng “{c}” không có.")
                                    .format(n=t.name, c=t.used_for_code)))
    for d in history.discipline:
        if d.end_date and d.end_date < d.start_date:
            problems.append(Problem("history.discipline_period_reversed", "discipline",
                                    _("Kỷ luật: ngày kết thúc trước ngày bắt đầu.")))
    known_claims = catalog.claims(subject)
    seen_claims: set[tuple[int, str]] = set()
    for c in history.claims:
        if c.code not in known_claims:
            problems.append(Problem("history.claim_unknown",
                                    "claims", _("Năm {y}: nội dung xác nhận “{c}” không có trong "
                                                "tiêu chuẩn nào.").format(y=c.year, c=c.code)))
        elif (c.year, c.code) in seen_claims:
            problems.append(Problem("history.claim_duplicate",
                                    "claims", _("Năm {y}: “{n}” được xác nhận hai lần.")
                                    .format(y=c.year, n=known_claims[c.code])))
        seen_claims.add((c.year, c.code))
        if not 1945 <= c.year <= 2100:
            problems.append(Problem("history.claim_year_invalid",
                                    "claims", _("Năm {y} không hợp lệ.").format(y=c.year)))
    return problems


def _future_rows(history: History, today: date) -> list[Problem]:
    rows = (("years", _("Theo năm"), [y.year for y in history.years]),
            ("awards", _("Danh hiệu, khen thưởng"), [a.year for a in history.awards]),
            ("initiatives", _("Sáng kiến"), [i.year for i in history.initiatives]),
            ("research", _("Đề tài"), [t.year for t in history.research]),
            ("claims", _("Xác nhận khác"), [c.year for c in history.claims]))
    problems = []
    for field, table, years in rows:
        for year in sorted({y for y in years if y is not None and y > today.year}):
            problems.append(Problem("history.year_future", field, _(
                "{table}: năm {y} chưa đến (năm nay là {now}); kiểm tra lại năm đã nhập.")
                .format(table=table, y=year, now=today.year)))
    return problems


def _check_duplicate(store: Store, person: Person) -> list[Problem]:
    same = repo.find_same_person(store.db, person.full_name, person.birth_date, person.id)
    # Namesakes born the same day are two people when their CCCDs say so (a merge of two
    # communes' registries may keep both).
    nid = clean(person.national_id)
    same = [pid for pid in same if not (nid and (other := repo.get_person(store.db, pid))
                                        and clean(other.national_id) not in ("", nid))]
    if same:
        return [Problem("person.duplicate",
                        "full_name", _("Đã có người cùng họ tên và ngày sinh trong danh sách "
                                       "(mã {id}).").format(id=same[0]))]
    return []


def _check_national_id(store: Store, person: Person) -> list[Problem]:
    """A CCCD is one citizen's: typed for a second person, one of the two is a typing error
    (the import refuses the same: import.national_id_taken)."""
    nid = clean(person.national_id)
    if not nid or not _NATIONAL_ID.match(nid):
        return []  # empty, or already refused as not a CCCD
    holder = repo.national_id_holder(store.db, nid, person.id)
    if holder is None:
        return []
    holder_id, holder_name = holder
    if holder_id in repo.find_same_person(store.db, person.full_name, person.birth_date,
                                          person.id):
        return []  # the same person again: person.duplicate says it
    return [Problem("person.national_id_taken", "national_id", _(
        "Số CCCD/CMND này đã là của {name} (mã {id}) trong danh sách: mỗi người một số; hãy "
        "kiểm tra lại số đã nhập.").format(name=holder_name, id=holder_id))]


def add_person(store: Store, catalog: Catalog, person: Person, history: History, actor: str,
               today: date) -> tuple[Person, Changes]:
    problems = (validate_person(person, today) + validate_history(history, catalog, "individual",
                                                                today=today)
                + _check_duplicate(store, person) + _check_national_id(store, person)
                + _check_work_unit(store, person))
    if not problems:
        from desktop.core.operations import numbering  # needs forms/: after first paint
        problems = numbering.history_problems(store, catalog, repo.get_unit(store.db),
                                              clean(person.full_name), History(), history)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        pid = repo.insert_person(db, person)
        repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid), history)
        saved = repo.get_person(db, pid)
        assert saved is not None
        repo.append_audit(db, actor, "create", "person", pid,
                          _("Thêm {name}").format(name=saved.full_name))
    return saved, Changes(people=frozenset({pid}))


def update_person(store: Store, catalog: Catalog, person: Person, history: History,
                  actor: str, today: date) -> tuple[Person, Changes]:
    if person.id is None:
        raise ValueError("update_person needs an id")
    problems = (validate_person(person, today) + validate_history(history, catalog, "individual",
                                                                today=today)
                + _check_duplicate(store, person) + _check_national_id(store, person)
                + _check_work_unit(store, person))
    ref = SubjectRef(SubjectKind.PERSON, person.id)
    if not problems:
        from desktop.core.operations import numbering  # needs forms/: after first paint
        problems = numbering.history_problems(store, catalog, repo.get_unit(store.db),
                                              clean(person.full_name),
                                              repo.get_history(store.db, ref), history)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        before = repo.get_person(db, person.id)
        if before is None:
            raise UserError(_("Người này đã bị xóa ở nơi khác."))
        before_history = repo.get_history(db, ref)
        repo.update_person(db, person)
        repo.replace_history(db, ref, history)
        saved = repo.get_person(db, person.id)
        assert saved is not None
        repo.append_audit(db, actor, "update", "person", person.id,
                          _("Sửa {name}").format(name=saved.full_name),
                          _diff(before, saved, before_history, repo.get_history(db, ref)))
    return saved, Changes(people=frozenset({person.id}))


def _diff(before: Any, after: Any, h_before: History, h_after: History) -> dict[str, Any]:
    b, a = to_dict(before), to_dict(after)
    # national ids never go to the log in clear: append_audit masks them
    fields = {k: {"before": b[k], "after": a[k]} for k in a if b.get(k) != a[k]}
    detail: dict[str, Any] = {"fields": fields}
    if h_before != h_after:
        detail["history"] = {"before_rows": h_before.row_count(),
                             "after_rows": h_after.row_count()}
    return detail


def get_person(store: Store, person_id: int) -> Person | None:
    return repo.get_person(store.db, person_id)


def get_history(store: Store, ref: SubjectRef) -> History:
    return repo.get_history(store.db, ref)


def _refuse_if_nominated(store: Store, ref: SubjectRef, name: str) -> None:
    """Nominations keep their subject (ON DELETE RESTRICT): say so before SQLite does."""
    from desktop.core.store import rounds as rounds_repo

    rounds = rounds_repo.rounds_nominating(store.db, ref)
    if rounds:
        raise UserError(
            _("Không xóa được {name}: đang có tên trong {n} đợt xét khen thưởng: {rounds}.")
            .format(name=name, n=len(rounds), rounds="; ".join(f"“{r}”" for r in rounds)),
            _("Hãy gỡ các đề nghị đó khỏi đợt xét trước. Đề nghị đã gửi hoặc đã có quyết định "
              "được giữ lại, nên khi đó không xóa được người hoặc tập thể này."))


def delete_person(store: Store, person_id: int, actor: str, *, confirm: bool = False
                  ) -> tuple[int, Changes]:
    """Delete a person. With history or memberships it needs confirm=True (the UI asks first).

    Returns the audit entry id, which `undo_delete` can restore from.
    """
    ref = SubjectRef(SubjectKind.PERSON, person_id)
    person = repo.get_person(store.db, person_id)
    if person is None:
        raise UserError(_("Người này đã bị xóa."))
    _refuse_if_nominated(store, ref, person.full_name)
    rows = repo.history_size(store.db, ref)
    groups = repo.collectives_of_person(store.db, person_id)
    if (rows or groups) and not confirm:
        raise ConfirmationRequired(
            _("{name} có {rows} dòng quá trình khen thưởng và thuộc {groups} tập thể. Xóa "
              "người này sẽ xóa cả quá trình đó (có thể hoàn tác ngay sau khi xóa).")
            .format(name=person.full_name, rows=rows, groups=len(groups)))
    with store.write() as db:
        history = repo.get_history(db, ref)
        repo.delete_person(db, person_id)
        # The log is append-only and kept for ever: append_audit masks the CCCD (personal
        # data, LAW §9). An immediate undo gets the clear number back from the caller.
        audit_id = repo.append_audit(
            db, actor, "delete", "person", person_id, _("Xóa {name}").format(
                name=person.full_name),
            {"snapshot": {"person": to_dict(person), "history": to_dict(history),
                          "collectives": groups}})
    return audit_id, Changes(people=frozenset({person_id}), bulk=True)


def undo_delete(store: Store, audit_id: int, actor: str, national_id: str = "") -> Changes:
    """Put back a deleted person or collective, with its history, from the audit snapshot.

    The snapshot holds the CCCD masked; `national_id` (kept in memory by the caller since the
    delete) restores it when its last digits match the masked one, otherwise it stays empty.
    """
    entry = undo_repo.get_audit_entry(store.db, audit_id)
    if entry is None or entry.action != "delete":
        raise UserError(_("Không có thao tác xóa nào để hoàn tác."), code="undo.nothing")
    snap = entry.detail.get("snapshot")
    if not snap:
        raise UserError(_("Thao tác xóa này không lưu bản chụp nên không hoàn tác được."),
                        code="undo.no_snapshot")
    with store.write() as db:
        if undo_repo.undo_recorded(db, audit_id):
            raise UserError(_("Đã hoàn tác thao tác xóa này rồi."), code="undo.already")
        history = from_dict(History, snap["history"])
        if entry.entity == "person":
            person = _person_from_snapshot(snap["person"], national_id)
            _refuse_taken_national_id(db, person)
            if person.work_unit_id is not None and wu_repo.get_work_unit(
                    db, person.work_unit_id) is None:
                person = replace(person, work_unit_id=None)   # deleted since
            new_id = undo_repo.restore_person(db, person, entry.entity_id)
            repo.add_history(db, SubjectRef(SubjectKind.PERSON, new_id), history)
            undo_repo.rejoin_collectives(db, new_id, snap.get("collectives", []))
            name = person.full_name
            changes = Changes(people=frozenset({new_id}), bulk=True)
        else:
            collective = from_dict(Collective, snap["collective"])
            existing = repo.existing_person_ids(db, collective.member_ids)
            collective = replace(collective, member_ids=tuple(
                m for m in collective.member_ids if m in existing))
            if collective.work_unit_id is not None and wu_repo.get_work_unit(
                    db, collective.work_unit_id) is None:
                collective = replace(collective, work_unit_id=None)   # deleted since
            new_id = undo_repo.restore_collective(db, collective, entry.entity_id)
            repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, new_id), history)
            name = collective.name
            changes = Changes(collectives=frozenset({new_id}), bulk=True)
        repo.append_audit(db, actor, "undo_delete", entry.entity, new_id,
                          _("Hoàn tác xóa {name}").format(name=name),
                          {"audit_id": audit_id, "old_id": entry.entity_id})
    return changes


def _refuse_taken_national_id(db: Database, person: Person) -> None:
    """A person put back must not be a second holder of a CCCD given to someone else since
    the delete (person.national_id_taken): refused whole, the undo still offered."""
    nid = clean(person.national_id)
    holder = repo.national_id_holder(db, nid) if nid else None
    if holder is None:
        return
    holder_id, holder_name = holder
    raise UserError(
        _("Không hoàn tác được việc xóa {name}: số CCCD/CMND của {name} nay đã là của "
          "{holder} (mã {id}) trong danh sách. Mỗi người một số, nên chưa khôi phục gì.")
        .format(name=person.full_name, holder=holder_name, id=holder_id),
        _("Nếu số đó nhập nhầm cho {holder}, hãy sửa lại số của {holder} rồi bấm Hoàn tác xóa "
          "(Ctrl+Z) lần nữa.").format(holder=holder_name),
        code="person.national_id_taken")


def _person_from_snapshot(snapshot: dict[str, Any], national_id: str) -> Person:
    """The person as logged, with the CCCD back only when the caller's clear number matches
    the masked one (the log never holds it in clear)."""
    person = replace(from_dict(Person, snapshot), id=None)
    masked, clear = person.national_id, clean(national_id)
    return replace(person, national_id=clear if masked and clear
                   and mask_national_id(clear) == masked else "")


def count_people(store: Store, query: str = "") -> int:
    return repo.count_people(store.reader, query)


def people_page(store: Store, query: str, offset: int, limit: int,
                total: int | None = None) -> list[Person]:
    return repo.people_page(store.reader, query, offset, limit, total)


def people_first_page(store: Store, query: str, limit: int) -> FirstPage[Person]:
    """What the people list asks on each keystroke: its first rows, and the number of
    matches only when that came for free (count_people gives it later)."""
    return search_repo.people_first_page(store.reader, query, limit)


def filter_people(store: Store, ids: Sequence[int] | None) -> Changes:
    """Show only these people in the lists (e.g. "eligible for CSTĐCS in 2026"); None: all."""
    with store.write() as db:
        repo.set_id_filter(db, "people", ids)
    return Changes(bulk=True)


def filter_collectives(store: Store, ids: Sequence[int] | None) -> Changes:
    with store.write() as db:
        repo.set_id_filter(db, "collectives", ids)
    return Changes(bulk=True)


def departments(store: Store) -> list[str]:
    return repo.departments(store.reader)


# ---- collectives -----------------------------------------------------------------------------


def _check_collective_work_unit(store: Store, collective: Collective) -> list[Problem]:
    if collective.work_unit_id is None or wu_repo.get_work_unit(store.db,
                                                                collective.work_unit_id):
        return []
    return [Problem("collective.work_unit_unknown", "work_unit_id",
                    _("Đơn vị đã chọn không còn trong danh sách đơn vị."))]


def validate_collective(collective: Collective) -> list[Problem]:
    name = clean(collective.name)
    if not name:
        return [Problem("collective.name_missing", "name", _("Chưa nhập tên tập thể."))]
    if len(name) > 200:
        return [Problem("collective.name_too_long", "name", _("Tên tập thể dài quá 200 ký tự."))]
    return []


def _check_members(store: Store, member_ids: Sequence[int]) -> list[Problem]:
    if not member_ids:
        return []
    found = repo.existing_person_ids(store.db, member_ids)
    missing = sorted(set(member_ids) - found)
    if missing:
        return [Problem("collective.members_unknown",
                        "members", _("Thành viên không còn trong danh sách: mã {ids}.")
                        .format(ids=", ".join(map(str, missing))))]
    return []


def add_collective(store: Store, catalog: Catalog, collective: Collective, history: History,
                   actor: str, *, today: date | None = None) -> tuple[Collective, Changes]:
    problems = (validate_collective(collective) + validate_history(history, catalog, "collective",
                                                                 today=today)
                + _check_members(store, collective.member_ids)
                + _check_collective_work_unit(store, collective))
    if not problems:
        from desktop.core.operations import numbering  # needs forms/: after first paint
        problems = numbering.history_problems(store, catalog, repo.get_unit(store.db),
                                              clean(collective.name), History(), history)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        cid = repo.insert_collective(db, collective)
        repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid), history)
        saved = repo.get_collective(db, cid)
        assert saved is not None
        repo.append_audit(db, actor, "create", "collective", cid,
                          _("Thêm tập thể {name}").format(name=saved.name))
    return saved, Changes(collectives=frozenset({cid}))


def update_collective(store: Store, catalog: Catalog, collective: Collective, history: History,
                      actor: str, *, today: date | None = None) -> tuple[Collective, Changes]:
    if collective.id is None:
        raise ValueError("update_collective needs an id")
    problems = (validate_collective(collective) + validate_history(history, catalog, "collective",
                                                                 today=today)
                + _check_members(store, collective.member_ids)
                + _check_collective_work_unit(store, collective))
    ref = SubjectRef(SubjectKind.COLLECTIVE, collective.id)
    if not problems:
        from desktop.core.operations import numbering  # needs forms/: after first paint
        problems = numbering.history_problems(store, catalog, repo.get_unit(store.db),
                                              clean(collective.name),
                                              repo.get_history(store.db, ref), history)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        before = repo.get_collective(db, collective.id)
        if before is None:
            raise UserError(_("Tập thể này đã bị xóa ở nơi khác."))
        before_history = repo.get_history(db, ref)
        repo.update_collective(db, collective)
        repo.replace_history(db, ref, history)
        saved = repo.get_collective(db, collective.id)
        assert saved is not None
        repo.append_audit(db, actor, "update", "collective", collective.id,
                          _("Sửa tập thể {name}").format(name=saved.name),
                          _diff(before, saved, before_history, repo.get_history(db, ref)))
    return saved, Changes(collectives=frozenset({collective.id}))


def get_collective(store: Store, collective_id: int) -> Collective | None:
    return repo.get_collective(store.db, collective_id)


def delete_collective(store: Store, collective_id: int, actor: str, *, confirm: bool = False
                      ) -> tuple[int, Changes]:
    ref = SubjectRef(SubjectKind.COLLECTIVE, collective_id)
    collective = repo.get_collective(store.db, collective_id)
    if collective is None:
        raise UserError(_("Tập thể này đã bị xóa."))
    _refuse_if_nominated(store, ref, collective.name)
    rows = repo.history_size(store.db, ref)
    if rows and not confirm:
        raise ConfirmationRequired(
            _("Tập thể {name} có {rows} dòng quá trình khen thưởng. Xóa tập thể sẽ xóa cả quá "
              "trình đó (các thành viên vẫn được giữ; có thể hoàn tác ngay sau khi xóa).")
            .format(name=collective.name, rows=rows))
    with store.write() as db:
        history = repo.get_history(db, ref)
        repo.delete_collective(db, collective_id)
        audit_id = repo.append_audit(
            db, actor, "delete", "collective", collective_id,
            _("Xóa tập thể {name}").format(name=collective.name),
            {"snapshot": {"collective": to_dict(collective), "history": to_dict(history)}})
    return audit_id, Changes(collectives=frozenset({collective_id}), bulk=True)


def count_collectives(store: Store, query: str = "") -> int:
    return repo.count_collectives(store.reader, query)


def collectives_page(store: Store, query: str, offset: int, limit: int) -> list[Collective]:
    return repo.collectives_page(store.reader, query, offset, limit)


def member_counts(store: Store, collective_ids: Sequence[int]) -> dict[int, int]:
    return repo.member_counts(store.reader, collective_ids)


def audit_entries(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    return repo.audit_entries(store.db, limit)
