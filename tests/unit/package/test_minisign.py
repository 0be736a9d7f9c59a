"""minisign formats: our keys and signatures against the stock `minisign` both ways."""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.package import minisign as m


def test_secret_round_trips_through_bytes_and_never_prints_its_seed() -> None:
    secret, public = m.generate_keypair()
    raw = m.secret_to_bytes(secret)
    assert len(raw) == 40
    again = m.secret_from_bytes(raw)
    assert again == secret and again.public() == public
    assert secret.seed.hex() not in repr(secret)
    with pytest.raises(m.SignatureError):
        m.secret_from_bytes(raw[:-1])


def test_public_key_file_parses_back_and_key_id_is_16_upper_hex() -> None:
    _, public = m.generate_keypair()
    text = m.public_key_file_text(public, "Xã Tân Lập")
    assert text.startswith("untrusted comment: Xã Tân Lập\nRW")
    assert m.parse_public_key(text) == public
    assert m.parse_public_key(m.public_key_line(public)) == public
    hex_id = public.key_id_hex
    assert len(hex_id) == 16 and hex_id == hex_id.upper()
    assert m.key_id_from_hex(hex_id) == public.key_id
    wrong_alg = base64.b64encode(b"Ex" + b"0" * 40).decode()
    for bad in ("", "untrusted comment: x\n", "RWxyz", wrong_alg):
        with pytest.raises(m.SignatureError) as err:
            m.parse_public_key(bad)
        assert err.value.code == "bad_key"


def test_sign_verify_prehashed_and_legacy() -> None:
    secret, public = m.generate_keypair()
    for prehashed in (True, False):
        text = m.sign(secret, b"manifest", "dossier:X\trevision:2", prehashed=prehashed)
        sig = m.verify(public, b"manifest", text)
        assert sig.algorithm == (m.ALG_PREHASHED if prehashed else m.ALG_LEGACY)
        assert m.trusted_comment_fields(sig.trusted_comment) == {"dossier": "X", "revision": "2"}
        with pytest.raises(m.SignatureError) as err:
            m.verify(public, b"manifesT", text)
        assert err.value.code == "bad_signature"


def test_edited_trusted_comment_fails_the_global_signature() -> None:
    secret, public = m.generate_keypair()
    text = m.sign(secret, b"x", "dossier:A\trevision:1")
    forged = text.replace("revision:1", "revision:2")
    with pytest.raises(m.SignatureError) as err:
        m.verify(public, b"x", forged)
    assert err.value.code == "bad_signature"


def test_other_key_is_refused_as_unknown() -> None:
    secret, _ = m.generate_keypair()
    _, other = m.generate_keypair()
    with pytest.raises(m.SignatureError) as err:
        m.verify(other, b"x", m.sign(secret, b"x", "c"))
    assert err.value.code == "unknown_key"


def test_same_key_id_but_other_key_is_a_bad_signature() -> None:
    secret, public = m.generate_keypair()
    _, other = m.generate_keypair()
    impostor = m.PublicKey(public.key_id, other.key)
    with pytest.raises(m.SignatureError) as err:
        m.verify(impostor, b"x", m.sign(secret, b"x", "c"))
    assert err.value.code == "bad_signature"


@pytest.mark.parametrize("text", [
    "", "garbage", "untrusted comment: a\nRUQ=\ntrusted comment: b\nAAAA\n",
    "untrusted comment: a\n!!!\ntrusted comment: b\nAAAA\n", b"\xff\xfe",
    "untrusted comment: a\nx\nx\nx\nx\n",
])
def test_malformed_signature_files_are_a_format_error(text: str | bytes) -> None:
    with pytest.raises(m.SignatureError) as err:
        m.read_signature(text)
    assert err.value.code == "bad_signature_format"


def test_multiline_trusted_comment_is_refused_when_signing() -> None:
    secret, _ = m.generate_keypair()
    with pytest.raises(ValueError):
        m.sign(secret, b"x", "a\nb")


def test_stock_minisign_verifies_our_signature(tmp_path: Path,
        require_tool: Callable[[str], str]) -> None:
    tool = require_tool("minisign")
    secret, public = m.generate_keypair()
    (tmp_path / "pub").write_text(m.public_key_file_text(public), encoding="utf-8")
    message = tmp_path / "msg.txt"
    message.write_bytes(b"sha256 data/a.pdf\n" * 5000)
    (tmp_path / "msg.txt.minisig").write_text(
        m.sign_file(secret, message, "dossier:HS-1\trevision:1"), encoding="utf-8")
    ok = subprocess.run([tool, "-Vm", str(message), "-p", str(tmp_path / "pub")],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "dossier:HS-1" in ok.stdout
    message.write_bytes(message.read_bytes() + b"x")
    bad = subprocess.run([tool, "-Vm", str(message), "-p", str(tmp_path / "pub")],
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0


def test_we_verify_what_stock_minisign_signs(tmp_path: Path,
        require_tool: Callable[[str], str]) -> None:
    tool = require_tool("minisign")
    pub, sec = tmp_path / "k.pub", tmp_path / "k.key"
    subprocess.run([tool, "-G", "-W", "-p", str(pub), "-s", str(sec)], check=True,
                   capture_output=True)
    message = tmp_path / "m"
    message.write_bytes(b"tagmanifest")
    subprocess.run([tool, "-S", "-s", str(sec), "-m", str(message), "-t", "dossier:Z"],
                   check=True, capture_output=True)
    public = m.parse_public_key(pub.read_text(encoding="utf-8"))
    sig = m.verify(public, b"tagmanifest", (tmp_path / "m.minisig").read_text(encoding="utf-8"))
    assert sig.trusted_comment == "dossier:Z"
    assert sig.algorithm == m.ALG_PREHASHED
