"""Ed25519 keys and signatures in minisign's formats, so the stock `minisign -V` agrees.

Public key: base64("Ed" + key id (8 bytes) + Ed25519 public key (32 bytes)), in a text file
whose first line is an "untrusted comment:". Signature file (minisign 0.11 default):

    untrusted comment: <free text>
    base64("ED" + key id + Ed25519(BLAKE2b-512(message)))      # "Ed" = legacy, over message
    trusted comment: <text, covered by the global signature>
    base64(Ed25519(signature (64 bytes) + trusted comment bytes))

The key id is shown as minisign shows it: the 8 bytes read as a little-endian integer, in
16 upper-case hex digits. That string is the fingerprint printed on the enrolment sheet.

The secret key never leaves this module in any form but `secret_to_bytes` (40 bytes: key id
+ Ed25519 seed), which the caller keeps in the OS keyring or a passphrase-protected file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desktop.core.errors import UserError
from desktop.core.i18n import _

ALG_LEGACY = b"Ed"      # signature over the message itself
ALG_PREHASHED = b"ED"   # signature over BLAKE2b-512(message); minisign 0.11's default
KEY_ID_SIZE = 8
SECRET_SIZE = KEY_ID_SIZE + 32
_UNTRUSTED = "untrusted comment: "
_TRUSTED = "trusted comment: "
# minisign's own limits (COMMENTMAXBYTES / TRUSTEDCOMMENTMAXBYTES); longer files are refused.
MAX_COMMENT = 1024
MAX_TRUSTED_COMMENT = 8192
MAX_SIGNATURE_FILE = 16 * 1024
_CHUNK = 1 << 20


class SignatureError(UserError):
    """A signature or key that does not check out. `code` is a verify reason code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def key_id_hex(key_id: bytes) -> str:
    """The key id as minisign prints it: little-endian integer, 16 upper-case hex digits."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def key_id_from_hex(text: str) -> bytes:
    value = int(text.strip(), 16)
    return value.to_bytes(KEY_ID_SIZE, "little")


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    key: bytes

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.key)


@dataclass(frozen=True, repr=False)
class SecretKey:
    key_id: bytes
    seed: bytes

    def __repr__(self) -> str:  # never print the seed (logs, tracebacks)
        return f"SecretKey(key_id={key_id_hex(self.key_id)})"

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    def signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def public(self) -> PublicKey:
        raw = self.signer().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.key_id, raw)


def generate_keypair() -> tuple[SecretKey, PublicKey]:
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    secret = SecretKey(os.urandom(KEY_ID_SIZE), seed)
    return secret, secret.public()


def secret_to_bytes(secret: SecretKey) -> bytes:
    return secret.key_id + secret.seed


def secret_from_bytes(data: bytes) -> SecretKey:
    if len(data) != SECRET_SIZE:
        raise SignatureError("bad_key", _("Khóa bí mật không đúng định dạng (cần {n} byte).")
                             .format(n=SECRET_SIZE))
    return SecretKey(bytes(data[:KEY_ID_SIZE]), bytes(data[KEY_ID_SIZE:]))


def public_key_line(public: PublicKey) -> str:
    return base64.b64encode(ALG_LEGACY + public.key_id + public.key).decode("ascii")


def public_key_file_text(public: PublicKey, comment: str = "") -> str:
    """The .pub file `minisign -P`/`-p` reads. The comment is one line (it is not signed)."""
    text = " ".join((comment or f"minisign public key {public.key_id_hex}").split())
    return f"{_UNTRUSTED}{_ascii_safe(text, MAX_COMMENT)}\n{public_key_line(public)}\n"


def parse_public_key(text: str) -> PublicKey:
    """A public key file's text, or its bare base64 line."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if lines and lines[0].startswith(_UNTRUSTED.strip()):
        lines = lines[1:]
    bad = SignatureError("bad_key", _("Khóa công khai không đúng định dạng minisign. "
                                      "Hãy dùng tệp .pub do đơn vị gửi (dòng bắt đầu bằng RW)."))
    if len(lines) != 1:
        raise bad
    raw = _b64(lines[0], bad)
    if len(raw) != 2 + KEY_ID_SIZE + 32 or raw[:2] != ALG_LEGACY:
        raise bad
    return PublicKey(raw[2:2 + KEY_ID_SIZE], raw[2 + KEY_ID_SIZE:])


@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = ""

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)


def blake2b_file(path: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=64)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.digest()


def sign(secret: SecretKey, message: bytes, trusted_comment: str,
         untrusted_comment: str = "", *, prehashed: bool = True) -> str:
    """The text of a .minisig file for `message`."""
    body = hashlib.blake2b(message, digest_size=64).digest() if prehashed else message
    return _sign_body(secret, body, trusted_comment, untrusted_comment,
                      ALG_PREHASHED if prehashed else ALG_LEGACY)


def sign_file(secret: SecretKey, path: Path, trusted_comment: str,
              untrusted_comment: str = "") -> str:
    return _sign_body(secret, blake2b_file(path), trusted_comment, untrusted_comment,
                      ALG_PREHASHED)


