"""The unit's work units (phòng, trường, trạm, thôn, hợp tác xã): list, add or edit, delete.

A work unit carries the full official name the documents print and its head (name and
title), who certifies the achievement reports of its people ("Thủ trưởng đơn vị xác nhận, đề
nghị"). Every function validates first (all problems at once), writes in one transaction
with an audit entry and returns (result, Changes).
"""

from __future__ import annotations

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, WorkUnit
from desktop.core.model.serialize import to_dict
from desktop.core.store import Store
from desktop.core.store import registry as repo
from desktop.core.store import work_units as wu_repo
from desktop.core.text import clean

MAX_NAME = 200
MAX_TITLE = 100


def validate_work_unit(unit: WorkUnit) -> list[Problem]:
    problems = []
    name = clean(unit.name)
    if not name:
        problems.append(Problem("work_unit.name_missing", "name",
                                _("Chưa nhập tên đầy đủ của đơn vị.")))
    elif len(name) > MAX_NAME:
        problems.append(Problem("work_unit.name_too_long", "name",
                                _("Tên đơn vị dài quá {n} ký tự.").format(n=MAX_NAME)))
    if len(clean(unit.short_name)) > MAX_NAME:
        problems.append(Problem("work_unit.short_name_too_long", "short_name",
                                _("Tên gọi tắt dài quá {n} ký tự.").format(n=MAX_NAME)))
    head_name, head_title = clean(unit.head_name), clean(unit.head_title)
    if head_name and not head_title:
        problems.append(Problem("work_unit.head_title_missing", "head_title",
                                _("Đã có họ tên người đứng đầu nhưng chưa có chức vụ (ví dụ: "
                                  "Hiệu trưởng, Trưởng thôn).")))
    if head_title and not head_name:
        problems.append(Problem("work_unit.head_name_missing", "head_name",
                                _("Đã có chức vụ người đứng đầu nhưng chưa có họ tên.")))
    if any(ch.isdigit() for ch in head_name):
        problems.append(Problem("work_unit.head_name_has_digits", "head_name",
                                _("Họ tên người đứng đầu không được chứa chữ số.")))
    if len(head_name) > MAX_NAME or len(head_title) > MAX_TITLE:
        problems.append(Problem("work_unit.head_too_long", "head_name",
                                _("Họ tên hoặc chức vụ người đứng đầu quá dài.")))
    return problems


def list_work_units(store: Store) -> list[WorkUnit]:
    return wu_repo.list_work_units(store.db)


def get_work_unit(store: Store, work_unit_id: int) -> WorkUnit | None:
    return wu_repo.get_work_unit(store.db, work_unit_id)


def member_counts(store: Store) -> dict[int, int]:
    return wu_repo.member_counts(store.db)


def save_work_unit(store: Store, unit: WorkUnit, actor: str, *,
                   attach_department: bool = True) -> tuple[WorkUnit, Changes]:
    """Add (id None) or update a work unit. A new one also takes in the people whose typed
    department is its short name or full name and who have no work unit yet."""
    problems = validate_work_unit(unit)
    if not problems and wu_repo.find_by_name(store.db, unit.name, unit.id) is not None:
        problems.append(Problem("work_unit.duplicate", "name",
                                _("Đã có đơn vị tên “{name}”.").format(name=clean(unit.name))))
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        if unit.id is None:
            wid = wu_repo.insert_work_unit(db, unit)
            attached = 0
            if attach_department:
                for name in {clean(unit.short_name), clean(unit.name)} - {""}:
                    attached += wu_repo.link_department(db, wid, name)
            saved = wu_repo.get_work_unit(db, wid)
            assert saved is not None
            repo.append_audit(db, actor, "create", "work_unit", wid,
                              _("Thêm đơn vị {name}").format(name=saved.name),
                              {"after": to_dict(saved), "people_attached": attached})
        else:
            before = wu_repo.get_work_unit(db, unit.id)
            if before is None:
                raise UserError(_("Đơn vị này đã bị xóa ở nơi khác."))
            wu_repo.update_work_unit(db, unit)
            saved = wu_repo.get_work_unit(db, unit.id)
            assert saved is not None
            repo.append_audit(db, actor, "update", "work_unit", unit.id,
                              _("Sửa đơn vị {name}").format(name=saved.name),
                              {"before": to_dict(before), "after": to_dict(saved)})
    return saved, Changes(bulk=True)


def delete_work_unit(store: Store, work_unit_id: int, actor: str) -> Changes:
    """Delete a work unit; its people and collectives stay, without a work unit."""
    unit = wu_repo.get_work_unit(store.db, work_unit_id)
    if unit is None:
        raise UserError(_("Đơn vị này đã bị xóa."))
    with store.write() as db:
        members = wu_repo.member_counts(db).get(work_unit_id, 0)
        wu_repo.delete_work_unit(db, work_unit_id)
        repo.append_audit(db, actor, "delete", "work_unit", work_unit_id,
                          _("Xóa đơn vị {name}").format(name=unit.name),
                          {"work_unit": to_dict(unit), "people": members})
    return Changes(bulk=True)
