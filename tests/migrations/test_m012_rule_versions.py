"""m012_rule_versions: a nomination keeps the rule versions its verdict applied; nominations
made before read back with none (nothing is guessed for them)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import EligibilitySnapshot, Nomination, Verdict
from desktop.core.model.rule_version import RuleVersion
from desktop.core.store import rounds as repo
from desktop.core.store.migrations import MIGRATIONS
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def insert(db: Database, table: str, **values: Any) -> int:
    cur = db.execute(f"INSERT INTO {table} ({', '.join(values)}) "
                     f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return int(cur.lastrowid or 0)


def before_m012(db: Database) -> tuple[int, int, int]:
    """(round, person, nomination) as m011 left them."""
    upto(db, "m011_council_members")
    rid = insert(db, "rounds", kind="cong_trang", year=2026, name="Xét cuối năm 2026",
                 deadline="2026-12-10", created_at=NOW)
    pid = insert(db, "people", full_name="Lê Thị Hoa", name_folded="le thi hoa",
                 sort_key="hoa", created_at=NOW, updated_at=NOW)
    nid = insert(db, "nominations", round_id=rid, person_id=pid,
                 target="chien_si_thi_dua_co_so", verdict="eligible", created_at=NOW,
                 updated_at=NOW)
    return rid, pid, nid


def test_older_nominations_read_back_without_rule_versions(raw_db: Database) -> None:
    _rid, _pid, nid = before_m012(raw_db)
    MIGRATIONS.apply(raw_db)
    nom = repo.get_nomination(raw_db, nid)
    assert nom is not None and nom.eligibility.rule is None
    assert nom.eligibility.verdict is Verdict.ELIGIBLE


def test_a_new_nomination_stores_its_rule_versions(raw_db: Database) -> None:
    rid, pid, _nid = before_m012(raw_db)
    MIGRATIONS.apply(raw_db)
    rule = RuleVersion(date(2026, 11, 20), "lao_dong_tien_tien@2024-01-01",
                       "bac_ninh@2025-12-15, default@2024-01-01", "lawpack:hoso/3")
    nid = repo.insert_nomination(raw_db, Nomination(
        round_id=rid, subject=SubjectRef(SubjectKind.PERSON, pid), target="lao_dong_tien_tien",
        eligibility=EligibilitySnapshot(Verdict.ELIGIBLE, (), rule)))
    nom = repo.get_nomination(raw_db, nid)
    assert nom is not None and nom.eligibility.rule == rule


def test_a_malformed_rule_date_is_refused(raw_db: Database) -> None:
    _rid, _pid, nid = before_m012(raw_db)
    MIGRATIONS.apply(raw_db)
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("UPDATE nominations SET rule_as_of = '20/11/2026' WHERE id = ?", [nid])
