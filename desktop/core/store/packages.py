"""Repositories for signed packages (migration m008_packages).

SQL only; the rules are in desktop.core.operations.keys / .packages (export side) and
desktop.core.operations.receiving (receiving side). Callers wrap writes in `Store.write()`;
these functions never commit by themselves.

Sections: the unit's signing keys and the packages it exported first (export side), then the
receiving side (known units, received packages, imported decisions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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


# ==== receiving side (known units, received packages, imported decisions) ======================
