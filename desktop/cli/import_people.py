"""`hoso import people FILE`: the import wizard's checks and row reports, from the command line.

The columns are guessed from the headers as in the wizard; `--map COLUMN=field` corrects a
guess (COLUMN is a letter or a header text; `--map C=-` imports nothing from C). A field the
file has no value for, whose empty value would state a fact (`group`, `ethnicity`), needs
`--default field=value`; until then the import is refused (exit 1) and the report says
which flag to add. Names typed in capitals ("NGUYỄN VĂN AN") are imported as typed unless
`--fix-name-case` writes them in Vietnamese title case ("Nguyễn Văn An"); each such row has
a note either way (`import.name_all_capitals` / `import.name_case_fixed`), as has each row
without a birth date (`import.birth_date_missing`: allowed, but the dossier will need it).

Exit codes: 0 imported (or, with --dry-run, would be); 1 refused, with the row reports (bad
rows without --skip-bad-rows, a default not confirmed, no name column, rows that clashed
with people saved meanwhile); 2 bad usage, or a file that cannot be read or is over a limit.

`--json` prints one object, whatever happens:

    {"ok": bool, "dry_run": bool, "skip_bad_rows": bool,
     "imported": int,            people written (0 with --dry-run or when refused)
     "imported_without_birth_date": int,   of them, written with no birth date
     "importable": int,          rows that are (or would be) imported
     "skipped": [ROW...],        rows left out because of --skip-bad-rows
     "problems": [ROW...],       why the import was refused; [] when ok
     "notices": [ROW...],        notes, not errors: what was changed on the way (a hidden
                                 character → a space, a name's case) and what to complete
                                 (no birth date)
     "summary": {"rows", "valid", "errors", "birth_date_missing", "names_in_capitals",
                 "names_fixed"},     counts of the rows checked (null when none were)
     "name_case": {"count", "example", "example_fixed", "applied", "flag"} | null,
     "defaults": {field: {"label", "reason": "unmapped"|"empty_cells", "rows",
                          "must_confirm", "confirmed", "value", "value_label", "choices",
                          "flag"}},
     "file": {"name", "sha256", "format": "xlsx"|"xls"|"csv", "encoding", "encoding_detected",
              "delimiter", "sheet", "sheets", "header_row", "rows", "blank_rows"},
     "mapping": {field: {"column", "header"}}, "rating_year": int|null,
     "error": {"code", "message", "hint", "row", "column"}   only when refused as a whole}

where ROW is {"row": int|null, "column": str, "field": str|null, "code": str, "message": str}.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from desktop.cli import import_ratings
from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    open_cli_profile,
    write_json,
)
from desktop.core.catalog import load_catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.operations import importing as imp

NAME = "import"
_USAGE_CODES = {"import.default_invalid", "import.default_unknown_field",
                "import.rating_year_invalid"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(NAME, help=_("nhập danh sách từ Excel/CSV"))
    kinds = parser.add_subparsers(dest="import_command", required=True)
    fields = ", ".join(f.key for f in imp.FIELDS)
    people = kinds.add_parser(
        "people", help=_("nhập người từ tệp .xlsx, .xls hoặc .csv (0 đã nhập, 1 bị từ chối "
                         "kèm báo cáo từng dòng, 2 sai cú pháp hoặc không đọc được tệp)"),
        description=_("Nhập danh sách người từ bảng tính. Cột được đoán theo tiêu đề như "
                      "trong cửa sổ nhập; các trường: {fields}.").format(fields=fields),
        epilog=_("Với --json, kết quả là một đối tượng JSON: ok, dry_run, skip_bad_rows, "
                 "imported, importable, skipped, problems, notices (mỗi mục có row, column, "
                 "field, code, message), summary, name_case, defaults, file, mapping, "
                 "rating_year, và error khi bị từ chối cả tệp. Xem README."))
    people.add_argument("file", type=Path, help=_("tệp .xlsx, .xls, .csv hoặc .txt"))
    people.add_argument("--data-dir", type=Path, default=None, dest="import_data_dir",
                        metavar="DIR", help=_("thư mục dữ liệu"))
    people.add_argument("--profile", default=None,
                        help=_("mã hồ sơ đơn vị trong thư mục dữ liệu (khi có nhiều)"))
    people.add_argument("--sheet", default=None, help=_("tên trang tính cần đọc"))
    people.add_argument("--encoding", choices=list(imp.ENCODINGS), default=None,
                        help=_("bảng mã của tệp CSV khi tự nhận ra sai"))
    people.add_argument("--map", action="append", default=[], metavar="CỘT=trường",
                        help=_("ghép cột (chữ cái hoặc tiêu đề) với trường; CỘT=- để bỏ cột; "
                               "có thể ghi nhiều lần"))
    people.add_argument("--default", action="append", default=[], metavar="trường=giá_trị",
                        help=_("xác nhận giá trị cho các dòng không có thông tin này (group, "
                               "ethnicity), ví dụ --default group=cong_nhan_nong_dan"))
    people.add_argument("--rating-year", type=int, default=None,
                        help=_("năm của cột xếp loại (mặc định: năm ghi trong tiêu đề cột)"))
    people.add_argument("--fix-name-case", action="store_true",
                        help=_("ghi tên viết HOA toàn bộ (“NGUYỄN VĂN AN”) thành “Nguyễn Văn "
                               "An”; tên viết hoa thường lẫn lộn giữ nguyên"))
    people.add_argument("--dry-run", action="store_true",
                        help=_("chỉ kiểm tra, không ghi gì"))
    people.add_argument("--skip-bad-rows", action="store_true",
                        help=_("bỏ qua các dòng lỗi (có báo cáo) và nhập các dòng hợp lệ"))
    people.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    import_ratings.register(kinds)


def _parse_defaults(items: list[str]) -> dict[str, str]:
    result = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(_("“--default {v}” phải có dạng trường=giá_trị, ví dụ --default "
                              "group=cbccvc.").format(v=item), code="import.default_invalid")
        result[key.strip()] = value
    return result


class _Report:
    """The JSON object of the module docstring, filled in as the command goes."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.data: dict[str, Any] = {
            "ok": False, "dry_run": bool(args.dry_run), "skip_bad_rows": bool(args.skip_bad_rows),
            "imported": 0, "imported_without_birth_date": 0, "importable": 0, "skipped": [],
            "problems": [], "notices": [],
            "summary": None, "name_case": None, "defaults": {}, "file": None, "mapping": {},
            "rating_year": None}

    def refuse(self, exc: UserError) -> None:
        self.data["error"] = {"code": exc.code or "import.refused", "message": exc.message,
                              "hint": exc.hint, "row": getattr(exc, "row", None),
                              "column": getattr(exc, "column", "") or ""}
        if isinstance(exc, ValidationError):
            for p in exc.problems:
                self.data["problems"].append({"row": int(p.field) if p.field.isdigit()
                                              else None, "column": "", "field": None,
                                              "code": p.code, "message": p.message})
        elif exc.code not in _USAGE_CODES:
            self.data["problems"].append({"row": getattr(exc, "row", None), "column":
                                          getattr(exc, "column", "") or "", "field": None,
                                          "code": exc.code or "import.refused",
                                          "message": exc.message})

    def table(self, table: imp.RawTable) -> None:
        self.data["file"] = {
            "name": table.source_name, "sha256": table.sha256, "format": table.format,
            "encoding": table.encoding or None, "encoding_detected": table.encoding_detected,
            "delimiter": table.delimiter or None, "sheet": table.sheet or None,
            "sheets": list(table.sheet_names), "header_row": table.header_row,
            "rows": len(table.rows), "blank_rows": []}

    def preview(self, pv: imp.ImportPreview, skip: bool) -> None:
        self.data["defaults"] = {d.key: d.to_json() for d in pv.defaults}
        self.data["notices"] = [n.to_json() for n in pv.notices]
        self.data["name_case"] = pv.name_case.to_json() if pv.name_case else None
        self.data["summary"] = {
            "rows": len(pv.rows), "valid": pv.valid_count, "errors": pv.error_count,
            "birth_date_missing": pv.birth_date_missing,
            "names_in_capitals": pv.note_count(imp.NAME_CAPITALS),
            "names_fixed": pv.note_count(imp.NAME_CASE_FIXED)}
        self.data["importable"] = pv.valid_count if pv.can_import(True) else 0
        self.data["rating_year"] = pv.rating_year
        if self.data["file"] is not None:
            self.data["file"]["blank_rows"] = list(pv.blank_rows)
        problems = [p.to_json() for p in pv.problems]
        for d in pv.unconfirmed:
            self.data["problems"].append({
                "row": None, "column": "", "field": d.key, "code": "import.default_unconfirmed",
                "message": _("{label}: {why}; hãy chọn giá trị bằng --default {key}=… ({c}).")
                .format(label=d.label, why=d.explain(), key=d.key,
                        c=", ".join(v for v, _label in imp.default_choices(d.key) if v))})
        if skip:
            self.data["skipped"] = problems
        else:
            self.data["problems"] += problems


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.import_command == import_ratings.SUBCOMMAND:
        return import_ratings.run(args, ctx)
    report = _Report(args)
    code = _run(args, ctx, report)
    report.data["ok"] = code == EXIT_OK
    if args.json:
        write_json(ctx.stdout, report.data)
    else:
        _print(report.data, ctx.stdout, ctx.stderr)
    return code


