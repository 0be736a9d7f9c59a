"""What every `hoso` command shares: its context, exit codes and the JSON contract.

Printing and exit codes live only in desktop/cli (core returns results and raises
`UserError`). Every command that takes `--json` prints JSON and nothing else on stdout,
whatever happens (DESIGN §7); an unexpected error is exit 3 with a JSON error object.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.core.errors import UserError
from desktop.core.i18n import _

EXIT_OK, EXIT_REFUSED, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class CliContext:
    """The dependencies a command runs with, passed in (tests give their own)."""

    stdout: TextIO
    stderr: TextIO
    data_dir: Path
    forms_dir: Path
    actor: str
    today: date = field(default_factory=date.today)


def actor_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def utf8_streams() -> None:
    """Vietnamese on a pipe with a legacy code page (cp1252 on Windows) must not crash.

    JSON output is UTF-8 by definition; help and messages become UTF-8 too.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower()
        if encoding.replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def write_json(out: TextIO, data: Any, *, indent: int | None = 1) -> None:
    """One JSON document on `out`. Strings pass through as they are (ensure_ascii=False),
    except lone surrogates, which UTF-8 cannot carry and are escaped instead."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, indent=indent)
    out.write(text + "\n")


def wants_json(argv: Sequence[str]) -> bool:
    """Whether argparse will read `--json` in `argv`, abbreviations (`--js`) included, so a
    usage error or `--help` can answer in JSON before the arguments are parsed."""
    for arg in argv:
        if arg == "--":
            break
        if arg.startswith("--j") and "--json".startswith(arg):
            return True
    return False


def visible(text: object) -> str:
    """`text` as it may reach a terminal: control, format (right-to-left overrides,
    zero-width marks), surrogate, private-use and unassigned characters shown as \\uXXXX
    escapes, so a hostile package cannot move the cursor, reorder a line or crash the
    encoder. Vietnamese (letters and combining marks) passes unchanged."""
    out = []
    for ch in str(text):
        if ch not in "\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn",
                                                            "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def error_object(code: str, message: str, hint: str = "") -> dict[str, Any]:
    """The JSON body of a failure that has no report of its own."""
    error: dict[str, Any] = {"code": code, "message": message}
    if hint:
        error["hint"] = hint
    return {"ok": False, "error": error}


def print_error(ctx: CliContext, exc: UserError | str) -> None:
    print(_("Lỗi: {msg}").format(msg=exc), file=ctx.stderr)


def fail(ctx: CliContext, as_json: bool, code: str, exc: UserError | str, exit_code: int
         ) -> int:
    """Report a failure on stderr, and as a JSON error object on stdout when asked."""
    if as_json:
        message = exc.message if isinstance(exc, UserError) else str(exc)
        hint = exc.hint if isinstance(exc, UserError) else ""
        write_json(ctx.stdout, error_object(code, message, hint))
    print_error(ctx, exc)
    return exit_code


def read_text(path: Path) -> str:
    """A small text file the officer named (a key, a JSON list); OSError names the file."""
    try:
        return Path(path).read_text("utf-8", errors="replace")
    except OSError as exc:
        raise OSError(_("Không đọc được tệp {path}: {why}").format(
            path=path, why=exc.strerror or exc)) from exc


def open_cli_profile(data_dir: Path, profile: str | None) -> tuple[Any, str]:
    """(Store, profile id) of the profile named, the last one used, or the only one."""
    from desktop.core.operations import profiles

    found = profiles.list_profiles(data_dir)
    ids = [p.id for p in found]
    if profile is None:
        last = profiles.read_settings(data_dir).get("last_profile")
        if isinstance(last, str) and last in ids:
            profile = last
        elif len(ids) == 1:
            profile = ids[0]
        elif not ids:
            raise UserError(_("Không có hồ sơ đơn vị nào trong {dir}.").format(dir=data_dir),
                            _("Hãy mở phần mềm để tạo, hoặc chỉ định --data-dir khác."))
        else:
            raise UserError(_("Có {n} hồ sơ đơn vị trong {dir}; hãy chọn một bằng --profile "
                              "({ids}).").format(n=len(ids), dir=data_dir, ids=", ".join(ids)))
    if profile not in ids:
        raise UserError(_("Không có hồ sơ đơn vị “{id}” trong {dir}.").format(id=profile,
                                                                            dir=data_dir))
    return profiles.open_profile(data_dir, profile), profile


def load_cli_secret(store: Any, profile_id: str, key_file: Path | None) -> Any:
    """The unit's signing key: keyring first, then a key file whose passphrase comes from
    HOSO_KEY_PASSPHRASE or, on a terminal, a prompt."""
    from desktop.core.operations import keys

    secrets, _why = keys.open_secrets(profile_id)
    passphrase = os.environ.get("HOSO_KEY_PASSPHRASE") or None
    try:
        return keys.load_secret(store, secrets, passphrase, key_file)
    except keys.PassphraseRequired:
        if not sys.stdin.isatty():
            raise UserError(_("Khóa ký được cất trong tệp có mật khẩu."),
                            _("Hãy đặt biến môi trường HOSO_KEY_PASSPHRASE hoặc chạy lệnh ở "
                              "cửa sổ dòng lệnh để nhập mật khẩu.")) from None
        return keys.load_secret(store, secrets, getpass.getpass(_("Mật khẩu tệp khóa: ")),
                                key_file)
