"""The people list's first page per keystroke (issue 16: p95 ≤ 20 ms at 300,000 people).

The plan (bench/README.md, "Search per keystroke"): a probe of the first FTS5 matches; when
they are all the matches, they are sorted here; otherwise `registry.people_page` picks the
scan of the covering index or the walk of the sort index. Sorting a few thousand matches by
id lookups in the people table cost ~2.5 µs a match (10 ms for "bui th"); `_ListOrder`
keeps every person's place in the list and folded name per connection instead, so they
sort in Python without touching the table.
"""

from __future__ import annotations

import heapq
import json
import weakref
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import FirstPage, Person
from desktop.core.store.database import Queryable, has_temp_table
from desktop.core.store.registry import (
    NameMatcher,
    _filter_active,
    _people_by_ids,
    count_people,
    people_page,
)
from desktop.core.text import fts_prefix_query, search_terms

# The first page of a search is asked on every keystroke. Its plan comes from the first
# matches FTS5 gives (in rowid order, cheap however many there are), not from an exact count
# (30–45 ms for "tran thi h" at 300,000 people). Up to this many, they are all the matches:
# the exact count comes with them, and sorting them beats walking the sort index (measured
# at 300,000 people: "hoang van", 2,503 matches, 12 ms sorted against 19 ms walked).
PROBE_MATCHES = 4000


@dataclass(frozen=True)
class _Matches:
    """Every match of the last small search, (id, folded name) in list order, and the state
    of the data they were read in."""

    state: tuple[int, int]
    terms: tuple[str, ...]
    rows: list[tuple[int, str]]


# Typing refines a search: once the matches are few, the next keystroke's are among them.
_LAST_MATCHES: weakref.WeakKeyDictionary[Queryable, _Matches] = weakref.WeakKeyDictionary()


def _data_state(db: Queryable) -> tuple[int, int]:
    """Changes on this connection (the list filter's temporary table included) and commits
    of any other connection: the same pair means the same people and the same filter."""
    return db.conn.total_changes, db.execute("PRAGMA data_version").fetchone()[0]


