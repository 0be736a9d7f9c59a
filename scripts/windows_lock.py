"""Resolve the Windows bundle's dependencies and write requirements/windows.lock.

    .venv/bin/pip install uv          # the resolver that evaluates markers for Windows
    .venv/bin/python scripts/windows_lock.py

Environment markers are evaluated for the platform a resolver is told about: resolved on
Linux, keyring's `pywin32-ctypes; sys_platform == "win32"` silently disappears and the frozen
app has no Credential Manager backend (INTEROP §5). So the runtime dependencies of
pyproject.toml (and PyInstaller, which builds the bundle) are resolved by `uv pip compile
--python-platform x86_64-pc-windows-msvc --python-version 3.11 --only-binary :all:`, every
pinned version's Windows wheel is then downloaded with `pip download --platform win_amd64`
(hash-checked), and each entry of the lock is annotated with the wheel it resolved to:

    keyring==25.7.0 \\
        --hash=sha256:…
        # wheel: keyring-25.7.0-py3-none-any.whl

On the Windows build PC: `pip install --require-hashes -r requirements/windows.lock`, then
`pip install --no-deps -e .` and `pyinstaller build.spec`. tests/unit/test_windows_lock.py
reads the lock (no network) and fails when a runtime dependency, or a requirement of one
that only Windows needs, has no Windows wheel in it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "windows.lock"
PLATFORM, PY = "x86_64-pc-windows-msvc", "3.11"
BUILD_TOOLS = ["pyinstaller>=6.5"]


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        wanted = Path(tmp) / "windows.in"
        wanted.write_text("\n".join([*project["dependencies"], *BUILD_TOOLS]) + "\n", "utf-8")
        raw = Path(tmp) / "windows.lock"
        subprocess.run([str(bin_dir / "uv"), "pip", "compile", str(wanted), "--python-platform",
                        PLATFORM, "--python-version", PY, "--only-binary", ":all:",
                        "--generate-hashes", "--no-header", "-o", str(raw)], check=True)
        wheels = Path(tmp) / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "--only-binary=:all:", "--platform", "win_amd64", "--python-version",
                        PY, "--implementation", "cp", "-d", str(wheels), "-r", str(raw)],
                       check=True)
        by_name = {}
        for wheel in wheels.glob("*.whl"):
            name = re.sub(r"[-_.]+", "-", wheel.name.split("-")[0]).lower()
            by_name[name] = (wheel.name, hashlib.sha256(wheel.read_bytes()).hexdigest())
        out, current = [], None
        for line in raw.read_text("utf-8").replace(str(wanted), "pyproject.toml").splitlines():
            pin = re.match(r"^([A-Za-z0-9_.-]+)==", line)
            if pin:
                current = re.sub(r"[-_.]+", "-", pin.group(1)).lower()
            out.append(line)
            if current and line.strip().startswith("--hash") and not line.endswith("\\"):
                name, digest = by_name[current]
                if f"sha256:{digest}" not in raw.read_text("utf-8"):
                    raise SystemExit(f"{name}: downloaded wheel not among the locked hashes")
                out.append(f"    # wheel: {name}")
                current = None
    header = [
        "# The Windows bundle's dependencies (win_amd64, CPython 3.11), resolved for Windows.",
        "# Made by scripts/windows_lock.py (read it before editing); checked offline by",
        "# tests/unit/test_windows_lock.py. Install: pip install --require-hashes -r this file.",
    ]
    LOCK.parent.mkdir(exist_ok=True)
    LOCK.write_text("\n".join([*header, *out]) + "\n", "utf-8")
    print(f"wrote {LOCK.relative_to(ROOT)}: {len(by_name)} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
