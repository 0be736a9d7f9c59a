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
    _receiving_parsers(package_sub)
    return parser


def _receiving_parsers(package_sub: argparse._SubParsersAction) -> None:
    """The way back (core.operations.receiving): import, enrol, province-key, receipt,
    decisions. Each takes --data-dir and --profile to pick the profile."""
    def add(name: str, text: str, parent: argparse._SubParsersAction = package_sub
            ) -> argparse.ArgumentParser:
        cmd = parent.add_parser(name, help=text)
        cmd.add_argument("--data-dir", type=Path, default=None, dest="rc_data_dir",
                         metavar="DIR")
        cmd.add_argument("--profile", default=None, help=_("mã hồ sơ đơn vị trong thư mục dữ "
                                                           "liệu (khi có nhiều)"))
        return cmd

    imp = add("import", _("nhận gói vào danh sách hồ sơ đã nhận (cấp tỉnh)"))
    imp.add_argument("package", type=Path)
    imp.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    enrol = add("enrol", _("đăng ký khóa công khai của một đơn vị (cấp tỉnh)"))
    enrol.add_argument("public_key", type=Path)
    enrol.add_argument("--unit-code", required=True)
    enrol.add_argument("--unit-name", required=True)
    pkey = add("province-key", _("lưu khóa công khai của cơ quan tiếp nhận (đơn vị)"))
    pkey.add_argument("public_key", type=Path)
    pkey.add_argument("--name", default="")
    for name, text in (("receipt", _("biên nhận: cấp (tỉnh) hoặc nhập (đơn vị)")),
                       ("decisions", _("quyết định khen thưởng: lập, cấp (tỉnh) hoặc nhập "
                                       "(đơn vị)"))):
        group = package_sub.add_parser(name, help=text).add_subparsers(dest="action",
                                                                       required=True)
        issue = add("issue", _("ký và ghi tệp (cấp tỉnh)"), group)
        issue.add_argument("dossier_id")
        issue.add_argument("--out", type=Path, required=True,
                           help=_("tệp hoặc thư mục ghi kết quả"))
        issue.add_argument("--key-file", type=Path, default=None,
                           help=_("tệp khóa ký (mật khẩu lấy từ HOSO_KEY_PASSPHRASE)"))
        if name == "receipt":
            issue.add_argument("--revision", type=int, default=None)
        else:
            issue.add_argument("--from", type=Path, required=True, dest="source",
                               help=_("tệp JSON các dòng quyết định (xem lệnh template)"))
            template = add("template", _("in mẫu JSON các dòng quyết định của hồ sơ"), group)
            template.add_argument("dossier_id")
        got = add("import", _("nhập tệp do cơ quan tiếp nhận gửi (đơn vị)"), group)
        got.add_argument("file", type=Path)
        got.add_argument("--province-key", type=Path, action="append", default=[],
                         help=_("tệp khóa công khai của cơ quan tiếp nhận, nếu chưa lưu"))


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
            from desktop.core.operations.receiving import run_receiving_command
            from desktop.paths import forms_dir

            return run_receiving_command(args, data_dir, forms_dir(), actor_name(),
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
