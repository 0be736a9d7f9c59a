"""The store side of undoing a delete (store/undo.py, moved out of operations.registry with
its SQL): the logged entry, the id kept when free, members of collectives that still exist;
and the refusal codes of operations.registry.undo_delete."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.errors import UserError
from desktop.core.model import Collective, History, Person, SubjectKind, SubjectRef
from desktop.core.operations import registry as ops
from desktop.core.store import Store, undo
from desktop.core.store import registry as repo

ACTOR = "Cán bộ thử"


def test_append_audit_returns_the_entry_and_it_reads_back(store: Store) -> None:
    with store.write() as db:
        first = repo.append_audit(db, ACTOR, "create", "person", 7, "Thêm", {"a": 1})
        second = repo.append_audit(db, ACTOR, "delete", "person", 7, "Xóa",
                                   {"snapshot": {"x": "Đặng Thị Ỷ"}})
    assert second == first + 1
    entry = undo.get_audit_entry(store.db, second)
    assert entry == undo.AuditEntry(second, "delete", "person", 7,
                                    {"snapshot": {"x": "Đặng Thị Ỷ"}})
    assert undo.get_audit_entry(store.db, 999) is None
    assert not undo.undo_recorded(store.db, second)
    with store.write() as db:
        repo.append_audit(db, ACTOR, "undo_delete", "person", 7, "Hoàn tác",
                          {"audit_id": second})
    assert undo.undo_recorded(store.db, second) and not undo.undo_recorded(store.db, first)


def test_restore_keeps_a_free_id_and_takes_a_new_one_otherwise(store: Store) -> None:
    with store.write() as db:
        pid = repo.insert_person(db, Person(None, "Đặng Thị Ỷ"))
        repo.delete_person(db, pid)
        again = undo.restore_person(db, Person(None, "Đặng Thị Ỷ", position="Giáo viên"), pid)
    assert again == pid
    restored = repo.get_person(store.db, pid)
    assert restored is not None and restored.position == "Giáo viên"
    with store.write() as db:
        other = undo.restore_person(db, Person(None, "Lê Văn Tám"), pid)   # pid is taken
    assert other != pid and repo.get_person(store.db, other).full_name == "Lê Văn Tám"
    created, updated = store.db.execute("SELECT created_at, updated_at FROM people WHERE id = ?",
                                        [other]).fetchone()
    assert created == updated != ""


def test_restore_collective_and_rejoin_only_existing_collectives(store: Store) -> None:
    with store.write() as db:
        pid = repo.insert_person(db, Person(None, "Đặng Thị Ỷ"))
        kept = repo.insert_collective(db, Collective(None, "Tổ Văn phòng"))
        gone = repo.insert_collective(db, Collective(None, "Tổ đã giải thể"))
        repo.delete_collective(db, gone)
        cid = undo.restore_collective(db, Collective(None, "Tổ Kế toán", member_ids=(pid,)),
                                      gone)
        undo.rejoin_collectives(db, pid, [kept, 12345])
    assert cid == gone
    assert repo.get_collective(store.db, cid).member_ids == (pid,)
    assert sorted(repo.collectives_of_person(store.db, pid)) == sorted([kept, cid])


def test_existing_person_ids(store: Store) -> None:
    with store.write() as db:
        ids = [repo.insert_person(db, Person(None, f"Người {i}")) for i in range(3)]
    assert repo.existing_person_ids(store.db, [ids[0], ids[2], 999, ids[0]]) == {ids[0], ids[2]}
    assert repo.existing_person_ids(store.db, []) == set()


def test_undo_refusals_carry_codes(store: Store, catalog, today: date) -> None:
    saved, _c = ops.add_person(store, catalog, Person(None, "Đặng Thị Ỷ"), History(), ACTOR,
                               today)
    with pytest.raises(UserError) as nothing:
        ops.undo_delete(store, 999, ACTOR)
    assert nothing.value.code == "undo.nothing"
    audit_id, _c = ops.delete_person(store, saved.id or 0, ACTOR, confirm=True)
    ops.undo_delete(store, audit_id, ACTOR)
    with pytest.raises(UserError) as again:
        ops.undo_delete(store, audit_id, ACTOR)
    assert again.value.code == "undo.already"
    history = ops.get_history(store, SubjectRef(SubjectKind.PERSON, saved.id or 0))
    assert history.is_empty()
