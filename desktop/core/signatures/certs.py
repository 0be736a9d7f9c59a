"""X.509 certificates as the officer meets them: files in any of the forms Vietnamese CAs
publish (.cer/.crt in DER or PEM, several PEM blocks in one file, .p7b bundles), and the
names a certificate carries, read the way signing tools show them (INTEROP §1: "Người ký:
<CN>", "Cơ quan: <OU, O>", "Chức vụ: <T>").

Every file from outside is hostile until checked: its size is bounded before it is read and
a certificate that does not parse is refused with the file named, never half-used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import cms, pem, x509

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.text import clean

MAX_CERT_FILE = 1 << 20          # a bundle of a whole CA hierarchy is a few tens of kB
MAX_CERTS_PER_FILE = 64
CERT_SUFFIXES = (".cer", ".crt", ".pem", ".der", ".p7b", ".p7c")


@dataclass(frozen=True)
class CertInfo:
    """What the officer needs to see of a certificate, in the order signing tools print it."""

    sha256: str                   # fingerprint of the DER, upper-case hex
    subject: str                  # one line, RFC 4514 order reversed as officers read it
    common_name: str
    organisation: str             # "OU, O" as INTEROP §1 shows "Cơ quan:"
    title: str                    # chức vụ, when the certificate carries one
    email: str
    issuer: str
    not_before: datetime
    not_after: datetime
    self_signed: bool
    is_ca: bool

    @property
    def fingerprint_groups(self) -> str:
        """"F04B A4B4 …": easier to compare aloud with a published fingerprint."""
        return " ".join(self.sha256[i:i + 4] for i in range(0, len(self.sha256), 4))


def sha256_hex(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest().upper()


def _values(name: x509.Name, key: str) -> list[str]:
    out: list[str] = []
    for rdn in name.chosen:
        for attr in rdn:
            if attr["type"].native == key:
                value = attr["value"].native
                out.append(clean(str(value)))
    return [v for v in out if v]


def _one_line(name: x509.Name) -> str:
    parts = []
    for rdn in reversed(list(name.chosen)):
        for attr in rdn:
            label = attr["type"].human_friendly
            parts.append(f"{label}: {clean(str(attr['value'].native))}")
    return "; ".join(parts)


def describe(cert: x509.Certificate) -> CertInfo:
    subject = cert.subject
    org_units = _values(subject, "organizational_unit_name")
    orgs = _values(subject, "organization_name")
    basic = cert.basic_constraints_value
    return CertInfo(
        sha256=sha256_hex(cert),
        subject=_one_line(subject),
        common_name=", ".join(_values(subject, "common_name")),
        organisation=", ".join(org_units + orgs),
        title=", ".join(_values(subject, "title")),
        email=", ".join(_values(subject, "email_address")),
        issuer=", ".join(_values(cert.issuer, "common_name")) or _one_line(cert.issuer),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        self_signed=cert.self_signed in ("maybe", "yes"),
        is_ca=bool(basic is not None and basic["ca"].native),
    )


def _bad_file(path: Path | str, why: str) -> UserError:
    return UserError(
        _("Tệp {name} không phải chứng thư số đọc được: {why}").format(
            name=Path(path).name, why=why),
        _("Hãy dùng tệp chứng thư (.cer, .crt, .pem hoặc .p7b) tải từ trang chính thức của "
          "tổ chức cấp chứng thư."), code="signature.cert_unreadable")


def _from_der(blob: bytes) -> Iterator[x509.Certificate]:
    """One DER certificate, or a PKCS#7 bundle of them (.p7b)."""
    try:
        info = cms.ContentInfo.load(blob, strict=True)
        if info["content_type"].native == "signed_data":
            for choice in info["content"]["certificates"] or ():
                if choice.name == "certificate":
                    yield choice.chosen
            return
    except ValueError:
        pass
    cert = x509.Certificate.load(blob, strict=True)
    cert.native   # noqa: B018 — parses every field now: a broken one fails here, not later
    yield cert


def certificates_from_bytes(data: bytes, name: str = "?") -> list[x509.Certificate]:
    """Every certificate in `data` (DER, PEM with one or more blocks, or PKCS#7)."""
    if len(data) > MAX_CERT_FILE:
        raise _bad_file(name, _("tệp quá lớn"))
    blobs: list[bytes] = []
    if pem.detect(data):
        try:
            blobs = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)]
        except ValueError as exc:
            raise _bad_file(name, str(exc)) from None
    else:
        blobs = [data]
    found: list[x509.Certificate] = []
    try:
        for blob in blobs:
            found.extend(_from_der(blob))
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad_file(name, type(exc).__name__) from None
    if not found:
        raise _bad_file(name, _("không có chứng thư nào trong tệp"))
    if len(found) > MAX_CERTS_PER_FILE:
        raise _bad_file(name, _("quá nhiều chứng thư trong một tệp"))
    return found


def certificates_from_file(path: Path) -> list[x509.Certificate]:
    try:
        size = path.stat().st_size
        if size > MAX_CERT_FILE:
            raise _bad_file(path, _("tệp quá lớn"))
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(_("Không đọc được tệp {name}: {why}").format(
            name=path.name, why=exc.strerror or exc), code="signature.cert_unreadable") from exc
    return certificates_from_bytes(data, path.name)


def certificates_in_folder(folder: Path) -> list[x509.Certificate]:
    """Every certificate file directly in `folder` (sorted by name, so results repeat)."""
    try:
        entries = sorted(p for p in folder.iterdir()
                         if p.is_file() and p.suffix.lower() in CERT_SUFFIXES)
    except OSError as exc:
        raise UserError(_("Không đọc được thư mục {name}: {why}").format(
            name=folder, why=exc.strerror or exc), code="signature.cert_unreadable") from exc
    out: list[x509.Certificate] = []
    for path in entries:
        out.extend(certificates_from_file(path))
    return out


def unique(certs: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """The same certificate named twice (bundled and added by the officer) counts once."""
    seen: set[str] = set()
    out = []
    for cert in certs:
        key = sha256_hex(cert)
        if key not in seen:
            seen.add(key)
            out.append(cert)
    return out
