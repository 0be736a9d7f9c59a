"""m010_signed_documents (issue 15): the PDFs the app wrote for signing, the signed copies
the officer brought back, and the certificates the officer trusts."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script


@MIGRATIONS(name="m010_signed_documents")
def m010_signed_documents(db: Database) -> None:
    """prepared_documents: every PDF of a round's dossier as the app wrote it (digest, size,
    number printed, the day it was dated), so a signed copy can be checked against the exact
    original. signed_documents: a signed copy accepted for a document (the file is kept in
    the profile's signed/ folder under its SHA-256); a newer copy of the same document
    replaces the current one but the old row stays. trusted_certificates: roots and CA
    certificates the officer added to the bundled national list."""
    run_script(db, """
        CREATE TABLE prepared_documents (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            dossier_id TEXT NOT NULL CHECK (dossier_id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind <> ''),
            title TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size > 0),
            dated TEXT NOT NULL CHECK (length(dated) = 10),
            prepared_at TEXT NOT NULL,
            UNIQUE (round_id, name, sha256)
        );
        CREATE INDEX prepared_documents_round ON prepared_documents(round_id, name);

        CREATE TABLE signed_documents (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE RESTRICT,
            prepared_id INTEGER NOT NULL REFERENCES prepared_documents(id) ON DELETE RESTRICT,
            name TEXT NOT NULL CHECK (name <> ''),
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size > 0),
            stored_path TEXT NOT NULL CHECK (stored_path <> ''),
            original_name TEXT NOT NULL DEFAULT '',
            signatures TEXT NOT NULL CHECK (json_valid(signatures)),
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            replaced_at TEXT
        );
        CREATE UNIQUE INDEX signed_documents_current ON signed_documents(round_id, name)
            WHERE replaced_at IS NULL;

        CREATE TABLE trusted_certificates (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            der BLOB NOT NULL CHECK (length(der) > 0),
            subject TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('root', 'intermediate')),
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL
        );
        """)
