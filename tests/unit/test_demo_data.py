"""The demo commune is data (resources/demo/commune.toml): it loads and is checked, a typo or
a name that refers to nothing is refused with the key, and what an editor changes in it is
what the demo builds (issue 10; the content itself is rewritten by issue 11)."""

from __future__ import annotations

import random
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.model import Rating
from desktop.core.operations import demo
from desktop.core.operations.demo.data import Day, Numbering, Year
from desktop.core.operations.demo.loading import demo_data_path

TODAY = date(2026, 11, 23)
SHIPPED = demo_data_path().read_text("utf-8")


def load(tmp_path: Path, text: str) -> demo.DemoData:
    path = tmp_path / "commune.toml"
    path.write_text(text, "utf-8")
    return demo.load_demo_data(path)


def edited(old: str, new: str, text: str = SHIPPED) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def rows(path: Path, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_the_shipped_commune_loads(catalog: Catalog) -> None:
    data = demo.demo_data()
    assert data.unit.name == "Ủy ban nhân dân xã Thanh Sơn"
    assert len(data.featured) == 10 and len(data.departments) == 8
    assert {data.unit.head_name, data.unit.officer_name} <= set(data.featured_names)
    assert data.names.surnames.count("Nguyễn") == 12
    for code in data.titles_used():
        catalog.title(code)   # every title the file names exists
    yen = data.featured_person("Đặng Thị Ỷ")
    assert yen is not None and yen.ratings == {-1: Rating.HTXS, 0: Rating.HTXS}


def test_days_years_and_numbers_as_written() -> None:
    assert Day(10, 20).on(2025, 2026) == date(2025, 10, 20)
    assert Day(8, 20, offset=-1).on(2020, 2026) == date(2025, 8, 20)
    assert Day(9, 20, year=2024).on(2020, 2026) == date(2024, 9, 20)
    assert Year(-2).resolve(2026, 5) == 2024
    assert Year(2024, if_outside=-1).resolve(2026, 5) == 2024
    assert Year(2024, if_outside=-1).resolve(2030, 5) == 2029
    assert Numbering("215/QĐ-UBND").draw(random.Random(1)) == "215/QĐ-UBND"
    assert re.fullmatch(r"\d{2}/QĐ-UBND",
                        Numbering("{n}/QĐ-UBND", (40, 90)).draw(random.Random(1)))


@pytest.mark.parametrize(("old", "new", "says"), [
    ('doc_code = "UBND"', 'doc_code = "UBND"\ndoc_kode = "UBND"', "unknown key(s) doc_kode"),
    ('kind = "tram_y_te"', 'kind = "benh_vien"', "departments[4].kind"),
    ('department = "Trạm Y tế xã"', 'department = "Bệnh viện xã"', "no department"),
    ('person = "Đặng Thị Ỷ"', 'person = "Người Lạ"', "not one of the [[featured]]"),
    ('start = "Y-1 08-20"', 'start = "20/08"', "is not a day"),
    ('decision_date = "Y-1 01-15"', 'decision_date = "Y-1 02-30"', "not a day of the calendar"),
    ('head_name = "Hà Văn Thắng"', 'head_name = "Hà Văn Thăng"', "must be one of the"),
    ('htxs = 0.13', 'htxs = 0.23', "add up to 1"),
    ('ratings = { -1 = "ht" }', 'ratings = { -6 = "ht" }', "outside the 5 years"),
    ('pick = "movement_claim"', 'pick = "best_farmer"', "is not one of"),
    ('issuer = "province"', 'issuer = "ministry"', "not in [issuers]"),
])
def test_a_mistake_in_the_file_is_refused_with_its_key(tmp_path: Path, old: str, new: str,
                                                        says: str) -> None:
    with pytest.raises(demo.DemoDataError, match=re.escape(says)):
        load(tmp_path, edited(old, new))


def test_what_an_editor_writes_is_what_the_demo_builds(tmp_path: Path,
                                                       catalog: Catalog) -> None:
    """One place per person: their job, a rating, an award's own decision number and date."""
    text = edited('position = "Chuyên viên văn hóa"', 'position = "Chuyên viên thi đua"')
    text = edited('ratings = { -1 = "htxs" }\n\n# ---- the officer',
                  'ratings = { -1 = "htxs", -2 = "htxs" }\ncstdcs = [-2]\n\n# ---- the officer',
                  text)
    text = edited('decision_no = "{n}/QĐ-UBND"\nn = [2000, 3200]\ndecision_date = "Y-1 01-15"',
                  'decision_no = "2154/QĐ-UBND"\ndecision_date = "Y-1 01-20"', text)
    data = load(tmp_path, text)
    info = demo.build_demo(tmp_path / "data", 11, "tester", TODAY, catalog, data=data)
    (ha,) = rows(info.path, "SELECT id, position, department FROM people WHERE full_name = ?",
                 ("Nguyễn Thị Thu Hà",))
    assert ha[1:] == ("Chuyên viên thi đua", "Phòng Văn hóa - Xã hội")
    assert rows(info.path, "SELECT year, rating FROM year_records WHERE person_id = ? "
                           "AND year IN (2024, 2025)", (ha[0],)) == [(2024, "htxs"),
                                                                     (2025, "htxs")]
    assert rows(info.path, "SELECT count(*) FROM awards WHERE person_id = ? AND year = 2024 "
                           "AND code = 'chien_si_thi_dua_co_so'", (ha[0],)) == [(1,)]
    assert rows(info.path, "SELECT decision_no, decision_date, issuer FROM awards "
                           "WHERE code = 'bang_khen_tinh'") == [
        ("2154/QĐ-UBND", "2025-01-20", "Chủ tịch UBND tỉnh Phú Thọ")]


def test_a_featured_persons_report_text_replaces_the_sample(tmp_path: Path,
                                                            catalog: Catalog) -> None:
    from desktop.core.operations.demo.outputs import report_sections
    from desktop.core.operations.dossier import gather
    from desktop.core.operations.profiles import open_profile
    from desktop.core.operations.rounds import list_rounds

    own = "Năm {year} chị dạy lớp mẫu giáo 5 tuổi người Mường, 100% trẻ biết đọc chữ cái."
    data = load(tmp_path, edited(
        'cstdcs = [-1]\n', f'cstdcs = [-1]\nreport = {{ thanh_tich = "{own}" }}\n'))
    info = demo.build_demo(tmp_path / "data", 7, "tester", TODAY, catalog, data=data)
    store = open_profile(tmp_path / "data", info.id)
    try:
        (rnd,) = list_rounds(store)
        dossier = gather(store, catalog, rnd.id, TODAY, require_reports=False)
        by_name = {n.subject.name: n for n in dossier.nominations if n.report_kind}
        yen = report_sections(data, catalog, store, by_name["Đặng Thị Ỷ"], 2026)
        assert yen["thanh_tich"].endswith(own.format(year=2026))
        other = next(n for name, n in by_name.items()
                     if name != "Đặng Thị Ỷ" and n.subject.is_individual)
        sample = report_sections(data, catalog, store, other, 2026)["thanh_tich"]
        # the other nominee gets the sample of their own kind of job (or the default)
        expected = data.report_for(other.subject.where)["thanh_tich"]
        assert expected.split("{")[0] in sample and own[:20] not in sample
    finally:
        store.close()