def _run(args: argparse.Namespace, ctx: CliContext, report: _Report) -> int:
    try:
        defaults = _parse_defaults(args.default)
        table = imp.read_table(args.file, args.sheet, encoding=args.encoding)
        report.table(table)
        mapping = imp.apply_overrides(imp.guess_mapping(table.headers), args.map,
                                      table.headers)
    except imp.MappingError as exc:
        report.refuse(UserError(str(exc), code=exc.code))
        return EXIT_UNREADABLE
    except UserError as exc:
        report.refuse(exc)
        return EXIT_UNREADABLE
    report.data["mapping"] = imp.mapping_json(mapping, table.headers)
    year = args.rating_year if args.rating_year is not None else \
        imp.guess_rating_year(table.headers, mapping)
    report.data["rating_year"] = year if "rating" in mapping else None
    data_dir = args.import_data_dir or ctx.data_dir
    try:
        store, _profile = open_cli_profile(Path(data_dir), args.profile)
    except UserError as exc:
        report.refuse(UserError(exc.message, exc.hint, code=exc.code or "import.profile"))
        return EXIT_UNREADABLE
    try:
        catalog = load_catalog(ctx.forms_dir)
        options = imp.ImportOptions(today=ctx.today, rating_year=year, defaults=defaults,
                                    fix_name_case=bool(args.fix_name_case))
        try:
            pv = imp.preview(store, catalog, table, mapping, options)
        except UserError as exc:
            report.refuse(exc)
            return EXIT_UNREADABLE if exc.code in _USAGE_CODES else EXIT_REFUSED
        skip = bool(args.skip_bad_rows)
        report.preview(pv, skip)
        if not pv.can_import(skip):
            if pv.unconfirmed:
                message = _("Chưa xác nhận giá trị cho các dòng không có: {names}.").format(
                    names=", ".join(d.label for d in pv.unconfirmed))
                report.data["error"] = {"code": "import.default_unconfirmed",
                                        "message": message, "hint": " ".join(
                                            f"--default {d.key}=…" for d in pv.unconfirmed),
                                        "row": None, "column": ""}
            report.data["importable"] = 0
            return EXIT_REFUSED
        if args.dry_run:
            return EXIT_OK
        try:
            result = imp.commit_import(store, catalog, pv, ctx.actor, table.source_name,
                                       skip_bad_rows=skip)
        except UserError as exc:
            report.data["importable"] = 0
            report.refuse(exc)
            return EXIT_REFUSED
        report.data["imported"] = result.imported
        report.data["imported_without_birth_date"] = result.without_birth_date
        report.data["importable"] = result.imported
        if skip:
            report.data["skipped"] = [p.to_json() for p in result.skipped]
        return EXIT_OK
    finally:
        store.close()


