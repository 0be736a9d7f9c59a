"""A nomination's verdict applies the rules in force on its rule date and keeps the versions
it used: stored with the nomination (m012) and carried in dossier.json (issue 14)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.catalog import Layer, load_catalog
from desktop.core.model import History, Initiative, Rating, Scope, YearRecord
from desktop.core.model.rounds import Verdict
from desktop.core.operations import registry
from desktop.core.operations import rounds as ops
from desktop.core.operations.packages import dossier_content
from desktop.core.package.schema import validate_dossier
from desktop.core.store import rounds as repo
from tests.lawpack_tools import CSTDCS, CSTDCS_PACK, FORMS
from tests.unit.rounds.conftest import ACTOR, World


def _htt_with_initiative(world: World) -> None:
    """Hoa: rated HTTNV in 2026, hired long ago, with a sáng kiến cơ sở of 2026, every
    quality confirmed: a CSTĐCS under the rules before 1/10/2026, not after."""
    person = registry.get_person(world.store, world.hoa.id)
    assert person is not None
    history = History(years=(YearRecord(2026, Rating.HTT, exemplary=True, solidarity=True,
                                         movement=True),),
                      initiatives=(Initiative(2026, "Số hóa hồ sơ một cửa", Scope.CO_SO),))
    registry.update_person(world.store, world.catalog,
                           replace(person, hired_on=date(2015, 9, 1)), history, ACTOR,
                           world.today)


def test_the_nomination_keeps_the_version_in_force_on_its_day(world: World) -> None:
    _htt_with_initiative(world)
    catalog = load_catalog(FORMS, [Layer(CSTDCS_PACK, "lawpack:hoso/1")],
                           as_of=date(2026, 12, 3))
    rnd = world.round(deadline=date(2026, 12, 20))
    assert rnd.id is not None
    early, _c = ops.add_nomination(world.store, catalog, rnd.id, world.hoa, CSTDCS, "",
                                   ACTOR, date(2026, 9, 30))
    assert early.eligibility.verdict is Verdict.ELIGIBLE
    assert early.eligibility.rule is not None
    assert (early.eligibility.rule.as_of, early.eligibility.rule.title) == (
        date(2026, 9, 30), f"{CSTDCS}@2024-01-01")
    assert early.eligibility.rule.origin.startswith("forms:")

    ops.remove_nomination(world.store, early.id or 0, ACTOR)
    late, _c = ops.add_nomination(world.store, catalog, rnd.id, world.hoa, CSTDCS,
                                  "Có sáng kiến; đề nghị Hội đồng xem xét.", ACTOR,
                                  date(2026, 10, 1))
    assert late.eligibility.verdict is Verdict.INELIGIBLE
    assert late.eligibility.rule is not None
    assert late.eligibility.rule.title == f"{CSTDCS}@2026-10-01"
    assert late.eligibility.rule.origin == "lawpack:hoso/1"
    stored = repo.get_nomination(world.store.db, late.id or 0)
    assert stored is not None and stored.eligibility.rule == late.eligibility.rule

    unit = registry.get_unit(world.store)
    assert unit is not None
    content = dossier_content(world.store, unit, rnd, [late], "ABCDEF0123456789")
    sent = content["nominations"][0]["eligibility"]["rule_version"]
    assert sent == {"as_of": "2026-10-01", "title": f"{CSTDCS}@2026-10-01",
                    "province": "default@2024-01-01", "origin": "lawpack:hoso/1"}
    full = {"schema": "hoso-dossier/1", "dossier_id": "HS-1", "revision": 1,
            "revision_of": None, "app_version": "0.1.0",
            "created_at": "2026-10-01T08:00:00+07:00", "documents": [], "sources": [],
            "attachments": [], **content}
    problems = [p for p in validate_dossier(full) if "rule_version" in p.field]
    assert not problems, problems


def test_a_nomination_after_the_year_applies_the_rules_of_its_end(world: World) -> None:
    _htt_with_initiative(world)
    catalog = load_catalog(FORMS, [Layer(CSTDCS_PACK, "lawpack:hoso/1")],
                           as_of=date(2027, 1, 10))
    rnd = world.round(deadline=date(2027, 1, 31))
    assert rnd.id is not None
    nom, _c = ops.add_nomination(world.store, catalog, rnd.id, world.hoa, CSTDCS,
                                 "Lý do", ACTOR, date(2027, 1, 10))
    assert nom.eligibility.rule is not None
    assert nom.eligibility.rule.as_of == date(2026, 12, 31)
    assert nom.eligibility.rule.title == f"{CSTDCS}@2026-10-01"
