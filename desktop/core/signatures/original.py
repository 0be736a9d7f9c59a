"""Is a signed PDF the original the app wrote, plus signatures and nothing else?

A signing tool (vSignPDF, VGCASignService, a CA's app, pyHanko) adds each signature as an
incremental update: the original file's bytes stay as they were and the update is appended.
So a signed copy must (1) begin with exactly the original's bytes, and (2) change nothing
after them beyond filling signature fields (pyHanko's difference analysis, from the
original's last revision to the end of the file). Anything else — a page rewritten, an
annotation, a field that is not a signature — is refused with its reason.

`page_text(data)` reads the printed text of the first pages (pypdfium2), for matching a
signed file to its document by the dossier id and number printed on it.
"""

from __future__ import annotations

import hashlib
import logging
import re

import pypdfium2
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    DiffResult,
    ModificationLevel,
    StandardDiffPolicy,
    SuspiciousModification,
)
from pyhanko.sign.diff_analysis.constants import (
    ACROFORM_EXEMPT_STRICT_COMPARISON,
    ROOT_EXEMPT_STRICT_COMPARISON,
)
from pyhanko.sign.diff_analysis.form_rules_api import FormUpdatingRule
from pyhanko.sign.diff_analysis.rules.file_structure_rules import CatalogModificationRule
from pyhanko.sign.diff_analysis.rules.form_field_rules import (
    GenericFieldModificationRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
)
from pyhanko.sign.fields import enumerate_sig_fields

from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.signatures.verify import MAX_PDF, read_pdf

log = logging.getLogger(__name__)
MAX_TEXT_PAGES = 2
# pyHanko's own policy, except for what a signature's own revision adds, which pyHanko never
# diffs (it reviews from a signed revision on) but we must, reviewing from the original: the
# catalog gains /Perms when the first signature certifies (DocMDP level 2), and /AcroForm
# gains /SigFlags. Only the first signature may certify (checked below).
_FROM_ORIGINAL = StandardDiffPolicy(
    global_rules=[CatalogModificationRule(
        ignored_keys=ROOT_EXEMPT_STRICT_COMPARISON | {"/Perms"}),
        *DEFAULT_DIFF_POLICY.global_rules[1:]],
    form_rule=FormUpdatingRule(
        field_rules=[SigFieldCreationRule(), SigFieldModificationRule(),
                     GenericFieldModificationRule()],
        ignored_acroform_keys=ACROFORM_EXEMPT_STRICT_COMPARISON | {"/SigFlags"}))
_SPACES = re.compile(r"\s+")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def starts_with_original(signed: bytes, size: int, sha256: str) -> bool:
    """The first `size` bytes of `signed` are the original whose digest is `sha256`."""
    return len(signed) >= size and sha256_hex(signed[:size]) == sha256


def check_increments(original: bytes | None, signed: bytes, original_size: int,
                     original_sha256: str) -> list[Problem]:
    """Every way `signed` is more than the original plus signature updates; [] when it is
    exactly that. `original` (the bytes) may be None: the digest and size suffice for the
    prefix, the revision count is then read from the prefix itself."""
    if len(signed) > MAX_PDF:
        return [Problem("signed.too_large", "", _("tệp PDF quá lớn"))]
    if not starts_with_original(signed, original_size, original_sha256):
        return [Problem("signed.not_original", "", _(
            "tệp đã ký không bắt đầu bằng đúng bản gốc phần mềm đã in: văn bản đã bị làm lại "
            "hoặc sửa trước khi ký"))]
    prefix = original if original is not None else signed[:original_size]
    try:
        base = read_pdf(prefix).xrefs.total_revisions - 1
        reader = read_pdf(signed)
        if reader.xrefs.total_revisions <= base + 1:
            return [Problem("signed.no_update", "", _("tệp không có phần nào được thêm sau "
                                                      "bản gốc (chưa ký)"))]
        same_start = (reader.xrefs.get_startxref_for_revision(base)
                      == read_pdf(prefix).xrefs.get_startxref_for_revision(base))
        if not same_start:
            return [Problem("signed.not_original", "", _(
                "cấu trúc tệp đã ký không khớp bản gốc"))]
        result = _FROM_ORIGINAL.review_file(reader, base)
        signature_fields = {name for name, _value, _ref in enumerate_sig_fields(reader)}
        late_certification = _late_certification(reader, base)
    except Exception as exc:
        log.info("increments unreadable: %s", exc)
        return [Problem("signed.unreadable", "", _("không đọc được phần thêm sau bản gốc"))]
    if isinstance(result, SuspiciousModification):
        return [Problem("signed.content_changed", "", _(
            "sau bản gốc có thay đổi không phải chữ ký (nội dung hoặc cấu trúc văn bản bị "
            "sửa)"))]
    assert isinstance(result, DiffResult)
    if result.modification_level > ModificationLevel.FORM_FILLING:
        return [Problem("signed.content_changed", "", _(
            "sau bản gốc có thêm chú thích hoặc thay đổi khác ngoài chữ ký"))]
    if late_certification:
        return [Problem("signed.content_changed", "", _(
            "chữ ký chứng nhận văn bản không phải chữ ký đầu tiên"))]
    other = sorted(set(result.changed_form_fields) - signature_fields)
    if other:
        return [Problem("signed.fields_changed", "", _(
            "sau bản gốc có trường biểu mẫu bị điền không phải ô chữ ký: {names}").format(
                names=", ".join(other)))]
    return []


def _late_certification(reader: object, base: int) -> bool:
    """A certification (/Perms /DocMDP) must be the first signature after the original."""
    sigs = list(reader.embedded_regular_signatures)   # type: ignore[attr-defined]
    perms = reader.root.get("/Perms")                 # type: ignore[attr-defined]
    if perms is None or "/DocMDP" not in perms:
        return False
    certifying = perms.raw_get("/DocMDP")
    target = getattr(certifying, "reference", certifying)
    for sig in sigs:
        value = sig.sig_field.raw_get("/V")
        if getattr(value, "reference", value) == target:
            return bool(sig.signed_revision != base + 1)
    return True   # /Perms names a signature that is not in the file


def page_text(data: bytes, pages: int = MAX_TEXT_PAGES) -> str:
    """The text of the first `pages` pages, white space collapsed ("" when unreadable)."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as exc:
        log.info("no text: %s", exc)
        return ""
    try:
        parts = []
        for index in range(min(len(pdf), pages)):
            page = pdf[index]
            text_page = page.get_textpage()
            parts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return _SPACES.sub(" ", " ".join(parts)).strip()
    finally:
        pdf.close()
