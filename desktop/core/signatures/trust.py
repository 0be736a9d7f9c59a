"""The certificates the app trusts: the national roots bundled as data
(forms/signatures/national.toml, each with its SHA-256 fingerprint) plus those the officer
adds, and the intermediate CA certificates that help build a chain when a signed PDF carries
only the signer's own certificate (usual for VGCA tokens).

A bundled file whose fingerprint differs from the one listed is refused at load: swapping a
root file cannot widen what the app trusts. An entry with no file is listed as still to be
added (the officer gets it from the official source and adds it; the app then says which
listed certificate it is).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509

from desktop.core.signatures.certs import (
    certificates_from_file,
    describe,
    sha256_hex,
    unique,
)

ROLES = ("root", "intermediate")
_HEX64 = re.compile(r"^[0-9A-F]{64}$")
_CODE = re.compile(r"^[a-z0-9_]+$")
_KEYS = {"code", "name", "operator", "role", "sha256", "file", "official_source",
         "valid_to", "note"}


class TrustListError(Exception):
    """forms/signatures/national.toml or one of its files is malformed (named)."""


@dataclass(frozen=True)
class ListedCertificate:
    """One entry of the national list; `cert` is None when the file is not bundled."""

    code: str
    name: str
    operator: str
    role: str
    sha256: str
    official_source: str
    note: str
    cert: x509.Certificate | None

    @property
    def present(self) -> bool:
        return self.cert is not None


@dataclass(frozen=True)
class TrustSet:
    """Trust anchors and chain helpers for one verification."""

    roots: tuple[x509.Certificate, ...] = ()
    intermediates: tuple[x509.Certificate, ...] = ()
    listed: tuple[ListedCertificate, ...] = field(default=())

    def with_certificates(self, certs: Iterable[x509.Certificate]) -> TrustSet:
        """Self-signed certificates become anchors; the others help build chains only."""
        roots = list(self.roots)
        inter = list(self.intermediates)
        for cert in certs:
            (roots if describe(cert).self_signed else inter).append(cert)
        return TrustSet(tuple(unique(roots)), tuple(unique(inter)), self.listed)

    def listed_as(self, sha256: str) -> ListedCertificate | None:
        return next((c for c in self.listed if c.sha256 == sha256.upper()), None)

    @property
    def root_fingerprints(self) -> frozenset[str]:
        return frozenset(sha256_hex(c) for c in self.roots)


def _entry(raw: Mapping[str, Any], folder: Path, path: Path, index: int) -> ListedCertificate:
    where = f"{path}: certificate[{index}]"
    if set(raw) - _KEYS:
        raise TrustListError(f"{where}: unknown keys {sorted(set(raw) - _KEYS)}")
    for key in ("code", "name", "operator", "role", "sha256", "official_source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise TrustListError(f"{where}: '{key}' must be a non-empty string")
    if not _CODE.match(raw["code"]):
        raise TrustListError(f"{where}: code must be a-z, 0-9 and _")
    if raw["role"] not in ROLES:
        raise TrustListError(f"{where}: role must be one of {ROLES}")
    sha = raw["sha256"].replace(":", "").replace(" ", "").upper()
    if not _HEX64.match(sha):
        raise TrustListError(f"{where}: sha256 must be 64 hexadecimal digits")
    cert = None
    file_name = raw.get("file", "")
    if not isinstance(file_name, str):
        raise TrustListError(f"{where}: 'file' must be a string")
    if file_name:
        if Path(file_name).name != file_name:
            raise TrustListError(f"{where}: 'file' must be a file name in {folder}")
        try:
            found = certificates_from_file(folder / file_name)
        except Exception as exc:
            raise TrustListError(f"{where}: {file_name}: {exc}") from exc
        if len(found) != 1:
            raise TrustListError(f"{where}: {file_name} must hold exactly one certificate")
        if sha256_hex(found[0]) != sha:
            raise TrustListError(f"{where}: {file_name} has fingerprint "
                                 f"{sha256_hex(found[0])}, the list says {sha}")
        if raw["role"] == "root" and not describe(found[0]).self_signed:
            raise TrustListError(f"{where}: a root must be self-signed")
        cert = found[0]
    return ListedCertificate(code=raw["code"], name=raw["name"], operator=raw["operator"],
                             role=raw["role"], sha256=sha,
                             official_source=raw["official_source"],
                             note=str(raw.get("note", "")), cert=cert)


def load_national(forms_dir: Path) -> TrustSet:
    """forms/signatures/national.toml and its bundled files (certs/ beside it)."""
    path = forms_dir / "signatures" / "national.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TrustListError(f"{path}: {exc}") from exc
    raw = data.get("certificate", [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise TrustListError(f"{path}: [[certificate]] must be an array of tables")
    listed = [_entry(r, path.parent / "certs", path, i) for i, r in enumerate(raw)]
    codes = [c.code for c in listed]
    if len(set(codes)) != len(codes):
        raise TrustListError(f"{path}: codes must be unique")
    roots = tuple(c.cert for c in listed if c.cert is not None and c.role == "root")
    inter = tuple(c.cert for c in listed if c.cert is not None and c.role == "intermediate")
    return TrustSet(roots, inter, tuple(listed))
