"""Build the package: a BagIt 1.0 bag (RFC 8493) in one ZIP_STORED file, signed (DESIGN §6).

    bagit.txt
    data/documents/*.pdf, data/sources/*.docx, data/attachments/*, data/dossier.json
    bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    tagmanifest-sha256.txt.minisig      minisign signature over tagmanifest-sha256.txt

Each input file is read once, in 1 MiB chunks, hashed while it is written into the ZIP; the
ZIP goes to a temporary file in the destination folder that is flushed, fsynced and renamed
into place, so a package file is either complete or absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from desktop.core.errors import Problem, ValidationError
from desktop.core.files import fsync_dir, part_prefix, sha256_file
from desktop.core.i18n import _
from desktop.core.package import minisign
from desktop.core.package.schema import SCHEMA_ID, validate_dossier
from desktop.core.package.zipsafe import RESERVED_NAMES, Limits, name_key
from desktop.core.text import clean, fold

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
BAG_INFO = "bag-info.txt"
BAGIT = "bagit.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = TAGMANIFEST + ".minisig"
DOSSIER_JSON = "data/dossier.json"
TAG_FILES = (BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST, SIGNATURE)
SIGNED_TAG_FILES = (BAGIT, BAG_INFO, MANIFEST)
DIRS = {"documents": "data/documents/", "sources": "data/sources/",
        "attachments": "data/attachments/"}
CHUNK = 1 << 20
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_SAFE_RUN = re.compile(r"[^a-z0-9._-]+")
MAX_STEM = 80
TAG_RESERVE = 64 * 1024 * 1024   # room for dossier.json and the tag files within the total
ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class DocumentFile:
    """A generated document (PDF) or its editable source (DOCX)."""

    path: Path
    kind: str


@dataclass(frozen=True)
class AttachmentFile:
    """Evidence: `name` is the officer's original file name (any language)."""

    path: Path
    name: str
    kind: str = "evidence"


@dataclass(frozen=True)
class PackageInfo:
    path: Path
    sha256: str
    key_id: str
    size: int
    trusted_comment: str

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def digest_short(self) -> str:
        return short_digest(self.sha256)


def short_digest(sha256_hex: str) -> str:
    """The digest printed on paper beside the dossier id: 12 hex digits in three groups."""
    head = sha256_hex[:12].upper()
    return f"{head[:4]}-{head[4:8]}-{head[8:12]}"


def package_file_name(unit_code: str, dossier_id: str, revision: int | str) -> str:
    return f"HSKT_{unit_code}_{dossier_id}_r{revision}.zip"


def untrusted_comment(file_name: str, key_id_hex: str) -> str:
    """The signature's first line, which minisign does not sign: fixed by what is signed."""
    return f"hoso {file_name} key {key_id_hex}"


def trusted_comment_for(dossier_id: str, revision: int, unit_code: str,
                        timestamp: int | None = None) -> str:
    """minisign-style fields, tab separated; `verify` compares them with the bag."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return (f"timestamp:{stamp}\tfile:{TAGMANIFEST}\tdossier:{dossier_id}"
            f"\trevision:{revision}\tunit:{unit_code}\thashed")


def safe_name(name: str, default_stem: str = "tep") -> str:
    """An ASCII file name that is safe on every file system and in every ZIP tool:
    Vietnamese folded (đ→d, marks dropped), lower case, [a-z0-9._-] only, no leading dot,
    no Windows reserved name, stem at most 80 characters, extension kept (lower case)."""
    base = fold(clean(name).replace("/", " ").replace("\\", " "))
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = _SAFE_RUN.sub("", ext)[:10]
    stem = _SAFE_RUN.sub("-", stem.replace(" ", "-")).strip(".-_")
    stem = re.sub(r"-{2,}", "-", stem)[:MAX_STEM].strip(".-_") or default_stem
    if stem.split(".")[0].upper() in RESERVED_NAMES:
        stem += "_"
    return f"{stem}.{ext}" if ext else stem


class SafeNames:
    """Deterministic collision rule: names are taken in input order; a name already taken
    (compared after NFC and case folding) gets -2, -3 … before its extension."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, folder: str, name: str) -> str:
        candidate = safe_name(name)
        stem, dot, ext = candidate.rpartition(".")
        if not dot:
            stem, ext = candidate, ""
        n = 1
        while name_key(folder + candidate) in self._taken:
            n += 1
            candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
        self._taken.add(name_key(folder + candidate))
        return folder + candidate


