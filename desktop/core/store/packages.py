"""Repositories for signed packages (migration m008_packages).

SQL only; the rules are in desktop.core.operations.keys / .packages (export side) and
desktop.core.operations.receiving (receiving side). Callers wrap writes in `Store.write()`;
these functions never commit by themselves.

Sections: the unit's signing keys and the packages it exported first (export side), then the
receiving side (known units, received packages, imported decisions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.core.store.database import now_iso
from desktop.core.text import clean

# ==== export side ==============================================================================

# ---- signing keys -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningKeyRow:
    """The public half of one of the unit's keys. The secret half never enters the database:
    it is in the OS keyring (`storage == "keyring"`) or a passphrase-protected file."""

    key_id: str            # 16 upper-case hex digits, as minisign prints it
    public_key: str        # the minisign public key file text
    storage: str           # "keyring" | "file"
    created_at: str
    retired_at: str | None = None
    id: int | None = None

    @property
    def active(self) -> bool:
        return self.retired_at is None


_KEY_COLUMNS = "id, key_id, public_key, storage, created_at, retired_at"


def _key(row: Any) -> SigningKeyRow:
    return SigningKeyRow(id=int(row[0]), key_id=str(row[1]), public_key=str(row[2]),
                         storage=str(row[3]), created_at=str(row[4]),
                         retired_at=str(row[5]) if row[5] else None)


def insert_signing_key(db: Database, key_id: str, public_key: str, storage: str,
                       created_at: str | None = None) -> SigningKeyRow:
    """Record a new active key. Retire the previous one first (one active key at a time)."""
    db.execute("INSERT INTO signing_keys (key_id, public_key, storage, created_at) "
               "VALUES (?,?,?,?)", [key_id.upper(), public_key, storage, created_at or now_iso()])
    found = get_signing_key(db, key_id)
    assert found is not None
    return found


def retire_signing_key(db: Database, key_id: str, retired_at: str | None = None) -> None:
    db.execute("UPDATE signing_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL",
               [retired_at or now_iso(), key_id.upper()])


def set_key_storage(db: Database, key_id: str, storage: str) -> None:
    db.execute("UPDATE signing_keys SET storage = ? WHERE key_id = ?", [storage, key_id.upper()])


def get_signing_key(db: Database, key_id: str) -> SigningKeyRow | None:
    row = db.execute(f"SELECT {_KEY_COLUMNS} FROM signing_keys WHERE key_id = ?",
                     [key_id.upper()]).fetchone()
    return _key(row) if row else None


def active_signing_key(db: Database) -> SigningKeyRow | None:
    row = db.execute(f"SELECT {_KEY_COLUMNS} FROM signing_keys WHERE retired_at IS NULL"
                     ).fetchone()
    return _key(row) if row else None


def signing_keys(db: Database) -> list[SigningKeyRow]:
    """Every key the unit ever had, oldest first (retired ones verify old packages)."""
    rows = db.execute(f"SELECT {_KEY_COLUMNS} FROM signing_keys ORDER BY id").fetchall()
    return [_key(r) for r in rows]


# ---- exported packages ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportedPackageRow:
    round_id: int
    dossier_id: str
    revision: int
    file_name: str
    sha256: str
    key_id: str
    created_at: str
    receipt: dict[str, Any] | None = None
    received_at: str | None = None
    id: int | None = None


_PKG_COLUMNS = ("id, round_id, dossier_id, revision, file_name, sha256, key_id, created_at, "
                "receipt, received_at")


def _package(row: Any) -> ExportedPackageRow:
    receipt = json.loads(row[8]) if row[8] else None
    return ExportedPackageRow(id=int(row[0]), round_id=int(row[1]), dossier_id=str(row[2]),
                              revision=int(row[3]), file_name=str(row[4]), sha256=str(row[5]),
                              key_id=str(row[6]), created_at=str(row[7]),
                              receipt=receipt if isinstance(receipt, dict) else None,
                              received_at=str(row[9]) if row[9] else None)


def insert_exported_package(db: Database, round_id: int, dossier_id: str, revision: int,
                            file_name: str, sha256: str, key_id: str,
                            created_at: str | None = None) -> ExportedPackageRow:
    db.execute("INSERT INTO exported_packages (round_id, dossier_id, revision, file_name, "
               "sha256, key_id, created_at) VALUES (?,?,?,?,?,?,?)",
               [round_id, clean(dossier_id), revision, clean(file_name), sha256.lower(),
                key_id.upper(), created_at or now_iso()])
    found = get_exported_package(db, dossier_id, revision)
    assert found is not None
    return found


def get_exported_package(db: Database, dossier_id: str, revision: int
                         ) -> ExportedPackageRow | None:
    row = db.execute(f"SELECT {_PKG_COLUMNS} FROM exported_packages "
                     "WHERE dossier_id = ? AND revision = ?", [dossier_id, revision]).fetchone()
    return _package(row) if row else None


def latest_exported_package(db: Database, dossier_id: str) -> ExportedPackageRow | None:
    """The highest revision exported for this dossier id, if any."""
    row = db.execute(f"SELECT {_PKG_COLUMNS} FROM exported_packages WHERE dossier_id = ? "
                     "ORDER BY revision DESC LIMIT 1", [dossier_id]).fetchone()
    return _package(row) if row else None


def exported_packages(db: Database, round_id: int | None = None) -> list[ExportedPackageRow]:
    """Packages exported (of one round, or all), oldest first."""
    if round_id is None:
        rows = db.execute(f"SELECT {_PKG_COLUMNS} FROM exported_packages ORDER BY id"
                          ).fetchall()
    else:
        rows = db.execute(f"SELECT {_PKG_COLUMNS} FROM exported_packages WHERE round_id = ? "
                          "ORDER BY id", [round_id]).fetchall()
    return [_package(r) for r in rows]


def demo_sendings(db: Database, round_id: int) -> dict[str, str]:
    """sha256 → output folder of this round's packages that `hoso demo` sent itself (its
    "demo_sending" audit entries): a sending the officer never made."""
    return {str(sha): str(out or "") for sha, out in db.execute(
        "SELECT json_extract(detail, '$.sha256'), json_extract(detail, '$.out') FROM audit_log "
        "WHERE action = 'demo_sending' AND entity = 'round' AND entity_id = ?", [round_id])
        if sha}


# ==== receiving side (known units, received packages, imported decisions) ======================


PROVINCE_CODE = "PROVINCE"
"""The reserved unit code under which a unit profile keeps the province's public key(s) in
known_units: they rotate like a unit's (a new key is added, the old kept, so old receipts still
verify) and live in the profile's own database, not in the data dir's settings."""


def _rows(db: Database, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = db.execute(sql, list(args))
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _json(raw: Any) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---- known units (and the province key on a unit profile) ---------------------------------------


@dataclass(frozen=True)
class KnownKey:
    unit_code: str
    unit_name: str
    key_id: str
    public_key: str          # the minisign public key file text
    enrolled_at: str
    retired_at: str | None = None
    id: int | None = None


def _known(row: dict[str, Any]) -> KnownKey:
    return KnownKey(row["unit_code"], row["unit_name"], row["key_id"], row["public_key"],
                    row["enrolled_at"], row["retired_at"], row["id"])


def insert_known_key(db: Database, unit_code: str, unit_name: str, key_id: str,
                     public_key: str) -> int:
    cur = db.execute(
        "INSERT INTO known_units (unit_code, unit_name, key_id, public_key, enrolled_at) "
        "VALUES (?,?,?,?,?)",
        [clean(unit_code), clean(unit_name), key_id, public_key.strip() + "\n", now_iso()])
    return int(cur.lastrowid or 0)


def rename_unit(db: Database, unit_code: str, unit_name: str) -> None:
    """A unit's name as last enrolled, on every one of its keys."""
    db.execute("UPDATE known_units SET unit_name = ? WHERE unit_code = ?",
               [clean(unit_name), clean(unit_code)])


