"""The append-only audit log never keeps a CCCD in clear, yet an immediate undo restores it."""

from __future__ import annotations

from datetime import date

from desktop.core.model import History, Person, YearRecord
from desktop.core.operations import registry as ops

CCCD = "001090012345"


def _add(store, catalog):
    person, _ = ops.add_person(store, catalog, Person(None, "Lò Thị Xuân", date(1990, 1, 2),
                                                      national_id=CCCD),
                               History(years=(YearRecord(2025),)), "t", date(2026, 11, 23))
    return person


def test_delete_snapshot_masks_national_id(store, catalog):
    person = _add(store, catalog)
    audit_id, _ = ops.delete_person(store, person.id, "t", confirm=True)
    detail = store.db.execute("SELECT detail FROM audit_log WHERE id = ?", [audit_id]).fetchone()
    assert CCCD not in detail[0]
    assert "345" in detail[0]


def test_undo_with_the_number_in_memory_restores_it(store, catalog):
    person = _add(store, catalog)
    audit_id, _ = ops.delete_person(store, person.id, "t", confirm=True)
    changes = ops.undo_delete(store, audit_id, "t", national_id=CCCD)
    restored = ops.get_person(store, next(iter(changes.people)))
    assert restored.national_id == CCCD


def test_undo_without_it_or_with_a_wrong_one_leaves_it_empty(store, catalog):
    person = _add(store, catalog)
    audit_id, _ = ops.delete_person(store, person.id, "t", confirm=True)
    changes = ops.undo_delete(store, audit_id, "t", national_id="999999999999")
    restored = ops.get_person(store, next(iter(changes.people)))
    assert restored.national_id == ""
    assert restored.full_name == "Lò Thị Xuân"
