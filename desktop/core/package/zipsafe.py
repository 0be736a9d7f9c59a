"""ZIP files from outside: names, entry types, sizes and bombs, checked before anything is read.

Every check returns findings as (code, detail) pairs; verify.py turns them into Vietnamese
reasons. The names, limits and `safe_extract` serve every ZIP; the rest (`structure_findings`,
`layout_findings`, `read_entry` over zipfile's ZipInfo) is the lenient check for ZIPs other
programs make, such as .xlsx workbooks. A hoso package is held to a stricter grammar, parsed
by zipformat.py. `read_entry` reads the file itself (not zipfile's reader), counts the bytes
that really come out (a ZIP may declare 1 kB and inflate to 1 GB) and stops. Nothing here
writes to disk except `safe_extract`, which writes only under the target folder it is given.
"""

from __future__ import annotations

import itertools
import os
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import UserError
from desktop.core.i18n import _

RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
    | {f"COM{c}" for c in "¹²³"} | {f"LPT{c}" for c in "¹²³"})
_WINDOWS_BAD = set('<>:"|?*')
CHUNK = 1 << 20
Finding = tuple[str, str]


@dataclass(frozen=True)
class Limits:
    """What a package may hold. Defaults are far above a real dossier (a few hundred files,
    tens of MB) and far below what would exhaust an old PC."""

    max_entries: int = 10_000
    max_entry_size: int = 512 * 1024 * 1024
    max_total_size: int = 2 * 1024 * 1024 * 1024
    max_tag_file_size: int = 8 * 1024 * 1024
    max_dossier_json: int = 2 * 1024 * 1024   # ~2,000 nominations; verified in < 1 s
    max_name_length: int = 255
    max_ratio: int = 200   # uncompressed / compressed for a DEFLATED entry


def name_key(name: str) -> str:
    """What two names are compared by: NFC, then case folded (Windows and macOS see
    'A.pdf', 'a.pdf' and the NFD spelling of a Vietnamese name as one file)."""
    return unicodedata.normalize("NFC", name).casefold()


def check_name(name: str, limits: Limits) -> list[Finding]:
    """Everything wrong with one entry name, as (code, detail)."""
    found: list[Finding] = []
    if not name:
        return [("bad_name", "(trống)")]
    if "\\" in name:
        found.append(("backslash_path", name))
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        found.append(("absolute_path", name))
    parts = unified.rstrip("/").split("/")
    if unified.startswith("/"):
        parts = parts[1:]
    if any(p == ".." for p in parts):
        found.append(("parent_path", name))
    bad_char = any(ord(ch) < 32 or ch == "\x7f" or ch in _WINDOWS_BAD for ch in unified)
    empty_part = any(p in ("", ".") for p in parts)
    too_long = len(name) > limits.max_name_length * 4 or \
        any(len(p.encode("utf-8")) > limits.max_name_length for p in parts)
    if bad_char or empty_part or too_long:
        found.append(("bad_name", name))
    for part in parts:
        if not part or part == "..":
            continue
        if part[-1] in ". " and part != ".":
            found.append(("reserved_name", name))
            break
        if part.split(".")[0].rstrip(" ").upper() in RESERVED_NAMES:
            found.append(("reserved_name", name))
            break
    return found


def entry_type_findings(info: zipfile.ZipInfo) -> list[Finding]:
    found: list[Finding] = []
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode and not info.filename.endswith("/"):
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            found.append(("symlink_entry", info.filename))
        elif kind not in (0, stat.S_IFREG):
            found.append(("special_entry", info.filename))
    if info.flag_bits & 0x1:
        found.append(("encrypted_entry", info.filename))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        found.append(("bad_compression", f"{info.filename} ({info.compress_type})"))
    return found


