"""The package's ZIP container, parsed by one strict grammar (docs/package-format.md §2).

hoso writes one kind of ZIP: stored entries, each a local header with no extra field
followed by its bytes, back to back from offset 0; then the central directory, one record
per entry in the same order; then a 22-byte end record with no comment, at the very end.
This module reads exactly that and reports everything else as (code, detail) findings,
without zipfile: zipfile accepts comments, prefixes, data descriptors, ZIP64 and lying
counts, and it is the difference between the two readers that hides data.

Every number read from the file is bounded before it is used: offsets and sizes against
the file's real size, the entry count against Limits.max_entries, the central directory
against what that many records can take. Nothing is read before the whole layout checked.
"""

from __future__ import annotations

import stat
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from desktop.core.package.zipsafe import CHUNK, EntryError, Finding, Limits, check_name, name_key

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
END_SIG = b"PK\x05\x06"
ZIP64_END_SIG = b"PK\x06\x06"
ZIP64_LOCATOR_SIG = b"PK\x06\x07"
LOCAL_SIZE = 30
CENTRAL_SIZE = 46
END_SIZE = 22
MAX_COMMENT = 0xFFFF

FILE_MODE = 0o100644          # external attributes >> 16: a regular file, rw-r--r--
HOST_UNIX = 3                 # "version made by", high byte
MAX_SPEC_VERSION = 63         # "version made by", low byte: 1.0 … 6.3
VERSIONS_NEEDED = (10, 20)    # stored, no ZIP64 (4.5), no encryption (5.0+)
FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000   # traditional, strong, masked central directory
FLAG_DESCRIPTOR = 0x0008


@dataclass(frozen=True)
class Member:
    """One entry as the grammar allows it: a stored regular file."""

    name: str
    offset: int         # of its local header
    data_offset: int
    size: int           # compressed size = uncompressed size (stored)
    crc: int


@dataclass(frozen=True)
class _Central:
    name: str
    raw_name: bytes
    made_by: int
    needed: int
    flags: int
    method: int
    time: int
    date: int
    crc: int
    csize: int
    usize: int
    extra_len: int
    comment_len: int
    disk: int
    internal: int
    external: int
    offset: int


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])


def _read_at(handle: BinaryIO, at: int, size: int) -> bytes:
    handle.seek(at)
    return handle.read(size)


def parse(handle: BinaryIO, file_size: int, limits: Limits
          ) -> tuple[list[Member], list[Finding]]:
    """The members of a package ZIP, or the findings that keep it from being one.

    When findings are returned the members are not to be read: the layout is not trusted.
    """
    head = _read_at(handle, 0, 4)
    broken = "truncated_zip" if head == LOCAL_SIG else "unreadable_zip"
    end_at, findings = _find_end(handle, file_size, broken)
    if end_at is None:
        return [], findings
    end = _read_at(handle, end_at, END_SIZE)
    disk, cd_disk, on_disk, total = (_u16(end, 4), _u16(end, 6), _u16(end, 8), _u16(end, 10))
    cd_size, cd_offset, comment_len = _u32(end, 12), _u32(end, 16), _u16(end, 20)
    if comment_len:
        findings.append(("archive_comment", f"{comment_len} byte"))
    if 0xFFFF in (disk, cd_disk, on_disk, total) or 0xFFFFFFFF in (cd_size, cd_offset) or \
            (end_at >= 20 and _read_at(handle, end_at - 20, 4) == ZIP64_LOCATOR_SIG):
        return [], [*findings, ("zip64", "end record")]
    if disk or cd_disk or on_disk != total:
        findings.append(("bad_end_record", f"disk {disk}/{cd_disk}, {on_disk}/{total}"))
    if total > limits.max_entries:
        return [], [*findings, ("too_many_entries", f"{total} > {limits.max_entries}")]
    if cd_offset + cd_size > end_at:
        return [], [*findings, ("bad_end_record" if head == LOCAL_SIG else broken,
                                f"directory @{cd_offset}+{cd_size} > {end_at}")]
    if cd_offset + cd_size < end_at:
        findings.append(("unexpected_data", f"@{cd_offset + cd_size}"))
    records, found = _parse_directory(handle, cd_offset, cd_size, total,
                                      limits.max_name_length * 4)
    if found:
        return [], _unique(findings + found)
    findings += _check_records(records, limits)
    findings += _check_layout(handle, records, cd_offset)
    if findings:
        return [], _unique(findings)
    return [Member(r.name, r.offset, r.offset + LOCAL_SIZE + len(r.raw_name), r.csize, r.crc)
            for r in records], []


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


