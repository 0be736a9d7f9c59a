"""The unit's signing key (issue 6, DESIGN §6): create, keep, rotate, print for enrolment.

Where the secret lives
----------------------
- In the OS keyring (core.secrets.KeyringSecretStore, service ``hoso/<profile id>``) under the
  name ``signing-key/<KEY ID>``, as ``"hoso-ed25519:" + base64(key id + seed)`` — 69
  characters, far under Windows Credential Manager's 1,280.
- Where no safe keyring backend exists (KeyringSecretStore refuses plaintext, fail and null
  backends), in a passphrase-protected key file (`create_signing_key_file`). Never in plain
  text, never in the database: the database holds only public halves (signing_keys).

The key file format (``hoso-signing-key/1``, JSON)
--------------------------------------------------
scrypt (N=2^17, r=8, p=1: 128 MiB, about half a second — memory-hard, so guessing a short
passphrase on a stolen file is slow) derives a 32-byte key; ChaCha20-Poly1305 seals the 40
secret bytes with the file's header (format, key id, KDF parameters, public key) as associated
data. We do not use cryptography's BestAvailableEncryption PKCS#8: it derives with PBKDF2 (not
memory-hard) and PKCS#8 has no place for minisign's key id. With an AEAD a wrong passphrase
and a damaged file are both caught before any byte is used, so the officer gets one clear
message. The file is written atomically with mode 0600.

Rotation keeps every old public key (retired_at set) so packages signed before still verify.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.core.errors import UserError
from desktop.core.files import part_prefix, write_atomic
from desktop.core.i18n import _
from desktop.core.package import minisign
from desktop.core.package.minisign import PublicKey
from desktop.core.package.minisign import SecretKey as SecretKey  # the UI and CLI hold keys
from desktop.core.secrets import KeyringSecretStore, SecretStoreUnavailable
from desktop.core.secrets import SecretStore as SecretStore  # …and the stores they come from
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo

SECRET_PREFIX = "hoso-ed25519:"
KEY_FILE_FORMAT = "hoso-signing-key/1"
KEY_FILE_SUFFIX = ".hoso-key"
SCRYPT_N = 2 ** 17
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 8
_KEY_FILES = "key-files.json"   # key id → a key file kept outside the profile's keys folder


class PassphraseRequired(UserError):
    """The active key is in a passphrase-protected file: ask for the passphrase and retry."""


class NoSigningKey(UserError):
    """The unit has no signing key yet."""


@dataclass(frozen=True)
class UnitKey:
    """One of the unit's keys, as the UI shows it."""

    key_id: str
    public_key_text: str
    storage: str             # "keyring" | "file"
    created_at: str
    retired_at: str | None = None
    key_file: Path | None = None

    @property
    def active(self) -> bool:
        return self.retired_at is None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    @property
    def public_key(self) -> PublicKey:
        return minisign.parse_public_key(self.public_key_text)


def fingerprint(key_id: str) -> str:
    """The key id in groups of four, to read aloud over the phone: "4F1A 09C2 77B0 E315"."""
    text = key_id.upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def secret_name(key_id: str) -> str:
    """The keyring entry name; the service already names the profile (hoso/<profile id>)."""
    return f"signing-key/{key_id.upper()}"


def encode_secret(secret: SecretKey) -> str:
    return SECRET_PREFIX + base64.b64encode(minisign.secret_to_bytes(secret)).decode("ascii")


