"""The province side of issue 15: every digital signature on the documents of a received
package, checked again here with the certificates this office trusts — never taken on the
unit's word (dossier.json only says which documents the unit sent as signed).

The stored package is the one verified when it was received, kept under its SHA-256; its
digest is checked again before any PDF is read out of it, and each PDF is read with the size
bounds of the package reader.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.operations import receiving as rc
from desktop.core.operations import trust_roots
from desktop.core.package.zipsafe import EntryError, read_entry
from desktop.core.signatures.verify import MAX_PDF, PdfCheck, verify_pdf
from desktop.core.store import Store

DOSSIER_JSON = "data/dossier.json"
MAX_JSON = 32 * 1024 * 1024


@dataclass(frozen=True)
class ReceivedDocumentCheck:
    path: str                      # data/documents/…
    kind: str
    sent_as_signed: bool           # dossier.json lists it in signed_documents
    check: PdfCheck

    @property
    def signed(self) -> bool:
        return bool(self.check.signatures)


def _read(zf: zipfile.ZipFile, handle: io.BufferedReader, name: str, limit: int) -> bytes:
    info = zf.getinfo(name)
    parts: list[bytes] = []
    read_entry(handle, info, limit, parts.append)
    return b"".join(parts)


def received_document_checks(store: Store, catalog: Catalog, received_id: int,
                             now: datetime | None = None) -> list[ReceivedDocumentCheck]:
    """Every PDF document of the received package, with its signatures checked (a PDF with
    none is listed too, so the officer sees what came unsigned)."""
    item = rc.get_received(store, received_id)
    try:
        with open(item.stored_path, "rb") as handle:
            digest = hashlib.sha256()
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            if digest.hexdigest() != item.sha256:
                raise UserError(_("Bản lưu của gói đã nhận đã bị thay đổi trên đĩa."),
                                _("Hãy nhận lại gói từ tệp gốc đơn vị gửi."),
                                code="received.store_changed")
            handle.seek(0)
            zf = zipfile.ZipFile(handle)
            dossier: dict[str, Any] = json.loads(_read(zf, handle, DOSSIER_JSON, MAX_JSON))
            listed = {str(e.get("path")) for e in dossier.get("signed_documents") or ()
                      if isinstance(e, dict)}
            trust = trust_roots.trust_set(store, catalog)
            out = []
            for entry in dossier.get("documents") or ():
                path = str(entry.get("path", "")) if isinstance(entry, dict) else ""
                if not path.lower().endswith(".pdf") or path not in zf.namelist():
                    continue
                try:
                    data = _read(zf, handle, path, MAX_PDF)
                    check = verify_pdf(data, trust, now)
                except EntryError as exc:
                    check = PdfCheck(problems=(Problem("pdf.unreadable", path, _(
                        "không đọc được tệp trong gói ({code})").format(code=exc.code)),))
                out.append(ReceivedDocumentCheck(path, str(entry.get("kind", "")),
                                                 path in listed, check))
            return out
    except OSError as exc:
        raise UserError(_("Không mở được gói đã nhận: {why}").format(why=exc.strerror or exc),
                        code="received.unreadable") from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(_("Gói đã nhận không đọc được: {why}").format(why=exc),
                        code="received.unreadable") from exc
