"""Write a merge: a backup first, then everything in one transaction with one audit entry;
and its undo.

Undo has two ways back. `undo_merge` takes the merge out of the registry (the people and
collectives it added are deleted, the people it merged get back their record and history as
they were) as long as none of them was changed since. Failing that, the backup taken just
before the merge is the registry as it was: `profiles.restore_backup(database, backup)` (or,
by hand, with the app closed: rename hoso.sqlite, copy the backup in its place under that
name); work done after the merge is then lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, History, Person, SubjectKind, SubjectRef
from desktop.core.model.serialize import from_dict, to_dict
from desktop.core.operations.merging.combine import combine_histories, combine_people
from desktop.core.operations.merging.national_ids import national_id_problems
from desktop.core.operations.merging.plan import (
    MERGE_ACTION,
    UNDO_MERGE_ACTION,
    MergePlan,
    PairDecision,
    check_decisions,
)
from desktop.core.store import Store
from desktop.core.store import former_units as former_repo
from desktop.core.store import merging as merge_repo
from desktop.core.store import registry as repo
from desktop.core.text import clean, mask_national_id

ACTION = MERGE_ACTION
UNDO_ACTION = UNDO_MERGE_ACTION


@dataclass(frozen=True)
class MergeResult:
    added: tuple[int, ...]  # ids of the people added
    merged: tuple[int, ...]  # ids of the people a former record was merged into
    kept_both: int  # pairs the officer said are two people
    collectives: tuple[int, ...]
    skipped: int  # former records left out (invalid, with skip_rejected)
    former_unit_id: int
    backup: Path
    audit_id: int
    changes: Changes


def _ref(pid: int) -> SubjectRef:
    return SubjectRef(SubjectKind.PERSON, pid)


def _still_as_planned(store: Store, plan: MergePlan) -> None:
    """The people of the pairs must be as the officer saw them."""
    for pair in plan.pairs:
        now = repo.get_person(store.db, pair.existing_id)
        if now != pair.existing or repo.get_history(store.db, _ref(pair.existing_id)) \
                != pair.existing_history:
            raise UserError(_("{name} vừa được sửa hoặc xóa sau khi lập kế hoạch hợp nhất.")
                            .format(name=pair.existing.full_name),
                            _("Hãy lập lại kế hoạch hợp nhất (quay lại bước trước)."),
                            code="merge.plan_stale")


def commit_merge(store: Store, catalog: Catalog, plan: MergePlan,
                 decisions: Mapping[str, PairDecision], actor: str, *,
                 skip_rejected: bool = False) -> MergeResult:
    """Write the merge as planned and decided, or nothing (ValidationError listing every
    problem with the decisions; UserError merge.plan_stale if the registry changed)."""
    problems = check_decisions(plan, decisions, skip_rejected=skip_rejected)
    if problems:
        raise ValidationError(problems, _("Chưa hợp nhất được, cần xử lý {n} việc:")
                              .format(n=len(problems)) + "\n" + "\n".join(
                                  f"• {p.message}" for p in problems))
    _still_as_planned(store, plan)
    if plan.former.id is not None and former_repo.get_former_unit(store.db, plan.former.id) \
            is None:
        raise UserError(_("Đơn vị cũ “{name}” vừa bị xóa.").format(name=plan.former.name),
                        code="merge.plan_stale")
    is_title = _is_title(catalog)
    backup = store.backup("before-merge")
    added: list[int] = []
    merged: list[int] = []
    snapshots: list[dict[str, Any]] = []
    key_to_id: dict[int, int] = {}
    with store.write() as db:
        # Again here: someone may have saved one of the former unit's CCCDs since the plan.
        taken = national_id_problems(plan, decisions, merge_repo.national_id_holders(db))
        if taken:
            raise ValidationError(taken, _("Chưa hợp nhất được:") + "\n" + "\n".join(
                f"• {p.message}" for p in taken))
        former_id = plan.former.id
        created_former = former_id is None
        if former_id is None:
            former_id = former_repo.insert_former_unit(db, plan.former)
        by_key = {p.key: p for p in plan.incoming}
        merged_keys: set[int] = set()
        for pair in plan.pairs:
            decision = decisions[pair.id]
            if not decision.merge:
                continue
            pid = pair.existing_id
            person = combine_people(pair.existing, pair.incoming.person, decision.fields)
            # the log keeps the CCCD masked (append_audit): the undo takes the number back
            # from the row when the merge kept it, else from the backup taken above
            snapshots.append({"id": pid, "person": to_dict(pair.existing),
                              "history": to_dict(pair.existing_history),
                              "number_kept": clean(person.national_id)
                              == clean(pair.existing.national_id)})
            history = combine_histories(pair.existing_history, pair.incoming.history, is_title,
                                        decision.conflicts)
            repo.update_person(db, person)
            repo.replace_history(db, _ref(pid), history)
            merged.append(pid)
            merged_keys.add(pair.incoming.key)
            key_to_id[pair.incoming.key] = pid
        for key, item in by_key.items():
            if key in merged_keys:
                continue
            pid = repo.insert_person(db, item.person)
            repo.add_history(db, _ref(pid), item.history)
            added.append(pid)
            key_to_id[key] = pid
        postings = []
        for key, pid in key_to_id.items():
            source = by_key[key].person
            postings.append(former_repo.add_posting(db, pid, former_id, source.position,
                                                    source.department, key))
        collectives = []
        collective_keys = {}
        for planned in plan.collectives:
            members = tuple(key_to_id[m] for m in planned.incoming.collective.member_ids
                            if m in key_to_id)
            cid = repo.insert_collective(db, replace(planned.incoming.collective,
                                                     member_ids=members))
            repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid),
                             planned.incoming.history)
            collectives.append(cid)
            collective_keys[str(planned.incoming.key)] = cid
        # the rounds the merged people were already in: only later ones stop an undo
        in_rounds = [key for _pid, key in merge_repo.round_entries(db, merged)]
        written = {"people": {str(pid): _fingerprint_person(db, pid) for pid in added + merged},
                   "collectives": {str(cid): _fingerprint_collective(db, cid)
                                   for cid in collectives}}
        kept_both = sum(1 for p in plan.pairs if not decisions[p.id].merge)
        skipped = len(plan.rejected)
        audit_id = repo.append_audit(
            db, actor, ACTION, "unit", 1,
            _("Hợp nhất dữ liệu của {unit}: thêm {added} người, gộp {merged} người, thêm "
              "{groups} tập thể").format(unit=plan.former.label, added=len(added),
                                        merged=len(merged), groups=len(collectives)),
            {"written": written, "source": {"kind": plan.source.kind, **plan.source.detail},
             "former_unit": {"id": former_id, "name": plan.former.name,
                             "code": plan.former.code,
                             "merged_on": plan.former.merged_on.isoformat(),
                             "created": created_former},
             "backup": str(backup), "added": added, "merged": snapshots,
             "collectives": collectives, "collective_keys": collective_keys,
             "in_rounds": in_rounds,
             "postings": postings,
             "decisions": {k: {"merge": d.merge, "fields": dict(d.fields),
                               "conflicts": dict(d.conflicts)} for k, d in decisions.items()},
             "kept_both": kept_both, "marked_former": plan.marked,
             "skipped": [{"kind": r.kind, "key": r.key, "codes": [p.code for p in r.problems]}
                         for r in plan.rejected]})
    return MergeResult(tuple(added), tuple(merged), kept_both, tuple(collectives), skipped,
                       former_id, backup, audit_id,
                       Changes(people=frozenset(added + merged),
                               collectives=frozenset(collectives), unit=True, bulk=True))


def _is_title(catalog: Catalog) -> Callable[[str], bool]:
    def is_title(code: str) -> bool:
        info = catalog.titles.get(code)
        return info is not None and info.is_title
    return is_title


# ---- undo ------------------------------------------------------------------------------------


def _without_ids(data: Any) -> Any:
    """History rows get new ids whenever the editor saves; what they say is what counts."""
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    return data


def _digest(*parts: Any) -> str:
    text = json.dumps(_without_ids([to_dict(p) for p in parts]), sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint_person(db: Any, pid: int) -> str:
    return _digest(repo.get_person(db, pid), repo.get_history(db, _ref(pid)),
                   former_repo.postings_of(db, pid))


def _fingerprint_collective(db: Any, cid: int) -> str:
    return _digest(repo.get_collective(db, cid),
                   repo.get_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid)))


@dataclass(frozen=True)
class MergeRecord:
    """A merge as the audit log keeps it."""

    audit_id: int
    at: str
    summary: str
    backup: Path
    undone: bool


def merges(store: Store) -> list[MergeRecord]:
    """The merges of this registry, newest first."""
    entries = repo.audit_entries(store.db, limit=100_000)
    undone = {_json(e["detail"]).get("audit_id") for e in entries
              if e["action"] == UNDO_ACTION}
    return [MergeRecord(int(e["id"]), str(e["at"]), str(e["summary"]),
                        Path(str(_json(e["detail"]).get("backup", ""))), int(e["id"]) in undone)
            for e in entries if e["action"] == ACTION]


def _json(text: Any) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def undo_merge(store: Store, audit_id: int, actor: str) -> Changes:
    """Take a merge out again: the people and collectives it added are deleted, the people it
    merged get back what they had. Refused (merge.undo_blocked) when any of them was changed,
    nominated or registered since (compared by content, not by clock): then restore the
    backup the merge took."""
    entry = next((e for e in repo.audit_entries(store.db, limit=100_000)
                  if int(e["id"]) == audit_id and e["action"] == ACTION), None)
    if entry is None:
        raise UserError(_("Không tìm thấy lần hợp nhất này trong nhật ký."),
                        code="merge.undo_unknown")
    if any(m.audit_id == audit_id and m.undone for m in merges(store)):
        raise UserError(_("Lần hợp nhất này đã được hoàn tác."), code="merge.undo_done")
    detail = _json(entry["detail"])
    added = [int(i) for i in detail.get("added", [])]
    merged = [dict(s) for s in detail.get("merged", [])]
    collectives = [int(i) for i in detail.get("collectives", [])]
    merged_ids = [int(s["id"]) for s in merged]
    backup = detail.get("backup", "")
    written = detail.get("written", {})
    changed = [pid for pid in added + merged_ids
               if written.get("people", {}).get(str(pid)) != _fingerprint_person(store.db, pid)]
    changed += [cid for cid in collectives if written.get("collectives", {}).get(str(cid))
                != _fingerprint_collective(store.db, cid)]
    before = {str(k) for k in detail.get("in_rounds", [])}
    used = [pid for pid, key in merge_repo.round_entries(store.db, added + merged_ids)
            if key not in before]
    if changed or used:
        raise UserError(
            _("Không hoàn tác tự động được: sau khi hợp nhất đã có {n} người hoặc tập thể được "
              "sửa, xóa hoặc đưa vào đợt xét.").format(n=len(set(changed) | set(used))),
            _("Có thể khôi phục bản sao lưu trước khi hợp nhất ({path}); các thay đổi sau khi "
              "hợp nhất khi đó sẽ mất.").format(path=backup), code="merge.undo_blocked")
    people = {int(s["id"]): _person_before(store, s, Path(str(backup))) for s in merged}
    with store.write() as db:
        _refuse_taken_since(db, people, set(added), backup)
        merge_repo.delete_collectives(db, collectives)
        merge_repo.delete_people(db, added)
        former = detail.get("former_unit", {})
        postings = [int(i) for i in detail.get("postings", [])]
        former_repo.delete_postings(db, postings)
        for snap in merged:
            pid = int(snap["id"])
            repo.update_person(db, people[pid])
            repo.replace_history(db, _ref(pid), from_dict(History, snap["history"]))
        if former.get("created") and former.get("id") is not None:
            uid = int(former["id"])
            if not former_repo.posting_ids_of_unit(db, uid):
                former_repo.delete_former_unit(db, uid)
        repo.append_audit(db, actor, UNDO_ACTION, "unit", 1,
                          _("Hoàn tác hợp nhất dữ liệu ({summary})").format(
                              summary=clean(str(entry["summary"]))),
                          {"audit_id": audit_id})
    return Changes(people=frozenset(added + merged_ids), collectives=frozenset(collectives),
                   unit=True, bulk=True)


def _person_before(store: Store, snap: dict[str, Any], backup: Path) -> Person:
    """A merged person as they were before the merge: the audit snapshot, with the CCCD
    (masked there) read back from a database row: this registry's when the merge kept
    the number (the person is unchanged since, checked by the caller), else the backup's
    taken just before the merge. Refused (merge.undo_number_lost) when neither holds a
    number matching the masked one: no undo gives a person a wrong or empty number."""
    pid = int(snap["id"])
    person = replace(from_dict(Person, snap["person"]), id=pid)
    logged = clean(person.national_id)
    if not logged or "•" not in logged:
        return person   # no number; or an entry written before the log masked them
    if snap.get("number_kept", False):
        now = repo.get_person(store.db, pid)
        found = now.national_id if now is not None else ""
    else:
        found = merge_repo.national_ids_in_copy(backup, [pid]).get(pid, "")
    if mask_national_id(found) != logged:
        raise UserError(
            _("Không hoàn tác tự động được: không tìm lại được số CCCD/CMND mà {name} có "
              "trước khi hợp nhất (bản sao lưu lúc hợp nhất không còn hoặc không đọc được).")
            .format(name=person.full_name),
            _("Có thể khôi phục bản sao lưu trước khi hợp nhất ({path}) nếu còn giữ ở nơi "
              "khác; các thay đổi sau khi hợp nhất khi đó sẽ mất.").format(path=backup),
            code="merge.undo_number_lost")
    return replace(person, national_id=clean(found))


def _refuse_taken_since(db: Any, people: Mapping[int, Person], added: set[int],
                        backup: str) -> None:
    """A merged person gets their number back on undo: refused (person.national_id_taken)
    if it was given to someone else since the merge (a number the merge had replaced)."""
    for pid, person in people.items():
        nid = clean(person.national_id)
        holder = repo.national_id_holder(db, nid, pid) if nid else None
        if holder is not None and holder[0] not in added:
            raise UserError(
                _("Không hoàn tác được: số CCCD/CMND mà {name} có trước khi hợp nhất nay đã "
                  "là của {holder} (mã {id}); mỗi người một số.").format(
                    name=person.full_name, holder=holder[1], id=holder[0]),
                _("Nếu số đó nhập nhầm cho {holder}, hãy sửa lại rồi hoàn tác lần nữa; hoặc "
                  "khôi phục bản sao lưu trước khi hợp nhất ({path}).").format(
                    holder=holder[1], path=backup), code="person.national_id_taken")


def restore_hint(result: MergeResult, database: Path) -> str:
    """How to go back to the registry as it was, in words for the officer."""
    return _("Bản sao lưu trước khi hợp nhất: {backup}. Để quay lại như trước khi hợp nhất: "
             "Tệp → Hoàn tác lần hợp nhất gần nhất (dòng lệnh: hoso merge --undo last) khi "
             "những người vừa hợp nhất chưa được sửa; hoặc đóng phần mềm, đổi tên tệp {db} rồi "
             "chép bản sao lưu vào chỗ đó với tên {name}.").format(
                 backup=result.backup, db=database, name=database.name)
