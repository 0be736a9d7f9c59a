"""Repositories for the dossier documents (migration m007_documents): the achievement-report
text per nomination, the yearly document counter (Decree 30 Art 15) and the dossier id of a
round.

SQL only. Text is cleaned (NFC, trimmed) on the way in. Callers wrap writes in
`Store.write()`; these functions never commit by themselves.
"""

from __future__ import annotations

import json
import secrets
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.store.database import now_iso
from desktop.core.text import clean, nfc

# ---- achievement reports ---------------------------------------------------------------------


def clean_lines(text: str) -> str:
    """Each line cleaned (NFC, trimmed, inner spaces collapsed), empty lines dropped."""
    return "\n".join(x for x in (clean(line) for line in nfc(str(text)).splitlines()) if x)


def _sections(raw: Any) -> dict[str, str]:
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def get_report_sections(db: Database, nomination_id: int) -> dict[str, str]:
    """The stored sections of one nomination's achievement report ({} when none yet)."""
    row = db.execute("SELECT sections FROM achievement_reports WHERE nomination_id = ?",
                     [nomination_id]).fetchone()
    return _sections(row[0]) if row else {}


def _clean_paragraphs(text: str) -> str:
    """clean() line by line: a report section keeps its paragraphs (one per line), with no
    empty lines between them."""
    lines = (clean(line) for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)


def save_report_sections(db: Database, nomination_id: int, sections: dict[str, str], *,
                         drafted: bool = False) -> None:
    """Replace the report text of one nomination. Every value is NFC-cleaned line by line
    (paragraph breaks are kept); an empty section is dropped, so "no text yet" always reads as
    a missing key. `drafted`: the text is the app's draft, not yet saved by the officer."""
    cleaned = {clean(str(k)): _clean_paragraphs(v) for k, v in sections.items()}
    cleaned = {k: v for k, v in cleaned.items() if k and v}
    db.execute(
        "INSERT INTO achievement_reports (nomination_id, sections, updated_at, drafted) "
        "VALUES (?,?,?,?) "
        "ON CONFLICT(nomination_id) DO UPDATE SET sections = excluded.sections, "
        "updated_at = excluded.updated_at, drafted = excluded.drafted",
        [nomination_id, json.dumps(cleaned, ensure_ascii=False, sort_keys=True), now_iso(),
         int(drafted)])


def delete_report(db: Database, nomination_id: int) -> None:
    db.execute("DELETE FROM achievement_reports WHERE nomination_id = ?", [nomination_id])


def drafted_reports(db: Database, round_id: int) -> set[int]:
    """Nominations of the round whose report is still the app's draft."""
    rows = db.execute(
        "SELECT a.nomination_id FROM achievement_reports a JOIN nominations n "
        "ON n.id = a.nomination_id WHERE n.round_id = ? AND a.drafted = 1",
        [round_id]).fetchall()
    return {int(r[0]) for r in rows}


def reports_of_round(db: Database, round_id: int) -> dict[int, dict[str, str]]:
    """nomination id → sections, for every nomination of the round that has a stored report."""
    rows = db.execute(
        "SELECT a.nomination_id, a.sections FROM achievement_reports a "
        "JOIN nominations n ON n.id = a.nomination_id WHERE n.round_id = ? "
        "ORDER BY a.nomination_id", [round_id]).fetchall()
    return {int(r[0]): _sections(r[1]) for r in rows}


# ---- the yearly document counter ---------------------------------------------------------------


def issued_number(db: Database, round_id: int, document: str) -> tuple[int, int, str] | None:
    """(number, year, doc_type) already issued for this document of the round, if any."""
    row = db.execute("SELECT number, year, doc_type FROM document_numbers "
                     "WHERE round_id = ? AND document = ?", [round_id, document]).fetchone()
    return (int(row[0]), int(row[1]), str(row[2])) if row else None


def issued_on(db: Database, round_id: int, document: str) -> date | None:
    """The date the number of this document of the round was issued (its printed date)."""
    row = db.execute("SELECT issued_on FROM document_numbers WHERE round_id = ? AND document = ?",
                     [round_id, document]).fetchone()
    return date.fromisoformat(row[0]) if row else None


def issue_number(db: Database, round_id: int, document: str, doc_type: str, year: int,
                 today: date, issuer_code: str = "", at_least: int = 1) -> int:
    """The number of `document` (a kind code, or kind + "/" + nomination for per-person
    documents) in round `round_id`: the one already issued, so a reprint keeps its number;
    otherwise the next free number of the series (`doc_type`, `issuer_code`, `year`; the
    counter restarts each year), and never below `at_least` (the register's history and the
    officer's next number, worked out by the caller)."""
    done = issued_number(db, round_id, document)
    if done is not None:
        return done[0]
    row = db.execute("SELECT COALESCE(MAX(number), 0) FROM document_numbers "
                     "WHERE year = ? AND doc_type = ? AND issuer_code = ?",
                     [year, doc_type, issuer_code]).fetchone()
    number = max(int(row[0]) + 1, at_least)
    db.execute("INSERT INTO document_numbers (year, doc_type, issuer_code, number, round_id, "
               "document, issued_on) VALUES (?,?,?,?,?,?,?)",
               [year, doc_type, issuer_code, number, round_id, document, today.isoformat()])
    return number


