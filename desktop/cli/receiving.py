"""`hoso package import | enrol | province-key | receipt | decisions`: the way back, over
core.operations.receiving. Exit 0 done, 1 refused (with the reason), 2 a file cannot be read
or bad usage."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    error_object,
    fail,
    load_cli_secret,
    open_cli_profile,
    read_text,
    write_json,
)
from desktop.core.catalog import load_catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.receiving import (
    Decision,
    PackageRefused,
    decisions_template,
    enrol_unit,
    import_decisions,
    import_package,
    import_receipt,
    issue_decisions,
    issue_receipt,
    received,
    set_province_key,
)
from desktop.core.package import minisign
from desktop.core.package.verify import PackageUnreadable
from desktop.core.text import format_date


def register(package_sub: argparse._SubParsersAction) -> None:
    """The way back (core.operations.receiving): import, enrol, province-key, receipt,
    decisions. Each takes --data-dir and --profile to pick the profile."""
    def add(name: str, text: str, parent: argparse._SubParsersAction = package_sub
            ) -> argparse.ArgumentParser:
        cmd = parent.add_parser(name, help=text)
        cmd.add_argument("--data-dir", type=Path, default=None, dest="rc_data_dir",
                         metavar="DIR")
        cmd.add_argument("--profile", default=None, help=_("mã hồ sơ đơn vị trong thư mục dữ "
                                                           "liệu (khi có nhiều)"))
        cmd.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
        return cmd

    imp = add("import", _("nhận gói vào danh sách hồ sơ đã nhận (cấp tỉnh)"))
    imp.add_argument("package", type=Path)
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


def _decisions_from_json(path: Path) -> list[Decision]:
    """A JSON list (or {"decisions": [...]}) of lines as in a hoso-decisions/1 document."""
    try:
        data = json.loads(read_text(path))
    except ValueError as exc:
        raise UserError(_("Tệp {path} không phải JSON: {why}").format(path=path, why=exc)) \
            from exc
    lines = data.get("decisions") if isinstance(data, dict) else data
    if not isinstance(lines, list):
        raise UserError(_("Tệp {path} phải là danh sách các dòng quyết định.").format(path=path))
    result = []
    for i, line in enumerate(lines, 1):
        try:
            subject = line["subject"]
            when = line.get("decision_date")
            result.append(Decision(
                subject_kind=str(subject["kind"]), subject_name=str(subject["name"]),
                target=str(line["target"]), granted=bool(line.get("granted", True)),
                decision_no=str(line.get("decision_no") or ""),
                decision_date=date.fromisoformat(when) if when else None,
                issuer=str(line.get("issuer") or ""),
                subject_id=subject.get("id") if isinstance(subject.get("id"), int) else None,
                note=str(line.get("note") or ""),
                subject_birth_date=subject.get("birth_date") or None))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UserError(_("Dòng {i} của tệp {path} thiếu hoặc sai mục {key}.").format(
                i=i, path=path, key=exc)) from exc
    return result


def _template_json(lines: Sequence[Decision]) -> list[dict[str, Any]]:
    return [{"subject": {"kind": d.subject_kind, "id": d.subject_id, "name": d.subject_name,
                         "birth_date": d.subject_birth_date},
             "target": d.target, "granted": d.granted, "decision_no": "",
             "decision_date": None, "issuer": ""} for d in lines]


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """`hoso package import|enrol|province-key|receipt|decisions`: exit 0 done, 1 refused
    (with the reason), 2 cannot read a file or bad usage. With --json every outcome, failures
    included, is one JSON object on stdout."""
    as_json = bool(getattr(args, "json", False))
    data_dir = getattr(args, "rc_data_dir", None) or ctx.data_dir
    try:
        store, profile_id = open_cli_profile(Path(data_dir), getattr(args, "profile", None))
    except UserError as exc:
        return fail(ctx, as_json, exc.code or "profile", exc, EXIT_UNREADABLE)
    try:
        result = _run(args, ctx, store, profile_id)
    except PackageRefused as exc:
        if as_json:
            write_json(ctx.stdout, {"ok": False, "message": exc.message, "hint": exc.hint,
                                    **exc.report.to_json()}, indent=None)
        print(_("Không nhận: {msg}").format(msg=exc), file=ctx.stderr)
        return EXIT_REFUSED
    except (PackageUnreadable, OSError) as exc:
        return fail(ctx, as_json, "unreadable", exc if isinstance(exc, UserError) else str(exc),
                    EXIT_UNREADABLE)
    except UserError as exc:
        if as_json:
            write_json(ctx.stdout, error_object(exc.code or "refused", exc.message, exc.hint),
                       indent=None)
        print(_("Không thực hiện được: {msg}").format(msg=exc), file=ctx.stderr)
        return EXIT_REFUSED
    finally:
        store.close()
    data, lines = result
    if as_json:
        write_json(ctx.stdout, data if isinstance(data, list) else {"ok": True, **data},
                   indent=None)
    else:
        for line in lines:
            print(line, file=ctx.stdout)
    return EXIT_OK


Outcome = tuple[dict[str, Any] | list[Any], list[str]]   # (the JSON answer, the text lines)


def _run(args: argparse.Namespace, ctx: CliContext, store: Any, profile_id: str) -> Outcome:
    actor, today = ctx.actor, ctx.today
    command = args.package_command
    if command == "import":
        got = import_package(store, load_catalog(ctx.forms_dir), args.package, actor, today)
        item = got.received
        return ({"duplicate": got.duplicate, "message": got.message, "id": item.id,
                 "dossier_id": item.dossier_id, "revision": item.revision,
                 "unit_code": item.unit_code, "sha256": item.sha256,
                 "stored_path": str(item.stored_path), "supersedes": item.supersedes,
                 "warnings": list(got.warnings)},
                [got.message, *("! " + w for w in got.warnings)])
    if command == "enrol":
        unit = enrol_unit(store, read_text(args.public_key), args.unit_code, args.unit_name,
                          actor)
        return ({"key_id": unit.fingerprint, "unit_code": unit.unit_code,
                 "unit_name": unit.unit_name},
                [_("Đã đăng ký khóa {key} của {code} – {name}.").format(
                    key=unit.fingerprint, code=unit.unit_code, name=unit.unit_name)])
    if command == "province-key":
        key = set_province_key(store, read_text(args.public_key), actor,
                               getattr(args, "name", "") or "")
        return ({"key_id": key.fingerprint},
                [_("Đã lưu khóa {key} của cơ quan tiếp nhận.").format(key=key.fingerprint)])
    given = [minisign.parse_public_key(read_text(p))
             for p in (getattr(args, "province_key", None) or [])]
    if command == "receipt" and args.action == "issue":
        items = [r for r in received(store) if r.dossier_id == args.dossier_id
                 and (args.revision is None or r.revision == args.revision)]
        if not items:
            raise UserError(_("Chưa nhận hồ sơ {id}{rev}.").format(
                id=args.dossier_id,
                rev=_(" lần gửi {n}").format(n=args.revision) if args.revision else ""))
        item = max(items, key=lambda r: r.revision)
        secret = load_cli_secret(store, profile_id, getattr(args, "key_file", None))
        path = issue_receipt(store, secret, item.id, args.out, actor, today)
        return {"path": str(path)}, [str(path)]
    if command == "receipt":
        receipt = import_receipt(store, args.file, given or None, actor)
        return ({"dossier_id": receipt.dossier_id, "revision": receipt.revision,
                 "received_on": receipt.received_on.isoformat(),
                 "receiving_body": receipt.receiving_body, "already": receipt.already},
                [_("Cơ quan tiếp nhận ({body}) đã nhận hồ sơ {id} lần gửi {rev} ngày {day}.")
                 .format(body=receipt.receiving_body, id=receipt.dossier_id,
                         rev=receipt.revision, day=format_date(receipt.received_on))])
    if command == "decisions" and args.action == "template":
        template = _template_json(decisions_template(store, args.dossier_id))
        return template, [json.dumps(template, ensure_ascii=False, indent=1)]
    if command == "decisions" and args.action == "issue":
        lines = _decisions_from_json(args.source)
        secret = load_cli_secret(store, profile_id, getattr(args, "key_file", None))
        path = issue_decisions(store, secret, args.dossier_id, lines, args.out, actor, today)
        return {"path": str(path)}, [str(path)]
    if command == "decisions":
        done = import_decisions(store, load_catalog(ctx.forms_dir), args.file, given or None,
                                actor, today)
        return ({"dossier_id": done.dossier_id,
                 "decided": [{"nomination": n, "name": name, "decision_no": number}
                             for n, name, number in done.decided],
                 "not_granted": [{"nomination": n, "name": name}
                                 for n, name in done.not_granted]},
                [_("Đã ghi {n} quyết định vào quá trình khen thưởng; {m} không được khen "
                   "thưởng.").format(n=len(done.decided), m=len(done.not_granted)),
                 *(f"  {name}: {number}" for _nid, name, number in done.decided)])
    raise UserError(_("Lệnh không hợp lệ."))
