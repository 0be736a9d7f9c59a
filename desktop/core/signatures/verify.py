"""Check every signature of a signed PDF offline, with pyHanko, and say honestly what was
and was not checked.

For each signature: the bytes it covers are unchanged and its cryptography holds (intact);
nothing was changed after it beyond what its field locks and the document's DocMDP level
allow (another signature into an empty field is allowed, rewriting a page is not); the
signer's certificate (name, organisation, position), the signing time the signer's computer
wrote and any timestamp; the chain from that certificate to a root the app trusts, at the
time of signing. Revocation (CRL/OCSP) needs the network, so it is never checked here and
every result says so: a signature is never called "hợp lệ" without that caveat.

`verify_pdf(data, trust)` never raises for a bad PDF: an unreadable file, a PDF without
signatures or an encrypted one is a PdfCheck with a document-level problem.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.signatures.certs import CertInfo, describe
from desktop.core.signatures.trust import TrustSet

MAX_PDF = 100 * 1024 * 1024      # a signed tờ trình is a few hundred kB; scans stay far below
MAX_SIGNATURES = 32
VIETNAM = timezone(timedelta(hours=7), "+07:00")   # no daylight saving: a fixed offset
REVOCATION_NOT_CHECKED = "not_checked"

log = logging.getLogger(__name__)


def revocation_caveat() -> str:
    return _("chưa kiểm tra thu hồi chứng thư — không có mạng")


def format_signing_time(moment: datetime | None) -> str:
    """"12.05.2026 09:15:02 +07:00", the form signing tools print (INTEROP §1)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM).strftime("%d.%m.%Y %H:%M:%S +07:00")


@dataclass(frozen=True)
class SignatureCheck:
    """One signature, as checked."""

    field: str
    cert: CertInfo
    signing_time: datetime | None          # written by the signer's computer (not proof)
    timestamp_time: datetime | None        # from a timestamp token, when there is one
    timestamp_trusted: bool
    intact: bool                           # its bytes unchanged, its cryptography holds
    unchanged_after: bool                  # nothing after it beyond what its locks allow
    trusted: bool                          # chained to a trusted root, valid at signing
    certification: str                     # "" approval; "no_changes" / "fill_forms" / …
    chain: tuple[str, ...]                 # common names, root first
    problems: tuple[Problem, ...] = ()
    revocation: str = REVOCATION_NOT_CHECKED

    @property
    def ok(self) -> bool:
        return self.intact and self.unchanged_after and self.trusted and not self.problems

    @property
    def signer(self) -> str:
        return self.cert.common_name

    @property
    def organisation(self) -> str:
        return self.cert.organisation

    @property
    def position(self) -> str:
        return self.cert.title

    @property
    def shown_time(self) -> datetime | None:
        """The timestamp's time when there is a trusted one, else the signer's clock."""
        if self.timestamp_time is not None and self.timestamp_trusted:
            return self.timestamp_time
        return self.signing_time

    def appearance_lines(self) -> list[str]:
        """The lines a signing tool prints in the visible signature (INTEROP §1)."""
        lines = [_("Người ký: {name}").format(name=self.signer or "?")]
        if self.cert.email:
            lines.append(_("Email: {email}").format(email=self.cert.email))
        if self.organisation:
            lines.append(_("Cơ quan: {org}").format(org=self.organisation))
        if self.position:
            lines.append(_("Chức vụ: {title}").format(title=self.position))
        if self.shown_time is not None:
            lines.append(_("Thời gian ký: {time}").format(
                time=format_signing_time(self.shown_time)))
        return lines

    def verdict(self) -> str:
        """One honest sentence: never "hợp lệ" without the revocation caveat."""
        if self.ok:
            return _("Chữ ký nguyên vẹn, văn bản không bị sửa sau khi ký, chứng thư nối tới "
                     "gốc tin cậy; {caveat}.").format(caveat=revocation_caveat())
        reasons = "; ".join(p.message for p in self.problems)
        return _("Không đạt: {reasons}; {caveat}.").format(reasons=reasons,
                                                           caveat=revocation_caveat())


