"""Packages too big for one e-mail: numbered parts plus a small list of their hashes.

    HSKT_X_HS-1_r1.zip  →  HSKT_X_HS-1_r1.zip.001, .002 …  +  HSKT_X_HS-1_r1.zip.parts.json

Anyone can rejoin the parts with `cat NAME.zip.0* > NAME.zip` (Windows: `copy /b`); this app
rejoins them from any one part and checks every part and the whole against the list.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.catalog import ProvinceProfile
from desktop.core.errors import UserError
from desktop.core.files import atomic_path
from desktop.core.i18n import _
from desktop.core.package import strictjson

PART_LIST_SUFFIX = ".parts.json"
PART_FORMAT = "hoso-parts/1"
MAX_PARTS = 999
MAX_LIST_BYTES = 1 << 20       # a list of 999 parts is ~120 kB
CHUNK = 1 << 20
_PART = re.compile(r"^(?P<base>.+)\.(?P<n>\d{3})$")


class SplitError(UserError):
    """`code`: part_missing (a part is not there) or part_mismatch (a part was changed)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SplitResult:
    parts: list[Path]
    part_list: Path | None

    @property
    def was_split(self) -> bool:
        return self.part_list is not None


def part_limit_bytes(profile: ProvinceProfile) -> int:
    """The e-mail size limit: [transport] email_max_mb of the province profile."""
    return max(profile.transport.email_max_bytes, 64 * 1024)


def is_part_name(path: Path) -> bool:
    return path.name.endswith(PART_LIST_SUFFIX) or _PART.match(path.name) is not None


def _base_name(path: Path) -> str:
    if path.name.endswith(PART_LIST_SUFFIX):
        return path.name[: -len(PART_LIST_SUFFIX)]
    match = _PART.match(path.name)
    return match["base"] if match else path.name


def _atomic_write(target: Path, write: Any) -> None:
    with atomic_path(target) as tmp, open(tmp, "wb") as handle:
        write(handle)


def split_file(path: Path, limit: int, dest_dir: Path | None = None) -> SplitResult:
    """Split `path` into parts of at most `limit` bytes (nothing to do when it fits)."""
    size = path.stat().st_size
    if size <= limit:
        return SplitResult([path], None)
    count = -(-size // limit)
    if count > MAX_PARTS:
        raise UserError(_("Gói quá lớn để chia thành phần gửi thư điện tử ({n} phần). Hãy "
                          "chép gói vào USB.").format(n=count))
    folder = dest_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    whole = hashlib.sha256()
    parts: list[Path] = []
    records: list[dict[str, Any]] = []
    with open(path, "rb") as source:
        for number in range(1, count + 1):
            target = folder / f"{path.name}.{number:03d}"
            digest = hashlib.sha256()
            written = 0

            def write(out: Any, digest: Any = digest) -> None:
                nonlocal written
                while written < limit:
                    chunk = source.read(min(CHUNK, limit - written))
                    if not chunk:
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    whole.update(chunk)
                    written += len(chunk)

            _atomic_write(target, write)
            parts.append(target)
            records.append({"name": target.name, "size": written, "sha256": digest.hexdigest()})
    listing = {"format": PART_FORMAT, "file": path.name, "size": size,
               "sha256": whole.hexdigest(), "parts": records}
    part_list = folder / f"{path.name}{PART_LIST_SUFFIX}"
    text = (json.dumps(listing, indent=1) + "\n").encode("utf-8")
    _atomic_write(part_list, lambda out: out.write(text))
    return SplitResult(parts, part_list)


def _missing(name: str) -> SplitError:
    return SplitError("part_missing", _(
        "Thiếu phần {name} của gói. Hãy chép đủ các phần (.001, .002 …) vào cùng một thư mục "
        "rồi làm lại.").format(name=name))


def _changed(name: str) -> SplitError:
    return SplitError("part_mismatch", _(
        "Phần {name} của gói không khớp với danh sách phần (bị hỏng hoặc bị sửa). Hãy xin "
        "đơn vị gửi lại phần này.").format(name=name))


def _read_listing(list_path: Path, base: str) -> list[tuple[str, int, str]] | None:
    """The part list, read strictly: at most 1 MiB, strict JSON, sizes that are integers."""
    try:
        if list_path.stat().st_size > MAX_LIST_BYTES:
            raise _changed(list_path.name)
        listing = strictjson.loads(list_path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, strictjson.StrictJSONError):
        raise _changed(list_path.name) from None
    try:
        if listing["format"] != PART_FORMAT or listing["file"] != base:
            raise _changed(list_path.name)
        records = [(str(p["name"]), _size(p["size"]), str(p["sha256"]))
                   for p in listing["parts"]]
        whole = (base, _size(listing["size"]), str(listing["sha256"]))
    except (KeyError, TypeError, ValueError):
        raise _changed(list_path.name) from None
    # Part names come from a file that travelled: only BASE.NNN in the same folder, in order.
    expected = [f"{base}.{n:03d}" for n in range(1, len(records) + 1)]
    if [r[0] for r in records] != expected or len(records) > MAX_PARTS:
        raise _changed(list_path.name)
    return [*records, whole]


def _size(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(value)
    return value


def join_parts(any_part: Path, dest_dir: Path) -> Path:
    """Rejoin NAME.zip from any of its parts (or its .parts.json) into `dest_dir`."""
    folder = any_part.parent
    base = _base_name(any_part)
    listing = _read_listing(folder / f"{base}{PART_LIST_SUFFIX}", base)
    if listing is not None:
        *records, (_, total_size, total_sha) = listing
    else:  # no list: the consecutive parts there are; the package's signature still checks
        records = []
        number = 1
        while (folder / f"{base}.{number:03d}").exists() and number <= MAX_PARTS:
            records.append((f"{base}.{number:03d}", -1, ""))
            number += 1
        if not records:
            raise _missing(f"{base}.001")
        total_size, total_sha = -1, ""
    target = dest_dir / base
    whole = hashlib.sha256()

    def write(out: Any) -> None:
        for name, size, sha in records:
            digest = hashlib.sha256()
            count = 0
            try:
                with open(folder / name, "rb") as part:
                    while chunk := part.read(CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        whole.update(chunk)
                        count += len(chunk)
            except FileNotFoundError:
                raise _missing(name) from None
            if sha and (count != size or digest.hexdigest() != sha):
                raise _changed(name)

    dest_dir.mkdir(parents=True, exist_ok=True)
    _atomic_write(target, write)
    if total_sha and whole.hexdigest() != total_sha:
        target.unlink(missing_ok=True)
        raise _changed(base)
    if total_size >= 0 and target.stat().st_size != total_size:
        target.unlink(missing_ok=True)
        raise _changed(base)
    return target