def known_key(db: Database, key_id: str) -> KnownKey | None:
    rows = _rows(db, "SELECT * FROM known_units WHERE key_id = ?", [key_id])
    return _known(rows[0]) if rows else None


def known_keys(db: Database, *, province: bool = False) -> list[KnownKey]:
    """Every enrolled key (retired ones too: old packages still verify), by unit then date.
    province=True: only the province's keys; False: only the units'."""
    op = "=" if province else "<>"
    return [_known(r) for r in _rows(
        db, f"SELECT * FROM known_units WHERE unit_code {op} ? "
        "ORDER BY unit_code, enrolled_at, id", [PROVINCE_CODE])]


def retire_key(db: Database, key_id: str) -> None:
    db.execute("UPDATE known_units SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL",
               [now_iso(), key_id])


# ---- received packages (province side) ----------------------------------------------------------


@dataclass(frozen=True)
class ReceivedRow:
    dossier_id: str
    revision: int
    revision_of: str
    unit_code: str
    unit_name: str
    key_id: str
    sha256: str
    stored_path: str
    summary: dict[str, Any] = field(default_factory=dict)
    received_at: str = ""
    id: int | None = None


def _received(row: dict[str, Any]) -> ReceivedRow:
    return ReceivedRow(row["dossier_id"], int(row["revision"]), row["revision_of"],
                       row["unit_code"], row["unit_name"], row["key_id"], row["sha256"],
                       row["stored_path"], _json(row["summary"]), row["received_at"], row["id"])


