"""m015_list_summaries: a nomination's list wording (empty by default) and the drafted mark of
an achievement report (0 or 1, 0 for the reports written before it)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def _nomination(db: Database) -> int:
    pid = db.execute("INSERT INTO people (full_name, name_folded, sort_key, created_at, "
                     "updated_at) VALUES ('Lê Thị Lan', 'le thi lan', 'k', ?, ?)",
                     [NOW, NOW]).lastrowid
    rid = db.execute("INSERT INTO rounds (name, kind, year, deadline, created_at) "
                     "VALUES ('Đợt 2026', 'cong_trang', 2026, '2026-12-10', ?)", [NOW]).lastrowid
    cur = db.execute("INSERT INTO nominations (round_id, person_id, target, verdict, "
                     "created_at, updated_at) VALUES (?, ?, 'lao_dong_tien_tien', "
                     "'eligible', ?, ?)", [rid, pid, NOW, NOW])
    return int(cur.lastrowid or 0)


def test_old_reports_are_not_drafts_and_lists_keep_the_apps_wording(raw_db: Database) -> None:
    upto(raw_db, "m013_former_units")
    nid = _nomination(raw_db)
    raw_db.execute("INSERT INTO achievement_reports (nomination_id, sections, updated_at) "
                   "VALUES (?, '{}', ?)", [nid, NOW])
    upto(raw_db, "m015_list_summaries")
    assert raw_db.execute("SELECT list_summary FROM nominations").fetchone() == ("",)
    assert raw_db.execute("SELECT drafted FROM achievement_reports").fetchone() == (0,)
    raw_db.execute("UPDATE achievement_reports SET drafted = 1")
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("UPDATE achievement_reports SET drafted = 2")
