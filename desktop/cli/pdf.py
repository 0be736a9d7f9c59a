"""`hoso pdf verify FILE.pdf [--roots DIR] [--json]`: the digital signatures of a signed PDF,
checked offline (issue 15).

Trusted: the national certificates bundled with the app (forms/signatures/national.toml)
and, with --roots, every certificate file in DIR (self-signed ones as roots, the others to
build chains). Revocation is never checked (no network) and the output says so.

Exit codes: 0 every signature intact, unchanged after it and chained to a trusted root;
1 a signature broken, modified after signing or untrusted; 2 the file cannot be read, has
no signature, or a usage error. `--json` prints one JSON object whatever happens.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_UNREADABLE, CliContext, fail, write_json
from desktop.core.errors import UserError
from desktop.core.i18n import _

NAME = "pdf"


def register(sub: argparse._SubParsersAction) -> None:
    pdf = sub.add_parser(NAME, help=_("văn bản PDF đã ký số: kiểm tra chữ ký"))
    pdf_sub = pdf.add_subparsers(dest="pdf_command", required=True)
    verify = pdf_sub.add_parser(
        "verify", help=_("kiểm tra chữ ký số trên tệp PDF, không cần mạng (0 đạt, 1 chữ ký "
                         "hỏng, bị sửa hoặc chưa tin cậy, 2 không đọc được hoặc không có chữ "
                         "ký)"))
    verify.add_argument("file", type=Path)
    verify.add_argument("--roots", type=Path, default=None,
                        help=_("thư mục chứng thư tin cậy thêm (.cer, .crt, .pem, .p7b)"))
    verify.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations import signed_documents, trust_roots
    from desktop.core.signatures.trust import TrustListError, load_national
    from desktop.core.signatures.verify import revocation_caveat

    # pyHanko logs each chain it cannot build with a traceback; the result says it plainly.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    try:
        trust = load_national(ctx.forms_dir)
        if args.roots is not None and not args.roots.is_dir():
            raise UserError(_("Không có thư mục chứng thư {path}.").format(path=args.roots),
                            code="usage")
        check = trust_roots.verify_file(args.file, trust, args.roots)
    except TrustListError as exc:
        return fail(ctx, args.json, "signature.trust_list_broken", str(exc), EXIT_UNREADABLE)
    except UserError as exc:
        return fail(ctx, args.json, exc.code or "pdf.unreadable", exc, EXIT_UNREADABLE)
    if args.json:
        write_json(ctx.stdout, {
            "ok": check.ok, "file": str(args.file), "exit_code": check.exit_code,
            "revocation": "not_checked", "note": revocation_caveat(),
            "signatures": [{**signed_documents.summary(s), "certification": s.certification,
                            "chain": list(s.chain)} for s in check.signatures],
            "empty_fields": list(check.empty_fields),
            "problems": [{"code": p.code, "message": p.message} for p in check.problems]})
        return check.exit_code
    _print(ctx, args.file, check)
    return check.exit_code


def _print(ctx: CliContext, path: Path, check: Any) -> None:
    out = ctx.stdout
    print(_("Tệp: {name}").format(name=path), file=out)
    for problem in check.problems:
        print(_("Không kiểm tra được: {why}.").format(why=problem.message), file=out)
    for index, sig in enumerate(check.signatures, start=1):
        print("", file=out)
        print(_("Chữ ký {n} (ô {field}):").format(n=index, field=sig.field or "?"), file=out)
        for line in sig.appearance_lines():
            print(f"  {line}", file=out)
        if sig.chain:
            print("  " + _("Chuỗi chứng thư: {chain}").format(chain=" → ".join(sig.chain)),
                  file=out)
        print("  " + sig.verdict(), file=out)
    if check.empty_fields:
        print("", file=out)
        print(_("Ô chữ ký chưa ký: {names}").format(names=", ".join(check.empty_fields)),
              file=out)
