"""The id filter behind "đủ điều kiện <title> năm <year>" combines with name search."""

from __future__ import annotations

from desktop.core.model import Collective, Person
from desktop.core.operations import registry as ops
from desktop.core.store import open_store
from desktop.core.store import registry as repo


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


def test_both_search_plans_return_the_same_pages(tmp_path):
    """Many matches walk the sort index, few sort the matches: same rows either way."""
    store = open_store(tmp_path / "u.sqlite", create=True)
    given = ["An", "Ánh", "Bình", "Đức", "Hoa", "Yến", "Zơ", "Ỷ"]
    with store.write() as db:
        repo.insert_people(db, [Person(None, f"Nguyễn Văn {given[n % 8]} {n}")
                                for n in range(repo.WALK_SORT_INDEX_ABOVE + 500)])
        repo.insert_people(db, [Person(None, "Đặng Thị Ỷ")])
    for query in ("ng", "nguyen van a", "dang thi y", ""):
        total = ops.count_people(store, query)
        for offset in (0, 700, total - 5):
            walk = repo.people_page(store.db, query, max(offset, 0), 50, total=10**9)
            sort = repo.people_page(store.db, query, max(offset, 0), 50, total=0)
            auto = ops.people_page(store, query, max(offset, 0), 50)
            assert walk == sort == auto
    # "ng" is a prefix of a word: it finds every Nguyễn, not Đặng
    assert ops.count_people(store, "ng") == repo.WALK_SORT_INDEX_ABOVE + 500
    store.close()