def _find_end(handle: BinaryIO, file_size: int, broken: str
              ) -> tuple[int | None, list[Finding]]:
    """Where the end record is. It must be the file's last 22 bytes; one found earlier (a
    signature whose directory offset and size lead right up to it, so not bytes inside a
    file) means an archive comment or bytes appended, reported by the caller or here."""
    if file_size < END_SIZE:
        return None, [(broken, f"{file_size} byte")]
    if _read_at(handle, file_size - END_SIZE, 4) == END_SIG:
        return file_size - END_SIZE, []
    window_end = file_size
    while window_end > 0:       # backwards, 1 MiB at a time, overlapping by a record
        start = max(0, window_end - CHUNK)
        window = _read_at(handle, start, min(file_size, window_end + END_SIZE) - start)
        at = window.rfind(END_SIG, 0, window_end - start + 3)
        while at >= 0:
            end_at = start + at
            if end_at + END_SIZE <= file_size:
                record = _read_at(handle, end_at, END_SIZE)
                cd_size, cd_offset = _u32(record, 12), _u32(record, 16)
                if cd_offset + cd_size == end_at:
                    after = file_size - end_at - END_SIZE
                    comment_len = _u16(record, 20)
                    if after == comment_len:
                        return end_at, []     # only a comment: parse reports it
                    if after < comment_len:
                        return None, [("bad_end_record", f"comment {comment_len} > {after}")]
                    return end_at, [("trailing_data", f"{after - comment_len} byte")]
            at = window.rfind(END_SIG, 0, at + 3)
        window_end = start
    return None, [(broken, "end record")]


def _parse_directory(handle: BinaryIO, cd_offset: int, cd_size: int, total: int,
                     max_name_bytes: int) -> tuple[list[_Central], list[Finding]]:
    """`total` records read one by one (a record's name, extra field and comment are at most
    64 KiB each, so memory stays bounded whatever the directory's declared size), which must
    fill the directory exactly: a count that lies is a finding, not a guess."""
    records: list[_Central] = []
    at = cd_offset
    end_of_directory = cd_offset + cd_size
    for _ in range(total):
        fixed = _read_at(handle, at, CENTRAL_SIZE) if at + CENTRAL_SIZE <= end_of_directory \
            else b""
        if len(fixed) < CENTRAL_SIZE or fixed[:4] != CENTRAL_SIG:
            return records, [("bad_end_record", f"{len(records)} / {total}")]
        (made_by, needed, flags, method, time, date, crc, csize, usize, name_len,
         extra_len, comment_len, disk, internal, external, offset) = struct.unpack_from(
            "<HHHHHHIIIHHHHHII", fixed, 4)
        end = at + CENTRAL_SIZE + name_len + extra_len + comment_len
        if end > end_of_directory:
            return records, [("bad_end_record", f"{len(records)} / {total}")]
        if name_len > max_name_bytes:   # not even read: 10,000 names of 64 KiB is 640 MB
            return records, [("bad_name", f"{name_len} byte")]
        raw_name = handle.read(name_len)
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        records.append(_Central(name, raw_name, made_by, needed, flags, method, time, date,
                                crc, csize, usize, extra_len, comment_len, disk, internal,
                                external, offset))
        at = end
    if at != end_of_directory:
        return records, [("bad_end_record", f"{total} < {total + 1}")]
    return records, []


def _record_findings(r: _Central, limits: Limits) -> list[Finding]:
    """Everything one central record says that hoso never writes."""
    found: list[Finding] = []
    name = r.name
    if name.endswith("/"):
        found.append(("directory_entry", f"{name} ({r.usize} byte)"))
    if not name:
        found.append(("bad_name", "(trống)"))
    else:
        found += check_name(name, limits)
        if not all(32 < b < 127 for b in r.raw_name):
            found.append(("bad_name", name))
    if r.made_by >> 8 != HOST_UNIX or (r.made_by & 0xFF) > MAX_SPEC_VERSION or \
            r.needed not in VERSIONS_NEEDED:
        found.append(("bad_version", f"{name} ({r.made_by:#06x}, {r.needed})"))
    if r.flags & FLAG_ENCRYPTED:
        found.append(("encrypted_entry", name))
    if r.flags & FLAG_DESCRIPTOR:
        found.append(("data_descriptor", name))
    if r.flags & ~(FLAG_ENCRYPTED | FLAG_DESCRIPTOR):
        found.append(("bad_flags", f"{name} ({r.flags:#06x})"))
    if r.method != 0:
        found.append(("bad_compression", f"{name} ({r.method})"))
    if 0xFFFFFFFF in (r.csize, r.usize, r.offset):
        found.append(("zip64", name))
    elif r.csize != r.usize:
        found.append(("size_mismatch", f"{name} ({r.csize} / {r.usize})"))
    if r.usize > limits.max_entry_size:
        found.append(("entry_too_large", f"{name} ({r.usize})"))
    if r.extra_len:
        found.append(("extra_field", f"{name} ({r.extra_len} byte)"))
    if r.comment_len:
        found.append(("entry_comment", f"{name} ({r.comment_len} byte)"))
    if r.disk or r.internal:
        found.append(("bad_directory", f"{name} (disk {r.disk}, {r.internal:#x})"))
    found += _mode_findings(name, r.external)
    return found