def _print(data: dict[str, Any], out: TextIO, err: TextIO) -> None:
    info = data.get("file")
    if info:
        print(_("Tệp: {name} ({rows} dòng dữ liệu)").format(name=info["name"], rows=info["rows"]),
              file=out)
    for key, where in data["mapping"].items():
        label = imp.BY_KEY[key].label
        print(_("  {label} ← cột {col} ({header})").format(label=label, col=where["column"],
                                                          header=where["header"]), file=out)
    empty = [d["label"] for d in data["defaults"].values() if not d["must_confirm"]]
    for d in data["defaults"].values():
        if not d["must_confirm"]:
            continue
        value = d["value_label"] if d["confirmed"] else _("CHƯA CHỌN: thêm {flag}").format(
            flag=d["flag"])
        print(_("  {label}: {n} dòng không có → {value}").format(label=d["label"], n=d["rows"],
                                                               value=value), file=out)
    if empty:
        print(_("  Để trống (không có trong tệp): {names}").format(names=", ".join(empty)),
              file=out)
    for row in data["notices"]:
        print("  ! " + _row_text(row), file=out)
    summary, offer = data.get("summary"), data.get("name_case")
    if summary:
        print(_("Tóm tắt: {valid} dòng hợp lệ, {errors} dòng lỗi, {missing} dòng chưa có ngày "
                "sinh.").format(valid=summary["valid"], errors=summary["errors"],
                                missing=summary["birth_date_missing"]), file=out)
    if offer and offer["applied"]:
        print(_("{n} tên viết HOA toàn bộ đã được ghi thành chữ hoa đầu mỗi tiếng (như “{after}”)."
                ).format(n=offer["count"], after=offer["example_fixed"]), file=out)
    elif offer:
        print(_("{n} tên viết HOA toàn bộ được giữ như trong tệp (như “{before}”); thêm "
                "--fix-name-case để ghi thành “{after}”.").format(
                    n=offer["count"], before=offer["example"], after=offer["example_fixed"]),
              file=out)
    if data["skipped"]:
        print(_("Bỏ qua {n} lỗi:").format(n=len(data["skipped"])), file=out)
        for row in data["skipped"]:
            print("  - " + _row_text(row), file=out)
    for row in data["problems"]:
        print(_row_text(row), file=err)
    if data["ok"]:
        if data["dry_run"]:
            print(_("Thử (--dry-run): sẽ nhập {n} người; chưa ghi gì.").format(
                n=data["importable"]), file=out)
        else:
            print(_("Đã nhập {n} người.").format(n=data["imported"]), file=out)
        return
    error = data.get("error")
    if error and error["message"] not in {p["message"] for p in data["problems"]}:
        print(_("Lỗi: {msg}").format(msg=error["message"]), file=err)
        if error.get("hint"):
            print(error["hint"], file=err)
    print(_("Chưa nhập gì."), file=err)


def _row_text(row: dict[str, Any]) -> str:
    if row["row"] is None:
        return str(row["message"])
    if row["column"]:
        return _("Dòng {row}, cột {col}: {msg}").format(row=row["row"], col=row["column"],
                                                       msg=row["message"])
    return _("Dòng {row}: {msg}").format(row=row["row"], msg=row["message"])
