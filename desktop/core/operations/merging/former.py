"""The unit's former units, as the unit form edits them: a list saved with the unit itself,
in one transaction, with an audit entry. A former unit someone worked in (a merge recorded
their posting there) is never deleted."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, Unit
from desktop.core.model.former import FormerPosting, FormerUnit
from desktop.core.model.serialize import to_dict
from desktop.core.operations import registry
from desktop.core.store import Store
from desktop.core.store import former_units as former_repo
from desktop.core.store import registry as repo
from desktop.core.text import clean, fold

MAX_NAME = 150
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{0,23}")
EARLIEST = date(1945, 9, 2)


def former_problems(unit: FormerUnit, today: date, index: int | None = None) -> list[Problem]:
    """What is wrong with one former unit's details. `index`: its row in a list (1-based)."""
    where = "" if index is None else _("Đơn vị cũ dòng {n}: ").format(n=index)
    problems = []
    name = clean(unit.name)
    if not name:
        problems.append(Problem("former_unit.name_missing", "name",
                                where + _("chưa nhập tên đơn vị cũ (ví dụ: xã Tân Lập).")))
    elif len(name) > MAX_NAME:
        problems.append(Problem("former_unit.name_too_long", "name",
                                where + _("tên đơn vị cũ dài quá {n} ký tự.").format(n=MAX_NAME)))
    code = clean(unit.code)
    if code and not _CODE.fullmatch(code):
        problems.append(Problem("former_unit.code_invalid", "code",
                                where + _("mã đơn vị cũ chỉ gồm chữ cái không dấu, chữ số và "
                                          "dấu gạch ngang, tối đa 24 ký tự.")))
    if unit.merged_on > today:
        problems.append(Problem("former_unit.merged_future", "merged_on",
                                where + _("ngày hợp nhất ở tương lai.")))
    elif unit.merged_on < EARLIEST:
        problems.append(Problem("former_unit.merged_too_early", "merged_on",
                                where + _("ngày hợp nhất không hợp lệ.")))
    return problems


def validate_former_unit(store: Store, unit: FormerUnit, today: date) -> FormerUnit:
    """The former unit a merge records, with the id it already has here (same folded name),
    or a ValidationError."""
    problems = former_problems(unit, today)
    if problems:
        raise ValidationError(problems)
    known = former_repo.former_unit_named(store.db, unit.name)
    return replace(unit, id=known.id) if known else replace(unit, id=None)


def list_former_units(store: Store) -> list[FormerUnit]:
    return former_repo.former_units(store.db)


def posting_counts(store: Store) -> dict[int, int]:
    """former unit id → people whose work history names it."""
    return former_repo.posting_counts(store.db)


def postings_of(store: Store, person_id: int) -> list[FormerPosting]:
    return former_repo.postings_of(store.db, person_id)


def save_unit_profile(store: Store, unit: Unit, former: Sequence[FormerUnit], actor: str,
                      today: date) -> tuple[Unit, Changes]:
    """Save the unit and its list of former units together (the unit form), or nothing.

    Units of `former` with an id are updated, without one added; a recorded unit missing
    from the list is deleted, unless someone worked there (UserError former_unit.in_use)."""
    problems = registry.validate_unit(unit)
    seen: dict[str, int] = {}
    for n, item in enumerate(former, start=1):
        problems += former_problems(item, today, n)
        folded = fold(clean(item.name))
        if folded and folded in seen:
            problems.append(Problem("former_unit.duplicate", "name",
                                    _("Đơn vị cũ dòng {n}: trùng tên với dòng {m}.")
                                    .format(n=n, m=seen[folded])))
        seen.setdefault(folded, n)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        saved, changes = registry.save_unit(store, unit, actor)
        before = {u.id: u for u in former_repo.former_units(db)}
        kept = {u.id for u in former if u.id is not None}
        counts = former_repo.posting_counts(db)
        for uid, old in before.items():
            if uid not in kept and uid is not None:
                if counts.get(uid):
                    raise UserError(
                        _("Không xóa được đơn vị cũ “{name}”: {n} người có quá trình công tác "
                          "ở đơn vị này.").format(name=old.name, n=counts[uid]),
                        _("Đơn vị cũ được giữ để tài liệu ghi đúng nơi công tác trước đây."),
                        code="former_unit.in_use")
                former_repo.delete_former_unit(db, uid)
        for item in former:
            if item.id is not None and item.id in before:
                former_repo.update_former_unit(db, item)
            else:
                former_repo.insert_former_unit(db, replace(item, id=None))
        after = former_repo.former_units(db)
        if [to_dict(u) for u in before.values()] != [to_dict(u) for u in after]:
            repo.append_audit(db, actor, "update", "former_units", None,
                              _("Lưu danh sách đơn vị cũ ({n} đơn vị)").format(n=len(after)),
                              {"before": to_dict(list(before.values())),
                               "after": to_dict(after)})
    return saved, changes