def _mode_findings(name: str, external: int) -> list[Finding]:
    mode = external >> 16
    if external == FILE_MODE << 16:
        return []
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return [("symlink_entry", name)]
    if kind == stat.S_IFDIR or external & 0x10:    # Unix directory, or MS-DOS's flag
        return [("directory_entry", f"{name} ({mode:o})")]
    if kind not in (0, stat.S_IFREG):
        return [("special_entry", f"{name} ({mode:o})")]
    return [("bad_mode", f"{name} ({mode:o}, {external & 0xFFFF:#x})")]


def _check_records(records: list[_Central], limits: Limits) -> list[Finding]:
    found: list[Finding] = []
    exact: set[str] = set()
    seen: dict[str, str] = {}
    files: set[str] = set()
    total = 0
    for r in records:
        found += _record_findings(r, limits)
        if r.name in exact:
            found.append(("duplicate_entry", r.name))
            continue
        exact.add(r.name)
        key = name_key(r.name.rstrip("/"))
        if key in seen:
            found.append(("name_collision", f"{seen[key]} ~ {r.name}"))
        seen.setdefault(key, r.name)
        files.add(key)
        total += r.usize
    if total > limits.max_total_size:
        found.append(("total_too_large", f"{total} > {limits.max_total_size}"))
    for key in files:   # a file 'a' and a file 'a/b' cannot both exist on disk
        parent = key.rpartition("/")[0]
        while parent:
            if parent in files:
                found.append(("name_collision", f"{parent} / {key}"))
                break
            parent = parent.rpartition("/")[0]
    return found


def _check_layout(handle: BinaryIO, records: list[_Central], cd_offset: int
                  ) -> list[Finding]:
    """Local entries back to back from offset 0, in directory order, up to the directory;
    each local header repeats its central record exactly, with no extra field."""
    found: list[Finding] = []
    expected = 0
    for r in records:
        if r.offset != expected:
            code = "overlapping_entries" if r.offset < expected else "unexpected_data"
            return [*found, (code, f"{r.name} @{r.offset}")]
        if r.offset + LOCAL_SIZE > cd_offset:
            return [*found, ("truncated_zip", r.name)]
        header = _read_at(handle, r.offset, LOCAL_SIZE)
        (sig, needed, flags, method, time, date, crc, csize, usize, name_len,
         extra_len) = struct.unpack("<4sHHHHHIIIHH", header)
        name = _read_at(handle, r.offset + LOCAL_SIZE, name_len)
        if 0xFFFFFFFF in (csize, usize) and (csize, usize) != (r.csize, r.usize):
            found.append(("zip64", f"{r.name} (local)"))
        elif sig != LOCAL_SIG or (needed, flags, method, time, date, crc, csize, usize) != (
                r.needed, r.flags, r.method, r.time, r.date, r.crc, r.csize, r.usize) \
                or name != r.raw_name:
            found.append(("header_mismatch", r.name))
        if extra_len:
            found.append(("extra_field", f"{r.name} (local, {extra_len} byte)"))
        expected = r.offset + LOCAL_SIZE + name_len + extra_len + r.csize
        if expected > cd_offset:
            return [*found, ("overlapping_entries", r.name)]
    if expected != cd_offset:
        found.append(("unexpected_data", f"@{expected}"))
    return found


def read_member(handle: BinaryIO, member: Member, sink: Callable[[bytes], object]) -> int:
    """Stream a member's bytes to `sink` in 1 MiB chunks and check its CRC-32 (the check
    `unzip` makes: a package this app accepts must open with the standard tools)."""
    handle.seek(member.data_offset)
    remaining = member.size
    crc = 0
    while remaining > 0:
        chunk = handle.read(min(CHUNK, remaining))
        if not chunk:
            raise EntryError("truncated_zip", member.name)
        remaining -= len(chunk)
        crc = zlib.crc32(chunk, crc)
        sink(chunk)
    if crc != member.crc:
        raise EntryError("crc_mismatch", member.name)
    return member.size
