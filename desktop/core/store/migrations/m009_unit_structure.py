"""m009_unit_structure: the unit's real structure and the number register (issue 11).

- `work_units`: the phòng, trường, trạm, thôn and hợp tác xã inside the unit, with the full
  official name documents print and the head (name and title) who certifies the achievement
  reports of its people. Every person and collective may belong to one (`work_unit_id`).
  Existing databases get one work unit per department already typed on people, with its
  people (and the collective of the same name) linked, so nobody has to re-enter them.
- The Mẫu 05 lý lịch fields of a person (quê quán, trú quán, trình độ chuyên môn, lý luận
  chính trị, học hàm/học vị, Party and mass-organisation posts), all optional.
- `document_numbers.issuer_code`: the counter is kept per issuer (Decree 30 Art 15: a council
  that issues under its own name keeps its own sequence), so the table is rebuilt with the
  uniqueness on (year, type, issuer, number).
- `next_numbers`: the number the officer says comes next for a type, issuer and year (the
  register kept on paper may be ahead of what the app knows).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations import shipped_m001_m008  # noqa: F401  (m001–m008 first)
from desktop.core.store.migrations.base import MIGRATIONS, run_script
from desktop.core.text import clean, fold, sort_key

# The council's code in "01/TTr-HĐTĐKT", as forms/documents printed it when this shipped.
_COUNCIL_DOCUMENTS = ("to_trinh_noi_bo", "bien_ban_hop", "bien_ban_kiem_phieu")
_COUNCIL_CODE = "HĐTĐKT"

# The kind of a work unit made from a department name, by how the name starts (lower case,
# with its marks: "bản" is a village, "ban" a board).
_KIND_BY_PREFIX = (
    (("trường ",), "truong"),
    (("trạm ", "trung tâm "), "tram"),
    (("thôn ", "tổ dân phố ", "bản ", "xóm ", "khu phố ", "ấp ", "làng "), "thon"),
    (("hợp tác xã ", "htx ", "công ty ", "doanh nghiệp "), "hop_tac_xa"),
    (("phòng ", "văn phòng ", "ban "), "phong"),
)


def kind_from_name(name: str) -> str:
    lowered = clean(name).lower() + " "
    for prefixes, kind in _KIND_BY_PREFIX:
        if lowered.startswith(prefixes):
            return kind
    return "khac"


@MIGRATIONS(name="m009_unit_structure")
def m009_unit_structure(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE work_units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            short_name TEXT NOT NULL DEFAULT '',
            name_folded TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'khac'
                CHECK (kind IN ('phong', 'truong', 'tram', 'thon', 'hop_tac_xa', 'khac')),
            head_name TEXT NOT NULL DEFAULT '',
            head_title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX work_units_name ON work_units(name_folded);
        CREATE INDEX work_units_sort ON work_units(sort_key, id);

        ALTER TABLE people ADD COLUMN work_unit_id INTEGER
            REFERENCES work_units(id) ON DELETE SET NULL;
        ALTER TABLE people ADD COLUMN hometown TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN residence TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN qualification TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN political_theory TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN academic_rank TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN party_post TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN mass_org_post TEXT NOT NULL DEFAULT '';
        CREATE INDEX people_work_unit ON people(work_unit_id) WHERE work_unit_id IS NOT NULL;

        ALTER TABLE collectives ADD COLUMN work_unit_id INTEGER
            REFERENCES work_units(id) ON DELETE SET NULL;

        CREATE TABLE document_numbers_m009 (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            doc_type TEXT NOT NULL CHECK (doc_type <> ''),
            issuer_code TEXT NOT NULL DEFAULT '',
            number INTEGER NOT NULL CHECK (number > 0),
            round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
            document TEXT NOT NULL CHECK (document <> ''),
            issued_on TEXT NOT NULL,
            UNIQUE (year, doc_type, issuer_code, number),
            UNIQUE (round_id, document)
        );

        CREATE TABLE next_numbers (
            year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
            doc_type TEXT NOT NULL CHECK (doc_type <> ''),
            issuer_code TEXT NOT NULL,
            next_number INTEGER NOT NULL CHECK (next_number BETWEEN 1 AND 99999),
            set_on TEXT NOT NULL,
            PRIMARY KEY (year, doc_type, issuer_code)
        ) WITHOUT ROWID;
        """,
    )
    unit_code = db.execute("SELECT COALESCE((SELECT doc_code FROM unit WHERE id = 1), '')"
                           ).fetchone()[0]
    council = ", ".join("?" * len(_COUNCIL_DOCUMENTS))
    db.execute(
        "INSERT INTO document_numbers_m009 (id, year, doc_type, issuer_code, number, round_id, "
        "document, issued_on) SELECT id, year, doc_type, "
        f"CASE WHEN document IN ({council}) THEN ? ELSE ? END, number, round_id, document, "
        "issued_on FROM document_numbers",
        [*_COUNCIL_DOCUMENTS, _COUNCIL_CODE, unit_code])
    db.execute("DROP TABLE document_numbers")
    db.execute("ALTER TABLE document_numbers_m009 RENAME TO document_numbers")
    _work_units_from_departments(db)


def _work_units_from_departments(db: Database) -> None:
    """One work unit per department typed on people (same folded name = same unit), people
    and the collective of that name linked to it. Names are kept as typed: the officer adds
    the full official name and the head in the work-unit editor."""
    stamp = db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')").fetchone()[0]
    spellings: dict[str, dict[str, int]] = {}
    for department, count in db.execute(
            "SELECT department, count(*) FROM people WHERE department <> '' "
            "GROUP BY department").fetchall():
        spellings.setdefault(fold(department), {})[clean(department)] = int(count)
    by_folded: dict[str, int] = {}
    for folded, names in sorted(spellings.items(), key=lambda kv: sort_key(kv[0])):
        # the spelling most people have; among equals the one with more capitals
        name = max(names, key=lambda n: (names[n], sum(c.isupper() for c in n), n))
        cur = db.execute(
            "INSERT INTO work_units (name, name_folded, sort_key, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [name, folded, sort_key(name), kind_from_name(name), stamp, stamp])
        by_folded[folded] = int(cur.lastrowid or 0)
    if not by_folded:
        return
    people = db.execute("SELECT id, department FROM people WHERE department <> ''").fetchall()
    db.conn.executemany("UPDATE people SET work_unit_id = ? WHERE id = ?",
                        [(by_folded[fold(dept)], pid) for pid, dept in people])
    collectives = db.execute("SELECT id, name_folded FROM collectives").fetchall()
    db.conn.executemany("UPDATE collectives SET work_unit_id = ? WHERE id = ?",
                        [(by_folded[folded], cid) for cid, folded in collectives
                         if folded in by_folded])
