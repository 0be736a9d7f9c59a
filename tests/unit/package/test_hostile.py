"""The hostile packages of issue 13, each built here and refused with its own reason code.

ZIP level: data hidden where zipfile and `unzip` look away (docs/package-format.md §2).
Bag level: what a signed bag may still get wrong (§3). dossier.json: strict JSON, limits and
cross-field rules (§5). Each forged package is signed with the unit's own key, so only the
rule under test can refuse it.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pkgtools
import pytest

from desktop.core.package import minisign
from desktop.core.package.verify import CODES, VerifyReport, verify_package

Keys = tuple[minisign.SecretKey, minisign.PublicKey]
Trusted = dict[str, minisign.PublicKey]
DOSSIER = "data/dossier.json"


def refused(path: Path, trusted: Trusted, code: str) -> VerifyReport:
    report = verify_package(path, trusted)
    assert not report.ok
    assert code in report.codes, (code, [(r.code, r.detail) for r in report.reasons])
    assert report.codes <= set(CODES)
    return report


# ---- raw ZIP surgery ---------------------------------------------------------------------------


def _records(raw: bytes) -> dict[str, tuple[int, int]]:
    """name → (offset of its local header, offset of its central record)."""
    cd_offset = struct.unpack_from("<I", raw, len(raw) - 6)[0]
    count = struct.unpack_from("<H", raw, len(raw) - 12)[0]
    found = {}
    at = cd_offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, at + 28)
        name = raw[at + 46:at + 46 + name_len].decode()
        found[name] = (struct.unpack_from("<I", raw, at + 42)[0], at)
        at += 46 + name_len + extra_len + comment_len
    return found


def _set(raw: bytearray, at: int, fmt: str, value: int) -> None:
    struct.pack_into(fmt, raw, at, value)


def _both(package: Path, name: str, local_at: int, central_at: int, fmt: str,
          value: int) -> Path:
    """Set one field in `name`'s local header and central record alike."""
    raw = bytearray(package.read_bytes())
    local, central = _records(bytes(raw))[name]
    _set(raw, local + local_at, fmt, value)
    _set(raw, central + central_at, fmt, value)
    package.write_bytes(bytes(raw))
    return package


def _rewrite(package: Path, target: Path,
             change: Callable[[zipfile.ZipInfo, bytes], tuple[zipfile.ZipInfo, bytes]],
             comment: bytes = b"") -> Path:
    """Rewrite the package entry by entry with zipfile, as a forger with a ZIP tool would."""
    with zipfile.ZipFile(target, "w") as zf:
        zf.comment = comment
        for info, data in pkgtools.read_entries(package):
            new, body = change(pkgtools.clone_info(info), data)
            zf.writestr(new, body)
    return target


