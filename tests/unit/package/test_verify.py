"""The verification report: fields, keys, parts, unreadable files, the JSON form."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pkgtools
import pytest

from desktop.core.i18n import set_language
from desktop.core.package import minisign, split
from desktop.core.package.verify import (
    CODES,
    PackageUnreadable,
    verify_package,
)
from desktop.core.package.zipsafe import Limits, check_name, name_key

Trusted = dict[str, minisign.PublicKey]


def test_report_of_a_valid_package(package: Path, trusted: Trusted) -> None:
    report = verify_package(package, trusted)
    assert report.ok and report.key_known is True
    assert report.comment_fields["dossier"] == "HS-2026-001"
    assert report.payload_oxum.endswith(".6")
    assert {f.name for f in report.files} >= {"bagit.txt", "data/dossier.json"}
    data = report.to_json()
    json.dumps(data)
    assert data["ok"] is True and data["revision"] == 1


def test_several_trusted_keys_old_and_new(package: Path, trusted: Trusted) -> None:
    _, newer = minisign.generate_keypair()
    keys = {**trusted, newer.key_id_hex: newer}
    assert verify_package(package, keys).ok
    lower = {k.lower(): v for k, v in trusted.items()}
    assert verify_package(package, lower).ok


def test_without_keys_everything_else_is_still_checked(package: Path) -> None:
    report = verify_package(package, None)
    assert report.codes == {"key_not_given"}
    assert report.key_id and report.dossier is not None
    bad = pkgtools.transform(package, package.with_name("b.zip"), lambda es: [
        (i, pkgtools.flip(d) if i.filename == "data/dossier.json" else d) for i, d in es])
    assert "manifest_mismatch" in verify_package(bad, None).codes


def test_missing_file_raises_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PackageUnreadable):
        verify_package(tmp_path / "khong-co.zip")


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PackageUnreadable):
        verify_package(tmp_path)


def test_parts_missing_or_changed_are_refused(tmp_path: Path, package: Path,
                                              trusted: Trusted) -> None:
    result = split.split_file(package, package.stat().st_size // 3 + 1, tmp_path / "mail")
    assert verify_package(result.part_list or result.parts[0], trusted).ok
    second = result.parts[1]
    second.write_bytes(pkgtools.flip(second.read_bytes()))
    assert verify_package(result.parts[0], trusted).codes == {"part_mismatch"}
    second.unlink()
    assert verify_package(result.parts[0], trusted).codes == {"part_missing"}


def test_parts_without_their_list_still_verify_by_signature(tmp_path: Path, package: Path,
                                                            trusted: Trusted) -> None:
    result = split.split_file(package, package.stat().st_size // 2 + 1, tmp_path / "mail")
    assert result.part_list is not None
    result.part_list.unlink()
    assert verify_package(result.parts[1], trusted).ok
    last = result.parts[-1]
    last.write_bytes(pkgtools.flip(last.read_bytes(), 3))
    assert not verify_package(result.parts[0], trusted).ok


def test_part_list_cannot_point_outside_its_folder(tmp_path: Path, package: Path,
                                                   trusted: Trusted) -> None:
    result = split.split_file(package, package.stat().st_size // 2 + 1, tmp_path / "mail")
    assert result.part_list is not None
    listing = json.loads(result.part_list.read_text())
    listing["parts"][0]["name"] = "../../etc/passwd"
    result.part_list.write_text(json.dumps(listing))
    assert verify_package(result.parts[0], trusted).codes == {"part_mismatch"}


def test_every_code_has_a_vietnamese_message() -> None:
    set_language("vi", None)
    for code, message in CODES.items():
        assert code.isidentifier() and message.strip().endswith((".", ")")), code


@pytest.mark.parametrize("payload", [b"", b"hidden"])
def test_directory_entries_are_refused(package: Path, trusted: Trusted,
                                       payload: bytes) -> None:
    """hoso writes none; an empty one is refused as surely as one carrying data."""
    entries = pkgtools.read_entries(package)
    target = package.with_name("d.zip")
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr(pkgtools.hoso_info("data/"), payload)
        for info, data in entries:
            zf.writestr(pkgtools.clone_info(info), data)
    assert "directory_entry" in verify_package(target, trusted).codes


def test_name_rules() -> None:
    limits = Limits()
    assert check_name("data/documents/to-trinh.pdf", limits) == []
    assert check_name("data/attachments/Ảnh chụp.jpg", limits) == []   # legal; ours are ASCII
    assert name_key("DATA/Ánh.JPG") == name_key("data/A\u0301nh.jpg")
    assert {c for c, _ in check_name("a/" + "x" * 300, limits)} == {"bad_name"}


@pytest.mark.parametrize("listing", [
    '{"format": "hoso-parts/1", "file": "P", "size": ' + "9" * 5000 + "}",
    '{"format": "hoso-parts/1", "file": "P", "size": NaN, "sha256": "", "parts": []}',
    '{"format": "hoso-parts/1", "file": "P", "size": true, "sha256": "", "parts": []}',
    " " * (2 << 20),
])
def test_part_list_read_strictly(tmp_path: Path, package: Path, trusted: Trusted,
                                 listing: str) -> None:
    result = split.split_file(package, 8 * 1024, tmp_path)
    assert result.part_list is not None
    name = package.name
    result.part_list.write_text(listing.replace('"P"', json.dumps(name)), "utf-8")
    report = verify_package(result.parts[0], trusted)
    assert report.codes == {"part_mismatch"}
