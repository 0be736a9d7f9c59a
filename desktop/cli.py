"""The `hoso` command line: thin over core/operations. Without a command it opens the app."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import _, set_language
from desktop.paths import default_data_dir, translations_dir


def actor_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hoso", description=_("Hồ sơ Khen thưởng: hồ sơ đề nghị khen thưởng."))
    parser.add_argument("--version", action="version", version=f"hoso {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help=_("thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng)"))
    parser.add_argument("--lang", choices=["vi", "en"], default=None,
                        help=_("ngôn ngữ giao diện"))
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help=_("tạo đơn vị mẫu (một xã với dữ liệu minh họa)"))
    demo.add_argument("--data-dir", type=Path, required=True, dest="demo_data_dir")
    demo.add_argument("--out", type=Path, default=None,
                      help=_("thư mục ghi tài liệu, gói hồ sơ"))
    demo.add_argument("--seed", type=int, default=2026)

    elig = sub.add_parser("eligibility", help=_("xét điều kiện theo lô (tệp JSON)"))
    elig.add_argument("file", type=Path)

    sub.add_parser("selftest", help=_("kiểm tra bản cài đặt (phông chữ, dữ liệu, Qt, kho khóa)"))

    package = sub.add_parser("package", help=_("gói hồ sơ đã ký: kiểm tra, xem"))
    package_sub = package.add_subparsers(dest="package_command", required=True)
    verify = package_sub.add_parser(
        "verify", help=_("kiểm tra gói: chữ ký, kê khai, kích thước, mẫu dữ liệu "
                         "(0 hợp lệ, 1 bị từ chối, 2 không đọc được)"))
    verify.add_argument("pkg", type=Path)
    verify.add_argument("--public-key", type=Path, action="append", default=[],
                        help=_("tệp khóa công khai của đơn vị (.pub); có thể ghi nhiều lần"))
    verify.add_argument("--identity", type=Path, action="append", default=[],
                        help=_("khóa giải mã của tỉnh, cho gói .zip.age"))
    verify.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    inspect = package_sub.add_parser("inspect", help=_("xem nội dung gói"))
    inspect.add_argument("pkg", type=Path)
    inspect.add_argument("--identity", type=Path, action="append", default=[])
    inspect.add_argument("--json", action="store_true")
    # `hoso package import` (province side) is added here, over core.operations.
    return parser


def _utf8_streams() -> None:
    """Vietnamese on a pipe with a legacy code page (cp1252 on Windows) must not crash.

    JSON output is UTF-8 by definition; help and messages become UTF-8 too.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower()
        if encoding.replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    # The language first: the parser's help texts are translated when it is built.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=["vi", "en"], default=None)
    language = early.parse_known_args(argv)[0].lang or "vi"
    set_language(language, translations_dir())
    args = _parser().parse_args(argv)
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        if args.command == "demo":
            from desktop.core.operations.demo import run_demo_command

            return run_demo_command(args.demo_data_dir, args.out, args.seed, actor_name())
        if args.command == "eligibility":
            from desktop.core.rules.batch import run_batch_command

            return run_batch_command(args.file, sys.stdout, sys.stderr)
        if args.command == "package":
            from desktop.core.package import commands as package_commands

            if args.package_command == "verify":
                return package_commands.run_verify(args.pkg, args.public_key, args.identity,
                                                   args.json, sys.stdout, sys.stderr)
            if args.package_command == "inspect":
                return package_commands.run_inspect(args.pkg, args.identity, args.json,
                                                    sys.stdout, sys.stderr)
        if args.command == "selftest":
            from desktop.selftest import run_selftest

            return run_selftest(sys.stdout)
    except UserError as exc:
        print(_("Lỗi: {msg}").format(msg=exc), file=sys.stderr)
        return 2
    from desktop.app import run_gui

    return run_gui(data_dir, language, actor_name())


if __name__ == "__main__":
    sys.exit(main())
