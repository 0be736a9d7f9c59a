"""Publishing a pack: a province's pack is named as its enrolment sheet names it (the name
keygen wrote in the public key beside the secret key, only when that file is the same
publisher's same key), and a province cannot build a pack its communes would refuse for
carrying more than its own profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import UserError
from desktop.core.operations import lawpacks as lp
from desktop.core.package import minisign
from tests.lawpack_tools import CSTDCS_PACK, EFFECTIVE, FORMS, NOW, copy_tree, province_profile


def _pair(folder: Path, publisher: str, name: str) -> tuple[Path, minisign.SecretKey]:
    secret, public = minisign.generate_keypair()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{publisher}.pub").write_text(minisign.public_key_file_text(
        public, f"hoso law pack publisher {publisher}: {name}"), "utf-8")
    return folder / f"{publisher}.hoso-key", secret


def test_the_name_beside_the_key_is_used(tmp_path: Path) -> None:
    key, secret = _pair(tmp_path, "bac_ninh", "Sở Nội vụ tỉnh Bắc Ninh")
    assert lp.publisher_name_beside(key, secret, "bac_ninh") == "Sở Nội vụ tỉnh Bắc Ninh"


def test_another_key_another_publisher_or_no_file_give_no_name(tmp_path: Path) -> None:
    key, _secret = _pair(tmp_path, "bac_ninh", "Sở Nội vụ tỉnh Bắc Ninh")
    other, _public = minisign.generate_keypair()
    assert lp.publisher_name_beside(key, other, "bac_ninh") == ""
    _key, secret = _pair(tmp_path / "hn", "ha_noi", "Sở Nội vụ Hà Nội")
    assert lp.publisher_name_beside(tmp_path / "hn" / "ha_noi.hoso-key", secret,
                                    "bac_ninh") == ""
    assert lp.publisher_name_beside(tmp_path / "none" / "x.hoso-key", secret, "x") == ""
    (tmp_path / "hn" / "ha_noi.pub").write_text("untrusted comment: hoso law pack publisher "
                                                "ha_noi: " + "x" * 5000, "utf-8")
    assert lp.publisher_name_beside(tmp_path / "hn" / "ha_noi.hoso-key", secret,
                                    "ha_noi") == ""


def test_a_province_pack_carries_only_its_profile(tmp_path: Path) -> None:
    secret, _public = minisign.generate_keypair()
    source = copy_tree(CSTDCS_PACK, tmp_path / "source")
    province_profile(source)

    def build(publisher: str) -> Path:
        dest = tmp_path / f"{publisher}.zip"
        lp.build_pack(source, forms_dir=FORMS, version=1, effective=EFFECTIVE,
                      secret=secret, dest=dest, publisher=publisher, publisher_name="x",
                      now=NOW)
        return dest

    with pytest.raises(UserError) as caught:
        build("bac_ninh")
    assert caught.value.code == "lawpack.outside_scope"
    assert "titles/chien_si_thi_dua_co_so@2026-10-01.toml" in caught.value.message
    assert not (tmp_path / "bac_ninh.zip").exists()
