"""Excel out (core.operations.exporting): each list opened back with openpyxl as Excel
would — Vietnamese headers, the unit and export date above, a frozen bold header, real dates
and numbers, the right rows — and the file written atomically, safely and completely."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model import Person, SubjectKind, SubjectRef
from desktop.core.operations import demo, exporting, profiles
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.exporting import workbook
from desktop.core.store import Store

TODAY = date(2026, 11, 23)
UNIT = "Ủy ban nhân dân xã Thanh Sơn"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    demo.build_demo(data, 11, "tester", TODAY, catalog)
    return data


@pytest.fixture
def store(demo_dir: Path) -> Iterator[Store]:
    info = profiles.list_profiles(demo_dir)[0]
    opened = profiles.open_profile(demo_dir, info.id)
    yield opened
    registry_ops.filter_people(opened, None)
    opened.close()


@pytest.fixture
def round_id(store: Store) -> int:
    (rnd,) = rounds_ops.list_rounds(store, 2026)
    assert rnd.id is not None
    return rnd.id


def sheet_of(path: Path, index: int = 0) -> Worksheet:
    return openpyxl.load_workbook(path).worksheets[index]


def headers(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[workbook.HEADER_ROW] if c.value is not None]


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=workbook.HEADER_ROW + 1, values_only=True)
            if isinstance(r[0], int)]


def assert_layout(ws: Worksheet, title: str) -> None:
    """What every export has: unit, title and date above a frozen, bold, printed header."""
    assert ws["A1"].value == UNIT and ws["A1"].font.b
    assert ws["A2"].value == title and ws["A2"].font.b
    assert str(ws["A3"].value).startswith("Ngày xuất: 23/11/2026")
    assert ws.freeze_panes == f"A{workbook.HEADER_ROW + 1}"
    assert all(c.font.b for c in ws[workbook.HEADER_ROW] if c.value is not None)
    assert ws[workbook.HEADER_ROW][0].value == "STT"
    assert ws.print_title_rows == f"${workbook.HEADER_ROW}:${workbook.HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.auto_filter.ref.startswith(f"A{workbook.HEADER_ROW}:")
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[workbook.HEADER_ROW]]
    assert all(workbook.MIN_WIDTH - 1 <= w <= workbook.MAX_WIDTH for w in widths), widths
    numbers = [r[0] for r in data_rows(ws)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_people_as_listed_with_real_dates(store: Store, catalog: Catalog, tmp_path: Path
                                          ) -> None:
    dest = tmp_path / "people.xlsx"
    result = exporting.export_people(store, catalog, dest, today=TODAY)
    ws = sheet_of(dest)
    assert ws.title == "Cá nhân"
    assert_layout(ws, "DANH SÁCH CÁ NHÂN")
    assert headers(ws) == ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ",
                           "Phòng ban, đơn vị", "Đối tượng", "Số CCCD"]
    rows = data_rows(ws)
    total = registry_ops.count_people(store)
    assert result.rows == len(rows) == total == 150
    shown = registry_ops.people_page(store, "", 0, total)
    assert [r[1] for r in rows] == [p.full_name for p in shown]  # the list's order
    first = next(p for p in shown if p.birth_date)
    row = next(r for r in rows if r[1] == first.full_name)
    assert row[2] == datetime.combine(first.birth_date, datetime.min.time())
    cell = next(c for c in ws["C"][workbook.HEADER_ROW:] if c.value is not None)
    assert cell.is_date and cell.number_format == workbook.DATE_FORMAT
    ids = [r[8] for r in rows if r[8]]
    assert ids and all(str(i).startswith("•") for i in ids)  # CCCD masked, as on screen
    if os.name == "posix":
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600  # personal data: the officer's only


def test_people_export_follows_the_search_and_the_eligibility_filter(store: Store,
                                                                      catalog: Catalog,
                                                                      tmp_path: Path) -> None:
    dest = tmp_path / "nguyen.xlsx"
    result = exporting.export_people(store, catalog, dest, today=TODAY, query="nguyen",
                                     note="Tìm: nguyen")
    names = [r[1] for r in data_rows(sheet_of(dest))]
    assert result.rows == registry_ops.count_people(store, "nguyen") == len(names) > 0
    assert all("Nguyễn" in n for n in names)
    assert "Tìm: nguyen" in str(sheet_of(dest)["A3"].value)

    chosen = [p.id for p in registry_ops.people_page(store, "", 0, 7) if p.id is not None][::2]
    registry_ops.filter_people(store, chosen)
    filtered = exporting.export_people(store, catalog, tmp_path / "filtered.xlsx",
                                       today=TODAY)
    assert filtered.rows == len(chosen) == 4


def test_a_year_adds_its_rating_and_awards(store: Store, catalog: Catalog,
                                           tmp_path: Path) -> None:
    dest = tmp_path / "people2025.xlsx"
    exporting.export_people(store, catalog, dest, today=TODAY, year=2025)
    ws = sheet_of(dest)
    assert headers(ws)[-2:] == ["Xếp loại năm 2025", "Danh hiệu, khen thưởng năm 2025"]
    rows = {r[1]: r for r in data_rows(ws)}
    person = registry_ops.people_page(store, "", 0, 150)
    for p in person[:40]:
        history = registry_ops.get_history(store, SubjectRef(SubjectKind.PERSON, p.id or 0))
        record = next((y for y in history.years if y.year == 2025), None)
        titles = [catalog.name_of(a.code) for a in history.awards if a.year == 2025]
        assert rows[p.full_name][9] == (record.rating.label if record and record.rating
                                        else None)
        assert (rows[p.full_name][10] or "") == "; ".join(titles)
    assert any(r[10] for r in rows.values())
    groups = tmp_path / "groups2025.xlsx"
    exporting.export_collectives(store, catalog, groups, today=TODAY, year=2025)
    assert headers(sheet_of(groups))[-1] == "Danh hiệu, khen thưởng năm 2025"
    assert any(r[6] for r in data_rows(sheet_of(groups)))


def test_collectives_with_their_members(store: Store, catalog: Catalog, tmp_path: Path
                                        ) -> None:
    dest = tmp_path / "groups.xlsx"
    result = exporting.export_collectives(store, catalog, dest, today=TODAY)
    book = openpyxl.load_workbook(dest)
    groups, members = book.worksheets
    assert (groups.title, members.title) == ("Tập thể", "Thành viên")
    assert_layout(groups, "DANH SÁCH TẬP THỂ")
    assert_layout(members, "THÀNH VIÊN CÁC TẬP THỂ")
    rows = data_rows(groups)
    assert result.rows == len(rows) == registry_ops.count_collectives(store) == 18
    assert all(isinstance(r[3], int) for r in rows)
    member_rows = data_rows(members)
    assert len(member_rows) == sum(r[3] for r in rows) == dict(result.sheets)["Thành viên"]
    first_group = rows[0][1]
    assert sum(1 for r in member_rows if r[1] == first_group) == rows[0][3]


def test_registrations_of_a_year(store: Store, catalog: Catalog, tmp_path: Path) -> None:
    dest = tmp_path / "reg.xlsx"
    result = exporting.export_registrations(store, catalog, dest, year=2026, today=TODAY)
    ws = sheet_of(dest)
    assert_layout(ws, "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2026")
    assert headers(ws)[1:] == ["Cá nhân, tập thể", "Cá nhân hay tập thể", "Danh hiệu đăng ký",
                               "Ngày đăng ký", "Ghi chú"]
    rows = data_rows(ws)
    assert result.rows == len(rows) == len(rounds_ops.registrations(store, 2026))
    assert all(isinstance(r[4], datetime) for r in rows)
    assert {r[2] for r in rows} == {"Cá nhân", "Tập thể"}


def test_nominations_with_verdict_council_status_and_decision(store: Store, catalog: Catalog,
                                                             round_id: int,
                                                             tmp_path: Path) -> None:
    dest = tmp_path / "nom.xlsx"
    result = exporting.export_nominations(store, catalog, dest, round_id=round_id, today=TODAY)
    ws = sheet_of(dest)
    assert_layout(ws, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    assert headers(ws)[1:] == [
        "Cá nhân, tập thể", "Cá nhân hay tập thể", "Danh hiệu, hình thức đề nghị", "Điều kiện",
        "Đăng ký thi đua", "Kết quả Hội đồng", "Số phiếu đồng ý",
        "Tổng số thành viên Hội đồng", "Ngày họp Hội đồng", "Trạng thái", "Số quyết định",
        "Ngày quyết định", "Ý kiến cơ quan tiếp nhận"]
    rows = data_rows(ws)
    noms = rounds_ops.nominations(store, round_id)
    assert result.rows == len(rows) == len(noms) == 11
    assert [r[1] for r in rows] == [n.subject_name for n in noms]
    assert {r[6] for r in rows} <= {"Đạt", "Không đạt", "Chưa biểu quyết"}
    voted = [r for r in rows if r[6] != "Chưa biểu quyết"]
    assert voted and all(isinstance(r[7], int) and isinstance(r[8], int) for r in voted)
    assert all(isinstance(r[9], datetime) for r in voted)
    assert {r[10] for r in rows} <= {n.status.label for n in noms}
    assert {r[4] for r in rows} <= {"Đủ điều kiện", "Chưa đủ điều kiện", "Tạm hoãn xét"}
    assert "Xét khen thưởng" in str(ws["A3"].value) or "hạn nộp" in str(ws["A3"].value)


def test_posting_list_has_name_unit_and_title_only(store: Store, catalog: Catalog,
                                                   round_id: int, tmp_path: Path) -> None:
    dest = tmp_path / "post.xlsx"
    result = exporting.export_posting_list(store, catalog, dest, round_id=round_id, today=TODAY)
    ws = sheet_of(dest)
    assert headers(ws) == ["STT", "Họ và tên (tên tập thể)", "Đơn vị",
                           "Danh hiệu, hình thức đề nghị"]
    assert result.rows == len(rounds_ops.posting_list(store, catalog, round_id)) == 11


def test_dashboard_tables_with_totals_and_shares(store: Store, catalog: Catalog,
                                                 round_id: int, tmp_path: Path) -> None:
    dest = tmp_path / "dash.xlsx"
    exporting.export_dashboard(store, catalog, dest, round_id=round_id, today=TODAY)
    by_title, shares = openpyxl.load_workbook(dest).worksheets
    assert_layout(by_title, "TỔNG HỢP ĐỀ NGHỊ THEO DANH HIỆU VÀ TRẠNG THÁI")
    data = rounds_ops.dashboard(store, catalog, round_id, TODAY)
    rows = data_rows(by_title)
    assert len(rows) == len(data.counts)
    total_row = [r for r in by_title.iter_rows(min_row=workbook.HEADER_ROW + 1)
                 if r[1].value == "Cộng"]
    assert total_row and total_row[0][-1].value == 11 and total_row[0][-1].font.b
    assert sum(r[-1] for r in rows) == 11
    share_rows = data_rows(shares)
    assert [r[1] for r in share_rows] == ["Công nhân, nông dân, người lao động trực tiếp", "Nữ",
                                          "Người dân tộc thiểu số"]
    women = share_rows[1]
    assert women[2:4] == (data.women, data.individuals)
    assert women[4] == pytest.approx(data.women / data.individuals)
    cell = next(c for c in shares["E"][workbook.HEADER_ROW:] if isinstance(c.value, float))
    assert cell.number_format == workbook.PERCENT_FORMAT


def test_the_years_decisions(store: Store, catalog: Catalog, tmp_path: Path) -> None:
    dest = tmp_path / "dec.xlsx"
    result = exporting.export_decisions(store, catalog, dest, year=2025, today=TODAY)
    ws = sheet_of(dest)
    assert_layout(ws, "KHEN THƯỞNG ĐÃ CÓ QUYẾT ĐỊNH NĂM 2025")
    rows = data_rows(ws)
    expected = store.db.execute("SELECT count(*) FROM awards WHERE year = 2025").fetchone()[0]
    assert result.rows == len(rows) == expected > 0
    dates = [r[6] for r in rows if r[6] is not None]
    assert dates == sorted(dates) and all(isinstance(d, datetime) for d in dates)
    assert all(r[5] for r in rows)  # a decision number on each


def test_text_is_never_a_formula_and_control_characters_go(tmp_path: Path) -> None:
    dest = tmp_path / "hostile.xlsx"
    sheet = workbook.Sheet("X", "T", [workbook.Column("Tên")],
                           [['=HYPERLINK("http://x","bấm")'], ["@SUM(A1)"], ["a\x01b\x1f"]])
    workbook.write_workbook(dest, [sheet], unit_name=UNIT, today=TODAY)
    ws = sheet_of(dest)
    cells = [r[1] for r in ws.iter_rows(min_row=workbook.HEADER_ROW + 1)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","bấm")', "@SUM(A1)", "ab"]
    assert all(c.data_type == "s" for c in cells)


def test_only_xlsx_and_unwritable_targets_are_refused_cleanly(store: Store, catalog: Catalog,
                                                             tmp_path: Path) -> None:
    with pytest.raises(UserError) as wrong:
        exporting.export_people(store, catalog, tmp_path / "people.xls", today=TODAY)
    assert wrong.value.code == "export.not_xlsx"
    blocked = tmp_path / "is-a-folder.xlsx"
    blocked.mkdir()
    with pytest.raises(UserError) as failed:
        exporting.export_people(store, catalog, blocked, today=TODAY)
    assert failed.value.code == "export.write_failed"
    assert [p.name for p in tmp_path.iterdir()] == ["is-a-folder.xlsx"]  # no .part left


def test_a_failure_midway_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    dest = tmp_path / "list.xlsx"
    workbook.write_workbook(dest, [workbook.Sheet("A", "T", [workbook.Column("Tên")],
                                                  [["cũ"]])], unit_name=UNIT, today=TODAY)
    before = dest.read_bytes()

    def rows() -> Iterator[list[str]]:
        yield ["mới"]
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        workbook.write_workbook(dest, [workbook.Sheet("A", "T", [workbook.Column("Tên")],
                                                      rows())], unit_name=UNIT, today=TODAY)
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["list.xlsx"]


def test_progress_is_reported_and_ends_at_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    rows = [[f"Người {i}"] for i in range(1234)]
    workbook.write_workbook(tmp_path / "p.xlsx", [workbook.Sheet(
        "A", "T", [workbook.Column("Tên")], iter(rows), total=len(rows))],
        unit_name=UNIT, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1234, 1234) and len(seen) >= 3
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_sheet_names_and_file_names_follow_excel_and_ascii_rules() -> None:
    assert workbook._sheet_name("Đợt: [2026]/cuối năm*? và còn rất dài nữa", []) == \
        "Đợt   2026  cuối năm   và còn r"
    assert workbook._sheet_name("Cá nhân", ["Cá nhân"]) == "Cá nhân (2)"
    assert exporting.suggested_file_name("Danh sách cá nhân", UNIT, TODAY) == \
        "DanhSachCaNhan_UyBanNhanDanXaThanhSon_2026-11-23.xlsx"
    assert exporting.suggested_file_name("Đăng ký thi đua", "UBND xã Đắk Pơ", TODAY, "2026") \
        == "DangKyThiDua_UBNDXaDakPo_2026_2026-11-23.xlsx"


def test_a_person_with_no_birth_date_or_gender_leaves_the_cells_empty(tmp_path: Path) -> None:
    from desktop.core.operations.exporting.registry_lists import people_columns

    person = Person(None, "Lò Văn Pá")
    sheet = workbook.Sheet("Cá nhân", "T", people_columns(),
                           [[person.full_name, person.birth_date, "", person.ethnicity, "", "",
                             person.group.label, ""]])
    workbook.write_workbook(tmp_path / "one.xlsx", [sheet], unit_name=UNIT, today=TODAY)
    (row,) = data_rows(sheet_of(tmp_path / "one.xlsx"))
    assert row[1] == "Lò Văn Pá" and row[2] is None and row[3] is None
