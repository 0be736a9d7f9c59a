"""The unit's own lists to Excel: people, collectives with their members, the year's
emulation registrations, and the year's decisions (awards recorded for a year)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.i18n import _
from desktop.core.model import AwardKind, Gender, Rating, SubjectKind
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.exporting.workbook import (
    Column,
    ExportResult,
    Progress,
    Sheet,
    write_workbook,
)
from desktop.core.store import Store
from desktop.core.store import exporting as repo
from desktop.core.text import mask_national_id


def _unit_name(store: Store) -> str:
    unit = registry_ops.get_unit(store)
    return unit.name if unit else ""


def _kind_label(kind: SubjectKind | bool) -> str:
    individual = kind is SubjectKind.PERSON if isinstance(kind, SubjectKind) else kind
    return _("Cá nhân") if individual else _("Tập thể")


def subject_columns() -> list[Column]:
    """Who (name) and whether a person or a collective: the first columns of round lists."""
    return [Column(_("Cá nhân, tập thể")),
            Column(_("Cá nhân hay tập thể"), width=11)]


def people_columns(year: int | None = None) -> list[Column]:
    """The columns of the list on screen (CCCD masked there, masked here), and with a year
    that year's rating and awards."""
    columns = [Column(_("Họ và tên")), Column(_("Ngày sinh"), "date", 12),
               Column(_("Giới tính"), width=9), Column(_("Dân tộc"), width=10),
               Column(_("Chức vụ")), Column(_("Phòng ban, đơn vị")),
               Column(_("Đối tượng")), Column(_("Số CCCD"), width=15)]
    return columns + _year_columns(year)


def _year_columns(year: int | None) -> list[Column]:
    if year is None:
        return []
    return [Column(_("Xếp loại năm {y}").format(y=year)),
            Column(_("Danh hiệu, khen thưởng năm {y}").format(y=year))]


def _year_cells(catalog: Catalog, year: int | None, rating: str | None, codes: list[str]
                ) -> list[str]:
    if year is None:
        return []
    return [Rating(rating).label if rating else "",
            "; ".join(catalog.name_of(code) for code in codes)]


def export_people(store: Store, catalog: Catalog, dest: Path, *, today: date, query: str = "",
                  year: int | None = None, note: str = "", progress: Progress | None = None
                  ) -> ExportResult:
    """The people list as shown: the name search `query` and the active eligibility filter
    apply; `note` says what was filtered; with `year`, that year's rating and awards too.
    Streams: any number of people."""
    rows = ([p.full_name, p.birth_date, p.gender.label if p.gender else "", p.ethnicity,
             p.position, p.department, p.group.label, mask_national_id(p.national_id),
             *_year_cells(catalog, year, rating, codes)]
            for p, rating, codes in repo.iter_people(store.db, query, year))
    sheet = Sheet(_("Cá nhân"), _("DANH SÁCH CÁ NHÂN"), people_columns(year), rows, note,
                  total=registry_ops.count_people(store, query))
    return write_workbook(dest, [sheet], unit_name=_unit_name(store), today=today,
                          progress=progress)


def export_collectives(store: Store, catalog: Catalog, dest: Path, *, today: date,
                       query: str = "", year: int | None = None, note: str = "",
                       progress: Progress | None = None) -> ExportResult:
    """Collectives (sheet 1, with `year`'s rating and awards when given) and, on sheet 2,
    every member of each, as the list shows them."""
    total = registry_ops.count_collectives(store, query)
    collectives = registry_ops.collectives_page(store, query, 0, max(total, 1))
    ids = [c.id for c in collectives if c.id is not None]
    counts = registry_ops.member_counts(store, ids)
    facts = repo.collectives_year(store.db, ids, year) if year is not None else {}
    groups = Sheet(_("Tập thể"), _("DANH SÁCH TẬP THỂ"),
                   [Column(_("Tên tập thể")), Column(_("Loại")),
                    Column(_("Số thành viên"), "int", 11), Column(_("Ghi chú"), width=40),
                    *_year_columns(year)],
                   [[c.name, c.kind.label, counts.get(c.id or 0, 0), c.note,
                     *_year_cells(catalog, year, *facts.get(c.id or 0, (None, [])))]
                    for c in collectives], note, total=len(collectives))

    def member_rows() -> Any:
        for m in repo.collective_members(store.db, query):
            gender = Gender(m["gender"]).label if m["gender"] else ""
            yield [m["collective"], m["name"], m["birth_date"], gender, m["position"],
                   m["department"]]

    members = Sheet(_("Thành viên"), _("THÀNH VIÊN CÁC TẬP THỂ"),
                    [Column(_("Tập thể")), Column(_("Họ và tên")),
                     Column(_("Ngày sinh"), "date", 12), Column(_("Giới tính"), width=9),
                     Column(_("Chức vụ")), Column(_("Phòng ban, đơn vị"))],
                    member_rows(), note, total=sum(counts.values()))
    return write_workbook(dest, [groups, members], unit_name=_unit_name(store), today=today,
                          progress=progress)


def export_registrations(store: Store, catalog: Catalog, dest: Path, *, year: int,
                         today: date) -> ExportResult:
    """Đăng ký thi đua of `year`: who registered for which title, and when."""
    regs = rounds_ops.registrations(store, year)
    rows = [[r.subject_name, _kind_label(r.subject.kind), catalog.name_of(r.target),
             r.registered_on, r.note] for r in regs]
    sheet = Sheet(_("Đăng ký thi đua {y}").format(y=year),
                  _("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {y}").format(y=year),
                  [*subject_columns(),
                   Column(_("Danh hiệu đăng ký")),
                   Column(_("Ngày đăng ký"), "date", 13), Column(_("Ghi chú"), width=30)],
                  rows, total=len(rows))
    return write_workbook(dest, [sheet], unit_name=_unit_name(store), today=today)


def export_decisions(store: Store, catalog: Catalog, dest: Path, *, year: int,
                     today: date) -> ExportResult:
    """The year's decisions: every title and form of commendation recorded for `year`,
    with its decision number, date and issuer."""
    awards = repo.awards_of_year(store.db, year)
    rows = [[a["name"], _kind_label(bool(a["individual"])), catalog.name_of(a["code"]),
             AwardKind(a["kind"]).label, a["decision_no"], a["decision_date"], a["issuer"]]
            for a in awards]
    sheet = Sheet(_("Khen thưởng {y}").format(y=year),
                  _("KHEN THƯỞNG ĐÃ CÓ QUYẾT ĐỊNH NĂM {y}").format(y=year),
                  [*subject_columns(),
                   Column(_("Danh hiệu, hình thức khen thưởng")),
                   Column(_("Loại khen thưởng")), Column(_("Số quyết định")),
                   Column(_("Ngày quyết định"), "date", 13),
                   Column(_("Cơ quan quyết định"))],
                  rows, total=len(rows))
    return write_workbook(dest, [sheet], unit_name=_unit_name(store), today=today)
