"""Writing out abbreviations in people's job titles and departments in one step (issue 12).

The appraisal flags "Chủ tịch UBND xã" in every nominee's "chức vụ, đơn vị": an imported list
has it for many people. `plan_expansions` previews what the bulk fix would write for the
nominees the appraisal named (person, field, before → after), using only the expansions
forms/abbreviations.toml calls safe; `expand_abbreviations` writes the preview in one
transaction through the registry's person update, audited per person; `undo_expansions`
takes the whole batch back, refused whole when a field was edited since.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.model import Changes, Person, SubjectKind
from desktop.core.model.serialize import to_dict
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as rounds_repo

FINDING = "appraisal.abbreviated_name"   # the appraisal check whose findings this fixes
# The person fields printed as "chức vụ, đơn vị" (NominationData.where), with their labels.
FIELDS = (("position", N_("Chức vụ")), ("department", N_("Phòng ban / bộ phận")))


@dataclass(frozen=True)
class Expansion:
    """One field of one person, before and after the abbreviations are written out."""

    person_id: int
    name: str
    field: str          # Person attribute: "position" | "department"
    before: str
    after: str

    @property
    def field_label(self) -> str:
        return _(dict(FIELDS)[self.field])


@dataclass(frozen=True)
class ExpansionResult:
    expansions: tuple[Expansion, ...]
    changes: Changes

    @property
    def people(self) -> int:
        return len({e.person_id for e in self.expansions})


def plan_expansions(store: Store, catalog: Catalog, nomination_ids: Collection[int]
                    ) -> tuple[Expansion, ...]:
    """What the bulk fix would change for the people of `nomination_ids`, in name order.
    Only what the documents print: the department of a person in a work unit is not (the
    unit's name is), nor are collectives' names (corrected one by one). Reads only."""
    abbreviations = catalog.abbreviations
    people: dict[int, Person] = {}
    for nid in sorted(set(nomination_ids)):
        nomination = rounds_repo.get_nomination(store.db, nid)
        if nomination is None or nomination.subject.kind is not SubjectKind.PERSON:
            continue
        person = reg_repo.get_person(store.db, nomination.subject.id)
        if person is not None and person.id is not None:
            people[person.id] = person
    out = []
    for pid, person in people.items():
        for name, _label in FIELDS:
            if name == "department" and person.work_unit_id is not None:
                continue   # the work unit's name is printed instead: fixed once, there
            before = getattr(person, name)
            after = abbreviations.expand(before)
            if after != before:
                out.append(Expansion(pid, person.full_name, name, before, after))
    return tuple(sorted(out, key=lambda e: (e.name, e.person_id, e.field)))


def _write(store: Store, rows: Sequence[tuple[Expansion, str, str]], actor: str,
           summary: str) -> Changes:
    """Sets each (expansion, expected, new) in one transaction, refused whole
    (`abbreviations.changed`) when a field no longer holds what was expected."""
    by_person: dict[int, list[tuple[Expansion, str, str]]] = {}
    for row in rows:
        by_person.setdefault(row[0].person_id, []).append(row)
    with store.write() as db:
        for pid, items in by_person.items():
            person = reg_repo.get_person(db, pid)
            stale = [e for e, expected, _new in items
                     if person is None or getattr(person, e.field) != expected]
            if person is None or stale:
                raise UserError(
                    _("Thông tin của {name} đã được sửa ở nơi khác sau khi xem trước; chưa "
                      "sửa chỗ nào.").format(name=items[0][0].name),
                    _("Mở lại phần thẩm định và làm lại."), code="abbreviations.changed")
            values: dict[str, Any] = {e.field: new for e, _expected, new in items}
            after = replace(person, **values)
            reg_repo.update_person(db, after)
            b, a = to_dict(person), to_dict(after)
            reg_repo.append_audit(
                db, actor, "update", "person", pid, summary.format(name=person.full_name),
                {"fields": {k: {"before": b[k], "after": a[k]} for k in a if b[k] != a[k]},
                 "abbreviations": True})
    return Changes(people=frozenset(by_person))


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
