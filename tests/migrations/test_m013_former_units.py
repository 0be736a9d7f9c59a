"""m013_former_units: former units with a unique folded name and an ISO merger date; who
worked where, kept with the person and never orphaned by deleting a unit someone worked in."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def _unit(db: Database, name: str, folded: str, merged_on: str = "2025-07-01") -> int:
    cur = db.execute("INSERT INTO former_units (name, name_folded, code, merged_on, created_at, "
                     "updated_at) VALUES (?, ?, 'PT-TANLAP', ?, ?, ?)",
                     [name, folded, merged_on, NOW, NOW])
    return int(cur.lastrowid or 0)


def _person(db: Database, name: str) -> int:
    cur = db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, "
                     "updated_at) VALUES (?, ?, 'k', ?, ?)", [name, name.lower(), NOW, NOW])
    return int(cur.lastrowid or 0)


def test_former_units_are_unique_by_folded_name_with_an_iso_date(raw_db: Database) -> None:
    upto(raw_db, "m013_former_units")
    _unit(raw_db, "xã Tân Lập", "xa tan lap")
    with pytest.raises(sqlite3.IntegrityError):  # "Xã Tân Lập" is the same unit
        _unit(raw_db, "Xã Tân Lập", "xa tan lap")
    with pytest.raises(sqlite3.IntegrityError):
        _unit(raw_db, "xã Đồng Lạc", "xa dong lac", merged_on="1/7/2025")
    with pytest.raises(sqlite3.IntegrityError):
        _unit(raw_db, "", "x")
    assert raw_db.execute("SELECT name, merged_on FROM former_units").fetchall() == [
        ("xã Tân Lập", "2025-07-01")]


def test_postings_follow_the_person_and_keep_their_unit(raw_db: Database) -> None:
    upto(raw_db, "m013_former_units")
    raw_db.execute("PRAGMA foreign_keys = ON")
    unit = _unit(raw_db, "xã Tân Lập", "xa tan lap")
    pid = _person(raw_db, "Lê Văn Tám")
    raw_db.execute("INSERT INTO former_postings (person_id, former_unit_id, position, "
                   "department, source_id) VALUES (?, ?, 'Chuyên viên', 'Phòng Kinh tế', 7)",
                   [pid, unit])
    with pytest.raises(sqlite3.IntegrityError):  # one posting per person and former unit
        raw_db.execute("INSERT INTO former_postings (person_id, former_unit_id) VALUES (?, ?)",
                       [pid, unit])
    with pytest.raises(sqlite3.IntegrityError):  # someone worked there: RESTRICT
        raw_db.execute("DELETE FROM former_units WHERE id = ?", [unit])
    raw_db.execute("DELETE FROM people WHERE id = ?", [pid])
    assert raw_db.execute("SELECT count(*) FROM former_postings").fetchone()[0] == 0
    raw_db.execute("DELETE FROM former_units WHERE id = ?", [unit])


def test_an_existing_registry_keeps_its_people(raw_db: Database) -> None:
    upto(raw_db, "m008_packages")
    pid = _person(raw_db, "Lê Văn Tám")
    upto(raw_db, "m013_former_units")
    assert raw_db.execute("SELECT id FROM people").fetchall() == [(pid,)]
    assert raw_db.execute("SELECT count(*) FROM former_units").fetchone()[0] == 0