def _refines(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether every name matching `after` matches `before`: each term typed before is a
    prefix of a term typed now (a word starting with the longer starts with the shorter)."""
    return all(any(t.startswith(b) for t in after) for b in before)


# Below this many matches the id lookups cost little (~1 ms) and the list order is not built
# for them (building it reads the whole sort index: ~0.3 s of CPU at 300,000 people, once per
# change of the people).
SORT_IN_PYTHON_FROM = 500

# Many matches but not too many ("g", "lo": ~9,000), whose page the scan of the covering
# index would not reach soon (their given names cluster far down the list: the scan reads
# in vain, then the walk of the sort index, ~30 ms CPU), are read whole from FTS5 and
# sorted by the list order (~15 ms). More than this, the rest of FTS5's set costs more
# than the walk.
SORT_ALL_MATCHES_AT_MOST = 12000
# A page ending further down the list than this is out of the scan's reach (its budget is
# 12,000 rows for one word); below it the scan or the walk stays cheaper than reading the
# whole set ("b": its page ends near row 3,100, scanned in 9 ms against 17 ms read whole).
FAR_DOWN_THE_LIST = 24000

# People rows written on this connection since it opened, counted by temporary triggers
# (private to the connection; other connections' commits show in PRAGMA data_version).
# Only the columns that place or match a person count: editing a position keeps the order.
_COUNTER = "UPDATE people_order_writes SET n = n + 1"  # a trigger names no schema
_WRITES_COUNTED = (
    "CREATE TEMP TABLE IF NOT EXISTS people_order_writes AS SELECT 0 AS n",
    f"CREATE TEMP TRIGGER IF NOT EXISTS people_order_ai AFTER INSERT ON main.people "
    f"BEGIN {_COUNTER}; END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS people_order_ad AFTER DELETE ON main.people "
    f"BEGIN {_COUNTER}; END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS people_order_au AFTER UPDATE OF id, sort_key, "
    f"name_folded ON main.people BEGIN {_COUNTER}; END",
)


@dataclass(frozen=True)
class _ListOrder:
    """Every person's place in the list (sort_key, id) and folded name, by id."""

    state: tuple[int, int]
    place: array[int]
    names: list[str]

    def rows(self, ids: list[int]) -> list[tuple[int, str]]:
        """(id, folded name) of these people in list order."""
        names = self.names
        return [(i, names[i]) for i in sorted(ids, key=self.place.__getitem__)]


_LIST_ORDER: weakref.WeakKeyDictionary[Queryable, _ListOrder] = weakref.WeakKeyDictionary()


def _people_state(db: Queryable) -> tuple[int, int] | None:
    """People writes on this connection and commits of others; None inside a transaction
    (what it reads may be rolled back, and the count with it: a later write could bring
    the same count back over other rows)."""
    if db.conn.in_transaction:
        return None
    if not has_temp_table(db, "people_order_writes"):  # first use on this connection
        for statement in _WRITES_COUNTED:
            db.execute(statement)
    row = db.execute("SELECT n FROM temp.people_order_writes").fetchone()
    if db.conn.in_transaction:  # (DDL opens none; a defensive check, not a path)
        return None
    return int(row[0]), int(db.execute("PRAGMA data_version").fetchone()[0])


def _list_order(db: Queryable) -> _ListOrder | None:
    """The list order of this connection's people, rebuilt after any change to them; None
    inside a write transaction."""
    state = _people_state(db)
    if state is None:
        return None
    order = _LIST_ORDER.get(db)
    if order is not None and order.state == state:
        return order
    # one row of two strings: 300,000 rows made into tuples cost ~1.5× as much
    ids_text, names_text = db.execute(
        "SELECT group_concat(id), group_concat(name_folded, char(31)) FROM (SELECT id, "
        "name_folded FROM people INDEXED BY people_search ORDER BY sort_key, id)").fetchone()
    ids = list(map(int, ids_text.split(","))) if ids_text else []
    names = names_text.split("\x1f") if ids else []
    if len(names) != len(ids):  # a folded name holding U+001F (never made by text.fold)
        return None
    top = max(ids, default=0)
    place = array("q", bytes(8 * (top + 1)))
    by_id = [""] * (top + 1)
    for position, (person_id, name) in enumerate(zip(ids, names, strict=True)):
        place[person_id] = position
        by_id[person_id] = name
    order = _ListOrder(state, place, by_id)
    _LIST_ORDER[db] = order
    return order


def _sorted_matches(db: Queryable, found: list[int]) -> list[tuple[int, str]]:
    """(id, folded name) of these people in list order."""
    order = _list_order(db) if len(found) >= SORT_IN_PYTHON_FROM else None
    if order is None:
        # json_each hands SQLite the list in one parameter
        return db.execute("SELECT id, name_folded FROM people NOT INDEXED WHERE id IN "
                          "(SELECT value FROM json_each(?)) ORDER BY sort_key, id",
                          [json.dumps(found)]).fetchall()
    return order.rows(found)


def _scan_reach(order: _ListOrder, found: list[int], limit: int, estimate: int) -> int:
    """How far into the list the page's last match is, judged from the probe's matches:
    FTS5 gives them in rowid order, a sample of all the matches spread evenly over the
    list's order (unlike the sort index: "g" matches cluster in the G section of given
    names, where the scan would read 50,000 rows before its page is full)."""
    wanted = min(len(found), limit * len(found) // max(estimate, 1) + 1)
    return heapq.nsmallest(wanted, map(order.place.__getitem__, found))[-1]


def people_first_page(db: Queryable, query: str, limit: int) -> FirstPage[Person]:
    """The list's first `limit` rows for the search box, the same rows as
    `people_page(db, query, 0, limit)`, with the number of matches when it came for free."""
    match = fts_prefix_query(query)
    if match is None:
        total = count_people(db, query)
        return FirstPage(people_page(db, query, 0, limit, total), total, total)
    terms, state = tuple(search_terms(query)), _data_state(db)
    previous = _LAST_MATCHES.get(db)
    if previous is not None and previous.state == state and _refines(previous.terms, terms):
        # NameMatcher is FTS5's MATCH in Python (tested), so these are all the matches
        matcher = NameMatcher(terms)
        rows = matcher.select(previous.rows)
        _LAST_MATCHES[db] = _Matches(state, terms, rows)
        return FirstPage(_people_by_ids(db, [r[0] for r in rows[:limit]]), len(rows), len(rows))
    only = " AND rowid IN (SELECT id FROM temp.people_filter)" if _filter_active(
        db, "people") else ""
    found = [r[0] for r in db.execute(
        f"SELECT rowid FROM people_fts WHERE people_fts MATCH ?{only} LIMIT ?",
        [match, PROBE_MATCHES + 1])]
    seen, last_rowid = len(found), (found[-1] if found else 0)
    if seen <= PROBE_MATCHES:
        # these are all the matches: sort them, without asking FTS5 for the same AND again
        rows = _sorted_matches(db, found)
        _LAST_MATCHES[db] = _Matches(state, terms, rows)
        return FirstPage(_people_by_ids(db, [r[0] for r in rows[:limit]]), len(rows), len(rows))
    _LAST_MATCHES.pop(db, None)
    # Many matches: FTS5 gave them in rowid order, so their density up to the last one
    # estimates the total that picks people_page's plan (the rows are the same whatever it
    # picks).
    top = db.execute("SELECT max(id) FROM people").fetchone()[0] or 0
    estimate = max(seen, seen * top // max(last_rowid, 1))
    order = _list_order(db) if estimate <= SORT_ALL_MATCHES_AT_MOST else None
    if order is not None and _scan_reach(order, found, limit, estimate) > FAR_DOWN_THE_LIST:
        # the rest of the matches, after the probe's (FTS5 reads its AND once in all)
        found += [r[0] for r in db.execute(
            f"SELECT rowid FROM people_fts WHERE people_fts MATCH ? AND rowid > ?{only}",
            [match, last_rowid])]
        rows = order.rows(found)
        _LAST_MATCHES[db] = _Matches(state, terms, rows)
        return FirstPage(_people_by_ids(db, [r[0] for r in rows[:limit]]), len(rows), len(rows))
    page = people_page(db, query, 0, limit, estimate)
    if len(page) < limit:  # (only when limit ≤ PROBE_MATCHES) a short page is all of them
        return FirstPage(page, len(page), len(page))
    return FirstPage(page, None, PROBE_MATCHES)


