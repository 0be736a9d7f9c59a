"""bench/make_synthetic.py at a tiny scale: row counts, folded columns, and a schema (with
its FTS triggers) identical to the app's own."""

from __future__ import annotations

import importlib.util
import sqlite3
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from desktop.core.model import Person
from desktop.core.operations import registry as ops
from desktop.core.operations.profiles import list_profiles, read_settings
from desktop.core.store import open_store
from desktop.core.store import registry as repo
from desktop.core.text import fold, person_sort_key, sort_key

REPO = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_synthetic",
                                                  REPO / "bench" / "make_synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("synthetic")
    counts = _load().build(out, 300, 1, False)
    return out, counts


def db_of(out: Path) -> Path:
    return out / "profiles" / "synthetic" / "hoso.sqlite"


def test_counts(generated: tuple[Path, dict[str, int]]) -> None:
    out, counts = generated
    conn = sqlite3.connect(db_of(out))
    try:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 300
        history = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("year_records", "awards", "initiatives", "research_topics",
                                "discipline"))
        assert history == 3000 == counts["history_rows"]
        assert conn.execute("SELECT count(*) FROM collectives").fetchone()[0] == 300 // 33
        assert conn.execute("SELECT count(*) FROM collective_members").fetchone()[0] == 300
        per_person = [n for (n,) in conn.execute(
            "SELECT count(*) FROM year_records WHERE person_id IS NOT NULL GROUP BY person_id")]
        assert len(per_person) == 300 and min(per_person) >= 3 and max(per_person) <= 8
        assert conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    finally:
        conn.close()


def test_names_are_nfc_and_folded_as_the_repository_does(generated: tuple[Path, dict[str, int]]
                                                          ) -> None:
    out, _counts = generated
    conn = sqlite3.connect(db_of(out))
    try:
        people = conn.execute("SELECT full_name, name_folded, sort_key FROM people").fetchall()
        for name, folded, key in people:
            assert unicodedata.normalize("NFC", name) == name
            assert folded == fold(name) and key == person_sort_key(name)
        for name, folded, key in conn.execute("SELECT name, name_folded, sort_key "
                                              "FROM collectives"):
            assert folded == fold(name) and key == sort_key(name)
        assert any(n != f for n, f, _k in people)  # really Vietnamese, with marks
    finally:
        conn.close()


def test_schema_and_search_are_the_apps(generated: tuple[Path, dict[str, int]],
                                        tmp_path: Path) -> None:
    out, _counts = generated
    fresh = open_store(tmp_path / "fresh.sqlite", create=True)
    made = open_store(db_of(out))
    try:
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        assert made.conn.execute(schema).fetchall() == fresh.conn.execute(schema).fetchall()
        # the FTS index covers every generated person …
        assert ops.count_people(made, "") == 300
        first = made.conn.execute("SELECT full_name FROM people WHERE id = 1").fetchone()[0]
        assert first in [p.full_name for p in ops.people_page(made, fold(first), 0, 300)]
        # … and the insert trigger is back: a person added afterwards is found too
        with made.write() as db:
            repo.insert_person(db, Person(None, "Đặng Thị Ỷ"))
        assert "Đặng Thị Ỷ" in [p.full_name for p in ops.people_page(made, "dang thi y", 0, 50)]
    finally:
        made.close()
        fresh.close()


def test_settings_open_the_synthetic_profile(generated: tuple[Path, dict[str, int]]) -> None:
    out, _counts = generated
    assert read_settings(out)["last_profile"] == "synthetic"
    assert [p.id for p in list_profiles(out)] == ["synthetic"]


def test_refuses_to_replace_a_database_without_force(generated: tuple[Path, dict[str, int]]
                                                     ) -> None:
    out, _counts = generated
    with pytest.raises(SystemExit):
        _load().build(out, 10, 1, False)
