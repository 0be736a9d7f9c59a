"""Repositories of migration m010_signed_documents: the PDFs written for signing, the signed
copies brought back, the certificates the officer trusts. SQL only; callers wrap writes in
`Store.write()`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.core.store.database import now_iso
from desktop.core.text import clean


@dataclass(frozen=True)
class PreparedRow:
    id: int
    round_id: int
    dossier_id: str
    name: str
    kind: str
    title: str
    number: str
    sha256: str
    size: int
    dated: str
    prepared_at: str


@dataclass(frozen=True)
class SignedRow:
    id: int
    round_id: int
    prepared_id: int
    name: str
    sha256: str
    size: int
    stored_path: str
    original_name: str
    signatures: list[dict[str, Any]]
    imported_at: str
    imported_by: str
    replaced_at: str | None


@dataclass(frozen=True)
class TrustedRow:
    sha256: str
    der: bytes
    subject: str
    role: str
    added_at: str
    added_by: str


_PREPARED = ("id, round_id, dossier_id, name, kind, title, number, sha256, size, dated, "
             "prepared_at")
_SIGNED = ("id, round_id, prepared_id, name, sha256, size, stored_path, original_name, "
           "signatures, imported_at, imported_by, replaced_at")


def record_prepared(db: Database, *, round_id: int, dossier_id: str, name: str, kind: str,
                    title: str, number: str, sha256: str, size: int, dated: str) -> None:
    """Remember one PDF as written (the same bytes twice are one row)."""
    db.execute(
        "INSERT INTO prepared_documents (round_id, dossier_id, name, kind, title, number, "
        "sha256, size, dated, prepared_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(round_id, name, sha256) DO NOTHING",
        [round_id, dossier_id, name, kind, clean(title), clean(number), sha256, size, dated,
         now_iso()])


def prepared_of_round(db: Database, round_id: int) -> list[PreparedRow]:
    rows = db.execute(f"SELECT {_PREPARED} FROM prepared_documents WHERE round_id = ? "
                      "ORDER BY id", [round_id]).fetchall()
    return [PreparedRow(*r) for r in rows]


def get_prepared(db: Database, prepared_id: int) -> PreparedRow | None:
    row = db.execute(f"SELECT {_PREPARED} FROM prepared_documents WHERE id = ?",
                     [prepared_id]).fetchone()
    return PreparedRow(*row) if row else None


def _signed(row: Any) -> SignedRow:
    values = list(row)
    try:
        values[8] = json.loads(values[8])
    except (TypeError, ValueError):
        values[8] = []
    return SignedRow(*values)


def signed_by_sha(db: Database, sha256: str) -> SignedRow | None:
    row = db.execute(f"SELECT {_SIGNED} FROM signed_documents WHERE sha256 = ?",
                     [sha256]).fetchone()
    return _signed(row) if row else None


def current_signed(db: Database, round_id: int) -> list[SignedRow]:
    """The signed copy in force for each document of the round."""
    rows = db.execute(f"SELECT {_SIGNED} FROM signed_documents WHERE round_id = ? "
                      "AND replaced_at IS NULL ORDER BY name", [round_id]).fetchall()
    return [_signed(r) for r in rows]


def insert_signed(db: Database, *, round_id: int, prepared_id: int, name: str, sha256: str,
                  size: int, stored_path: str, original_name: str,
                  signatures: list[dict[str, Any]], actor: str) -> int:
    """Record a signed copy as the current one of its document (the previous one, if any,
    is marked replaced in the same transaction)."""
    now = now_iso()
    db.execute("UPDATE signed_documents SET replaced_at = ? WHERE round_id = ? AND name = ? "
               "AND replaced_at IS NULL", [now, round_id, name])
    cur = db.execute(
        "INSERT INTO signed_documents (round_id, prepared_id, name, sha256, size, stored_path, "
        "original_name, signatures, imported_at, imported_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [round_id, prepared_id, name, sha256, size, stored_path, clean(original_name),
         json.dumps(signatures, ensure_ascii=False, sort_keys=True), now, clean(actor) or "?"])
    return int(cur.lastrowid or 0)


def trusted_certificates(db: Database) -> list[TrustedRow]:
    rows = db.execute("SELECT sha256, der, subject, role, added_at, added_by "
                      "FROM trusted_certificates ORDER BY id").fetchall()
    return [TrustedRow(str(r[0]), bytes(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]))
            for r in rows]


def add_trusted(db: Database, *, sha256: str, der: bytes, subject: str, role: str,
                actor: str) -> bool:
    """False when the certificate was already there."""
    cur = db.execute(
        "INSERT INTO trusted_certificates (sha256, der, subject, role, added_at, added_by) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
        [sha256, der, clean(subject), role, now_iso(), clean(actor) or "?"])
    return bool(cur.rowcount)


def remove_trusted(db: Database, sha256: str) -> bool:
    cur = db.execute("DELETE FROM trusted_certificates WHERE sha256 = ?", [sha256])
    return bool(cur.rowcount)
