"""Signed PDFs back into the dossier (issue 15).

The app writes each PDF of the dossier with empty signature fields and remembers it
(`record_prepared`: digest, size, the number it prints, the day it is dated). The officer
signs the files with the tools the Government Cipher Committee or a CA gives them and drops
them back (`import_signed`). Each file is matched to its document — the dossier id printed on
it must be this round's, the number narrows the choice, and the decisive test is that it
begins with the exact bytes of a PDF the app wrote — then checked: nothing after the original
but signature updates, and every signature intact and unchanged after it. A signature whose
certificate does not chain to a trusted root is accepted with a warning (the national root
may not be added yet); a broken, modified or expired one is refused with its reason.

Accepted copies are kept in the profile's signed/ folder under their SHA-256 (written
atomically, private to the user) and recorded in one transaction with the audit log.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.documents.blocks import Document
from desktop.core.errors import Problem, UserError
from desktop.core.files import atomic_path, sha256_file
from desktop.core.i18n import _
from desktop.core.operations import trust_roots
from desktop.core.signatures.original import check_increments, page_text, starts_with_original
from desktop.core.signatures.verify import PdfCheck, SignatureCheck, verify_pdf
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import signatures as repo
from desktop.core.store.database import write_error

SIGNED_DIR = "signed"
MAX_FILES = 500
_DOSSIER_ID = re.compile(r"\bHS\d{4}-[0-9A-F]{6}\b")
_NUMBER = re.compile(r"Số:\s*(\d+/[\w.\-Đđ]+)")
# Refused: the signature itself does not hold. Accepted with a warning: it holds but the app
# cannot (yet) tie it to a trusted root.
REFUSING = frozenset({"signature.broken", "signature.modified_after", "signature.cert_expired",
                      "signature.cert_not_yet_valid"})


@dataclass(frozen=True)
class SignedDocument:
    """The signed copy in force for one document of the round."""

    id: int
    name: str                  # the document's file stem ("01_to_trinh")
    kind: str
    title: str
    number: str
    sha256: str
    path: Path
    original_name: str
    imported_at: str
    imported_by: str
    signatures: tuple[dict[str, Any], ...]
    empty_fields: tuple[str, ...]

    def signers_text(self) -> str:
        """"Hà Văn Thắng (03.12.2026 09:15:02 +07:00); UBND xã …" for lists."""
        parts = [f"{s.get('signer') or '?'} ({s.get('signing_time_text') or '?'})"
                 for s in self.signatures]
        return "; ".join(parts)


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one dropped file."""

    file: Path
    document: SignedDocument | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    duplicate: bool = False

    @property
    def accepted(self) -> bool:
        return self.document is not None and not self.problems


def signed_dir(store: Store) -> Path:
    return store.path.parent / SIGNED_DIR


def summary(check: SignatureCheck) -> dict[str, Any]:
    """One signature as stored, put in dossier.json and printed by `hoso pdf verify --json`."""
    shown = check.shown_time
    from desktop.core.signatures.verify import format_signing_time

    return {
        "field": check.field, "signer": check.signer, "organisation": check.organisation,
        "position": check.position,
        "signing_time": shown.isoformat() if shown else None,
        "signing_time_text": format_signing_time(shown),
        "timestamp": (check.timestamp_time.isoformat()
                      if check.timestamp_time is not None else None),
        "intact": check.intact, "unchanged_after": check.unchanged_after,
        "trusted": check.trusted, "revocation": check.revocation,
        "certificate_sha256": check.cert.sha256,
        "problems": [{"code": p.code, "message": p.message} for p in check.problems],
    }


# ---- what the app wrote --------------------------------------------------------------------


def record_prepared(store: Store, round_id: int, docs: Iterable[Document], folder: Path,
                    dated: date) -> int:
    """Remember every `<name>.pdf` of `docs` in `folder` as written for signing; returns
    how many files were recorded."""
    rows = []
    for doc in docs:
        pdf = folder / f"{doc.name}.pdf"
        if not pdf.is_file():
            continue
        sha, size = sha256_file(pdf)
        rows.append((doc, sha, size))
    with store.write() as db:
        for doc, sha, size in rows:
            repo.record_prepared(db, round_id=round_id, dossier_id=doc.dossier_id,
                                 name=doc.name, kind=doc.kind, title=doc.title,
                                 number=doc.metadata.get("number", ""), sha256=sha, size=size,
                                 # the document's own date (a reprint keeps it), else today
                                 dated=doc.metadata.get("dated") or dated.isoformat())
    return len(rows)