@dataclass(frozen=True)
class PdfCheck:
    """Every signature of one PDF; `problems` are about the file itself."""

    signatures: tuple[SignatureCheck, ...] = ()
    problems: tuple[Problem, ...] = ()
    empty_fields: tuple[str, ...] = ()     # signature fields nobody has signed yet
    revision_ends: tuple[int, ...] = field(default=())

    @property
    def readable(self) -> bool:
        return bool(self.signatures) and not self.problems

    @property
    def ok(self) -> bool:
        return self.readable and all(s.ok for s in self.signatures)

    @property
    def exit_code(self) -> int:
        """0 every signature intact and trusted; 1 one is not; 2 unreadable or unsigned."""
        if not self.readable:
            return 2
        return 0 if self.ok else 1


def _problem(code: str, message: str, where: str = "") -> Problem:
    return Problem(code, where, message)


def _context(trust: TrustSet, moment: datetime | None,
             embedded: Sequence[x509.Certificate]) -> ValidationContext:
    return ValidationContext(
        trust_roots=list(trust.roots), other_certs=[*trust.intermediates, *embedded],
        allow_fetching=False, revocation_mode="soft-fail", moment=moment)


_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                 match_all_key_usages=False)


def _chain(status: PdfSignatureStatus) -> tuple[str, ...]:
    path = status.validation_path
    if path is None:
        return ()
    names = []
    for cert in path.iter_certs(include_root=True):
        names.append(describe(cert).common_name)
    return tuple(names)


def _certification(sig: EmbeddedPdfSignature) -> str:
    """The DocMDP level when this signature certifies the document ("" for approval)."""
    try:
        for ref in sig.sig_object.get("/Reference", ()):
            ref = ref.get_object()
            if ref.get("/TransformMethod") == "/DocMDP":
                level = int(ref.get("/TransformParams", {}).get("/P", 2))
                return {1: "no_changes", 2: "fill_forms", 3: "annotate"}.get(level, "")
    except (AttributeError, TypeError, ValueError):
        return ""
    return ""


def _modified(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return True
    if isinstance(status.diff_result, SuspiciousModification):
        return True
    level = status.modification_level
    if level is None or level == ModificationLevel.OTHER:
        return True
    return not status.docmdp_ok


def _why_modified(status: PdfSignatureStatus) -> str:
    if status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE,
                               SignatureCoverageLevel.ENTIRE_REVISION):
        return _("chữ ký không phủ trọn phần văn bản nó ký")
    if isinstance(status.diff_result, SuspiciousModification):
        return _("văn bản bị sửa sau khi ký (nội dung hoặc cấu trúc thay đổi, không chỉ thêm "
                 "chữ ký)")
    return _("văn bản bị sửa sau khi ký nhiều hơn mức khóa của chữ ký cho phép")


def _check_one(sig: EmbeddedPdfSignature, trust: TrustSet, now: datetime) -> SignatureCheck:
    claimed = sig.self_reported_timestamp
    try:
        claimed_attr = sig.signer_info["signed_attrs"]
        for attr in claimed_attr:
            if attr["type"].native == "signing_time":
                claimed = attr["values"][0].native
    except (KeyError, ValueError, TypeError):
        pass
    # The chain is judged at the time of signing: the timestamp's when the signature has one
    # (pyHanko uses it), else the time the signer's computer wrote, never in the future.
    moment = min(claimed, now) if claimed is not None else now
    context = _context(trust, moment, sig.other_embedded_certs)
    status = validate_pdf_signature(sig, context, key_usage_settings=_KEY_USAGE)
    cert = describe(sig.signer_cert)
    problems: list[Problem] = []
    where = str(sig.field_name or "")
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append(_problem("signature.broken", _(
            "chữ ký bị hỏng: nội dung được ký đã bị thay đổi hoặc chữ ký không khớp chứng thư"),
            where))
    modified = _modified(status)
    if modified and intact:
        problems.append(_problem("signature.modified_after", _why_modified(status), where))
    ts = status.timestamp_validity
    ts_time = ts.timestamp if ts is not None else None
    ts_trusted = bool(ts is not None and ts.intact and ts.valid and ts.trusted)
    signed_at = ts_time if ts_trusted else moment
    if signed_at is not None and signed_at > cert.not_after:
        problems.append(_problem("signature.cert_expired", _(
            "chứng thư của người ký đã hết hạn ngày {day} trước khi ký").format(
                day=cert.not_after.astimezone(VIETNAM).strftime("%d/%m/%Y")), where))
    elif signed_at is not None and signed_at < cert.not_before:
        problems.append(_problem("signature.cert_not_yet_valid", _(
            "chứng thư của người ký chưa có hiệu lực khi ký (hiệu lực từ {day})").format(
                day=cert.not_before.astimezone(VIETNAM).strftime("%d/%m/%Y")), where))
    trusted = bool(status.trusted) and not any(
        p.code.startswith("signature.cert_") for p in problems)
    if intact and not status.trusted and not any(p.code.startswith("signature.cert_")
                                                 for p in problems):
        problems.append(_problem("signature.untrusted", _(
            "chứng thư của người ký không nối được tới chứng thư gốc tin cậy nào (tổ chức "
            "cấp: {issuer})").format(issuer=cert.issuer or "?"), where))
    if claimed is not None and claimed > now + timedelta(minutes=5):
        problems.append(_problem("signature.time_in_future", _(
            "thời gian ký ghi trong chữ ký ở tương lai ({time})").format(
                time=format_signing_time(claimed)), where))
    return SignatureCheck(
        field=where, cert=cert, signing_time=claimed, timestamp_time=ts_time,
        timestamp_trusted=ts_trusted, intact=intact, unchanged_after=not modified,
        trusted=trusted, certification=_certification(sig), chain=_chain(status),
        problems=tuple(problems))


