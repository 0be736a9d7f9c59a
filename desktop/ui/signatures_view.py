"""“Chữ ký số trên văn bản”: each document and its digital signatures as checked offline,
shown the way signing tools print them (INTEROP §1: Người ký, Cơ quan, Chức vụ, Thời gian
ký dd.MM.yyyy HH:mm:ss +07:00), each with its verdict — and always the caveat that
revocation was not checked, so nothing here reads as plainly "hợp lệ".

Used by the dossier dialog (the unit's signed copies) and the received-dossiers window (the
documents of a package, checked again with this office's trusted certificates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.core.signatures.verify import PdfCheck, SignatureCheck

OK = "#1d5e20"
WARN = "#8a5a00"
BAD = "#8b0000"
GREY = "#666666"


@dataclass(frozen=True)
class DocumentSignatures:
    """One document to show: its title, the file it came from, the check."""

    title: str
    file: str
    check: PdfCheck
    expected: bool = True      # signature fields or dossier.json say it should be signed


def _colour(sig: SignatureCheck) -> str:
    if sig.ok:
        return OK
    codes = {p.code for p in sig.problems}
    return WARN if codes <= {"signature.untrusted", "signature.time_in_future"} else BAD


def signature_html(index: int, sig: SignatureCheck) -> str:
    colour = _colour(sig)
    mark = "✔" if sig.ok else ("!" if colour == WARN else "✘")
    head = _("Chữ ký {n} — ô {field}").format(n=index, field=sig.field or "?")
    lines = "<br>".join(escape(line) for line in sig.appearance_lines())
    chain = ""
    if sig.chain:
        chain = (f"<br><span style='color:{GREY}'>"
                 + escape(_("Chuỗi chứng thư: {chain}").format(chain=" → ".join(sig.chain)))
                 + "</span>")
    return (f"<div style='margin:4px 0 8px 18px'><b style='color:{colour}'>{mark} "
            f"{escape(head)}</b><br>{lines}{chain}<br>"
            f"<span style='color:{colour}'>{escape(sig.verdict())}</span></div>")


def document_html(doc: DocumentSignatures) -> str:
    parts = [f"<h3 style='margin:10px 0 2px 0'>{escape(doc.title)}</h3>"
             f"<div style='color:{GREY}'>{escape(doc.file)}</div>"]
    check = doc.check
    if not check.signatures:
        other = [p.message for p in check.problems if p.code != "pdf.no_signature"]
        text = (_("Không kiểm tra được: {why}.").format(why="; ".join(other)) if other
                else _("Chưa có chữ ký số."))
        colour = BAD if doc.expected or other else GREY
        parts.append(f"<div style='margin-left:18px;color:{colour}'>{escape(text)}</div>")
    for i, sig in enumerate(check.signatures, start=1):
        parts.append(signature_html(i, sig))
    if check.empty_fields:
        parts.append(f"<div style='margin-left:18px;color:{WARN}'>" + escape(
            _("Ô chữ ký chưa ký: {names}").format(names=", ".join(check.empty_fields)))
            + "</div>")
    return "".join(parts)


class SignaturesDialog(QDialog):
    def __init__(self, title: str, documents: Sequence[DocumentSignatures],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 640)
        self.documents = list(documents)
        signed = sum(1 for d in documents if d.check.signatures)
        good = sum(1 for d in documents if d.check.ok)
        self.summary = QLabel(_(
            "{signed}/{total} văn bản có chữ ký số; {good} văn bản có mọi chữ ký nguyên vẹn và "
            "nối tới chứng thư gốc tin cậy.").format(signed=signed, total=len(documents),
                                                     good=good))
        self.summary.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.view.setHtml("".join(document_html(d) for d in documents) or escape(
            _("Không có văn bản PDF nào.")))
        caveat = QLabel(_("Kiểm tra không cần mạng: chữ ký còn nguyên, văn bản không bị sửa sau "
                          "khi ký, chứng thư nối tới chứng thư gốc tin cậy. Việc chứng thư có bị "
                          "thu hồi hay không chưa được kiểm tra (cần mạng): hãy kiểm tra thêm "
                          "bằng phần mềm của Ban Cơ yếu hoặc tổ chức cấp chứng thư khi có "
                          "mạng."))
        caveat.setObjectName("hint")
        caveat.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(caveat)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