# ---- taking signed files back --------------------------------------------------------------


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and the PDFs directly inside any folder given (sorted by name)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                out += sorted(p for p in path.iterdir()
                              if p.is_file() and p.suffix.lower() == ".pdf")
            except OSError as exc:
                raise UserError(_("Không đọc được thư mục {name}: {why}").format(
                    name=path, why=exc.strerror or exc), code="signed.unreadable") from exc
        else:
            out.append(path)
    if len(out) > MAX_FILES:
        raise UserError(_("Quá nhiều tệp ({n}); mỗi lần nhận tối đa {max} tệp.").format(
            n=len(out), max=MAX_FILES), code="signed.too_many_files")
    return out


def _refused(path: Path, code: str, message: str) -> ImportOutcome:
    return ImportOutcome(path, problems=(Problem(code, path.name, message),))


def _match(data: bytes, prepared: list[repo.PreparedRow], dossier_id: str
           ) -> tuple[repo.PreparedRow | None, Problem | None]:
    text = page_text(data)
    printed = set(_DOSSIER_ID.findall(text))
    if printed and dossier_id not in printed:
        return None, Problem("signed.other_dossier", "", _(
            "văn bản thuộc hồ sơ khác ({other}), không phải hồ sơ {id} của đợt này").format(
                other=", ".join(sorted(printed)), id=dossier_id))
    numbers = set(_NUMBER.findall(text))
    candidates = [p for p in prepared if starts_with_original(data, p.size, p.sha256)]
    if numbers:
        candidates.sort(key=lambda p: p.number not in numbers)
    if not candidates:
        return None, Problem("signed.no_original", "", _(
            "không khớp với văn bản nào phần mềm đã ghi cho đợt này (văn bản đã được ghi lại "
            "sau khi sửa hồ sơ, hoặc bị sửa trước khi ký): hãy ký bản PDF mới nhất"))
    return candidates[0], None


def _current(store: Store, round_id: int, row: repo.SignedRow) -> SignedDocument:
    prepared = repo.get_prepared(store.db, row.prepared_id)
    sigs = tuple(s for s in row.signatures if isinstance(s, dict) and "signer" in s)
    empty = next((tuple(s.get("empty_fields", ())) for s in row.signatures
                  if isinstance(s, dict) and "empty_fields" in s), ())
    return SignedDocument(
        id=row.id, name=row.name, kind=prepared.kind if prepared else "",
        title=prepared.title if prepared else row.name,
        number=prepared.number if prepared else "", sha256=row.sha256,
        path=store.path.parent / row.stored_path, original_name=row.original_name,
        imported_at=row.imported_at, imported_by=row.imported_by, signatures=sigs,
        empty_fields=empty)


def signed_documents(store: Store, round_id: int) -> dict[str, SignedDocument]:
    """Document name → its signed copy in force."""
    return {row.name: _current(store, round_id, row)
            for row in repo.current_signed(store.db, round_id)}


def _store_file(store: Store, data: bytes, sha: str) -> Path:
    folder = signed_dir(store)
    target = folder / f"{sha}.pdf"
    try:
        if not folder.exists():
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(folder, 0o700)
        if not target.exists() or sha256_file(target)[0] != sha:
            with atomic_path(target, mode=0o600) as tmp:
                tmp.write_bytes(data)
    except OSError as exc:
        raise write_error(exc) or UserError(_("Không lưu được tệp đã ký: {why}").format(
            why=exc.strerror or exc), code="signed.not_stored") from exc
    return target


