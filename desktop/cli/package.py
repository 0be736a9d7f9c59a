"""`hoso package verify` and `hoso package inspect`: the command-line face of
core.package.verify; the province side's subcommands are in desktop/cli/receiving.py.

Exit codes (DESIGN §7): 0 valid, 1 refused (the reasons are printed), 2 the package or a key
file cannot be read, or bad usage. Output is UTF-8; `--json` prints one JSON object.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from desktop.cli import receiving
from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    error_object,
    visible,
    write_json,
)
from desktop.core.errors import UserError
from desktop.core.files import temp_dir
from desktop.core.i18n import _
from desktop.core.package import encrypt, minisign
from desktop.core.package.verify import (
    PackageUnreadable,
    Reason,
    VerifyReport,
    verify_package,
)

NAME = "package"


def register(sub: argparse._SubParsersAction) -> None:
    package = sub.add_parser(NAME, help=_("gói hồ sơ đã ký: kiểm tra, xem, nhận, biên nhận, "
                                          "quyết định"))
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
    receiving.register(package_sub)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.package_command == "verify":
        return run_verify(args.pkg, args.public_key, args.identity, args.json, ctx.stdout,
                          ctx.stderr)
    if args.package_command == "inspect":
        return run_inspect(args.pkg, args.identity, args.json, ctx.stdout, ctx.stderr)
    return receiving.run(args, ctx)

def load_public_keys(paths: Sequence[Path]) -> dict[str, minisign.PublicKey]:
    """Key files (minisign .pub, or a file with the bare RW… line) by key id; UserError
    naming the file when one cannot be read or parsed."""
    keys: dict[str, minisign.PublicKey] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(_("Không đọc được tệp khóa công khai {name}.").format(
                name=path), str(exc)) from None
        try:
            key = minisign.parse_public_key(text)
        except minisign.SignatureError as exc:
            raise UserError(_("Tệp {name}: {error}").format(name=path, error=exc)) from None
        keys[key.key_id_hex] = key
    return keys


def _open(package: Path, identities: Sequence[Path], work: Path) -> Path:
    if not package.name.endswith(encrypt.SUFFIX):
        return package
    if not identities:
        raise UserError(_("Gói {name} đã được mã hóa: cần khóa giải mã của tỉnh "
                          "(--identity TỆP).").format(name=package.name))
    texts = []
    for path in identities:
        try:
            texts.append(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(_("Không đọc được tệp khóa giải mã {name}.").format(name=path),
                            str(exc)) from None
    identities_found = [ln.strip() for text in texts for ln in text.splitlines()
                        if ln.strip().startswith("AGE-SECRET-KEY-")]
    if not package.is_file():
        raise PackageUnreadable(_("Không tìm thấy tệp gói {name}.").format(name=package))
    return encrypt.decrypt_file(package, identities_found or texts,
                                work / package.name[: -len(encrypt.SUFFIX)])


def run_verify(package: Path, public_keys: Sequence[Path], identities: Sequence[Path],
               as_json: bool, out: TextIO, err: TextIO) -> int:
    try:
        keys = load_public_keys(public_keys) if public_keys else None
        with temp_dir("verify") as work:
            report = verify_package(_open(package, identities, Path(work)), keys)
            report.path = package
    except UserError as exc:
        if as_json:
            write_json(out, error_object("unreadable", exc.message, exc.hint), indent=None)
        print(_("Lỗi: {msg}").format(msg=exc), file=err)
        return EXIT_UNREADABLE
    if as_json:
        write_json(out, report.to_json())
    else:
        _print_verdict(report, out)
    return EXIT_OK if report.ok else EXIT_REFUSED


def _print_verdict(report: VerifyReport, out: TextIO) -> None:
    if report.ok:
        print(_("GÓI HỢP LỆ: {name}").format(name=visible(report.path.name)), file=out)
        print(_("  Hồ sơ {dossier}, lần gửi {revision}, ký bằng khóa {key}.").format(
            dossier=visible(report.dossier_id), revision=report.revision, key=report.key_id),
            file=out)
        print(_("  SHA-256 của gói: {sha}").format(sha=report.sha256), file=out)
        return
    print(_("GÓI BỊ TỪ CHỐI: {name}").format(name=visible(report.path.name)), file=out)
    _print_reasons(report.reasons, out)


def _print_reasons(reasons: Sequence[Reason], out: TextIO) -> None:
    for r in reasons:
        detail = f" [{visible(r.detail)}]" if r.detail else ""
        print(f"  - {r.code}: {r.message}{detail}", file=out)


def _summary(report: VerifyReport) -> dict[str, Any]:
    dossier = report.dossier or {}
    targets = Counter(str(n.get("target", "")) for n in dossier.get("nominations", []))
    return {
        "dossier_id": report.dossier_id,
        "revision": report.revision,
        "unit": dossier.get("unit", {}),
        "round": dossier.get("round", {}),
        "nominations": len(dossier.get("nominations", [])),
        "nominations_by_target": dict(sorted(targets.items())),
        "documents": len(dossier.get("documents", [])),
        "sources": len(dossier.get("sources", [])),
        "attachments": len(dossier.get("attachments", [])),
    }


def run_inspect(package: Path, identities: Sequence[Path], as_json: bool, out: TextIO,
                err: TextIO) -> int:
    """What the package says about itself; the checks are run too (without a key the
    signature cannot be checked, which is reported but is not an error here)."""
    try:
        with temp_dir("inspect") as work:
            report = verify_package(_open(package, identities, Path(work)), None)
            report.path = package
    except UserError as exc:
        if as_json:
            write_json(out, error_object("unreadable", exc.message, exc.hint), indent=None)
        print(_("Lỗi: {msg}").format(msg=exc), file=err)
        return EXIT_UNREADABLE
    problems = [r for r in report.reasons if r.code != "key_not_given"]
    if as_json:
        data = report.to_json()
        data["summary"] = _summary(report)
        data["problems"] = [r.to_json() for r in problems]
        write_json(out, data)
        return EXIT_OK
    summary = _summary(report)
    v = visible    # every string from the package is shown escaped (§ docs/package-format.md)
    print(_("Gói: {name} ({size} byte)").format(name=v(package.name), size=report.size),
          file=out)
    print(_("SHA-256: {sha}").format(sha=report.sha256), file=out)
    print(_("Khóa ký: {key}").format(key=report.key_id or "—"), file=out)
    print(_("Ghi chú được ký: {text}").format(text=v(report.trusted_comment) or "—"), file=out)
    print(_("Thông tin gói (bag-info.txt):"), file=out)
    for label, values in report.bag_info.items():
        for value in values:
            print(f"  {v(label)}: {v(value)}", file=out)
    print(_("Hồ sơ: {id}, lần gửi {rev}").format(id=v(summary["dossier_id"]) or "—",
                                                 rev=summary["revision"] or "—"), file=out)
    unit, round_ = summary["unit"], summary["round"]
    if unit:
        print(_("  Đơn vị: {name} (mã {code})").format(name=v(unit.get("name", "")),
                                                       code=v(unit.get("code", ""))), file=out)
    if round_:
        print(_("  Đợt: {name}, năm {year}").format(name=v(round_.get("name", "")),
                                                    year=v(round_.get("year", ""))), file=out)
    print(_("  Đề nghị: {n}").format(n=summary["nominations"]), file=out)
    for target, count in summary["nominations_by_target"].items():
        print(f"    {v(target)}: {count}", file=out)
    print(_("Tệp trong gói ({n}):").format(n=len(report.files)), file=out)
    for entry in report.files:
        print(f"  {entry.size:>12}  {v(entry.name)}", file=out)
    if problems:
        print(_("Gói KHÔNG hợp lệ:"), file=out)
        _print_reasons(problems, out)
    else:
        print(_("Cấu trúc, kê khai và nội dung khớp nhau. Chữ ký chỉ được kiểm tra khi có "
                "khóa công khai: hoso package verify GÓI --public-key TỆP.pub"), file=out)
    return EXIT_OK