def decode_secret(text: str) -> SecretKey:
    if not text.startswith(SECRET_PREFIX):
        raise UserError(_("Khóa ký trong kho khóa không đúng định dạng."),
                        _("Hãy tạo khóa mới (Gói hồ sơ → Khóa ký của đơn vị…) và gửi lại phiếu "
                          "đăng ký khóa cho cơ quan tiếp nhận."))
    try:
        raw = base64.b64decode(text[len(SECRET_PREFIX):], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UserError(_("Khóa ký trong kho khóa không đúng định dạng.")) from exc
    return minisign.secret_from_bytes(raw)


def open_secrets(profile_id: str) -> tuple[SecretStore | None, str]:
    """The OS keyring for this profile, or (None, why not) when this machine has no safe
    backend — the caller then offers the passphrase-protected key file."""
    try:
        return KeyringSecretStore(profile_id), ""
    except SecretStoreUnavailable as exc:
        return None, exc.message


# ---- reading ------------------------------------------------------------------------------


def keys_dir(store: Store) -> Path:
    return store.path.parent / "keys"


def default_key_file(store: Store, key_id: str) -> Path:
    return keys_dir(store) / f"{key_id.upper()}{KEY_FILE_SUFFIX}"


def _remembered_files(store: Store) -> dict[str, str]:
    path = keys_dir(store) / _KEY_FILES
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _remember_file(store: Store, key_id: str, path: Path) -> None:
    files = _remembered_files(store)
    files[key_id.upper()] = str(path)
    _atomic_write(keys_dir(store) / _KEY_FILES,
                  json.dumps(files, ensure_ascii=False, indent=1).encode("utf-8"), mode=0o644)


def key_file_of(store: Store, key_id: str) -> Path:
    """Where the key file of `key_id` is: the path chosen when it was made, else the default."""
    chosen = _remembered_files(store).get(key_id.upper())
    return Path(chosen) if chosen else default_key_file(store, key_id)


def _unit_key(store: Store, row: repo.SigningKeyRow) -> UnitKey:
    return UnitKey(key_id=row.key_id, public_key_text=row.public_key, storage=row.storage,
                   created_at=row.created_at, retired_at=row.retired_at,
                   key_file=key_file_of(store, row.key_id) if row.storage == "file" else None)


def active_key(store: Store) -> UnitKey | None:
    row = repo.active_signing_key(store.db)
    return _unit_key(store, row) if row else None


def list_keys(store: Store) -> list[UnitKey]:
    """Every key the unit ever had, oldest first."""
    return [_unit_key(store, r) for r in repo.signing_keys(store.db)]


def public_keys(store: Store) -> dict[str, PublicKey]:
    """key id → public key, retired keys included: the trusted keys for verifying our own
    packages (an old package keeps verifying after a rotation)."""
    return {r.key_id: minisign.parse_public_key(r.public_key)
            for r in repo.signing_keys(store.db)}


def load_secret(store: Store, secrets: SecretStore | None, passphrase: str | None = None,
                key_file: Path | None = None) -> SecretKey:
    """The active key's secret half, from the keyring or the passphrase-protected file."""
    row = repo.active_signing_key(store.db)
    if row is None:
        raise NoSigningKey(_("Đơn vị chưa có khóa ký nên chưa ký được gói hồ sơ."),
                           _("Hãy tạo khóa trong Gói hồ sơ → Khóa ký của đơn vị…"))
    if row.storage == "file":
        path = key_file or key_file_of(store, row.key_id)
        if not passphrase:
            raise PassphraseRequired(
                _("Khóa ký được cất trong tệp có mật khẩu: hãy nhập mật khẩu của tệp khóa."),
                str(path))
        secret = read_key_file(path, passphrase)
    else:
        if secrets is None:
            raise SecretStoreUnavailable(
                _("Máy này không có kho khóa an toàn của hệ điều hành nên không đọc được khóa "
                  "ký."), _("Hãy mở phần mềm trên máy đã tạo khóa, hoặc tạo khóa mới."))
        text = secrets.get(secret_name(row.key_id))
        if not text:
            raise UserError(
                _("Không tìm thấy khóa ký {fp} trong kho khóa của máy này (có thể phần mềm đã "
                  "được cài lại hoặc chép sang máy khác).").format(fp=fingerprint(row.key_id)),
                _("Hãy tạo khóa mới (đổi khóa) và gửi phiếu đăng ký khóa mới cho cơ quan tiếp "
                  "nhận."))
        secret = decode_secret(text)
    if secret.key_id_hex != row.key_id:
        raise UserError(_("Khóa ký đang cất không khớp với khóa đã đăng ký ({fp}).")
                        .format(fp=fingerprint(row.key_id)),
                        _("Hãy chọn đúng tệp khóa, hoặc tạo khóa mới."))
    return secret


# ---- creating ----------------------------------------------------------------------------------


def _keyring_unavailable(detail: str = "") -> SecretStoreUnavailable:
    message = _("Không cất được khóa ký vào kho khóa của hệ điều hành trên máy này")
    message += f" ({detail})." if detail else "."
    return SecretStoreUnavailable(
        message, _("Phần mềm không bao giờ lưu khóa dưới dạng văn bản thường. Hãy dùng tệp khóa "
                   "được bảo vệ bằng mật khẩu thay thế."))


def _store_in_keyring(secrets: SecretStore, secret: SecretKey) -> None:
    name = secret_name(secret.key_id_hex)
    value = encode_secret(secret)
    try:
        secrets.set(name, value)
        back = secrets.get(name)
    except SecretStoreUnavailable as exc:
        raise _keyring_unavailable(exc.message) from exc
    if back != value:   # e.g. a backend that accepts writes and forgets them
        with contextlib.suppress(SecretStoreUnavailable):
            secrets.delete(name)
        raise _keyring_unavailable(_("kho khóa không giữ lại được khóa vừa ghi"))


def _record(store: Store, public: PublicKey, storage: str, actor: str, today: date,
            action: str, key_file: Path | None = None) -> repo.SigningKeyRow:
    text = minisign.public_key_file_text(public)
    with store.write() as db:
        previous = repo.active_signing_key(db)
        if previous is not None:
            repo.retire_signing_key(db, previous.key_id, today.isoformat())
        row = repo.insert_signing_key(db, public.key_id_hex, text, storage, today.isoformat())
        detail: dict[str, Any] = {"key_id": row.key_id, "storage": storage}
        if previous is not None:
            detail["replaces"] = previous.key_id
        if key_file is not None:
            detail["key_file"] = str(key_file)
        summary = (_("Đổi khóa ký: {old} → {new}").format(old=fingerprint(previous.key_id),
                                                          new=fingerprint(row.key_id))
                   if previous is not None else
                   _("Tạo khóa ký {fp}").format(fp=fingerprint(row.key_id)))
        reg_repo.append_audit(db, actor, action, "signing_key", row.id, summary, detail)
    return row


def _refuse_if_active(store: Store) -> None:
    row = repo.active_signing_key(store.db)
    if row is not None:
        raise UserError(_("Đơn vị đã có khóa ký {fp}.").format(fp=fingerprint(row.key_id)),
                        _("Muốn thay khóa thì dùng “Đổi khóa” trong Khóa ký của đơn vị…"))


def create_signing_key(store: Store, secrets: SecretStore | None, actor: str,
                       today: date) -> UnitKey:
    """A new Ed25519 key whose secret goes into the OS keyring.

    `secrets` is None when KeyringSecretStore refused this machine's backend; then (and when
    the keyring fails on write) SecretStoreUnavailable says so plainly, and the caller offers
    `create_signing_key_file`.
    """
    _refuse_if_active(store)
    return _new_keyring_key(store, secrets, actor, today, "create")


def _new_keyring_key(store: Store, secrets: SecretStore | None, actor: str, today: date,
                     action: str) -> UnitKey:
    if secrets is None:
        raise _keyring_unavailable()
    secret, public = minisign.generate_keypair()
    _store_in_keyring(secrets, secret)
    try:
        row = _record(store, public, "keyring", actor, today, action)
    except BaseException:
        secrets.delete(secret_name(secret.key_id_hex))   # no orphan secret in the keyring
        raise
    return _unit_key(store, row)


def create_signing_key_file(store: Store, path: Path | None, passphrase: str, actor: str,
                            today: date) -> UnitKey:
    """A new key kept in a passphrase-protected file (for machines with no safe keyring).

    `path` None: the profile's keys folder. Refuses a short passphrase and an existing file.
    """
    _refuse_if_active(store)
    return _new_file_key(store, path, passphrase, actor, today, "create")


def _new_file_key(store: Store, path: Path | None, passphrase: str, actor: str, today: date,
                  action: str) -> UnitKey:
    check_passphrase(passphrase)
    secret, public = minisign.generate_keypair()
    target = Path(path) if path is not None else default_key_file(store, public.key_id_hex)
    if target.is_dir():
        target = target / f"{public.key_id_hex}{KEY_FILE_SUFFIX}"
    write_key_file(target, secret, passphrase)
    try:
        if target != default_key_file(store, public.key_id_hex):
            _remember_file(store, public.key_id_hex, target)
        row = _record(store, public, "file", actor, today, action, key_file=target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return _unit_key(store, row)


def rotate_key(store: Store, secrets: SecretStore | None, actor: str, today: date, *,
               storage: str = "keyring", path: Path | None = None,
               passphrase: str = "") -> UnitKey:
    """Replace the active key with a new one. The old public key stays (retired) so packages
    signed with it still verify; its secret is removed from the keyring, since it must not
    sign again. A key file of the old key is left where it is (the officer's copy)."""
    old = repo.active_signing_key(store.db)
    if storage == "file":
        new = _new_file_key(store, path, passphrase, actor, today, "rotate")
    else:
        new = _new_keyring_key(store, secrets, actor, today, "rotate")
    if old is not None and old.storage == "keyring" and secrets is not None:
        # the public half is retired either way; a leftover secret is only hygiene
        with contextlib.suppress(SecretStoreUnavailable):
            secrets.delete(secret_name(old.key_id))
    return new


# ---- the passphrase-protected key file ---------------------------------------------------------


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(_("Mật khẩu tệp khóa cần ít nhất {n} ký tự.").format(n=MIN_PASSPHRASE),
                        _("Nên dùng một câu dài dễ nhớ; hãy ghi lại và cất ở nơi an toàn — mất "
                          "mật khẩu thì phải tạo khóa mới."))


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # NFC: the same words typed with another input method (Unikey vs the OS one) must open it
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(data)


def _aad(header: Mapping[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_key_file(path: Path, secret: SecretKey, passphrase: str) -> Path:
    """Seal `secret` into `path` (atomically, mode 0600). Refuses to overwrite a file."""
    check_passphrase(passphrase)
    if path.exists():
        raise UserError(_("Tệp “{p}” đã có; không ghi đè tệp khóa.").format(p=path),
                        _("Hãy chọn tên hoặc thư mục khác."))
    salt = os.urandom(16)
    nonce = os.urandom(12)
    header: dict[str, Any] = {
        "format": KEY_FILE_FORMAT,
        "key_id": secret.key_id_hex,
        "public_key": minisign.public_key_line(secret.public()),
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                "salt": base64.b64encode(salt).decode("ascii")},
        "cipher": "chacha20-poly1305",
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = ChaCha20Poly1305(key).encrypt(nonce, minisign.secret_to_bytes(secret), _aad(header))
    body = dict(header, ciphertext=base64.b64encode(sealed).decode("ascii"))
    _atomic_write(path, (json.dumps(body, indent=1) + "\n").encode("utf-8"), mode=0o600)
    return path


def read_key_file(path: Path, passphrase: str) -> SecretKey:
    """Open a key file; a wrong passphrase or a damaged file is a UserError saying which."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(_("Không tìm thấy tệp khóa “{p}”.").format(p=path),
                        _("Hãy cắm ổ chứa tệp khóa hoặc chọn đúng tệp.")) from exc
    except OSError as exc:
        raise UserError(_("Không đọc được tệp khóa “{p}”: {e}").format(
            p=path, e=exc.strerror or exc)) from exc
    damaged = UserError(_("Tệp “{p}” không phải tệp khóa ký của phần mềm, hoặc đã bị hỏng.")
                        .format(p=path), _("Hãy chọn đúng tệp khóa (đuôi .hoso-key)."))
    try:
        body = json.loads(raw.decode("utf-8"))
        header = {k: v for k, v in body.items() if k != "ciphertext"}
        if body["format"] != KEY_FILE_FORMAT or body["kdf"]["name"] != "scrypt":
            raise damaged
        kdf = body["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2 ** 10 <= n <= 2 ** 22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise damaged   # refuse parameters that would exhaust memory
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(body["nonce"], validate=True)
        sealed = base64.b64decode(body["ciphertext"], validate=True)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise damaged from exc
    try:
        plain = ChaCha20Poly1305(_derive(passphrase, salt, n, r, p)).decrypt(
            nonce, sealed, _aad(header))
    except InvalidTag as exc:
        raise UserError(_("Mật khẩu tệp khóa không đúng (hoặc tệp khóa đã bị sửa)."),
                        _("Hãy gõ lại mật khẩu; chú ý bộ gõ tiếng Việt và phím Caps Lock."))\
            from exc
    except ValueError as exc:   # e.g. a nonce of the wrong length
        raise damaged from exc
    secret = minisign.secret_from_bytes(plain)
    if secret.key_id_hex != header.get("key_id"):
        raise damaged
    return secret


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    try:
        write_atomic(path, data, mode=mode)
    except OSError as exc:
        raise UserError(_("Không ghi được tệp “{p}”: {e}").format(p=path,
                                                                   e=exc.strerror or exc),
                        _("Hãy kiểm tra ổ đĩa còn chỗ và cho phép ghi.")) from exc


# ---- the enrolment sheet -----------------------------------------------------------------------


def write_enrolment_sheet(store: Store, dest: Path, fonts_dir: Path, today: date,
                          key_id: str | None = None) -> Path:
    """A printable A4 PDF the province files: the unit, its public key in minisign format, the
    fingerprint grouped for reading aloud, the creation date, a QR code of the public key file
    and signature lines for the unit's head and the receiving officer."""
    row = (repo.get_signing_key(store.db, key_id) if key_id
           else repo.active_signing_key(store.db))
    if row is None:
        raise NoSigningKey(_("Đơn vị chưa có khóa ký nên chưa in được phiếu đăng ký khóa."),
                           _("Hãy tạo khóa trước."))
    unit = reg_repo.get_unit(store.db)
    return _render_sheet(dest, fonts_dir, unit, _unit_key(store, row), today)


def _register_sheet_fonts(fonts_dir: Path) -> tuple[str, str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = ("HosoSheetSerif", "HosoSheetSerif-Bold", "HosoSheetSerif-Italic")
    files = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
             "LiberationSerif-Italic.ttf")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in zip(names, files, strict=True):
        if name not in registered:
            try:
                pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file)))
            except Exception as exc:   # reportlab raises plain Exceptions for missing fonts
                raise UserError(_("Không đọc được phông chữ {path}: {error}").format(
                    path=fonts_dir / file, error=exc),
                    _("Cài lại chương trình để có lại thư mục resources/fonts.")) from exc
    return names


def _render_sheet(dest: Path, fonts_dir: Path, unit: Any, key: UnitKey, today: date) -> Path:
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    regular, bold, italic = _register_sheet_fonts(fonts_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f"{part_prefix(dest.name)}part")
    width, height = A4
    left, right = 30 * mm, width - 20 * mm
    c = Canvas(str(tmp), pagesize=A4, invariant=True)
    c.setTitle(_("Phiếu đăng ký khóa ký {fp}").format(fp=key.fingerprint))
    c.setAuthor(unit.name if unit else "")

    y = height - 22 * mm
    c.setFont(bold, 12)
    c.drawCentredString(width / 2 + 5 * mm, y, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    y -= 6 * mm
    c.setFont(bold, 13)
    c.drawCentredString(width / 2 + 5 * mm, y, _("Độc lập - Tự do - Hạnh phúc"))
    y -= 16 * mm
    c.setFont(bold, 15)
    c.drawCentredString(width / 2 + 5 * mm, y, _("PHIẾU ĐĂNG KÝ KHÓA KÝ GÓI HỒ SƠ KHEN THƯỞNG"))
    y -= 6 * mm
    c.setFont(italic, 12)
    c.drawCentredString(width / 2 + 5 * mm, y,
                        _("(Cơ quan tiếp nhận lưu phiếu này để đối chiếu các gói hồ sơ đơn vị "
                          "gửi)"))
    y -= 14 * mm

    created = key.created_at[:10]
    try:
        created_text = date.fromisoformat(created).strftime("%d/%m/%Y")
    except ValueError:
        created_text = created
    rows = [
        (_("Đơn vị:"), unit.name if unit else ""),
        (_("Mã đơn vị:"), (unit.code if unit else "") or _("(chưa có — do tỉnh cấp)")),
        (_("Cơ quan cấp trên:"), unit.superior_body if unit else ""),
        (_("Ngày tạo khóa:"), created_text),
        (_("Trạng thái:"), _("đang dùng") if key.active
         else _("đã thay ngày {d}").format(d=(key.retired_at or "")[:10])),
    ]
    text_width = right - left - 52 * mm
    for label, value in rows:
        c.setFont(regular, 13)
        c.drawString(left, y, label)
        lines = simpleSplit(value, bold, 13, text_width - 38 * mm) or [""]
        c.setFont(bold, 13)
        for line in lines:
            c.drawString(left + 38 * mm, y, line)
            y -= 6.5 * mm
        y -= 1 * mm

    # QR code of the public key file text, top right, beside the fields
    qr = segno.make(key.public_key_text, error="m", micro=False)
    size = 46 * mm
    matrix = list(qr.matrix)
    module = size / len(matrix)
    qx, qy = right - size, height - 62 * mm - size
    c.setFillColorRGB(0, 0, 0)
    for r, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                c.rect(qx + col * module, qy + size - (r + 1) * module, module, module,
                       stroke=0, fill=1)
    c.setFont(italic, 10)
    c.drawCentredString(qx + size / 2, qy - 5 * mm, _("Mã QR: tệp khóa công khai"))

    y = min(y, qy - 12 * mm)
    c.setFont(regular, 13)
    c.drawString(left, y, _("Dấu vân tay (mã khóa) — đọc theo từng nhóm bốn ký tự:"))
    y -= 11 * mm
    c.setFont("Courier-Bold", 24)
    c.drawCentredString((left + right) / 2, y, key.fingerprint)
    y -= 13 * mm
    c.setFont(regular, 13)
    c.drawString(left, y, _("Khóa công khai (định dạng minisign, tệp .pub):"))
    y -= 7 * mm
    c.setFont("Courier", 9.5)
    for line in key.public_key_text.splitlines():
        c.drawString(left + 4 * mm, y, line)
        y -= 5 * mm
    y -= 4 * mm
    c.setFont(italic, 11.5)
    note = _("Mỗi gói hồ sơ của đơn vị được ký bằng khóa này; phần mềm của cơ quan tiếp nhận "
             "(hoặc lệnh “minisign -V -P <khóa công khai>”) chỉ chấp nhận gói có chữ ký khớp. "
             "Khi đơn vị đổi khóa, phiếu mới thay phiếu này; gói đã ký bằng khóa cũ vẫn kiểm "
             "tra được.")
    for line in simpleSplit(note, italic, 11.5, right - left):
        c.drawString(left, y, line)
        y -= 5.5 * mm

    y -= 10 * mm
    col_w = (right - left) / 2
    signers = [
        (_("THỦ TRƯỞNG ĐƠN VỊ"), _("(Ký, ghi rõ họ tên, đóng dấu)"),
         unit.head_name if unit else ""),
        (_("CÁN BỘ TIẾP NHẬN"), _("(Ký, ghi rõ họ tên; ngày tiếp nhận)"), ""),
    ]
    c.setFont(italic, 12)
    c.drawCentredString(left + col_w * 1.5, y + 7 * mm,
                        _("ngày ..... tháng ..... năm {y}").format(y=today.year))
    for i, (title, hint, name) in enumerate(signers):
        cx = left + col_w * (i + 0.5)
        c.setFont(bold, 12.5)
        c.drawCentredString(cx, y, title)
        c.setFont(italic, 11)
        c.drawCentredString(cx, y - 5.5 * mm, hint)
        c.setDash(1, 2)
        c.line(cx - 30 * mm, y - 32 * mm, cx + 30 * mm, y - 32 * mm)
        c.setDash()
        if name:
            c.setFont(bold, 12.5)
            c.drawCentredString(cx, y - 38 * mm, name)
    c.setFont(regular, 9)
    c.drawString(left, 12 * mm, _("Hồ sơ Khen thưởng — phiếu in ngày {d}").format(
        d=today.strftime("%d/%m/%Y")))
    c.showPage()
    try:
        c.save()
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(_("Không ghi được tệp “{p}”: {e}").format(p=dest,
                                                                   e=exc.strerror or exc),
                        _("Hãy kiểm tra ổ đĩa còn chỗ và cho phép ghi.")) from exc
    return dest
