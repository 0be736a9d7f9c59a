"""Receipt (biên nhận) and decisions files: signed envelopes that verify here and with the
stock minisign, refused when tampered with, signed by another key, or of the wrong kind."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from desktop.core.package import minisign
from desktop.core.package.receipt import (
    DECISIONS_SCHEMA,
    RECEIPT_SCHEMA,
    SignedFileError,
    check_document,
    load_signed,
    read_signed,
    schema_files,
    sign_document,
    write_signed,
)

REPO = Path(__file__).resolve().parents[3]


def receipt_doc(**over: Any) -> dict[str, Any]:
    doc = {
        "schema": RECEIPT_SCHEMA, "dossier_id": "HS2026-3FA9C1", "revision": 2,
        "package_sha256": "ab" * 32, "package_file": "HSKT_PT-THANHSON_HS2026-3FA9C1_r2.zip",
        "unit": {"code": "PT-THANHSON", "name": "UBND xã Thanh Sơn"},
        "received_on": "2026-11-20", "receiving_body": "Sở Nội vụ tỉnh Phú Thọ",
        "documents": 5, "attachments": 3, "nominations": 4,
        "issued_at": "2026-11-20T08:00:00+00:00",
    }
    doc.update(over)
    return doc


def decisions_doc(**over: Any) -> dict[str, Any]:
    doc = {
        "schema": DECISIONS_SCHEMA, "dossier_id": "HS2026-3FA9C1",
        "unit": {"code": "PT-THANHSON", "name": "UBND xã Thanh Sơn"},
        "issued_at": "2026-12-01T08:00:00+00:00",
        "decisions": [{
            "subject": {"kind": "person", "id": 7, "name": "Nguyễn Thị Hoà"},
            "target": "chien_si_thi_dua_tinh", "granted": True, "decision_no": "125/QĐ-UBND",
            "decision_date": "2026-11-30", "issuer": "Chủ tịch UBND tỉnh Phú Thọ"}],
    }
    doc.update(over)
    return doc


@pytest.fixture
def keypair() -> tuple[minisign.SecretKey, minisign.PublicKey]:
    return minisign.generate_keypair()


def test_receipt_signs_and_verifies(keypair, tmp_path: Path) -> None:
    secret, public = keypair
    path = write_signed(tmp_path / "r.json", secret, receipt_doc())
    signed = load_signed(path, [public], RECEIPT_SCHEMA)
    assert signed.document == receipt_doc()
    assert signed.key_id == public.key_id_hex
    assert "dossier:HS2026-3FA9C1" in signed.trusted_comment
    assert "revision:2" in signed.trusted_comment
    assert len(signed.sha256) == 64
    assert list(tmp_path.iterdir()) == [path]   # no temporary file left behind


def test_decisions_sign_and_verify_with_rotated_keys(keypair) -> None:
    secret, public = keypair
    _old_secret, old_public = minisign.generate_keypair()
    signed = read_signed(sign_document(secret, decisions_doc()), [old_public, public],
                         DECISIONS_SCHEMA)
    assert signed.document["decisions"][0]["subject"]["name"] == "Nguyễn Thị Hoà"


def test_stock_minisign_verifies_the_document(keypair, tmp_path: Path, require_tool) -> None:
    tool = require_tool("minisign")
    secret, public = keypair
    envelope = json.loads(sign_document(secret, receipt_doc()))
    doc = tmp_path / "doc.json"
    doc.write_bytes(envelope["document"].encode("utf-8"))
    (tmp_path / "doc.json.minisig").write_text(envelope["signature"], "utf-8")
    pub = tmp_path / "province.pub"
    pub.write_text(minisign.public_key_file_text(public), "utf-8")
    ok = subprocess.run([tool, "-Vm", str(doc), "-p", str(pub)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    doc.write_bytes(envelope["document"].replace("HS2026", "HS2025").encode("utf-8"))
    bad = subprocess.run([tool, "-Vm", str(doc), "-p", str(pub)], capture_output=True)
    assert bad.returncode != 0


def test_tampered_document_refused(keypair) -> None:
    secret, public = keypair
    envelope = json.loads(sign_document(secret, receipt_doc()))
    envelope["document"] = envelope["document"].replace('"documents": 5', '"documents": 6')
    with pytest.raises(SignedFileError) as err:
        read_signed(json.dumps(envelope).encode(), [public], RECEIPT_SCHEMA)
    assert err.value.code == "bad_signature"
    assert "bị sửa" in err.value.message


def test_tampered_trusted_comment_refused(keypair) -> None:
    secret, public = keypair
    envelope = json.loads(sign_document(secret, receipt_doc()))
    envelope["signature"] = envelope["signature"].replace("revision:2", "revision:3")
    with pytest.raises(SignedFileError) as err:
        read_signed(json.dumps(envelope).encode(), [public], RECEIPT_SCHEMA)
    assert err.value.code == "bad_signature"


def test_every_flipped_byte_is_refused(keypair) -> None:
    secret, public = keypair
    data = sign_document(secret, receipt_doc(dossier_id="HS1"))
    for i in range(0, len(data), 7):
        changed = bytearray(data)
        changed[i] ^= 0x01
        try:
            signed = read_signed(bytes(changed), [public], RECEIPT_SCHEMA)
        except SignedFileError:
            continue
        # the only flips that may pass are in the envelope's unsigned untrusted comment or
        # JSON whitespace; the signed document must come out the same
        assert signed.document == receipt_doc(dossier_id="HS1"), i


def test_wrong_key_refused(keypair) -> None:
    secret, _public = keypair
    _other_secret, other_public = minisign.generate_keypair()
    with pytest.raises(SignedFileError) as err:
        read_signed(sign_document(secret, receipt_doc()), [other_public], RECEIPT_SCHEMA)
    assert err.value.code == "unknown_key"
    assert secret.key_id_hex in err.value.message
    with pytest.raises(SignedFileError) as none:
        read_signed(sign_document(secret, receipt_doc()), [], RECEIPT_SCHEMA)
    assert none.value.code == "unknown_key"


def test_same_key_id_other_key_refused(keypair) -> None:
    """A forger who copies the key id still cannot sign."""
    _secret, public = keypair
    forged = minisign.SecretKey(public.key_id, minisign.generate_keypair()[0].seed)
    with pytest.raises(SignedFileError) as err:
        read_signed(sign_document(forged, receipt_doc()), [public], RECEIPT_SCHEMA)
    assert err.value.code == "bad_signature"


def test_decisions_file_is_not_a_receipt(keypair) -> None:
    secret, public = keypair
    with pytest.raises(SignedFileError) as err:
        read_signed(sign_document(secret, decisions_doc()), [public], RECEIPT_SCHEMA)
    assert err.value.code == "wrong_kind"


@pytest.mark.parametrize("data", [b"", b"not json", b"[]", b'{"format": "hoso-signed/1"}',
                                  b"{\"format\": \"x\"}", b"\xff\xfe"])
def test_not_a_signed_file(keypair, data: bytes) -> None:
    with pytest.raises(SignedFileError) as err:
        read_signed(data, [keypair[1]], RECEIPT_SCHEMA)
    assert err.value.code == "not_signed_file"


def test_oversized_file_refused_before_reading(keypair, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(5 * 1024 * 1024)
    with pytest.raises(SignedFileError) as err:
        load_signed(big, [keypair[1]], RECEIPT_SCHEMA)
    assert err.value.code == "too_large"


@pytest.mark.parametrize("broken", [
    receipt_doc(revision=0), receipt_doc(package_sha256="XYZ"), receipt_doc(received_on="20/11"),
    {k: v for k, v in receipt_doc().items() if k != "unit"},
    decisions_doc(decisions=[]),
    decisions_doc(decisions=[{**decisions_doc()["decisions"][0], "target": "Bằng khen"}]),
])
def test_documents_checked_against_schema(broken: dict[str, Any]) -> None:
    with pytest.raises(SignedFileError) as err:
        check_document(broken)
    assert err.value.code == "bad_document"


def test_a_signed_but_malformed_document_is_refused(keypair) -> None:
    """A signer with a bug: the reader still checks the schema after the signature."""
    secret, public = keypair
    text = json.dumps(receipt_doc(revision="2"))
    envelope = {"format": "hoso-signed/1", "document": text,
                "signature": minisign.sign(secret, text.encode(), "x")}
    with pytest.raises(SignedFileError) as err:
        read_signed(json.dumps(envelope).encode(), [public], RECEIPT_SCHEMA)
    assert err.value.code == "bad_document"
    assert "revision" in err.value.message


def test_published_schemas_match_the_code() -> None:
    for name, schema in schema_files().items():
        published = json.loads((REPO / "docs" / "schema" / name).read_text("utf-8"))
        assert published == schema, name


@pytest.mark.parametrize("change", [
    lambda t: t.replace('"revision": 2', '"revision": ' + "2" * 5000),
    lambda t: t.replace('"documents": 5', '"documents": NaN'),
    lambda t: t.replace('"revision": 2', '"revision": 2, "revision": 3'),
    lambda t: t.replace('"Sở Nội vụ tỉnh Phú Thọ"', '"Sở \\udc00"'),
    lambda t: t.replace('"revision": 2', '"revision": 1000'),
])
def test_signed_but_not_strict_or_out_of_range(keypair: tuple[minisign.SecretKey,
                                                              minisign.PublicKey],
                                               change: Any) -> None:
    """What the unit reads from the province is as hostile as a package: a signed receipt
    with a 5,000-digit number, NaN, a key twice or a lone surrogate is refused, not a crash."""
    secret, public = keypair
    text = change(json.dumps(receipt_doc(), ensure_ascii=False))
    envelope = {"format": "hoso-signed/1", "document": text,
                "signature": minisign.sign(secret, text.encode(), "x")}
    with pytest.raises(SignedFileError) as err:
        read_signed(json.dumps(envelope).encode(), [public], RECEIPT_SCHEMA)
    assert err.value.code == "bad_document"


def test_envelope_with_a_huge_number_is_not_ours(keypair: tuple[minisign.SecretKey,
                                                                minisign.PublicKey]) -> None:
    data = b'{"format": "hoso-signed/1", "n": ' + b"9" * 5000 + b"}"
    with pytest.raises(SignedFileError) as err:
        read_signed(data, [keypair[1]], RECEIPT_SCHEMA)
    assert err.value.code == "not_signed_file"
