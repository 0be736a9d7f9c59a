"""`hoso merge`: bring a former unit's registry (its hoso data dir) into this one.

    hoso merge --data-dir DIR --from OTHER_DATA_DIR [--profile ID] [--from-profile ID]
               [--dry-run] [--json] [--confirm PAIRS.json] [--former-name NAME]
               [--former-code CODE] [--merged-on YYYY-MM-DD] [--skip-bad-records]
    hoso merge --data-dir DIR --undo last|AUDIT_ID [--json]

The other registry is read, never written. With --dry-run the plan is printed (people to
add, pairs that may be one person, conflicting records) and nothing changes. Without it,
only the pairs that are certain (same CCCD, same folded name and birth date, nothing in
their histories told differently) are merged; while other pairs remain the merge is refused
(exit 1, listing them) unless `--confirm PAIRS.json` gives the officer's decision on each.
`--dry-run --json` prints a template of that file (docs/merge.md).

Exit codes: 0 merged (or, with --dry-run, would be); 1 refused (undecided pairs, unchosen
conflicts, invalid records without --skip-bad-records, an undo blocked by later edits);
2 bad usage, a source that cannot be read, is newer or is this registry, a bad --confirm
file; 3 internal error.

`--json` prints one object: the plan (format "hoso-merge-decisions/1", see
desktop.core.operations.merging.decisions) with "ok", "dry_run", "problems" and, when
merged, "result" {"added", "merged", "kept_both", "collectives", "skipped", "backup",
"audit_id", "restore"}; or {"ok": false, "error": {...}} when nothing could be planned.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    CliContext,
    error_object,
    open_cli_profile,
    print_error,
    write_json,
)
from desktop.core.catalog import load_catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model.former import FormerUnit
from desktop.core.operations import merging
from desktop.core.operations.merging import decisions as files

NAME = "merge"
# Refusals that are the command's input, not the registries' content: exit 2.
_USAGE = {"merge.source_missing", "merge.source_unreadable", "merge.source_not_database",
          "merge.source_too_new", "merge.source_too_large", "merge.source_damaged",
          "merge.source_profile_missing", "merge.source_profile_ambiguous",
          "merge.same_database", "merge.confirm_invalid", "merge.confirm_unreadable",
          "merge.source_too_many", "usage"}
# Refusals about the registries as they are: exit 1.
_REFUSED = {"merge.undo_blocked", "merge.undo_done", "merge.undo_unknown", "merge.plan_stale"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help=_("hợp nhất dữ liệu của đơn vị cũ (xã đã sáp nhập) vào đơn vị này"),
        description=_("Đưa danh sách người, quá trình khen thưởng và tập thể của một đơn vị "
                      "cũ (thư mục dữ liệu hoso của đơn vị đó) vào đơn vị này. Chỉ gộp tự "
                      "động những cặp chắc chắn (cùng số CCCD, cùng họ tên và ngày sinh); các "
                      "cặp khác cần quyết định trong tệp --confirm. Xem docs/merge.md."))
    p.add_argument("--data-dir", type=Path, default=None, dest="merge_data_dir",
                   metavar="DIR", help=_("thư mục dữ liệu của đơn vị hợp nhất"))
    p.add_argument("--profile", default=None, help=_("mã hồ sơ đơn vị (khi có nhiều)"))
    p.add_argument("--from", type=Path, default=None, dest="source", metavar="OTHER_DATA_DIR",
                   help=_("thư mục dữ liệu (hoặc thư mục hồ sơ) của đơn vị cũ; chỉ đọc"))
    p.add_argument("--from-profile", default=None,
                   help=_("mã hồ sơ của đơn vị cũ trong thư mục đó (khi có nhiều)"))
    p.add_argument("--confirm", type=Path, default=None, metavar="PAIRS.json",
                   help=_("quyết định của cán bộ cho từng cặp (mẫu: --dry-run --json)"))
    p.add_argument("--former-name", default=None,
                   help=_("tên đơn vị cũ như văn bản ghi, ví dụ “xã Tân Lập”"))
    p.add_argument("--former-code", default=None, help=_("mã đơn vị cũ"))
    p.add_argument("--merged-on", default=None, metavar="YYYY-MM-DD",
                   help=_("ngày hợp nhất (mặc định 2025-07-01)"))
    p.add_argument("--skip-bad-records", action="store_true",
                   help=_("bỏ qua các bản ghi không hợp lệ của đơn vị cũ (có danh sách)"))
    p.add_argument("--dry-run", action="store_true", help=_("chỉ xem kế hoạch, không ghi gì"))
    p.add_argument("--undo", default=None, metavar="last|ID",
                   help=_("hoàn tác một lần hợp nhất (mã trong nhật ký, hoặc last)"))
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))


def _problems_json(problems: list[Problem]) -> list[dict[str, str]]:
    return [{"code": p.code, "pair": p.field, "message": p.message} for p in problems]


def _former(args: argparse.Namespace, source: merging.SourceRegistry,
            from_file: dict[str, Any]) -> FormerUnit:
    suggested = source.suggested_former
    merged_on = suggested.merged_on
    text = args.merged_on or from_file.get("merged_on")
    if text:
        try:
            merged_on = date.fromisoformat(str(text))
        except ValueError as exc:
            raise UserError(_("--merged-on phải có dạng YYYY-MM-DD."), code="usage") from exc
    return FormerUnit(None, args.former_name or from_file.get("name") or suggested.name,
                      merged_on, code=args.former_code if args.former_code is not None
                      else str(from_file.get("code", suggested.code)))


def _say(out: TextIO, plan: merging.MergePlan) -> None:
    print(_("Đơn vị cũ: {label} (mã {code}, hợp nhất ngày {d}); nguồn: {src}.").format(
        label=plan.former.label, code=plan.former.code or "—",
        d=plan.former.merged_on.strftime("%d/%m/%Y"), src=plan.source.describe()), file=out)
    print(_("Thêm mới {n} người, {c} tập thể; {p} cặp có thể là cùng một người ({k} chắc "
            "chắn).").format(n=len(plan.new_people), c=len(plan.collectives),
                              p=len(plan.pairs), k=len(plan.certain_pairs)), file=out)
    for pair in plan.pairs:
        state = _("chắc chắn") if pair.certain else _("cần quyết định")
        print(f"  [{pair.id}] {pair.incoming.name} ↔ {pair.existing.full_name} "
              f"(mã {pair.existing_id}): {pair.explain()} — {state}", file=out)
        for c in pair.conflicts:
            print(f"      {c.label}: {c.existing}  |  {c.incoming}", file=out)
    for r in plan.rejected:
        print(_("  Không nhận được {name}: {why}").format(
            name=r.name, why="; ".join(p.message for p in r.problems)), file=out)


def _undo(args: argparse.Namespace, ctx: CliContext, store: Any) -> int:
    done = merging.merges(store)
    open_ones = [m for m in done if not m.undone]
    if args.undo == "last":
        if not open_ones:
            raise UserError(_("Chưa có lần hợp nhất nào để hoàn tác."), code="merge.undo_unknown")
        audit_id = open_ones[0].audit_id
    else:
        try:
            audit_id = int(args.undo)
        except ValueError as exc:
            raise UserError(_("--undo nhận “last” hoặc mã trong nhật ký."), code="usage") from exc
    merging.undo_merge(store, audit_id, ctx.actor)
    if args.json:
        write_json(ctx.stdout, {"ok": True, "undone": audit_id})
    else:
        print(_("Đã hoàn tác lần hợp nhất {id}.").format(id=audit_id), file=ctx.stdout)
    return EXIT_OK


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    data_dir: Path = args.merge_data_dir or ctx.data_dir
    report: dict[str, Any] = {}
    try:
        if args.source is None and args.undo is None:
            raise UserError(_("Hãy chỉ định --from OTHER_DATA_DIR (hoặc --undo)."), code="usage")
        store, _profile = open_cli_profile(data_dir, args.profile)
        try:
            if args.undo is not None:
                return _undo(args, ctx, store)
            return _merge(args, ctx, store, report)
        finally:
            store.close()
    except UserError as exc:
        code = exc.code or "merge.refused"
        if args.json:
            out = report | error_object(code, exc.message, exc.hint)
            if isinstance(exc, ValidationError):
                out["problems"] = _problems_json(exc.problems)
            write_json(ctx.stdout, out)
        print_error(ctx, exc)
        if code in _REFUSED:
            return EXIT_REFUSED
        return EXIT_UNREADABLE if code in _USAGE or not report else EXIT_REFUSED


def _merge(args: argparse.Namespace, ctx: CliContext, store: Any,
           report: dict[str, Any]) -> int:
    catalog = load_catalog(ctx.forms_dir)
    source = merging.load_database(store, args.source, args.from_profile)
    decisions: dict[str, merging.PairDecision] = {}
    names: dict[str, dict[str, str]] = {}
    from_file: dict[str, Any] = {}
    if args.confirm is not None:
        decisions, names = files.read_decisions(args.confirm)
        from_file = _former_in_file(args.confirm)
    plan = merging.plan_merge(store, catalog, source, _former(args, source, from_file),
                              ctx.today)
    chosen = merging.certain_decisions(plan) | decisions
    problems = files.stale_pairs(plan, names) + merging.check_decisions(
        plan, chosen, skip_rejected=args.skip_bad_records)
    report.update(files.plan_json(plan, chosen))
    report.update({"ok": not problems, "dry_run": bool(args.dry_run),
                   "problems": _problems_json(problems)})
    if not args.json:
        _say(ctx.stdout, plan)
    if problems or args.dry_run:
        if args.json:
            write_json(ctx.stdout, report)
        else:
            for p in problems:
                print(f"  ✗ {p.message}", file=ctx.stdout)
            if not problems:
                print(_("Chạy thử: chưa ghi gì."), file=ctx.stdout)
        if problems:
            print(_("Chưa hợp nhất: còn {n} việc cần quyết định (xem docs/merge.md, --confirm)."
                    ).format(n=len(problems)), file=ctx.stderr)
        return EXIT_REFUSED if problems else EXIT_OK
    result = merging.commit_merge(store, catalog, plan, chosen, ctx.actor,
                                  skip_rejected=args.skip_bad_records)
    restore = merging.restore_hint(result, store.path)
    report["result"] = {"added": len(result.added), "merged": len(result.merged),
                        "kept_both": result.kept_both, "collectives": len(result.collectives),
                        "skipped": result.skipped, "backup": str(result.backup),
                        "audit_id": result.audit_id, "restore": restore}
    if args.json:
        write_json(ctx.stdout, report)
    else:
        print(_("Đã hợp nhất: thêm {a} người, gộp {m} người, giữ riêng {k} cặp, thêm {c} tập "
                "thể.").format(a=len(result.added), m=len(result.merged), k=result.kept_both,
                               c=len(result.collectives)), file=ctx.stdout)
        print(restore, file=ctx.stdout)
    return EXIT_OK


def _former_in_file(path: Path) -> dict[str, Any]:
    """The former unit's details as the decisions file gives them (the officer may correct
    the name there); the flags win over them."""
    try:
        data = json.loads(Path(path).read_text("utf-8-sig"))
    except (OSError, ValueError):
        return {}
    former = data.get("former_unit") if isinstance(data, dict) else None
    if not isinstance(former, dict):
        return {}
    return {k: former[k] for k in ("name", "code", "merged_on")
            if isinstance(former.get(k), str)}
