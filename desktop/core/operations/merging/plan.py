"""What a merge would do, before anything is written: the people it adds, the pairs that may
be one person (with their differences and conflicting records), the collectives it adds, and
the records it cannot take; then the officer's decisions on the pairs, checked.

A pair is two records that may be one person: the same folded name and birth date (the
registry's duplicate rule), or the same CCCD. It is *certain* only when both hold, it is
the only pair of either record, and their histories do not conflict; every other pair waits
for the officer. Nothing is merged without a decision.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.model import History, Person, SubjectKind, SubjectRef
from desktop.core.model.former import FormerUnit, marked_former
from desktop.core.operations.merging.combine import (
    SIDES,
    Conflict,
    FieldDifference,
    compare_people,
    history_conflicts,
    mark_history,
    same_value,
    without_references,
)
from desktop.core.operations.merging.former import validate_former_unit
from desktop.core.operations.merging.national_ids import national_id_problems
from desktop.core.operations.merging.sources import (
    IncomingCollective,
    IncomingPerson,
    SourceRegistry,
)
from desktop.core.operations.registry import (
    validate_collective,
    validate_history,
    validate_person,
)
from desktop.core.store import Store
from desktop.core.store import merging as merge_repo
from desktop.core.store import registry as repo
from desktop.core.store.people_import import people_identities
from desktop.core.text import clean, fold

MERGE, KEEP_BOTH = "merge", "keep_both"


def identity(person: Person) -> tuple[str, str | None]:
    """The registry's duplicate rule: folded name and birth date."""
    return fold(clean(person.full_name)), (person.birth_date.isoformat()
                                           if person.birth_date else None)


def national_id(person: Person) -> str:
    return clean(person.national_id)


@dataclass(frozen=True)
class Pair:
    """An incoming record and an existing one that may be the same person."""

    id: str  # "<incoming key>-<existing id>": stable for the same two registries
    incoming: IncomingPerson
    existing: Person
    existing_history: History
    same_identity: bool  # same folded name and birth date
    same_national_id: bool
    national_ids_differ: bool  # both have one, and they differ: likely two people
    several: bool  # either record is in another pair too
    differences: tuple[FieldDifference, ...] = ()
    filled: tuple[str, ...] = ()  # fields the existing record lacks, taken from the other
    conflicts: tuple[Conflict, ...] = ()

    @property
    def existing_id(self) -> int:
        assert self.existing.id is not None
        return self.existing.id

    @property
    def certain(self) -> bool:
        return (self.same_identity and self.same_national_id and not self.several
                and not self.conflicts)

    @property
    def why(self) -> tuple[str, ...]:
        """Codes of what makes this a pair and what speaks against it."""
        codes = []
        if self.same_identity:
            codes.append("same_name_birth")
        if self.same_national_id:
            codes.append("same_national_id")
        if self.national_ids_differ:
            codes.append("national_id_differs")
        if self.several:
            codes.append("several_matches")
        if self.conflicts:
            codes.append("history_conflicts")
        return tuple(codes)

    def explain(self) -> str:
        words = {
            "same_name_birth": _("cùng họ tên và ngày sinh"),
            "same_national_id": _("cùng số CCCD"),
            "national_id_differs": _("số CCCD khác nhau"),
            "several_matches": _("trùng với nhiều người"),
            "history_conflicts": _("{n} chỗ ghi khác nhau trong quá trình").format(
                n=len(self.conflicts)),
        }
        return "; ".join(words[c] for c in self.why)


@dataclass(frozen=True)
class PlannedCollective:
    incoming: IncomingCollective
    name: str  # as it will be saved
    renamed: bool  # the name was taken here: the former unit's name is added


@dataclass(frozen=True)
class Rejected:
    """A record of the former registry this app cannot take as it is."""

    kind: str  # "person" | "collective"
    key: int
    name: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class MergePlan:
    source: SourceRegistry
    former: FormerUnit  # id set when the unit is already recorded here
    new_people: tuple[IncomingPerson, ...]  # in no pair: added as they are
    pairs: tuple[Pair, ...]
    collectives: tuple[PlannedCollective, ...]
    rejected: tuple[Rejected, ...] = ()
    # the former unit's collectives an earlier merge already brought in: not added again
    collectives_already: int = 0
    marked: int = 0  # decisions and recognitions marked "(cũ)"
    incoming: tuple[IncomingPerson, ...] = field(default=(), repr=False)  # every valid one
    # id → (CCCD, name) of this registry's people who have one (national_ids.py)
    national_id_holders: Mapping[int, tuple[str, str]] = field(default_factory=dict,
                                                                repr=False)

    def pair(self, pair_id: str) -> Pair | None:
        return next((p for p in self.pairs if p.id == pair_id), None)

    @property
    def certain_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.certain)

    @property
    def uncertain_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if not p.certain)

    @property
    def conflicts(self) -> int:
        return sum(len(p.conflicts) for p in self.pairs)


