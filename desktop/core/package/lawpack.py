"""Law packs (issue 14): forms/ files that travel on a USB stick or by e-mail, signed.

A law pack is one ZIP (stored, not deflated) holding exactly

    lawpack.json              the manifest (hoso-lawpack/1, lawpack_manifest.py)
    lawpack.json.minisig      its signature in minisign format, as packages are signed
    forms/<…>.toml            each file the manifest lists, with its SHA-256 and size

so `minisign -Vm lawpack.json -p key.pub` checks it with the stock tool, and the SHA-256s
carry the signature over every file. Reading a pack never extracts it: the ZIP is checked
with the package's hardened reader (zipsafe: entry count, names, sizes, bombs, overlaps, a
layout with no hidden bytes) before a byte of any entry is read, each entry is read through
`read_entry` with its size bounded, and only then are its bytes handed to the caller in
memory. Every refusal has its own code (`lawpack.*`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.files import atomic_path
from desktop.core.i18n import _
from desktop.core.package import minisign
from desktop.core.package.lawpack_manifest import (
    FILE_NAME,
    MAX_FILE_BYTES,
    MAX_FILES,
    Manifest,
    ManifestError,
    ManifestFile,
    app_version_fits,
    parse_manifest,
)
from desktop.core.package.minisign import PublicKey, SecretKey, SignatureError
from desktop.core.package.zipsafe import (
    EntryError,
    Limits,
    central_directory_count,
    layout_findings,
    read_entry,
    structure_findings,
)

MANIFEST = "lawpack.json"
SIGNATURE = "lawpack.json.minisig"
FORMS = "forms/"
MAX_PACK_BYTES = 32 * 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024
LIMITS = Limits(max_entries=MAX_FILES + 2, max_entry_size=MAX_FILE_BYTES,
                max_total_size=MAX_PACK_BYTES, max_tag_file_size=MAX_MANIFEST_BYTES,
                max_dossier_json=MAX_MANIFEST_BYTES, max_name_length=120, max_ratio=50)
# The bundled key's publisher ("hoso"): the project's own series of packs.
PROJECT_PUBLISHER = "hoso"


class LawPackUnreadable(UserError):
    """The file cannot be opened or read at all (missing, a folder, an I/O error)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="lawpack.unreadable")


class LawPackRefused(UserError):
    """A pack that does not check out; `code` says why (lawpack.unsigned, …)."""

    def __init__(self, code: str, message: str, hint: str = "", detail: str = "") -> None:
        super().__init__(message, hint, code=code)
        self.detail = detail


@dataclass(frozen=True)
class TrustedKey:
    """A key whose packs the app accepts. `publisher`: the series it signs (None: any, for a
    key named on the command line); `province`: a province's key may carry only that
    province's profile (provinces/<code>[@date].toml)."""

    public_key: PublicKey
    publisher: str | None
    province: str | None
    name: str
    source: str          # "bundled" | "enrolled" | "given"

    @property
    def key_id(self) -> str:
        return self.public_key.key_id_hex


@dataclass(frozen=True)
class LawPack:
    """A pack whose every check passed: its manifest, its files (path inside forms/ →
    bytes), the key that signed it."""

    path: Path
    sha256: str
    size: int
    manifest: Manifest
    files: Mapping[str, bytes]
    key: TrustedKey
    trusted_comment: str
    raw: bytes = field(default=b"", repr=False)             # the ZIP as read, to keep a copy
    manifest_raw: bytes = field(default=b"", repr=False)    # lawpack.json, the signed bytes

    @property
    def label(self) -> str:
        return f"{self.manifest.publisher}/{self.manifest.version}"


def trusted_comment_for(manifest: Manifest, timestamp: int) -> str:
    return (f"timestamp:{timestamp}\tfile:{MANIFEST}\tpublisher:{manifest.publisher}\t"
            f"version:{manifest.version}\teffective:{manifest.effective.isoformat()}")


# ---- building ---------------------------------------------------------------------------------


def collect_forms(folder: Path) -> dict[str, bytes]:
    """The files under `folder` (laid out like forms/) as pack paths → bytes. Anything a pack
    may not carry is refused by name, so nothing is left out silently."""
    if not folder.is_dir():
        raise UserError(_("Không có thư mục {path}.").format(path=folder),
                        code="lawpack.build_input")
    found: dict[str, bytes] = {}
    refused: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if not p.is_dir()):
        name = FORMS + path.relative_to(folder).as_posix()
        if path.is_symlink() or not FILE_NAME.match(name) or \
                name.startswith(FORMS + "documents/format"):
            refused.append(name.removeprefix(FORMS))
            continue
        data = path.read_bytes()
        if not data or len(data) > MAX_FILE_BYTES:
            refused.append(name.removeprefix(FORMS))
            continue
        found[name] = data
    if refused:
        raise UserError(_("Gói quy định chỉ chứa titles/*.toml, provinces/*.toml, "
                          "documents/*.toml (trừ format.toml) và legal-basis.toml, mỗi tệp "
                          "không rỗng và không quá 1 MB; không nhận: {names}.").format(
            names=", ".join(refused[:10])), code="lawpack.build_input")
    if not found:
        raise UserError(_("Thư mục {path} không có tệp quy định nào.").format(path=folder),
                        code="lawpack.build_input")
    if len(found) > MAX_FILES:
        raise UserError(_("Gói có {n} tệp, quá {max}.").format(n=len(found), max=MAX_FILES),
                        code="lawpack.build_input")
    return found


