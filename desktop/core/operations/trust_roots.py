"""The certificates this profile trusts for digital signatures (issue 15), and checking a
signed PDF against them.

Trusted = the national list bundled as data (forms/signatures/national.toml) plus the
certificates the officer adds: a self-signed one becomes a trust anchor, any other CA
certificate only helps build chains. Adding is refused for a file that is not a certificate
and warned for a root that is not on the national list (the officer must have compared its
fingerprint with the official source); every change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from asn1crypto import x509

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.signatures.certs import (
    CertInfo,
    certificates_from_file,
    certificates_in_folder,
    describe,
)
from desktop.core.signatures.trust import ListedCertificate, TrustListError, TrustSet, load_national
from desktop.core.signatures.verify import MAX_PDF, PdfCheck, verify_pdf
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import signatures as repo

NATIONAL, OFFICER = "national", "officer"


@dataclass(frozen=True)
class TrustedCertificate:
    info: CertInfo
    role: str                       # "root" (trust anchor) or "intermediate"
    source: str                     # NATIONAL (bundled) or OFFICER (added in this profile)
    listed: ListedCertificate | None = None    # the national entry it is, if any
    added_at: str = ""
    added_by: str = ""


@dataclass(frozen=True)
class AddResult:
    added: tuple[TrustedCertificate, ...]
    already: tuple[TrustedCertificate, ...]
    warnings: tuple[str, ...]


@lru_cache(maxsize=4)
def _national(forms_dir: str) -> TrustSet:
    try:
        return load_national(Path(forms_dir))
    except TrustListError as exc:
        raise UserError(_("Danh sách chứng thư gốc quốc gia bị hỏng: {why}").format(why=exc),
                        _("Cài lại chương trình để có lại tệp forms/signatures."),
                        code="signature.trust_list_broken") from exc


def national(catalog: Catalog) -> TrustSet:
    return _national(str(catalog.forms_dir))


def trust_set(store: Store, catalog: Catalog) -> TrustSet:
    """National certificates plus the officer's, for one verification."""
    added = [x509.Certificate.load(r.der) for r in repo.trusted_certificates(store.db)]
    return national(catalog).with_certificates(added)


def certificates(store: Store, catalog: Catalog) -> list[TrustedCertificate]:
    """Every certificate in force: the bundled national ones first, then the officer's."""
    base = national(catalog)
    out = [TrustedCertificate(describe(c.cert), c.role, NATIONAL, c)
           for c in base.listed if c.cert is not None]
    for row in repo.trusted_certificates(store.db):
        info = describe(x509.Certificate.load(row.der))
        out.append(TrustedCertificate(info, row.role, OFFICER, base.listed_as(info.sha256),
                                      row.added_at, row.added_by))
    return out


def missing_national(catalog: Catalog, store: Store | None = None) -> list[ListedCertificate]:
    """National entries whose certificate is neither bundled nor added by the officer."""
    added = {r.sha256 for r in repo.trusted_certificates(store.db)} if store else set()
    return [c for c in national(catalog).listed if not c.present and c.sha256 not in added]


def add_certificates(store: Store, catalog: Catalog, path: Path, actor: str,
                     now: datetime | None = None) -> AddResult:
    """Add every certificate in the file `path` (.cer/.crt/.pem/.p7b)."""
    found = certificates_from_file(path)
    base = national(catalog)
    now = now or datetime.now(UTC)
    added: list[TrustedCertificate] = []
    already: list[TrustedCertificate] = []
    warnings: list[str] = []
    bundled = {c.sha256 for c in base.listed if c.present}
    with store.write() as db:
        for cert in found:
            info = describe(cert)
            role = "root" if info.self_signed else "intermediate"
            listed = base.listed_as(info.sha256)
            item = TrustedCertificate(info, role, OFFICER, listed)
            if info.sha256 in bundled:
                already.append(item)
                continue
            if not info.is_ca and not info.self_signed:
                warnings.append(_("“{name}” không phải chứng thư của tổ chức cấp chứng thư "
                                  "(CA); không thêm.").format(name=info.common_name))
                continue
            if role == "root" and listed is None:
                warnings.append(_("Chứng thư gốc “{name}” không có trong danh sách gốc quốc "
                                  "gia. Chỉ tin khi đã đối chiếu vân tay SHA-256 {fp} với nguồn "
                                  "chính thức.").format(name=info.common_name,
                                                        fp=info.fingerprint_groups))
            if info.not_after < now:
                warnings.append(_("Chứng thư “{name}” đã hết hạn ngày {day}.").format(
                    name=info.common_name, day=info.not_after.strftime("%d/%m/%Y")))
            if repo.add_trusted(db, sha256=info.sha256, der=cert.dump(), subject=info.subject,
                                role=role, actor=actor):
                added.append(item)
                reg_repo.append_audit(db, actor, "trust", "trusted_certificate", None, _(
                    "Thêm chứng thư tin cậy “{name}”").format(name=info.common_name),
                    {"sha256": info.sha256, "role": role, "file": path.name,
                     "national": listed.code if listed else None})
            else:
                already.append(item)
    return AddResult(tuple(added), tuple(already), tuple(warnings))


def remove_certificate(store: Store, sha256: str, actor: str) -> None:
    """Stop trusting a certificate the officer added (the bundled ones stay)."""
    with store.write() as db:
        rows = {r.sha256: r for r in repo.trusted_certificates(db)}
        row = rows.get(sha256.upper())
        if row is None:
            raise UserError(_("Chứng thư này không do người dùng thêm nên không bỏ được (chứng "
                              "thư gốc quốc gia đi kèm phần mềm)."),
                            code="signature.cert_not_removable")
        repo.remove_trusted(db, row.sha256)
        reg_repo.append_audit(db, actor, "untrust", "trusted_certificate", None, _(
            "Bỏ chứng thư tin cậy “{name}”").format(name=row.subject),
            {"sha256": row.sha256, "role": row.role})


def read_pdf_file(path: Path) -> bytes:
    """A PDF the officer named, size bounded before it is read."""
    try:
        if path.stat().st_size > MAX_PDF:
            raise UserError(_("Tệp {name} lớn quá {mb} MB.").format(
                name=path.name, mb=MAX_PDF // (1024 * 1024)), code="pdf.too_large")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("Không đọc được tệp {name}: {why}").format(
            name=path.name, why=exc.strerror or exc), code="pdf.unreadable") from exc


def verify_file(path: Path, trust: TrustSet, extra_dir: Path | None = None,
                now: datetime | None = None) -> PdfCheck:
    """Check the signatures of the PDF `path`; `extra_dir` adds a folder of certificates
    (self-signed ones as anchors), as `hoso pdf verify --roots DIR` does."""
    if extra_dir is not None:
        trust = trust.with_certificates(certificates_in_folder(extra_dir))
    return verify_pdf(read_pdf_file(path), trust, now)
