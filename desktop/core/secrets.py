"""A small secret store over `keyring`, for the unit's signing key.

Never a plain-text fallback: keyrings.alt's PlaintextKeyring only base64-encodes, and
keyring's `fail`/`null` backends lose the secret. Those are refused with a clear message,
and the caller offers a passphrase-protected key file instead (the package issue).
Windows Credential Manager holds at most 1,280 UTF-16 characters per secret.
"""

from __future__ import annotations

from typing import Protocol

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.core.errors import UserError
from desktop.core.i18n import _

MAX_SECRET_CHARS = 1280
_REFUSED_BACKENDS = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null",
                     "keyring.backends.chainer")


def _utf16_units(value: str) -> int:
    """What Windows counts: a character outside the BMP takes two UTF-16 units."""
    return len(value.encode("utf-16-le")) // 2


class SecretStoreUnavailable(UserError):
    """No safe OS keyring here; offer a passphrase-protected key file instead."""


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


def _backend_is_safe(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith("keyring.backends.chainer"):
        # The chainer reads from every chained backend and falls through them on writes:
        # one plaintext keyring in the chain is enough to leak the key.
        chained = list(getattr(backend, "backends", []))
        return bool(chained) and all(_backend_is_safe(b) for b in chained)
    return not module.startswith(_REFUSED_BACKENDS)


class KeyringSecretStore:
    """Secrets of one unit profile, under the service name `hoso/<profile id>`."""

    def __init__(self, profile_id: str, backend: KeyringBackend | None = None) -> None:
        self.service = f"hoso/{profile_id}"
        self.backend = backend if backend is not None else keyring.get_keyring()
        if not _backend_is_safe(self.backend):
            raise SecretStoreUnavailable(
                _("Máy này không có kho khóa an toàn của hệ điều hành (ví dụ Windows Credential "
                  "Manager) nên không cất được khóa ký."),
                _("Có thể dùng tệp khóa được bảo vệ bằng mật khẩu thay thế."))

    def get(self, name: str) -> str | None:
        try:
            return self.backend.get_password(self.service, name)
        except KeyringError as exc:
            raise SecretStoreUnavailable(_("Không đọc được kho khóa: {e}").format(e=exc)) from exc

    def set(self, name: str, value: str) -> None:
        if _utf16_units(value) > MAX_SECRET_CHARS:
            raise ValueError(f"secret longer than {MAX_SECRET_CHARS} characters")
        try:
            self.backend.set_password(self.service, name, value)
        except KeyringError as exc:
            raise SecretStoreUnavailable(_("Không ghi được vào kho khóa: {e}").format(e=exc)) \
                from exc

    def delete(self, name: str) -> None:
        try:
            self.backend.delete_password(self.service, name)
        except PasswordDeleteError:
            pass  # already absent: idempotent
        except KeyringError as exc:
            raise SecretStoreUnavailable(_("Không ghi được vào kho khóa: {e}").format(e=exc)) \
                from exc


class MemorySecretStore:
    """For tests and the demo: secrets live only as long as the process."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._data.get(name)

    def set(self, name: str, value: str) -> None:
        if _utf16_units(value) > MAX_SECRET_CHARS:
            raise ValueError(f"secret longer than {MAX_SECRET_CHARS} characters")
        self._data[name] = value

    def delete(self, name: str) -> None:
        self._data.pop(name, None)


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend, to test KeyringSecretStore without an OS keyring."""

    # No `priority`: the inherited one raises, which makes keyring treat this backend as
    # not viable, so it is never discovered and chosen as the default by accident.

    def __init__(self) -> None:
        super().__init__()
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self._data:
            raise PasswordDeleteError(username)
        del self._data[(service, username)]