def build_lawpack(files: Mapping[str, bytes], *, version: int, effective: date,
                  publisher: str, publisher_name: str, summary: str, secret: SecretKey,
                  dest: Path, replaces: int | None = None,
                  min_app_version: str = __version__, max_app_version: str | None = None,
                  now: datetime | None = None) -> Manifest:
    """Write a signed pack of `files` (from collect_forms) to `dest`, atomically."""
    moment = now or datetime.now(UTC)
    manifest = Manifest(
        publisher, publisher_name, version, replaces, effective,
        moment.astimezone(UTC).isoformat(timespec="seconds"), min_app_version,
        max_app_version, summary,
        tuple(ManifestFile(name, hashlib.sha256(data).hexdigest(), len(data))
              for name, data in sorted(files.items())))
    raw = manifest.to_bytes()
    try:   # the builder is held to the reader's own rules
        parse_manifest(raw)
    except ManifestError as exc:
        raise UserError(_("Thông tin gói không hợp lệ: {why}").format(why=exc),
                        code="lawpack.build_input") from exc
    signature = minisign.sign(secret, raw, trusted_comment_for(manifest, int(
        moment.timestamp())), f"hoso law pack {publisher} {version}")
    stamp = moment.astimezone(UTC).timetuple()[:6]
    entries = [(MANIFEST, raw), (SIGNATURE, signature.encode("ascii")),
               *sorted(files.items())]
    with atomic_path(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:]))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data)
    return manifest


# ---- reading ----------------------------------------------------------------------------------


def _refuse(code: str, detail: str = "") -> LawPackRefused:
    messages = {
        "lawpack.not_a_zip": _("Tệp không phải là gói quy định (không đọc được dạng ZIP)."),
        "lawpack.unsafe_zip": _("Gói quy định có cấu trúc không an toàn (tên tệp, kích thước "
                                "hoặc số tệp bất thường) nên không được mở."),
        "lawpack.not_a_lawpack": _("Tệp ZIP này không phải là gói quy định của Hồ sơ Khen "
                                   "thưởng (thiếu lawpack.json)."),
        "lawpack.unsigned": _("Gói quy định không có chữ ký (thiếu lawpack.json.minisig): không "
                              "biết ai phát hành nên không cài."),
        "lawpack.untrusted_key": _("Gói được ký bằng khóa {detail}, không phải khóa tin cậy của "
                                   "dự án hay khóa đã đăng ký của tỉnh.").format(detail=detail),
        "lawpack.tampered": _("Gói quy định đã bị sửa sau khi ký (chữ ký hoặc nội dung tệp "
                              "không khớp). Không dùng gói này."),
        "lawpack.bad_manifest": _("Thông tin gói (lawpack.json) không hợp lệ."),
        "lawpack.bad_file": _("Gói chứa tệp không được phép: {detail}.").format(detail=detail),
        "lawpack.outside_scope": _("Khóa ký gói này chỉ được phát hành {detail}; gói lại chứa "
                                   "nội dung khác.").format(detail=detail),
        "lawpack.app_version": _("Gói quy định không dùng được với phiên bản {version} của phần "
                                 "mềm ({detail}).").format(version=__version__, detail=detail),
    }
    hints = {
        "lawpack.untrusted_key": _("Nếu đây là gói của tỉnh, hãy đăng ký khóa của tỉnh theo "
                                   "phiếu đăng ký khóa do tỉnh in và gửi, rồi cài lại."),
        "lawpack.tampered": _("Hãy xin cơ quan phát hành gửi lại gói."),
        "lawpack.app_version": _("Hãy cập nhật phần mềm, hoặc xin gói dành cho phiên bản "
                                 "đang dùng."),
    }
    return LawPackRefused(code, messages[code], hints.get(code, ""), detail)


