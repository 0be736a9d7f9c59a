"""The committed Windows lock (requirements/windows.lock, made by scripts/windows_lock.py)
has a Windows wheel for every runtime dependency and for every requirement that only Windows
needs (keyring's pywin32-ctypes: without it the frozen app has no Credential Manager
backend, INTEROP §5). Reads the files only; no network."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "windows.lock"
# What a Windows 10/11 x64 PC with the bundle's CPython 3.11 says to environment markers.
WINDOWS = {**default_environment(), "sys_platform": "win32", "platform_system": "Windows",
           "os_name": "nt", "platform_machine": "AMD64", "python_version": "3.11",
           "python_full_version": "3.11.9", "implementation_name": "cpython",
           "platform_python_implementation": "CPython"}
CP311 = {"py3", "py2.py3", "cp311", "py311"}


def _lock(text: str | None = None) -> dict[str, tuple[str, str | None]]:
    """{canonical name: (version, wheel file name or None)} of the lock's text."""
    entries: dict[str, tuple[str, str | None]] = {}
    current = None
    for line in (LOCK.read_text("utf-8") if text is None else text).splitlines():
        pin = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
        if pin:
            current = canonicalize_name(pin.group(1))
            entries[current] = (pin.group(2), None)
        wheel = re.match(r"^\s+# wheel: (\S+\.whl)$", line)
        if wheel and current:
            entries[current] = (entries[current][0], wheel.group(1))
    return entries


def _windows_wheel(filename: str) -> bool:
    _name, _version, _build, tags = parse_wheel_filename(filename)
    for tag in tags:
        python_ok = tag.interpreter in CP311 or (
            tag.abi == "abi3" and re.fullmatch(r"cp3(\d+)", tag.interpreter) is not None
            and int(tag.interpreter[3:]) <= 11)
        if python_ok and tag.platform in ("win_amd64", "any"):
            return True
    return False


def _problems(names: set[str], lock: dict[str, tuple[str, str | None]], why: str) -> list[str]:
    out = []
    for name in sorted(names):
        if name not in lock:
            out.append(f"{name} ({why}) is not in the lock")
        elif lock[name][1] is None or not _windows_wheel(lock[name][1] or ""):
            out.append(f"{name} ({why}) has no Windows wheel in the lock: {lock[name][1]}")
    return out


def test_every_runtime_dependency_has_a_windows_wheel_in_the_lock() -> None:
    lock = _lock()
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    problems = []
    for spec in runtime["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        problems += _problems({name}, lock, "pyproject.toml")
        if name in lock and not req.specifier.contains(lock[name][0], prereleases=True):
            problems.append(f"{name}=={lock[name][0]} does not satisfy {spec}")
    assert not problems, "\n".join(problems)


def _windows_only_problems(lock: dict[str, tuple[str, str | None]]) -> tuple[list[str], set[str]]:
    """Each locked package's own requirements, with markers evaluated for Windows (from the
    installed metadata, where the package is installed here): (problems, names needed)."""
    needed: dict[str, str] = {}
    for name in lock:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:  # a Windows-only package: nothing to read
            continue
        for raw in requires:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate({**WINDOWS, "extra": ""}):
                needed.setdefault(canonicalize_name(req.name), name)
    problems = [p for dep, parent in needed.items()
                for p in _problems({dep}, lock, f"required by {parent}")]
    return problems, set(needed)


def test_requirements_only_windows_needs_are_in_the_lock() -> None:
    problems, needed = _windows_only_problems(_lock())
    assert not problems, "\n".join(problems)
    assert "pywin32-ctypes" in needed  # keyring's Windows-only backend library is checked


def test_a_lock_resolved_on_linux_fails_the_check() -> None:
    """Not vacuous: without pywin32-ctypes (what a resolution on Linux gives) it fails."""
    linux = re.sub(r"(?ms)^pywin32-ctypes==.*?(?=^\S)", "", LOCK.read_text("utf-8"))
    assert "pywin32-ctypes==" not in linux
    problems, _needed = _windows_only_problems(_lock(linux))
    assert any(p.startswith("pywin32-ctypes (required by keyring)") for p in problems)
