"""Build the PyInstaller bundle with scripts/build_smoke.sh and check what it ran (~1 min)."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop import __version__
from desktop.core.catalog import Catalog
from tests import signed_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the smoke script is bash; on Windows run "
                    "pyinstaller build.spec and dist\\hoso\\hoso.exe selftest")
def test_frozen_bundle_builds_and_passes_its_selftest(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> None:
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build_smoke.sh"), str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=1200, check=False)
    report = done.stdout[-4000:] + "\n--- stderr ---\n" + done.stderr[-4000:]
    assert done.returncode == 0, report
    out = done.stdout
    summary = dict(line.split("=", 1) for line in out.splitlines()
                   if re.fullmatch(r"[A-Z_]+=.*", line))
    assert summary.get("SMOKE") == "OK", report

    # Both executables answer, and the selftest ran inside the bundle, not from source.
    assert out.count(f"hoso {__version__}") == 2, report
    assert f"Hồ sơ Khen thưởng {__version__} (bản đóng gói)" in out, report
    assert "Tự kiểm tra: đạt." in out, report
    assert not any(line.startswith("✗") for line in out.splitlines()), report

    dist = Path(summary["DIST"])
    internal = dist / "_internal"
    assert (internal / "resources" / "fonts" / "LICENSE-LiberationSerif-OFL.txt").is_file()
    assert (internal / "forms" / "titles").is_dir()
    assert (internal / "resources" / "translations" / "en" / "LC_MESSAGES" / "hoso.mo").is_file()
    assert (internal / "resources" / "translations" / "qt" / "qtbase_vi.qm").is_file()
    assert list(internal.glob("keyring-*.dist-info")), "keyring's entry points not bundled"
    shipped = [p.relative_to(dist).as_posix() for p in dist.rglob("*")]
    assert not [p for p in shipped if "keyrings" in p.split("/")], "keyrings.alt bundled"
    assert not [p for p in shipped if p.endswith((".po", ".pot"))]
    assert not [p for p in shipped if p.startswith("_internal/resources/") and p.endswith(".ts")]
    assert int(summary["DIST_FILES"]) > 0 and float(summary["BUILD_SECONDS"]) > 0

    # The demo's package verified by the frozen app; the print path checked by its selftest.
    assert "GÓI HỢP LỆ" in out, report
    assert any(line.startswith("✓ Xem trước và in") for line in out.splitlines()), report
    # One executable (hoso-gui a link to it) and the app's modules in the shared archive, not
    # in each executable (on Windows there are two).
    assert summary["DIST_EXECUTABLES"] == "1", report
    gui = dist / "hoso-gui"
    assert gui.is_symlink() and gui.resolve() == (dist / "hoso").resolve()
    assert (internal / "hoso-modules.zip").is_file()
    with zipfile.ZipFile(internal / "hoso-modules.zip") as shared:
        assert "desktop/__init__.pyc" in shared.namelist()
    # Linux: ICU's data rebuilt with the root, English and Vietnamese locales only (31 MB
    # whole); the selftest above drew Vietnamese through it
    if sys.platform.startswith("linux"):
        icu_data = next((internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
        assert icu_data.stat().st_size < 8_000_000, icu_data.stat().st_size
        # CUPS and the libraries only it links are the system's; Qt's print plugin stays
        assert (internal / "PySide6" / "Qt" / "plugins" / "printsupport"
                / "libcupsprintersupport.so").is_file()
        assert not [p for p in shipped if p.rsplit("/", 1)[-1].startswith(
            ("libcups.so", "libgnutls.so", "libgssapi_krb5.so", "libavahi-client.so"))]
        # so are the desktop's libraries the PySide6 wheel links from the system, and the C++
        # runtime (build.spec LINUX_SYSTEM_LIBRARIES)
        assert not [p for p in shipped if p.rsplit("/", 1)[-1].startswith(
            ("libdbus-1.so", "libsystemd.so", "libX11.so", "libfontconfig.so",
             "libfreetype.so", "libglib-2.0.so", "libstdc++.so", "libgcc_s.so"))]
        # Pillow's libXau without its 2 MB of padding
        assert all((dist / name).stat().st_size < 200_000
                   for name in shipped if "pillow.libs/libXau" in name)
        # the budget of issue 16, measured as bench_startup.py --frozen measures it
        size = sum(p.stat().st_size for p in dist.rglob("*") if p.is_file()
                   and not p.is_symlink())
        assert size <= 120_000_000, f"the bundle is {size / 1e6:.1f} MB, over 120 MB"
    # Left out on every platform: Pillow's FreeType module, C decimal, aiohttp's speed-ups
    # (build.spec EXCLUDES), python-docx's unpacked template
    names = {p.rsplit("/", 1)[-1].split(".", 1)[0] for p in shipped}
    assert not names & {"_imagingft", "_decimal", "_http_parser", "_multidict"}
    assert not [p for p in shipped if "default-docx-template" in p]
    # A PDF signed twice with the test PKI, verified by the frozen app offline: pyHanko's
    # signature modules import aiohttp, here without its compiled speed-ups
    signed = tmp_path / "signed"
    (signed / "roots").mkdir(parents=True)
    (signed / "to_trinh_da_ky.pdf").write_bytes(
        signed_demo.signed_twice(tmp_path_factory, catalog))
    pki = signed_demo.token(tmp_path_factory).pki
    (signed / "roots" / "goc.crt").write_bytes(pki.root.pem)
    (signed / "roots" / "ca-trung-gian.cer").write_bytes(pki.intermediate.der)
    verified = subprocess.run(
        [str(dist / "hoso"), "pdf", "verify", str(signed / "to_trinh_da_ky.pdf"), "--roots",
         str(signed / "roots"), "--json"], capture_output=True, text=True, encoding="utf-8",
        timeout=120, check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert [(s["intact"], s["trusted"]) for s in json.loads(verified.stdout)["signatures"]] == [
        (True, True), (True, True)]
    # The shared modules without docstrings (errors.py begins with one)
    with zipfile.ZipFile(internal / "hoso-modules.zip") as shared:
        errors = marshal.loads(shared.read("desktop/core/errors.pyc")[16:])
        assert "__doc__" not in errors.co_names
    # The dossier check is pure Python (fastjsonschema in the shared archive), no native
    # validator library
    assert not [p for p in shipped if "jsonschema_rs" in p]
    with zipfile.ZipFile(internal / "hoso-modules.zip") as shared:
        assert "fastjsonschema/__init__.pyc" in shared.namelist()
