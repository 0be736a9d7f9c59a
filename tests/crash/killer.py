"""Kill the app with SIGKILL at many points of the writes that matter, then check what the
next start finds (run by tests/crash/test_kill.py; POSIX only: it forks).

    python tests/crash/killer.py WORK_DIR SEED POINTS_PER_SCENARIO

For each scenario — export, package import (province), receipt import, decisions import,
Excel import, migration — a template data folder is prepared once. A dry run counts the I/O
calls the operation makes (C calls named write, replace, fsync, execute … seen by a profile
hook in the main thread). Kill points are then chosen from that count: the calls right
before and after every rename, fsync and SQL statement issued by a transaction's start or
end, and a spread of others, picked by SEED. For each point a forked child copies nothing —
it works on a fresh copy of the template made by the parent — runs the operation and kills
itself with SIGKILL just before that call. The parent then opens the profile as the app
does (which runs operations.recovery) and checks:

- PRAGMA integrity_check is ok, foreign_key_check finds nothing;
- nothing half-written is visible as complete (per scenario: every package file in exports/
  or received/ is recorded and verifies, every record has its file, statuses and awards are
  all or nothing, the import added all rows or none, the migration is whole);
- no .part, .intent or hoso-<kind>-<pid>- temporary folder of the dead child is left.

Prints one JSON object: {"scenarios": {name: {"events", "points", "killed", "problems"}}}.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from desktop.core.catalog import Catalog, load_catalog  # noqa: E402
from desktop.core.model import Unit, UnitKind  # noqa: E402
from desktop.core.model.rounds import NominationStatus  # noqa: E402
from desktop.core.operations import demo, importing, keys, packages, profiles  # noqa: E402
from desktop.core.operations import receiving as rc  # noqa: E402
from desktop.core.operations import rounds as rounds_ops  # noqa: E402
from desktop.core.package.verify import verify_package  # noqa: E402
from desktop.core.store import Store  # noqa: E402
from desktop.core.store import packages as pkg_repo  # noqa: E402
from desktop.paths import forms_dir  # noqa: E402

TODAY = date(2026, 11, 23)
ACTOR = "kill-test"
PASSPHRASE = "kill test passphrase"
UNIT_CODE = "PT-THANHSON"
IO_CALLS = frozenset({"write", "writelines", "replace", "rename", "fsync", "unlink", "rmdir",
                      "mkdir", "execute", "executemany", "executescript", "commit", "backup",
                      "copyfileobj", "truncate", "flush", "close", "open", "chmod", "makedirs"})
CRITICAL = frozenset({"replace", "rename", "fsync", "backup", "commit"})


# ---- the hook ---------------------------------------------------------------------------------


class Counter:
    def __init__(self, kill_at: int | None) -> None:
        self.kill_at = kill_at
        self.count = 0
        self.critical: list[int] = []

    def __call__(self, frame: Any, event: str, arg: Any) -> None:
        if event != "c_call":
            return
        name = getattr(arg, "__name__", "")
        if name not in IO_CALLS:
            return
        self.count += 1
        if name in CRITICAL or (name == "execute" and frame.f_code.co_name == "atomic"):
            self.critical.append(self.count)     # BEGIN / COMMIT / SAVEPOINT and renames
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def run_child(action: Callable[[], None], kill_at: int | None, report_fd: int | None
              ) -> int:
    """Fork; the child runs `action` under the hook and reports its count on `report_fd`."""
    pid = os.fork()
    if pid == 0:   # the child
        code = 0
        counter = Counter(kill_at)
        try:
            sys.setprofile(counter)
            action()
        except BaseException as exc:  # a refusal is not a crash, but report it
            code = 3
            sys.setprofile(None)
            sys.stderr.write(f"child: {type(exc).__name__}: {exc}\n")
        finally:
            sys.setprofile(None)
            if report_fd is not None:
                os.write(report_fd, json.dumps({"count": counter.count,
                                                "critical": counter.critical}).encode())
                os.close(report_fd)
        os._exit(code)
    return pid


# ---- templates --------------------------------------------------------------------------------


@dataclasses.dataclass
class Templates:
    unit: Path          # demo commune with a signing key (file) and READY nominations
    sent: Path          # the same after one export, the province's key saved
    province: Path      # the province office with the commune's key enrolled
    package: Path
    receipt: Path
    decisions: Path
    workbook: Path
    old_schema: Path    # a profile at m001 with 300 people


def _only(data: Path) -> str:
    return profiles.list_profiles(data)[0].id


def fake_documents(store: Store, catalog: Catalog, round_id: int, folder: Path,
                   today: date) -> packages.DossierFiles:
    folder.mkdir(parents=True)
    pdf = folder / "01_to_trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% to trinh\n%%EOF\n")
    docx = folder / "01_to_trinh.docx"
    docx.write_bytes(b"PK\x03\x04 docx")

    def reprint(digest: str, qr: str, dest: Path) -> Path:
        from desktop.core.files import write_atomic

        write_atomic(dest, f"%PDF-1.4\n% {digest} {qr}\n%%EOF\n".encode())
        return dest

    return packages.DossierFiles(pdfs=[(pdf, "to_trinh")], sources=[docx], reprint=reprint)


def export(data: Path, catalog: Catalog) -> None:
    store = profiles.open_profile(data, _only(data))
    try:
        round_id = rounds_ops.list_rounds(store)[0].id or 0
        packages.export_round(store, catalog, None, round_id, packages.exports_dir(store),
                              ACTOR, TODAY, PASSPHRASE, write_documents=fake_documents)
    finally:
        store.close()


def prepare(work: Path, catalog: Catalog) -> Templates:
    unit = work / "t-unit"
    demo.build_demo(unit, 11, ACTOR, TODAY, catalog)
    store = profiles.open_profile(unit, _only(unit))
    keys.create_signing_key_file(store, None, PASSPHRASE, ACTOR, TODAY)
    demo.write_demo_reports(store, catalog, TODAY, ACTOR)   # complete, as the appraisal wants
    public = keys.active_key(store)
    assert public is not None
    store.close()

    sent = work / "t-sent"
    shutil.copytree(unit, sent)
    export(sent, catalog)
    store = profiles.open_profile(sent, _only(sent))
    package = next(packages.exports_dir(store).glob("*.zip"))
    shutil.copy(package, work / package.name)
    package = work / package.name

    province = work / "t-province"
    pinfo, pstore = profiles.create_profile(province, Unit(
        name="Sở Nội vụ tỉnh Phú Thọ", kind=UnitKind.CO_QUAN, superior_body="UBND tỉnh",
        doc_code="SNV", place_name="Phú Thọ", head_name="Trần Văn An", head_title="Giám đốc",
        officer_name="Phạm Thị Lan", officer_title="Chuyên viên", code="PT-SNV"), ACTOR)
    rc.enrol_unit(pstore, public.public_key_text, UNIT_CODE, "UBND xã Thanh Sơn", ACTOR)
    pstore.close()

    issuing = work / "t-issuing"
    shutil.copytree(province, issuing)
    istore = profiles.open_profile(issuing, pinfo.id)
    got = rc.import_package(istore, catalog, package, ACTOR, TODAY)
    province_key = keys.create_signing_key_file(istore, None, PASSPHRASE, ACTOR, TODAY)
    secret = keys.load_secret(istore, None, PASSPHRASE)
    receipt = rc.issue_receipt(istore, secret, got.received.id or 0, work, ACTOR, TODAY)
    exported = {(n.subject.id, n.target) for r in rounds_ops.list_rounds(store)
                for n in rounds_ops.nominations(store, r.id or 0)
                if n.status is NominationStatus.EXPORTED}
    lines = [dataclasses.replace(d, decision_no=f"{100 + i}/QĐ-UBND", decision_date=TODAY,
                                 issuer="Chủ tịch UBND tỉnh Phú Thọ", granted=i % 3 != 2)
             for i, d in enumerate(rc.decisions_template(istore, got.received.dossier_id))
             if (d.subject_id, d.target) in exported]
    assert lines
    decisions = rc.issue_decisions(istore, secret, got.received.dossier_id, lines, work,
                                   ACTOR, TODAY)
    istore.close()
    rc.set_province_key(store, province_key.public_key_text, ACTOR)
    store.close()

    import openpyxl

    workbook = work / "danh-sach.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Phòng ban"])
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Khánh"]
    middle = ["Văn", "Thị", "Đức", "Minh", "Ngọc"]
    for n in range(1, 41):
        name = f"Nhập {middle[n % 5]} {given[n % 8]}{'' if n <= 8 else ' ' + given[n // 8]}"
        sheet.append([n, name, f"{(n % 27) + 1:02d}/03/19{70 + n % 25}",
                      "Nam" if n % 2 else "Nữ", "Chuyên viên", "Văn phòng"])
    book.save(workbook)

    old = work / "t-old" / "profiles" / "cu"
    old.mkdir(parents=True)
    from sqlite_utils import Database

    from desktop.core.store.migrations import MIGRATIONS

    db = Database(old / profiles.DB_NAME)
    MIGRATIONS.apply(db, stop_before="m002_name_search")
    db["people"].insert_all([{
        "full_name": f"Người Thứ {n}", "name_folded": f"nguoi thu {n}",
        "sort_key": f"thu {n:04d}", "created_at": "2025-01-01", "updated_at": "2025-01-01"}
        for n in range(300)])
    db.close()
    return Templates(unit, sent, province, package, receipt, decisions, workbook,
                     work / "t-old")


# ---- scenarios -------------------------------------------------------------------------------


def integrity(store: Store) -> list[str]:
    problems = []
    result = store.conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        problems.append(f"integrity_check: {result[:3]}")
    broken = store.conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(f"foreign_key_check: {broken[:3]}")
    return problems


def leftovers(data: Path, child: int) -> list[str]:
    found = [str(p.relative_to(data)) for p in data.rglob("*")
             if p.name.endswith((".part", ".intent"))]
    found += [p.name for p in Path(tempfile.gettempdir()).glob(f"hoso-*-{child}-*")]
    return [f"left behind: {', '.join(found)}"] if found else []


def check_export(store: Store, before: dict[str, Any]) -> list[str]:
    problems = []
    folder = packages.exports_dir(store)
    rows = {r.file_name: r for r in pkg_repo.exported_packages(store.db)}
    files = {p.name for p in folder.glob("*.zip")} if folder.is_dir() else set()
    trusted = keys.public_keys(store)
    for name in files - set(rows):
        if verify_package(folder / name, trusted).ok:
            problems.append(f"package {name} verifies but is not recorded")
    for name, row in rows.items():
        path = folder / name
        if not path.exists():
            problems.append(f"recorded package {name} has no file")
            continue
        report = verify_package(path, trusted)
        if not report.ok or report.sha256 != row.sha256:
            problems.append(f"recorded package {name} does not verify as recorded")
    round_id = rounds_ops.list_rounds(store)[0].id or 0
    statuses = {n.id: n.status for n in rounds_ops.nominations(store, round_id)}
    moved = [i for i in before["ready_sent"] if statuses.get(i) is NominationStatus.EXPORTED]
    exported_now = len(rows) > before["exported"]
    if (moved and not exported_now) or (exported_now
                                         and len(moved) != len(before["ready_sent"])):
        problems.append(f"statuses {len(moved)}/{len(before['ready_sent'])} exported, "
                        f"packages recorded {len(rows)}")
    return problems


def before_export(store: Store, catalog: Catalog) -> dict[str, Any]:
    round_id = rounds_ops.list_rounds(store)[0].id or 0
    sent = packages.sent_nominations(store, round_id, catalog)
    return {"exported": len(pkg_repo.exported_packages(store.db)),
            "ready_sent": [n.id for n in sent if n.status is NominationStatus.READY]}


def check_received(store: Store, _before: dict[str, Any]) -> list[str]:
    problems = []
    folder = store.path.parent / rc.RECEIVED_DIR
    rows = rc.received(store)
    files = {p.name for p in folder.glob("*.zip")} if folder.is_dir() else set()
    for name in files:
        if pkg_repo.received_by_sha(store.db, name[:-4]) is None:
            problems.append(f"received file {name} is not recorded")
    for row in rows:
        path = store.path.parent / row.stored_path
        if not path.exists() or rc.sha256_file(path) != row.sha256:
            problems.append(f"received {row.dossier_id} r{row.revision}: file missing/changed")
    return problems


def check_receipt(store: Store, before: dict[str, Any]) -> list[str]:
    rows = pkg_repo.exported_packages(store.db)
    with_receipt = [r for r in rows if r.receipt is not None]
    audits = store.conn.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'receipt'").fetchone()[0]
    if any(r.received_at is None for r in with_receipt) or len(with_receipt) != audits:
        return [f"receipt half recorded: {len(with_receipt)} receipts, {audits} audit rows"]
    return []


def awards_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM awards").fetchone()[0])


def decided_count(store: Store) -> int:
    return int(store.conn.execute(
        "SELECT count(*) FROM nominations WHERE status = 'decided'").fetchone()[0])


def before_decisions(store: Store, _catalog: Catalog) -> dict[str, Any]:
    return {"awards": awards_count(store), "decided": decided_count(store)}


def check_decisions(store: Store, before: dict[str, Any]) -> list[str]:
    added, decided = awards_count(store) - before["awards"], \
        decided_count(store) - before["decided"]
    if (added == 0) != (decided == 0):
        return [f"decisions half imported: {added} awards, {decided} nominations decided"]
    return []


def people_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM people").fetchone()[0])


def before_people(store: Store, _catalog: Catalog) -> dict[str, Any]:
    return {"people": people_count(store)}


def check_import(store: Store, before: dict[str, Any]) -> list[str]:
    added = people_count(store) - before["people"]
    return [] if added in (0, 40) else [f"import half done: {added} of 40 people"]


def check_migration(store: Store, _before: dict[str, Any]) -> list[str]:
    from desktop.core.store.migrations import MIGRATIONS, known_names

    problems = []
    applied = [m.name for m in MIGRATIONS.applied(store.db)]
    if applied != known_names():
        problems.append(f"migrations after reopening: {applied}")
    if people_count(store) != 300:
        problems.append(f"people after migrating: {people_count(store)}")
    for backup in (store.path.parent / "backups").glob("*.sqlite"):
        import sqlite3

        conn = sqlite3.connect(backup)
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                problems.append(f"backup {backup.name} is damaged")
        finally:
            conn.close()
    return problems


@dataclasses.dataclass
class Scenario:
    name: str
    template: Callable[[Templates], Path]
    action: Callable[[Path, Templates, Catalog], None]
    before: Callable[[Store, Catalog], dict[str, Any]]
    check: Callable[[Store, dict[str, Any]], list[str]]


def _import_package(data: Path, t: Templates, catalog: Catalog) -> None:
    store = profiles.open_profile(data, _only(data))
    try:
        rc.import_package(store, catalog, t.package, ACTOR, TODAY)
    finally:
        store.close()


def _import_receipt(data: Path, t: Templates, catalog: Catalog) -> None:
    store = profiles.open_profile(data, _only(data))
    try:
        rc.import_receipt(store, t.receipt, None, ACTOR)
    finally:
        store.close()


def _import_decisions(data: Path, t: Templates, catalog: Catalog) -> None:
    store = profiles.open_profile(data, _only(data))
    try:
        rc.import_decisions(store, catalog, t.decisions, None, ACTOR, TODAY)
    finally:
        store.close()


def _import_excel(data: Path, t: Templates, catalog: Catalog) -> None:
    store = profiles.open_profile(data, _only(data))
    try:
        table = importing.read_table(t.workbook)
        mapping = importing.guess_mapping(table.headers)
        preview = importing.preview(store, catalog, table, mapping, importing.ImportOptions(
            today=TODAY, defaults={"group": "cbccvc", "ethnicity": "Kinh"}))
        importing.commit_import(store, catalog, preview, ACTOR, t.workbook.name)
    finally:
        store.close()


def _migrate(data: Path, t: Templates, catalog: Catalog) -> None:
    profiles.open_profile(data, _only(data)).close()


SCENARIOS = [
    Scenario("export", lambda t: t.unit, lambda d, t, c: export(d, c), before_export,
             check_export),
    Scenario("package_import", lambda t: t.province, _import_package,
             lambda s, c: {}, check_received),
    Scenario("receipt_import", lambda t: t.sent, _import_receipt, lambda s, c: {},
             check_receipt),
    Scenario("decisions_import", lambda t: t.sent, _import_decisions, before_decisions,
             check_decisions),
    Scenario("excel_import", lambda t: t.unit, _import_excel, before_people, check_import),
    Scenario("migration", lambda t: t.old_schema, _migrate, lambda s, c: {}, check_migration),
]


# ---- the run ---------------------------------------------------------------------------------


def one_run(scenario: Scenario, templates: Templates, catalog: Catalog, work: Path,
            kill_at: int | None) -> tuple[bool, list[str], dict[str, Any]]:
    data = work / f"run-{scenario.name}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(scenario.template(templates), data)
    before: dict[str, Any] = {}
    if scenario.name != "migration":
        store = profiles.open_profile(data, _only(data))
        before = scenario.before(store, catalog)
        store.close()
    read_fd, write_fd = os.pipe()
    child = run_child(lambda: scenario.action(data, templates, catalog), kill_at, write_fd)
    os.close(write_fd)
    _, status = os.waitpid(child, 0)
    with os.fdopen(read_fd, "rb") as pipe:
        raw = pipe.read()
    counted = json.loads(raw) if raw else {}
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    problems: list[str] = []
    if not killed and os.WEXITSTATUS(status) != 0:
        problems.append(f"the operation failed without a kill (exit {os.WEXITSTATUS(status)})")
    try:
        store = profiles.open_profile(data, _only(data))
    except Exception as exc:  # the next start must open the profile
        return killed, [f"reopening failed: {type(exc).__name__}: {exc}"], counted
    try:
        problems += integrity(store)
        problems += scenario.check(store, before)
    finally:
        store.close()
    problems += leftovers(data, child)
    return killed, problems, counted


def choose_points(total: int, critical: list[int], per: int, rng: random.Random) -> list[int]:
    windows = sorted({p for c in critical for p in (c, c + 1) if 1 <= p <= total})
    picked = set(rng.sample(windows, min(len(windows), per - per // 3)))
    spread = [p for p in range(1, total + 1) if p not in picked]
    picked |= set(rng.sample(spread, min(len(spread), per - len(picked))))
    return sorted(picked)


def main() -> None:
    work, seed, per = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None
    catalog = load_catalog(forms_dir())
    templates = prepare(work, catalog)
    rng = random.Random(seed)
    summary: dict[str, Any] = {}
    for scenario in SCENARIOS:
        if only and scenario.name not in only:
            continue
        _killed, problems, counted = one_run(scenario, templates, catalog, work, None)
        result = {"events": counted.get("count", 0), "points": [], "killed": 0,
                  "problems": [f"dry run: {p}" for p in problems]}
        for point in choose_points(counted.get("count", 0), counted.get("critical", []), per,
                                   rng):
            killed, problems, _ = one_run(scenario, templates, catalog, work, point)
            result["points"].append(point)
            result["killed"] += int(killed)
            result["problems"] += [f"kill at {point}: {p}" for p in problems]
        summary[scenario.name] = result
    print(json.dumps({"scenarios": summary}, ensure_ascii=False))


if __name__ == "__main__":
    main()