def read_lawpack(path: Path, trusted: Mapping[str, TrustedKey],
                 app_version: str = __version__) -> LawPack:
    """Check a pack completely and return its contents, or raise LawPackRefused (its code
    says why) or LawPackUnreadable. Nothing is written anywhere."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise LawPackUnreadable(_("“{path}” không phải là một tệp.").format(path=path))
        if size > MAX_PACK_BYTES:
            raise _refuse("lawpack.unsafe_zip", f"{size} > {MAX_PACK_BYTES}")
        raw = path.read_bytes()
    except OSError as exc:
        raise LawPackUnreadable(_("Không đọc được tệp {path}: {why}").format(
            path=path, why=exc.strerror or exc)) from None
    handle = io.BytesIO(raw)
    entries = _entries(handle)
    names = set(entries)
    if MANIFEST not in names:
        raise _refuse("lawpack.not_a_lawpack")
    if SIGNATURE not in names:
        raise _refuse("lawpack.unsigned")
    for name in sorted(names - {MANIFEST, SIGNATURE}):
        if not FILE_NAME.match(name) or name.startswith(FORMS + "documents/format"):
            raise _refuse("lawpack.bad_file", name)
    manifest_raw = _read(handle, entries[MANIFEST], MAX_MANIFEST_BYTES)
    try:
        signature = minisign.read_signature(_read(handle, entries[SIGNATURE],
                                                  minisign.MAX_SIGNATURE_FILE))
    except SignatureError:
        raise _refuse("lawpack.tampered", "signature format") from None
    key = trusted.get(signature.key_id_hex)
    if key is None:
        raise _refuse("lawpack.untrusted_key", signature.key_id_hex)
    try:
        minisign.verify(key.public_key, manifest_raw, signature)
    except SignatureError:
        raise _refuse("lawpack.tampered", "signature") from None
    try:
        manifest = parse_manifest(manifest_raw)
    except ManifestError as exc:
        raise _refuse("lawpack.bad_manifest", str(exc)) from None
    fields = minisign.trusted_comment_fields(signature.trusted_comment)
    if (fields.get("publisher"), fields.get("version")) != (manifest.publisher,
                                                            str(manifest.version)):
        raise _refuse("lawpack.bad_manifest", "trusted comment")
    files = _files(handle, entries, manifest)
    _check_scope(key, manifest)
    if not app_version_fits(manifest, app_version):
        upper = manifest.max_app_version or "…"
        raise _refuse("lawpack.app_version", f"{manifest.min_app_version} – {upper}")
    return LawPack(path, hashlib.sha256(raw).hexdigest(), size, manifest, files, key,
                   signature.trusted_comment, raw, manifest_raw)


def _entries(handle: BinaryIO) -> dict[str, zipfile.ZipInfo]:
    count = central_directory_count(handle)
    if count is None:
        raise _refuse("lawpack.not_a_zip")
    if count > LIMITS.max_entries:
        raise _refuse("lawpack.unsafe_zip", f"too_many_entries {count}")
    handle.seek(0)
    try:
        zf = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError,
            NotImplementedError) as exc:
        raise _refuse("lawpack.not_a_zip", str(exc)) from None
    with zf:
        infos = zf.infolist()
        findings = structure_findings(infos, LIMITS) if all(i.filename for i in infos) else [
            ("bad_name", "")]
        if not findings:
            handle.seek(0, 2)
            findings = layout_findings(handle, infos, zf.start_dir, handle.tell())
    if findings:
        raise _refuse("lawpack.unsafe_zip", "; ".join(f"{c} {d}" for c, d in findings[:5]))
    return {i.filename: i for i in infos}


def _read(handle: BinaryIO, info: zipfile.ZipInfo, limit: int) -> bytes:
    parts: list[bytes] = []
    try:
        read_entry(handle, info, limit, parts.append)
    except EntryError as exc:
        code = "lawpack.tampered" if exc.code in ("crc_mismatch", "size_mismatch") else \
            "lawpack.unsafe_zip"
        raise _refuse(code, f"{exc.code} {exc.detail}") from None
    return b"".join(parts)


def _files(handle: BinaryIO, entries: Mapping[str, zipfile.ZipInfo], manifest: Manifest
           ) -> dict[str, bytes]:
    listed = {f.path: f for f in manifest.files}
    present = set(entries) - {MANIFEST, SIGNATURE}
    if present != set(listed):
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        raise _refuse("lawpack.tampered", f"extra {extra} missing {missing}")
    files: dict[str, bytes] = {}
    for path, item in sorted(listed.items()):
        data = _read(handle, entries[path], item.size)
        if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
            raise _refuse("lawpack.tampered", path)
        files[item.forms_path] = data
    return files


def _check_scope(key: TrustedKey, manifest: Manifest) -> None:
    if key.publisher is not None and manifest.publisher != key.publisher:
        raise _refuse("lawpack.outside_scope", _("gói “{mine}”, không phải “{given}”").format(
            mine=key.publisher, given=manifest.publisher))
    if key.province is None:
        return
    if outside_province(key.province, [item.forms_path for item in manifest.files]):
        raise _refuse("lawpack.outside_scope", _("hồ sơ tỉnh “{code}” (provinces/{code}"
                                                 ".toml)").format(code=key.province))


def outside_province(province: str, forms_paths: Iterable[str]) -> list[str]:
    """The files a province's key may not publish: all but provinces/<province>.toml and
    its dated versions."""
    return [path for path in forms_paths
            if not path.startswith("provinces/") or
            path.removeprefix("provinces/").split("@")[0].removesuffix(".toml") != province]