def _bomb_stream(gib: int = 1) -> bytes:
    """A raw deflate stream of ~1 MB that inflates to `gib` GiB of zeros (blocks after a
    full flush do not depend on each other, so one block repeats)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\0" * (1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * (1024 * gib) + packer.flush()


def test_directory_entry_with_a_deflate_bomb(package: Path, trusted: Trusted,
                                            tmp_path: Path) -> None:
    """A directory name carrying 1 GiB of deflated zeros: refused from the directory, never
    inflated."""
    target = tmp_path / "bomb.zip"
    stream = _bomb_stream()
    with zipfile.ZipFile(target, "w") as zf:
        for info, data in pkgtools.read_entries(package):
            zf.writestr(pkgtools.clone_info(info), data)
        zf.writestr(pkgtools.hoso_info("data/attachments/an/"), b"")
    raw = bytearray(target.read_bytes())
    local, central = _records(bytes(raw))["data/attachments/an/"]
    name_end = local + 30 + len("data/attachments/an/")
    raw[name_end:name_end] = stream                      # the payload, after the header
    cd_shift = len(stream)
    for field, value in ((8, 8), (18, len(stream)), (22, 1 << 30), (14, zlib.crc32(b""))):
        _set(raw, local + field, "<H" if field == 8 else "<I", value)
        _set(raw, central + cd_shift + field + 2, "<H" if field == 8 else "<I", value)
    _set(raw, len(raw) - 6, "<I", struct.unpack_from("<I", raw, len(raw) - 6)[0] + cd_shift)
    target.write_bytes(bytes(raw))
    report = refused(target, trusted, "directory_entry")
    assert {"bad_compression", "entry_too_large"} <= report.codes
    assert report.files == []


def test_directory_entry_with_stored_payload(package: Path, trusted: Trusted,
                                             tmp_path: Path) -> None:
    target = tmp_path / "d.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for info, data in pkgtools.read_entries(package):
            zf.writestr(pkgtools.clone_info(info), data)
        zf.writestr(pkgtools.hoso_info("data/"), b"secret" * 1000)
    refused(target, trusted, "directory_entry")


def test_symlink_mode_on_a_directory_entry(package: Path, trusted: Trusted,
                                           tmp_path: Path) -> None:
    target = tmp_path / "l.zip"
    link = pkgtools.hoso_info("data/documents/x/")
    link.external_attr = 0o120777 << 16
    with zipfile.ZipFile(target, "w") as zf:
        for info, data in pkgtools.read_entries(package):
            zf.writestr(pkgtools.clone_info(info), data)
        zf.writestr(link, b"/etc")
    report = refused(target, trusted, "symlink_entry")
    assert "directory_entry" in report.codes


def test_bytes_after_the_end_record(package: Path, trusted: Trusted) -> None:
    package.write_bytes(package.read_bytes() + b"hidden after the end" * 100)
    refused(package, trusted, "trailing_data")


def test_archive_comment(package: Path, trusted: Trusted, tmp_path: Path) -> None:
    target = _rewrite(package, tmp_path / "c.zip", lambda i, d: (i, d),
                      comment=b"x" * 60_000)
    refused(target, trusted, "archive_comment")


def test_per_file_comment(package: Path, trusted: Trusted, tmp_path: Path) -> None:
    def change(info: zipfile.ZipInfo, data: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        if info.filename == "bagit.txt":
            info.comment = b"y" * 30_000
        return info, data

    refused(_rewrite(package, tmp_path / "c.zip", change), trusted, "entry_comment")


def test_data_in_a_local_extra_field(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    local, _central = _records(bytes(raw))["bagit.txt"]
    hidden = struct.pack("<HH", 0xCAFE, 4000) + b"z" * 4000
    name_end = local + 30 + len("bagit.txt")
    raw[name_end:name_end] = hidden
    _set(raw, local + 28, "<H", len(hidden))
    for name, (_l, central) in _records(bytes(package.read_bytes())).items():
        if name != "bagit.txt":
            _set(raw, central + len(hidden) + 42, "<I",
                 struct.unpack_from("<I", raw, central + len(hidden) + 42)[0] + len(hidden))
    _set(raw, len(raw) - 6, "<I", struct.unpack_from("<I", raw, len(raw) - 6)[0] + len(hidden))
    package.write_bytes(bytes(raw))
    refused(package, trusted, "extra_field")


def test_extra_field_in_the_directory(package: Path, trusted: Trusted, tmp_path: Path) -> None:
    def change(info: zipfile.ZipInfo, data: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        if info.filename == "bagit.txt":
            info.extra = struct.pack("<HH", 0xCAFE, 8) + b"12345678"
        return info, data

    refused(_rewrite(package, tmp_path / "e.zip", change), trusted, "extra_field")


@pytest.mark.parametrize("bit", [0x0001, 0x0040, 0x2000])
def test_encryption_flags(package: Path, trusted: Trusted, bit: int) -> None:
    refused(_both(package, "bagit.txt", 6, 8, "<H", bit), trusted, "encrypted_entry")


def test_data_descriptor_flag(package: Path, trusted: Trusted) -> None:
    refused(_both(package, "bagit.txt", 6, 8, "<H", 0x0008), trusted, "data_descriptor")


def test_utf8_flag_hoso_never_sets(package: Path, trusted: Trusted) -> None:
    refused(_both(package, "bagit.txt", 6, 8, "<H", 0x0800), trusted, "bad_flags")


def test_version_needed_for_zip64(package: Path, trusted: Trusted) -> None:
    refused(_both(package, "bagit.txt", 4, 6, "<H", 45), trusted, "bad_version")


def test_made_on_another_system(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    _set(raw, _records(bytes(raw))["bagit.txt"][1] + 4, "<H", (11 << 8) | 20)   # NTFS
    package.write_bytes(bytes(raw))
    refused(package, trusted, "bad_version")


@pytest.mark.parametrize("mode", [0o100755, 0o104644, 0o100666])
def test_unix_mode_oddities(package: Path, trusted: Trusted, mode: int) -> None:
    raw = bytearray(package.read_bytes())
    _set(raw, _records(bytes(raw))["bagit.txt"][1] + 38, "<I", mode << 16)
    package.write_bytes(bytes(raw))
    refused(package, trusted, "bad_mode")


def test_internal_attributes_and_disk_start(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    _set(raw, _records(bytes(raw))["bagit.txt"][1] + 36, "<H", 1)
    package.write_bytes(bytes(raw))
    refused(package, trusted, "bad_directory")


@pytest.mark.parametrize(("at", "value"), [(8, 12), (10, 12), (8, 10), (4, 1), (6, 1)])
def test_end_record_that_lies(package: Path, trusted: Trusted, at: int, value: int) -> None:
    """Entry counts (on this disk, in all) and disk numbers that do not match the ZIP."""
    raw = bytearray(package.read_bytes())
    _set(raw, len(raw) - 22 + at, "<H", value)
    package.write_bytes(bytes(raw))
    refused(package, trusted, "bad_end_record")


def test_local_sizes_of_0xffffffff_without_zip64(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    local, _central = _records(bytes(raw))["bagit.txt"]
    _set(raw, local + 18, "<I", 0xFFFFFFFF)
    _set(raw, local + 22, "<I", 0xFFFFFFFF)
    package.write_bytes(bytes(raw))
    refused(package, trusted, "zip64")


def test_zip64_end_records(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    end = bytearray(raw[-22:])
    cd_size, cd_offset = struct.unpack_from("<II", end, 12)
    zip64_end = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, 11, 11,
                            cd_size, cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(raw) - 22, 1)
    _set(end, 16, "<I", 0xFFFFFFFF)
    package.write_bytes(bytes(raw[:-22]) + zip64_end + locator + bytes(end))
    refused(package, trusted, "zip64")


def test_wrong_crc_with_a_right_sha256(package: Path, trusted: Trusted) -> None:
    """The CRC-32 changed in both headers, the bytes not: every SHA-256 still matches, but
    `unzip` refuses the file, so the verifier must too."""
    with zipfile.ZipFile(package) as zf:
        crc = zf.getinfo("data/dossier.json").CRC
    _both(package, "data/dossier.json", 14, 16, "<I", crc ^ 0x1)
    report = refused(package, trusted, "crc_mismatch")
    assert "manifest_mismatch" not in report.codes


def test_entries_out_of_directory_order(package: Path, trusted: Trusted) -> None:
    raw = bytearray(package.read_bytes())
    records = _records(bytes(raw))
    first, second = records["bagit.txt"][1], records["data/documents/to-trinh-so-05.pdf"][1]
    a_offset = struct.unpack_from("<I", raw, first + 42)[0]
    b_offset = struct.unpack_from("<I", raw, second + 42)[0]
    _set(raw, first + 42, "<I", b_offset)
    _set(raw, second + 42, "<I", a_offset)
    package.write_bytes(bytes(raw))
    refused(package, trusted, "unexpected_data")


# ---- the bag -------------------------------------------------------------------------------


def _forge(package: Path, keys: Keys, edit: Callable[[dict[str, bytes]], None],
           **kwargs: Any) -> Path:
    return pkgtools.forge(package, package.with_name("f.zip"), keys[0], edit, **kwargs)


def test_forge_helper_makes_a_valid_package(package: Path, keys: Keys,
                                            trusted: Trusted) -> None:
    """The refusals below come from the rule each test breaks, not from the forging."""
    assert verify_package(_forge(package, keys, lambda d: None), trusted).ok


def test_signed_fetch_txt(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["fetch.txt"] = b"https://example.org/x.pdf 10 data/attachments/x.pdf\n"

    refused(_forge(package, keys, edit, extra_tags=("fetch.txt",)), trusted, "fetch_txt")


def _manifest(files: dict[str, bytes], algorithm: str) -> bytes:
    import hashlib

    return "".join(f"{hashlib.new(algorithm, files[n]).hexdigest()}  {n}\n"
                   for n in sorted(files) if n.startswith("data/")).encode()


@pytest.mark.parametrize("algorithm", ["md5", "sha1", "sha512"])
def test_other_manifests_are_checked(package: Path, keys: Keys, trusted: Trusted,
                                     algorithm: str) -> None:
    def right(files: dict[str, bytes]) -> None:
        files[f"manifest-{algorithm}.txt"] = _manifest(files, algorithm)

    def wrong(files: dict[str, bytes]) -> None:
        text = _manifest(files, algorithm).decode()
        files[f"manifest-{algorithm}.txt"] = ("0" + text[1:]).encode()

    assert verify_package(_forge(package, keys, right), trusted).ok
    refused(_forge(package, keys, wrong), trusted, "other_manifest_mismatch")


def test_other_manifest_missing_a_file(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        lines = _manifest(files, "md5").decode().splitlines(keepends=True)
        files["manifest-md5.txt"] = "".join(lines[1:]).encode()

    refused(_forge(package, keys, edit), trusted, "other_manifest_mismatch")


def test_wrong_tag_manifest_md5(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["tagmanifest-md5.txt"] = "".join(
            f"{'0' * 32}  {n}\n" for n in ("bagit.txt", "bag-info.txt",
                                           "manifest-sha256.txt")).encode()

    refused(_forge(package, keys, edit), trusted, "other_manifest_mismatch")


def test_manifest_of_an_unsupported_algorithm(package: Path, keys: Keys,
                                              trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["manifest-sha384.txt"] = _manifest(files, "sha384")

    refused(_forge(package, keys, edit), trusted, "unsupported_manifest")


def test_signed_extra_tag_file(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["ghi-chu.txt"] = b"note"

    refused(_forge(package, keys, edit, extra_tags=("ghi-chu.txt",)), trusted, "file_added")


def test_payload_outside_the_three_folders(package: Path, keys: Keys,
                                           trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["data/other/x.pdf"] = b"%PDF"

    refused(_forge(package, keys, edit), trusted, "file_added")


def test_payload_oxum_of_5000_digits(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        text = files["bag-info.txt"].decode()
        start = text.index("Payload-Oxum: ") + len("Payload-Oxum: ")
        end = text.index("\n", start)
        files["bag-info.txt"] = (text[:start] + "9" * 5000 + ".6" + text[end:]).encode()

    report = refused(_forge(package, keys, edit, fix_oxum=False), trusted, "payload_oxum")
    json.dumps(report.to_json())


def test_payload_oxum_repeated(package: Path, keys: Keys, trusted: Trusted) -> None:
    def edit(files: dict[str, bytes]) -> None:
        files["bag-info.txt"] += b"Payload-Oxum: 1.1\n"

    refused(_forge(package, keys, edit, fix_oxum=False), trusted, "bag_info_invalid")


# ---- dossier.json ----------------------------------------------------------------------------


def _dossier(package: Path, keys: Keys, change: Callable[[str], str]) -> Path:
    def edit(files: dict[str, bytes]) -> None:
        files[DOSSIER] = change(files[DOSSIER].decode()).encode()

    return _forge(package, keys, edit)


def _with(package: Path, keys: Keys, change: Callable[[dict[str, Any]], None]) -> Path:
    def edit(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False, indent=1)

    return _dossier(package, keys, edit)


def _council(data: dict[str, Any]) -> dict[str, Any]:
    council: dict[str, Any] = data["nominations"][0]["council"]
    return council


@pytest.mark.parametrize(("change", "code"), [
    (lambda t: t.replace('"revision": 1', '"revision": ' + "1" * 5000), "number_too_large"),
    (lambda t: t.replace('"threshold": 0.7', '"threshold": NaN'), "json_constant"),
    (lambda t: t.replace('"threshold": 0.7', '"threshold": Infinity'), "json_constant"),
    (lambda t: t.replace('"threshold": 0.7', '"threshold": 1e999'), "number_too_large"),
    (lambda t: t.replace('"revision": 1,', '"revision": 1, "revision": 2,'),
     "json_duplicate_key"),
    (lambda t: t.replace('"Nguyễn Thị Ánh"', '"Nguyễn \\ud800 Ánh"'), "json_surrogate"),
    (lambda t: t.replace('"Nguyễn Thị Ánh"', '"' + "A" * (10 << 20) + '"'),
     "dossier_too_large"),
    (lambda t: t.replace('"Nguyễn Thị Ánh"', '"' + "A" * 5000 + '"'), "text_too_long"),
    (lambda t: t.replace('"schema"', '"x": "' + "b" * 20_000 + '", "schema"'), "text_too_long"),
    (lambda t: t.replace('"schema"', '"x": ' + "[" * 40 + "]" * 40 + ', "schema"'),
     "json_too_deep"),
    (lambda t: "\ufeff" + t, "json_invalid"),
    (lambda t: t[:-10], "json_invalid"),
])
def test_strict_json(package: Path, keys: Keys, trusted: Trusted,
                     change: Callable[[str], str], code: str) -> None:
    report = refused(_dossier(package, keys, change), trusted, code)
    json.dumps(report.to_json())


def _appraised(data: dict[str, Any], checked_on: str) -> None:
    data["appraisal"] = {"checked_on": checked_on, "override_reason": None, "problems": []}


def test_an_appraisal_on_the_day_the_package_was_made(package: Path, keys: Keys,
                                                      trusted: Trusted) -> None:
    report = verify_package(_with(package, keys, lambda d: _appraised(
        d, str(d["created_at"])[:10])), trusted)
    assert report.ok, report.reasons


@pytest.mark.parametrize(("change", "code"), [
    (lambda d: _council(d).update(votes_for=1_000_000, members_total=12), "number_too_large"),
    (lambda d: _council(d).update(votes_for=13, members_total=12, present=12),
     "council_inconsistent"),
    (lambda d: _council(d).update(present=10, members_total=9), "council_inconsistent"),
    (lambda d: _council(d).update(method="ballot", ballots_issued=8, ballots_valid=9),
     "council_inconsistent"),
    (lambda d: _council(d).update(ballots_issued=8, ballots_valid=6), "council_inconsistent"),
    (lambda d: _council(d).update(present=-1), "schema_invalid"),
    (lambda d: _council(d).update(held_on="2026-02-30"), "dates_out_of_order"),
    (lambda d: _council(d).update(held_on="2027-01-15"), "dates_out_of_order"),
    (lambda d: d["nominations"][0]["subject"].update(birth_date="2026-12-24"),
     "dates_out_of_order"),
    (lambda d: _appraised(d, "yesterday"), "dates_out_of_order"),
    (lambda d: _appraised(d, "2026-02-30"), "dates_out_of_order"),
    (lambda d: _appraised(d, "2026-1-5"), "dates_out_of_order"),
    (lambda d: _appraised(d, "2027-01-15"), "dates_out_of_order"),   # after it was made
    (lambda d: d["round"].update(deadline="2026-13-01"), "dates_out_of_order"),
    (lambda d: d.update(revision_of="a" * 64), "dossier_mismatch"),
    (lambda d: d["attachments"][0].update(size=1), "dossier_mismatch"),
    (lambda d: d["attachments"][0].update(nomination=3), "dossier_mismatch"),
    (lambda d: d.update(sources=[]), "dossier_mismatch"),
    (lambda d: d["nominations"][0]["eligibility"].update(
        reasons=[{"code": "a", "message": "b"}] * 201), "too_many_items"),
])
def test_signed_but_absurd(package: Path, keys: Keys, trusted: Trusted,
                           change: Callable[[dict[str, Any]], None], code: str) -> None:
    refused(_with(package, keys, change), trusted, code)


def test_a_revision_of_5000_digits_in_the_signature(package: Path, keys: Keys,
                                                    trusted: Trusted) -> None:
    secret = keys[0]
    target = package.with_name("r.zip")
    entries = pkgtools.read_entries(package)
    data = {i.filename: d for i, d in entries}
    comment = minisign.read_signature(data["tagmanifest-sha256.txt.minisig"]).trusted_comment
    data["tagmanifest-sha256.txt.minisig"] = minisign.sign(
        secret, data["tagmanifest-sha256.txt"],
        comment.replace("revision:1", "revision:" + "1" * 5000)).encode()
    with zipfile.ZipFile(target, "w") as zf:
        for info, _ in entries:
            zf.writestr(pkgtools.clone_info(info), data[info.filename])
    report = refused(target, trusted, "signature_mismatch")
    assert report.revision is None
    json.dumps(report.to_json())


def _noncanonical_base64(text: str) -> str:
    """The global signature (64 bytes: '==' padding) with its 4 unused low bits set: the
    decoder ignores them, so they could carry data."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    lines = text.split("\n")
    last = lines[3]
    assert last.endswith("==")
    lines[3] = last[:-3] + alphabet[alphabet.index(last[-3]) ^ 0b0101] + "=="
    return "\n".join(lines)


