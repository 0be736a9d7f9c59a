"""Search as you type waits for no exact count: a broad search shows its first page with
"Tìm thấy hơn N", and the exact number once typing pauses or the list is scrolled to its
end, with the same rows in the same order as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.model import Person, Unit, UnitKind
from desktop.core.operations import profiles
from desktop.core.operations import registry as ops
from desktop.core.store import registry as repo
from desktop.core.store import search
from desktop.ui import paged_model
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.paged_model import PAGE_SIZE
from tests.qt.conftest import type_text

FORMS = Path(__file__).resolve().parents[2] / "forms"
TODAY = date(2026, 11, 23)
UNIT = Unit("Ủy ban nhân dân xã Thanh Sơn", UnitKind.XA, "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "UBND",
            "Thanh Sơn", "Nguyễn Văn Hùng", "Chủ tịch", "Trần Thị Mai", "Công chức", "default")
GIVEN = ["An", "Ánh", "Bích", "Châu", "Đức", "Hằng", "Ỷ", "Yến"]


@pytest.fixture
def context(tmp_path: Path):
    _info, store = profiles.create_profile(tmp_path, UNIT, "tester")
    with store.write() as db:  # 8 × 60 = 480 people, more than two pages of the list
        repo.insert_people(db, [Person(None, f"{s} {m} {g}") for g in GIVEN
                                for s in ("Nguyễn", "Trần", "Đặng", "Lê", "Phạm", "Vũ")
                                for m in ("Văn", "Thị", "Minh", "Thị Thu", "Đức",
                                          "Thị Ngọc", "Hữu", "Thị Thanh", "Quang", "Thị Kim")])
        repo.insert_people(db, [Person(None, "Đặng Thị Ỷ Lan")])
    ctx = AppContext(store=store, catalog=load_catalog(FORMS), actor="tester",
                     data_dir=tmp_path, profile_id=_info.id, today=lambda: TODAY)
    yield ctx
    store.close()


@pytest.fixture
def window(qtbot, context, monkeypatch):
    monkeypatch.setattr(search, "PROBE_MATCHES", 100)   # "thi" (241) is broad, "dang" (81) not
    monkeypatch.setattr(search, "SORT_ALL_MATCHES_AT_MOST", 0)  # no exact count for free
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    return w


def names(window: MainWindow) -> list[str]:
    model = window.people_model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def expected(context: AppContext, query: str) -> list[str]:
    store = context.store
    return [p.full_name for p in ops.people_page(store, query, 0, 10**6)]


def test_broad_search_says_more_than_then_the_exact_count(qtbot, window, context):
    window.search.setFocus()
    type_text(window.search, "thị")
    qtbot.waitUntil(lambda: window.people_model.query == "thị", timeout=2000)
    model = window.people_model
    assert not model.count_exact and model.rowCount() == PAGE_SIZE
    assert window.count_label.text() == "Tìm thấy hơn 100"
    assert names(window) == expected(context, "thi")[:PAGE_SIZE]
    total = ops.count_people(context.store, "thi")
    qtbot.waitUntil(lambda: model.count_exact, timeout=3000)  # typing paused: counted
    assert window.count_label.text() == f"Tìm thấy {total}"
    assert model.rowCount() == total > PAGE_SIZE
    assert names(window) == expected(context, "thi")


def test_scrolling_to_the_end_counts_at_once(qtbot, window, context):
    window.search.setFocus()
    type_text(window.search, "thi")
    qtbot.waitUntil(lambda: window.people_model.query == "thi", timeout=2000)
    model = window.people_model
    current = window.people_view.currentIndex()
    assert model.canFetchMore()
    window.people_view.scrollToBottom()   # the view asks fetchMore at the end of its rows
    qtbot.waitUntil(lambda: model.count_exact, timeout=1000)
    assert not model.canFetchMore()
    assert names(window) == expected(context, "thi")
    assert window.people_view.currentIndex() == current  # no reset: nothing lost
    assert "hơn" not in window.count_label.text()


def test_few_matches_are_counted_with_their_page(qtbot, window, context):
    window.search.setFocus()
    type_text(window.search, "dang thi y")
    qtbot.waitUntil(lambda: window.people_model.query == "dang thi y", timeout=2000)
    assert window.people_model.count_exact
    found = expected(context, "Đặng Thị Ỷ")
    assert names(window) == found and "Đặng Thị Ỷ Lan" in found and len(found) < 100
    assert window.count_label.text() == f"Tìm thấy {len(found)}"


def test_a_new_keystroke_drops_the_pending_count(qtbot, window, context, monkeypatch):
    counted: list[str] = []
    real = ops.count_people
    monkeypatch.setattr(ops, "count_people",
                        lambda store, q="": counted.append(q) or real(store, q))
    model = window.people_model
    model.set_query("t")
    model.set_query("th")       # before the pause: "t" is never counted
    qtbot.waitUntil(lambda: model.count_exact, timeout=3000)
    assert counted == ["th"]
    assert paged_model.COUNT_AFTER_MS > 0
