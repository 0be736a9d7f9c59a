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
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.errors import UserError
from desktop.core.files import sha256_file, temp_dir
from desktop.core.i18n import _
from desktop.core.package import bagcheck, dossier_check, minisign, zipformat
from desktop.core.package.bag import (
    BAG_INFO,
    BAGIT,
    DOSSIER_JSON,
    MANIFEST,
    SIGNATURE,
    TAGMANIFEST,
    package_file_name,
    untrusted_comment,
)
from desktop.core.package.reasons import CODES, Reason, reason
from desktop.core.package.split import SplitError, is_part_name, join_parts
from desktop.core.package.zipsafe import EntryError, Limits, safe_extract

__all__ = ["CODES", "FileEntry", "Limits", "PackageUnreadable", "Reason", "VerifyReport",
           "verify_package"]

MAX_REVISION_DIGITS = 3     # revisions are 1 … 999


class PackageUnreadable(UserError):
    """The file cannot be read at all (missing, no permission, I/O error)."""


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
        ok = text.isascii() and text.isdigit() and len(text) <= MAX_REVISION_DIGITS
        return int(text) if ok else None

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
        with temp_dir("join") as tmp:
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
        whole = pool.submit(sha256_file, path)
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


def _check(handle: BinaryIO, report: VerifyReport,
           trusted_keys: Mapping[str, minisign.PublicKey] | None, limits: Limits,
           extract_to: Path | None) -> None:
    members, findings = zipformat.parse(handle, os.fstat(handle.fileno()).st_size, limits)
    for code, detail in findings:
        report.refuse(code, detail)
    if report.reasons:
        return
    _check_bag(handle, members, report, trusted_keys, limits)
    if report.ok and extract_to is not None:
        by_name = {m.name: m for m in members}

        def write(name: str, sink: Any) -> int:
            return zipformat.read_member(handle, by_name[name], sink)

        report.extracted_to = safe_extract(list(by_name), extract_to, limits, write)


def _read_all(handle: BinaryIO, members: list[zipformat.Member], report: VerifyReport,
              limits: Limits, algorithms: list[str]
              ) -> tuple[dict[str, dict[str, str]], dict[str, bytes]] | None:
    """Hash every member with every algorithm the bag's manifests use; keep the tag files
    and dossier.json in memory (each bounded before a byte is read)."""
    digests: dict[str, dict[str, str]] = {}
    kept: dict[str, bytes] = {}
    for member in members:
        name = member.name
        keep = "/" not in name or name == DOSSIER_JSON
        if name == DOSSIER_JSON and member.size > limits.max_dossier_json:
            report.refuse("dossier_too_large", f"{member.size} > {limits.max_dossier_json} byte")
            return None
        if keep and member.size > limits.max_tag_file_size:
            report.refuse("entry_too_large", f"{name} ({member.size})")
            return None
        hashers = {a: hashlib.new(a, usedforsecurity=False) for a in algorithms}
        parts: list[bytes] = []

        def sink(chunk: bytes, hashers: Any = hashers, parts: list[bytes] = parts,
                 keep: bool = keep) -> None:
            for hasher in hashers.values():
                hasher.update(chunk)
            if keep:
                parts.append(chunk)

        try:
            size = zipformat.read_member(handle, member, sink)
        except EntryError as exc:
            report.refuse(exc.code, exc.detail)
            if exc.code == "crc_mismatch":
                continue
            return None
        digests[name] = {a: h.hexdigest() for a, h in hashers.items()}
        report.files.append(FileEntry(name, size, digests[name]["sha256"]))
        if keep:
            kept[name] = b"".join(parts)
    return digests, kept


