"""Optional confidentiality: the whole package encrypted to the province's age key.

`NAME.zip.age` opens with the stock tool: `age -d -i province-identity.txt NAME.zip.age`.
pyrage streams files (encrypt_file / decrypt_file), so a 50 MB package is never held twice.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyrage

from desktop.core.errors import UserError
from desktop.core.files import part_prefix
from desktop.core.i18n import _

SUFFIX = ".age"


class EncryptionError(UserError):
    pass


def generate_identity() -> tuple[str, str]:
    """(identity "AGE-SECRET-KEY-1…", recipient "age1…"): the province keeps the first
    secret and hands the second to its units."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_from_text(text: str) -> pyrage.x25519.Recipient:
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    try:
        if len(lines) != 1:
            raise pyrage.RecipientError("one recipient expected")
        return pyrage.x25519.Recipient.from_str(lines[0])
    except (pyrage.RecipientError, ValueError):
        raise EncryptionError(_("Khóa mã hóa của tỉnh không hợp lệ (cần một dòng bắt đầu bằng "
                                "age1…). Hãy nhập lại khóa do tỉnh cung cấp.")) from None


def identity_from_text(text: str) -> pyrage.x25519.Identity:
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    try:
        if len(lines) != 1:
            raise pyrage.IdentityError("one identity expected")
        return pyrage.x25519.Identity.from_str(lines[0])
    except (pyrage.IdentityError, ValueError):
        raise EncryptionError(_("Khóa giải mã không hợp lệ (cần một dòng bắt đầu bằng "
                                "AGE-SECRET-KEY-1).")) from None


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=part_prefix(target.name),
                                suffix=".part")
    os.close(fd)
    return Path(name)


def _finish(tmp: Path, target: Path) -> None:
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def encrypt_file(src: Path, recipients: Sequence[str], dest: Path | None = None) -> Path:
    """`src` encrypted to every recipient (age X25519) → `dest` (default src + '.age')."""
    if not recipients:
        raise EncryptionError(_("Chưa có khóa mã hóa của tỉnh."))
    parsed = [recipient_from_text(r) for r in recipients]
    target = dest or src.with_name(src.name + SUFFIX)
    tmp = _temp_beside(target)
    try:
        pyrage.encrypt_file(str(src), str(tmp), parsed)
        _finish(tmp, target)
    except pyrage.EncryptError as exc:
        tmp.unlink(missing_ok=True)
        raise EncryptionError(_("Không mã hóa được gói: {error}").format(error=exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def decrypt_file(src: Path, identities: Sequence[str], dest: Path) -> Path:
    """Decrypt `src` into the file `dest` (written only when decryption succeeds)."""
    parsed = [identity_from_text(i) for i in identities]
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(dest)
    try:
        pyrage.decrypt_file(str(src), str(tmp), parsed)
        _finish(tmp, dest)
    except pyrage.DecryptError:
        tmp.unlink(missing_ok=True)
        raise EncryptionError(_("Không giải mã được gói: khóa không đúng hoặc tệp .age bị hỏng. "
                                "Hãy dùng khóa giải mã của tỉnh.")) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest
