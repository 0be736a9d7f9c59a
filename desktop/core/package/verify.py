"""Check a package without trusting it: structure, signature, manifests, sizes, schema.

Nothing is extracted unless asked (and only after every check passed, only under the given
folder). Every entry is read once, in 1 MiB chunks, and hashed as it streams; the package's
own SHA-256 (the id the province files it under) is computed alongside in a second thread,
since hashlib and file reads release the GIL.

A bad package never raises: each problem comes back as a Reason with a stable code and a
Vietnamese message that says what is wrong and what to do. Only a file that cannot be read
at all raises PackageUnreadable.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.package import minisign
from desktop.core.package.bag import (
    BAG_INFO,
    BAGIT,
    BAGIT_TXT,
    DOSSIER_JSON,
    MANIFEST,
    SIGNATURE,
    SIGNED_TAG_FILES,
    TAGMANIFEST,
)
from desktop.core.package.schema import validate_dossier
from desktop.core.package.split import SplitError, is_part_name, join_parts
from desktop.core.package.zipsafe import (
    CHUNK,
    EntryError,
    Limits,
    central_directory_count,
    layout_findings,
    read_entry,
    safe_extract,
    structure_findings,
)

__all__ = ["CODES", "FileEntry", "Limits", "PackageUnreadable", "Reason", "VerifyReport",
           "verify_package"]

# Stable reason codes → what the officer reads (translated at display time).
CODES: dict[str, str] = {
    "unreadable_zip": N_("Tệp không phải là gói hồ sơ (không phải tệp ZIP). Hãy kiểm tra "
                         "đúng tệp HSKT_….zip do đơn vị gửi."),
    "truncated_zip": N_("Gói bị cắt cụt hoặc hỏng (chép chưa xong?). Hãy chép lại hoặc xin "
                        "đơn vị gửi lại."),
    "crc_mismatch": N_("Một tệp trong gói bị hỏng (sai mã kiểm tra CRC). Hãy chép lại gói."),
    "duplicate_entry": N_("Gói có hai mục trùng tên. Gói không hợp lệ; hãy xin gửi lại."),
    "absolute_path": N_("Gói chứa đường dẫn tuyệt đối (có thể ghi đè tệp ngoài thư mục). "
                        "Gói bị từ chối."),
    "parent_path": N_("Gói chứa đường dẫn '..' (có thể ghi ra ngoài thư mục). Gói bị từ chối."),
    "backslash_path": N_("Gói chứa tên tệp có dấu '\\'. Gói không hợp lệ; hãy xin gửi lại."),
    "bad_name": N_("Gói chứa tên tệp không hợp lệ (ký tự điều khiển, ký tự cấm, quá dài). "
                   "Hãy xin gửi lại."),
    "reserved_name": N_("Gói chứa tên tệp Windows không cho phép (CON, PRN, AUX, NUL, COM1…, "
                        "LPT1…, hoặc kết thúc bằng dấu chấm, dấu cách). Hãy xin gửi lại."),
    "name_collision": N_("Gói có hai tên tệp trùng nhau khi không phân biệt hoa thường hoặc "
                         "cách gõ dấu. Hãy xin gửi lại."),
    "symlink_entry": N_("Gói chứa liên kết tượng trưng (symlink). Gói bị từ chối."),
    "special_entry": N_("Gói chứa mục không phải tệp thường (thiết bị, FIFO). Gói bị từ chối."),
    "encrypted_entry": N_("Gói chứa tệp được đặt mật khẩu ZIP. Gói hồ sơ không dùng mật khẩu "
                          "ZIP; hãy xin gửi lại."),
    "bad_compression": N_("Gói dùng kiểu nén không được hỗ trợ (chỉ chấp nhận lưu nguyên hoặc "
                          "deflate)."),
    "too_many_entries": N_("Gói có quá nhiều tệp. Gói bị từ chối để bảo vệ máy."),
    "entry_too_large": N_("Một tệp trong gói quá lớn hoặc giải nén ra quá lớn (bom ZIP). Gói "
                          "bị từ chối."),
    "total_too_large": N_("Tổng dung lượng sau giải nén quá lớn. Gói bị từ chối."),
    "size_mismatch": N_("Kích thước thật của một tệp khác kích thước ghi trong gói (bom ZIP "
                        "hoặc gói hỏng). Gói bị từ chối."),
    "header_mismatch": N_("Phần đầu của một tệp trong gói không khớp với danh mục ZIP (gói bị "
                          "sửa hoặc hỏng). Gói bị từ chối."),
    "unexpected_data": N_("Gói có dữ liệu lạ nằm ngoài các tệp (chèn thêm vào tệp ZIP). Gói bị "
                          "từ chối; hãy xin gửi lại."),
    "overlapping_entries": N_("Các tệp trong gói chồng lên nhau (bom ZIP). Gói bị từ chối."),
    "not_a_bag": N_("Tệp ZIP không phải gói hồ sơ BagIt (thiếu bagit.txt, bag-info.txt hoặc "
                    "các tệp kê khai). Hãy kiểm tra đúng tệp."),
    "bad_bagit_txt": N_("Tệp bagit.txt không đúng BagIt 1.0. Gói đã bị sửa; hãy xin gửi lại."),
    "missing_signature": N_("Gói không có chữ ký (tagmanifest-sha256.txt.minisig). Không thể "
                            "biết gói có bị sửa không; hãy xin đơn vị gửi lại gói có ký."),
    "bad_signature_format": N_("Tệp chữ ký không đúng định dạng minisign. Gói có thể đã bị sửa "
                               "hoặc hỏng; hãy xin đơn vị gửi lại."),
    "bad_signature": N_("Chữ ký không khớp: gói đã bị sửa sau khi ký hoặc không do khóa này ký. "
                        "Không dùng gói này; hãy xin đơn vị gửi lại."),
    "unknown_key": N_("Gói được ký bằng khóa chưa đăng ký. Hãy đối chiếu mã khóa với phiếu "
                      "đăng ký khóa của đơn vị."),
    "key_not_given": N_("Chưa có khóa công khai để kiểm tra chữ ký. Hãy chỉ định tệp khóa "
                        "công khai của đơn vị (--public-key TỆP.pub)."),
    "signature_mismatch": N_("Chữ ký thuộc về hồ sơ hoặc lần gửi khác với nội dung gói. Gói bị "
                             "từ chối."),
    "tagmanifest_mismatch": N_("Tệp kê khai của gói (bagit.txt, manifest) đã bị sửa sau khi ký. "
                               "Gói bị từ chối."),
    "bag_info_changed": N_("Thông tin gói (bag-info.txt) đã bị sửa sau khi ký. Gói bị từ chối."),
    "manifest_mismatch": N_("Nội dung một tệp đã bị thay đổi so với lúc ký. Gói bị từ chối."),
    "file_missing": N_("Thiếu một tệp có trong danh mục của gói (bị xóa hoặc đổi tên). Gói bị "
                       "từ chối."),
    "file_added": N_("Gói có tệp không nằm trong danh mục đã ký (bị thêm hoặc đổi tên). Gói bị "
                     "từ chối."),
    "bag_info_invalid": N_("Tệp bag-info.txt không đúng định dạng hoặc thiếu mục bắt buộc."),
    "payload_oxum": N_("Payload-Oxum (tổng dung lượng và số tệp) không khớp với nội dung gói."),
    "schema_invalid": N_("Tệp data/dossier.json không đúng mẫu hoso-dossier/1."),
    "part_missing": N_("Thiếu một phần của gói chia nhỏ. Hãy chép đủ các phần vào cùng thư mục."),
    "part_mismatch": N_("Một phần của gói chia nhỏ không khớp với danh sách phần (hỏng hoặc bị "
                        "sửa). Hãy xin gửi lại."),
    "dossier_mismatch": N_("Mã hồ sơ, lần gửi hoặc danh sách tệp trong dossier.json không khớp "
                           "với gói."),
}

REQUIRED_BAG_INFO = ("Source-Organization", "External-Identifier", "Bagging-Date",
                     "Payload-Oxum")
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_OXUM = re.compile(r"^(\d+)\.(\d+)$")


class PackageUnreadable(UserError):
    """The file cannot be read at all (missing, no permission, I/O error)."""


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "detail": self.detail}


def reason(code: str, detail: str = "") -> Reason:
    return Reason(code, _(CODES[code]), detail)


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str


@dataclass
class VerifyReport:
    path: Path
    reasons: list[Reason] = field(default_factory=list)
    sha256: str = ""
    size: int = 0
    key_id: str = ""
    key_known: bool | None = None
    trusted_comment: str = ""
    comment_fields: dict[str, str] = field(default_factory=dict)
    bag_info: dict[str, list[str]] = field(default_factory=dict)
    dossier: dict[str, Any] | None = None
    files: list[FileEntry] = field(default_factory=list)
    payload_oxum: str = ""
    extracted_to: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def codes(self) -> set[str]:
        return {r.code for r in self.reasons}

    def info(self, label: str) -> str:
        values = self.bag_info.get(label, [])
        return values[0] if values else ""

    @property
    def dossier_id(self) -> str:
        return self.comment_fields.get("dossier") or self.info("External-Identifier")

    @property
    def revision(self) -> int | None:
        text = self.comment_fields.get("revision", "")
        return int(text) if text.isdigit() else None

    def refuse(self, code: str, detail: str = "") -> None:
        if not any(r.code == code and r.detail == detail for r in self.reasons):
            self.reasons.append(reason(code, detail))

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "path": str(self.path),
            "sha256": self.sha256,
            "size": self.size,
            "key_id": self.key_id,
            "key_known": self.key_known,
            "trusted_comment": self.trusted_comment,
            "dossier_id": self.dossier_id,
            "revision": self.revision,
            "reasons": [r.to_json() for r in self.reasons],
            "bag_info": self.bag_info,
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in self.files],
        }


def _sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_package(path: Path, trusted_keys: Mapping[str, minisign.PublicKey] | None = None,
                   *, limits: Limits | None = None, extract_to: Path | None = None
                   ) -> VerifyReport:
    """Check everything DESIGN §6 promises about the package at `path`.

    `trusted_keys` maps key ids (16 hex, as minisign prints them) to public keys; without
    it the signature cannot be checked and the report carries `key_not_given`.
    Split parts (NAME.zip.001 or NAME.zip.parts.json) are joined into a temporary file first.
    """
    limits = limits or Limits()
    path = Path(path)
    if is_part_name(path):
        with tempfile.TemporaryDirectory(prefix="hoso-join-") as tmp:
            try:
                joined = join_parts(path, Path(tmp))
            except SplitError as exc:
                refused = VerifyReport(path=path)
                refused.refuse(exc.code, str(exc))
                return refused
            report = verify_package(joined, trusted_keys, limits=limits, extract_to=extract_to)
            report.path = path
            return report
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed in finally)
    except OSError as exc:
        raise PackageUnreadable(_("Không mở được tệp gói {name}: {error}").format(
            name=path.name, error=exc.strerror or exc)) from None
    report = VerifyReport(path=path)
    with ThreadPoolExecutor(max_workers=1) as pool:
        whole = pool.submit(_sha256_file, path)
        try:
            _check(handle, report, trusted_keys, limits, extract_to)
        except OSError as exc:
            raise PackageUnreadable(_("Lỗi đọc tệp gói {name}: {error}").format(
                name=path.name, error=exc.strerror or exc)) from None
        finally:
            handle.close()
        try:
            report.sha256, report.size = whole.result()
        except OSError as exc:
            raise PackageUnreadable(_("Lỗi đọc tệp gói {name}: {error}").format(
                name=path.name, error=exc.strerror or exc)) from None
    return report


def _check(handle: Any, report: VerifyReport,
           trusted_keys: Mapping[str, minisign.PublicKey] | None, limits: Limits,
           extract_to: Path | None) -> None:
    head = handle.read(4)
    count = central_directory_count(handle)
    if count is None:
        report.refuse("truncated_zip" if head == b"PK\x03\x04" else "unreadable_zip")
        return
    if count > limits.max_entries:
        report.refuse("too_many_entries", f"{count} > {limits.max_entries}")
        return
    handle.seek(0)
    try:
        zf = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError,
            NotImplementedError) as exc:
        report.refuse("truncated_zip" if head == b"PK\x03\x04" else "unreadable_zip", str(exc))
        return
    with zf:
        infos = zf.infolist()
        if any(not i.filename for i in infos):
            report.refuse("bad_name", "(trống)")
            return
        for code, detail in structure_findings(infos, limits):
            report.refuse(code, detail)
        if report.reasons:
            return
        handle.seek(0, 2)
        for code, detail in layout_findings(handle, infos, zf.start_dir, handle.tell()):
            report.refuse(code, detail)
        if report.reasons:
            return
        _check_bag(handle, infos, report, trusted_keys, limits)
        if report.ok and extract_to is not None:
            names = [i.filename for i in infos if not i.filename.endswith("/")]
            report.extracted_to = safe_extract(handle, zf, names, extract_to, limits)


def _read_all(handle: BinaryIO, infos: list[zipfile.ZipInfo], report: VerifyReport,
              limits: Limits) -> tuple[dict[str, str], dict[str, bytes]] | None:
    """Hash every file entry; keep the small tag files and dossier.json in memory."""
    hashes: dict[str, str] = {}
    kept: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.filename.endswith("/"):
            continue
        name = info.filename
        keep = name in (BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST, SIGNATURE) or \
            name == DOSSIER_JSON
        limit = limits.max_dossier_json if name == DOSSIER_JSON else \
            limits.max_tag_file_size if keep else limits.max_entry_size
        if keep and info.file_size > limit:
            report.refuse("entry_too_large", f"{name} ({info.file_size})")
            return None
        digest = hashlib.sha256()
        parts: list[bytes] = []

        def sink(chunk: bytes, digest: Any = digest, parts: list[bytes] = parts,
                 keep: bool = keep) -> None:
            digest.update(chunk)
            if keep:
                parts.append(chunk)

        try:
            size = read_entry(handle, info, limit, sink)
        except EntryError as exc:
            report.refuse(exc.code, exc.detail)
            if exc.code == "crc_mismatch":
                continue
            return None
        if size != info.file_size:
            report.refuse("size_mismatch", name)
            return None
        total += size
        if total > limits.max_total_size:
            report.refuse("total_too_large")
            return None
        hashes[name] = digest.hexdigest()
        report.files.append(FileEntry(name, size, hashes[name]))
        if keep:
            kept[name] = b"".join(parts)
    return hashes, kept


def _parse_manifest(data: bytes, what: str, report: VerifyReport,
                    code: str) -> dict[str, str] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        report.refuse(code, f"{what}: UTF-8")
        return None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition(" ")
        name = name.lstrip(" ")
        if not sep or not _HEX64.match(digest) or not name:
            report.refuse(code, f"{what}:{number}")
            return None
        # RFC 8493 §2.1.3: CR, LF and % are percent-encoded in manifest paths.
        name = name.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        if name in entries:
            report.refuse(code, f"{what}: {name} x2")
            return None
        entries[name] = digest.lower()
    return entries


def _parse_bag_info(data: bytes, report: VerifyReport) -> dict[str, list[str]] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        report.refuse("bag_info_invalid", "UTF-8")
        return None
    info: dict[str, list[str]] = {}
    last: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line[0] in " \t" and last is not None:
            info[last][-1] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep or not label.strip() or label != label.strip():
            report.refuse("bag_info_invalid", f"bag-info.txt:{number}")
            return None
        last = label
        info.setdefault(label, []).append(value.strip())
    return info


def _check_bag(handle: BinaryIO, infos: list[zipfile.ZipInfo], report: VerifyReport,
               trusted_keys: Mapping[str, minisign.PublicKey] | None, limits: Limits) -> None:
    names = {i.filename for i in infos if not i.filename.endswith("/")}
    for required in (BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST):
        if required not in names:
            report.refuse("not_a_bag", required)
    if report.reasons:
        return
    read = _read_all(handle, infos, report, limits)
    if read is None:
        return
    hashes, kept = read
    damaged = {r.detail.split(":")[0] for r in report.reasons if r.code == "crc_mismatch"}

    # 1. The signature over tagmanifest-sha256.txt, and what its trusted comment claims.
    tagmanifest = kept.get(TAGMANIFEST)
    signed = False
    if SIGNATURE not in names:
        report.refuse("missing_signature")
    elif SIGNATURE in kept and tagmanifest is not None:
        signed = _check_signature(kept[SIGNATURE], tagmanifest, report, trusted_keys)

    # 2. bagit.txt.
    if BAGIT in kept and kept[BAGIT].replace(b"\r\n", b"\n") != BAGIT_TXT:
        report.refuse("bad_bagit_txt")

    # 3. The tag manifest covers bagit.txt, bag-info.txt and manifest-sha256.txt.
    if tagmanifest is not None:
        tags = _parse_manifest(tagmanifest, TAGMANIFEST, report, "tagmanifest_mismatch")
        if tags is not None:
            for name in SIGNED_TAG_FILES:
                if name not in tags:
                    report.refuse("tagmanifest_mismatch", f"{name} (không có trong kê khai)")
            for name, digest in tags.items():
                if name not in hashes:
                    if name not in damaged:
                        report.refuse("file_missing", name)
                elif hashes[name] != digest:
                    report.refuse("bag_info_changed" if name == BAG_INFO
                                  else "tagmanifest_mismatch", name)
            for name in names:
                if "/" not in name and name not in tags and name not in (TAGMANIFEST, SIGNATURE):
                    report.refuse("file_added", name)

    # 4. The payload manifest: every file under data/ listed, every listed file present.
    manifest = kept.get(MANIFEST)
    listed: dict[str, str] = {}
    if manifest is not None:
        parsed = _parse_manifest(manifest, MANIFEST, report, "tagmanifest_mismatch")
        listed = parsed or {}
        for name, digest in listed.items():
            if not name.startswith("data/"):
                report.refuse("tagmanifest_mismatch", f"{MANIFEST}: {name}")
            elif name not in hashes:
                if name not in damaged:
                    report.refuse("file_missing", name)
            elif hashes[name] != digest:
                report.refuse("manifest_mismatch", name)
        for name in names:
            if "/" in name and name not in listed:
                report.refuse("file_added", name)

    # 5. bag-info.txt and Payload-Oxum.
    if BAG_INFO in kept:
        info = _parse_bag_info(kept[BAG_INFO], report)
        if info is not None:
            report.bag_info = info
            for label in REQUIRED_BAG_INFO:
                if not info.get(label):
                    report.refuse("bag_info_invalid", label)
            oxum = report.info("Payload-Oxum")
            report.payload_oxum = oxum
            match = _OXUM.match(oxum)
            payload = [f for f in report.files if f.name.startswith("data/")]
            if oxum and (match is None or (int(match[1]), int(match[2])) !=
                         (sum(f.size for f in payload), len(payload))):
                report.refuse("payload_oxum", oxum)

    # 6. dossier.json: the schema, and agreement with the bag and the signature.
    _check_dossier(kept.get(DOSSIER_JSON), listed, report, signed)


def _check_signature(sig_bytes: bytes, tagmanifest: bytes, report: VerifyReport,
                     trusted_keys: Mapping[str, minisign.PublicKey] | None) -> bool:
    try:
        sig = minisign.read_signature(sig_bytes)
    except minisign.SignatureError as exc:
        report.refuse(exc.code)
        return False
    report.key_id = sig.key_id_hex
    report.trusted_comment = sig.trusted_comment
    report.comment_fields = minisign.trusted_comment_fields(sig.trusted_comment)
    if trusted_keys is None:
        report.refuse("key_not_given", sig.key_id_hex)
        return False
    keys = {k.upper(): v for k, v in trusted_keys.items()}
    public = keys.get(sig.key_id_hex)
    report.key_known = public is not None
    if public is None:
        report.refuse("unknown_key", sig.key_id_hex)
        return False
    try:
        minisign.verify(public, tagmanifest, sig)
    except minisign.SignatureError as exc:
        report.refuse(exc.code, sig.key_id_hex)
        return False
    if report.comment_fields.get("file", TAGMANIFEST) != TAGMANIFEST:
        report.refuse("signature_mismatch", "file:" + report.comment_fields.get("file", ""))
    return True


def _check_dossier(data: bytes | None, listed: Mapping[str, str], report: VerifyReport,
                   signed: bool) -> None:
    if data is None:
        if DOSSIER_JSON not in {f.name for f in report.files}:
            report.refuse("file_missing", DOSSIER_JSON)
        return
    try:
        dossier = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        report.refuse("schema_invalid", f"JSON: {exc}"[:200])
        return
    problems = validate_dossier(dossier)
    if problems:
        for problem in problems[:20]:
            report.refuse("schema_invalid", f"{problem.field}: {problem.message}"[:300])
        return
    report.dossier = dossier
    external = report.info("External-Identifier")
    if external and dossier["dossier_id"] != external:
        report.refuse("dossier_mismatch", f"External-Identifier {external}")
    fields = report.comment_fields
    if signed:
        if fields.get("dossier") != dossier["dossier_id"]:
            report.refuse("signature_mismatch", f"dossier:{fields.get('dossier', '')}")
        if fields.get("revision") != str(dossier["revision"]):
            report.refuse("signature_mismatch", f"revision:{fields.get('revision', '')}")
        if "unit" in fields and fields["unit"] != dossier["unit"]["code"]:
            report.refuse("signature_mismatch", f"unit:{fields['unit']}")
    revision_of = report.info("Revision-Of")
    if (dossier.get("revision_of") or "") != revision_of:
        report.refuse("dossier_mismatch", f"Revision-Of {revision_of}")
    for group in ("documents", "sources", "attachments"):
        for entry in dossier.get(group, []):
            if listed.get(entry["path"]) != entry["sha256"]:
                report.refuse("dossier_mismatch", entry["path"])
