"""Reads for Excel exports: whole lists streamed in list order, without paging.

One statement per list, read in batches (`fetchmany`), so 100,000 people cost one query
and a few megabytes, not a page query per screenful. The people and collective lists apply
the same name search and eligibility filter as the lists on screen (registry._name_filter,
the connection's temporary filter table): an export is the list as the officer sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.model import Person
from desktop.core.store.registry import (
    _PERSON_COLUMNS,
    WALK_SORT_INDEX_ABOVE,
    _date,
    _name_filter,
    _person_from_row,
    count_people,
)

BATCH = 2000


def iter_people(db: Database, query: str = "", year: int | None = None
                ) -> Iterator[tuple[Person, str | None, list[str]]]:
    """Every person the list shows for `query` (and the active filter), in list order, with
    `year`'s rating code and award codes (None and [] without a year)."""
    where, args = _name_filter(db, "people", query)
    hint = "INDEXED BY people_sort" if where and count_people(db, query) > \
        WALK_SORT_INDEX_ABOVE else ""
    extra = ("(SELECT rating FROM year_records y WHERE y.person_id = people.id AND y.year = ?), "
             "(SELECT group_concat(code, ' ') FROM awards a WHERE a.person_id = people.id "
             "AND a.year = ?)") if year is not None else "NULL, NULL"
    cursor = db.conn.execute(
        f"SELECT {_PERSON_COLUMNS}, {extra} FROM people {hint} {where} ORDER BY sort_key, id",
        [*([year, year] if year is not None else []), *args])
    try:
        while rows := cursor.fetchmany(BATCH):
            for row in rows:
                yield _person_from_row(row[:-2]), row[-2], (row[-1] or "").split()
    finally:
        cursor.close()


def collectives_year(db: Database, ids: list[int], year: int
                     ) -> dict[int, tuple[str | None, list[str]]]:
    """Rating code and award codes of `year` for each of these collectives."""
    out: dict[int, tuple[str | None, list[str]]] = {}
    for cid in ids:
        rating = db.execute("SELECT rating FROM year_records WHERE collective_id = ? AND "
                            "year = ?", [cid, year]).fetchone()
        codes = [r[0] for r in db.execute("SELECT code FROM awards WHERE collective_id = ? AND "
                                          "year = ? ORDER BY id", [cid, year])]
        out[cid] = (rating[0] if rating else None, codes)
    return out


def collective_members(db: Database, query: str = "") -> Iterator[dict[str, Any]]:
    """Each member of each collective the list shows, collectives and people in list order."""
    where, args = _name_filter(db, "collectives", query)
    cursor = db.conn.execute(
        "SELECT c.id, c.name, p.full_name, p.birth_date, p.gender, p.position, p.department "
        f"FROM (SELECT id, name, sort_key FROM collectives {where}) c "
        "JOIN collective_members m ON m.collective_id = c.id "
        "JOIN people p ON p.id = m.person_id "
        "ORDER BY c.sort_key, c.id, p.sort_key, p.id", args)
    try:
        while rows := cursor.fetchmany(BATCH):
            for cid, cname, name, birth, gender, position, department in rows:
                yield {"collective_id": cid, "collective": cname, "name": name,
                       "birth_date": _date(birth), "gender": gender, "position": position,
                       "department": department}
    finally:
        cursor.close()


def awards_of_year(db: Database, year: int) -> list[dict[str, Any]]:
    """Titles and forms of commendation recorded for `year` (people and collectives), by
    decision date, then name: the year's decisions."""
    rows = db.execute(
        "SELECT a.code, a.kind, a.decision_no, a.decision_date, a.issuer, "
        "a.person_id, a.collective_id, COALESCE(p.full_name, c.name) AS name, "
        "COALESCE(p.sort_key, c.sort_key) AS sk "
        "FROM awards a LEFT JOIN people p ON p.id = a.person_id "
        "LEFT JOIN collectives c ON c.id = a.collective_id "
        "WHERE a.year = ? ORDER BY a.decision_date IS NULL, a.decision_date, a.decision_no, "
        "sk, a.id", [year]).fetchall()
    out = []
    for code, kind, number, when, issuer, person_id, _collective_id, name, _sk in rows:
        decided: date | None = _date(when)
        out.append({"code": code, "kind": kind, "decision_no": number, "decision_date": decided,
                    "issuer": issuer, "individual": person_id is not None, "name": name})
    return out