def structure_findings(infos: list[zipfile.ZipInfo], limits: Limits) -> list[Finding]:
    """Names, types, declared sizes, duplicates, collisions and overlaps of a whole ZIP."""
    found: list[Finding] = []
    if len(infos) > limits.max_entries:
        return [("too_many_entries", f"{len(infos)} > {limits.max_entries}")]
    seen: dict[str, str] = {}
    exact: set[str] = set()
    total = 0
    files: set[str] = set()
    for info in infos:
        name = info.filename
        if not name:   # a name that was only a NUL byte (zipfile cuts names at NUL)
            found.append(("bad_name", "(trống)"))
            continue
        found += check_name(name, limits)
        found += entry_type_findings(info)
        if name in exact:
            found.append(("duplicate_entry", name))
        else:
            exact.add(name)
            key = name_key(name.rstrip("/"))
            if key in seen and seen[key] != name:
                found.append(("name_collision", f"{seen[key]} ~ {name}"))
            seen.setdefault(key, name)
        if name.endswith("/"):
            continue
        files.add(name_key(name))
        if info.file_size > limits.max_entry_size:
            found.append(("entry_too_large", f"{name} ({info.file_size})"))
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            found.append(("size_mismatch", name))
        if info.compress_type == zipfile.ZIP_DEFLATED and \
                info.file_size > max(info.compress_size, 1) * limits.max_ratio:
            ratio = info.file_size // max(info.compress_size, 1)
            found.append(("entry_too_large", f"{name} (x{ratio})"))
        total += info.file_size
    if total > limits.max_total_size:
        found.append(("total_too_large", f"{total} > {limits.max_total_size}"))
    for key in files:  # a file 'a' and a file 'a/b' cannot both exist on disk
        parent = key.rsplit("/", 1)[0] if "/" in key else ""
        while parent:
            if parent in files:
                found.append(("name_collision", f"{parent} / {key}"))
                break
            parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
    found += overlap_findings(infos)
    return found


def overlap_findings(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    """Entries whose data overlap (the 'overlapping files' bomb: one deflate stream shared
    by thousands of entries). Local header = 30 bytes + name + extra, then the data."""
    spans = sorted((i.header_offset, i.filename, i.compress_size) for i in infos)
    found: list[Finding] = []
    for (start, name, size), (next_start, next_name, _size) in itertools.pairwise(spans):
        if start + 30 + len(name.encode("utf-8")) + size > next_start:
            found.append(("overlapping_entries", f"{name} / {next_name}"))
    return found


def layout_findings(handle: BinaryIO, infos: list[zipfile.ZipInfo], start_dir: int,
                    file_size: int) -> list[Finding]:
    """Every byte before the central directory belongs to an entry: no data prepended, hidden
    between entries or after the last one; each local header agrees with its central record
    (method, flags, CRC, sizes). Run before any entry is read."""
    found: list[Finding] = []
    spans: list[tuple[int, int, bool, str]] = []
    for info in infos:
        at = info.header_offset
        if at < 0 or at + 30 > file_size:
            return [("truncated_zip", info.filename)]
        handle.seek(at)
        header = handle.read(30)
        if header[:4] != b"PK\x03\x04":
            return [("header_mismatch", info.filename)]
        (_version, flags, method, _time, _date, crc, csize, usize, name_len,
         extra_len) = struct.unpack("<HHHHHIIIHH", header[4:30])
        descriptor = bool(flags & 0x8)
        sizes_ok = descriptor or (
            (csize in (info.compress_size, 0xFFFFFFFF)) and (usize in (info.file_size,
                                                                       0xFFFFFFFF)))
        if method != info.compress_type or (flags & 0x9) != (info.flag_bits & 0x9) or \
                (not descriptor and crc != info.CRC) or not sizes_ok:
            found.append(("header_mismatch", info.filename))
        end = at + 30 + name_len + extra_len + info.compress_size
        spans.append((at, end, descriptor, info.filename))
    expected = 0
    for start, end, descriptor, name in sorted(spans):
        if start != expected:
            found.append(("overlapping_entries" if start < expected else "unexpected_data",
                          f"{name} @{start}"))
        expected = end + (_descriptor_size(handle, end) if descriptor else 0)
    if expected != start_dir:
        found.append(("unexpected_data", f"@{expected}"))
    return found


def _descriptor_size(handle: BinaryIO, at: int) -> int:
    """A data descriptor after the data: 12 or 16 bytes (ZIP64: 20 or 24)."""
    handle.seek(at)
    head = handle.read(4)
    return 16 if head == b"PK\x07\x08" else 12


def central_directory_count(handle: BinaryIO) -> int | None:
    """The entry count declared by the end-of-central-directory record (ZIP64 aware), read
    before zipfile builds its whole directory in memory; None when there is no record."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    tail_size = min(size, 65_557 + 20)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    count = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        offset = struct.unpack("<Q", tail[at - 12:at - 4])[0]
        if offset + 56 <= size:
            handle.seek(offset)
            record = handle.read(56)
            if record[:4] == b"PK\x06\x06":
                return int(struct.unpack("<Q", record[32:40])[0])
    return int(count)


class EntryError(Exception):
    """One entry's bytes do not check out; `code` is a verify reason code."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def read_entry(handle: BinaryIO, info: zipfile.ZipInfo, limit: int,
               sink: Callable[[bytes], object]) -> int:
    """Stream one entry's bytes to `sink` straight from the file, counting what really comes
    out: more than declared (a bomb that lies in its header) or than `limit` stops at once.

    The local header must name the same file as the central directory. DEFLATED data is
    inflated at most 1 MiB at a time and its CRC-32 checked. For STORED data the CRC-32 is
    not recomputed: every byte is covered by SHA-256 in the signed manifests, which is the
    check that matters, and skipping a redundant pass keeps verification near hashing speed.
    """
    if info.header_offset < 0:
        raise EntryError("truncated_zip", info.filename)
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise EntryError("truncated_zip", info.filename)
    flags, name_len, extra_len = (struct.unpack("<H", header[6:8])[0],
                                  *struct.unpack("<HH", header[26:30]))
    raw_name = handle.read(name_len)
    name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
    if name != info.orig_filename or (flags & 0x1):
        raise EntryError("header_mismatch", info.filename)
    handle.seek(extra_len, os.SEEK_CUR)
    allowed = min(info.file_size, limit)
    remaining = info.compress_size
    count = 0
    crc = 0
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None

    def emit(data: bytes) -> None:
        nonlocal count, crc
        count += len(data)
        if count > allowed:
            raise EntryError("size_mismatch" if count > info.file_size else "entry_too_large",
                             info.filename)
        if inflate is not None:
            crc = zlib.crc32(data, crc)
        sink(data)

    try:
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                raise EntryError("truncated_zip", info.filename)
            remaining -= len(chunk)
            if inflate is None:
                emit(chunk)
                continue
            data = chunk
            while data:
                emit(inflate.decompress(data, CHUNK))
                data = inflate.unconsumed_tail
        if inflate is not None:
            emit(inflate.flush())
            if not inflate.eof:
                raise EntryError("crc_mismatch", info.filename)
    except zlib.error:
        raise EntryError("crc_mismatch", info.filename) from None
    if count != info.file_size:
        raise EntryError("size_mismatch", info.filename)
    if inflate is not None and crc != info.CRC:
        raise EntryError("crc_mismatch", info.filename)
    return count


