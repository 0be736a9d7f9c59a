"""Append-only schema migrations (sqlite_utils.Migrations).

Never edit or reorder a migration that has shipped: add a new one at the end, with a test in
tests/migrations/. The set's names are how a newer database is recognised and refused.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from desktop.core.text import person_sort_key, sort_key

MIGRATIONS = Migrations("hoso")

_OWNER = """
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    collective_id INTEGER REFERENCES collectives(id) ON DELETE CASCADE,
    CHECK ((person_id IS NULL) <> (collective_id IS NULL))
"""


@MIGRATIONS(name="m001_registry")
def m001_registry(db: Database) -> None:
    """Unit profile, people, collectives, year-by-year history, append-only audit log."""
    _run_script(db,
        f"""
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('xa', 'co_quan')),
            superior_body TEXT NOT NULL DEFAULT '',
            doc_code TEXT NOT NULL CHECK (doc_code <> ''),
            place_name TEXT NOT NULL DEFAULT '',
            head_name TEXT NOT NULL DEFAULT '',
            head_title TEXT NOT NULL DEFAULT '',
            officer_name TEXT NOT NULL DEFAULT '',
            officer_title TEXT NOT NULL DEFAULT '',
            province TEXT NOT NULL DEFAULT 'default',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            full_name TEXT NOT NULL CHECK (full_name <> ''),
            name_folded TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            birth_date TEXT,
            gender TEXT CHECK (gender IN ('nam', 'nu')),
            ethnicity TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            subject_group TEXT NOT NULL DEFAULT 'cbccvc'
                CHECK (subject_group IN ('cbccvc', 'nguoi_lao_dong', 'cong_nhan_nong_dan',
                                         'vu_trang')),
            hired_on TEXT,
            phone TEXT NOT NULL DEFAULT '',
            national_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX people_sort ON people(sort_key, id);
        CREATE INDEX people_department ON people(department);

        CREATE TABLE collectives (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            name_folded TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'phong_ban',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX collectives_sort ON collectives(sort_key, id);
        CREATE TABLE collective_members (
            collective_id INTEGER NOT NULL REFERENCES collectives(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (collective_id, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX collective_members_person ON collective_members(person_id);

        CREATE TABLE year_records (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            rating TEXT CHECK (rating IN ('htxs', 'htt', 'ht', 'kht')),
            pending_review INTEGER NOT NULL DEFAULT 0,
            pending_note TEXT NOT NULL DEFAULT '',
            exemplary INTEGER,
            solidarity INTEGER,
            movement INTEGER,
            qualities_note TEXT NOT NULL DEFAULT '',
            {_OWNER}
        );
        CREATE UNIQUE INDEX year_records_person ON year_records(person_id, year)
            WHERE person_id IS NOT NULL;
        CREATE UNIQUE INDEX year_records_collective ON year_records(collective_id, year)
            WHERE collective_id IS NOT NULL;

        CREATE TABLE awards (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            code TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'cong_trang'
                CHECK (kind IN ('cong_trang', 'dot_xuat', 'phong_trao', 'cong_hien',
                                'doi_ngoai')),
            decision_no TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            issuer TEXT NOT NULL DEFAULT '',
            {_OWNER}
        );
        CREATE INDEX awards_person ON awards(person_id, year) WHERE person_id IS NOT NULL;
        CREATE INDEX awards_collective ON awards(collective_id, year)
            WHERE collective_id IS NOT NULL;
        CREATE INDEX awards_code_year ON awards(code, year);

        CREATE TABLE initiatives (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            name TEXT NOT NULL CHECK (name <> ''),
            scope TEXT NOT NULL DEFAULT 'co_so' CHECK (scope IN ('co_so', 'tinh', 'toan_quoc')),
            decision_no TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            recognised_by TEXT NOT NULL DEFAULT '',
            used_for_code TEXT NOT NULL DEFAULT '',
            used_for_year INTEGER,
            {_OWNER}
        );
        CREATE INDEX initiatives_person ON initiatives(person_id) WHERE person_id IS NOT NULL;
        CREATE INDEX initiatives_collective ON initiatives(collective_id)
            WHERE collective_id IS NOT NULL;

        CREATE TABLE research_topics (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            name TEXT NOT NULL CHECK (name <> ''),
            scope TEXT NOT NULL DEFAULT 'co_so' CHECK (scope IN ('co_so', 'tinh', 'toan_quoc')),
            accepted_on TEXT,
            applied INTEGER NOT NULL DEFAULT 0,
            used_for_code TEXT NOT NULL DEFAULT '',
            used_for_year INTEGER,
            {_OWNER}
        );
        CREATE INDEX research_person ON research_topics(person_id) WHERE person_id IS NOT NULL;
        CREATE INDEX research_collective ON research_topics(collective_id)
            WHERE collective_id IS NOT NULL;

        CREATE TABLE discipline (
            id INTEGER PRIMARY KEY,
            level TEXT NOT NULL CHECK (level IN ('khien_trach', 'canh_cao', 'ha_bac_luong',
                                                 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
            start_date TEXT NOT NULL,
            end_date TEXT,
            decision_no TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            {_OWNER},
            CHECK (end_date IS NULL OR end_date >= start_date)
        );
        CREATE INDEX discipline_person ON discipline(person_id) WHERE person_id IS NOT NULL;
        CREATE INDEX discipline_collective ON discipline(collective_id)
            WHERE collective_id IS NOT NULL;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER,
            summary TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
    )


@MIGRATIONS(name="m002_name_search")
def m002_name_search(db: Database) -> None:
    """FTS5 over the folded names, with prefix indexes so search-as-you-type stays fast.

    The folded column already has đ→d (FTS5's remove_diacritics never folds đ).
    """
    for table in ("people", "collectives"):
        _run_script(db,
            f"""
            CREATE VIRTUAL TABLE {table}_fts USING fts5(
                name_folded, content='{table}', content_rowid='id',
                tokenize='unicode61', prefix='1 2 3');
            INSERT INTO {table}_fts(rowid, name_folded) SELECT id, name_folded FROM {table};
            CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN
                INSERT INTO {table}_fts(rowid, name_folded) VALUES (new.id, new.name_folded);
            END;
            CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN
                INSERT INTO {table}_fts({table}_fts, rowid, name_folded)
                    VALUES ('delete', old.id, old.name_folded);
            END;
            CREATE TRIGGER {table}_fts_au AFTER UPDATE OF name_folded ON {table} BEGIN
                INSERT INTO {table}_fts({table}_fts, rowid, name_folded)
                    VALUES ('delete', old.id, old.name_folded);
                INSERT INTO {table}_fts(rowid, name_folded) VALUES (new.id, new.name_folded);
            END;
            """
        )


@MIGRATIONS(name="m003_sort_keys_latin_letters")
def m003_sort_keys_latin_letters(db: Database) -> None:
    """Recompute the stored sort keys: f, j, w, z now sort in their Latin places.

    Before this, names with those letters sorted after y, and keys written by the old
    text.sort_key would not interleave with new ones.
    """
    conn = db.conn
    people = conn.execute("SELECT id, full_name FROM people").fetchall()
    conn.executemany("UPDATE people SET sort_key = ? WHERE id = ?",
                     [(person_sort_key(name), pid) for pid, name in people])
    collectives = conn.execute("SELECT id, name FROM collectives").fetchall()
    conn.executemany("UPDATE collectives SET sort_key = ? WHERE id = ?",
                     [(sort_key(name), cid) for cid, name in collectives])


def _run_script(db: Database, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the migration's transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending!r}")


def known_names() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]
