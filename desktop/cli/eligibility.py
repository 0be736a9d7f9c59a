"""`hoso eligibility FILE.json`: the batch contract of DESIGN §4. Exit 0 with the results as
JSON, 2 when the file cannot be read or a case is malformed (naming the case and the key).

The rules are the app's: the bundled forms/ with the law packs installed in the data dir
(`--data-dir`), in the versions in force on the input's `as_of` (docs/schema/
hoso-eligibility-1.schema.json)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.cli.common import EXIT_OK, EXIT_UNREADABLE, CliContext, write_json
from desktop.core.i18n import _
from desktop.core.operations.lawpacks import effective_catalog
from desktop.core.rules.batch import BatchError, run_batch

NAME = "eligibility"


def register(sub: argparse._SubParsersAction) -> None:
    elig = sub.add_parser(NAME, help=_("xét điều kiện theo lô (tệp JSON)"))
    elig.add_argument("file", type=Path)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    path: Path = args.file
    try:
        with path.open("rb") as fh:
            data = json.loads(fh.read().decode("utf-8"))
    except OSError as exc:
        print(_("Lỗi: không đọc được tệp {p}: {e}").format(p=path, e=exc.strerror or exc),
              file=ctx.stderr)
        return EXIT_UNREADABLE
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(_("Lỗi: tệp {p} không phải JSON UTF-8 hợp lệ: {e}").format(p=path, e=exc),
              file=ctx.stderr)
        return EXIT_UNREADABLE
    catalog, notices = effective_catalog(ctx.forms_dir, ctx.data_dir)
    for notice in notices:
        print(notice.message, file=ctx.stderr)
    try:
        results = run_batch(data, catalog)
    except BatchError as exc:
        print(_("Lỗi: {msg}").format(msg=exc), file=ctx.stderr)
        return EXIT_UNREADABLE
    write_json(ctx.stdout, {"results": results})
    return EXIT_OK
