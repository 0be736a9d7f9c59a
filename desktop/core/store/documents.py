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


def save_report_sections(db: Database, nomination_id: int, sections: dict[str, str]) -> None:
    """Replace the report text of one nomination. Every value is NFC-cleaned line by line
    (paragraph breaks are kept); an empty section is dropped, so "no text yet" always reads as
    a missing key."""
    cleaned = {clean(str(k)): _clean_paragraphs(v) for k, v in sections.items()}
    cleaned = {k: v for k, v in cleaned.items() if k and v}
    db.execute(
        "INSERT INTO achievement_reports (nomination_id, sections, updated_at) VALUES (?,?,?) "
        "ON CONFLICT(nomination_id) DO UPDATE SET sections = excluded.sections, "
        "updated_at = excluded.updated_at",
        [nomination_id, json.dumps(cleaned, ensure_ascii=False, sort_keys=True), now_iso()])


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


def issue_number(db: Database, round_id: int, document: str, doc_type: str, year: int,
                 today: date) -> int:
    """The number of `document` (a kind code, or kind + "/" + nomination for per-person
    documents) in round `round_id`: the one already issued, so a reprint keeps its number;
    otherwise the next free number of `doc_type` in `year` (the counter restarts each year)."""
    done = issued_number(db, round_id, document)
    if done is not None:
        return done[0]
    row = db.execute("SELECT COALESCE(MAX(number), 0) FROM document_numbers "
                     "WHERE year = ? AND doc_type = ?", [year, doc_type]).fetchone()
    number = int(row[0]) + 1
    db.execute("INSERT INTO document_numbers (year, doc_type, number, round_id, document, "
               "issued_on) VALUES (?,?,?,?,?,?)",
               [year, doc_type, number, round_id, document, today.isoformat()])
    return number


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