def _check_bag(handle: BinaryIO, members: list[zipformat.Member], report: VerifyReport,
               trusted_keys: Mapping[str, minisign.PublicKey] | None, limits: Limits) -> None:
    names = {m.name for m in members}
    for required in (BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST):
        if required not in names:
            report.refuse("not_a_bag", required)
    if report.reasons:
        return
    algorithms, found = bagcheck.algorithms_present(names)
    for code, detail in found + bagcheck.layout_findings(names):
        report.refuse(code, detail)
    read = _read_all(handle, members, report, limits, algorithms)
    if read is None:
        return
    digests, kept = read
    damaged = {r.detail for r in report.reasons if r.code == "crc_mismatch"}

    # 1. The signature over tagmanifest-sha256.txt, and what its trusted comment claims.
    signed = False
    if SIGNATURE not in names:
        report.refuse("missing_signature")
    elif SIGNATURE in kept and TAGMANIFEST in kept:
        signed = _check_signature(kept[SIGNATURE], kept[TAGMANIFEST], report, trusted_keys)

    # 2. bagit.txt, and every manifest present against the bytes.
    found = bagcheck.bagit_findings(kept.get(BAGIT))
    listed, more = bagcheck.manifest_findings(kept, digests, algorithms, names, damaged)
    for code, detail in found + more:
        report.refuse(code, detail)

    # 3. bag-info.txt and Payload-Oxum.
    if BAG_INFO in kept:
        info, found = bagcheck.parse_bag_info(kept[BAG_INFO])
        if info is not None:
            report.bag_info = info
            report.payload_oxum = report.info("Payload-Oxum")
            payload = [f.size for f in report.files if f.name.startswith("data/")]
            found += bagcheck.oxum_findings(report.payload_oxum, payload)
        for code, detail in found:
            report.refuse(code, detail)

    # 4. dossier.json: strict, within its limits, and agreeing with the bag and signature.
    if DOSSIER_JSON in kept:
        _check_dossier(kept[DOSSIER_JSON], listed, report, signed, limits)
    elif DOSSIER_JSON not in names:
        report.refuse("file_missing", DOSSIER_JSON)


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
    fields = report.comment_fields
    if fields.get("file", TAGMANIFEST) != TAGMANIFEST:
        report.refuse("signature_mismatch", "file:" + fields.get("file", "")[:80])
    # The untrusted comment and the line ends are not signed: only hoso's exact text passes,
    # so the signature file carries no byte nobody signed (docs/package-format.md §4).
    name = package_file_name(fields.get("unit", ""), fields.get("dossier", ""),
                             fields.get("revision", ""))
    canonical = minisign.signature_text(replace(sig, untrusted_comment=untrusted_comment(
        name, sig.key_id_hex)))
    if sig_bytes != canonical.encode("utf-8"):
        report.refuse("bad_signature_format", "untrusted comment")
    return True


def _check_dossier(data: bytes, listed: Mapping[str, str], report: VerifyReport,
                   signed: bool, limits: Limits) -> None:
    dossier, findings = dossier_check.load(data, limits.max_dossier_json)
    for code, detail in findings:
        report.refuse(code, detail)
    if dossier is None:
        return
    report.dossier = dossier
    external = report.info("External-Identifier")
    if external and dossier["dossier_id"] != external:
        report.refuse("dossier_mismatch", f"External-Identifier {external[:80]}")
    fields = report.comment_fields
    if signed:
        if fields.get("dossier") != dossier["dossier_id"]:
            report.refuse("signature_mismatch", f"dossier:{fields.get('dossier', '')[:80]}")
        if fields.get("revision") != str(dossier["revision"]):
            report.refuse("signature_mismatch", f"revision:{fields.get('revision', '')[:20]}")
        if "unit" in fields and fields["unit"] != dossier["unit"]["code"]:
            report.refuse("signature_mismatch", f"unit:{fields['unit'][:80]}")
    revision_of = report.info("Revision-Of")
    if (dossier.get("revision_of") or "") != revision_of:
        report.refuse("dossier_mismatch", f"Revision-Of {revision_of}")
    sizes = {f.name: f.size for f in report.files}
    referenced: set[str] = set()
    for group in ("documents", "sources", "attachments"):
        for entry in dossier.get(group, []):
            path = entry["path"]
            if path in referenced:
                report.refuse("dossier_mismatch", f"{path} x2")
            referenced.add(path)
            if listed.get(path) != entry["sha256"]:
                report.refuse("dossier_mismatch", path)
            elif "size" in entry and sizes.get(path) != entry["size"]:
                report.refuse("dossier_mismatch", f"{path} ({entry['size']} byte)")
    for path in sorted(set(listed) - referenced - {DOSSIER_JSON}):
        report.refuse("dossier_mismatch", f"{path} (không có trong dossier.json)")