def _one(store: Store, catalog: Catalog, round_id: int, path: Path, dossier_id: str,
         prepared: list[repo.PreparedRow], actor: str, now: datetime | None
         ) -> ImportOutcome:
    try:
        data = trust_roots.read_pdf_file(path)
    except UserError as exc:
        return _refused(path, exc.code or "signed.unreadable", exc.message)
    sha = hashlib.sha256(data).hexdigest()
    known = repo.signed_by_sha(store.db, sha)
    if known is not None and known.round_id == round_id:
        return ImportOutcome(path, _current(store, round_id, known), duplicate=True,
                             warnings=(_("Tệp này đã được nhận trước đây.") ,))
    original, problem = _match(data, prepared, dossier_id)
    if original is None:
        assert problem is not None
        return _refused(path, problem.code, problem.message)
    increments = check_increments(None, data, original.size, original.sha256)
    if increments:
        return ImportOutcome(path, problems=tuple(
            Problem(p.code, path.name, p.message) for p in increments))
    check: PdfCheck = verify_pdf(data, trust_roots.trust_set(store, catalog), now)
    if not check.readable:
        return ImportOutcome(path, problems=tuple(
            Problem(p.code, path.name, p.message) for p in check.problems))
    refusing = [p for s in check.signatures for p in s.problems if p.code in REFUSING]
    if refusing:
        return ImportOutcome(path, problems=tuple(
            Problem(p.code, path.name, p.message) for p in refusing))
    warnings = [f"{s.field}: {p.message}" for s in check.signatures for p in s.problems]
    if check.empty_fields:
        warnings.append(_("Còn ô chữ ký chưa ký: {names}").format(
            names=", ".join(check.empty_fields)))
    stored = _store_file(store, data, sha)
    summaries: list[dict[str, Any]] = [summary(s) for s in check.signatures]
    summaries.append({"empty_fields": list(check.empty_fields)})
    try:
        with store.write() as db:
            new_id = repo.insert_signed(
                db, round_id=round_id, prepared_id=original.id, name=original.name,
                sha256=sha, size=len(data),
                stored_path=stored.relative_to(store.path.parent).as_posix(),
                original_name=path.name, signatures=summaries, actor=actor)
            reg_repo.append_audit(db, actor, "sign_import", "signed_document", new_id, _(
                "Nhận văn bản đã ký “{title}” ({n} chữ ký)").format(
                    title=original.title or original.name, n=len(check.signatures)),
                {"sha256": sha, "file": path.name, "original_sha256": original.sha256,
                 "signers": [s.signer for s in check.signatures]})
    except BaseException:
        if known is None:
            stored.unlink(missing_ok=True)
        raise
    current = signed_documents(store, round_id).get(original.name)
    return ImportOutcome(path, current, warnings=tuple(warnings))


def import_signed(store: Store, catalog: Catalog, round_id: int, paths: Sequence[Path],
                  actor: str, now: datetime | None = None) -> list[ImportOutcome]:
    """Take signed PDFs (files or folders of them) back into the round's dossier; one
    outcome per file, in the order given. A refused file changes nothing."""
    dossier_id = doc_repo.get_dossier_id(store.db, round_id)
    prepared = repo.prepared_of_round(store.db, round_id)
    if not dossier_id or not prepared:
        raise UserError(_("Chưa ghi văn bản PDF nào của đợt này để ký."),
                        _("Hãy bấm “Ghi DOCX + PDF vào thư mục…”, ký các tệp PDF bằng phần "
                          "mềm ký số của Ban Cơ yếu hoặc tổ chức cấp chứng thư, rồi nhận lại "
                          "các tệp đã ký."), code="signed.nothing_prepared")
    return [_one(store, catalog, round_id, path, dossier_id, prepared, actor, now)
            for path in expand(paths)]


def recheck(store: Store, catalog: Catalog, signed: SignedDocument,
            now: datetime | None = None) -> PdfCheck:
    """Verify a stored signed copy again, with the certificates trusted today."""
    data = trust_roots.read_pdf_file(signed.path)
    if hashlib.sha256(data).hexdigest() != signed.sha256:
        from desktop.core.signatures.verify import PdfCheck as _Check

        return _Check(problems=(Problem("signed.store_changed", signed.name, _(
            "tệp đã ký lưu trong hồ sơ đã bị thay đổi trên đĩa")),))
    return verify_pdf(data, trust_roots.trust_set(store, catalog), now)
