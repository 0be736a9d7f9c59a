"""m006_claims: officer confirmations per subject and year, one of each per year."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def test_claims_table_constraints_and_cascade(raw_db: Database) -> None:
    upto(raw_db, "m006_claims")
    raw_db.execute("INSERT INTO collectives (name, name_folded, sort_key, created_at, "
                   "updated_at) VALUES ('Thôn Đồng Xuân', 'thon dong xuan', 'k', ?, ?)",
                   [NOW, NOW])
    raw_db.execute("INSERT INTO claims (collective_id, year, code, note) "
                   "VALUES (1, 2026, 'dat_tieu_chi_thon_van_hoa', 'Biên bản 12/BB')")
    with pytest.raises(sqlite3.IntegrityError):  # the same claim twice in a year
        raw_db.execute("INSERT INTO claims (collective_id, year, code) "
                       "VALUES (1, 2026, 'dat_tieu_chi_thon_van_hoa')")
    with pytest.raises(sqlite3.IntegrityError):  # owner is a person xor a collective
        raw_db.execute("INSERT INTO claims (year, code) VALUES (2026, 'x')")
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("INSERT INTO claims (collective_id, year, code) VALUES (1, 1800, 'x')")
    raw_db.execute("PRAGMA foreign_keys = ON")
    raw_db.execute("DELETE FROM collectives WHERE id = 1")
    assert raw_db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
