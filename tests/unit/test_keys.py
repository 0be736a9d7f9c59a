"""The unit's signing key: keyring or passphrase file, rotation, enrolment sheet."""

from __future__ import annotations

import json
import os
import stat
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from keyring.backends import fail, null

from desktop.core.errors import UserError
from desktop.core.operations import keys
from desktop.core.package import minisign
from desktop.core.secrets import (
    MAX_SECRET_CHARS,
    KeyringSecretStore,
    MemoryKeyring,
    MemorySecretStore,
    SecretStoreUnavailable,
)
from desktop.core.store import Store
from desktop.core.store import packages as repo

REPO = Path(__file__).resolve().parents[2]
PASS = "mùa xuân năm hai không"


def test_key_goes_to_the_keyring_and_only_its_public_half_to_the_table(
        store: Store, today: date) -> None:
    secrets = MemorySecretStore()
    key = keys.create_signing_key(store, secrets, "cán bộ", today)
    assert len(key.key_id) == 16 and key.storage == "keyring" and key.active
    stored = secrets.get(keys.secret_name(key.key_id))
    assert stored is not None and stored.startswith(keys.SECRET_PREFIX)
    assert len(stored) < 100 < MAX_SECRET_CHARS
    rows = repo.signing_keys(store.db)
    assert [(r.key_id, r.storage, r.retired_at) for r in rows] == [(key.key_id, "keyring", None)]
    assert stored.split(":", 1)[1] not in rows[0].public_key      # no secret in the database
    assert minisign.parse_public_key(rows[0].public_key).key_id_hex == key.key_id
    secret = keys.load_secret(store, secrets)
    assert secret.public() == key.public_key
    audit = store.db.execute("SELECT action, entity FROM audit_log").fetchall()
    assert ("create", "signing_key") in [tuple(a) for a in audit]


def test_fingerprint_is_grouped_for_reading_aloud() -> None:
    assert keys.fingerprint("4f1a09c277b0e315") == "4F1A 09C2 77B0 E315"


def test_a_second_key_is_refused_rotation_is_the_way(store: Store, today: date) -> None:
    secrets = MemorySecretStore()
    keys.create_signing_key(store, secrets, "a", today)
    with pytest.raises(UserError, match="đã có khóa ký"):
        keys.create_signing_key(store, secrets, "a", today)


def test_rotation_keeps_the_old_public_key_and_drops_its_secret(store: Store,
                                                               today: date) -> None:
    secrets = MemorySecretStore()
    old = keys.create_signing_key(store, secrets, "a", today)
    message = b"tagmanifest bytes"
    old_sig = minisign.sign(keys.load_secret(store, secrets), message, "dossier:HS-1\trev:1")
    new = keys.rotate_key(store, secrets, "a", date(2026, 12, 1))
    assert new.key_id != old.key_id and new.active
    listed = keys.list_keys(store)
    assert [k.key_id for k in listed] == [old.key_id, new.key_id]
    assert listed[0].retired_at == "2026-12-01" and listed[1].retired_at is None
    assert secrets.get(keys.secret_name(old.key_id)) is None
    assert keys.load_secret(store, secrets).key_id_hex == new.key_id
    trusted = keys.public_keys(store)
    assert set(trusted) == {old.key_id, new.key_id}
    minisign.verify(trusted[old.key_id], message, old_sig)   # old signature still verifies


def test_unsafe_keyrings_are_refused_plainly(store: Store, today: date) -> None:
    for backend in (fail.Keyring(), null.Keyring()):
        with pytest.raises(SecretStoreUnavailable, match="kho khóa an toàn"):
            KeyringSecretStore("p1", backend)
    with pytest.raises(SecretStoreUnavailable) as caught:
        keys.create_signing_key(store, None, "a", today)
    assert "mật khẩu" in caught.value.hint and "văn bản thường" in caught.value.hint
    assert repo.signing_keys(store.db) == []


