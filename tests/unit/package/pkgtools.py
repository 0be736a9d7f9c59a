"""Helpers shared by the package tests: sample inputs, a built package, ZIP rewriting."""

from __future__ import annotations

import copy
import hashlib
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.package import bag, minisign

WHEN = datetime(2026, 11, 23, 9, 30, 0)

DOSSIER: dict[str, Any] = {
    "unit": {"code": "XTL01", "name": "UBND xã Tân Lập", "province": "default"},
    "round": {"kind": "cong_trang", "year": 2026, "name": "Xét khen thưởng năm 2026"},
    "nominations": [{
        "subject": {"kind": "person", "name": "Nguyễn Thị Ánh", "birth_date": "1985-03-02"},
        "target": "chien_si_thi_dua_co_so",
        "eligibility": {"verdict": "eligible", "reasons": [
            {"code": "rating", "message": "Hoàn thành xuất sắc nhiệm vụ", "basis": "Điều 23"}]},
        "council": {"method": "ballot", "members_total": 9, "present": 8, "votes_for": 7,
                    "threshold": 0.7, "passed": True},
    }],
}


def sample_dossier() -> dict[str, Any]:
    return copy.deepcopy(DOSSIER)


def make_inputs(folder: Path) -> tuple[list[tuple[Path, str]], list[Path], list[tuple[Path, str]]]:
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "Tờ trình số 05.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    pdf2 = folder / "Danh sách đề nghị.pdf"
    pdf2.write_bytes(b"%PDF-1.7\n" + b"danh sach" * 500 + b"\n%%EOF\n")
    docx = folder / "Tờ trình số 05.docx"
    docx.write_bytes(b"PK\x03\x04" + b"docx" * 800)
    jpg = folder / "scan1.jpg"
    jpg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x11" * 3000 + b"\xff\xd9")
    return ([(pdf, "to_trinh"), (pdf2, "danh_sach")], [docx],
            [(jpg, "Bằng khen của Ánh.JPG"), (jpg, "bằng khen của ánh.jpg")])


def build(folder: Path, secret: minisign.SecretKey, **overrides: Any) -> bag.PackageInfo:
    documents, sources, attachments = make_inputs(folder / "in")
    args: dict[str, Any] = dict(
        dossier=sample_dossier(), documents=documents, sources=sources,
        attachments=attachments, unit_code="XTL01", unit_name="UBND xã Tân Lập",
        dossier_id="HS-2026-001", revision=1, revision_of=None, secret_key=secret,
        dest_dir=folder / "out", app_version="0.1.0",
        legal_basis="Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP",
        template_set="default-2026", now=WHEN)
    args.update(overrides)
    return bag.build_package(**args)


Entry = tuple[zipfile.ZipInfo, bytes]


def read_entries(path: Path) -> list[Entry]:
    with zipfile.ZipFile(path) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def hoso_info(name: str) -> zipfile.ZipInfo:
    """An entry as hoso writes it (stored, a regular rw-r--r-- file, Unix host)."""
    info = zipfile.ZipInfo(name, date_time=WHEN.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o100644 << 16
    info.create_system = 3
    return info


def clone_info(info: zipfile.ZipInfo, name: str | None = None) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(name if name is not None else info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    return new


def rezip(entries: list[Entry], target: Path, comment: bytes = b"") -> Path:
    """Write `entries` as a well-formed ZIP (CRCs right), as a careful forger would."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        zf.comment = comment
        for info, data in entries:
            zf.writestr(clone_info(info), data)
    return target


def transform(src: Path, target: Path, fn: Callable[[list[Entry]], list[Entry]]) -> Path:
    return rezip(fn(read_entries(src)), target)


def flip(data: bytes, at: int | None = None) -> bytes:
    if not data:
        return b"\x00"
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def forge(package: Path, target: Path, secret: minisign.SecretKey,
          edit: Callable[[dict[str, bytes]], None], *, extra_tags: tuple[str, ...] = (),
          fix_oxum: bool = True) -> Path:
    """What the unit itself (or a thief of its key) could sign: `edit` changes the files,
    then the manifests, Payload-Oxum and the signature are made again, as hoso makes them.
    The tag manifest lists bagit.txt, bag-info.txt, every manifest-*.txt and `extra_tags`."""
    entries = read_entries(package)
    data = {info.filename: body for info, body in entries}
    original = minisign.read_signature(data[bag.SIGNATURE])
    edit(data)
    payload = sorted(n for n in data if n.startswith("data/"))
    if fix_oxum:
        size = sum(len(data[n]) for n in payload)
        lines = [f"Payload-Oxum: {size}.{len(payload)}" if ln.startswith("Payload-Oxum:")
                 else ln for ln in data[bag.BAG_INFO].decode().splitlines()]
        data[bag.BAG_INFO] = ("\n".join(lines) + "\n").encode()
    data[bag.MANIFEST] = "".join(
        f"{hashlib.sha256(data[n]).hexdigest()}  {n}\n" for n in payload).encode()
    tagged = [bag.BAGIT, bag.BAG_INFO, *sorted(n for n in data if n.startswith("manifest-")),
              *extra_tags]
    data[bag.TAGMANIFEST] = "".join(
        f"{hashlib.sha256(data[n]).hexdigest()}  {n}\n" for n in tagged).encode()
    data[bag.SIGNATURE] = minisign.sign(secret, data[bag.TAGMANIFEST],
                                        original.trusted_comment,
                                        original.untrusted_comment).encode()
    infos = {info.filename: info for info, _ in entries}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        for name, body in data.items():
            zf.writestr(clone_info(infos[name]) if name in infos else hoso_info(name), body)
    return target