@pytest.mark.parametrize("change", [
    lambda t: t.replace("untrusted comment: hoso ", "untrusted comment: hidden data hoso "),
    lambda t: t.replace("\n", "\r\n"),
    lambda t: _noncanonical_base64(t),
])
def test_unsigned_bytes_of_the_signature_file(package: Path, trusted: Trusted,
                                              change: Callable[[str], str]) -> None:
    """minisign does not sign the untrusted comment nor the line ends: only hoso's exact
    text passes, so the signature file hides nothing."""
    entries = pkgtools.read_entries(package)
    target = package.with_name("s.zip")
    with zipfile.ZipFile(target, "w") as zf:
        for info, data in entries:
            if info.filename.endswith(".minisig"):
                data = change(data.decode()).encode()
            zf.writestr(pkgtools.clone_info(info), data)
    assert minisign.verify(trusted[next(iter(trusted))],
                           dict((i.filename, d) for i, d in entries)["tagmanifest-sha256.txt"],
                           dict((i.filename, d) for i, d in pkgtools.read_entries(target))[
                               "tagmanifest-sha256.txt.minisig"])
    refused(target, trusted, "bad_signature_format")


def test_a_name_too_long_is_refused_before_it_is_read(package: Path, trusted: Trusted,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "n.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for info, data in pkgtools.read_entries(package):
            zf.writestr(pkgtools.clone_info(info), data)
        zf.writestr(pkgtools.hoso_info("data/attachments/" + "x" * 2000), b"")
    refused(target, trusted, "bad_name")
