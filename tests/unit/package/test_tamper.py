"""Every way a package can be changed after signing is refused with its own reason code,
without crashing and without writing anything outside the target folder."""

from __future__ import annotations

import hashlib
import os
import struct
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pkgtools
import pytest

from desktop.core.package import minisign
from desktop.core.package.verify import CODES, Limits, VerifyReport, verify_package

Keys = tuple[minisign.SecretKey, minisign.PublicKey]
Trusted = dict[str, minisign.PublicKey]

ENTRIES = {
    "bagit.txt": {"tagmanifest_mismatch", "bad_bagit_txt"},
    "bag-info.txt": {"bag_info_changed"},
    "manifest-sha256.txt": {"tagmanifest_mismatch"},
    "tagmanifest-sha256.txt": {"bad_signature"},
    "tagmanifest-sha256.txt.minisig": {"bad_signature", "bad_signature_format"},
    "data/dossier.json": {"manifest_mismatch"},
    "data/documents/to-trinh-so-05.pdf": {"manifest_mismatch"},
    "data/documents/danh-sach-de-nghi.pdf": {"manifest_mismatch"},
    "data/sources/to-trinh-so-05.docx": {"manifest_mismatch"},
    "data/attachments/bang-khen-cua-anh.jpg": {"manifest_mismatch"},
    "data/attachments/bang-khen-cua-anh-2.jpg": {"manifest_mismatch"},
}


def refused(path: Path, trusted: Trusted | None, *expected: str, **kwargs: object
            ) -> VerifyReport:
    report = verify_package(path, trusted, **kwargs)  # type: ignore[arg-type]
    assert not report.ok
    assert set(expected) & report.codes, (expected, report.reasons)
    assert report.codes <= set(CODES)
    for r in report.reasons:
        assert r.message == CODES[r.code] or r.message  # translated text, never empty
    return report


def test_every_entry_is_listed(package: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        assert set(zf.namelist()) == set(ENTRIES)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_one_changed_byte_in_each_file_rezipped(package: Path, trusted: Trusted,
                                                name: str) -> None:
    """A careful forger: the content changes, the ZIP stays well-formed (CRCs right)."""
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        (i, pkgtools.flip(d) if i.filename == name else d) for i, d in es])
    refused(out, trusted, *ENTRIES[name])


@pytest.mark.parametrize("name", sorted(ENTRIES))
@pytest.mark.parametrize("where", ["first", "last"])
def test_one_flipped_byte_in_the_zip_file_itself(package: Path, trusted: Trusted,
                                                 name: str, where: str) -> None:
    """Damage on the USB stick: a byte of the entry's data flipped in place. The CRC-32 is
    checked like `unzip` does, so the officer hears "copy it again", not "forged"."""
    raw = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as zf:
        info = zf.getinfo(name)
    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:
                                                  info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    at = start if where == "first" else start + info.compress_size - 1
    raw[at] ^= 0x40
    package.write_bytes(bytes(raw))
    report = refused(package, trusted, "crc_mismatch")
    assert any(r.detail == name for r in report.reasons if r.code == "crc_mismatch")


def test_added_payload_file(package: Path, trusted: Trusted) -> None:
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        *es, (pkgtools.hoso_info("data/attachments/them.pdf"), b"%PDF extra")])
    refused(out, trusted, "file_added")


def test_added_tag_file(package: Path, trusted: Trusted) -> None:
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        *es, (pkgtools.hoso_info("doc-truoc.txt"), b"read me")])
    refused(out, trusted, "file_added")


def test_removed_file(package: Path, trusted: Trusted) -> None:
    gone = "data/documents/danh-sach-de-nghi.pdf"
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        (i, d) for i, d in es if i.filename != gone])
    report = refused(out, trusted, "file_missing")
    assert "payload_oxum" in report.codes
    assert any(r.detail == gone for r in report.reasons)


def test_removed_signature(package: Path, trusted: Trusted) -> None:
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        (i, d) for i, d in es if not i.filename.endswith(".minisig")])
    refused(out, trusted, "missing_signature")


def test_renamed_file(package: Path, trusted: Trusted) -> None:
    old = "data/sources/to-trinh-so-05.docx"
    out = pkgtools.rezip([(pkgtools.clone_info(i, "data/sources/khac.docx")
                           if i.filename == old else i, d)
                          for i, d in pkgtools.read_entries(package)], package.with_name("x.zip"))
    report = refused(out, trusted, "file_missing")
    assert {"file_missing", "file_added"} <= report.codes


