"""A bounded, seeded fuzz run over the package verifier and both people importers (.xlsx,
.csv), through their public functions (run by tests/fuzz/test_fuzz_run.py).

    python tests/fuzz/fuzzer.py WORK_DIR SEED VERIFIER_CASES XLSX_CASES CSV_CASES

Mutants of one valid signed package go to `verify_package`; mutants of a valid workbook and
CSV go to `importing.read_table` and, when it reads them, `importing.preview`. A case:

- crashes when anything but a refusal comes out (verify: a report, or PackageUnreadable;
  importers: UserError / ValidationError);
- hangs when it runs longer than HANG_SECONDS (faulthandler ends the process and names it);
- is a bad acceptance when verify says ok for bytes that differ from the valid package
  anywhere but the fields docs/package-format.md §4 lets vary (modification time and date,
  the "version made by" specification byte, "version needed" 1.0/2.0).

Memory is capped (2 GiB address space) so a bomb shows as a crash, not as a dead machine.
Prints one JSON summary line; exit 0 even with findings (the test reads the summary).
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import random
import struct
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "unit" / "package"))

import pkgtools  # noqa: E402

from desktop.core.catalog import load_catalog  # noqa: E402
from desktop.core.errors import UserError  # noqa: E402
from desktop.core.operations import importing  # noqa: E402
from desktop.core.package import minisign  # noqa: E402
from desktop.core.package.verify import PackageUnreadable, verify_package  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.paths import forms_dir  # noqa: E402

HANG_SECONDS = 30
MEMORY_CAP = 2 << 30
INTERESTING = (0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
               0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF)


# ---- mutators ----------------------------------------------------------------------------------


def _fields(raw: bytes) -> list[tuple[int, int]]:
    """(offset, width) of every integer field of the ZIP's headers and end record."""
    fields: list[tuple[int, int]] = []
    end = len(raw) - 22
    count, _cd_size, cd_offset = struct.unpack_from("<HII", raw, end + 10)
    fields += [(end + at, w) for at, w in ((4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4),
                                           (20, 2))]
    at = cd_offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, at + 28)
        local = struct.unpack_from("<I", raw, at + 42)[0]
        fields += [(at + o, w) for o, w in ((4, 2), (6, 2), (8, 2), (10, 2), (12, 2), (14, 2),
                                            (16, 4), (20, 4), (24, 4), (28, 2), (30, 2),
                                            (32, 2), (34, 2), (36, 2), (38, 4), (42, 4))]
        fields += [(local + o, w) for o, w in ((4, 2), (6, 2), (8, 2), (10, 2), (12, 2),
                                               (14, 4), (18, 4), (22, 4), (26, 2), (28, 2))]
        at += 46 + name_len + extra_len + comment_len
    return fields


def allowed_offsets(raw: bytes) -> set[int]:
    """The bytes docs/package-format.md §4 lets change: per entry, version needed, time and
    date in both headers, and the specification byte of "version made by"."""
    allowed: set[int] = set()
    end = len(raw) - 22
    count, _size, cd_offset = struct.unpack_from("<HII", raw, end + 10)
    at = cd_offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, at + 28)
        local = struct.unpack_from("<I", raw, at + 42)[0]
        allowed |= {at + 4, *range(at + 6, at + 8), *range(at + 12, at + 16)}
        allowed |= {*range(local + 4, local + 6), *range(local + 10, local + 14)}
        at += 46 + name_len + extra_len + comment_len
    return allowed


