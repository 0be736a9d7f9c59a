"""The two small signed files that travel back from the province: the receipt (biên nhận,
schema "hoso-receipt/1") and the decisions file (schema "hoso-decisions/1").

Each is one UTF-8 JSON file, an envelope (format "hoso-signed/1"):

    {"format": "hoso-signed/1",
     "document": "<the document, itself JSON text>",
     "signature": "<a minisign signature file, over the UTF-8 bytes of `document`>"}

The document is kept as text so the exact signed bytes travel unchanged; anyone can check it
with the stock tool:

    jq -j .document FILE > doc.json && jq -j .signature FILE > doc.json.minisig
    minisign -Vm doc.json -p province.pub

The signature's trusted comment repeats the schema, dossier id and revision (tab-separated
`key:value` fields, like the package's). JSON Schemas of both documents are published in
docs/schema/ (written from RECEIPT_JSON_SCHEMA / DECISIONS_JSON_SCHEMA; a test keeps them
equal).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from desktop.core.errors import UserError
from desktop.core.files import write_atomic
from desktop.core.i18n import _
from desktop.core.package import minisign, strictjson
from desktop.core.package.minisign import PublicKey, SecretKey, SignatureError

ENVELOPE_FORMAT = "hoso-signed/1"
RECEIPT_SCHEMA = "hoso-receipt/1"
DECISIONS_SCHEMA = "hoso-decisions/1"
RECEIPT_SUFFIX = ".bien-nhan.json"
DECISIONS_SUFFIX = ".quyet-dinh.json"
MAX_FILE_BYTES = 4 * 1024 * 1024   # a decisions file for a few hundred people is ~100 kB

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string", "maxLength": 500}
_UNIT = {
    "type": "object",
    "required": ["code", "name"],
    "properties": {"code": {"type": "string", "maxLength": 40}, "name": _TEXT},
}
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}

RECEIPT_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://hoso.example/schema/hoso-receipt-1.json",
    "title": "Biên nhận hồ sơ đề nghị khen thưởng (hoso-receipt/1)",
    "description": "Issued by the receiving body for one package it received; signed in "
                   "minisign format inside a hoso-signed/1 envelope.",
    "type": "object",
    "required": ["schema", "dossier_id", "revision", "package_sha256", "package_file", "unit",
                 "received_on", "receiving_body", "documents", "attachments", "nominations",
                 "issued_at"],
    "properties": {
        "schema": {"const": RECEIPT_SCHEMA},
        "dossier_id": {"type": "string", "minLength": 1, "maxLength": 64},
        "revision": {"type": "integer", "minimum": 1, "maximum": 999},
        "package_sha256": _SHA256,
        "package_file": {"type": "string", "maxLength": 255},
        "unit": _UNIT,
        "received_on": _DATE,
        "receiving_body": _TEXT,
        "documents": {"type": "integer", "minimum": 0, "maximum": 10_000},
        "attachments": {"type": "integer", "minimum": 0, "maximum": 10_000},
        "nominations": {"type": "integer", "minimum": 0, "maximum": 10_000},
        "issued_at": {"type": "string", "minLength": 10, "maxLength": 40},
        "note": {"type": "string", "maxLength": 2000},
    },
}

DECISIONS_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://hoso.example/schema/hoso-decisions-1.json",
    "title": "Quyết định khen thưởng cho một hồ sơ (hoso-decisions/1)",
    "description": "Who received what, by which decision, for the nominations of one dossier; "
                   "subjects are those of the unit's dossier.json. Signed in minisign "
                   "format inside a hoso-signed/1 envelope.",
    "type": "object",
    "required": ["schema", "dossier_id", "unit", "issued_at", "decisions"],
    "properties": {
        "schema": {"const": DECISIONS_SCHEMA},
        "dossier_id": {"type": "string", "minLength": 1, "maxLength": 64},
        "unit": _UNIT,
        "issued_at": {"type": "string", "minLength": 10, "maxLength": 40},
        "decisions": {
            "type": "array", "minItems": 1, "maxItems": 5000,
            "items": {
                "type": "object",
                "required": ["subject", "target", "granted", "decision_no", "decision_date",
                             "issuer"],
                "properties": {
                    "subject": {
                        "description": "As in the dossier's dossier.json nominations: kind, "
                                       "name and, when the dossier gave them, the unit's id "
                                       "and the birth date (to tell namesakes apart).",
                        "type": "object", "required": ["kind", "name"],
                        "properties": {
                            "kind": {"enum": ["person", "collective"]},
                            "id": {"type": ["integer", "null"], "minimum": 0,
                                   "maximum": 999_999_999_999},
                            "name": {"type": "string", "minLength": 1, "maxLength": 500},
                            "birth_date": {"oneOf": [_DATE, {"type": "null"}]},
                        },
                    },
                    "target": {"type": "string", "pattern": "^[a-z0-9_]{1,64}$"},
                    "granted": {"type": "boolean"},
                    "decision_no": {"type": "string", "maxLength": 100},
                    "decision_date": {"oneOf": [_DATE, {"type": "null"}]},
                    "issuer": _TEXT,
                    "note": {"type": "string", "maxLength": 2000},
                },
            },
        },
    },
}

ENVELOPE_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://hoso.example/schema/hoso-signed-1.json",
    "title": "Signed document envelope (hoso-signed/1)",
    "description": "`document` is JSON text (a hoso-receipt/1 or hoso-decisions/1 document); "
                   "`signature` is a minisign signature file over its UTF-8 bytes.",
    "type": "object",
    "required": ["format", "document", "signature"],
    "properties": {
        "format": {"const": ENVELOPE_FORMAT},
        "document": {"type": "string", "maxLength": 4_000_000},
        "signature": {"type": "string", "maxLength": 4_096},
    },
}

SCHEMAS = {RECEIPT_SCHEMA: RECEIPT_JSON_SCHEMA, DECISIONS_SCHEMA: DECISIONS_JSON_SCHEMA}
_KINDS = {RECEIPT_SCHEMA: "receipt", DECISIONS_SCHEMA: "decisions"}


def schema_files() -> dict[str, dict[str, Any]]:
    """docs/schema file name → schema, as published."""
    return {"hoso-receipt-1.schema.json": RECEIPT_JSON_SCHEMA,
            "hoso-decisions-1.schema.json": DECISIONS_JSON_SCHEMA,
            "hoso-signed-1.schema.json": ENVELOPE_JSON_SCHEMA}


class SignedFileError(UserError):
    """A receipt or decisions file that does not check out; `code` names the reason."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.code = code


