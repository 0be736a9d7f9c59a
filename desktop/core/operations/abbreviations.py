"""Writing out abbreviations in the names the nominees' documents print, in one step
(issue 12): people's job titles and departments, work units' and collectives' names.

The appraisal flags "Chủ tịch UBND xã" in every nominee's "chức vụ, đơn vị" and "Trường
THCS Thanh Sơn" in a collective's name: an imported list has it for many people.
`plan_expansions` previews what the bulk fix would write for the nominees the appraisal
named (whose record, field, before → after), using only the expansions
forms/abbreviations.toml calls safe; `expand_abbreviations` writes the preview in one
transaction, audited per record changed; `undo_expansions` takes the whole batch back,
refused whole when a field was edited since.

What is printed decides what is fixed (operations.dossier_subjects): a person's department,
or the name of the work unit they belong to; a collective's name, or the name of the work
unit it is. A work unit's name is fixed once, there, for everyone in it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.model import Changes, Collective, Person, SubjectKind, WorkUnit
from desktop.core.model.serialize import to_dict
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as rounds_repo
from desktop.core.store import work_units as wu_repo

if TYPE_CHECKING:
    from sqlite_utils import Database

FINDING = "appraisal.abbreviated_name"   # the appraisal check whose findings this fixes

PERSON, WORK_UNIT, COLLECTIVE = "person", "work_unit", "collective"
# The fields printed, per kind of record, with their labels: a person's "chức vụ, đơn vị"
# (NominationData.where), a work unit's and a collective's name.
FIELDS: dict[tuple[str, str], str] = {
    (PERSON, "position"): N_("Chức vụ"),
    (PERSON, "department"): N_("Phòng ban / bộ phận"),
    (WORK_UNIT, "name"): N_("Tên đơn vị trực thuộc"),
    (COLLECTIVE, "name"): N_("Tên tập thể"),
}

Record = Person | WorkUnit | Collective


@dataclass(frozen=True)
class Expansion:
    """One field of one record (a person, a work unit, a collective), before and after the
    abbreviations are written out."""

    kind: str           # PERSON | WORK_UNIT | COLLECTIVE
    owner_id: int       # the record's id
    name: str           # whose: the person's, the work unit's or the collective's name
    field: str          # the record's attribute: "position", "department" or "name"
    before: str
    after: str

    @property
    def field_label(self) -> str:
        return _(FIELDS[(self.kind, self.field)])


@dataclass(frozen=True)
class ExpansionResult:
    expansions: tuple[Expansion, ...]
    changes: Changes

    @property
    def people(self) -> int:
        return len({e.owner_id for e in self.expansions if e.kind == PERSON})


def plan_expansions(store: Store, catalog: Catalog, nomination_ids: Collection[int]
                    ) -> tuple[Expansion, ...]:
    """What the bulk fix would change for the nominees of `nomination_ids`, people first
    then work units and collectives, each in name order. Only what the documents print; a
    work unit's new name that another work unit already has is left for the officer (names
    are unique). Reads only."""
    db = store.db
    records: dict[tuple[str, int], Record] = {}

    def keep(kind: str, record: Record | None) -> None:
        if record is not None and record.id is not None:
            records[(kind, record.id)] = record

    for nid in sorted(set(nomination_ids)):
        nomination = rounds_repo.get_nomination(db, nid)
        if nomination is None:
            continue
        subject = nomination.subject
        owner: Person | Collective | None = (
            reg_repo.get_person(db, subject.id) if subject.kind is SubjectKind.PERSON
            else reg_repo.get_collective(db, subject.id))
        if owner is None:
            continue
        if owner.work_unit_id is not None:   # its name is printed: fixed once, there
            keep(WORK_UNIT, wu_repo.get_work_unit(db, owner.work_unit_id))
        if isinstance(owner, Person):
            keep(PERSON, owner)
        elif owner.work_unit_id is None:
            keep(COLLECTIVE, owner)
    abbreviations = catalog.abbreviations
    out = []
    for (kind, owner_id), record in records.items():
        for (field_kind, name), _label in FIELDS.items():
            if field_kind != kind or (name == "department" and isinstance(record, Person)
                                      and record.work_unit_id is not None):
                continue
            before = getattr(record, name)
            after = abbreviations.expand(before)
            if after == before or (kind == WORK_UNIT and wu_repo.find_by_name(
                    db, after, owner_id) is not None):
                continue
            out.append(Expansion(kind, owner_id, _owner_name(record), name, before, after))
    order = {PERSON: 0, WORK_UNIT: 1, COLLECTIVE: 2}
    return tuple(sorted(out, key=lambda e: (order[e.kind], e.name, e.owner_id, e.field)))


def _owner_name(record: Record) -> str:
    return record.full_name if isinstance(record, Person) else record.name


# ---- writing ---------------------------------------------------------------------------------


def _read(db: Database, kind: str, owner_id: int) -> Record | None:
    if kind == PERSON:
        return reg_repo.get_person(db, owner_id)
    if kind == WORK_UNIT:
        return wu_repo.get_work_unit(db, owner_id)
    return reg_repo.get_collective(db, owner_id)


def _save(db: Database, record: Record) -> None:
    if isinstance(record, Person):
        reg_repo.update_person(db, record)
    elif isinstance(record, WorkUnit):
        wu_repo.update_work_unit(db, record)
    else:
        reg_repo.update_collective(db, record)


def _write(store: Store, rows: Sequence[tuple[Expansion, str, str]], actor: str,
           summary: str) -> Changes:
    """Sets each (expansion, expected, new) in one transaction, refused whole
    (`abbreviations.changed`) when a field no longer holds what was expected."""
    by_owner: dict[tuple[str, int], list[tuple[Expansion, str, str]]] = {}
    for row in rows:
        by_owner.setdefault((row[0].kind, row[0].owner_id), []).append(row)
    with store.write() as db:
        for (kind, owner_id), items in by_owner.items():
            record = _read(db, kind, owner_id)
            stale = [e for e, expected, _new in items
                     if record is None or getattr(record, e.field) != expected]
            if record is None or stale:
                raise UserError(
                    _("Thông tin của {name} đã được sửa ở nơi khác sau khi xem trước; chưa "
                      "sửa chỗ nào.").format(name=items[0][0].name),
                    _("Mở lại phần thẩm định và làm lại."), code="abbreviations.changed")
            values: dict[str, Any] = {e.field: new for e, _expected, new in items}
            after = replace(record, **values)
            _save(db, after)
            b, a = to_dict(record), to_dict(after)
            reg_repo.append_audit(
                db, actor, "update", kind, owner_id, summary.format(name=_owner_name(record)),
                {"fields": {k: {"before": b[k], "after": a[k]} for k in a if b[k] != a[k]},
                 "abbreviations": True})
    kinds = {kind for kind, _id in by_owner}
    return Changes(people=frozenset(i for k, i in by_owner if k == PERSON),
                   collectives=frozenset(i for k, i in by_owner if k == COLLECTIVE),
                   # a work unit's name is printed for all its people and collectives
                   bulk=WORK_UNIT in kinds)


def expand_abbreviations(store: Store, expansions: Sequence[Expansion], actor: str
                         ) -> ExpansionResult:
    """Writes the previewed `expansions` in one transaction; each person's record changes
    through the registry's update and is audited with the fields before and after."""
    if not expansions:
        raise UserError(_("Không có chỗ viết tắt nào để viết đầy đủ."),
                        code="abbreviations.nothing")
    changes = _write(store, [(e, e.before, e.after) for e in expansions], actor,
                     _("Viết đầy đủ chỗ viết tắt: {name}"))
    return ExpansionResult(tuple(expansions), changes)


def undo_expansions(store: Store, result: ExpansionResult, actor: str) -> Changes:
    """Takes back a whole `expand_abbreviations`, refused whole when one field was edited
    since (`abbreviations.changed`)."""
    return _write(store, [(e, e.after, e.before) for e in result.expansions], actor,
                  _("Hoàn tác viết đầy đủ chỗ viết tắt: {name}"))