def _bag_info_value(value: str) -> str:
    return " ".join(clean(value).split())


def _entry(name: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(when.year, 1980), when.month, when.day,
                                            when.hour, when.minute, when.second))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = (0o100644 << 16)  # a regular file, rw-r--r--
    info.create_system = 3  # Unix, so external_attr's file type is read as such
    return info


def _copy_hashing(source: BinaryIO, target: IO[bytes],
                  progress: Callable[[int], None]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
        progress(len(chunk))
    return digest.hexdigest(), size


def _check_inputs(paths: Sequence[Path]) -> int:
    """The inputs' total size; refused before anything is written when a file cannot be
    read, or when the package would break a limit the verifier enforces (docs/package-
    format.md §2: no ZIP64, so every entry and the whole stay far below 4 GiB)."""
    problems = []
    total = 0
    limits = Limits()
    for path in paths:
        try:
            if not path.is_file():
                raise FileNotFoundError(path)
            size = path.stat().st_size
        except OSError:
            problems.append(Problem("package.file_unreadable",
                                    str(path), _("Không đọc được tệp {name}: kiểm tra tệp còn ở "
                                                 "đó rồi làm lại.").format(name=path.name)))
            continue
        total += size
        if size > limits.max_entry_size:
            problems.append(Problem("package.file_too_large", str(path), _(
                "Tệp {name} quá lớn ({mb} MB) để đưa vào gói (tối đa {max} MB một tệp). Hãy "
                "quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp.").format(
                    name=path.name, mb=size // 1_000_000, max=limits.max_entry_size // 1_000_000)))
    if len(paths) + len(TAG_FILES) + 1 > limits.max_entries:
        problems.append(Problem("package.too_many_files", "attachments", _(
            "Gói có quá nhiều tệp ({n}; tối đa {max}).").format(
                n=len(paths), max=limits.max_entries - len(TAG_FILES) - 1)))
    if total > limits.max_total_size - TAG_RESERVE:
        problems.append(Problem("package.too_large", "attachments", _(
            "Các tệp của gói cộng lại quá lớn ({mb} MB; tối đa {max} MB). Hãy bớt hoặc nén nhỏ "
            "các bản quét.").format(mb=total // 1_000_000,
                                    max=(limits.max_total_size - TAG_RESERVE) // 1_000_000)))
    if problems:
        raise ValidationError(problems)
    return total


def _normalise(documents: Sequence[DocumentFile | tuple[Path, str]],
               sources: Sequence[Path | DocumentFile],
               attachments: Sequence[AttachmentFile | tuple[Path, str]]
               ) -> tuple[list[DocumentFile], list[DocumentFile], list[AttachmentFile]]:
    docs = [d if isinstance(d, DocumentFile) else DocumentFile(Path(d[0]), d[1])
            for d in documents]
    srcs = [s if isinstance(s, DocumentFile) else DocumentFile(Path(s), "source")
            for s in sources]
    atts = [a if isinstance(a, AttachmentFile) else AttachmentFile(Path(a[0]), a[1])
            for a in attachments]
    return docs, srcs, atts


def build_package(*, dossier: Mapping[str, Any],
                  documents: Sequence[DocumentFile | tuple[Path, str]],
                  sources: Sequence[Path | DocumentFile],
                  attachments: Sequence[AttachmentFile | tuple[Path, str]],
                  unit_code: str, unit_name: str, dossier_id: str, revision: int,
                  revision_of: str | None, secret_key: minisign.SecretKey, dest_dir: Path,
                  app_version: str, legal_basis: str, template_set: str,
                  bagging_date: date | None = None, now: datetime | None = None,
                  progress: ProgressFn | None = None, keep_part: bool = False) -> PackageInfo:
    """Write HSKT_<unit>_<dossier>_r<revision>.zip into `dest_dir` and return what it is.

    `dossier` holds what the caller knows (unit, round, nominations …); the keys schema,
    dossier_id, revision, revision_of, documents, sources and attachments are filled here.
    Raises ValidationError (nothing written) when the ids or the dossier are not valid.
    `keep_part`: leave the finished package at its temporary `.part` path (PackageInfo.path)
    for the caller to verify and record before `publish` gives it its name.
    """
    problems = []
    if not _ID.match(unit_code or ""):
        problems.append(Problem("package.unit_code_invalid", "unit_code", _(
            "Mã đơn vị phải gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang (tối đa 64 ký "
            "tự). Hãy nhập mã đơn vị do tỉnh cấp trong thông tin đơn vị.")))
    if not _ID.match(dossier_id or ""):
        problems.append(Problem("package.dossier_id_invalid", "dossier_id", _(
            "Mã hồ sơ không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, dấu chấm, gạch ngang.")))
    if not isinstance(revision, int) or not 1 <= revision <= 999:
        problems.append(Problem("package.revision_invalid",
                                "revision", _("Lần gửi phải là số từ 1 đến 999.")))
    elif revision > 1 and not revision_of:
        problems.append(Problem("package.revision_of_invalid", "revision_of", _(
            "Lần gửi lại phải ghi gói trước đó (mã SHA-256 của gói lần trước).")))
    elif revision == 1 and revision_of:
        problems.append(Problem("package.revision_of_unexpected",
                                "revision_of", _("Lần gửi đầu tiên không có gói trước đó.")))
    if problems:
        raise ValidationError(problems)

    docs, srcs, atts = _normalise(documents, sources, attachments)
    total = _check_inputs([d.path for d in docs] + [s.path for s in srcs] + [a.path for a in atts])
    names = SafeNames()
    names.take("data/", "dossier.json")
    lists: dict[str, list[dict[str, Any]]] = {"documents": [], "sources": [], "attachments": []}
    plan: list[tuple[Path, dict[str, Any]]] = []   # (input file, its entry in `lists`)

    def add(group: str, path: Path, name: str, extra: dict[str, Any]) -> None:
        # The shape is checked with placeholder digests before anything is read.
        entry = {"path": names.take(DIRS[group], name), **extra, "sha256": "0" * 64, "size": 0}
        lists[group].append(entry)
        plan.append((path, entry))

    for doc in docs:
        add("documents", doc.path, doc.path.name, {"kind": doc.kind})
    for src in srcs:
        add("sources", src.path, src.path.name, {"kind": src.kind})
    for att in atts:
        add("attachments", att.path, att.name, {"kind": att.kind, "name": clean(att.name)})

    fixed = {"schema": SCHEMA_ID, "dossier_id": dossier_id, "revision": revision,
             "revision_of": revision_of or None}
    content: dict[str, Any] = {**fixed, **dict(dossier), **fixed}
    content.setdefault("app_version", app_version)
    content.update(lists)
    _validate(content)

    when = now or datetime.now().astimezone()
    content.setdefault("created_at", when.isoformat(timespec="seconds"))
    dest_dir.mkdir(parents=True, exist_ok=True)
    file_name = package_file_name(unit_code, dossier_id, revision)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by the with below)
        dir=dest_dir, prefix=part_prefix(file_name), suffix=".part", delete=False)
    tmp = Path(handle.name)
    try:
        with handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as zf:
                zf.writestr(_entry(BAGIT, when), BAGIT_TXT)
                manifest: list[tuple[str, str]] = []
                payload_bytes = 0
                for path, entry in plan:
                    info = _entry(entry["path"], when)
                    info.file_size = path.stat().st_size   # zipfile then picks ZIP64 if needed
                    with open(path, "rb") as source, zf.open(info, "w") as target:
                        digest, size = _copy_hashing(source, target, tick)
                    entry.update(sha256=digest, size=size)
                    manifest.append((digest, entry["path"]))
                    payload_bytes += size
                _validate(content)
                dossier_bytes = (json.dumps(content, ensure_ascii=False, indent=1)
                                 + "\n").encode("utf-8")
                zf.writestr(_entry(DOSSIER_JSON, when), dossier_bytes)
                manifest.append((hashlib.sha256(dossier_bytes).hexdigest(), DOSSIER_JSON))
                payload_bytes += len(dossier_bytes)
                manifest_bytes = "".join(f"{h}  {n}\n" for h, n in manifest).encode("utf-8")
                bag_info = [("Source-Organization", unit_name),
                            ("External-Identifier", dossier_id),
                            ("Internal-Sender-Identifier", file_name[:-4]),
                            ("Bagging-Date", (bagging_date or when.date()).isoformat()),
                            ("Payload-Oxum", f"{payload_bytes}.{len(manifest)}"),
                            ("Legal-Basis", legal_basis),
                            ("Template-Set", template_set),
                            ("App-Version", app_version),
                            ("Bag-Software-Agent", f"hoso {app_version}")]
                if revision_of:
                    bag_info.append(("Revision-Of", revision_of))
                bag_info_bytes = "".join(f"{k}: {_bag_info_value(v)}\n" for k, v in bag_info
                                         if _bag_info_value(v)).encode("utf-8")
                zf.writestr(_entry(BAG_INFO, when), bag_info_bytes)
                zf.writestr(_entry(MANIFEST, when), manifest_bytes)
                tag_lines = [(hashlib.sha256(data).hexdigest(), name) for name, data in
                             ((BAGIT, BAGIT_TXT), (BAG_INFO, bag_info_bytes),
                              (MANIFEST, manifest_bytes))]
                tagmanifest = "".join(f"{h}  {n}\n" for h, n in tag_lines).encode("utf-8")
                zf.writestr(_entry(TAGMANIFEST, when), tagmanifest)
                comment = trusted_comment_for(dossier_id, revision, unit_code,
                                              int(when.timestamp()))
                signature = minisign.sign(secret_key, tagmanifest, comment,
                                          untrusted_comment(file_name, secret_key.key_id_hex))
                zf.writestr(_entry(SIGNATURE, when), signature.encode("utf-8"))
            handle.flush()
            with ThreadPoolExecutor(max_workers=1) as pool:
                # The package's own SHA-256 from the page cache while the disk syncs.
                whole = pool.submit(sha256_file, tmp)
                os.fsync(handle.fileno())
                sha256 = whole.result()[0]
        target_path = dest_dir / file_name
        if keep_part:     # the caller checks and records it, then calls publish()
            target_path = tmp
        else:
            os.replace(tmp, target_path)
            fsync_dir(dest_dir)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return PackageInfo(path=target_path, sha256=sha256,
                       key_id=secret_key.key_id_hex, size=target_path.stat().st_size,
                       trusted_comment=comment)


def publish(info: PackageInfo, target: Path) -> PackageInfo:
    """Rename a package built with keep_part=True to its name, durably."""
    os.replace(info.path, target)
    fsync_dir(target.parent)
    return replace(info, path=target)


def _validate(content: Mapping[str, Any]) -> None:
    problems = validate_dossier(content)
    if problems:
        raise ValidationError(
            [Problem("package.schema_invalid",
                     p.field, _("Dữ liệu hồ sơ chưa đúng mẫu hoso-dossier/1 ở {field}: "
                                "{detail}").format(field=p.field, detail=p.message))
             for p in problems])



