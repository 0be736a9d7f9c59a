"""`hoso import ratings FILE --year Y`: a year's xếp loại from Excel/CSV onto people already
in the list (registered under `hoso import`, next to `hoso import people`).

Columns are guessed from the headers as the people import guesses them (`--map
COLUMN=field` corrects a guess): họ tên, ngày sinh
(or năm sinh) and/or số CCCD, xếp loại, and optionally "Năm" (the year of each row; rows
without one take --year, or the year in the rating column's header). Each row is matched to
one saved person, by CCCD first (refused, ratings.name_mismatch, when the file's name is not
the saved holder's, word for word once folded), else by folded name and birth date. Every
matched row's message names the saved person it was matched to.

Exit codes: 0 written (or, with --dry-run, would be); 1 refused (rows not matched or bad
without --skip-bad-rows, or nothing matched); 2 bad usage, or a file that cannot be read.

`--json` prints one object, whatever happens:

    {"ok": bool, "dry_run": bool, "skip_bad_rows": bool, "year": int|null,
     "updated": int,        ratings written (0 with --dry-run or when refused)
     "would_update": int,   rows that would change a rating
     "unchanged": int,      rows matched whose rating is already so
     "counts": {code: int}, rows per code
     "rows": [ROW...],      every row read
     "skipped": [ROW...],   rows left out because of --skip-bad-rows
     "problems": [ROW...],  why it was refused; [] when ok
     "file": {"name", "sha256", "format", "encoding", "sheet", "header_row", "rows",
              "blank_rows"},
     "mapping": {field: {"column", "header"}}, "audit_id": int|null,
     "error": {"code", "message", "hint"}   only when refused as a whole}

where ROW is {"row", "code", "ok", "message", "column", "name", "year", "rating", "before",
"person_id", "stored_name"} ("name" as in the file, "stored_name" the matched person's saved
name, "" when none). Row codes: ratings.matched, ratings.unchanged (written or already so);
ratings.not_found, ratings.ambiguous, ratings.identity_missing, ratings.name_missing,
ratings.national_id_mismatch, ratings.name_mismatch,
ratings.rating_missing, ratings.rating_invalid, ratings.year_invalid, ratings.year_future,
ratings.year_missing, ratings.duplicate_in_file, and the people import's cell codes
(import.date_invalid…).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    open_cli_profile,
    write_json,
)
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations import importing as imp
from desktop.core.operations import ratings as ops

SUBCOMMAND = "ratings"
_USAGE_CODES = {"ratings.year_invalid", "ratings.year_future", "ratings.year_missing",
                "ratings.name_unmapped", "ratings.rating_unmapped",
                "ratings.identity_unmapped", "ratings.column_twice"}


def register(kinds: argparse._SubParsersAction) -> None:
    """`ratings` under the `import` command's subcommands."""
    parser = kinds.add_parser(
        SUBCOMMAND, help=_("nhập xếp loại năm cho người đã có trong danh sách (0 đã ghi, 1 bị "
                           "từ chối kèm báo cáo từng dòng, 2 sai cú pháp hoặc không đọc được "
                           "tệp)"),
        description=_("Nhập xếp loại của một năm từ bảng tính (họ tên, ngày sinh và/hoặc số "
                      "CCCD, xếp loại, có thể có cột Năm) cho những người đã có trong danh "
                      "sách: nhận ra theo số CCCD, nếu không có thì theo họ tên và ngày sinh."),
        epilog=_("Với --json, kết quả là một đối tượng JSON: ok, dry_run, skip_bad_rows, year, "
                 "updated, would_update, unchanged, counts, rows, skipped, problems (mỗi dòng "
                 "có row, code, ok, message, name, year, rating, before, person_id), file, "
                 "mapping, audit_id, và error khi bị từ chối cả tệp. Xem README."))
    parser.add_argument("file", type=Path, help=_("tệp .xlsx, .xls, .csv hoặc .txt"))
    parser.add_argument("--data-dir", type=Path, default=None, dest="import_data_dir",
                        metavar="DIR", help=_("thư mục dữ liệu"))
    parser.add_argument("--profile", default=None,
                        help=_("mã hồ sơ đơn vị trong thư mục dữ liệu (khi có nhiều)"))
    parser.add_argument("--year", type=int, default=None,
                        help=_("năm xếp loại (mặc định: năm ghi trong tiêu đề cột xếp loại; "
                               "dòng có cột Năm theo năm của dòng đó)"))
    parser.add_argument("--map", action="append", default=[], metavar="CỘT=trường",
                        help=_("ghép cột (chữ cái hoặc tiêu đề) với trường: full_name, "
                               "family_name, birth_date, national_id, rating, year; CỘT=- để "
                               "bỏ cột; có thể ghi nhiều lần"))
    parser.add_argument("--sheet", default=None, help=_("tên trang tính cần đọc"))
    parser.add_argument("--encoding", choices=list(imp.ENCODINGS), default=None,
                        help=_("bảng mã của tệp CSV khi tự nhận ra sai"))
    parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi gì"))
    parser.add_argument("--skip-bad-rows", action="store_true",
                        help=_("bỏ qua các dòng lỗi hoặc không nhận ra (có báo cáo), ghi các "
                               "dòng còn lại"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    data: dict[str, Any] = {
        "ok": False, "dry_run": bool(args.dry_run), "skip_bad_rows": bool(args.skip_bad_rows),
        "year": args.year, "updated": 0, "would_update": 0, "unchanged": 0, "counts": {},
        "rows": [], "skipped": [], "problems": [], "file": None, "mapping": {},
        "audit_id": None}
    code = _run(args, ctx, data)
    data["ok"] = code == EXIT_OK
    if args.json:
        write_json(ctx.stdout, data)
    else:
        _print(data, ctx.stdout, ctx.stderr)
    return code


def _refuse(data: dict[str, Any], exc: UserError) -> None:
    data["error"] = {"code": exc.code or "ratings.refused", "message": exc.message,
                     "hint": exc.hint}


def _run(args: argparse.Namespace, ctx: CliContext, data: dict[str, Any]) -> int:
    try:
        table = imp.read_table(args.file, args.sheet, encoding=args.encoding)
    except UserError as exc:
        _refuse(data, exc)
        return EXIT_UNREADABLE
    data["file"] = {"name": table.source_name, "sha256": table.sha256, "format": table.format,
                    "encoding": table.encoding or None, "sheet": table.sheet or None,
                    "header_row": table.header_row, "rows": len(table.rows), "blank_rows": []}
    try:
        mapping = ops.apply_overrides(ops.guess_ratings_mapping(table.headers), args.map,
                                      table.headers)
    except imp.MappingError as exc:
        _refuse(data, UserError(str(exc), code=exc.code))
        return EXIT_UNREADABLE
    data["mapping"] = ops.mapping_json(mapping, table.headers)
    year = args.year if args.year is not None else ops.guess_year(table.headers, mapping)
    data["year"] = year
    try:
        store, _profile = open_cli_profile(Path(args.import_data_dir or ctx.data_dir),
                                           args.profile)
    except UserError as exc:
        _refuse(data, exc)
        return EXIT_UNREADABLE
    try:
        try:
            pv = ops.preview_ratings(store=store, table=table, mapping=mapping, year=year,
                                     today=ctx.today)
        except UserError as exc:
            _refuse(data, exc)
            return EXIT_UNREADABLE if exc.code in _USAGE_CODES else EXIT_REFUSED
        data["file"]["blank_rows"] = list(pv.blank_rows)
        data["rows"] = [r.to_json() for r in pv.rows]
        data["counts"] = pv.counts()
        data["would_update"] = pv.count(ops.MATCHED)
        data["unchanged"] = pv.count(ops.UNCHANGED)
        bad = [r.to_json() for r in pv.bad]
        skip = bool(args.skip_bad_rows)
        if bad and not skip:
            data["problems"] = bad
            data["error"] = {"code": "ratings.bad_rows", "message": _(
                "Tệp còn {n} dòng chưa nhận ra hoặc có lỗi nên chưa ghi gì.").format(
                    n=len(bad)), "hint": _("Sửa tệp, hoặc thêm --skip-bad-rows để ghi các "
                                           "dòng còn lại.")}
            return EXIT_REFUSED
        data["skipped"] = bad
        if not pv.good:
            _refuse(data, UserError(_("Không có dòng nào nhận ra được người trong danh sách."),
                                    code="ratings.nothing_valid"))
            return EXIT_REFUSED
        if args.dry_run:
            return EXIT_OK
        try:
            result, _changes = ops.apply_ratings_import(
                store=store, preview=pv, actor=ctx.actor, today=ctx.today, skip_bad_rows=skip)
        except ValidationError as exc:
            _refuse(data, exc)
            data["problems"] = [{"row": p.field, "code": p.code, "message": p.message}
                                for p in exc.problems]
            return EXIT_REFUSED
        except UserError as exc:
            _refuse(data, exc)
            return EXIT_REFUSED
        data["updated"] = result.updated
        data["unchanged"] = result.unchanged
        data["audit_id"] = result.audit_id
        return EXIT_OK
    finally:
        store.close()


def _print(data: dict[str, Any], out: TextIO, err: TextIO) -> None:
    info = data.get("file")
    if info:
        print(_("Tệp: {name} ({rows} dòng dữ liệu)").format(name=info["name"], rows=info["rows"]),
              file=out)
    for row in data["rows"]:
        text = _("Dòng {row}: {name} – {msg} [{code}]").format(
            row=row["row"], name=row["name"], msg=row["message"], code=row["code"])
        print(("  " if row["ok"] else "  ! ") + text, file=out if row["ok"] else err)
    if data["ok"]:
        if data["dry_run"]:
            print(_("Thử (--dry-run): sẽ ghi xếp loại cho {n} người ({u} đã có sẵn); chưa ghi "
                    "gì.").format(n=data["would_update"], u=data["unchanged"]), file=out)
        else:
            print(_("Đã ghi xếp loại cho {n} người ({u} đã có sẵn).").format(
                n=data["updated"], u=data["unchanged"]), file=out)
        if data["skipped"]:
            print(_("Bỏ qua {n} dòng.").format(n=len(data["skipped"])), file=out)
        return
    error = data.get("error")
    if error:
        print(_("Lỗi: {msg}").format(msg=error["message"]), file=err)
        if error.get("hint"):
            print(error["hint"], file=err)
    print(_("Chưa ghi gì."), file=err)
