"""m001_registry: the registry tables, their constraints, and the append-only audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlite_utils import Database

TABLES = {"unit", "people", "collectives", "collective_members", "year_records", "awards",
          "initiatives", "research_topics", "discipline", "audit_log", "_sqlite_migrations"}
INDEXES = {"people_sort", "people_department", "collectives_sort", "collective_members_person",
           "year_records_person", "year_records_collective", "awards_person",
           "awards_collective", "awards_code_year", "initiatives_person",
           "initiatives_collective", "research_person", "research_collective",
           "discipline_person", "discipline_collective"}
NOW = "2026-11-23T00:00:00+00:00"


@pytest.fixture
def db(migrate_to: Callable[[str], Database]) -> Database:
    return migrate_to("m001_registry")


def names(db: Database, kind: str) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", [kind])}


def person(db: Database, name: str = "Lê Văn A", **extra: Any) -> int:
    values = {"full_name": name, "name_folded": "le van a", "sort_key": "k",
              "created_at": NOW, "updated_at": NOW, **extra}
    cur = db.execute(f"INSERT INTO people ({', '.join(values)}) "
                     f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return int(cur.lastrowid or 0)


def collective(db: Database, name: str = "Phòng Nội vụ") -> int:
    cur = db.execute("INSERT INTO collectives (name, name_folded, sort_key, created_at, "
                     "updated_at) VALUES (?, 'x', 'x', ?, ?)", [name, NOW, NOW])
    return int(cur.lastrowid or 0)


def rejects(db: Database, sql: str, args: list[Any]) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(sql, args)


def test_tables_indexes_and_triggers(db: Database) -> None:
    assert names(db, "table") == TABLES
    assert names(db, "index") - {"idx__sqlite_migrations_migration_set_name"} == INDEXES
    assert names(db, "trigger") == {"audit_log_no_update", "audit_log_no_delete"}
    assert [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")] == ["m001_registry"]


def test_unit_is_a_single_row_with_required_fields(db: Database) -> None:
    sql = ("INSERT INTO unit (id, name, kind, doc_code, updated_at) VALUES (?, ?, ?, ?, ?)")
    db.execute(sql, [1, "UBND xã Tân Phú", "xa", "UBND", NOW])
    rejects(db, sql, [2, "Khác", "xa", "UBND", NOW])
    db.execute("DELETE FROM unit")
    rejects(db, sql, [1, "", "xa", "UBND", NOW])
    rejects(db, sql, [1, "X", "huyen", "UBND", NOW])
    rejects(db, sql, [1, "X", "xa", "", NOW])


def test_people_checks(db: Database) -> None:
    person(db)
    with pytest.raises(sqlite3.IntegrityError):
        person(db, name="")
    with pytest.raises(sqlite3.IntegrityError):
        person(db, gender="khac")
    with pytest.raises(sqlite3.IntegrityError):
        person(db, subject_group="sinh_vien")
    person(db, gender="nu", subject_group="vu_trang")


@pytest.mark.parametrize("rating", ["htxs", "htt", "ht", "kht", None])
def test_year_records_accept_each_rating(db: Database, rating: str | None) -> None:
    pid = person(db)
    db.execute("INSERT INTO year_records (person_id, year, rating) VALUES (?, 2025, ?)",
               [pid, rating])


def test_year_records_checks(db: Database) -> None:
    pid = person(db)
    sql = "INSERT INTO year_records (person_id, year, rating) VALUES (?, ?, ?)"
    rejects(db, sql, [pid, 2025, "xuat_sac"])
    rejects(db, sql, [pid, 1944, "htt"])
    rejects(db, sql, [pid, 2101, "htt"])
    db.execute(sql, [pid, 2025, "htt"])
    rejects(db, sql, [pid, 2025, "ht"])  # one record per person and year
    cid = collective(db)
    db.execute("INSERT INTO year_records (collective_id, year) VALUES (?, 2025)", [cid])
    rejects(db, "INSERT INTO year_records (collective_id, year) VALUES (?, 2025)", [cid])


@pytest.mark.parametrize("table, columns, values", [
    ("year_records", "year", [2025]),
    ("awards", "year, code", [2025, "giay_khen"]),
    ("initiatives", "year, name", [2025, "Sáng kiến"]),
    ("research_topics", "year, name", [2025, "Đề tài"]),
    ("discipline", "level, start_date", ["canh_cao", "2025-01-01"]),
])
def test_history_rows_belong_to_exactly_one_owner(
        db: Database, table: str, columns: str, values: list[Any]) -> None:
    pid, cid = person(db), collective(db)
    sql = (f"INSERT INTO {table} (person_id, collective_id, {columns}) "
           f"VALUES (?, ?, {', '.join('?' * len(values))})")
    rejects(db, sql, [None, None, *values])
    rejects(db, sql, [pid, cid, *values])
    db.execute(sql, [pid, None, *values])
    rejects(db, sql, [pid + 100, None, *values])  # foreign key


def test_awards_initiatives_research_discipline_checks(db: Database) -> None:
    pid = person(db)
    rejects(db, "INSERT INTO awards (person_id, year, code, kind) VALUES (?, 2025, 'x', 'khac')",
            [pid])
    rejects(db, "INSERT INTO awards (person_id, year, code) VALUES (?, 1900, 'x')", [pid])
    rejects(db, "INSERT INTO initiatives (person_id, year, name) VALUES (?, 2025, '')", [pid])
    rejects(db, "INSERT INTO initiatives (person_id, year, name, scope) "
                "VALUES (?, 2025, 'x', 'huyen')", [pid])
    rejects(db, "INSERT INTO research_topics (person_id, year, name, scope) "
                "VALUES (?, 2025, 'x', 'the_gioi')", [pid])
    sql = "INSERT INTO discipline (person_id, level, start_date, end_date) VALUES (?, ?, ?, ?)"
    rejects(db, sql, [pid, "phat_tien", "2025-01-01", None])
    rejects(db, sql, [pid, "canh_cao", "2025-06-01", "2025-01-01"])
    for level in ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc",
                  "buoc_thoi_viec"):
        db.execute(sql, [pid, level, "2025-01-01", "2025-12-31"])


def test_deleting_a_person_or_collective_cascades(db: Database) -> None:
    pid, cid = person(db), collective(db)
    db.execute("INSERT INTO collective_members VALUES (?, ?)", [cid, pid])
    for owner, oid in (("person_id", pid), ("collective_id", cid)):
        db.execute(f"INSERT INTO year_records ({owner}, year) VALUES (?, 2025)", [oid])
        db.execute(f"INSERT INTO awards ({owner}, year, code) VALUES (?, 2025, 'giay_khen')",
                   [oid])
        db.execute(f"INSERT INTO initiatives ({owner}, year, name) VALUES (?, 2025, 'x')", [oid])
        db.execute(f"INSERT INTO research_topics ({owner}, year, name) VALUES (?, 2025, 'x')",
                   [oid])
        db.execute(f"INSERT INTO discipline ({owner}, level, start_date) "
                   "VALUES (?, 'canh_cao', '2025-01-01')", [oid])
    tables = ("year_records", "awards", "initiatives", "research_topics", "discipline")
    db.execute("DELETE FROM people WHERE id = ?", [pid])
    for t in tables:
        assert db.execute(f"SELECT count(*) FROM {t} WHERE person_id IS NOT NULL"
                          ).fetchone()[0] == 0
        assert db.execute(f"SELECT count(*) FROM {t} WHERE collective_id = ?",
                          [cid]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM collective_members").fetchone()[0] == 0
    db.execute("DELETE FROM collectives WHERE id = ?", [cid])
    for t in tables:
        assert db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0


def test_audit_log_rejects_update_and_delete(db: Database) -> None:
    db.execute("INSERT INTO audit_log (at, actor, action, entity, summary) "
               "VALUES (?, 'cán bộ', 'create', 'person', 'Thêm')", [NOW])
    assert db.execute("SELECT detail FROM audit_log").fetchone()[0] == "{}"
    for sql in ("UPDATE audit_log SET actor = 'khác'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
    assert db.execute("SELECT actor FROM audit_log").fetchall() == [("cán bộ",)]
