"""m011_council_members: a meeting's start and end time and its members by name, position and
attendance; the rule a vote was counted under. Meetings recorded before keep their counts and
read back without names."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.core.model.rounds import Attendance, CouncilMember
from desktop.core.store import rounds as repo
from desktop.core.store.migrations import MIGRATIONS
from tests.migrations.conftest import upto

NOW = "2026-11-23T00:00:00+00:00"


def insert(db: Database, table: str, **values: Any) -> int:
    cur = db.execute(f"INSERT INTO {table} ({', '.join(values)}) "
                     f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return int(cur.lastrowid or 0)


def before_m011(db: Database) -> tuple[int, int, int]:
    """A round with a meeting and two votes as m004–m008 recorded them: (meeting, hands vote,
    ballot vote)."""
    upto(db, "m008_packages")
    rid = insert(db, "rounds", kind="cong_trang", year=2026, name="Xét cuối năm 2026",
                 deadline="2026-12-10", created_at=NOW)
    pids = [insert(db, "people", full_name=n, name_folded=n.lower(), sort_key=n,
                   created_at=NOW, updated_at=NOW) for n in ("Lê Thị Hoa", "Đặng Văn Nam")]
    noms = [insert(db, "nominations", round_id=rid, person_id=pid, target=t, verdict="eligible",
                   created_at=NOW, updated_at=NOW)
            for pid, t in zip(pids, ("lao_dong_tien_tien", "chien_si_thi_dua_co_so"),
                              strict=True)]
    mid = insert(db, "council_meetings", round_id=rid, held_on="2026-11-20", place="Hội trường",
                 chair="Nguyễn Văn Chủ", secretary="Lê Thị Thư", members_total=10, present=8,
                 written_opinions=1)
    hands = insert(db, "council_votes", meeting_id=mid, nomination_id=noms[0], method="hands",
                   votes_for=6, threshold=0.5, passed=1)
    ballot = insert(db, "council_votes", meeting_id=mid, nomination_id=noms[1], method="ballot",
                    ballots_issued=9, ballots_valid=9, votes_for=8, threshold=0.8, passed=1)
    return mid, hands, ballot


def test_older_meetings_read_back_with_their_counts_and_no_names(raw_db: Database) -> None:
    mid, _hands, _ballot = before_m011(raw_db)
    MIGRATIONS.apply(raw_db)
    meeting = repo.get_meeting(raw_db, mid)
    assert meeting is not None
    assert (meeting.members_total, meeting.present, meeting.absent_with_written_opinion) == (
        10, 8, 1)
    assert meeting.members == () and meeting.starts_at is None and meeting.ends_at is None


def test_show_of_hands_votes_keep_their_more_than_half_rule(raw_db: Database) -> None:
    mid, hands, ballot = before_m011(raw_db)
    MIGRATIONS.apply(raw_db)
    rules = {v.id: (v.threshold, v.more_than) for v in repo.votes_of_meeting(raw_db, mid)}
    assert rules == {hands: (0.5, True), ballot: (0.8, False)}


def test_members_and_times_round_trip_and_go_with_their_meeting(raw_db: Database) -> None:
    mid, _hands, _ballot = before_m011(raw_db)
    MIGRATIONS.apply(raw_db)
    meeting = repo.get_meeting(raw_db, mid)
    assert meeting is not None
    members = (CouncilMember("Nguyễn Văn Chủ", "Chủ tịch Hội đồng"),
               CouncilMember("Trần Văn Một", "Ủy viên", Attendance.WRITTEN_OPINION),
               CouncilMember("Phạm Thị Hai", "Ủy viên", Attendance.ABSENT))
    repo.update_meeting(raw_db, replace(meeting, members=members, starts_at=time(8, 0),
                                        ends_at=time(10, 30)))
    again = repo.get_meeting(raw_db, mid)
    assert again is not None and again.members == members
    assert (again.starts_at, again.ends_at, again.held_on) == (time(8, 0), time(10, 30),
                                                               date(2026, 11, 20))
    raw_db.execute("DELETE FROM council_votes")
    raw_db.execute("DELETE FROM council_meetings WHERE id = ?", [mid])
    assert raw_db.execute("SELECT count(*) FROM council_members").fetchone()[0] == 0


def test_bad_rows_are_refused_by_the_schema(raw_db: Database) -> None:
    mid, _hands, _ballot = before_m011(raw_db)
    MIGRATIONS.apply(raw_db)
    with pytest.raises(sqlite3.IntegrityError):
        raw_db.execute("UPDATE council_meetings SET starts_at = '8 giờ' WHERE id = ?", [mid])
    row = {"meeting_id": mid, "position_no": 1, "name": "Lê Văn A", "attendance": "present"}
    insert(raw_db, "council_members", **row)
    for bad in ({**row, "position_no": 1}, {**row, "position_no": 2, "name": ""},
                {**row, "position_no": 3, "attendance": "late"}):
        with pytest.raises(sqlite3.IntegrityError):
            insert(raw_db, "council_members", **bad)


def test_the_migration_keeps_a_profile_usable(tmp_path: Path) -> None:
    """Applied with the rest to a fresh database, nothing else needs it."""
    db = Database(tmp_path / "fresh.sqlite")
    MIGRATIONS.apply(db)
    assert {"council_members"} <= set(db.table_names())
    assert {"starts_at", "ends_at"} <= set(db["council_meetings"].columns_dict)
    assert "more_than" in db["council_votes"].columns_dict
    db.close()