def test_bag_info_edited(package: Path, trusted: Trusted) -> None:
    out = pkgtools.transform(package, package.with_name("x.zip"), lambda es: [
        (i, d.replace("Tân Lập".encode(), "Tân Hòa".encode()) if i.filename == "bag-info.txt"
         else d) for i, d in es])
    refused(out, trusted, "bag_info_changed")


def _resign(entries: list[pkgtools.Entry], secret: minisign.SecretKey,
            comment: str) -> list[pkgtools.Entry]:
    """A forger who rebuilds both manifests and signs with `secret`."""
    data = dict((i.filename, d) for i, d in entries)
    payload = sorted(n for n in data if n.startswith("data/"))
    data["manifest-sha256.txt"] = "".join(
        f"{hashlib.sha256(data[n]).hexdigest()}  {n}\n" for n in payload).encode()
    data["tagmanifest-sha256.txt"] = "".join(
        f"{hashlib.sha256(data[n]).hexdigest()}  {n}\n"
        for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")).encode()
    data["tagmanifest-sha256.txt.minisig"] = minisign.sign(
        secret, data["tagmanifest-sha256.txt"], comment).encode()
    return [(i, data[i.filename]) for i, _ in entries]


def _edit_pdf(entries: list[pkgtools.Entry]) -> list[pkgtools.Entry]:
    return [(i, pkgtools.flip(d) if i.filename.endswith("danh-sach-de-nghi.pdf") else d)
            for i, d in entries]


COMMENT = "timestamp:1\tfile:tagmanifest-sha256.txt\tdossier:HS-2026-001\trevision:1\thashed"


def test_manifests_rebuilt_but_old_signature_kept(package: Path, keys: Keys,
                                                  trusted: Trusted) -> None:
    entries = _edit_pdf(pkgtools.read_entries(package))
    original = dict((i.filename, d) for i, d in entries)["tagmanifest-sha256.txt.minisig"]
    forged = [(i, original if i.filename.endswith(".minisig") else d)
              for i, d in _resign(entries, keys[0], COMMENT)]
    refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted, "bad_signature")


def test_resigned_with_another_key(package: Path, trusted: Trusted) -> None:
    other, _ = minisign.generate_keypair()
    forged = _resign(_edit_pdf(pkgtools.read_entries(package)), other, COMMENT)
    refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted, "unknown_key")


def test_signature_of_another_dossier_or_revision(package: Path, keys: Keys,
                                                  trusted: Trusted) -> None:
    for comment in (COMMENT.replace("HS-2026-001", "HS-2026-002"),
                    COMMENT.replace("revision:1", "revision:2")):
        forged = _resign(pkgtools.read_entries(package), keys[0], comment)
        refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted,
                "signature_mismatch")


def test_wrong_public_key(package: Path) -> None:
    _, other = minisign.generate_keypair()
    report = refused(package, {other.key_id_hex: other}, "unknown_key")
    assert report.key_known is False


def test_same_key_id_other_key(package: Path, keys: Keys) -> None:
    _, other = minisign.generate_keypair()
    impostor = minisign.PublicKey(keys[1].key_id, other.key)
    refused(package, {impostor.key_id_hex: impostor}, "bad_signature")


def test_payload_oxum_wrong(package: Path, keys: Keys, trusted: Trusted) -> None:
    entries = [(i, d.replace(b"Payload-Oxum: ", b"Payload-Oxum: 1") if i.filename ==
                "bag-info.txt" else d) for i, d in pkgtools.read_entries(package)]
    forged = _resign(entries, keys[0], COMMENT)
    refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted, "payload_oxum")


def test_schema_invalid_even_when_signed(package: Path, keys: Keys, trusted: Trusted) -> None:
    entries = [(i, d.replace(b'"ballot"', b'"shout"') if i.filename == "data/dossier.json"
                else d) for i, d in pkgtools.read_entries(package)]
    forged = _resign(entries, keys[0], COMMENT)
    refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted, "schema_invalid")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_zip(package: Path, trusted: Trusted, keep: float) -> None:
    raw = package.read_bytes()
    package.write_bytes(raw[: int(len(raw) * keep)])
    refused(package, trusted, "truncated_zip")


