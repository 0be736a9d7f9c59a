"""A CCCD is one citizen's (the editor's and the import's person.national_id_taken): a merge
must not leave two people of the registry holding the same number.

Plan and decisions decide each record's number after the merge: a person added keeps the
former unit's number; a pair merged into one keeps the number the officer chose; everyone
else keeps theirs. Two holders of one number, one of them written by the merge, is refused:
the usual case is a pair with the same CCCD but another name or birth date that the officer
called two people. The same person (same CCCD, name and birth date) is a certain pair and is
merged, never a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.operations.merging.combine import combine_people
from desktop.core.text import clean

if TYPE_CHECKING:  # plan.py checks decisions with this module
    from desktop.core.operations.merging.plan import MergePlan, Pair, PairDecision

CODE = "person.national_id_taken"


@dataclass(frozen=True)
class _Holder:
    """Who holds a number after the merge."""

    name: str
    existing_id: int | None  # their id in this registry (None: added by the merge)
    incoming_key: int | None  # their key in the former unit's (None: untouched here)


def national_id_problems(plan: MergePlan, decisions: Mapping[str, PairDecision],
                         holders: Mapping[int, tuple[str, str]]) -> list[Problem]:
    """One problem per number the merge would give two people. `holders`: id → (CCCD, name)
    of this registry's people who have one (read at planning, and again at writing)."""
    merged: dict[int, tuple[Pair, PairDecision]] = {}
    for pair in plan.pairs:
        decision = decisions.get(pair.id)
        if decision is not None and decision.merge:
            merged[pair.existing_id] = (pair, decision)
    merged_keys = {pair.incoming.key for pair, _d in merged.values()}
    # a record of an undecided pair is neither added nor merged yet: merge.pair_undecided
    undecided = {pair.incoming.key for pair in plan.pairs if pair.id not in decisions}
    after: dict[str, list[_Holder]] = {}
    for pid, (nid, name) in holders.items():
        if pid not in merged:
            after.setdefault(clean(nid), []).append(_Holder(name, pid, None))
    for pid, (pair, decision) in merged.items():
        person = combine_people(pair.existing, pair.incoming.person, decision.fields)
        after.setdefault(clean(person.national_id), []).append(
            _Holder(pair.incoming.name, pid, pair.incoming.key))
    for item in plan.incoming:
        if item.key not in merged_keys | undecided:
            after.setdefault(clean(item.person.national_id), []).append(
                _Holder(item.name, None, item.key))
    problems = []
    for nid, who in after.items():
        written = [h for h in who if h.incoming_key is not None]
        if not nid or len(who) < 2 or not written:
            continue
        problems.append(_problem(plan, written[0], [h for h in who if h is not written[0]]))
    return problems


def _problem(plan: MergePlan, holder: _Holder, others: list[_Holder]) -> Problem:
    here = next((h for h in others if h.incoming_key is None), None)
    # the pair the officer decided, so that the wizard and --confirm point at it
    field = next((p.id for p in plan.pairs if p.incoming.key == holder.incoming_key
                  and here is not None and p.existing_id == here.existing_id), "")
    if here is not None:
        message = _("{name} (đơn vị cũ): số CCCD/CMND đã là của {holder} (mã {id}) trong danh "
                    "sách này; mỗi người một số. Nếu là một người, hãy chọn “Gộp thành một "
                    "người”; nếu là hai người thì một trong hai số nhập nhầm: hãy sửa số đó "
                    "rồi lập lại kế hoạch hợp nhất.").format(
            name=holder.name, holder=here.name, id=here.existing_id)
    else:
        message = _("{name} và {other} (đơn vị cũ) có cùng số CCCD/CMND; mỗi người một số. "
                    "Hãy sửa số nhập nhầm ở đơn vị cũ rồi lập lại kế hoạch hợp nhất.").format(
            name=holder.name, other=others[0].name)
    return Problem(CODE, field, message)
