"""What each window's “Xuất Excel…” exports: the list it shows, as it shows it.

- Main window: the people or collective list of the current tab, with the search and the
  eligibility filter on screen (and the year of the filter's rating and awards); and the
  awards recorded for a year (the year's decisions).
- Rounds window: the round's nominations, its dashboard tables, its posting list, and the
  registrations of the year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.core.i18n import _
from desktop.core.model.rounds import Round
from desktop.core.operations import exporting
from desktop.core.operations.exporting import ExportResult
from desktop.ui.context import AppContext
from desktop.ui.excel_export import export_to_excel

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def filter_note(window: MainWindow) -> str:
    """What the list on screen is restricted to, in words (printed above the table)."""
    parts = []
    query = window.current_model().query.strip()
    if query:
        parts.append(_("tìm “{q}”").format(q=query))
    active = window._filters.get(window.tabs.currentIndex())
    if active:
        name = window.context.catalog.title(active[0]).short_name
        parts.append(_("chỉ những trường hợp đủ điều kiện {t} năm {y}").format(t=name,
                                                                               y=active[1]))
    note = "; ".join(parts)
    return note[:1].upper() + note[1:]


def export_main_list(window: MainWindow) -> ExportResult | None:
    """The list of the current tab, as filtered on screen, with the filter year's rating."""
    ctx = window.context
    query = window.current_model().query
    note, year = filter_note(window), window.filter_year.value()
    if window.on_people_tab():
        return export_to_excel(window, ctx, _("Danh sách cá nhân"), lambda dest, report:
                               exporting.export_people(ctx.store, ctx.catalog, dest,
                                                       today=ctx.today(), query=query,
                                                       year=year, note=note,
                                                       progress=report))
    return export_to_excel(window, ctx, _("Danh sách tập thể"), lambda dest, report:
                           exporting.export_collectives(ctx.store, ctx.catalog, dest,
                                                        today=ctx.today(), query=query,
                                                        year=year, note=note,
                                                        progress=report))


def export_year_decisions(parent: QWidget, ctx: AppContext, year: int) -> ExportResult | None:
    """Awards recorded for a year the officer picks (the filter's year proposed)."""
    year, ok = QInputDialog.getInt(parent, _("Xuất khen thưởng của năm"),
                                   _("Khen thưởng đã có quyết định trong &năm:"), year, 1945,
                                   2100)
    if not ok:
        return None
    return export_to_excel(parent, ctx, _("Khen thưởng năm {y}").format(y=year),
                           lambda dest, _report: exporting.export_decisions(
                               ctx.store, ctx.catalog, dest, year=year, today=ctx.today()))


def export_registrations(parent: QWidget, ctx: AppContext, year: int) -> ExportResult | None:
    return export_to_excel(parent, ctx, _("Đăng ký thi đua"), lambda dest, _report:
                           exporting.export_registrations(ctx.store, ctx.catalog, dest,
                                                          year=year, today=ctx.today()),
                           str(year))


def export_nominations(parent: QWidget, ctx: AppContext, rnd: Round) -> ExportResult | None:
    rid = rnd.id or 0
    return export_to_excel(parent, ctx, _("Đề nghị khen thưởng"), lambda dest, _report:
                           exporting.export_nominations(ctx.store, ctx.catalog, dest,
                                                        round_id=rid, today=ctx.today()),
                           str(rnd.year))


def export_dashboard(parent: QWidget, ctx: AppContext, rnd: Round) -> ExportResult | None:
    rid = rnd.id or 0
    return export_to_excel(parent, ctx, _("Tổng hợp đợt xét"), lambda dest, _report:
                           exporting.export_dashboard(ctx.store, ctx.catalog, dest,
                                                      round_id=rid, today=ctx.today()),
                           str(rnd.year))


def export_posting(parent: QWidget, ctx: AppContext, round_id: int) -> ExportResult | None:
    return export_to_excel(parent, ctx, _("Danh sách công khai"), lambda dest, _report:
                           exporting.export_posting_list(ctx.store, ctx.catalog, dest,
                                                         round_id=round_id,
                                                         today=ctx.today()))