def mutate_bytes(raw: bytes, rng: random.Random, fields: list[tuple[int, int]] | None = None
                 ) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 5))):
        kind = rng.random()
        at = rng.randrange(len(data) + 1) if data else 0
        if fields and kind < 0.35:                       # a header field, to a boundary value
            offset, width = rng.choice(fields)
            if offset + width <= len(data):
                value = rng.choice(INTERESTING) if rng.random() < 0.7 else \
                    int.from_bytes(data[offset:offset + width], "little") + rng.choice((-1, 1))
                data[offset:offset + width] = (value % (1 << (8 * width))).to_bytes(width,
                                                                                   "little")
        elif kind < 0.6 and data:                        # flip bits
            at %= len(data)
            data[at] ^= 1 << rng.randrange(8)
        elif kind < 0.7:                                 # insert bytes
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.choice((1, 2, 4, 30))))
        elif kind < 0.8:                                 # delete a run
            del data[at:at + rng.choice((1, 2, 4, 30))]
        elif kind < 0.87:                                # cut the tail
            del data[at:]
        elif kind < 0.94 and data:                       # repeat a slice
            start = rng.randrange(len(data))
            data[at:at] = data[start:start + rng.choice((4, 22, 46, 200))]
        else:                                            # append
            data += bytes(rng.randrange(256) for _ in range(rng.choice((1, 22, 100))))
    return bytes(data)


# ---- the three targets ---------------------------------------------------------------------