def _title_helpers(catalog: Catalog
                   ) -> tuple[Callable[[str], bool], Callable[[str], str]]:
    def is_title(code: str) -> bool:
        info = catalog.titles.get(code)
        return info is not None and info.is_title

    def title_name(code: str) -> str:
        info = catalog.titles.get(code)
        return info.short_name if info else code

    return is_title, title_name


def plan_merge(store: Store, catalog: Catalog, source: SourceRegistry, former: FormerUnit,
               today: date) -> MergePlan:
    """Compare the former registry with this one; nothing is written. ValidationError if
    the former unit's details are not valid."""
    former = validate_former_unit(store, former, today)
    is_title, title_name = _title_helpers(catalog)
    rejected: list[Rejected] = []
    incoming: list[IncomingPerson] = []
    marked = 0
    for item in source.people:
        history, count = mark_history(item.history, former.name)
        person = without_references(item.person)
        problems = (validate_person(person, today)
                    + validate_history(history, catalog, "individual"))
        if problems:
            rejected.append(Rejected("person", item.key, clean(person.full_name) or "?",
                                     tuple(problems)))
            continue
        marked += count
        incoming.append(IncomingPerson(item.key, person, history))

    by_identity: dict[tuple[str, str | None], list[int]] = {}
    for pid, folded, birth in people_identities(store.db):
        by_identity.setdefault((folded, birth), []).append(pid)
    holders = merge_repo.national_id_holders(store.db)
    by_national_id: dict[str, list[int]] = {}
    for pid, (value, _name) in holders.items():
        by_national_id.setdefault(clean(value), []).append(pid)

    found: list[tuple[IncomingPerson, int]] = []
    for item in incoming:
        matches = list(by_identity.get(identity(item.person), ()))
        nid = national_id(item.person)
        for pid in by_national_id.get(nid, ()) if nid else ():
            if pid not in matches:
                matches.append(pid)
        found += [(item, pid) for pid in matches]
    per_incoming: dict[int, int] = {}
    per_existing: dict[int, int] = {}
    for item, pid in found:
        per_incoming[item.key] = per_incoming.get(item.key, 0) + 1
        per_existing[pid] = per_existing.get(pid, 0) + 1

    pairs = []
    for item, pid in found:
        existing = repo.get_person(store.db, pid)
        assert existing is not None
        history = repo.get_history(store.db, SubjectRef(SubjectKind.PERSON, pid))
        differences, filled = compare_people(existing, item.person)
        a, b = national_id(existing), national_id(item.person)
        pairs.append(Pair(
            id=f"{item.key}-{pid}", incoming=item, existing=existing, existing_history=history,
            same_identity=identity(existing) == identity(item.person),
            same_national_id=bool(a) and same_value(a, b),
            national_ids_differ=bool(a) and bool(b) and not same_value(a, b),
            several=per_incoming[item.key] > 1 or per_existing[pid] > 1,
            differences=differences, filled=filled,
            conflicts=history_conflicts(history, item.history, is_title, title_name)))
    paired = {item.key for item, _pid in found}
    new_people = tuple(p for p in incoming if p.key not in paired)

    collectives, bad, already = _collectives(store, catalog, source, former)
    return MergePlan(source, former, new_people, tuple(pairs), collectives,
                     tuple(rejected + bad), already, marked, tuple(incoming), holders)


MERGE_ACTION = "merge"
UNDO_MERGE_ACTION = "undo_merge"


def _json_object(text: object) -> dict[str, Any]:
    try:
        data = json.loads(str(text))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def brought_collectives(store: Store, former_id: int | None) -> set[int]:
    """The source keys of the former unit's collectives that a merge not undone brought in
    and that are still here: a second merge from the same unit (its people are pairs by
    then) must not add them twice."""
    if former_id is None:
        return set()
    entries = repo.audit_entries(store.db, limit=100_000)
    undone = {_json_object(e["detail"]).get("audit_id") for e in entries
              if e["action"] == UNDO_MERGE_ACTION}
    by_id: dict[int, int] = {}
    for entry in entries:
        detail = _json_object(entry["detail"])
        unit = detail.get("former_unit")
        if (entry["action"] != MERGE_ACTION or int(entry["id"]) in undone
                or not isinstance(unit, dict) or unit.get("id") != former_id):
            continue
        keys = detail.get("collective_keys")
        for key, cid in (keys.items() if isinstance(keys, dict) else ()):
            if str(key).isdigit() and isinstance(cid, int):
                by_id[cid] = int(key)
    here = merge_repo.existing(store.db, "collectives", sorted(by_id))
    return {key for cid, key in by_id.items() if cid in here}


