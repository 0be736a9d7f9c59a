"""Fixtures of the signature tests (made once per process in tests/signed_demo.py): the test
PKI on a SoftHSM2 token, the demo dossier with its empty signature fields, and its tờ trình
signed in order (person, then organisation) through the token."""

from __future__ import annotations

import pytest
from asn1crypto import x509

from desktop.core.catalog import Catalog
from desktop.core.signatures.trust import TrustSet
from tests import signed_demo
from tests.pki import Token
from tests.signed_demo import DemoDossier

__all__ = ["DemoDossier"]


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory) -> Token:
    return signed_demo.token(tmp_path_factory)


@pytest.fixture(scope="session")
def trust(token: Token) -> TrustSet:
    """The test root as the trust anchor, its government-shaped CA as a chain helper."""
    return TrustSet((x509.Certificate.load(token.pki.root.der),),
                    (x509.Certificate.load(token.pki.intermediate.der),))


@pytest.fixture(scope="session")
def demo_dossier(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> DemoDossier:
    return signed_demo.demo_dossier(tmp_path_factory, catalog)


@pytest.fixture(scope="session")
def signed_once(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> bytes:
    return signed_demo.signed_once(tmp_path_factory, catalog)


@pytest.fixture(scope="session")
def signed_twice(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> bytes:
    return signed_demo.signed_twice(tmp_path_factory, catalog)
