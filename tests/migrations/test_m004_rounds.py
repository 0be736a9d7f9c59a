"""m004_rounds: registrations, rounds, nominations (RESTRICT on their subject), council
meetings and votes, attachments, checklist marks, public postings."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlite_utils import Database

NOW = "2026-11-23T00:00:00+00:00"
NEW_TABLES = {"registrations", "rounds", "nominations", "council_meetings", "council_votes",
              "attachments", "checklist_marks", "public_postings"}


@pytest.fixture
def db(migrate_to: Callable[[str], Database]) -> Database:
    return migrate_to("m004_rounds")


def insert(db: Database, table: str, **values: Any) -> int:
    cur = db.execute(f"INSERT INTO {table} ({', '.join(values)}) "
                     f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return int(cur.lastrowid or 0)


def person(db: Database) -> int:
    return insert(db, "people", full_name="Lê Thị Hoa", name_folded="le thi hoa", sort_key="k",
                  created_at=NOW, updated_at=NOW)


def collective(db: Database) -> int:
    return insert(db, "collectives", name="Phòng Nội vụ", name_folded="phong noi vu",
                  sort_key="k", created_at=NOW, updated_at=NOW)


def a_round(db: Database, **extra: Any) -> int:
    values = {"kind": "cong_trang", "year": 2026, "name": "Xét cuối năm 2026",
              "deadline": "2026-12-10", "created_at": NOW, **extra}
    return insert(db, "rounds", **values)


def nomination(db: Database, round_id: int, **extra: Any) -> int:
    values = {"round_id": round_id, "target": "lao_dong_tien_tien", "verdict": "eligible",
              "created_at": NOW, "updated_at": NOW, **extra}
    return insert(db, "nominations", **values)


def test_tables_exist_and_earlier_data_is_kept(migrate_to: Callable[[str], Database]) -> None:
    db = migrate_to("m003_sort_keys_latin_letters")
    pid = person(db)
    db = migrate_to("m004_rounds")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= NEW_TABLES
    assert db.execute("SELECT full_name FROM people WHERE id = ?", [pid]).fetchone()[0] == \
        "Lê Thị Hoa"


def test_a_nominated_person_or_collective_cannot_be_deleted(db: Database) -> None:
    rid = a_round(db)
    pid, cid = person(db), collective(db)
    nomination(db, rid, person_id=pid)
    nomination(db, rid, collective_id=cid, target="tap_the_lao_dong_tien_tien")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM people WHERE id = ?", [pid])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM collectives WHERE id = ?", [cid])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM rounds WHERE id = ?", [rid])


def test_registrations_go_with_their_person(db: Database) -> None:
    pid = person(db)
    insert(db, "registrations", year=2026, target="lao_dong_tien_tien",
           registered_on="2026-01-05", person_id=pid)
    with pytest.raises(sqlite3.IntegrityError):  # registered twice
        insert(db, "registrations", year=2026, target="lao_dong_tien_tien",
               registered_on="2026-01-06", person_id=pid)
    db.execute("DELETE FROM people WHERE id = ?", [pid])
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0


@pytest.mark.parametrize("extra", [
    {"person_id": None},                              # no subject
    {"verdict": "ineligible"},                        # ineligible without justification
    {"status": "decided"},                            # decided without number and date
    {"status": "sent"},                               # unknown status
])
def test_nomination_checks(db: Database, extra: dict[str, Any]) -> None:
    rid = a_round(db)
    values = {"person_id": person(db), **extra}
    with pytest.raises(sqlite3.IntegrityError):
        nomination(db, rid, **values)


def test_same_target_twice_in_a_round_is_refused(db: Database) -> None:
    rid, pid = a_round(db), person(db)
    nomination(db, rid, person_id=pid)
    with pytest.raises(sqlite3.IntegrityError):
        nomination(db, rid, person_id=pid)


def test_campaign_round_needs_a_movement(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        a_round(db, kind="phong_trao")
    assert a_round(db, kind="phong_trao", movement="Chung tay xây dựng nông thôn mới")


def test_council_counts_cannot_exceed_the_membership(db: Database) -> None:
    rid = a_round(db)
    base = {"round_id": rid, "held_on": "2026-11-20", "members_total": 9}
    with pytest.raises(sqlite3.IntegrityError):
        insert(db, "council_meetings", present=8, written_opinions=2, **base)
    mid = insert(db, "council_meetings", present=7, written_opinions=2, **base)
    nid = nomination(db, rid, person_id=person(db))
    vote = {"meeting_id": mid, "nomination_id": nid, "method": "ballot", "threshold": 0.8,
            "passed": 1}
    with pytest.raises(sqlite3.IntegrityError):  # more votes than valid ballots
        insert(db, "council_votes", ballots_issued=9, ballots_valid=7, votes_for=8, **vote)
    with pytest.raises(sqlite3.IntegrityError):  # ballot without the ballot counts
        insert(db, "council_votes", votes_for=8, **vote)
    insert(db, "council_votes", ballots_issued=9, ballots_valid=9, votes_for=8, **vote)


def test_attachments_need_a_known_media_type_and_a_sha256(db: Database) -> None:
    nid = nomination(db, a_round(db), person_id=person(db))
    base = {"nomination_id": nid, "part": "to_trinh", "size": 10, "added_at": NOW}
    with pytest.raises(sqlite3.IntegrityError):
        insert(db, "attachments", sha256="a" * 64, media_type="application/zip", **base)
    with pytest.raises(sqlite3.IntegrityError):
        insert(db, "attachments", sha256="abc", media_type="application/pdf", **base)
    insert(db, "attachments", sha256="a" * 64, media_type="application/pdf", **base)
    db.execute("DELETE FROM nominations WHERE id = ?", [nid])
    assert db.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_posting_dates_are_ordered(db: Database) -> None:
    rid = a_round(db)
    with pytest.raises(sqlite3.IntegrityError):
        insert(db, "public_postings", round_id=rid, posted_from="2026-11-20",
               posted_to="2026-11-10")
