"""Receipts (biên nhận): the province office signs one for a package it received; the unit
imports it, verified with the office's key, and its sent package shows as received."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.receiving.enrolment import province_public_keys as keys_to_verify
from desktop.core.operations.receiving.files import target_path, write_signed
from desktop.core.operations.receiving.intake import ReceivedDossier, get_received
from desktop.core.package import receipt as rcpt
from desktop.core.package.minisign import PublicKey, SecretKey
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.store.database import now_iso
from desktop.core.text import clean, format_date


@dataclass(frozen=True)
class ReceiptResult:
    dossier_id: str
    revision: int
    received_on: date
    receiving_body: str
    already: bool              # the same receipt had been imported before


def receipt_file_name(item: ReceivedDossier) -> str:
    """The name a receipt for this package is saved under (BN_<unit>_<dossier>_r<rev>…)."""
    return rcpt.receipt_file_name(item.unit_code, item.dossier_id, item.revision)


def receiving_body(store: Store, given: str) -> str:
    """The office's name as the receipt states it: as given, or the profile's unit name."""
    body = clean(given)
    if body:
        return body
    unit = reg_repo.get_unit(store.db)
    return unit.name if unit else ""


def _receipt_document(item: ReceivedDossier, body: str, note: str) -> dict[str, Any]:
    summary = item.summary
    document: dict[str, Any] = {
        "schema": rcpt.RECEIPT_SCHEMA, "dossier_id": item.dossier_id, "revision": item.revision,
        "package_sha256": item.sha256,
        "package_file": str(summary.get("package_file", "")),
        "unit": {"code": item.unit_code, "name": item.unit_name},
        "received_on": item.received_on.isoformat(), "receiving_body": body,
        "documents": int(summary.get("documents", 0)),
        "attachments": int(summary.get("attachments", 0)),
        "nominations": int(summary.get("nominations", 0)),
        "issued_at": now_iso(),
    }
    if clean(note):
        document["note"] = clean(note)
    return document


def issue_receipt(store: Store, secret: SecretKey, received_id: int, dest: Path, actor: str,
                  today: date, *, receiving_body: str = "", note: str = "") -> Path:
    """Write the signed receipt (biên nhận) for one received package. `dest` is a file or a
    folder (the file is then named BN_<unit>_<dossier>_r<rev>.bien-nhan.json). `secret` is
    this office's own signing key (keys.load_secret)."""
    item = get_received(store, received_id)
    body = _body_or_refuse(store, receiving_body)
    document = _receipt_document(item, body, note)
    path = write_signed(target_path(dest, receipt_file_name(item)), secret, document)
    with store.write() as db:
        reg_repo.append_audit(db, actor, "receipt", "received_package", item.id,
                              _("Cấp biên nhận hồ sơ {id} lần gửi {rev} cho {unit}").format(
                                  id=item.dossier_id, rev=item.revision, unit=item.unit_name),
                              {"file": path.name, "key_id": secret.key_id_hex,
                               "on": today.isoformat()})
    return path


def _body_or_refuse(store: Store, given: str) -> str:
    body = receiving_body(store, given)
    if not body:
        raise UserError(_("Chưa có tên cơ quan tiếp nhận để ghi vào biên nhận."),
                        _("Hãy nhập tên cơ quan trong Thông tin đơn vị."),
                        code="receipt.body_missing")
    return body


# ---- unit side -----------------------------------------------------------------------------------


def refuse_other_unit(store: Store, document: Mapping[str, Any], message: str, code: str
                      ) -> None:
    """A signed file names the unit it is for; this profile's unit must be that one.
    `message` has {other} and {mine}."""
    unit = reg_repo.get_unit(store.db)
    other = document["unit"]["code"]
    if unit is not None and unit.code and other.upper() != unit.code.upper():
        raise UserError(message.format(other=other, mine=unit.code), code=code)


def _sent_package(store: Store, doc: Mapping[str, Any], dossier_id: str, revision: int
                  ) -> repo.ExportedPackageRow:
    """The package the receipt is for: this unit must have sent exactly that one."""
    exported = repo.get_exported_package(store.db, dossier_id, revision)
    if exported is None:
        raise UserError(_("Biên nhận ghi hồ sơ {id} lần gửi {rev}, nhưng đơn vị chưa gửi gói "
                          "nào như vậy từ hồ sơ này.").format(id=dossier_id, rev=revision),
                        _("Hãy kiểm tra đúng hồ sơ (đúng máy, đúng đơn vị) rồi nhập lại."),
                        code="receipt.package_not_sent")
    if exported.sha256.lower() != doc["package_sha256"]:
        raise UserError(_("Biên nhận là cho một gói khác với gói đơn vị đã gửi (hồ sơ {id} lần "
                          "gửi {rev}).").format(id=dossier_id, rev=revision),
                        _("Có thể tỉnh đã nhận một bản khác; hãy liên hệ cơ quan tiếp nhận."),
                        code="receipt.other_package")
    return exported


def import_receipt(store: Store, path: Path, province_public_keys: Sequence[PublicKey] | None,
                   actor: str) -> ReceiptResult:
    """Verify a receipt with the province's key and mark the package it names as received.
    `province_public_keys` None: the keys kept in the profile (set_province_key)."""
    keys = keys_to_verify(store, province_public_keys)
    signed = rcpt.load_signed(Path(path), keys, rcpt.RECEIPT_SCHEMA)
    doc = signed.document
    dossier_id, revision = clean(doc["dossier_id"]), int(doc["revision"])
    refuse_other_unit(store, doc, _("Biên nhận này cấp cho đơn vị {other}, không phải "
                                       "{mine}."), "receipt.other_unit")
    exported = _sent_package(store, doc, dossier_id, revision)
    received_on = date.fromisoformat(doc["received_on"])
    stored = {"document": doc, "key_id": signed.key_id, "file_sha256": signed.sha256}
    already = exported.receipt is not None and exported.receipt.get("file_sha256") == signed.sha256
    if not already:
        with store.write() as wdb:
            assert exported.id is not None
            repo.set_receipt(wdb, exported.id, stored, received_on.isoformat())
            reg_repo.append_audit(
                wdb, actor, "receipt", "exported_package", exported.id,
                _("Tỉnh đã nhận hồ sơ {id} lần gửi {rev} ngày {day} ({body})").format(
                    id=dossier_id, rev=revision, day=format_date(received_on),
                    body=doc["receiving_body"]),
                {"key_id": signed.key_id, "file_sha256": signed.sha256})
    return ReceiptResult(dossier_id, revision, received_on, doc["receiving_body"], already)
