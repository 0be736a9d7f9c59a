"""The demo commune's dossier written with its empty signature fields, and its tờ trình signed
in order through the SoftHSM2 token — made once per test process and shared by the
signature tests of every tier (unit, Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.operations import demo, profiles
from desktop.core.store import Store
from desktop.core.store import rounds as rounds_repo
from tests.pki import Token, make_token, require_softhsm
from tests.signing import sign

TODAY = date(2026, 11, 23)
_cache: dict[str, object] = {}


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


def token(factory: pytest.TempPathFactory) -> Token:
    require_softhsm()
    return make_token(factory.mktemp("softhsm"))


def demo_dossier(factory: pytest.TempPathFactory, catalog: Catalog) -> DemoDossier:
    found = _cache.get("demo")
    if isinstance(found, DemoDossier):
        return found
    data = factory.mktemp("demo-sign")
    info = demo.build_demo(data, 11, "tester", TODAY, catalog)
    store = profiles.open_profile(data, info.id)
    try:
        paths = demo.write_demo_dossier(store, catalog, data / "out", TODAY, "tester")
        round_id = rounds_repo.list_rounds(store.db)[0].id
        assert round_id is not None
    finally:
        store.close()
    made = DemoDossier(data, info.id, round_id, paths[0].parent)
    _cache["demo"] = made
    return made


def signed_once(factory: pytest.TempPathFactory, catalog: Catalog) -> bytes:
    """The demo tờ trình signed by the chairman, certifying at DocMDP level 2."""
    found = _cache.get("once")
    if isinstance(found, bytes):
        return found
    data = sign(demo_dossier(factory, catalog).pdf("01_to_trinh"), token(factory),
                "nguoi_ky", "ChuKyNguoiKy", certify=True, font_dir=factory.mktemp("font"))
    _cache["once"] = data
    return data


def signed_twice(factory: pytest.TempPathFactory, catalog: Catalog) -> bytes:
    """…then by the organisation, the seal over the left third of the chairman's image."""
    found = _cache.get("twice")
    if isinstance(found, bytes):
        return found
    data = sign(signed_once(factory, catalog), token(factory), "co_quan", "ChuKyCoQuan",
                seal=True)
    _cache["twice"] = data
    return data
