"""A test PKI and a PKCS#11 token, for the signature tests (issue 15).

The PKI is shaped like the government's: a root, an intermediate like "CA phục vụ các cơ
quan Nhà nước", a person's certificate (name, position, organisation) and an organisation's
(the seal); plus an expired person and a stranger under a root nobody trusts. Certificates
are made with `cryptography`; the keys of those who sign through the token are generated ON
the SoftHSM2 token and never leave it (the certificate is made for the token's public key),
which is the path an officer's GCA-01 token takes through a signing tool.

SoftHSM2 comes from scripts/system-deps.sh (Debian `softhsm2`); SOFTHSM2_MODULE overrides
where its PKCS#11 library is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

PIN = "123456"
SO_PIN = "87654321"
TOKEN_LABEL = "hoso-test"
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
NOW = datetime.now(UTC).replace(microsecond=0)


def softhsm_module() -> str | None:
    given = os.environ.get("SOFTHSM2_MODULE")
    if given:
        return given if Path(given).exists() else None
    return next((m for m in MODULE_CANDIDATES if Path(m).exists()), None)


def _name(**parts: str) -> x509.Name:
    oids = {"C": NameOID.COUNTRY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME,
            "L": NameOID.LOCALITY_NAME, "O": NameOID.ORGANIZATION_NAME,
            "OU": NameOID.ORGANIZATIONAL_UNIT_NAME, "T": NameOID.TITLE,
            "CN": NameOID.COMMON_NAME, "E": NameOID.EMAIL_ADDRESS}
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in parts.items()])


@dataclass
class Issued:
    """A certificate, with its software key when it has one (CAs, software signers)."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey | None = None

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _build(subject: x509.Name, public_key: rsa.RSAPublicKey, issuer: Issued | None,
           issuer_key: rsa.RSAPrivateKey, *, ca: bool, path_len: int | None = None,
           not_before: datetime = NOW - timedelta(days=30),
           not_after: datetime = NOW + timedelta(days=730)) -> x509.Certificate:
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer.cert.subject if issuer else subject)
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before)
               .not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len),
                              critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key),
                              critical=False))
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.cert.public_key()),
            critical=False)
    if ca:
        usage = x509.KeyUsage(digital_signature=False, content_commitment=False,
                              key_encipherment=False, data_encipherment=False,
                              key_agreement=False, key_cert_sign=True, crl_sign=True,
                              encipher_only=False, decipher_only=False)
    else:
        usage = x509.KeyUsage(digital_signature=True, content_commitment=True,
                              key_encipherment=False, data_encipherment=False,
                              key_agreement=False, key_cert_sign=False, crl_sign=False,
                              encipher_only=False, decipher_only=False)
    builder = builder.add_extension(usage, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_root(cn: str, org: str) -> Issued:
    key = _key()
    cert = _build(_name(C="VN", O=org, CN=cn), key.public_key(), None, key, ca=True,
                  not_before=NOW - timedelta(days=365), not_after=NOW + timedelta(days=3650))
    return Issued(cert, key)


def make_intermediate(root: Issued, cn: str, org: str) -> Issued:
    key = _key()
    assert root.key is not None
    cert = _build(_name(C="VN", O=org, CN=cn), key.public_key(), root, root.key, ca=True,
                  path_len=0, not_before=NOW - timedelta(days=300),
                  not_after=NOW + timedelta(days=3000))
    return Issued(cert, key)


def make_leaf(issuer: Issued, subject: x509.Name, public_key: rsa.RSAPublicKey, *,
              not_before: datetime = NOW - timedelta(days=30),
              not_after: datetime = NOW + timedelta(days=730)) -> x509.Certificate:
    assert issuer.key is not None
    return _build(subject, public_key, issuer, issuer.key, ca=False,
                  not_before=not_before, not_after=not_after)


PERSON_SUBJECT = dict(C="VN", ST="Phú Thọ", L="Xã Thanh Sơn", O="UBND tỉnh Phú Thọ",
                      OU="Ủy ban nhân dân xã Thanh Sơn", T="Chủ tịch", CN="Hà Văn Thắng")
ORGANISATION_SUBJECT = dict(C="VN", ST="Phú Thọ", O="UBND tỉnh Phú Thọ",
                            CN="Ủy ban nhân dân xã Thanh Sơn")


@dataclass
class TestPki:
    root: Issued
    intermediate: Issued
    stranger_root: Issued
    certs: dict[str, Issued] = field(default_factory=dict)   # label -> certificate

    def trust_pems(self) -> list[bytes]:
        return [self.root.pem]


def _rsa_public(token_key: object) -> rsa.RSAPublicKey:
    from pkcs11 import Attribute

    n = int.from_bytes(token_key[Attribute.MODULUS], "big")          # type: ignore[index]
    e = int.from_bytes(token_key[Attribute.PUBLIC_EXPONENT], "big")  # type: ignore[index]
    return rsa.RSAPublicNumbers(e, n).public_key()


# label -> (subject, issuer: "government" | "stranger", validity)
SIGNERS = {
    "nguoi_ky": (PERSON_SUBJECT, "government", None),
    "co_quan": (ORGANISATION_SUBJECT, "government", None),
    "het_han": (dict(PERSON_SUBJECT, CN="Người Ký Hết Hạn"), "government",
                (NOW - timedelta(days=800), NOW - timedelta(days=400))),
    "la": (dict(PERSON_SUBJECT, CN="Người Lạ", OU="Đơn vị không rõ"), "stranger", None),
}


@dataclass
class Token:
    """An initialised SoftHSM2 token holding the signers' keys and certificates."""

    module: str
    conf: Path
    pki: TestPki

    def session(self) -> object:
        from pyhanko.sign.pkcs11 import TokenCriteria, open_pkcs11_session

        return open_pkcs11_session(self.module, token_criteria=TokenCriteria(
            label=TOKEN_LABEL), user_pin=PIN)


_TOKEN: Token | None = None


def make_token(work: Path) -> Token:
    """The process's token: initialised once in `work` (the PKCS#11 library reads
    SOFTHSM2_CONF when it is first loaded and is loaded once per process), every signer's key
    generated on it, the certificates issued and stored beside them."""
    global _TOKEN
    if _TOKEN is not None:
        return _TOKEN
    module = softhsm_module()
    if module is None:
        raise RuntimeError("SoftHSM2 is not installed: run `bash scripts/system-deps.sh`")
    tokens = work / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = work / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = shutil.which("softhsm2-util") or "softhsm2-util"
    subprocess.run([util, "--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", SO_PIN,
                    "--pin", PIN], check=True, capture_output=True)
    root = make_root("Gốc thử nghiệm Hồ sơ Khen thưởng", "Phòng thử nghiệm")
    intermediate = make_intermediate(root, "CA phục vụ các cơ quan Nhà nước (thử nghiệm)",
                                     "Ban Cơ yếu Chính phủ (thử nghiệm)")
    stranger = make_root("Gốc không ai tin", "Tổ chức lạ")
    pki = TestPki(root, intermediate, stranger)
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

    lib = pkcs11.lib(module)
    token = lib.get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        for index, (label, (subject, issuer_name, validity)) in enumerate(SIGNERS.items(),
                                                                          start=1):
            key_id = bytes([index])
            public, _private = session.generate_keypair(
                KeyType.RSA, 2048, label=label, id=key_id, store=True)
            issuer = intermediate if issuer_name == "government" else stranger
            kwargs = {}
            if validity is not None:
                kwargs = {"not_before": validity[0], "not_after": validity[1]}
            cert = make_leaf(issuer, _name(**subject), _rsa_public(public), **kwargs)
            issued = Issued(cert)
            pki.certs[label] = issued
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id,
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: issued.der})
    _TOKEN = Token(module, conf, pki)
    return _TOKEN


def require_softhsm() -> None:
    """SoftHSM2 is part of the test machine (scripts/system-deps.sh): its absence fails the
    signature tests on Linux; elsewhere (a Windows developer box) they are skipped."""
    import pytest

    if softhsm_module() is not None:
        return
    if sys.platform.startswith("linux"):
        pytest.fail("SoftHSM2 is missing: run `bash scripts/system-deps.sh` (Debian softhsm2)")
    pytest.skip("SoftHSM2 is not installed on this platform")