def read_pdf(data: bytes) -> PdfFileReader:
    """A pyHanko reader over `data`; ValueError-like failures are the caller's to report."""
    return PdfFileReader(io.BytesIO(data), strict=False)


def verify_pdf(data: bytes, trust: TrustSet, now: datetime | None = None) -> PdfCheck:
    """Check every signature in `data` (the whole PDF file) against `trust`."""
    now = now or datetime.now(UTC)
    if len(data) > MAX_PDF:
        return PdfCheck(problems=(_problem("pdf.too_large", _(
            "tệp PDF lớn quá {mb} MB").format(mb=MAX_PDF // (1024 * 1024))),))
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        return PdfCheck(problems=(_problem("pdf.unreadable", _("tệp không phải PDF")),))
    try:
        reader = read_pdf(data)
        if reader.encrypted:
            return PdfCheck(problems=(_problem("pdf.encrypted", _(
                "tệp PDF được đặt mật khẩu, không kiểm tra được chữ ký")),))
        embedded = list(reader.embedded_regular_signatures)
        empty = tuple(name for name, value, _ref in enumerate_sig_fields(reader)
                      if value is None)
        ends = tuple(reader.xrefs.get_xref_container_info(i).end_location
                     for i in range(reader.xrefs.total_revisions))
    except Exception as exc:
        log.info("unreadable PDF: %s", exc)
        return PdfCheck(problems=(_problem("pdf.unreadable", _(
            "không đọc được tệp PDF (tệp hỏng hoặc không đúng định dạng)")),))
    if not embedded:
        return PdfCheck(problems=(_problem("pdf.no_signature", _(
            "tệp PDF không có chữ ký số nào")),), empty_fields=empty, revision_ends=ends)
    if len(embedded) > MAX_SIGNATURES:
        return PdfCheck(problems=(_problem("pdf.too_many_signatures", _(
            "tệp PDF có quá nhiều chữ ký ({n})").format(n=len(embedded))),))
    checks = []
    for sig in embedded:
        try:
            checks.append(_check_one(sig, trust, now))
        except Exception as exc:
            log.info("signature %s unreadable: %s", sig.field_name, exc)
            checks.append(_unreadable_signature(sig))
    return PdfCheck(signatures=tuple(checks), empty_fields=empty, revision_ends=ends)


def _unreadable_signature(sig: EmbeddedPdfSignature) -> SignatureCheck:
    where = str(sig.field_name or "")
    try:
        cert = describe(sig.signer_cert)
    except Exception:
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        cert = CertInfo("", "", "", "", "", "", "", epoch, epoch, False, False)
    return SignatureCheck(
        field=where, cert=cert, signing_time=None, timestamp_time=None,
        timestamp_trusted=False, intact=False, unchanged_after=False, trusted=False,
        certification="", chain=(), problems=(_problem("signature.broken", _(
            "chữ ký hỏng, không đọc được"), where),))