@pytest.mark.parametrize("content", [b"", b"not a zip at all", os.urandom(5000)])
def test_not_a_zip(tmp_path: Path, trusted: Trusted, content: bytes) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    refused(path, trusted, "unreadable_zip")


def _with_entry(package: Path, info: zipfile.ZipInfo, data: bytes = b"x") -> Path:
    entries = [*pkgtools.read_entries(package), (info, data)]
    target = package.with_name("x.zip")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(target, "w") as zf:
            for i, d in entries:
                zf.writestr(i if i is info else pkgtools.clone_info(i), d)
    return target


@pytest.mark.parametrize(("name", "code"), [
    ("../evil.txt", "parent_path"),
    ("data/../../evil.txt", "parent_path"),
    ("/etc/evil", "absolute_path"),
    ("C:/Windows/evil.dll", "absolute_path"),
    ("data\\attachments\\evil.pdf", "backslash_path"),
    ("data/CON.pdf", "reserved_name"),
    ("data/aux", "reserved_name"),
    ("data/lpt9.txt", "reserved_name"),
    ("data/x.pdf.", "reserved_name"),
    ("data/x.pdf ", "reserved_name"),
    ("data/a\x01b", "bad_name"),
    ("data/a:b", "bad_name"),
    ("data//a", "bad_name"),
])
def test_unsafe_names(package: Path, trusted: Trusted, tmp_path: Path, name: str,
                      code: str) -> None:
    target = tmp_path / "target"
    refused(_with_entry(package, zipfile.ZipInfo(name)), trusted, code, extract_to=target)
    assert not target.exists()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_symlink_entry(package: Path, trusted: Trusted) -> None:
    info = zipfile.ZipInfo("data/attachments/link.pdf")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    refused(_with_entry(package, info, b"/etc/passwd"), trusted, "symlink_entry")


def test_encrypted_entry_flag(package: Path, trusted: Trusted) -> None:
    path = _with_entry(package, zipfile.ZipInfo("data/attachments/secret.pdf"))
    _patch(path, "data/attachments/secret.pdf", (6, 8), "<H", 0x1)  # zipfile clears it
    refused(path, trusted, "encrypted_entry")


def test_other_compression(package: Path, trusted: Trusted) -> None:
    info = zipfile.ZipInfo("data/attachments/b.pdf")
    info.compress_type = zipfile.ZIP_BZIP2
    refused(_with_entry(package, info, b"x" * 100), trusted, "bad_compression")


def test_duplicate_names(package: Path, trusted: Trusted) -> None:
    refused(_with_entry(package, zipfile.ZipInfo("data/dossier.json"), b"{}"), trusted,
            "duplicate_entry")


@pytest.mark.parametrize("other", [
    "DATA/DOSSIER.JSON", "data/Documents/to-trinh-so-05.pdf",
])
def test_case_collisions(package: Path, trusted: Trusted, other: str) -> None:
    refused(_with_entry(package, zipfile.ZipInfo(other)), trusted, "name_collision")


def test_nfc_collision(tmp_path: Path, trusted: Trusted) -> None:
    nfc = "data/attachments/Ánh.jpg"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(nfc, b"a")
        zf.writestr(nfd, b"b")
    refused(path, trusted, "name_collision")


def test_file_and_folder_of_the_same_name(package: Path, trusted: Trusted) -> None:
    refused(_with_entry(package, zipfile.ZipInfo("data/dossier.json/x")), trusted,
            "name_collision")


