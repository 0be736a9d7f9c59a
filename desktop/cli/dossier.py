"""`hoso dossier check --data-dir DIR [--round ID] [--profile ID] [--json]`: the appraisal
before the dossier leaves (issue 11), as a province clerk would make it.

Prints each problem with its code, severity, document, nominee, message and fix; with --json
`{"round", "returned", "fix", "problems": [{"code", "severity", "document", "subject",
"message", "fix", "nomination", "target"}]}` and nothing else on stdout.
Exit 0 when nothing would make the province send the dossier back (problems of severity
`fix` only, or none), 1 when something would (`returned`), 2 on bad input (no such profile
or round, several rounds and no --round).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    fail,
    open_cli_profile,
    write_json,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.lawpacks import effective_catalog

NAME = "dossier"


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(NAME, help=_("hồ sơ đề nghị khen thưởng của một đợt xét"))
    actions = cmd.add_subparsers(dest="dossier_action", required=True,
                                 parser_class=type(cmd))
    check = actions.add_parser("check", help=_(
        "thẩm định trước: những gì cấp trên sẽ trả lại hồ sơ (mã 1) hoặc nên sửa"))
    check.add_argument("--data-dir", type=Path, default=None, dest="dossier_data_dir",
                       metavar="DIR", help=_("thư mục dữ liệu"))
    check.add_argument("--round", type=int, default=None, dest="round_id", metavar="ID",
                       help=_("mã đợt xét (mặc định: đợt duy nhất của năm nay)"))
    check.add_argument("--profile", default=None, help=_("mã hồ sơ đơn vị (khi có nhiều)"))
    check.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def _round_of(store: object, args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations import rounds as rounds_ops

    if args.round_id is not None:
        if rounds_ops.get_round(store, args.round_id) is None:   # type: ignore[arg-type]
            raise UserError(_("Không có đợt xét mã {id}.").format(id=args.round_id),
                            code="dossier.round_unknown")
        return int(args.round_id)
    found = rounds_ops.list_rounds(store, ctx.today.year)   # type: ignore[arg-type]
    if len(found) != 1:
        raise UserError(_("Năm {y} có {n} đợt xét; hãy chọn một bằng --round.").format(
            y=ctx.today.year, n=len(found)), code="dossier.round_ambiguous")
    return int(found[0].id or 0)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations import appraisal

    data_dir: Path = args.dossier_data_dir or ctx.data_dir
    try:
        store, _profile = open_cli_profile(data_dir, args.profile)
    except UserError as exc:
        return fail(ctx, args.json, exc.code or "refused", exc, EXIT_UNREADABLE)
    try:
        round_id = _round_of(store, args, ctx)
        catalog, _notices = effective_catalog(ctx.forms_dir, data_dir)   # with the law packs
        result = appraisal.appraise_round(store, catalog, round_id, ctx.today)
    except UserError as exc:
        return fail(ctx, args.json, exc.code or "refused", exc, EXIT_UNREADABLE)
    finally:
        store.close()
    if args.json:
        write_json(ctx.stdout, result.as_json(), indent=None)
    else:
        for f in result.findings:
            label = _("TRẢ LẠI") if f.returned else _("NÊN SỬA")
            where = " – ".join(p for p in (f.document, f.subject) if p)
            print(f"[{label}] {f.code} ({where})", file=ctx.stdout)
            print(f"    {f.message}", file=ctx.stdout)
            print("    " + _("Cách sửa: {fix}").format(fix=f.fix), file=ctx.stdout)
        print(_("{returned} vấn đề khiến hồ sơ bị trả lại, {fix} vấn đề nên sửa.").format(
            returned=len(result.returned), fix=len(result.to_fix)), file=ctx.stdout)
    return EXIT_REFUSED if result.would_be_returned else EXIT_OK
