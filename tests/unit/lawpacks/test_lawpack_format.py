"""The law-pack format (core/package/lawpack.py): a built pack reads back whole, the stock
minisign agrees, and every way a pack can be wrong is refused with its own code before any
of its files is used."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from desktop.core.package import minisign
from desktop.core.package.lawpack import (
    MANIFEST,
    SIGNATURE,
    LawPackRefused,
    LawPackUnreadable,
    TrustedKey,
    read_lawpack,
)
from desktop.core.package.lawpack_manifest import PUBLISHED, parse_manifest, schema_text
from tests.lawpack_tools import CSTDCS, REPO, Publisher, build, province_profile, publisher
from tests.lawpack_tools import rewrite_zip as rewrite

TITLE = f"forms/titles/{CSTDCS}@2026-10-01.toml"


@pytest.fixture
def pub(tmp_path: Path) -> Publisher:
    return publisher(tmp_path)


def national(pub: Publisher) -> dict[str, TrustedKey]:
    return {pub.public.key_id_hex: TrustedKey(pub.public, pub.code, None, "thử", "bundled")}


def refused(path: Path, trusted: dict[str, TrustedKey], app: str = "0.1.0") -> str:
    with pytest.raises(LawPackRefused) as caught:
        read_lawpack(path, trusted, app)
    return caught.value.code


def test_a_built_pack_reads_back_whole(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    pack = read_lawpack(path, national(pub))
    assert pack.manifest.publisher == "hoso" and pack.manifest.version == 1
    assert set(pack.files) == {f"titles/{CSTDCS}@2026-10-01.toml", "legal-basis.toml"}
    source = REPO / "tests" / "data" / "lawpacks" / "cstdcs_2026" / "legal-basis.toml"
    assert pack.files["legal-basis.toml"] == source.read_bytes()
    assert pack.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as zf:
        assert [i.filename for i in zf.infolist()][:2] == [MANIFEST, SIGNATURE]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())


@pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign not installed")
def test_the_stock_minisign_verifies_the_manifest(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    out = tmp_path / "x"
    with zipfile.ZipFile(path) as zf:
        zf.extractall(out)
    (tmp_path / "key.pub").write_text(pub.pub_text, "utf-8")
    proc = subprocess.run(["minisign", "-Vm", str(out / MANIFEST), "-p",
                           str(tmp_path / "key.pub")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "publisher:hoso\tversion:1\teffective:2026-10-01" in proc.stdout


def test_a_changed_file_is_tampered(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)

    def change(entries: dict[str, bytes]) -> dict[str, bytes]:
        entries[TITLE] = entries[TITLE].replace(b'min = "htxs"', b'min = "htt" ')
        return entries
    assert refused(rewrite(path, tmp_path / "t.zip", change), national(pub)) == \
        "lawpack.tampered"


def test_a_flipped_byte_in_place_is_tampered(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    raw = bytearray(path.read_bytes())
    at = raw.index("sáng kiến".encode())
    raw[at] ^= 0x01
    bad = tmp_path / "flip.zip"
    bad.write_bytes(bytes(raw))
    assert refused(bad, national(pub)) == "lawpack.tampered"


def test_a_changed_manifest_is_tampered(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)

    def change(entries: dict[str, bytes]) -> dict[str, bytes]:
        entries[MANIFEST] = entries[MANIFEST].replace(b'"version": 1', b'"version": 9')
        return entries
    assert refused(rewrite(path, tmp_path / "t.zip", change), national(pub)) == \
        "lawpack.tampered"


def test_an_added_or_missing_file_is_tampered(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    added = rewrite(path, tmp_path / "a.zip", lambda e: {**e, "forms/titles/giay_khen.toml":
                                                          b'code = "giay_khen"\n'})
    assert refused(added, national(pub)) == "lawpack.tampered"
    missing = rewrite(path, tmp_path / "m.zip",
                      lambda e: {k: v for k, v in e.items() if k != TITLE})
    assert refused(missing, national(pub)) == "lawpack.tampered"


def test_unsigned_and_untrusted(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    unsigned = rewrite(path, tmp_path / "u.zip",
                       lambda e: {k: v for k, v in e.items() if k != SIGNATURE})
    assert refused(unsigned, national(pub)) == "lawpack.unsigned"
    stranger = publisher(tmp_path, "hoso")
    with pytest.raises(LawPackRefused) as caught:
        read_lawpack(path, national(stranger))
    assert caught.value.code == "lawpack.untrusted_key"
    assert pub.public.key_id_hex in caught.value.message
    garbled = rewrite(path, tmp_path / "g.zip", lambda e: {**e, SIGNATURE: b"not minisign"})
    assert refused(garbled, national(pub)) == "lawpack.tampered"


@pytest.mark.parametrize("name", [
    "forms/rounds.toml", "forms/documents/format.toml", "forms/titles/Giay Khen.toml",
    "forms/signatures/national.toml", "forms/titles/x.py", "README.md",
])
def test_files_a_pack_may_not_carry(tmp_path: Path, pub: Publisher, name: str) -> None:
    path = build(tmp_path / "p.zip", pub)
    bad = rewrite(path, tmp_path / "b.zip", lambda e: {**e, name: b"x = 1\n"})
    assert refused(bad, national(pub)) == "lawpack.bad_file"


@pytest.mark.parametrize("name", ["../escape.toml", "/etc/x.toml", "forms/titles/CON.toml",
                                  "forms\\titles\\x.toml"])
def test_unsafe_names_are_refused_before_reading(tmp_path: Path, pub: Publisher,
                                                 name: str) -> None:
    path = build(tmp_path / "p.zip", pub)
    bad = rewrite(path, tmp_path / "b.zip", lambda e: {**e, name: b"x = 1\n"})
    assert refused(bad, national(pub)) in ("lawpack.unsafe_zip", "lawpack.bad_file")


def test_bombs_and_too_many_entries(tmp_path: Path, pub: Publisher) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, b"{}")
        zf.writestr(TITLE, b"\0" * (50 * 1024 * 1024))
    assert refused(bomb, national(pub)) == "lawpack.unsafe_zip"
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(600):
            zf.writestr(f"forms/titles/t{i}.toml", b"x")
    assert refused(many, national(pub)) == "lawpack.unsafe_zip"


def test_not_a_zip_and_unreadable(tmp_path: Path, pub: Publisher) -> None:
    text = tmp_path / "x.zip"
    text.write_text("không phải zip", "utf-8")
    assert refused(text, national(pub)) == "lawpack.not_a_zip"
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("hello.txt", b"hi")
    assert refused(plain, national(pub)) == "lawpack.not_a_lawpack"
    for path in (tmp_path / "missing.zip", tmp_path):
        with pytest.raises(LawPackUnreadable) as caught:
            read_lawpack(path, national(pub))
        assert caught.value.code == "lawpack.unreadable"


def test_not_valid_for_this_app_version(tmp_path: Path, pub: Publisher) -> None:
    newer = build(tmp_path / "n.zip", pub, min_app_version="9.0")
    assert refused(newer, national(pub)) == "lawpack.app_version"
    older = build(tmp_path / "o.zip", pub, min_app_version="0.0.1", max_app_version="0.0.9")
    assert refused(older, national(pub)) == "lawpack.app_version"
    assert read_lawpack(older, national(pub), "0.0.5").manifest.version == 1


def test_a_province_key_carries_only_its_own_profile(tmp_path: Path) -> None:
    prov = publisher(tmp_path, "bac_ninh", bundled=False)
    trusted = {prov.public.key_id_hex: TrustedKey(prov.public, "bac_ninh", "bac_ninh",
                                                  "Sở Nội vụ tỉnh Bắc Ninh", "enrolled")}
    own = build(tmp_path / "own.zip", prov, province_profile(tmp_path / "own"))
    assert set(read_lawpack(own, trusted).files) == {"provinces/bac_ninh.toml"}
    dated = tmp_path / "dated"
    province_profile(dated)
    (dated / "provinces" / "bac_ninh.toml").rename(dated / "provinces" /
                                                   "bac_ninh@2027-01-01.toml")
    assert read_lawpack(build(tmp_path / "d.zip", prov, dated), trusted).files
    titles = build(tmp_path / "t.zip", prov)            # the CSTĐCS change: not its to make
    assert refused(titles, trusted) == "lawpack.outside_scope"
    other = build(tmp_path / "x.zip", prov, province_profile(tmp_path / "x", "ha_noi"))
    assert refused(other, trusted) == "lawpack.outside_scope"
    series = build(tmp_path / "s.zip", prov, province_profile(tmp_path / "s"),
                   publisher_code="hoso")               # posing as the project's series
    assert refused(series, trusted) == "lawpack.outside_scope"


def _signed_manifest(pub: Publisher, raw: bytes, tmp_path: Path, comment: str) -> Path:
    path = build(tmp_path / "p.zip", pub)
    signature = minisign.sign(pub.secret, raw, comment).encode()
    return rewrite(path, tmp_path / "m.zip", lambda e: {**e, MANIFEST: raw,
                                                         SIGNATURE: signature})


@pytest.mark.parametrize("mutate", [
    lambda t: t.replace('"version": 1,', '"version": 1, "version": 2,'),
    lambda t: t.replace('"version": 1', '"version": NaN'),
    lambda t: t.replace('"version": 1', '"version": 100000000000000000000'),
    lambda t: t.replace('"replaces": null', '"replaces": 5'),
    lambda t: t.replace('"format": "hoso-lawpack/1"', '"format": "hoso-lawpack/2"'),
    lambda t: t.replace('"effective": "2026-10-01"', '"effective": "2026-02-30"'),
    lambda t: t.replace('"summary": "Gói thử nghiệm"', '"summary": "' + "x" * 5000 + '"'),
    lambda t: t.replace('"files": [', '"extra": 1, "files": ['),
])
def test_a_signed_but_malformed_manifest(tmp_path: Path, pub: Publisher, mutate: object) -> None:
    path = build(tmp_path / "p.zip", pub)
    with zipfile.ZipFile(path) as zf:
        text = zf.read(MANIFEST).decode()
    raw = mutate(text).encode()  # type: ignore[operator]
    assert raw != text.encode()
    comment = "timestamp:1\tfile:lawpack.json\tpublisher:hoso\tversion:1"
    assert refused(_signed_manifest(pub, raw, tmp_path, comment), national(pub)) == \
        "lawpack.bad_manifest"


def test_the_trusted_comment_must_agree(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub)
    with zipfile.ZipFile(path) as zf:
        raw = zf.read(MANIFEST)
    comment = "timestamp:1\tfile:lawpack.json\tpublisher:hoso\tversion:7"
    assert refused(_signed_manifest(pub, raw, tmp_path, comment), national(pub)) == \
        "lawpack.bad_manifest"


def test_the_published_schema_is_the_one_in_use() -> None:
    assert (REPO / PUBLISHED).read_text("utf-8") == schema_text()


def test_the_manifest_round_trips(tmp_path: Path, pub: Publisher) -> None:
    path = build(tmp_path / "p.zip", pub, replaces=None)
    with zipfile.ZipFile(path) as zf:
        raw = zf.read(MANIFEST)
    manifest = parse_manifest(raw)
    assert manifest.to_bytes() == raw
    assert json.loads(raw)["files"][0]["path"].startswith("forms/")
