"""m009_unit_structure: work units, the Mẫu 05 lý lịch fields, per-issuer document numbers and
the officer's next number."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from desktop.core.store.migrations.m009_unit_structure import kind_from_name
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def _person(db: Database, name: str, department: str = "") -> int:
    cur = db.execute("INSERT INTO people (full_name, name_folded, sort_key, department, "
                     "created_at, updated_at) VALUES (?, ?, 'k', ?, ?, ?)",
                     [name, name.lower(), department, NOW, NOW])
    return int(cur.lastrowid or 0)


def _collective(db: Database, name: str, folded: str) -> int:
    cur = db.execute("INSERT INTO collectives (name, name_folded, sort_key, created_at, "
                     "updated_at) VALUES (?, ?, 'k', ?, ?)", [name, folded, NOW, NOW])
    return int(cur.lastrowid or 0)


def _round(db: Database) -> int:
    cur = db.execute("INSERT INTO rounds (kind, year, name, deadline, created_at) "
                     "VALUES ('cong_trang', 2026, 'Đợt cuối năm', '2026-12-10', ?)", [NOW])
    return int(cur.lastrowid or 0)


def test_departments_become_work_units_with_their_people_and_collective(raw_db: Database
                                                                         ) -> None:
    upto(raw_db, "m008_packages")
    a = _person(raw_db, "Đặng Thị Ỷ", "Trường Mầm non Thanh Sơn")
    b = _person(raw_db, "Lê Văn Bình", "trường mầm non  thanh sơn")   # same unit, typed loosely
    c = _person(raw_db, "Lò Văn Sáng", "Thôn Bản Mường")
    d = _person(raw_db, "Hà Thị Mai")                                   # no department
    school = _collective(raw_db, "Trường Mầm non Thanh Sơn", "truong mam non thanh son")
    other = _collective(raw_db, "Chi hội Phụ nữ", "chi hoi phu nu")
    upto(raw_db, "m009_unit_structure")
    units = {r[1]: (r[0], r[2]) for r in raw_db.execute(
        "SELECT id, name, kind FROM work_units").fetchall()}
    assert set(units) == {"Trường Mầm non Thanh Sơn", "Thôn Bản Mường"}
    assert units["Thôn Bản Mường"][1] == "thon"
    assert units["Trường Mầm non Thanh Sơn"][1] == "truong"
    linked = dict(raw_db.execute("SELECT id, work_unit_id FROM people").fetchall())
    school_unit = units["Trường Mầm non Thanh Sơn"][0]
    assert linked[a] == linked[b] == school_unit
    assert linked[c] == units["Thôn Bản Mường"][0]
    assert linked[d] is None
    collectives = dict(raw_db.execute("SELECT id, work_unit_id FROM collectives").fetchall())
    assert collectives == {school: school_unit, other: None}


def test_ly_lich_fields_default_to_empty_and_deleting_a_work_unit_unlinks(raw_db: Database
                                                                          ) -> None:
    upto(raw_db, "m008_packages")
    pid = _person(raw_db, "Phạm Minh Tuấn", "Phòng Kinh tế")
    upto(raw_db, "m009_unit_structure")
    row = raw_db.execute("SELECT hometown, residence, qualification, political_theory, "
                         "academic_rank, party_post, mass_org_post FROM people WHERE id = ?",
                         [pid]).fetchone()
    assert row == ("",) * 7
    raw_db.execute("DELETE FROM work_units")
    assert raw_db.execute("SELECT work_unit_id FROM people WHERE id = ?",
                          [pid]).fetchone()[0] is None
    with pytest.raises(sqlite3.IntegrityError):   # one work unit per (folded) name
        for _ in range(2):
            raw_db.execute("INSERT INTO work_units (name, name_folded, sort_key, created_at, "
                           "updated_at) VALUES ('Phòng Kinh tế', 'phong kinh te', 'k', ?, ?)",
                           [NOW, NOW])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("INSERT INTO work_units (name, name_folded, sort_key, kind, created_at, "
                       "updated_at) VALUES ('X', 'x', 'x', 'huyen', ?, ?)", [NOW, NOW])


def test_numbers_are_kept_per_issuer_and_existing_ones_keep_their_issuer(raw_db: Database
                                                                          ) -> None:
    upto(raw_db, "m008_packages")
    raw_db.execute("INSERT INTO unit (id, name, kind, doc_code, updated_at) "
                   "VALUES (1, 'UBND xã Thanh Sơn', 'xa', 'UBND', ?)", [NOW])
    r = _round(raw_db)
    ins = ("INSERT INTO document_numbers (year, doc_type, number, round_id, document, issued_on) "
           "VALUES (2026, ?, ?, ?, ?, '2026-12-01')")
    raw_db.execute(ins, ["TTr", 1, r, "to_trinh_noi_bo"])
    raw_db.execute(ins, ["TTr", 2, r, "to_trinh"])
    raw_db.execute(ins, ["QĐ", 1, r, "quyet_dinh/lao_dong_tien_tien"])
    upto(raw_db, "m009_unit_structure")
    rows = raw_db.execute("SELECT document, issuer_code, number FROM document_numbers "
                          "ORDER BY id").fetchall()
    assert rows == [("to_trinh_noi_bo", "HĐTĐKT", 1), ("to_trinh", "UBND", 2),
                    ("quyet_dinh/lao_dong_tien_tien", "UBND", 1)]
    r2 = _round(raw_db)
    new = ("INSERT INTO document_numbers (year, doc_type, issuer_code, number, round_id, "
           "document, issued_on) VALUES (2026, 'TTr', ?, ?, ?, ?, '2026-12-02')")
    raw_db.execute(new, ["UBND", 1, r2, "to_trinh"])        # the unit's own sequence
    with pytest.raises(sqlite3.IntegrityError):             # same issuer, same number
        raw_db.execute(new, ["HĐTĐKT", 1, r2, "to_trinh_noi_bo"])


def test_the_officers_next_number_is_bounded_and_one_per_type_issuer_and_year(raw_db: Database
                                                                               ) -> None:
    upto(raw_db, "m009_unit_structure")
    ins = ("INSERT INTO next_numbers (year, doc_type, issuer_code, next_number, set_on) "
           "VALUES (2026, 'QĐ', 'UBND', ?, '2026-12-01')")
    raw_db.execute(ins, [374])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins, [375])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("INSERT INTO next_numbers (year, doc_type, issuer_code, next_number, "
                       "set_on) VALUES (2027, 'QĐ', 'UBND', 0, '2027-01-02')")


@pytest.mark.parametrize(("name", "kind"), [
    ("Văn phòng HĐND và UBND", "phong"), ("Ban Chỉ huy Quân sự xã", "phong"),
    ("Bản Mường", "thon"), ("Trạm Y tế xã", "tram"), ("Trung tâm Phục vụ hành chính công", "tram"),
    ("Hợp tác xã Nông nghiệp Thanh Sơn", "hop_tac_xa"), ("Công an xã", "khac"),
])
def test_the_kind_of_a_department_is_read_from_its_first_words(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind
