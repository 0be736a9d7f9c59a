"""m010_signed_documents: prepared originals, signed copies (one current per document) and the
officer's trusted certificates."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def _round(db: Database) -> None:
    db.execute("INSERT INTO rounds (kind, year, name, deadline, created_at) "
               "VALUES ('cong_trang', 2026, 'Đợt cuối năm', '2026-12-10', ?)", [NOW])


def _prepared(db: Database, sha: str = "a" * 64) -> int:
    cur = db.execute(
        "INSERT INTO prepared_documents (round_id, dossier_id, name, kind, number, sha256, "
        "size, dated, prepared_at) VALUES (1, 'HS2026-3F9A21', '01_to_trinh', 'to_trinh', "
        "'02/TTr-UBND', ?, 1000, '2026-11-23', ?)", [sha, NOW])
    return int(cur.lastrowid or 0)


def _signed(db: Database, prepared: int, sha: str, replaced: str | None = None) -> None:
    db.execute(
        "INSERT INTO signed_documents (round_id, prepared_id, name, sha256, size, stored_path, "
        "signatures, imported_at, imported_by, replaced_at) VALUES (1, ?, '01_to_trinh', ?, "
        "2000, 'signed/x.pdf', '[]', ?, 'tester', ?)", [prepared, sha, NOW, replaced])


def test_one_current_signed_copy_per_document(raw_db: Database) -> None:
    upto(raw_db, "m010_signed_documents")
    _round(raw_db)
    prepared = _prepared(raw_db)
    _signed(raw_db, prepared, "b" * 64)
    with pytest.raises(sqlite3.IntegrityError):     # two current copies of one document
        _signed(raw_db, prepared, "c" * 64)
    raw_db.execute("UPDATE signed_documents SET replaced_at = ?", [NOW])
    _signed(raw_db, prepared, "c" * 64)             # the older copy stays, replaced
    with pytest.raises(sqlite3.IntegrityError):     # the same bytes twice
        _signed(raw_db, prepared, "c" * 64, NOW)


def test_prepared_originals_are_unique_and_keep_their_signed_copies(raw_db: Database) -> None:
    upto(raw_db, "m010_signed_documents")
    _round(raw_db)
    prepared = _prepared(raw_db)
    with pytest.raises(sqlite3.IntegrityError):
        _prepared(raw_db)
    _signed(raw_db, prepared, "b" * 64)
    with pytest.raises(sqlite3.IntegrityError):     # a signed copy keeps its original
        raw_db.execute("DELETE FROM prepared_documents")
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("UPDATE signed_documents SET signatures = 'not json'")


def test_trusted_certificates_have_a_known_role(raw_db: Database) -> None:
    upto(raw_db, "m010_signed_documents")
    ins = ("INSERT INTO trusted_certificates (sha256, der, subject, role, added_at, added_by) "
           "VALUES (?, x'3082', 'CN=Gốc', ?, ?, 'tester')")
    raw_db.execute(ins, ["A" * 64, "root", NOW])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins, ["A" * 64, "root", NOW])
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute(ins, ["B" * 64, "leaf", NOW])