class _ForgetfulKeyring(MemoryKeyring):
    """Accepts writes and loses them, as keyring's null backend does."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


def test_a_keyring_that_forgets_is_caught_before_the_key_is_recorded(store: Store,
                                                                    today: date) -> None:
    secrets = KeyringSecretStore("p1", _ForgetfulKeyring())
    with pytest.raises(SecretStoreUnavailable, match="không giữ lại"):
        keys.create_signing_key(store, secrets, "a", today)
    assert repo.signing_keys(store.db) == []


def test_real_keyring_backend_round_trip(store: Store, today: date) -> None:
    backend = MemoryKeyring()
    secrets = KeyringSecretStore("p1", backend)
    key = keys.create_signing_key(store, secrets, "a", today)
    assert ("hoso/p1", f"signing-key/{key.key_id}") in backend._data
    assert keys.load_secret(store, secrets).key_id_hex == key.key_id


def test_key_file_with_a_passphrase(store: Store, today: date, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "khoa.hoso-key"
    key = keys.create_signing_key_file(store, target, PASS, "a", today)
    assert key.storage == "file" and key.key_file == target
    raw = target.read_text("utf-8")
    body = json.loads(raw)
    assert body["format"] == keys.KEY_FILE_FORMAT and body["kdf"]["name"] == "scrypt"
    secret_b64 = keys.encode_secret(keys.read_key_file(target, PASS))[len(keys.SECRET_PREFIX):]
    assert secret_b64 not in raw                                   # never plain text
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with pytest.raises(keys.PassphraseRequired):
        keys.load_secret(store, None)
    assert keys.load_secret(store, None, PASS).key_id_hex == key.key_id
    # the same words typed decomposed (another input method) open it too
    nfd = unicodedata.normalize("NFD", PASS)
    assert nfd != PASS and keys.load_secret(store, None, nfd).key_id_hex == key.key_id


def test_wrong_passphrase_and_damaged_file_say_which(store: Store, today: date,
                                                    tmp_path: Path) -> None:
    key = keys.create_signing_key_file(store, None, PASS, "a", today)
    assert key.key_file == keys.default_key_file(store, key.key_id)
    with pytest.raises(UserError, match="Mật khẩu tệp khóa không đúng"):
        keys.load_secret(store, None, "mật khẩu sai rồi")
    assert key.key_file is not None
    body = json.loads(key.key_file.read_text("utf-8"))
    body["key_id"] = "0000000000000000"                     # header is authenticated
    key.key_file.write_text(json.dumps(body), "utf-8")
    with pytest.raises(UserError, match="không đúng"):
        keys.read_key_file(key.key_file, PASS)
    key.key_file.write_text("không phải JSON", "utf-8")
    with pytest.raises(UserError, match="bị hỏng"):
        keys.load_secret(store, None, PASS)
    with pytest.raises(UserError, match="Không tìm thấy tệp khóa"):
        keys.read_key_file(tmp_path / "missing.hoso-key", PASS)


def test_short_passphrase_and_existing_file_are_refused(store: Store, today: date,
                                                        tmp_path: Path) -> None:
    with pytest.raises(UserError, match="ít nhất"):
        keys.create_signing_key_file(store, tmp_path / "k", "ngắn", "a", today)
    existing = tmp_path / "k.hoso-key"
    existing.write_text("x")
    with pytest.raises(UserError, match="không ghi đè"):
        keys.create_signing_key_file(store, existing, PASS, "a", today)
    assert existing.read_text() == "x" and repo.signing_keys(store.db) == []


def test_rotation_from_keyring_to_file(store: Store, today: date, tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    keys.create_signing_key(store, secrets, "a", today)
    new = keys.rotate_key(store, secrets, "a", today, storage="file",
                          path=tmp_path, passphrase=PASS)
    assert new.key_file == tmp_path / f"{new.key_id}{keys.KEY_FILE_SUFFIX}"
    assert keys.active_key(store) == new
    assert keys.load_secret(store, secrets, PASS).key_id_hex == new.key_id


def test_missing_keyring_entry_is_explained(store: Store, today: date) -> None:
    secrets = MemorySecretStore()
    key = keys.create_signing_key(store, secrets, "a", today)
    secrets.delete(keys.secret_name(key.key_id))
    with pytest.raises(UserError, match="Không tìm thấy khóa ký"):
        keys.load_secret(store, secrets)
    with pytest.raises(keys.NoSigningKey):
        keys.load_secret(_empty_store(store), secrets)


def _empty_store(store: Store) -> Store:
    from desktop.core.store import open_store

    return open_store(store.path.parent / "other.sqlite", create=True)


def test_enrolment_sheet(store: Store, today: date, tmp_path: Path) -> None:
    import pypdfium2

    secrets = MemorySecretStore()
    key = keys.create_signing_key(store, secrets, "a", today)
    pdf = keys.write_enrolment_sheet(store, tmp_path / "phieu.pdf", REPO / "resources" / "fonts",
                                     today)
    doc = pypdfium2.PdfDocument(str(pdf))
    assert len(doc) == 1
    text = doc[0].get_textpage().get_text_range()
    assert key.fingerprint in text
    assert minisign.public_key_line(key.public_key) in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in unicodedata.normalize("NFC", text)
    assert "CÁN BỘ TIẾP NHẬN" in unicodedata.normalize("NFC", text)