class ExtractError(UserError):
    """The target folder cannot take the package's files."""


def safe_extract(names: Iterable[str], target: Path, limits: Limits,
                 write: Callable[[str, Callable[[bytes], object]], object]) -> Path:
    """Write the named entries under `target`, which must be missing or empty; `write(name,
    sink)` streams one entry's bytes to `sink`. A name that would resolve outside the target
    is refused (ValueError) before a byte is written; if writing fails half way, what was
    written is removed again."""
    root = target.resolve()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ExtractError(_("Thư mục {folder} đã có tệp. Hãy chọn một thư mục trống để giải "
                             "nén gói.").format(folder=target))
    jobs: list[tuple[str, Path]] = []
    for name in names:
        if check_name(name, limits):
            raise ValueError(f"unsafe entry name {name!r}")
        destination = (root / name).resolve()
        if destination == root or not destination.is_relative_to(root):
            raise ValueError(f"entry {name!r} would land outside {root}")
        jobs.append((name, destination))
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    try:
        for name, destination in jobs:
            destination.parent.mkdir(parents=True, exist_ok=True)
            if not destination.parent.resolve().is_relative_to(root):
                raise ValueError(f"entry {name!r} would land outside {root}")
            with open(destination, "xb") as out:
                write(name, out.write)
    except BaseException:
        for child in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if child.is_dir() and not child.is_symlink():
                child.rmdir()
            else:
                child.unlink()
        if created:
            root.rmdir()
        raise
    return root
