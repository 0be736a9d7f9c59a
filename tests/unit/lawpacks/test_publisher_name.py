"""A province's pack is named as its enrolment sheet names it: the name keygen wrote in the
public key beside the secret key, only when that file is the same publisher's same key."""

from __future__ import annotations

from pathlib import Path

from desktop.core.operations import lawpacks as lp
from desktop.core.package import minisign


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
