"""Law packs in tests: publisher keys, the test pack that changes CSTĐCS from 1/10/2026
(tests/data/lawpacks/cstdcs_2026), a province's own profile, and ZIPs rewritten by hand to
tamper with them."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.core.package import minisign
from desktop.core.package.lawpack import build_lawpack, collect_forms
from desktop.core.package.minisign import PublicKey, SecretKey

REPO = Path(__file__).resolve().parents[1]
FORMS = REPO / "forms"
CSTDCS_PACK = REPO / "tests" / "data" / "lawpacks" / "cstdcs_2026"
CSTDCS = "chien_si_thi_dua_co_so"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
EFFECTIVE = date(2026, 10, 1)


@dataclass(frozen=True)
class Publisher:
    """A key pair, and a folder holding its public key the way resources/lawpack holds the
    project's (so the app trusts it as that publisher's bundled key)."""

    code: str
    secret: SecretKey
    public: PublicKey
    bundled_dir: Path

    @property
    def pub_text(self) -> str:
        return minisign.public_key_file_text(self.public, f"test publisher: {self.code}")


def publisher(tmp_path: Path, code: str = "hoso", bundled: bool = True) -> Publisher:
    secret, public = minisign.generate_keypair()
    folder = tmp_path / f"bundled-{code}-{public.key_id_hex}"
    folder.mkdir(parents=True)
    if bundled:
        (folder / f"{code}.pub").write_text(
            minisign.public_key_file_text(public, f"test publisher {code}: Nhà phát hành thử"),
            "utf-8")
    return Publisher(code, secret, public, folder)


def build(dest: Path, pub: Publisher, source: Path = CSTDCS_PACK, *, version: int = 1,
          effective: date = EFFECTIVE, publisher_code: str | None = None,
          files: Mapping[str, bytes] | None = None, **kw: object) -> Path:
    """A pack signed by `pub`, straight through the format's builder (no catalog check, so
    tests can make packs an app must refuse)."""
    build_lawpack(files if files is not None else collect_forms(source), version=version,
                  effective=effective, publisher=publisher_code or pub.code,
                  publisher_name="Nhà phát hành thử", summary="Gói thử nghiệm",
                  secret=pub.secret, dest=dest, now=NOW, **kw)  # type: ignore[arg-type]
    return dest


def rewrite_zip(source: Path, dest: Path,
                change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Path:
    """A well-formed ZIP with the entries of `source` changed by `change` (name → bytes)."""
    with zipfile.ZipFile(source) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries = change(dict(entries))
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as out:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 3, 9, 0, 0))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            out.writestr(info, data)
    return dest


def copy_tree(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest)
    return dest


def province_profile(folder: Path, code: str = "bac_ninh", deadline: str = "12-05") -> Path:
    """provinces/<code>.toml: Bắc Ninh's profile as bundled, its year-end deadline moved."""
    target = folder / "provinces"
    target.mkdir(parents=True, exist_ok=True)
    text = (FORMS / "provinces" / "bac_ninh.toml").read_text("utf-8")
    if code != "bac_ninh":
        text = text.replace('code = "bac_ninh"', f'code = "{code}"')
    text = text.replace('cong_trang = "12-10"', f'cong_trang = "{deadline}"')
    (target / f"{code}.toml").write_text(text, "utf-8")
    return folder


def case(rating: str, initiative: bool, case_id: str = "c1") -> dict[str, object]:
    """A CSTĐCS batch case for 2026: the rating, with or without a sáng kiến."""
    item: dict[str, object] = {
        "id": case_id, "target": CSTDCS,
        "subject": {"kind": "individual", "group": "cbccvc", "hired_on": "2015-09-01"},
        "years": {"2026": {"rating": rating, "titles": [], "awards": []}}}
    if initiative:
        item["initiatives"] = [{"id": "sk", "year": 2026, "scope": "co_so", "used_for": None}]
    return item