def issued_numbers(db: Database, year: int) -> list[tuple[str, str, int, date, str, str]]:
    """Every number the app issued in `year`: (doc_type, issuer_code, number, issued_on,
    document key, round name)."""
    rows = db.execute(
        "SELECT d.doc_type, d.issuer_code, d.number, d.issued_on, d.document, "
        "COALESCE(r.name, '') FROM document_numbers d LEFT JOIN rounds r ON r.id = d.round_id "
        "WHERE d.year = ? ORDER BY d.doc_type, d.issuer_code, d.number", [year]).fetchall()
    return [(str(r[0]), str(r[1]), int(r[2]), date.fromisoformat(r[3]), str(r[4]), str(r[5]))
            for r in rows]


def recorded_decisions(db: Database, year: int
                       ) -> list[tuple[str, date, str, str, int | None, str]]:
    """Decisions recorded in the history and dated in `year`: (decision number as typed,
    date, issuer as typed, title code or "" for a sáng kiến, the award's year, whose —
    the person's or collective's name, or the sáng kiến's name)."""
    low, high = f"{year:04d}-01-01", f"{year:04d}-12-31"
    awards = db.execute(
        "SELECT a.decision_no, a.decision_date, a.issuer, a.code, a.year, "
        "COALESCE(p.full_name, c.name, '') FROM awards a "
        "LEFT JOIN people p ON p.id = a.person_id "
        "LEFT JOIN collectives c ON c.id = a.collective_id "
        "WHERE a.decision_no <> '' AND a.decision_date BETWEEN ? AND ?", [low, high]).fetchall()
    initiatives = db.execute(
        "SELECT decision_no, decision_date, recognised_by, '', year, name FROM initiatives "
        "WHERE decision_no <> '' AND decision_date BETWEEN ? AND ?", [low, high]).fetchall()
    return [(str(r[0]), date.fromisoformat(r[1]), str(r[2]), str(r[3]),
             int(r[4]) if r[4] is not None else None, str(r[5]))
            for r in (*awards, *initiatives)]


def officer_next(db: Database, year: int, doc_type: str, issuer_code: str) -> int | None:
    """The next number the officer set for the series, if any."""
    row = db.execute("SELECT next_number FROM next_numbers WHERE year = ? AND doc_type = ? "
                     "AND issuer_code = ?", [year, doc_type, issuer_code]).fetchone()
    return int(row[0]) if row else None


def set_officer_next(db: Database, year: int, doc_type: str, issuer_code: str, number: int,
                     today: date) -> None:
    db.execute("INSERT INTO next_numbers (year, doc_type, issuer_code, next_number, set_on) "
               "VALUES (?,?,?,?,?) ON CONFLICT(year, doc_type, issuer_code) DO UPDATE SET "
               "next_number = excluded.next_number, set_on = excluded.set_on",
               [year, doc_type, issuer_code, number, today.isoformat()])


def first_meetings(db: Database) -> dict[int, date]:
    """Review year → the date of the first council meeting held for that year's rounds."""
    rows = db.execute("SELECT r.year, MIN(m.held_on) FROM council_meetings m "
                      "JOIN rounds r ON r.id = m.round_id GROUP BY r.year").fetchall()
    return {int(r[0]): date.fromisoformat(r[1]) for r in rows}


# ---- the dossier id ------------------------------------------------------------------------------


def new_dossier_id(year: int) -> str:
    """`HS2026-3FA9C1`: the year and 6 random uppercase hex digits."""
    return f"HS{year}-{secrets.token_hex(3).upper()}"


def get_dossier_id(db: Database, round_id: int) -> str | None:
    row = db.execute("SELECT dossier_id FROM rounds WHERE id = ?", [round_id]).fetchone()
    return str(row[0]) if row and row[0] else None


def dossier_id(db: Database, round_id: int) -> str:
    """The round's dossier id, made once and then kept (it is printed on every page and names
    the package). Raises LookupError for an unknown round."""
    row = db.execute("SELECT dossier_id, year FROM rounds WHERE id = ?", [round_id]).fetchone()
    if row is None:
        raise LookupError(f"round {round_id}")
    if row[0]:
        return str(row[0])
    for _attempt in range(20):
        candidate = new_dossier_id(int(row[1]))
        taken = db.execute("SELECT 1 FROM rounds WHERE dossier_id = ?", [candidate]).fetchone()
        if taken is None:
            set_dossier_id(db, round_id, candidate)
            return candidate
    raise RuntimeError("no free dossier id after 20 attempts")


def set_dossier_id(db: Database, round_id: int, value: str) -> None:
    """Store the dossier id of a round, only if it has none yet (it never changes once set)."""
    db.execute("UPDATE rounds SET dossier_id = ? WHERE id = ? AND dossier_id IS NULL",
               [value, round_id])
