"""The standard tools agree with us: the `bagit` library validates the bag, the stock
`minisign` verifies the signature, `age -d` opens an encrypted package. A missing tool fails
the test (scripts/system-deps.sh installs them); it is never skipped."""

from __future__ import annotations

import logging
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import bagit
import pkgtools
import pytest

from desktop.core.package import encrypt, minisign
from desktop.core.package.verify import verify_package

Keys = tuple[minisign.SecretKey, minisign.PublicKey]


def _extract(package: Path, target: Path) -> Path:
    with zipfile.ZipFile(package) as zf:
        zf.extractall(target)
    return target


def test_bagit_library_validates_the_bag(package: Path, tmp_path: Path) -> None:
    folder = _extract(package, tmp_path / "bag")
    bag = bagit.Bag(str(folder))
    bag.validate()   # full validation: every checksum, not only Payload-Oxum
    assert bag.info["External-Identifier"] == "HS-2026-001"
    assert bag.info["Source-Organization"] == "UBND xã Tân Lập"
    assert bag.version_info == (1, 0)


def test_bagit_library_refuses_what_we_refuse(package: Path, tmp_path: Path) -> None:
    folder = _extract(package, tmp_path / "bag")
    pdf = folder / "data" / "documents" / "danh-sach-de-nghi.pdf"
    pdf.write_bytes(pkgtools.flip(pdf.read_bytes()))
    logging.getLogger("bagit").setLevel(logging.CRITICAL)
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(folder)).validate()


def test_stock_minisign_verifies_the_package_signature(package: Path, tmp_path: Path,
                                                       keys: Keys,
                                                       require_tool: Callable[[str], str]
                                                       ) -> None:
    tool = require_tool("minisign")
    folder = _extract(package, tmp_path / "bag")
    pub = tmp_path / "unit.pub"
    pub.write_text(minisign.public_key_file_text(keys[1], "XTL01"), encoding="utf-8")
    ok = subprocess.run([tool, "-Vm", "tagmanifest-sha256.txt", "-p", str(pub)], cwd=folder,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "dossier:HS-2026-001" in ok.stdout and "revision:1" in ok.stdout
    # The same check with the key given on the command line (-P), as on the enrolment sheet.
    inline = subprocess.run([tool, "-Vm", "tagmanifest-sha256.txt", "-P",
                             minisign.public_key_line(keys[1])], cwd=folder,
                            capture_output=True, text=True, check=False)
    assert inline.returncode == 0, inline.stderr
    manifest = folder / "tagmanifest-sha256.txt"
    manifest.write_bytes(manifest.read_bytes().replace(b"bagit.txt", b"bagit.txT"))
    bad = subprocess.run([tool, "-Vm", "tagmanifest-sha256.txt", "-p", str(pub)], cwd=folder,
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0


def test_age_opens_the_encrypted_package(package: Path, tmp_path: Path,
                                         require_tool: Callable[[str], str]) -> None:
    tool = require_tool("age")
    identity, recipient = encrypt.generate_identity()
    key_file = tmp_path / "province.txt"
    key_file.write_text(identity + "\n", encoding="utf-8")
    sealed = encrypt.encrypt_file(package, [recipient])
    opened = tmp_path / "opened.zip"
    proc = subprocess.run([tool, "-d", "-i", str(key_file), "-o", str(opened), str(sealed)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert opened.read_bytes() == package.read_bytes()


def test_we_open_what_age_encrypts(package: Path, tmp_path: Path, keys: Keys,
                                   require_tool: Callable[[str], str]) -> None:
    tool = require_tool("age")
    keygen = shutil.which("age-keygen")
    if keygen is None:
        pytest.fail("'age-keygen' is not installed: run scripts/system-deps.sh")
    key_file = tmp_path / "k.txt"
    subprocess.run([keygen, "-o", str(key_file)], check=True, capture_output=True)
    identity = next(ln for ln in key_file.read_text().splitlines()
                    if ln.startswith("AGE-SECRET-KEY-"))
    recipient = next(ln.split(": ")[1] for ln in key_file.read_text().splitlines()
                     if "public key" in ln)
    sealed = tmp_path / "p.zip.age"
    subprocess.run([tool, "-r", recipient, "-o", str(sealed), str(package)], check=True)
    opened = encrypt.decrypt_file(sealed, [identity], tmp_path / "p.zip")
    report = verify_package(opened, {keys[1].key_id_hex: keys[1]})
    assert report.ok, report.reasons


def test_parts_rejoin_with_cat(package: Path, tmp_path: Path) -> None:
    """The part files are plain byte ranges: `cat NAME.zip.0*` gives the package back."""
    from desktop.core.package.split import split_file

    result = split_file(package, package.stat().st_size // 2 + 1, tmp_path / "mail")
    joined = subprocess.run(["cat", *map(str, result.parts)], capture_output=True,
                            check=True).stdout
    assert joined == package.read_bytes()
