"""Signed PDFs dropped on the dossier (issue 15): the files or folders dropped (or chosen),
taken in by core.operations.signed_documents, and what became of each file said plainly;
the signature column of the dossier's document list; the signatures of one document shown
as checked now.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.i18n import _
from desktop.core.operations import signed_documents as signed_ops
from desktop.ui.context import AppContext
from desktop.ui.feedback import attempt
from desktop.ui.signatures_view import DocumentSignatures, SignaturesDialog

if TYPE_CHECKING:
    from desktop.core.documents.blocks import Document

OK = "#1d5e20"
WARN = "#8a5a00"
GREY = "#777777"


def dropped_paths(mime: QMimeData) -> list[Path]:
    """Local PDF files and folders in a drag (anything else is ignored)."""
    out = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or path.suffix.lower() == ".pdf":
            out.append(path)
    return out


def signature_cell(doc: Document, signed: signed_ops.SignedDocument | None
                   ) -> tuple[str, str, str]:
    """(text, colour, tooltip) of a document's "Chữ ký số" cell."""
    if signed is not None:
        trusted = all(s.get("trusted") for s in signed.signatures)
        lines = []
        for s in signed.signatures:
            lines.append(_("{signer} — {org} — {time}").format(
                signer=s.get("signer") or "?", org=s.get("organisation") or "",
                time=s.get("signing_time_text") or "?"))
        if signed.empty_fields:
            lines.append(_("Ô chưa ký: {names}").format(names=", ".join(signed.empty_fields)))
        names = "; ".join(str(s.get("signer") or "?") for s in signed.signatures)
        last = max((str(s.get("signing_time_text") or "") for s in signed.signatures),
                   default="")
        text = _("Đã ký: {who} — {when}").format(who=names, when=last[:16])
        if not trusted:
            text += " " + _("(chứng thư chưa nối tới gốc tin cậy)")
        return text, OK if trusted else WARN, "\n".join(lines)
    if doc.metadata.get("signing"):
        return (_("Chưa ký"), GREY,
                _("Có ô chữ ký số trống: ký bằng phần mềm ký số rồi kéo thả tệp đã ký vào "
                  "đây."))
    return "", GREY, ""


def outcomes_text(outcomes: Sequence[signed_ops.ImportOutcome]) -> str:
    lines = []
    for o in outcomes:
        if o.duplicate:
            lines.append(_("• {file}: đã nhận trước đây.").format(file=o.file.name))
        elif o.accepted and o.document is not None:
            lines.append(_("• {file}: nhận là “{title}” — {who}.").format(
                file=o.file.name, title=o.document.title, who=o.document.signers_text()))
            lines += [f"    – {w}" for w in o.warnings]
        else:
            why = "; ".join(p.message for p in o.problems)
            lines.append(_("• {file}: KHÔNG nhận — {why}.").format(file=o.file.name, why=why))
    accepted = sum(1 for o in outcomes if o.accepted and not o.duplicate)
    head = _("Đã nhận {n}/{t} tệp đã ký.").format(n=accepted, t=len(outcomes))
    return head + "\n\n" + "\n".join(lines)


def take_signed(parent: QWidget, ctx: AppContext, round_id: int, paths: Sequence[Path]
                ) -> list[signed_ops.ImportOutcome] | None:
    """Take the files in and say what became of each; None when refused as a whole."""
    if not paths:
        return None
    outcomes = attempt(parent, lambda: signed_ops.import_signed(
        ctx.store, ctx.catalog, round_id, list(paths), ctx.actor), ctx.store)
    if outcomes is not None:
        show_outcomes(parent, outcomes)
    return outcomes


def show_outcomes(parent: QWidget, outcomes: Sequence[signed_ops.ImportOutcome]) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(_("Nhận văn bản đã ký"))
    refused = any(not o.accepted for o in outcomes)
    box.setIcon(QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information)
    box.setText(outcomes_text(outcomes))
    box.exec()


def show_signatures(parent: QWidget, ctx: AppContext, signed: signed_ops.SignedDocument
                    ) -> SignaturesDialog | None:
    """The signatures of one stored signed copy, checked again now."""
    check = attempt(parent, lambda: signed_ops.recheck(ctx.store, ctx.catalog, signed),
                    ctx.store)
    if check is None:
        return None
    dialog = SignaturesDialog(_("Chữ ký số – {title}").format(title=signed.title),
                              [DocumentSignatures(signed.title, signed.original_name, check)],
                              parent)
    dialog.exec()
    return dialog
