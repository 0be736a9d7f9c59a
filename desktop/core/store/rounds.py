"""Repositories for registrations, rounds, nominations, council meetings and votes,
attachments, checklist marks and public postings (migration m004_rounds).

SQL only; the rules are in desktop.core.operations.rounds. Text is cleaned (NFC, trimmed) on
the way in. Callers wrap writes in `Store.write()`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, time
from typing import Any

from sqlite_utils import Database

from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import (
    Attachment,
    Attendance,
    CouncilMeeting,
    CouncilMember,
    CouncilVote,
    EligibilitySnapshot,
    MediaType,
    Nomination,
    NominationStatus,
    PublicPosting,
    Reason,
    Registration,
    Round,
    RoundKind,
    Verdict,
    VoteMethod,
)
from desktop.core.model.rule_version import RuleVersion
from desktop.core.store.database import now_iso
from desktop.core.text import clean, fold


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _ref(person_id: int | None, collective_id: int | None) -> SubjectRef:
    if person_id is not None:
        return SubjectRef(SubjectKind.PERSON, person_id)
    assert collective_id is not None
    return SubjectRef(SubjectKind.COLLECTIVE, collective_id)


def _owner(ref: SubjectRef) -> tuple[int | None, int | None]:
    return (ref.id, None) if ref.kind is SubjectKind.PERSON else (None, ref.id)


def _owner_column(ref: SubjectRef) -> str:
    return "person_id" if ref.kind is SubjectKind.PERSON else "collective_id"


def _rows(db: Database, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = db.execute(sql, list(args))
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


_SUBJECT_NAME = ("COALESCE((SELECT full_name FROM people WHERE id = {t}.person_id), "
                 "(SELECT name FROM collectives WHERE id = {t}.collective_id), '')")


def subject_name(db: Database, ref: SubjectRef) -> str | None:
    if ref.kind is SubjectKind.PERSON:
        row = db.execute("SELECT full_name FROM people WHERE id = ?", [ref.id]).fetchone()
    else:
        row = db.execute("SELECT name FROM collectives WHERE id = ?", [ref.id]).fetchone()
    return str(row[0]) if row else None


# ---- registrations ---------------------------------------------------------------------------


def insert_registration(db: Database, reg: Registration) -> int:
    person_id, collective_id = _owner(reg.subject)
    cur = db.execute(
        "INSERT INTO registrations (year, target, registered_on, note, person_id, collective_id)"
        " VALUES (?,?,?,?,?,?)",
        [reg.year, reg.target, reg.registered_on.isoformat(), clean(reg.note), person_id,
         collective_id])
    return int(cur.lastrowid or 0)


def delete_registration(db: Database, registration_id: int) -> None:
    db.execute("DELETE FROM registrations WHERE id = ?", [registration_id])


def _registration(row: dict[str, Any]) -> Registration:
    return Registration(year=row["year"], subject=_ref(row["person_id"], row["collective_id"]),
                        target=row["target"], registered_on=date.fromisoformat(
                            row["registered_on"]),
                        note=row["note"], id=row["id"], subject_name=row["subject_name"])


def registrations(db: Database, year: int) -> list[Registration]:
    rows = _rows(db, f"SELECT r.*, {_SUBJECT_NAME.format(t='r')} AS subject_name, "
                 "COALESCE((SELECT sort_key FROM people WHERE id = r.person_id), "
                 "(SELECT sort_key FROM collectives WHERE id = r.collective_id)) AS sk "
                 "FROM registrations r WHERE year = ? ORDER BY target, sk, id", [year])
    return [_registration(r) for r in rows]


def get_registration(db: Database, registration_id: int) -> Registration | None:
    rows = _rows(db, f"SELECT r.*, {_SUBJECT_NAME.format(t='r')} AS subject_name "
                 "FROM registrations r WHERE id = ?", [registration_id])
    return _registration(rows[0]) if rows else None


def is_registered(db: Database, ref: SubjectRef, year: int, target: str) -> bool:
    col = _owner_column(ref)
    return db.execute(f"SELECT 1 FROM registrations WHERE {col} = ? AND year = ? AND target = ?",
                      [ref.id, year, target]).fetchone() is not None


# ---- rounds ------------------------------------------------------------------------------------


def insert_round(db: Database, rnd: Round) -> int:
    cur = db.execute(
        "INSERT INTO rounds (kind, year, name, movement, movement_from, movement_to, deadline, "
        "receiving_body, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [rnd.kind.value, rnd.year, clean(rnd.name), clean(rnd.movement),
         _iso(rnd.movement_from), _iso(rnd.movement_to), rnd.deadline.isoformat(),
         clean(rnd.receiving_body), now_iso()])
    return int(cur.lastrowid or 0)


def update_round_deadline(db: Database, round_id: int, deadline: date) -> None:
    db.execute("UPDATE rounds SET deadline = ? WHERE id = ?", [deadline.isoformat(), round_id])


def delete_round(db: Database, round_id: int) -> None:
    db.execute("DELETE FROM rounds WHERE id = ?", [round_id])


def _round(row: dict[str, Any]) -> Round:
    return Round(kind=RoundKind(row["kind"]), year=row["year"], name=row["name"],
                 deadline=date.fromisoformat(row["deadline"]),
                 receiving_body=row["receiving_body"], movement=row["movement"],
                 movement_from=_date(row["movement_from"]), movement_to=_date(row["movement_to"]),
                 id=row["id"])


def get_round(db: Database, round_id: int) -> Round | None:
    rows = _rows(db, "SELECT * FROM rounds WHERE id = ?", [round_id])
    return _round(rows[0]) if rows else None


def list_rounds(db: Database, year: int | None = None) -> list[Round]:
    if year is None:
        rows = _rows(db, "SELECT * FROM rounds ORDER BY year DESC, deadline, id")
    else:
        rows = _rows(db, "SELECT * FROM rounds WHERE year = ? ORDER BY deadline, id", [year])
    return [_round(r) for r in rows]


def rounds_nominating(db: Database, ref: SubjectRef) -> list[str]:
    """Names of the rounds in which this person or collective is nominated."""
    col = _owner_column(ref)
    return [r[0] for r in db.execute(
        f"SELECT DISTINCT r.name FROM nominations n JOIN rounds r ON r.id = n.round_id "
        f"WHERE n.{col} = ? ORDER BY r.year, r.name", [ref.id]).fetchall()]


# ---- nominations -------------------------------------------------------------------------------


def insert_nomination(db: Database, nom: Nomination) -> int:
    person_id, collective_id = _owner(nom.subject)
    now = now_iso()
    reasons = [{"code": r.code, "message": r.message, "basis": r.basis, "status": r.status}
               for r in nom.eligibility.reasons]
    rule = nom.eligibility.rule
    cur = db.execute(
        "INSERT INTO nominations (round_id, person_id, collective_id, target, status, verdict, "
        "reasons, justification, achievement, initiative, initiative_folded, simplified, "
        "rule_as_of, rule_title, rule_province, rule_origin, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [nom.round_id, person_id, collective_id, nom.target, nom.status.value,
         nom.eligibility.verdict.value, json.dumps(reasons, ensure_ascii=False),
         clean(nom.justification), clean(nom.achievement), clean(nom.initiative),
         fold(nom.initiative), int(nom.simplified),
         rule.as_of.isoformat() if rule else None, rule.title if rule else "",
         rule.province if rule else "", rule.origin if rule else "", now, now])
    return int(cur.lastrowid or 0)


def set_list_summary(db: Database, nomination_id: int, text: str) -> None:
    """The officer's wording of the nominee's list line ("" gives it back to the app)."""
    db.execute("UPDATE nominations SET list_summary = ?, updated_at = ? WHERE id = ?",
               [clean(text), now_iso(), nomination_id])


def _rule(row: dict[str, Any]) -> RuleVersion | None:
    """The rule versions stored with a nomination (m012); None for older nominations."""
    day = _date(row.get("rule_as_of"))
    if day is None:
        return None
    return RuleVersion(day, row.get("rule_title") or "", row.get("rule_province") or "",
                       row.get("rule_origin") or "")


def _nomination(row: dict[str, Any]) -> Nomination:
    reasons = tuple(Reason(str(r.get("code", "")), str(r.get("message", "")),
                           str(r.get("basis", "")), str(r.get("status", "")))
                    for r in json.loads(row["reasons"]))
    return Nomination(
        round_id=row["round_id"], subject=_ref(row["person_id"], row["collective_id"]),
        target=row["target"],
        eligibility=EligibilitySnapshot(Verdict(row["verdict"]), reasons, _rule(row)),
        status=NominationStatus(row["status"]), justification=row["justification"],
        achievement=row["achievement"], initiative=row["initiative"],
        simplified=bool(row["simplified"]), province_notes=row["province_notes"],
        decision_no=row["decision_no"], decision_date=_date(row["decision_date"]),
        registered=(bool(row["registered"]) if row.get("registered") is not None else None),
        subject_name=row.get("subject_name") or "", id=row["id"],
        list_summary=row.get("list_summary") or "")


_NOMINATION_SELECT = (
    "SELECT n.*, " + _SUBJECT_NAME.format(t="n") + " AS subject_name, "
    "(SELECT count(*) > 0 FROM registrations g JOIN rounds r2 ON r2.id = n.round_id "
    " WHERE g.year = r2.year AND g.target = n.target AND "
    " (g.person_id = n.person_id OR g.collective_id = n.collective_id)) AS registered "
    "FROM nominations n ")


def get_nomination(db: Database, nomination_id: int) -> Nomination | None:
    rows = _rows(db, _NOMINATION_SELECT + "WHERE n.id = ?", [nomination_id])
    return _nomination(rows[0]) if rows else None


def nominations_of_round(db: Database, round_id: int) -> list[Nomination]:
    rows = _rows(db, _NOMINATION_SELECT + "WHERE n.round_id = ? ORDER BY n.target, "
                 "COALESCE((SELECT sort_key FROM people WHERE id = n.person_id), "
                 "(SELECT sort_key FROM collectives WHERE id = n.collective_id)), n.id",
                 [round_id])
    return [_nomination(r) for r in rows]


def nominations_of_subject(db: Database, ref: SubjectRef) -> list[tuple[Nomination, Round]]:
    """Every nomination of this subject with its round (for the one-achievement rules)."""
    col = _owner_column(ref)
    rows = _rows(db, _NOMINATION_SELECT + f"WHERE n.{col} = ? ORDER BY n.id", [ref.id])
    out = []
    for row in rows:
        rnd = get_round(db, row["round_id"])
        assert rnd is not None
        out.append((_nomination(row), rnd))
    return out


def nominations_citing_initiative(db: Database, ref: SubjectRef, name_folded: str
                                  ) -> list[tuple[Nomination, Round]]:
    return [(n, r) for n, r in nominations_of_subject(db, ref)
            if fold(n.initiative) == name_folded]


def set_nomination_status(db: Database, nomination_id: int, status: NominationStatus, *,
                          province_notes: str | None = None, decision_no: str | None = None,
                          decision_date: date | None = None) -> None:
    sets = ["status = ?", "updated_at = ?"]
    args: list[Any] = [status.value, now_iso()]
    if province_notes is not None:
        sets.append("province_notes = ?")
        args.append(clean(province_notes))
    if decision_no is not None:
        sets.append("decision_no = ?")
        args.append(clean(decision_no))
    if decision_date is not None:
        sets.append("decision_date = ?")
        args.append(decision_date.isoformat())
    db.execute(f"UPDATE nominations SET {', '.join(sets)} WHERE id = ?", [*args, nomination_id])


def set_simplified(db: Database, nomination_id: int, simplified: bool) -> None:
    db.execute("UPDATE nominations SET simplified = ?, updated_at = ? WHERE id = ?",
               [int(simplified), now_iso(), nomination_id])


def delete_nomination(db: Database, nomination_id: int) -> None:
    db.execute("DELETE FROM nominations WHERE id = ?", [nomination_id])


# ---- council -----------------------------------------------------------------------------------


def insert_meeting(db: Database, m: CouncilMeeting) -> int:
    cur = db.execute(
        "INSERT INTO council_meetings (round_id, held_on, place, chair, secretary, "
        "members_total, present, written_opinions, counting_committee, starts_at, ends_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [m.round_id, m.held_on.isoformat(), clean(m.place), clean(m.chair), clean(m.secretary),
         m.members_total, m.present, m.absent_with_written_opinion,
         json.dumps([clean(x) for x in m.counting_committee], ensure_ascii=False),
         _hhmm(m.starts_at), _hhmm(m.ends_at)])
    meeting_id = int(cur.lastrowid or 0)
    _write_members(db, meeting_id, m.members)
    return meeting_id


def update_meeting(db: Database, m: CouncilMeeting) -> None:
    db.execute(
        "UPDATE council_meetings SET held_on = ?, place = ?, chair = ?, secretary = ?, "
        "members_total = ?, present = ?, written_opinions = ?, counting_committee = ?, "
        "starts_at = ?, ends_at = ? WHERE id = ?",
        [m.held_on.isoformat(), clean(m.place), clean(m.chair), clean(m.secretary),
         m.members_total, m.present, m.absent_with_written_opinion,
         json.dumps([clean(x) for x in m.counting_committee], ensure_ascii=False),
         _hhmm(m.starts_at), _hhmm(m.ends_at), m.id])
    assert m.id is not None
    _write_members(db, m.id, m.members)


def _write_members(db: Database, meeting_id: int, members: Sequence[CouncilMember]) -> None:
    db.execute("DELETE FROM council_members WHERE meeting_id = ?", [meeting_id])
    for no, member in enumerate(members, start=1):
        db.execute("INSERT INTO council_members (meeting_id, position_no, name, position, "
                   "attendance) VALUES (?,?,?,?,?)",
                   [meeting_id, no, clean(member.name), clean(member.position),
                    member.attendance.value])


def _members(db: Database, meeting_id: int) -> tuple[CouncilMember, ...]:
    return tuple(CouncilMember(r["name"], r["position"], Attendance(r["attendance"]))
                 for r in _rows(db, "SELECT name, position, attendance FROM council_members "
                                "WHERE meeting_id = ? ORDER BY position_no", [meeting_id]))


def _meeting(db: Database, row: dict[str, Any]) -> CouncilMeeting:
    return CouncilMeeting(
        round_id=row["round_id"], held_on=date.fromisoformat(row["held_on"]),
        place=row["place"], chair=row["chair"], secretary=row["secretary"],
        members_total=row["members_total"], present=row["present"],
        absent_with_written_opinion=row["written_opinions"],
        counting_committee=tuple(json.loads(row["counting_committee"])),
        starts_at=_time(row["starts_at"]), ends_at=_time(row["ends_at"]),
        members=_members(db, row["id"]), id=row["id"])


def get_meeting(db: Database, meeting_id: int) -> CouncilMeeting | None:
    rows = _rows(db, "SELECT * FROM council_meetings WHERE id = ?", [meeting_id])
    return _meeting(db, rows[0]) if rows else None


def meetings_of_round(db: Database, round_id: int) -> list[CouncilMeeting]:
    return [_meeting(db, r) for r in _rows(db, "SELECT * FROM council_meetings WHERE "
                                           "round_id = ? ORDER BY held_on, id", [round_id])]


def upsert_vote(db: Database, v: CouncilVote) -> int:
    db.execute(
        "INSERT INTO council_votes (meeting_id, nomination_id, method, ballots_issued, "
        "ballots_valid, votes_for, threshold, passed, more_than) VALUES (?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(meeting_id, nomination_id) DO UPDATE SET method = excluded.method, "
        "ballots_issued = excluded.ballots_issued, ballots_valid = excluded.ballots_valid, "
        "votes_for = excluded.votes_for, threshold = excluded.threshold, "
        "passed = excluded.passed, more_than = excluded.more_than",
        [v.meeting_id, v.nomination_id, v.method.value, v.ballots_issued, v.ballots_valid,
         v.votes_for, v.threshold, int(v.passed), int(v.more_than)])
    row = db.execute("SELECT id FROM council_votes WHERE meeting_id = ? AND nomination_id = ?",
                     [v.meeting_id, v.nomination_id]).fetchone()
    return int(row[0])


def _vote(row: dict[str, Any]) -> CouncilVote:
    return CouncilVote(meeting_id=row["meeting_id"], nomination_id=row["nomination_id"],
                       method=VoteMethod(row["method"]), votes_for=row["votes_for"],
                       ballots_issued=row["ballots_issued"], ballots_valid=row["ballots_valid"],
                       threshold=row["threshold"], passed=bool(row["passed"]),
                       more_than=bool(row["more_than"]), id=row["id"])


def votes_of_nomination(db: Database, nomination_id: int) -> list[CouncilVote]:
    return [_vote(r) for r in _rows(db, "SELECT v.* FROM council_votes v JOIN council_meetings m "
                                    "ON m.id = v.meeting_id WHERE v.nomination_id = ? "
                                    "ORDER BY m.held_on, v.id", [nomination_id])]


def votes_of_meeting(db: Database, meeting_id: int) -> list[CouncilVote]:
    return [_vote(r) for r in _rows(db, "SELECT * FROM council_votes WHERE meeting_id = ? "
                                    "ORDER BY id", [meeting_id])]


# ---- attachments and checklist marks ----------------------------------------------------------


def insert_attachment(db: Database, a: Attachment) -> int:
    cur = db.execute(
        "INSERT INTO attachments (nomination_id, part, sha256, original_name, media_type, size, "
        "reduced, added_at) VALUES (?,?,?,?,?,?,?,?)",
        [a.nomination_id, a.part, a.sha256, clean(a.original_name), a.media_type.value, a.size,
         int(a.reduced), now_iso()])
    return int(cur.lastrowid or 0)


def _attachment(row: dict[str, Any]) -> Attachment:
    return Attachment(nomination_id=row["nomination_id"], part=row["part"], sha256=row["sha256"],
                      original_name=row["original_name"], media_type=MediaType(row["media_type"]),
                      size=row["size"], reduced=bool(row["reduced"]), id=row["id"])


def find_attachment(db: Database, nomination_id: int, part: str, sha256: str
                    ) -> Attachment | None:
    rows = _rows(db, "SELECT * FROM attachments WHERE nomination_id = ? AND part = ? AND "
                 "sha256 = ?", [nomination_id, part, sha256])
    return _attachment(rows[0]) if rows else None


def attachments_of(db: Database, nomination_id: int) -> list[Attachment]:
    return [_attachment(r) for r in _rows(db, "SELECT * FROM attachments WHERE nomination_id = ? "
                                          "ORDER BY part, id", [nomination_id])]


def delete_attachment(db: Database, attachment_id: int) -> None:
    db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])


def sha_in_use(db: Database, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1",
                      [sha256]).fetchone() is not None


def set_mark(db: Database, nomination_id: int, part: str, present: bool, note: str = "") -> None:
    if present:
        db.execute("INSERT INTO checklist_marks (nomination_id, part, note) VALUES (?,?,?) "
                   "ON CONFLICT(nomination_id, part) DO UPDATE SET note = excluded.note",
                   [nomination_id, part, clean(note)])
    else:
        db.execute("DELETE FROM checklist_marks WHERE nomination_id = ? AND part = ?",
                   [nomination_id, part])


def marks_of(db: Database, nomination_id: int) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT part, note FROM checklist_marks WHERE nomination_id = ?", [nomination_id])}


def produced_kinds(db: Database, nomination_id: int) -> dict[str, date]:
    """Kinds of the documents the app wrote for the nomination's round since the nomination
    was made (a document written before it cannot list it), with the latest date written."""
    rows = db.execute(
        "SELECT p.kind, max(p.dated) FROM prepared_documents p "
        "JOIN nominations n ON n.round_id = p.round_id "
        "WHERE n.id = ? AND p.prepared_at >= n.created_at GROUP BY p.kind",
        [nomination_id]).fetchall()
    return {kind: date.fromisoformat(dated) for kind, dated in rows}


def last_meeting_day(db: Database, nomination_id: int) -> date | None:
    """The day of the latest council meeting that recorded a result for the nomination."""
    row = db.execute("SELECT max(m.held_on) FROM council_votes v JOIN council_meetings m "
                     "ON m.id = v.meeting_id WHERE v.nomination_id = ?",
                     [nomination_id]).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


# ---- public posting ----------------------------------------------------------------------------


def insert_posting(db: Database, p: PublicPosting) -> int:
    cur = db.execute("INSERT INTO public_postings (round_id, posted_from, posted_to, place) "
                     "VALUES (?,?,?,?)", [p.round_id, p.posted_from.isoformat(),
                                          p.posted_to.isoformat(), clean(p.place)])
    return int(cur.lastrowid or 0)


def postings_of(db: Database, round_id: int) -> list[PublicPosting]:
    return [PublicPosting(round_id=r["round_id"], posted_from=date.fromisoformat(r["posted_from"]),
                          posted_to=date.fromisoformat(r["posted_to"]), place=r["place"],
                          id=r["id"])
            for r in _rows(db, "SELECT * FROM public_postings WHERE round_id = ? ORDER BY id",
                           [round_id])]


# ---- dashboard and posting data ---------------------------------------------------------------


def nominee_facts(db: Database, round_id: int) -> list[dict[str, Any]]:
    """Per nomination: target, status, subject kind, and for a person group, gender,
    ethnicity, department; for the dashboard and the public list (no other personal data)."""
    return _rows(db,
        "SELECT n.id, n.target, n.status, n.person_id, n.collective_id, "
        + _SUBJECT_NAME.format(t="n") + " AS name, "
        "p.subject_group, p.gender, p.ethnicity, p.department, "
        "(SELECT count(*) > 0 FROM registrations g JOIN rounds r2 ON r2.id = n.round_id "
        " WHERE g.year = r2.year AND g.target = n.target AND "
        " (g.person_id = n.person_id OR g.collective_id = n.collective_id)) AS registered, "
        "COALESCE(p.sort_key, (SELECT sort_key FROM collectives WHERE id = n.collective_id)) "
        " AS sk "
        "FROM nominations n LEFT JOIN people p ON p.id = n.person_id "
        "WHERE n.round_id = ? ORDER BY n.target, sk, n.id", [round_id])


def mark_initiative_used(db: Database, ref: SubjectRef, name: str, code: str, year: int) -> int:
    """Record on the subject's sáng kiến (matched by folded name) the award it was used for."""
    col = _owner_column(ref)
    key = fold(name)
    ids = [r[0] for r in db.execute(f"SELECT id, name FROM initiatives WHERE {col} = ?",
                                    [ref.id]).fetchall() if fold(r[1]) == key]
    for iid in ids:
        db.execute("UPDATE initiatives SET used_for_code = ?, used_for_year = ? WHERE id = ?",
                   [code, year, iid])
    return len(ids)