def _collectives(store: Store, catalog: Catalog, source: SourceRegistry, former: FormerUnit
                 ) -> tuple[tuple[PlannedCollective, ...], list[Rejected], int]:
    taken = merge_repo.collective_names_folded(store.db)
    brought = brought_collectives(store, former.id)
    planned, rejected = [], []
    for item in source.collectives:
        if item.key in brought:
            continue
        history, _count = mark_history(item.history, former.name)
        collective = without_references(item.collective)
        problems = (validate_collective(collective)
                    + validate_history(history, catalog, "collective"))
        if problems:
            rejected.append(Rejected("collective", item.key, clean(collective.name) or "?",
                                     tuple(problems)))
            continue
        name = clean(collective.name)
        renamed = fold(name) in taken
        if renamed:
            name = f"{name} – {marked_former(former.name)}"
        taken.add(fold(name))
        planned.append(PlannedCollective(
            IncomingCollective(item.key, replace(collective, name=name), history), name,
            renamed))
    already = sum(1 for item in source.collectives if item.key in brought)
    return tuple(planned), rejected, already


# ---- the officer's decisions -----------------------------------------------------------------


@dataclass(frozen=True)
class PairDecision:
    """Merge the pair into one person (with these choices), or keep both."""

    merge: bool
    fields: Mapping[str, str] = field(default_factory=dict)  # field → "existing"|"incoming"
    conflicts: Mapping[str, str] = field(default_factory=dict)  # conflict key → side


def certain_decisions(plan: MergePlan) -> dict[str, PairDecision]:
    """Merge every certain pair (what the command line does without --confirm)."""
    return {p.id: PairDecision(True) for p in plan.certain_pairs}


def check_decisions(plan: MergePlan, decisions: Mapping[str, PairDecision], *,
                    skip_rejected: bool = False) -> list[Problem]:
    """Every problem with the decisions: every pair decided, every conflict of a merged pair
    chosen, no record merged twice, no two indistinguishable people kept both."""
    problems: list[Problem] = []
    for pair_id in decisions:
        if plan.pair(pair_id) is None:
            problems.append(Problem("merge.decision_unknown_pair", pair_id,
                                    _("Không có cặp “{id}” trong kế hoạch hợp nhất.")
                                    .format(id=pair_id)))
    merged_incoming: dict[int, str] = {}
    merged_existing: dict[int, str] = {}
    for pair in plan.pairs:
        who = _("{a} (đơn vị cũ) và {b}").format(a=pair.incoming.name,
                                                 b=pair.existing.full_name)
        decision = decisions.get(pair.id)
        if decision is None:
            problems.append(Problem("merge.pair_undecided", pair.id,
                                    _("Chưa quyết định: {who} có phải là một người không.")
                                    .format(who=who)))
            continue
        bad_sides = [k for k, v in {**decision.fields, **decision.conflicts}.items()
                     if v not in SIDES]
        if bad_sides:
            problems.append(Problem("merge.choice_invalid", pair.id,
                                    _("{who}: lựa chọn không hợp lệ cho {keys}.")
                                    .format(who=who, keys=", ".join(bad_sides))))
        if not decision.merge:
            if pair.same_identity and not pair.national_ids_differ:
                problems.append(Problem(
                    "merge.keep_both_indistinguishable", pair.id,
                    _("{who}: cùng họ tên và ngày sinh; để giữ cả hai người thì cần số CCCD "
                      "khác nhau để phân biệt.").format(who=who)))
            continue
        for conflict in pair.conflicts:
            if decision.conflicts.get(conflict.key) not in SIDES:
                problems.append(Problem("merge.conflict_unchosen", pair.id,
                                        _("{who}: chưa chọn bản ghi đúng cho “{what}”.")
                                        .format(who=who, what=conflict.label)))
        if pair.incoming.key in merged_incoming:
            problems.append(Problem("merge.incoming_twice", pair.id,
                                    _("{name} của đơn vị cũ được gộp vào hai người.")
                                    .format(name=pair.incoming.name)))
        if pair.existing_id in merged_existing:
            problems.append(Problem("merge.existing_twice", pair.id,
                                    _("Hai người của đơn vị cũ được gộp vào cùng {name}.")
                                    .format(name=pair.existing.full_name)))
        merged_incoming[pair.incoming.key] = pair.id
        merged_existing[pair.existing_id] = pair.id
    problems += national_id_problems(plan, decisions, plan.national_id_holders)
    if plan.rejected and not skip_rejected:
        problems.append(Problem(
            "merge.source_records_invalid", "",
            _("{n} bản ghi của đơn vị cũ có dữ liệu không hợp lệ; hãy sửa ở đơn vị cũ, hoặc "
              "chọn bỏ qua chúng (có danh sách).").format(n=len(plan.rejected))))
    return problems
