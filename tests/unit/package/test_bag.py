"""Building the package: layout, names, bag-info, dossier.json, atomic writing, parts, age."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pkgtools
import pytest

from desktop.core.catalog import Catalog
from desktop.core.errors import ValidationError
from desktop.core.package import bag, encrypt, minisign, schema, split
from desktop.core.package.verify import verify_package
from desktop.core.package.zipsafe import Limits, check_name

REPO = Path(__file__).resolve().parents[3]
Keys = tuple[minisign.SecretKey, minisign.PublicKey]


def test_layout_is_design_section_6(package: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        info = zf.read("bag-info.txt").decode("utf-8")
        dossier = json.loads(zf.read("data/dossier.json"))
    assert package.name == "HSKT_XTL01_HS-2026-001_r1.zip"
    assert set(names) == {
        "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
        "tagmanifest-sha256.txt.minisig", "data/dossier.json",
        "data/documents/to-trinh-so-05.pdf", "data/documents/danh-sach-de-nghi.pdf",
        "data/sources/to-trinh-so-05.docx",
        "data/attachments/bang-khen-cua-anh.jpg", "data/attachments/bang-khen-cua-anh-2.jpg"}
    for label in ("Source-Organization: UBND xã Tân Lập", "External-Identifier: HS-2026-001",
                  "Bagging-Date: 2026-11-23", "Payload-Oxum: ", "Legal-Basis: Luật Thi đua",
                  "Template-Set: default-2026", "App-Version: 0.1.0"):
        assert label in info
    assert "Revision-Of" not in info
    assert dossier["schema"] == "hoso-dossier/1"
    assert dossier["dossier_id"] == "HS-2026-001" and dossier["revision"] == 1
    assert [d["kind"] for d in dossier["documents"]] == ["to_trinh", "danh_sach"]
    assert dossier["attachments"][0]["name"] == "Bằng khen của Ánh.JPG"
    assert schema.validate_dossier(dossier) == []


def test_listed_hashes_are_the_files_hashes(package: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        dossier = json.loads(zf.read("data/dossier.json"))
        for group in ("documents", "sources", "attachments"):
            for entry in dossier[group]:
                data = zf.read(entry["path"])
                assert hashlib.sha256(data).hexdigest() == entry["sha256"]
                assert len(data) == entry["size"]


def test_round_trip_verifies_and_reports_the_dossier(tmp_path: Path, keys: Keys,
                                                     trusted: dict[str, minisign.PublicKey]
                                                     ) -> None:
    info = pkgtools.build(tmp_path, keys[0])
    report = verify_package(info.path, trusted)
    assert report.ok, report.reasons
    assert report.sha256 == info.sha256 == hashlib.sha256(info.path.read_bytes()).hexdigest()
    assert report.key_id == info.key_id == keys[1].key_id_hex
    assert report.dossier is not None
    assert report.dossier["nominations"][0]["subject"]["name"] == "Nguyễn Thị Ánh"
    assert report.dossier_id == "HS-2026-001" and report.revision == 1
    assert len(info.digest_short) == 14 and info.digest_short.count("-") == 2


def test_revision_points_to_the_previous_package(tmp_path: Path, keys: Keys,
                                                 trusted: dict[str, minisign.PublicKey]) -> None:
    first = pkgtools.build(tmp_path / "a", keys[0])
    second = pkgtools.build(tmp_path / "b", keys[0], revision=2, revision_of=first.sha256)
    assert second.path.name.endswith("_r2.zip")
    report = verify_package(second.path, trusted)
    assert report.ok, report.reasons
    assert report.info("Revision-Of") == first.sha256
    assert report.dossier is not None and report.dossier["revision_of"] == first.sha256


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"revision": 2}, "revision_of"),
    ({"revision_of": "a" * 64}, "revision_of"),
    ({"revision": 0}, "revision"),
    ({"unit_code": "Xã 1"}, "unit_code"),
    ({"dossier_id": "../x"}, "dossier_id"),
])
def test_bad_ids_are_refused_and_nothing_is_written(tmp_path: Path, keys: Keys,
                                                    kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        pkgtools.build(tmp_path, keys[0], **kwargs)
    assert field in {p.field for p in err.value.problems}
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_dossier_against_the_schema_is_refused_before_writing(tmp_path: Path,
                                                              keys: Keys) -> None:
    dossier = pkgtools.sample_dossier()
    dossier["nominations"][0]["council"]["method"] = "shout"
    del dossier["round"]["year"]
    with pytest.raises(ValidationError) as err:
        pkgtools.build(tmp_path, keys[0], dossier=dossier)
    fields = {p.field for p in err.value.problems}
    assert "round" in fields and "nominations/0/council/method" in fields
    assert not (tmp_path / "out").exists()


def test_missing_input_file_is_named_and_nothing_is_left(tmp_path: Path, keys: Keys) -> None:
    with pytest.raises(ValidationError) as err:
        pkgtools.build(tmp_path, keys[0], sources=[tmp_path / "khong-co.docx"])
    assert "khong-co.docx" in str(err.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_failure_while_writing_leaves_no_temporary_file(tmp_path: Path, keys: Keys) -> None:
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 2:
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        pkgtools.build(tmp_path, keys[0], progress=progress)
    assert list((tmp_path / "out").iterdir()) == []


def test_progress_reaches_the_total(tmp_path: Path, keys: Keys) -> None:
    calls: list[tuple[int, int]] = []
    pkgtools.build(tmp_path, keys[0], progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.parametrize(("name", "safe"), [
    ("Tờ trình số 05.pdf", "to-trinh-so-05.pdf"),
    ("ĐƠN ĐỀ NGHỊ.PDF", "don-de-nghi.pdf"),
    ("  ..ẩn.docx", "an.docx"),
    ("con.pdf", "con_.pdf"),
    ("LPT1", "lpt1_"),
    ("a/b\\c:d*e?.jpg", "a-b-c-d-e.jpg"),
    ("日本語.png", "tep.png"),
    ("", "tep"),
    ("x" * 300 + ".pdf", "x" * 80 + ".pdf"),
])
def test_safe_names(name: str, safe: str) -> None:
    assert bag.safe_name(name) == safe
    assert check_name("data/attachments/" + bag.safe_name(name), Limits()) == []


def test_collisions_get_numbers_in_input_order() -> None:
    names = bag.SafeNames()
    taken = [names.take("data/attachments/", n)
             for n in ("Ảnh.jpg", "anh.JPG", "ANH.jpg", "anh-2.jpg")]
    assert taken == ["data/attachments/anh.jpg", "data/attachments/anh-2.jpg",
                     "data/attachments/anh-3.jpg", "data/attachments/anh-2-2.jpg"]


def test_trusted_comment_fields() -> None:
    comment = bag.trusted_comment_for("HS-1", 3, "XTL01", 1700000000)
    fields = minisign.trusted_comment_fields(comment)
    assert fields["dossier"] == "HS-1" and fields["revision"] == "3"
    assert fields["unit"] == "XTL01" and fields["file"] == "tagmanifest-sha256.txt"


def test_published_schema_is_the_one_the_code_uses() -> None:
    published = (REPO / "docs" / "schema" / "hoso-dossier-1.schema.json").read_text("utf-8")
    assert published == schema.schema_text()


def test_split_and_join_round_trip(tmp_path: Path, package: Path,
                                   trusted: dict[str, minisign.PublicKey]) -> None:
    size = package.stat().st_size
    result = split.split_file(package, size // 3 + 1, tmp_path / "mail")
    assert [p.name for p in result.parts] == [package.name + s for s in (".001", ".002", ".003")]
    assert sum(p.stat().st_size for p in result.parts) == size
    assert result.part_list is not None
    joined = split.join_parts(result.parts[1], tmp_path / "joined")
    assert joined.read_bytes() == package.read_bytes()
    report = verify_package(result.parts[2], trusted)
    assert report.ok, report.reasons
    assert split.split_file(package, size).parts == [package]


def test_part_limit_comes_from_the_profile(catalog: Catalog) -> None:
    default = catalog.province("default")
    assert split.part_limit_bytes(default) == 20_000_000
    profile = replace(default, transport=replace(default.transport, email_max_mb=10))
    assert split.part_limit_bytes(profile) == 10_000_000


def test_encrypt_decrypt_round_trip(tmp_path: Path, package: Path) -> None:
    identity, recipient = encrypt.generate_identity()
    sealed = encrypt.encrypt_file(package, [recipient])
    assert sealed.name == package.name + ".age"
    assert package.read_bytes()[:64] not in sealed.read_bytes()
    opened = encrypt.decrypt_file(sealed, [identity], tmp_path / "opened.zip")
    assert opened.read_bytes() == package.read_bytes()
    other, _ = encrypt.generate_identity()
    with pytest.raises(encrypt.EncryptionError):
        encrypt.decrypt_file(sealed, [other], tmp_path / "nope.zip")
    assert not (tmp_path / "nope.zip").exists()
    with pytest.raises(encrypt.EncryptionError):
        encrypt.encrypt_file(package, ["age1notakey"])