def _sign_body(secret: SecretKey, body: bytes, trusted_comment: str, untrusted_comment: str,
               algorithm: bytes) -> str:
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise ValueError("a trusted comment is one line")
    trusted = trusted_comment.encode("utf-8")
    if len(trusted) > MAX_TRUSTED_COMMENT - len(_TRUSTED):
        raise ValueError("trusted comment too long")
    signer = secret.signer()
    signature = signer.sign(body)
    global_signature = signer.sign(signature + trusted)
    untrusted = " ".join((untrusted_comment or
                          f"signature from minisign secret key {secret.key_id_hex}").split())
    return signature_text(Signature(algorithm, secret.key_id, signature, trusted_comment,
                                    global_signature, _ascii_safe(untrusted, MAX_COMMENT)))


def signature_text(sig: Signature) -> str:
    """The .minisig text of `sig`, byte for byte as `sign` writes it (LF line ends, canonical
    base64): a signature file that differs from it carries bytes nobody signed."""
    return (f"{_UNTRUSTED}{sig.untrusted_comment}\n"
            f"{base64.b64encode(sig.algorithm + sig.key_id + sig.signature).decode('ascii')}\n"
            f"{_TRUSTED}{sig.trusted_comment}\n"
            f"{base64.b64encode(sig.global_signature).decode('ascii')}\n")


def read_signature(text: str | bytes) -> Signature:
    """Parse a .minisig file strictly; SignatureError('bad_signature_format') otherwise."""
    bad = SignatureError("bad_signature_format",
                         _("Tệp chữ ký không đúng định dạng minisign. Gói có thể đã bị sửa "
                           "hoặc hỏng; hãy xin đơn vị gửi lại."))
    if isinstance(text, bytes):
        if len(text) > MAX_SIGNATURE_FILE:
            raise bad
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise bad from None
    if len(text) > MAX_SIGNATURE_FILE:
        raise bad
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if len(lines) != 4 or not lines[0].startswith(_UNTRUSTED) \
            or not lines[2].startswith(_TRUSTED):
        raise bad
    raw = _b64(lines[1], bad)
    if len(raw) != 2 + KEY_ID_SIZE + 64 or raw[:2] not in (ALG_LEGACY, ALG_PREHASHED):
        raise bad
    global_signature = _b64(lines[3], bad)
    if len(global_signature) != 64:
        raise bad
    return Signature(algorithm=raw[:2], key_id=raw[2:2 + KEY_ID_SIZE],
                     signature=raw[2 + KEY_ID_SIZE:],
                     trusted_comment=lines[2][len(_TRUSTED):],
                     global_signature=global_signature,
                     untrusted_comment=lines[0][len(_UNTRUSTED):])


def verify(public: PublicKey, message: bytes, signature: str | bytes | Signature) -> Signature:
    return _verify(public, signature, lambda: message, lambda: hashlib.blake2b(
        message, digest_size=64).digest())


def verify_digest(public: PublicKey, message: bytes | None, blake2b_digest: bytes,
                  signature: str | bytes | Signature) -> Signature:
    """Verify with a BLAKE2b-512 digest computed while streaming (`message` only for "Ed")."""
    return _verify(public, signature, lambda: message if message is not None else b"",
                   lambda: blake2b_digest)


def _verify(public: PublicKey, signature: str | bytes | Signature,
            message: Callable[[], bytes], digest: Callable[[], bytes]) -> Signature:
    sig = signature if isinstance(signature, Signature) else read_signature(signature)
    if sig.key_id != public.key_id:
        raise SignatureError(
            "unknown_key",
            _("Gói được ký bằng khóa {got}, không phải khóa {want} đã đăng ký. Hãy kiểm tra "
              "đơn vị gửi hoặc đăng ký khóa mới của đơn vị.").format(
                got=sig.key_id_hex, want=public.key_id_hex))
    body = digest() if sig.algorithm == ALG_PREHASHED else message()
    verifier = public.verifier()
    try:
        verifier.verify(sig.signature, body)
    except InvalidSignature:
        raise SignatureError("bad_signature", _(
            "Chữ ký không khớp với nội dung gói: gói đã bị sửa sau khi ký. Không dùng gói "
            "này; hãy xin đơn vị gửi lại.")) from None
    try:
        verifier.verify(sig.global_signature,
                        sig.signature + sig.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignatureError("bad_signature", _(
            "Phần ghi chú được ký (mã hồ sơ, lần gửi) đã bị sửa. Không dùng gói này; hãy xin "
            "đơn vị gửi lại.")) from None
    return sig


def trusted_comment_fields(text: str) -> dict[str, str]:
    """"timestamp:1\\tfile:x\\tdossier:y" → {"timestamp": "1", ...}; words without ':' are
    kept with an empty value ("hashed")."""
    fields: dict[str, str] = {}
    for part in text.split("\t"):
        key, sep, value = part.partition(":")
        if key:
            fields.setdefault(key.strip(), value if sep else "")
    return fields


def _b64(text: str, error: SignatureError) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise error from None


def _ascii_safe(text: str, limit: int) -> str:
    """minisign's untrusted comments are free text; keep them printable, short, on one line."""
    return "".join(ch if ch.isprintable() else " " for ch in text)[: limit - len(_UNTRUSTED) - 1]
