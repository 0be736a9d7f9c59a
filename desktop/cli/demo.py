"""`hoso demo`: build the sample commune and print one JSON line (DESIGN §7)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_OK, EXIT_UNREADABLE, CliContext, print_error, write_json
from desktop.core.catalog import load_catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _

NAME = "demo"


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser(NAME, help=_("tạo đơn vị mẫu (một xã với dữ liệu minh họa)"))
    demo.add_argument("--data-dir", type=Path, required=True, dest="demo_data_dir")
    demo.add_argument("--out", type=Path, default=None,
                      help=_("thư mục ghi tài liệu, gói hồ sơ"))
    demo.add_argument("--seed", type=int, default=2026)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations.demo import make_demo

    data_dir: Path = args.demo_data_dir
    try:
        made = make_demo(data_dir, args.out, args.seed, ctx.actor, ctx.today,
                         load_catalog(ctx.forms_dir))
    except (OSError, UserError) as exc:
        print_error(ctx, exc if isinstance(exc, UserError) else str(exc))
        return EXIT_UNREADABLE
    write_json(ctx.stdout, {
        "data_dir": str(data_dir.resolve()),
        "profile": made.info.id,
        "database": str(made.info.path.resolve()),
        "people": made.people,
        "collectives": made.collectives,
        "package": None if made.package is None else str(made.package.resolve()),
        "public_key": None if made.public_key is None else str(made.public_key.resolve()),
        "documents": [str(p.resolve()) for p in made.documents],
        # the province (a second data dir with its own key) and its signed answers
        "province": None if made.province is None else {
            "data_dir": str(made.province.data_dir.resolve()),
            "public_key": str(made.province.public_key.resolve()),
            "receipt": str(made.province.receipt.resolve()),
            "decisions": str(made.province.decisions.resolve())},
    }, indent=None)
    return EXIT_OK