def _patch(path: Path, name: str, offsets: tuple[int, int], fmt: str, value: int) -> None:
    """Rewrite one field of `name`'s local header and central directory record."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode()
    width = struct.calcsize(fmt)
    for signature, offset in zip((b"PK\x03\x04", b"PK\x01\x02"), offsets, strict=True):
        at = 0
        while (at := raw.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(encoded)] == encoded:
                raw[at + offset:at + offset + width] = struct.pack(fmt, value)
            at += 4
    path.write_bytes(bytes(raw))


def _patch_sizes(path: Path, name: str, size: int) -> None:
    _patch(path, name, (22, 24), "<I", size)


def test_bomb_declared_small_inflates_huge(tmp_path: Path, package: Path,
                                           trusted: Trusted) -> None:
    """A deflated entry is refused from the directory alone: nothing is inflated."""
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in pkgtools.read_entries(package):
            zf.writestr(pkgtools.clone_info(info), data, compress_type=zipfile.ZIP_STORED)
        zf.writestr(pkgtools.hoso_info("data/attachments/bomb.pdf"), b"\0" * (64 << 20),
                    compress_type=zipfile.ZIP_DEFLATED)
    _patch_sizes(path, "data/attachments/bomb.pdf", 1000)
    report = refused(path, trusted, "bad_compression")
    assert report.codes <= {"bad_compression", "size_mismatch"}
    assert report.files == []          # not one entry was read


def test_bomb_declared_huge(tmp_path: Path, package: Path, trusted: Trusted) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(pkgtools.hoso_info("data/attachments/bomb.pdf"), b"\0" * (8 << 20))
    refused(path, trusted, "entry_too_large", limits=Limits(max_entry_size=1 << 20))


def test_total_too_large(package: Path, trusted: Trusted) -> None:
    refused(package, trusted, "total_too_large", limits=Limits(max_total_size=10_000))


def test_many_entries(tmp_path: Path, trusted: Trusted) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for n in range(1200):
            zf.writestr(f"data/f{n}.txt", b"")
    refused(path, trusted, "too_many_entries", limits=Limits(max_entries=1000))


def test_overlapping_entries(tmp_path: Path, trusted: Trusted) -> None:
    """Two central-directory records pointing at the same local data."""
    path = tmp_path / "overlap.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data/a.pdf", b"A" * 5000)
        zf.writestr("data/b.pdf", b"B" * 5000)
    raw = bytearray(path.read_bytes())
    second = raw.find(b"PK\x01\x02", raw.find(b"PK\x01\x02") + 4)
    raw[second + 42:second + 46] = struct.pack("<I", 0)   # b's header offset → a's
    path.write_bytes(bytes(raw))
    refused(path, trusted, "overlapping_entries", "header_mismatch")


def test_central_name_differs_from_local_header(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    central = raw.find(b"PK\x01\x02")
    name_at = central + 46
    assert bytes(raw[name_at:name_at + 9]) == b"bagit.txt"
    raw[name_at:name_at + 9] = b"bagiT.txt"
    package.write_bytes(bytes(raw))
    refused(package, trusted, "header_mismatch", "not_a_bag")


def test_extraction_only_when_valid_and_only_inside_target(package: Path, trusted: Trusted,
                                                           tmp_path: Path) -> None:
    target = tmp_path / "ra"
    report = verify_package(package, trusted, extract_to=target)
    assert report.ok and report.extracted_to == target.resolve()
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == sorted(ENTRIES)
    bad = pkgtools.transform(package, tmp_path / "bad.zip", _edit_pdf)
    refused(bad, trusted, "manifest_mismatch", extract_to=tmp_path / "ra2")
    assert not (tmp_path / "ra2").exists()


def test_data_prepended_to_the_zip(package: Path, trusted: Trusted) -> None:
    """zipfile itself accepts a ZIP behind other bytes (self-extractors); we do not."""
    package.write_bytes(b"MZ hidden program" + package.read_bytes())
    refused(package, trusted, "unexpected_data")


def test_local_header_disagrees_with_the_directory(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    assert raw[:4] == b"PK\x03\x04"
    raw[14] ^= 0x01     # the first entry's CRC-32 in its local header only
    package.write_bytes(bytes(raw))
    refused(package, trusted, "header_mismatch")


def test_safe_extract_refuses_escaping_names_before_writing(tmp_path: Path) -> None:
    from desktop.core.package.zipsafe import safe_extract

    written: list[str] = []

    def write(name: str, sink: object) -> int:
        written.append(name)
        return 0

    target = tmp_path / "t"
    with pytest.raises(ValueError):
        safe_extract(["bagit.txt", "../evil.txt"], target, Limits(), write)
    assert written == []
    assert not target.exists() and not (tmp_path / "evil.txt").exists()


def test_extraction_into_a_folder_with_files_is_refused(package: Path, trusted: Trusted,
                                                        tmp_path: Path) -> None:
    from desktop.core.package.zipsafe import ExtractError

    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with pytest.raises(ExtractError):
        verify_package(package, trusted, extract_to=target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_signed_unit_must_be_the_dossier_unit(package: Path, keys: Keys,
                                              trusted: Trusted) -> None:
    forged = _resign(pkgtools.read_entries(package), keys[0],
                     COMMENT.replace("\thashed", "\tunit:OTHER\thashed"))
    refused(pkgtools.rezip(forged, package.with_name("x.zip")), trusted, "signature_mismatch")