@dataclass(frozen=True)
class SignedFile:
    """A verified receipt or decisions file."""

    schema: str
    document: dict[str, Any]
    key_id: str               # the signer's key id, 16 upper-case hex digits
    trusted_comment: str
    sha256: str               # of the whole file, to recognise it when imported again


def _label(schema: str) -> str:
    return _("biên nhận") if schema == RECEIPT_SCHEMA else _("quyết định khen thưởng")


# ---- writing -------------------------------------------------------------------------------------


def trusted_comment(document: dict[str, Any]) -> str:
    fields = [str(document["schema"]), f"dossier:{document['dossier_id']}"]
    if "revision" in document:
        fields.append(f"revision:{document['revision']}")
    if "package_sha256" in document:
        fields.append(f"sha256:{document['package_sha256']}")
    return "\t".join(fields)


def check_document(document: dict[str, Any]) -> None:
    """Raise SignedFileError('bad_document') if `document` does not follow its schema."""
    schema = document.get("schema") if isinstance(document, dict) else None
    if schema not in SCHEMAS:
        raise SignedFileError("bad_document", _("Tệp không phải biên nhận hay quyết định khen "
                                                "thưởng của phần mềm này (schema “{s}”).")
                              .format(s=schema))
    errors = sorted(Draft202012Validator(SCHEMAS[schema]).iter_errors(document),
                    key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(gốc)"
        raise SignedFileError(
            "bad_document",
            _("Tệp {what} có trường “{field}” sai định dạng.").format(what=_label(schema),
                                                                      field=where),
            _("Hãy xin cơ quan gửi lại tệp do phần mềm Hồ sơ Khen thưởng tạo ra."))


def sign_document(secret: SecretKey, document: dict[str, Any]) -> bytes:
    """The envelope bytes for `document`, signed with `secret`."""
    check_document(document)
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)
    signature = minisign.sign(secret, text.encode("utf-8"), trusted_comment(document),
                              f"hoso {_KINDS[document['schema']]} {document['dossier_id']}")
    envelope = {"format": ENVELOPE_FORMAT, "document": text, "signature": signature}
    return (json.dumps(envelope, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_signed(path: Path, secret: SecretKey, document: dict[str, Any]) -> Path:
    """Write the signed file atomically (temporary file, flush, rename)."""
    data = sign_document(secret, document)
    path = Path(path)
    write_atomic(path, data)
    return path


def receipt_file_name(unit_code: str, dossier_id: str, revision: int) -> str:
    return f"BN_{_ascii(unit_code)}_{_ascii(dossier_id)}_r{revision}{RECEIPT_SUFFIX}"


def decisions_file_name(unit_code: str, dossier_id: str, stamp: str) -> str:
    return f"QD_{_ascii(unit_code)}_{_ascii(dossier_id)}_{_ascii(stamp)}{DECISIONS_SUFFIX}"


def _ascii(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-") else "-" for c in text) or "x"


# ---- reading -------------------------------------------------------------------------------------


def _too_large(what: str, size: int) -> SignedFileError:
    return SignedFileError("too_large", _("Tệp {what} quá lớn ({n} byte): không phải tệp do "
                                          "phần mềm tạo ra.").format(what=what, n=size))


def read_signed(data: bytes, keys: Sequence[PublicKey], expect: str) -> SignedFile:
    """Verify a receipt (`expect` = RECEIPT_SCHEMA) or decisions file against `keys`.

    Refusals are SignedFileError with a code: too_large, not_signed_file, bad_signature_format,
    unknown_key, bad_signature, bad_document, wrong_kind.
    """
    what = _label(expect)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(what, len(data))
    not_ours = SignedFileError(
        "not_signed_file",
        _("Tệp này không phải tệp {what} có chữ ký của phần mềm Hồ sơ Khen thưởng.")
        .format(what=what),
        _("Hãy chọn tệp {suffix} do cơ quan tiếp nhận gửi.").format(
            suffix=RECEIPT_SUFFIX if expect == RECEIPT_SCHEMA else DECISIONS_SUFFIX))
    try:
        envelope = strictjson.loads(data)
    except strictjson.StrictJSONError:
        raise not_ours from None
    if (not isinstance(envelope, dict) or envelope.get("format") != ENVELOPE_FORMAT
            or not isinstance(envelope.get("document"), str)
            or not isinstance(envelope.get("signature"), str)):
        raise not_ours
    text: str = envelope["document"]
    try:
        signature = minisign.read_signature(envelope["signature"])
    except SignatureError as exc:
        raise SignedFileError(exc.code, _("Chữ ký của tệp {what} không đúng định dạng minisign.")
                              .format(what=what)) from None
    key = next((k for k in keys if k.key_id == signature.key_id), None)
    if key is None:
        known = ", ".join(k.key_id_hex for k in keys) or _("chưa có")
        raise SignedFileError(
            "unknown_key",
            _("Tệp {what} được ký bằng khóa {got}, không phải khóa đã lưu của cơ quan tiếp nhận "
              "({known}).").format(what=what, got=signature.key_id_hex, known=known),
            _("Nếu cơ quan tiếp nhận đã đổi khóa, hãy nhập tệp khóa công khai mới của họ "
              "(Gói hồ sơ → Khóa của cơ quan tiếp nhận) rồi thử lại."))
    try:
        minisign.verify(key, text.encode("utf-8"), signature)
    except SignatureError as exc:
        raise SignedFileError(
            "bad_signature",
            _("Chữ ký không khớp với nội dung tệp {what}: tệp đã bị sửa sau khi ký.")
            .format(what=what),
            _("Không dùng tệp này; hãy xin cơ quan tiếp nhận gửi lại.")) from exc
    try:
        document = strictjson.loads(text)
    except strictjson.StrictJSONError as exc:
        # Signed, yet not strict JSON (NaN, a key twice, a lone surrogate, a huge number).
        raise SignedFileError(
            "bad_document", _("Tệp {what} có nội dung JSON không hợp lệ ({code}).").format(
                what=what, code=exc.code),
            _("Hãy xin cơ quan gửi lại tệp do phần mềm Hồ sơ Khen thưởng tạo ra.")) from None
    check_document(document)
    if document["schema"] != expect:
        raise SignedFileError(
            "wrong_kind", _("Đây là tệp {got}, không phải tệp {what}.").format(
                got=_label(document["schema"]), what=what))
    return SignedFile(document["schema"], document, signature.key_id_hex,
                      signature.trusted_comment, hashlib.sha256(data).hexdigest())


def load_signed(path: Path, keys: Sequence[PublicKey], expect: str) -> SignedFile:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(_label(expect), size)
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(_("Không đọc được tệp {path}: {why}").format(
            path=path, why=exc.strerror or exc)) from exc
    return read_signed(data, keys, expect)
