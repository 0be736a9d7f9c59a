"""The `hoso` command line: thin over core/operations. Without a command it opens the app.

Each command is a module here with `NAME`, `register(subparsers)` and
`run(args, ctx) -> exit code`, listed once in `COMMANDS`. Printing and exit codes belong to
these modules only; core returns results and raises `UserError`. Whatever happens, a command
given `--json` prints JSON on stdout: a usage error is exit 2 and an unexpected one exit 3,
each with a JSON error object (DESIGN §7), never a bare traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import traceback
from pathlib import Path
from types import ModuleType

from desktop import __version__
from desktop.cli import (
    demo,
    dossier,
    eligibility,
    export,
    import_people,
    lawpack,
    merge,
    package,
    pdf,
    selftest,
)
from desktop.cli.common import (
    EXIT_INTERNAL,
    EXIT_UNREADABLE,
    CliContext,
    actor_name,
    error_object,
    utf8_streams,
    wants_json,
    write_json,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _, set_language
from desktop.paths import default_data_dir, forms_dir, translations_dir

# The registry of commands, in the order `hoso --help` lists them.
COMMANDS: tuple[ModuleType, ...] = (demo, eligibility, selftest, package, import_people, pdf,
                                   export, merge, dossier, lawpack)


class UsageError(Exception):
    """argparse refused the command line; raised instead of exiting so --json still holds."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(self, message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hoso",
                     description=_("Hồ sơ Khen thưởng: hồ sơ đề nghị khen thưởng."))
    parser.add_argument("--version", action="version", version=f"hoso {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help=_("thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng)"))
    parser.add_argument("--lang", choices=["vi", "en"], default=None,
                        help=_("ngôn ngữ giao diện"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    utf8_streams()
    args_in = list(sys.argv[1:] if argv is None else argv)
    # The language first: the parser's help texts are translated when it is built.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=["vi", "en"], default=None)
    language = early.parse_known_args(args_in)[0].lang or "vi"
    set_language(language, translations_dir())
    as_json = wants_json(args_in)
    printed = io.StringIO()   # what --help or --version print, kept for the JSON answer
    try:
        with contextlib.redirect_stdout(printed) if as_json else contextlib.nullcontext():
            args = _parser().parse_args(args_in)
    except UsageError as exc:
        if as_json:
            write_json(sys.stdout, error_object("usage", str(exc)), indent=None)
        exc.parser.print_usage(sys.stderr)
        print(_("Lỗi: {msg}").format(msg=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    except SystemExit as exc:   # --help or --version asked to stop after printing
        if not as_json:
            raise
        write_json(sys.stdout, {"ok": exc.code in (0, None), "text": printed.getvalue()},
                   indent=None)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    as_json = as_json or bool(getattr(args, "json", False))
    data_dir: Path = args.data_dir or default_data_dir()
    if args.command is None:
        if as_json:   # the window has no JSON to give
            write_json(sys.stdout, error_object("usage", _("Hãy chỉ định một lệnh.")),
                       indent=None)
            return EXIT_UNREADABLE
        from desktop.app import run_gui

        return run_gui(data_dir, language, actor_name())
    ctx = CliContext(stdout=sys.stdout, stderr=sys.stderr, data_dir=data_dir,
                     forms_dir=forms_dir(), actor=actor_name())
    command = next(c for c in COMMANDS if args.command == c.NAME)
    try:
        return int(command.run(args, ctx))
    except UserError as exc:
        if as_json:
            write_json(sys.stdout, error_object(exc.code or "refused", exc.message, exc.hint),
                       indent=None)
        print(_("Lỗi: {msg}").format(msg=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        detail = "".join(traceback.format_exception(exc))
        if as_json:
            write_json(sys.stdout, error_object("internal", _(
                "Lỗi nội bộ của phần mềm ({kind}); hãy gửi nội dung lỗi cho người hỗ trợ.")
                .format(kind=type(exc).__name__)), indent=None)
        print(_("Lỗi nội bộ của phần mềm: {kind}: {msg}").format(
            kind=type(exc).__name__, msg=exc), file=sys.stderr)
        print(detail, file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
