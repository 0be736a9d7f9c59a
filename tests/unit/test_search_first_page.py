"""The people list's first page per keystroke (people_first_page) gives exactly the rows of
people_page, in the same order, whatever plan the probe picks, and the number of matches
only when it is exact."""

from __future__ import annotations

import pytest

from desktop.core.model import Person
from desktop.core.operations import registry as ops
from desktop.core.store import open_store, search
from desktop.core.store import registry as repo

SURNAMES = ["Nguyễn", "Trần", "Lê", "Đặng", "Hoàng", "Lò", "Giàng", "Phạm"]
MIDDLE = ["Văn", "Thị", "Thị Thu", "Minh", "Đức", "A"]
GIVEN = ["An", "Ánh", "Hằng", "Hạnh", "Ỷ", "Tuấn", "Đức", "Yến", "Pó"]
QUERIES = ["", "n", "ng", "nguyen", "nguyen v", "dang thi y", "Đặng", "ĐẶNG THỊ Ỷ", "y dang",
           "thi thu h", "tran thi h", "h", "duc", "đức", "a", "lo van", "giang a", "zzz",
           "pham minh tuan", "nguyen thi thu hang"]


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "u.sqlite", create=True)
    names = [f"{s} {m} {g}" for g in GIVEN for m in MIDDLE for s in SURNAMES]
    with store.write() as db:
        repo.insert_people(db, [Person(None, n) for n in names * 2])  # namesakes too
    yield store
    store.close()


# 0: the list order, whenever it can; 10**6: never (id lookups, people_page's plans)
@pytest.mark.parametrize("sort_in_python", [0, 10**6])
@pytest.mark.parametrize("walk_above", [10, 10**6])  # 10: the scan and the index walk
@pytest.mark.parametrize("probe", [0, 3, 40, 10**6])
def test_first_page_is_people_page_whatever_the_probe_picks(store, monkeypatch, probe,
                                                            walk_above, sort_in_python):
    monkeypatch.setattr(search, "PROBE_MATCHES", probe)
    monkeypatch.setattr(search, "SORT_IN_PYTHON_FROM", sort_in_python)
    monkeypatch.setattr(search, "SORT_ALL_MATCHES_AT_MOST", 10**6 - sort_in_python)
    monkeypatch.setattr(search, "FAR_DOWN_THE_LIST", -1)  # whenever the list order is used
    monkeypatch.setattr(repo, "WALK_SORT_INDEX_ABOVE", walk_above)
    for query in QUERIES:
        exact = ops.count_people(store, query)
        for limit in (1, 25, 200):
            first = ops.people_first_page(store, query, limit)
            assert first.rows == ops.people_page(store, query, 0, limit, exact), (query, limit)
            if first.total is None:  # "more than N": true, and N is what the probe saw
                assert query and exact > first.more_than == probe, query
            else:
                assert first.total == first.more_than == exact, query


def test_first_page_keeps_to_the_eligibility_filter(store, monkeypatch):
    everyone = ops.people_page(store, "", 0, 10**6)
    kept = [p.id for p in everyone[::3] if p.id is not None]
    ops.filter_people(store, kept)
    for probe in (2, 10**6):
        monkeypatch.setattr(search, "PROBE_MATCHES", probe)
        for query in ("", "nguyen", "thi h", "Đặng Thị", "zzz"):
            first = ops.people_first_page(store, query, 30)
            assert first.rows == ops.people_page(store, query, 0, 30), (probe, query)
            assert {p.id for p in first.rows} <= set(kept)
            if first.total is not None:
                assert first.total == ops.count_people(store, query)


def test_typing_refines_the_last_matches_and_a_change_is_seen_at_once(store, monkeypatch):
    """Each keystroke of a small search filters the last one's matches in Python: the same
    rows as a fresh query, and a person added (or a filter set) between two keys is there."""
    monkeypatch.setattr(search, "PROBE_MATCHES", 200)
    for typed in ("t", "tr", "tran", "tran ", "tran t", "tran th", "tran thi", "tran thi h",
                  "tran thi ha", "tran thi han", "tran thi hang", "tran thi han", "tran thu"):
        first = ops.people_first_page(store, typed, 20)
        assert first.rows == ops.people_page(store, typed, 0, 20), typed
        assert first.total in (None, ops.count_people(store, typed)), typed
    with store.write() as db:
        repo.insert_people(db, [Person(None, "Trần Thị Hằng Nga")])
    first = ops.people_first_page(store, "tran thi hang n", 20)
    assert [p.full_name for p in first.rows] == ["Trần Thị Hằng Nga"] and first.total == 1
    ops.people_first_page(store, "tran thi hang", 20)
    ops.filter_people(store, [])
    assert ops.people_first_page(store, "tran thi hang n", 20).rows == []


@pytest.mark.parametrize("sort_in_python", [0, 10**6])
def test_the_list_order_follows_every_change_of_the_people(store, tmp_path, monkeypatch,
                                                           sort_in_python):
    """The matches sorted by the cached list order: a rename, an insert, a delete, a write
    by another connection and a write rolled back each give the order a fresh query gives."""
    monkeypatch.setattr(search, "SORT_IN_PYTHON_FROM", sort_in_python)

    def same(query: str = "thi") -> None:
        search._LAST_MATCHES.pop(store.reader, None)  # no refining: sort afresh
        first = ops.people_first_page(store, query, 200)
        assert first.rows == ops.people_page(store, query, 0, 200), query
        if not sort_in_python and not store.conn.in_transaction:
            assert search._LIST_ORDER[store.reader].state == search._people_state(store.reader)

    same()
    victim = ops.people_page(store, "tran thi an", 0, 1)[0]
    with store.write() as db:  # renamed to the top of the list
        repo.update_person(db, Person(victim.id, "Trần Thị Ả"))
    same()
    with store.write() as db:
        repo.insert_people(db, [Person(None, "Lê Thị Á")])
        repo.delete_person(db, ops.people_page(store, "pham thi thu yen", 0, 1)[0].id or 0)
    same()
    with pytest.raises(RuntimeError), store.write() as db:
        repo.insert_people(db, [Person(None, "Lê Thị À")])
        same()  # inside the write: what it reads is not kept
        raise RuntimeError
    same()
    other = open_store(store.path)
    try:
        with other.write() as db:
            repo.update_person(db, Person(victim.id, "Trần Thị Ỹ"))
    finally:
        other.close()
    same()
    assert "Trần Thị Ỹ" in [p.full_name for p in ops.people_page(store, "tran thi y", 0, 50)]
