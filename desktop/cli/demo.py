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
    demo.add_argument("--variant", choices=["thanh-son", "tan-lap"], default="thanh-son",
                      help=_("thanh-son: xã mẫu có đợt xét và hồ sơ; tan-lap: xã cũ Tân Lập "
                             "(đã sáp nhập 1/7/2025) để thử hợp nhất"))
    demo.add_argument("--shared-with", type=Path, default=None, metavar="DIR",
                      help=_("với --variant tan-lap: thư mục dữ liệu của xã mẫu Thanh Sơn, để "
                             "vài người có mặt ở cả hai xã (chỉ đọc)"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.core.operations.demo import make_demo

    data_dir: Path = args.demo_data_dir
    if args.variant == "tan-lap":
        return _neighbour(args, ctx, data_dir)
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


def _neighbour(args: argparse.Namespace, ctx: CliContext, data_dir: Path) -> int:
    """The former xã Tân Lập, to merge into the sample commune (hoso merge)."""
    from desktop.core.operations import profiles
    from desktop.core.operations.merging.neighbour import build_neighbour

    if args.out is not None:
        print_error(ctx, _("--out chỉ dùng với xã mẫu Thanh Sơn (--variant thanh-son)."))
        return EXIT_UNREADABLE
    try:
        info = build_neighbour(data_dir, args.seed, ctx.actor, ctx.today,
                               load_catalog(ctx.forms_dir), args.shared_with)
        store = profiles.open_profile(data_dir, info.id)
    except (OSError, UserError) as exc:
        print_error(ctx, exc if isinstance(exc, UserError) else str(exc))
        return EXIT_UNREADABLE
    from desktop.core.operations import registry

    try:
        people, collectives = registry.count_people(store), registry.count_collectives(store)
    finally:
        store.close()
    write_json(ctx.stdout, {
        "data_dir": str(data_dir.resolve()), "profile": info.id,
        "database": str(info.path.resolve()), "people": people, "collectives": collectives,
        "variant": args.variant, "package": None, "public_key": None, "documents": []},
        indent=None)
    return EXIT_OK
