"""Fixtures of the signature tests: the test PKI on a SoftHSM2 token, the demo commune's
dossier written with its empty signature fields, and its tờ trình signed twice in order
(person, then organisation) through the token."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from asn1crypto import x509

from desktop.core.catalog import Catalog
from desktop.core.operations import demo, profiles
from desktop.core.operations import dossier as dossier_ops
from desktop.core.signatures.trust import TrustSet
from desktop.core.store import Store
from desktop.core.store import rounds as rounds_repo
from tests.pki import Token, make_token, require_softhsm
from tests.signing import sign

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    require_softhsm()
    yield from make_token(tmp_path_factory.mktemp("softhsm"))


@pytest.fixture(scope="session")
def trust(token: Token) -> TrustSet:
    """The test root as the trust anchor, its government-shaped CA as a chain helper."""
    return TrustSet((x509.Certificate.load(token.pki.root.der),),
                    (x509.Certificate.load(token.pki.intermediate.der),))


@dataclass(frozen=True)
class DemoDossier:
    data_dir: Path
    profile: str
    round_id: int
    folder: Path           # the written dossier (DOCX + PDF)

    def open(self) -> Store:
        return profiles.open_profile(self.data_dir, self.profile)

    def pdf(self, name: str) -> bytes:
        return (self.folder / f"{name}.pdf").read_bytes()


@pytest.fixture(scope="session")
def demo_dossier(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> DemoDossier:
    data = tmp_path_factory.mktemp("demo-sign")
    info = demo.build_demo(data, 11, "tester", TODAY, catalog)
    store = profiles.open_profile(data, info.id)
    try:
        paths = dossier_ops.write_demo_dossier(store, catalog, data / "out", TODAY, "tester")
        round_id = rounds_repo.list_rounds(store.db)[0].id
        assert round_id is not None
    finally:
        store.close()
    return DemoDossier(data, info.id, round_id, paths[0].parent)


@pytest.fixture(scope="session")
def signed_once(demo_dossier: DemoDossier, token: Token,
                tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo tờ trình signed by the chairman, certifying at DocMDP level 2."""
    fonts = tmp_path_factory.mktemp("stamp-font")
    return sign(demo_dossier.pdf("01_to_trinh"), token, "nguoi_ky", "ChuKyNguoiKy",
                certify=True, font_dir=fonts)


@pytest.fixture(scope="session")
def signed_twice(signed_once: bytes, token: Token) -> bytes:
    """…then by the organisation, the seal over the left third of the chairman's image."""
    return sign(signed_once, token, "co_quan", "ChuKyCoQuan", seal=True)
