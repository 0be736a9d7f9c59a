"""m007_documents: unit code, dossier ids, the yearly document counter, achievement reports."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def _round(db: Database, dossier_id: str | None = None) -> int:
    cur = db.execute("INSERT INTO rounds (kind, year, name, deadline, created_at, dossier_id) "
                     "VALUES ('cong_trang', 2026, 'Đợt cuối năm', '2026-12-10', ?, ?)",
                     [NOW, dossier_id])
    return int(cur.lastrowid or 0)


def test_existing_unit_gets_an_empty_code(raw_db: Database) -> None:
    upto(raw_db, "m006_claims")
    raw_db.execute("INSERT INTO unit (id, name, kind, doc_code, updated_at) "
                   "VALUES (1, 'UBND xã Thanh Sơn', 'xa', 'UBND', ?)", [NOW])
    upto(raw_db, "m007_documents")
    assert raw_db.execute("SELECT code FROM unit").fetchone()[0] == ""


def test_dossier_ids_are_unique_but_optional(raw_db: Database) -> None:
    upto(raw_db, "m007_documents")
    _round(raw_db)
    _round(raw_db)                      # two rounds without an id yet
    _round(raw_db, "HS2026-3F9A21")
    with pytest.raises(sqlite3.IntegrityError):
        _round(raw_db, "HS2026-3F9A21")


def test_document_numbers_are_unique_per_year_and_type(raw_db: Database) -> None:
    upto(raw_db, "m007_documents")
    r = _round(raw_db)
    ins = ("INSERT INTO document_numbers (year, doc_type, number, round_id, document, issued_on) "
           "VALUES (?, ?, ?, ?, ?, '2026-12-01')")
    raw_db.execute(ins, [2026, "TTr", 1, r, "to_trinh"])
    raw_db.execute(ins, [2027, "TTr", 1, r, "to_trinh_2027"])   # the counter restarts yearly
    with pytest.raises(sqlite3.IntegrityError):                 # same number twice in a year
        raw_db.execute(ins, [2026, "TTr", 1, r, "other"])
    with pytest.raises(sqlite3.IntegrityError):                 # a document keeps its number
        raw_db.execute(ins, [2026, "TTr", 2, r, "to_trinh"])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins, [2026, "BB", 0, r, "bien_ban"])


def test_reports_need_valid_json_and_follow_their_nomination(raw_db: Database) -> None:
    upto(raw_db, "m007_documents")
    r = _round(raw_db)
    raw_db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, updated_at) "
                   "VALUES ('Lò Văn Bình', 'lo van binh', 'k', ?, ?)", [NOW, NOW])
    raw_db.execute("INSERT INTO nominations (round_id, person_id, target, verdict, created_at, "
                   "updated_at) VALUES (?, 1, 'lao_dong_tien_tien', 'eligible', ?, ?)",
                   [r, NOW, NOW])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("INSERT INTO achievement_reports (nomination_id, sections, updated_at) "
                       "VALUES (1, '{not json', ?)", [NOW])
    raw_db.execute("INSERT INTO achievement_reports (nomination_id, sections, updated_at) "
                   "VALUES (1, '{\"thanh_tich\": \"Hoàn thành 100%\"}', ?)", [NOW])
    raw_db.execute("DELETE FROM nominations")
    assert raw_db.execute("SELECT count(*) FROM achievement_reports").fetchone()[0] == 0
