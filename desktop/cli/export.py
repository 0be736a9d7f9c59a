"""`hoso export LIST --data-dir DIR --out FILE.xlsx [--year Y] [--round ID] [--profile ID]
[--json]`: a list of the unit to Excel, as the windows' "Xuất Excel…" writes it.

Lists: people, collectives (with members; --year adds that year's rating and awards),
registrations and decisions of a year (--year, default this year), nominations, posting and
dashboard of a round (--round, or the only round of --year).
Exit 0 written; 2 bad usage, unreadable data or a file that cannot be written. `--json`
prints {"ok", "path", "rows", "sheets"} (or an error object) and nothing else on stdout.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    CliContext,
    fail,
    open_cli_profile,
    write_json,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.lawpacks import effective_catalog

NAME = "export"
LISTS = ("people", "collectives", "nominations", "registrations", "decisions", "posting",
         "dashboard")
ROUND_LISTS = ("nominations", "posting", "dashboard")
YEARS = range(1945, 2101)


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(NAME, help=_("xuất một danh sách ra tệp Excel (.xlsx)"))
    cmd.add_argument("list", choices=LISTS, help=_(
        "danh sách: people (cá nhân), collectives (tập thể và thành viên), nominations (đề "
        "nghị của đợt), registrations (đăng ký thi đua của năm), decisions (khen thưởng đã có "
        "quyết định trong năm), posting (danh sách công khai), dashboard (tổng hợp đợt)"))
    cmd.add_argument("--data-dir", type=Path, default=None, dest="export_data_dir",
                     metavar="DIR", help=_("thư mục dữ liệu"))
    cmd.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                     help=_("tệp Excel ghi ra"))
    cmd.add_argument("--year", type=int, default=None, help=_(
        "năm: đăng ký, quyết định, đợt của năm; với people/collectives thêm xếp loại và khen "
        "thưởng của năm đó"))
    cmd.add_argument("--round", type=int, default=None, dest="round_id", metavar="ID",
                     help=_("mã đợt xét"))
    cmd.add_argument("--profile", default=None, help=_("mã hồ sơ đơn vị (khi có nhiều)"))
    cmd.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def _usage_problem(args: argparse.Namespace) -> str:
    if args.year is not None and args.year not in YEARS:
        return _("Năm {y} không hợp lệ (từ {a} đến {b}).").format(y=args.year, a=YEARS.start,
                                                                  b=YEARS.stop - 1)
    if args.round_id is not None and args.list not in ROUND_LISTS:
        return _("--round chỉ dùng cho nominations, posting và dashboard.")
    return ""


def _round_of(store: Any, args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations import rounds as rounds_ops

    if args.round_id is not None:
        return int(args.round_id)
    year = args.year if args.year is not None else ctx.today.year
    found = rounds_ops.list_rounds(store, year)
    if not found:
        raise UserError(_("Năm {y} chưa có đợt xét nào.").format(y=year),
                        _("Chỉ định đợt bằng --round ID hoặc năm khác bằng --year."),
                        code="export.no_round")
    if len(found) > 1:
        raise UserError(_("Năm {y} có {n} đợt xét; hãy chọn một bằng --round ({ids}).").format(
            y=year, n=len(found), ids=", ".join(f"{r.id}: {r.name}" for r in found)),
            code="export.round_ambiguous")
    return int(found[0].id or 0)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations import exporting

    problem = _usage_problem(args)
    if problem:
        return fail(ctx, args.json, "usage", problem, EXIT_UNREADABLE)
    data_dir: Path = args.export_data_dir or ctx.data_dir
    try:
        exporting.check_destination(args.out)
        store, _profile = open_cli_profile(data_dir, args.profile)
    except UserError as exc:
        return fail(ctx, args.json, exc.code or "refused", exc, EXIT_UNREADABLE)
    try:
        catalog, _notices = effective_catalog(ctx.forms_dir, data_dir)   # with the law packs
        year = args.year if args.year is not None else ctx.today.year
        out, today = args.out, ctx.today
        if args.list in ("people", "collectives"):  # with --year: that year's rating, awards
            write_list = (exporting.export_people if args.list == "people"
                          else exporting.export_collectives)
            result = write_list(store, catalog, out, today=today, year=args.year)
        elif args.list == "registrations":
            result = exporting.export_registrations(store, catalog, out, year=year, today=today)
        elif args.list == "decisions":
            result = exporting.export_decisions(store, catalog, out, year=year, today=today)
        else:
            round_id = _round_of(store, args, ctx)
            write = {"nominations": exporting.export_nominations,
                     "posting": exporting.export_posting_list,
                     "dashboard": exporting.export_dashboard}[args.list]
            result = write(store, catalog, out, round_id=round_id, today=today)
    except UserError as exc:
        return fail(ctx, args.json, exc.code or "refused", exc, EXIT_UNREADABLE)
    finally:
        store.close()
    if args.json:
        write_json(ctx.stdout, {"ok": True, "path": str(result.path.resolve()),
                                "rows": result.rows,
                                "sheets": [{"name": n, "rows": r} for n, r in result.sheets]},
                   indent=None)
    else:
        print(_("Đã ghi {n} dòng vào {path}").format(n=result.rows, path=result.path),
              file=ctx.stdout)
    return EXIT_OK
