"""`hoso lawpack …`: signed law packs (issue 14).

    hoso lawpack keygen --out DIR [--publisher hoso] [--name NAME]
    hoso lawpack build --forms DIR --version N --effective YYYY-MM-DD --key KEYFILE --out PACK.zip
    hoso lawpack verify PACK.zip [--public-key PUB] [--data-dir DIR] [--json]   0 valid,
        1 refused, 2 unreadable
    hoso lawpack install PACK.zip --data-dir DIR [--public-key PUB] [--json]    1 refused
    hoso lawpack list|rollback|keys --data-dir DIR [--json]
    hoso lawpack trust PUB --data-dir DIR --province CODE --name NAME   (a province's key)

A key file's passphrase comes from HOSO_KEY_PASSPHRASE or, on a terminal, a prompt.
Without --public-key, the packs accepted are those signed by the project's key bundled with
the app or by a province key enrolled in the data dir; --public-key trusts one more key for
this command only.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    fail,
    read_text,
    write_json,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import lawpacks as lp
from desktop.core.package.lawpack import PROJECT_PUBLISHER, LawPackRefused, LawPackUnreadable
from desktop.core.package.minisign import PublicKey
from desktop.paths import resources_dir

NAME = "lawpack"


def bundled_keys_dir() -> Path:
    return resources_dir() / "lawpack"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("cần ngày dạng YYYY-MM-DD")) from None


def _version(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 999_999_999:
        raise argparse.ArgumentTypeError(_("cần số nguyên dương"))
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser(NAME, help=_("gói quy định: tạo khóa, đóng gói, kiểm tra, cài, quay "
                                      "lại"))
    cmds = top.add_subparsers(dest="lawpack_command", required=True)

    def data_dir(cmd: argparse.ArgumentParser, required: bool = False) -> None:
        cmd.add_argument("--data-dir", type=Path, default=None, dest="lp_data_dir",
                         required=required, help=_("thư mục dữ liệu của phần mềm"))

    keygen = cmds.add_parser("keygen", help=_("tạo cặp khóa ký gói và phiếu đăng ký khóa"))
    keygen.add_argument("--out", type=Path, required=True)
    keygen.add_argument("--publisher", default=PROJECT_PUBLISHER,
                        help=_("mã gói: hoso (dự án) hoặc mã hồ sơ tỉnh"))
    keygen.add_argument("--name", default="", help=_("tên cơ quan phát hành"))
    keygen.add_argument("--json", action="store_true")

    build = cmds.add_parser("build", help=_("đóng gói và ký các tệp quy định"))
    build.add_argument("--forms", type=Path, required=True)
    build.add_argument("--version", type=_version, required=True)
    build.add_argument("--effective", type=_date, required=True)
    build.add_argument("--key", type=Path, required=True)
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--publisher", default=PROJECT_PUBLISHER)
    build.add_argument("--publisher-name", default="")
    build.add_argument("--summary", default="",
                       help=_("tóm tắt thay đổi (mặc định: các thay đổi phần mềm tính ra)"))
    build.add_argument("--replaces", type=_version, default=None)
    build.add_argument("--min-app", default=None)
    build.add_argument("--max-app", default=None)
    build.add_argument("--json", action="store_true")

    verify = cmds.add_parser("verify", help=_("kiểm tra một gói quy định"))
    verify.add_argument("pack", type=Path)
    verify.add_argument("--public-key", type=Path, action="append", default=[])
    data_dir(verify)
    verify.add_argument("--json", action="store_true")

    install = cmds.add_parser("install", help=_("cài một gói quy định"))
    install.add_argument("pack", type=Path)
    install.add_argument("--public-key", type=Path, action="append", default=[])
    data_dir(install)
    install.add_argument("--json", action="store_true")

    for name, text in (("list", _("các gói quy định đã cài")),
                       ("rollback", _("quay lại gói quy định trước")),
                       ("keys", _("các khóa ký gói được tin cậy"))):
        cmd = cmds.add_parser(name, help=text)
        data_dir(cmd)
        cmd.add_argument("--json", action="store_true")
        if name == "rollback":
            cmd.add_argument("--publisher", default=None)

    trust = cmds.add_parser("trust", help=_("đăng ký khóa ký gói của một tỉnh"))
    trust.add_argument("public_key", type=Path)
    trust.add_argument("--province", required=True)
    trust.add_argument("--name", required=True)
    data_dir(trust)
    trust.add_argument("--json", action="store_true")


def _passphrase(confirm: bool) -> str:
    given = os.environ.get("HOSO_KEY_PASSPHRASE")
    if given:
        return given
    if not sys.stdin.isatty():
        raise UserError(_("Cần mật khẩu của tệp khóa."),
                        _("Hãy đặt biến môi trường HOSO_KEY_PASSPHRASE hoặc chạy lệnh ở cửa sổ "
                          "dòng lệnh để nhập mật khẩu."), code="lawpack.passphrase")
    first = getpass.getpass(_("Mật khẩu tệp khóa: "))
    if confirm and getpass.getpass(_("Nhập lại mật khẩu: ")) != first:
        raise UserError(_("Hai lần nhập mật khẩu không khớp."), code="lawpack.passphrase")
    return first


def _given_keys(paths: list[Path]) -> tuple[PublicKey, ...]:
    return tuple(lp.parse_key_text(read_text(p)) for p in paths)


def _data_dir(args: argparse.Namespace, ctx: CliContext) -> Path:
    return Path(args.lp_data_dir or ctx.data_dir)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    as_json = bool(getattr(args, "json", False))
    handler = {"keygen": _keygen, "build": _build, "verify": _verify, "install": _install,
               "list": _list, "rollback": _rollback, "keys": _keys,
               "trust": _trust}[args.lawpack_command]
    try:
        return handler(args, ctx, as_json)
    except LawPackUnreadable as exc:
        return fail(ctx, as_json, exc.code, exc, EXIT_UNREADABLE)
    except LawPackRefused as exc:
        if as_json:
            write_json(ctx.stdout, {"ok": False, "file": str(getattr(args, "pack", "")),
                                    "error": {"code": exc.code, "message": exc.message,
                                              "hint": exc.hint, "detail": exc.detail}})
        print(_("Từ chối ({code}): {msg}").format(code=exc.code, msg=exc), file=ctx.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        return fail(ctx, as_json, "unreadable", str(exc), EXIT_UNREADABLE)
    except UserError as exc:
        return fail(ctx, as_json, exc.code or "refused", exc, EXIT_REFUSED)


def _say(ctx: CliContext, as_json: bool, data: dict[str, Any], lines: list[str]) -> None:
    if as_json:
        write_json(ctx.stdout, data)
    else:
        for line in lines:
            print(line, file=ctx.stdout)


def _keygen(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    made = lp.make_key_pair(args.out, publisher=args.publisher,
                            name=args.name or args.publisher, passphrase=_passphrase(True),
                            fonts_dir=resources_dir() / "fonts", today=ctx.today)
    _say(ctx, as_json, {"ok": True, "key_id": made.key_id, "fingerprint": made.fingerprint,
                        "secret_key": str(made.secret), "public_key": str(made.public),
                        "enrolment_sheet": str(made.sheet)},
         [_("Khóa {fp}").format(fp=made.fingerprint),
          _("  khóa bí mật (giữ riêng, không gửi ai): {p}").format(p=made.secret),
          _("  khóa công khai: {p}").format(p=made.public),
          _("  phiếu đăng ký khóa (in, gửi các đơn vị): {p}").format(p=made.sheet)])
    return EXIT_OK


def _build(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    secret = lp.read_secret(args.key, _passphrase(False))
    extra: dict[str, Any] = {}
    if args.min_app:
        extra["min_app_version"] = args.min_app
    if args.max_app:
        extra["max_app_version"] = args.max_app
    name = args.publisher_name or (_("Dự án Hồ sơ Khen thưởng")
                                   if args.publisher == PROJECT_PUBLISHER else
                                   lp.publisher_name_beside(args.key, secret, args.publisher)
                                   or args.publisher)
    now = datetime.now(UTC)
    manifest, changes = lp.build_pack(
        args.forms, forms_dir=ctx.forms_dir, version=args.version, effective=args.effective,
        secret=secret, dest=args.out, publisher=args.publisher, publisher_name=name,
        summary=args.summary or None, replaces=args.replaces, now=now, **extra)
    _say(ctx, as_json, {"ok": True, "file": str(args.out), "publisher": manifest.publisher,
                        "version": manifest.version,
                        "effective": manifest.effective.isoformat(),
                        "key_id": secret.key_id_hex,
                        "files": [f.forms_path for f in manifest.files],
                        "changes": [c.to_json() for c in changes]},
         [_("Đã tạo {p}: gói “{pub}” số {n}, hiệu lực từ {d}, {k} tệp.").format(
             p=args.out, pub=manifest.publisher, n=manifest.version,
             d=manifest.effective.strftime("%d/%m/%Y"), k=len(manifest.files)),
          *[f"  • {c.text}" for c in changes]])
    return EXIT_OK


def _report_lines(report: lp.PackReport, done: str) -> list[str]:
    m = report.manifest
    lines = [done,
             _("  Gói “{pub}” ({name}) số {n}, hiệu lực từ {d}; ký bằng khóa {fp} ({who}).")
             .format(pub=m.publisher, name=m.publisher_name, n=m.version,
                     d=m.effective.strftime("%d/%m/%Y"), fp=report.fingerprint,
                     who=report.key_name),
             _("  Những gì thay đổi:")]
    lines += [f"  • {c.text}" for c in report.changes] or [_("  • (không đổi quy định nào)")]
    return lines


def _verify(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    report = lp.examine_pack(args.pack, forms_dir=ctx.forms_dir,
                             bundled_keys_dir=bundled_keys_dir(), data_dir=args.lp_data_dir,
                             given_keys=_given_keys(args.public_key), today=ctx.today)
    _say(ctx, as_json, report.to_json(),
         _report_lines(report, _("Gói hợp lệ: {p}").format(p=args.pack)))
    return EXIT_OK


def _install(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    report = lp.install_pack(args.pack, forms_dir=ctx.forms_dir,
                             bundled_keys_dir=bundled_keys_dir(), data_dir=_data_dir(args, ctx),
                             actor=ctx.actor, now=datetime.now(UTC),
                             given_keys=_given_keys(args.public_key))
    done = _("Đã cài gói quy định (trước đó: số {v}).").format(v=report.previous_version) \
        if report.previous_version else _("Đã cài gói quy định.")
    _say(ctx, as_json, report.to_json(), _report_lines(report, done))
    return EXIT_OK


def _list(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    rows = lp.list_packs(_data_dir(args, ctx))
    data = {"ok": True, "packs": [{
        "publisher": r.pack.publisher, "version": r.pack.version, "in_use": r.in_use,
        "effective": r.pack.manifest.effective.isoformat(),
        "installed_at": r.pack.installed_at, "key_id": r.pack.key_id,
        "summary": r.pack.manifest.summary,
        "changes": [c.to_json() for c in r.pack.changes]} for r in rows]}
    lines = [_("Chưa cài gói quy định nào: dùng quy định kèm phần mềm.")] if not rows else []
    for r in rows:
        state = _("đang dùng") if r.in_use else _("bản trước (để quay lại)")
        lines.append(_("Gói “{pub}” số {n}, hiệu lực từ {d} — {state}").format(
            pub=r.pack.publisher, n=r.pack.version,
            d=r.pack.manifest.effective.strftime("%d/%m/%Y"), state=state))
        lines += [f"  • {c.text}" for c in r.pack.changes]
    _say(ctx, as_json, data, lines)
    return EXIT_OK


def _rollback(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    report = lp.rollback(_data_dir(args, ctx), forms_dir=ctx.forms_dir, actor=ctx.actor,
                         now=datetime.now(UTC), publisher=args.publisher)
    target = (_("gói số {n}").format(n=report.to_version) if report.to_version
              else _("quy định kèm phần mềm"))
    _say(ctx, as_json, report.to_json(),
         [_("Đã quay lại: gói “{p}” số {n} → {target}.").format(
             p=report.publisher, n=report.from_version, target=target),
          *[f"  • {c.text}" for c in report.changes]])
    return EXIT_OK


def _keys(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    keys = lp.list_keys(_data_dir(args, ctx), bundled_keys_dir())
    _say(ctx, as_json, {"ok": True, "keys": [{
        "key_id": k.key_id, "fingerprint": k.fingerprint, "name": k.name,
        "publisher": k.publisher, "province": k.province, "source": k.source,
        "enrolled_at": k.enrolled_at} for k in keys]},
        [_("{fp}  {name} — {source}, {scope}").format(
            fp=k.fingerprint, name=k.name,
            source=_("kèm phần mềm") if k.source == "bundled" else _("đã đăng ký"),
            scope=_("hồ sơ tỉnh “{p}”").format(p=k.province) if k.province
            else _("mọi quy định")) for k in keys])
    return EXIT_OK


def _trust(args: argparse.Namespace, ctx: CliContext, as_json: bool) -> int:
    info = lp.enrol_province_key(_data_dir(args, ctx), bundled_keys_dir(),
                                 read_text(args.public_key), args.province, args.name,
                                 ctx.actor, datetime.now(UTC))
    _say(ctx, as_json, {"ok": True, "key_id": info.key_id, "fingerprint": info.fingerprint,
                        "province": info.province, "name": info.name},
         [_("Đã đăng ký khóa {fp} của {name} cho gói quy định tỉnh “{p}”.").format(
             fp=info.fingerprint, name=info.name, p=info.province)])
    return EXIT_OK
