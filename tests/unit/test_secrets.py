"""The secret store over keyring: round trip in memory, unsafe backends refused."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends import fail, null
from keyring.errors import KeyringError

from desktop.core.secrets import (
    MAX_SECRET_CHARS,
    KeyringSecretStore,
    MemoryKeyring,
    MemorySecretStore,
    SecretStoreUnavailable,
)


def fake_backend(module: str, name: str = "Keyring", **attrs: Any) -> Any:
    """An object whose class lives in `module`, without registering a keyring backend."""
    cls = type(name, (), {"__module__": module, **attrs})
    return cls()


def test_round_trip_with_memory_keyring() -> None:
    backend = MemoryKeyring()
    secrets = KeyringSecretStore("ubnd-xa-tan-phu", backend)
    assert secrets.get("signing-key") is None
    secrets.set("signing-key", "khóa bí mật ✓")
    assert secrets.get("signing-key") == "khóa bí mật ✓"
    assert backend.get_password("hoso/ubnd-xa-tan-phu", "signing-key") == "khóa bí mật ✓"
    other = KeyringSecretStore("truong-thcs", backend)
    assert other.get("signing-key") is None  # profiles do not see each other's secrets
    secrets.delete("signing-key")
    secrets.delete("signing-key")  # idempotent
    assert secrets.get("signing-key") is None


@pytest.mark.parametrize("store_factory", [
    lambda: KeyringSecretStore("p", MemoryKeyring()),
    MemorySecretStore,
])
def test_windows_credential_size_limit(store_factory: Any) -> None:
    secrets = store_factory()
    secrets.set("k", "x" * MAX_SECRET_CHARS)
    assert secrets.get("k") == "x" * MAX_SECRET_CHARS
    with pytest.raises(ValueError, match="1280"):
        secrets.set("k", "x" * (MAX_SECRET_CHARS + 1))
    assert secrets.get("k") == "x" * MAX_SECRET_CHARS
    assert MAX_SECRET_CHARS == 1280
    # Windows counts UTF-16 units: 641 characters outside the BMP are 1,282 units
    with pytest.raises(ValueError, match="1280"):
        secrets.set("k", "\U0001f511" * 641)
    secrets.set("k", "\U0001f511" * 640)
    secrets.set("k", "ệ" * MAX_SECRET_CHARS)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()],
                         ids=["fail", "null"])
def test_refuses_keyrings_that_lose_secrets(backend: Any) -> None:
    with pytest.raises(SecretStoreUnavailable) as info:
        KeyringSecretStore("p", backend)
    assert "kho khóa an toàn" in info.value.message
    assert "tệp khóa" in info.value.hint


@pytest.mark.parametrize("module", ["keyrings.alt.file", "keyrings.alt.Windows",
                                    "keyrings.alt"])
def test_refuses_keyrings_alt_backends(module: str) -> None:
    with pytest.raises(SecretStoreUnavailable):
        KeyringSecretStore("p", fake_backend(module, "PlaintextKeyring"))


def test_refuses_a_chain_that_includes_a_plaintext_keyring() -> None:
    """keyring's chainer reads from and falls back to every chained backend: one plaintext
    keyring in the chain is enough to leak or store the key in clear."""
    safe = fake_backend("keyring.backends.SecretService")
    plain = fake_backend("keyrings.alt.file", "PlaintextKeyring")
    mixed = fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[safe, plain])
    with pytest.raises(SecretStoreUnavailable):
        KeyringSecretStore("p", mixed)
    empty = fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[])
    with pytest.raises(SecretStoreUnavailable):
        KeyringSecretStore("p", empty)
    only_safe = fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[safe])
    KeyringSecretStore("p", only_safe)


def test_default_backend_here_is_refused_with_a_message() -> None:
    """This environment has no OS keyring: the default must be refused, not used."""
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if not module.startswith(("keyring.backends.fail", "keyring.backends.chainer",
                              "keyring.backends.null")):
        pytest.skip(f"an OS keyring is available here ({module})")
    with pytest.raises(SecretStoreUnavailable):
        KeyringSecretStore("p")


@pytest.fixture
def fresh_keyring_detection(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run keyring's backend discovery again, and put everything back afterwards."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    keyring.backend.get_all_keyring.reset()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        keyring.backend.get_all_keyring.reset()  # type: ignore[attr-defined]


def test_memory_keyring_is_never_auto_selected(fresh_keyring_detection: None) -> None:
    assert MemoryKeyring.viable is False
    discovered = keyring.backend.get_all_keyring()
    assert not any(isinstance(k, MemoryKeyring) for k in discovered)
    keyring.core.init_backend()
    assert not isinstance(keyring.get_keyring(), MemoryKeyring)


def test_keyrings_alt_is_not_installed() -> None:
    """Never install or ship keyrings.alt: keyring would silently pick its plaintext file."""
    assert importlib.util.find_spec("keyrings") is None or \
        importlib.util.find_spec("keyrings.alt") is None


class LockedKeyring(MemoryKeyring):
    """An OS keyring that refuses every operation (locked, or access denied)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the keyring is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the keyring is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("the keyring is locked")


@pytest.mark.parametrize("call", [lambda s: s.get("k"), lambda s: s.set("k", "v"),
                                  lambda s: s.delete("k")], ids=["get", "set", "delete"])
def test_keyring_errors_become_messages(call: Any) -> None:
    secrets = KeyringSecretStore("p", LockedKeyring())
    with pytest.raises(SecretStoreUnavailable, match="kho khóa"):
        call(secrets)
