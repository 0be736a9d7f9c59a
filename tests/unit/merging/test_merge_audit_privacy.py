"""The audit log never holds a CCCD in clear (LAW §9): the merge's snapshot of each merged
person keeps it masked, as the delete's does; the undo takes the exact number back from a
database row (this registry's when the merge kept it, the backup's when it replaced it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import History, Person
from desktop.core.model.former import FormerUnit
from desktop.core.operations import registry
from desktop.core.operations.merging import (
    INCOMING,
    PairDecision,
    commit_merge,
    load_database,
    plan_merge,
    undo_merge,
)
from desktop.core.store import Store
from desktop.core.text import mask_national_ids
from tests.unit.merging.helpers import P_ID, TODAY, officer_decisions, pair_of, two_communes

TAN_LAP = FormerUnit(None, "xã Tân Lập", code="PT-TANLAP")
LAN_HERE, LAN_THERE, DUOC = "025192000999", "025192000222", "025190000333"
CLEAR = re.compile(r"(?<!\d)025\d{9}(?!\d)")   # the numbers of these registries


@pytest.fixture
def communes(tmp_path: Path, catalog: Catalog) -> Iterator[tuple[Store, Path]]:
    target, source_dir = two_communes(tmp_path, catalog)
    yield target, source_dir
    target.close()


def log_text(store: Store) -> str:
    return "\n".join(f"{e['summary']} {e['detail']}"
                     for e in registry.audit_entries(store, 100_000))


def number_of(store: Store, name: str) -> str:
    return next(p.national_id for p in registry.people_page(store, "", 0, 100)
                if p.full_name == name)


def merge_lan_with_the_former_number(store: Store, source_dir: Path,
                                     catalog: Catalog) -> tuple[int, Path]:
    plan = plan_merge(store, catalog, load_database(store, source_dir), TAN_LAP, TODAY)
    decisions = officer_decisions(plan)
    decisions[pair_of(plan, "Trần Thị Lan")] = PairDecision(
        True, fields={"national_id": INCOMING})
    result = commit_merge(store, catalog, plan, decisions, "x")
    return result.audit_id, result.backup


def test_the_merge_logs_numbers_masked_and_its_undo_restores_them_exactly(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    store, source_dir = communes
    audit_id, _backup = merge_lan_with_the_former_number(store, source_dir, catalog)
    assert number_of(store, "Trần Thị Lan") == LAN_THERE
    text = log_text(store)
    for number in (LAN_HERE, LAN_THERE, DUOC, P_ID):
        assert number not in text
    assert CLEAR.search(text) is None
    assert "•••••••••999" in text and "•••••••••333" in text   # masked, still telling

    undo_merge(store, audit_id, "x")
    # replaced by the merge: back from the backup; kept by it: back from the row
    assert number_of(store, "Trần Thị Lan") == LAN_HERE
    assert number_of(store, "Phạm Văn Được") == DUOC
    assert number_of(store, "Lê Thị Thu Hằng") == P_ID
    assert CLEAR.search(log_text(store)) is None


def test_a_replaced_number_without_its_backup_refuses_the_undo_whole(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    store, source_dir = communes
    audit_id, backup = merge_lan_with_the_former_number(store, source_dir, catalog)
    backup.unlink()
    before = list(store.conn.iterdump())
    with pytest.raises(UserError) as refused:
        undo_merge(store, audit_id, "x")
    assert refused.value.code == "merge.undo_number_lost"
    assert list(store.conn.iterdump()) == before


def test_every_audit_writer_holding_a_person_masks_the_number(
        communes: tuple[Store, Path], catalog: Catalog) -> None:
    """Add, edit (the number changed), delete and its undo: no number in clear."""
    store, _source = communes
    person, _c = registry.add_person(store, catalog, Person(None, "Vũ Thị Mơ",
                                                            national_id="025192000555"),
                                     History(), "x", TODAY)
    assert person.id is not None
    registry.update_person(store, catalog, replace(
        person, national_id="025192000556"), History(), "x", TODAY)
    audit_id, _c = registry.delete_person(store, person.id, "x", confirm=True)
    registry.undo_delete(store, audit_id, "x", national_id="025192000556")
    assert number_of(store, "Vũ Thị Mơ") == "025192000556"
    assert CLEAR.search(log_text(store)) is None


def test_masking_reaches_every_depth_and_is_idempotent() -> None:
    detail = {"merged": [{"person": {"national_id": "025192000999", "phone": "0912345678"}}],
              "fields": {"national_id": {"before": "025192000999", "after": ""}},
              "national_id": None}
    masked = mask_national_ids(detail)
    assert masked == {
        "merged": [{"person": {"national_id": "•••••••••999", "phone": "0912345678"}}],
        "fields": {"national_id": {"before": "•••••••••999", "after": ""}},
        "national_id": None}
    assert mask_national_ids(masked) == masked