def insert_received(db: Database, row: ReceivedRow) -> int:
    cur = db.execute(
        "INSERT INTO received_packages (dossier_id, revision, revision_of, unit_code, unit_name, "
        "key_id, sha256, stored_path, summary, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [clean(row.dossier_id), row.revision, clean(row.revision_of), clean(row.unit_code),
         clean(row.unit_name), row.key_id, row.sha256, row.stored_path,
         json.dumps(row.summary, ensure_ascii=False, sort_keys=True),
         row.received_at or now_iso()])
    return int(cur.lastrowid or 0)


def received_by_sha(db: Database, sha256: str) -> ReceivedRow | None:
    rows = _rows(db, "SELECT * FROM received_packages WHERE sha256 = ?", [sha256])
    return _received(rows[0]) if rows else None


def received_revision(db: Database, dossier_id: str, revision: int) -> ReceivedRow | None:
    rows = _rows(db, "SELECT * FROM received_packages WHERE dossier_id = ? AND revision = ?",
                 [dossier_id, revision])
    return _received(rows[0]) if rows else None


def get_received(db: Database, received_id: int) -> ReceivedRow | None:
    rows = _rows(db, "SELECT * FROM received_packages WHERE id = ?", [received_id])
    return _received(rows[0]) if rows else None


def received_list(db: Database) -> list[ReceivedRow]:
    """Newest first; revisions of one dossier together, latest revision on top."""
    return [_received(r) for r in _rows(
        db, "SELECT r.* FROM received_packages r ORDER BY "
        "(SELECT MAX(received_at) FROM received_packages x WHERE x.dossier_id = r.dossier_id) "
        "DESC, r.dossier_id, r.revision DESC")]


def latest_revision(db: Database, dossier_id: str) -> int | None:
    row = db.execute("SELECT MAX(revision) FROM received_packages WHERE dossier_id = ?",
                     [dossier_id]).fetchone()
    return int(row[0]) if row and row[0] is not None else None


# ---- exported packages: receipts (unit side) -----------------------------------------------------


def set_receipt(db: Database, exported_id: int, receipt: dict[str, Any], received_at: str
                ) -> None:
    db.execute("UPDATE exported_packages SET receipt = ?, received_at = ? WHERE id = ?",
               [json.dumps(receipt, ensure_ascii=False, sort_keys=True), received_at,
                exported_id])


def round_of_dossier(db: Database, dossier_id: str) -> int | None:
    """The round a dossier id names: from the packages sent, else from the round itself."""
    row = db.execute("SELECT round_id FROM exported_packages WHERE dossier_id = ? "
                     "ORDER BY revision DESC LIMIT 1", [dossier_id]).fetchone()
    if row is None:
        row = db.execute("SELECT id FROM rounds WHERE dossier_id = ?", [dossier_id]).fetchone()
    return int(row[0]) if row else None


# ---- imported decisions files (unit side) --------------------------------------------------------


@dataclass(frozen=True)
class ImportedDecisionsRow:
    sha256: str
    dossier_id: str
    decision_no: str
    applied: int
    imported_at: str
    id: int | None = None


def decisions_by_sha(db: Database, sha256: str) -> ImportedDecisionsRow | None:
    rows = _rows(db, "SELECT * FROM imported_decisions WHERE sha256 = ?", [sha256])
    if not rows:
        return None
    r = rows[0]
    return ImportedDecisionsRow(r["sha256"], r["dossier_id"], r["decision_no"], int(r["applied"]),
                                r["imported_at"], r["id"])


def insert_decisions(db: Database, sha256: str, dossier_id: str, decision_no: str,
                     applied: int) -> int:
    cur = db.execute(
        "INSERT INTO imported_decisions (sha256, dossier_id, decision_no, applied, imported_at) "
        "VALUES (?,?,?,?,?)", [sha256, clean(dossier_id), clean(decision_no), applied, now_iso()])
    return int(cur.lastrowid or 0)
