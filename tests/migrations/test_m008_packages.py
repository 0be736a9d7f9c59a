"""m008_packages: signing keys, exported and received packages, imported decisions."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"
KEY_A = "0123456789ABCDEF"
KEY_B = "FEDCBA9876543210"


def test_only_one_active_signing_key(raw_db: Database) -> None:
    upto(raw_db, "m008_packages")
    ins = ("INSERT INTO signing_keys (key_id, public_key, storage, created_at, retired_at) "
           "VALUES (?, 'RWQ...', 'keyring', ?, ?)")
    raw_db.execute(ins, [KEY_A, NOW, None])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins, [KEY_B, NOW, None])
    raw_db.execute("UPDATE signing_keys SET retired_at = ? WHERE key_id = ?", [NOW, KEY_A])
    raw_db.execute(ins, [KEY_B, NOW, None])       # rotation: the old key stays, retired
    assert raw_db.execute("SELECT count(*) FROM signing_keys").fetchone()[0] == 2
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins.replace("'keyring'", "'plaintext'"), ["1111111111111111", NOW, NOW])


def test_received_packages_refuse_duplicates(raw_db: Database) -> None:
    upto(raw_db, "m008_packages")
    ins = ("INSERT INTO received_packages (dossier_id, revision, unit_code, key_id, sha256, "
           "stored_path, received_at) VALUES (?, ?, 'PT-TS', ?, ?, 'x.zip', ?)")
    raw_db.execute(ins, ["HS2026-3F9A21", 1, KEY_A, "a" * 64, NOW])
    with pytest.raises(sqlite3.IntegrityError):      # the same bytes twice
        raw_db.execute(ins, ["HS2026-3F9A21", 2, KEY_A, "a" * 64, NOW])
    with pytest.raises(sqlite3.IntegrityError):      # the same revision twice
        raw_db.execute(ins, ["HS2026-3F9A21", 1, KEY_A, "b" * 64, NOW])
    raw_db.execute(ins, ["HS2026-3F9A21", 2, KEY_A, "b" * 64, NOW])


def test_exported_package_keeps_its_round(raw_db: Database) -> None:
    upto(raw_db, "m008_packages")
    raw_db.execute("INSERT INTO rounds (kind, year, name, deadline, created_at) "
                   "VALUES ('cong_trang', 2026, 'Đợt cuối năm', '2026-12-10', ?)", [NOW])
    raw_db.execute("INSERT INTO exported_packages (round_id, dossier_id, revision, file_name, "
                   "sha256, key_id, created_at) VALUES (1, 'HS2026-3F9A21', 1, 'p.zip', ?, ?, ?)",
                   ["c" * 64, KEY_A, NOW])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("DELETE FROM rounds WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("UPDATE exported_packages SET receipt = 'nope'")
