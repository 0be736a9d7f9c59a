"""Migrations m001–m008, as shipped (never edit or reorder them)."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS
from desktop.core.store.migrations.base import run_script as _run_script
from desktop.core.text import person_sort_key, sort_key

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


@MIGRATIONS(name="m004_rounds")
def m004_rounds(db: Database) -> None:
    """Emulation registration, nomination rounds, council meetings and votes, dossier
    attachments and public posting (issue 4, LAW §5).

    Nominations hold their person or collective with ON DELETE RESTRICT: someone who has been
    nominated cannot disappear from the registry silently (the operation explains why).
    Sáng kiến are referred to by name, not id: replace_history re-creates history rows.
    """
    _run_script(db,
        """
        CREATE TABLE registrations (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            target TEXT NOT NULL CHECK (target <> ''),
            registered_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
            collective_id INTEGER REFERENCES collectives(id) ON DELETE CASCADE,
            CHECK ((person_id IS NULL) <> (collective_id IS NULL))
        );
        CREATE UNIQUE INDEX registrations_person ON registrations(year, target, person_id)
            WHERE person_id IS NOT NULL;
        CREATE UNIQUE INDEX registrations_collective
            ON registrations(year, target, collective_id) WHERE collective_id IS NOT NULL;

        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('cong_trang', 'dot_xuat', 'phong_trao',
                                               'cong_hien')),
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            name TEXT NOT NULL CHECK (name <> ''),
            movement TEXT NOT NULL DEFAULT '',
            movement_from TEXT,
            movement_to TEXT,
            deadline TEXT NOT NULL,
            receiving_body TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (kind <> 'phong_trao' OR movement <> ''),
            CHECK (movement_to IS NULL OR movement_from IS NULL OR movement_to >= movement_from)
        );
        CREATE INDEX rounds_year ON rounds(year, kind);

        CREATE TABLE nominations (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE RESTRICT,
            person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
            collective_id INTEGER REFERENCES collectives(id) ON DELETE RESTRICT,
            target TEXT NOT NULL CHECK (target <> ''),
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'reviewed', 'ready', 'exported', 'returned',
                                  'decided')),
            verdict TEXT NOT NULL CHECK (verdict IN ('eligible', 'ineligible', 'hold')),
            reasons TEXT NOT NULL DEFAULT '[]',
            justification TEXT NOT NULL DEFAULT '',
            achievement TEXT NOT NULL DEFAULT '',
            initiative TEXT NOT NULL DEFAULT '',
            initiative_folded TEXT NOT NULL DEFAULT '',
            simplified INTEGER NOT NULL DEFAULT 0 CHECK (simplified IN (0, 1)),
            province_notes TEXT NOT NULL DEFAULT '',
            decision_no TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((person_id IS NULL) <> (collective_id IS NULL)),
            CHECK (verdict = 'eligible' OR justification <> ''),
            CHECK (status <> 'decided' OR (decision_no <> '' AND decision_date IS NOT NULL))
        );
        CREATE UNIQUE INDEX nominations_person ON nominations(round_id, person_id, target)
            WHERE person_id IS NOT NULL;
        CREATE UNIQUE INDEX nominations_collective
            ON nominations(round_id, collective_id, target) WHERE collective_id IS NOT NULL;
        CREATE INDEX nominations_person_any ON nominations(person_id)
            WHERE person_id IS NOT NULL;
        CREATE INDEX nominations_collective_any ON nominations(collective_id)
            WHERE collective_id IS NOT NULL;

        CREATE TABLE council_meetings (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE RESTRICT,
            held_on TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            chair TEXT NOT NULL DEFAULT '',
            secretary TEXT NOT NULL DEFAULT '',
            members_total INTEGER NOT NULL CHECK (members_total > 0),
            present INTEGER NOT NULL CHECK (present >= 0),
            written_opinions INTEGER NOT NULL DEFAULT 0 CHECK (written_opinions >= 0),
            counting_committee TEXT NOT NULL DEFAULT '[]',
            CHECK (present + written_opinions <= members_total)
        );
        CREATE INDEX council_meetings_round ON council_meetings(round_id);

        CREATE TABLE council_votes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES council_meetings(id) ON DELETE RESTRICT,
            nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
            method TEXT NOT NULL CHECK (method IN ('ballot', 'hands')),
            ballots_issued INTEGER,
            ballots_valid INTEGER,
            votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
            threshold REAL NOT NULL CHECK (threshold > 0 AND threshold <= 1),
            passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
            UNIQUE (meeting_id, nomination_id),
            CHECK (method = 'hands' OR (ballots_issued IS NOT NULL AND ballots_valid IS NOT NULL
                   AND votes_for <= ballots_valid AND ballots_valid <= ballots_issued))
        );
        CREATE INDEX council_votes_nomination ON council_votes(nomination_id);

        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
            part TEXT NOT NULL CHECK (part <> ''),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            original_name TEXT NOT NULL DEFAULT '',
            media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg',
                                                           'image/png')),
            size INTEGER NOT NULL CHECK (size > 0),
            reduced INTEGER NOT NULL DEFAULT 0 CHECK (reduced IN (0, 1)),
            added_at TEXT NOT NULL,
            UNIQUE (nomination_id, part, sha256)
        );
        CREATE INDEX attachments_sha ON attachments(sha256);

        CREATE TABLE checklist_marks (
            nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
            part TEXT NOT NULL CHECK (part <> ''),
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (nomination_id, part)
        ) WITHOUT ROWID;

        CREATE TABLE public_postings (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            posted_from TEXT NOT NULL,
            posted_to TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            CHECK (posted_to >= posted_from)
        );
        CREATE INDEX public_postings_round ON public_postings(round_id);
        """
    )


@MIGRATIONS(name="m005_people_identity_index")
def m005_people_identity_index(db: Database) -> None:
    """The duplicate-person check (same folded name and birth date) without a table scan.

    Every save and every imported row asks it; at 100k people a scan per row made a large
    import take minutes.
    """
    db.execute("CREATE INDEX people_identity ON people(name_folded, birth_date)")


@MIGRATIONS(name="m006_claims")
def m006_claims(db: Database) -> None:
    """Officer confirmations beyond the three qualitative ticks, per subject and year.

    The criteria name them (forms/titles: predicate "claim"); until now nothing could hold
    them, so Giấy khen, Cờ thi đua and thôn văn hóa always read "cần xác nhận".
    """
    _run_script(
        db,
        f"""
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            code TEXT NOT NULL CHECK (code <> ''),
            note TEXT NOT NULL DEFAULT '',
            {_OWNER}
        );
        CREATE UNIQUE INDEX claims_person ON claims(person_id, year, code)
            WHERE person_id IS NOT NULL;
        CREATE UNIQUE INDEX claims_collective ON claims(collective_id, year, code)
            WHERE collective_id IS NOT NULL;
        CREATE INDEX claims_year ON claims(year, code);
        """,
    )


@MIGRATIONS(name="m007_documents")
def m007_documents(db: Database) -> None:
    """The dossier documents (issue 5): the unit's code for package names, a stable dossier id
    per round, the yearly document counter (Decree 30 Art 15) and the achievement reports.

    A number is issued once per (round, document) and kept, so reprinting a tờ trình never
    consumes a new number; the counter restarts each year because the year is in the key.
    """
    _run_script(
        db,
        """
        ALTER TABLE unit ADD COLUMN code TEXT NOT NULL DEFAULT '';
        ALTER TABLE rounds ADD COLUMN dossier_id TEXT;
        CREATE UNIQUE INDEX rounds_dossier_id ON rounds(dossier_id)
            WHERE dossier_id IS NOT NULL;

        CREATE TABLE document_numbers (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            doc_type TEXT NOT NULL CHECK (doc_type <> ''),
            number INTEGER NOT NULL CHECK (number > 0),
            round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
            document TEXT NOT NULL CHECK (document <> ''),
            issued_on TEXT NOT NULL,
            UNIQUE (year, doc_type, number),
            UNIQUE (round_id, document)
        );

        CREATE TABLE achievement_reports (
            nomination_id INTEGER PRIMARY KEY
                REFERENCES nominations(id) ON DELETE CASCADE,
            sections TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sections)),
            updated_at TEXT NOT NULL
        );
        """,
    )


@MIGRATIONS(name="m008_packages")
def m008_packages(db: Database) -> None:
    """Signed packages (issue 6): the unit's signing keys (public halves only; the secret is
    in the OS keyring or a passphrase-protected file), the packages it exported and their
    receipts, and on the receiving side the units it knows and the packages it received.

    Retired keys stay so old packages still verify.
    """
    _run_script(
        db,
        """
        CREATE TABLE signing_keys (
            id INTEGER PRIMARY KEY,
            key_id TEXT NOT NULL UNIQUE CHECK (length(key_id) = 16),
            public_key TEXT NOT NULL CHECK (public_key <> ''),
            storage TEXT NOT NULL CHECK (storage IN ('keyring', 'file')),
            created_at TEXT NOT NULL,
            retired_at TEXT
        );
        CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys(retired_at IS NULL)
            WHERE retired_at IS NULL;

        CREATE TABLE exported_packages (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE RESTRICT,
            dossier_id TEXT NOT NULL CHECK (dossier_id <> ''),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            file_name TEXT NOT NULL CHECK (file_name <> ''),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            key_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            receipt TEXT CHECK (receipt IS NULL OR json_valid(receipt)),
            received_at TEXT,
            UNIQUE (dossier_id, revision)
        );

        CREATE TABLE known_units (
            id INTEGER PRIMARY KEY,
            unit_code TEXT NOT NULL CHECK (unit_code <> ''),
            unit_name TEXT NOT NULL DEFAULT '',
            key_id TEXT NOT NULL UNIQUE CHECK (length(key_id) = 16),
            public_key TEXT NOT NULL CHECK (public_key <> ''),
            enrolled_at TEXT NOT NULL,
            retired_at TEXT
        );
        CREATE INDEX known_units_code ON known_units(unit_code);

        CREATE TABLE received_packages (
            id INTEGER PRIMARY KEY,
            dossier_id TEXT NOT NULL CHECK (dossier_id <> ''),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            revision_of TEXT NOT NULL DEFAULT '',
            unit_code TEXT NOT NULL,
            unit_name TEXT NOT NULL DEFAULT '',
            key_id TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            stored_path TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
            received_at TEXT NOT NULL,
            UNIQUE (dossier_id, revision)
        );

        CREATE TABLE imported_decisions (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            dossier_id TEXT NOT NULL DEFAULT '',
            decision_no TEXT NOT NULL DEFAULT '',
            applied INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL
        );
        """,
    )
