"""`hoso selftest`: checks the installation (fonts, forms, SQLite FTS5, Qt, keyring)."""

from __future__ import annotations

import argparse

from desktop.cli.common import CliContext
from desktop.core.i18n import _

NAME = "selftest"


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser(NAME, help=_("kiểm tra bản cài đặt (phông chữ, dữ liệu, Qt, kho khóa)"))


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.selftest import run_selftest

    return run_selftest(ctx.stdout)
