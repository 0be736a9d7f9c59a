"""The id filter behind "đủ điều kiện <title> năm <year>" combines with name search."""

from __future__ import annotations

from desktop.core.model import Collective, Person
from desktop.core.operations import registry as ops
from desktop.core.store import open_store
from desktop.core.store import registry as repo
from desktop.core.text import fts_prefix_query, search_terms


def test_filter_narrows_lists_and_combines_with_search(tmp_path):
    store = open_store(tmp_path / "u.sqlite", create=True)
    with store.write() as db:
        repo.insert_people(db, [Person(None, n) for n in
                                ("Đặng Thị Ỷ", "Nguyễn Văn An", "Trần Văn Ba", "Lê Thị Cúc")])
    ids = {p.full_name: p.id for p in ops.people_page(store, "", 0, 10)}
    ops.filter_people(store, [ids["Nguyễn Văn An"], ids["Lê Thị Cúc"]])
    assert ops.count_people(store) == 2
    assert [p.full_name for p in ops.people_page(store, "", 0, 10)] == ["Nguyễn Văn An",
                                                                        "Lê Thị Cúc"]
    assert ops.count_people(store, "van") == 1
    ops.filter_people(store, [])
    assert ops.count_people(store) == 0
    ops.filter_people(store, None)
    assert ops.count_people(store) == 4
    assert not store.conn.in_transaction  # the filter never leaves a transaction open
    store.close()


def test_collective_filter_is_independent_of_people(tmp_path):
    store = open_store(tmp_path / "u.sqlite", create=True)
    with store.write() as db:
        a = repo.insert_collective(db, Collective(None, "Thôn Đồng Xuân"))
        repo.insert_collective(db, Collective(None, "Phòng Kinh tế"))
        repo.insert_people(db, [Person(None, "Đặng Thị Ỷ")])
    ops.filter_collectives(store, [a])
    assert ops.count_collectives(store) == 1
    assert ops.count_people(store) == 1
    store.close()


def test_every_search_plan_returns_the_same_pages(tmp_path, monkeypatch):
    """Many matches read the sort index (testing names in Python, or against the set of
    matches), few sort the matches: same rows every way."""
    store = open_store(tmp_path / "u.sqlite", create=True)
    given = ["An", "Ánh", "Bình", "Đức", "Hoa", "Yến", "Zơ", "Ỷ"]
    with store.write() as db:
        repo.insert_people(db, [Person(None, f"Nguyễn Văn {given[n % 8]} {n}")
                                for n in range(repo.WALK_SORT_INDEX_ABOVE + 500)])
        repo.insert_people(db, [Person(None, "Đặng Thị Ỷ")])
    for query in ("ng", "nguyen van a", "dang thi y", ""):
        total = ops.count_people(store, query)
        for offset in (0, 700, total - 5):
            scan = repo.people_page(store.db, query, max(offset, 0), 50, total=10**9)
            sort = repo.people_page(store.db, query, max(offset, 0), 50, total=0)
            auto = ops.people_page(store, query, max(offset, 0), 50)
            with monkeypatch.context() as m:
                m.setattr(repo, "SCAN_ROWS_AT_MOST", -1)  # the set of matches, not a scan
                walk = repo.people_page(store.db, query, max(offset, 0), 50, total=10**9)
            with monkeypatch.context() as m:
                m.setattr(repo, "_SCAN_BATCH", 7)  # a scan over budget falls back to the set
                m.setattr(repo, "SCAN_ROWS_AT_MOST", 10)
                m.setattr(repo, "SCAN_BUDGET_MIN", 10)
                fallback = repo.people_page(store.db, query, max(offset, 0), 50, total=10**9)
            assert scan == walk == sort == auto == fallback, (query, offset)
    # "ng" is a prefix of a word: it finds every Nguyễn, not Đặng
    assert ops.count_people(store, "ng") == repo.WALK_SORT_INDEX_ABOVE + 500
    store.close()


NAMES = ["Nguyễn Văn An", "Đặng Thị Ỷ", "Lò Văn Pó", "Hà Thị O'Neil", "Giàng A Páo",
         "Nguyễn-Trần Minh", "Trần (Lê) Hoa", "Vũ Thị Ánh 2", "Ksor H'Bia", "Nông_Văn Dền",
         "Phạm Thị Ngọc Ánh", "Đỗ Ngọc Æsir", "Bùi ß Tuấn", "Hồ Thị Øre"]


def test_names_matched_in_python_are_those_fts5_matches(tmp_path):
    """The scan plan's NameMatcher gives FTS5's answer for every query on odd names too
    (hyphens, apostrophes, brackets, digits, underscores, letters without a decomposition)."""
    store = open_store(tmp_path / "u.sqlite", create=True)
    with store.write() as db:
        repo.insert_people(db, [Person(None, n) for n in NAMES])
    rows = store.db.execute("SELECT id, name_folded FROM people").fetchall()
    queries = ["n", "ng", "nguyen", "tran", "le", "o", "oneil", "neil", "h", "hbia", "bia",
               "2", "a 2", "nong", "van", "den", "ae", "aesir", "sir", "ss", "bui", "re",
               "ore", "thi a", "ngoc anh", "d", "dang thi y", "k h", "pao a", "minh tran"]
    for query in queries:
        fts = {r[0] for r in store.db.execute(
            "SELECT rowid FROM people_fts WHERE people_fts MATCH ?",
            [fts_prefix_query(query)])}
        matcher = repo.NameMatcher(search_terms(query))
        assert {pid for pid, folded in rows if matcher(folded)} == fts, query
        assert matcher.select(rows) == [r for r in rows if r[0] in fts], query  # in order
        # the scan plan (SQLite's instr keeps candidates, NameMatcher decides) finds them too
        scanned = repo._scan_page(store.db, matcher, 0, len(NAMES), budget=10**6)
        assert scanned is not None and {p.id for p in scanned} == fts, query
    store.close()