def _where(exc: BaseException) -> str:
    """The deepest frame of the project's own code that the exception passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/desktop/" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


class Tally:
    def __init__(self) -> None:
        self.tried = self.refused = self.accepted = self.crashes = 0
        self.bad_accepts = 0
        self.samples: list[str] = []

    def note(self, text: str) -> None:
        if len(self.samples) < 10:
            self.samples.append(text)

    def as_dict(self) -> dict[str, Any]:
        return {"tried": self.tried, "refused": self.refused, "accepted": self.accepted,
                "crashes": self.crashes, "hangs": 0, "bad_accepts": self.bad_accepts,
                "samples": self.samples}


def fuzz_verifier(work: Path, rng: random.Random, cases: int, progress: Callable[[str], None]
                  ) -> Tally:
    secret, public = minisign.generate_keypair()
    original = pkgtools.build(work / "pkg", secret).path.read_bytes()
    trusted = {public.key_id_hex: public}
    fields, allowed = _fields(original), allowed_offsets(original)
    tally = Tally()
    path = work / "mutant.zip"
    for case in range(cases):
        progress(f"verifier {case}")
        mutant = mutate_bytes(original, rng, fields)
        path.write_bytes(mutant)
        tally.tried += 1
        try:
            report = verify_package(path, trusted)
        except PackageUnreadable:
            tally.refused += 1
            continue
        except Exception as exc:
            tally.crashes += 1
            tally.note(f"verifier case {case}: {_where(exc)}: {type(exc).__name__}: "
                       f"{exc}"[:300])
            continue
        if not report.ok:
            tally.refused += 1
            continue
        tally.accepted += 1
        changed = {i for i in range(min(len(mutant), len(original)))
                   if mutant[i] != original[i]}
        if len(mutant) != len(original) or not changed <= allowed:
            tally.bad_accepts += 1
            tally.note(f"verifier case {case}: accepted, changed at "
                       f"{sorted(changed - allowed)[:10]} (length {len(mutant)})")
    return tally


def _workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Phòng ban",
                  "Số CCCD", "Xếp loại năm 2025"])
    sheet.append([1, "Nguyễn Văn An", datetime(1980, 5, 3), "Nam", "Chủ tịch", "Lãnh đạo",
                  "001080001234", "HTXSNV"])
    sheet.append([2, "Trần Thị Bích", "07/11/1985", "Nữ", "Kế toán", "Tài chính", "",
                  "Hoàn thành tốt nhiệm vụ"])
    sheet.append([3, "Lê Đức Cường", "1990-02-28", "nam", "Văn thư", "Văn phòng", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CSV = ("STT,Họ và tên,Ngày sinh,Giới tính,Chức vụ,Phòng ban,Số CCCD,Xếp loại năm 2025\r\n"
       "1,Nguyễn Văn An,03/05/1980,Nam,Chủ tịch,Lãnh đạo,001080001234,HTXSNV\r\n"
       "2,\"Trần Thị Bích\",07/11/1985,Nữ,\"Kế toán, thủ quỹ\",Tài chính,,Hoàn thành tốt\r\n"
       "3,Lê Đức Cường,1990-02-28,nam,Văn thư,Văn phòng,,\r\n").encode()
TEXT_INSERTS = [b'"', b",", b";", b"\t", b"\r", b"\n", b"\x00", b"\xef\xbb\xbf", b"\xe2\x80\x8b",
                b"\xe2\x80\xae", b"=cmd|' /C calc'!A0", b"9" * 400, b"01/01/0001", b"31/02/2020",
                b"\xff\xfe", b"1e309", b"-0", "Nguyễn\u0301".encode()]


def mutate_csv(raw: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return mutate_bytes(raw, rng)
    data = bytearray(raw)
    for _ in range(rng.choice((1, 2, 4))):
        at = rng.randrange(len(data) + 1)
        data[at:at] = rng.choice(TEXT_INSERTS) * rng.choice((1, 1, 3))
    return bytes(data)


def mutate_xlsx(raw: bytes, rng: random.Random) -> bytes:
    """Half the time the bytes of the ZIP; half the time the XML inside, zipped again well
    (so openpyxl gets past the ZIP and meets odd XML, numbers, dates and strings)."""
    if rng.random() < 0.4:
        return mutate_bytes(raw, rng, _fields(raw) if raw[-22:-18] == b"PK\x05\x06" else None)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    targets = [n for n in members if n.endswith(".xml") and ("sheet" in n or "shared" in n
                                                             or "workbook" in n)]
    name = rng.choice(targets)
    members[name] = mutate_csv(members[name], rng) if rng.random() < 0.5 else \
        mutate_bytes(members[name], rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, body in members.items():
            zf.writestr(member, body)
    return out.getvalue()


def fuzz_importer(work: Path, rng: random.Random, cases: int, suffix: str,
                  seed_bytes: bytes, mutate: Callable[[bytes, random.Random], bytes],
                  progress: Callable[[str], None]) -> Tally:
    catalog = load_catalog(forms_dir())
    store = open_store(work / f"import-{suffix}.sqlite", create=True)
    options = importing.ImportOptions(today=date(2026, 11, 23), rating_year=2025,
                                      defaults={"group": "cbccvc", "ethnicity": "Kinh"})
    tally = Tally()
    path = work / f"mutant.{suffix}"
    try:
        for case in range(cases):
            progress(f"{suffix} {case}")
            path.write_bytes(mutate(seed_bytes, rng))
            tally.tried += 1
            try:
                table = importing.read_table(path)
                mapping = importing.guess_mapping(table.headers)
                preview = importing.preview(store, catalog, table, mapping, options)
            except UserError:          # ValidationError is a UserError too
                tally.refused += 1
                continue
            except Exception as exc:
                tally.crashes += 1
                tally.note(f"{suffix} case {case}: {_where(exc)}: {type(exc).__name__}: "
                           f"{exc}"[:300])
                continue
            if preview.ok and preview.rows:
                tally.accepted += 1
            else:
                tally.refused += 1
    finally:
        store.close()
    return tally


def main() -> None:
    work, seed = Path(sys.argv[1]), int(sys.argv[2])
    verifier_cases, xlsx_cases, csv_cases = (int(a) for a in sys.argv[3:6])
    if os.name == "posix":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    current = work / "current-case.txt"

    def progress(label: str) -> None:
        current.write_text(label, encoding="utf-8")
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)

    rng = random.Random(seed)
    started = time.monotonic()
    summary = {
        "verifier": fuzz_verifier(work, rng, verifier_cases, progress).as_dict(),
        "xlsx": fuzz_importer(work, rng, xlsx_cases, "xlsx", _workbook(), mutate_xlsx,
                              progress).as_dict(),
        "csv": fuzz_importer(work, rng, csv_cases, "csv", CSV, mutate_csv, progress).as_dict(),
    }
    faulthandler.cancel_dump_traceback_later()
    summary["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
