"""What-if eligibility (issue 12): the verdicts of a person or collective as values, equal to
the stored evaluation for everyone of the demo commune, and changed by an unsaved edit
without anything written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    Collective,
    Discipline,
    DisciplineLevel,
    History,
    Rating,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import demo, profiles, registry, whatif
from desktop.core.operations import eligibility as el
from desktop.core.rules import Verdict
from desktop.core.store import Store

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[Store]:
    folder: Path = tmp_path_factory.mktemp("whatif")
    info = demo.build_demo(folder, 5, "t", TODAY, catalog)
    store = profiles.open_profile(folder, info.id)
    yield store
    store.close()


def _shape(verdicts: list[Verdict] | tuple[Verdict, ...]) -> list[tuple[object, ...]]:
    """What the panel shows of each verdict (the subject's id aside)."""
    return [(v.target, v.verdict, tuple((r.code, r.status, r.message, r.basis)
                                        for r in v.reasons), v.missing, v.evidence_needed,
             v.info) for v in verdicts]


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_demo_person_gets_the_stored_verdicts(demo_store: Store, catalog: Catalog,
                                                    year: int) -> None:
    people = registry.people_page(demo_store, "", 0, 1000)
    assert len(people) > 20
    for person in people:
        assert person.id is not None
        ref = SubjectRef(SubjectKind.PERSON, person.id)
        stored = el.evaluate_subject(demo_store, catalog, ref, year, "default")
        steps = el.next_steps(demo_store, catalog, ref, year, "default")
        history = registry.get_history(demo_store, ref)
        answer = whatif.evaluate_person(catalog, person, history, year, "default")
        assert _shape(answer.verdicts) == _shape(stored), person.full_name
        assert list(answer.next_steps) == steps, person.full_name


def test_every_demo_collective_gets_the_stored_verdicts(demo_store: Store,
                                                        catalog: Catalog) -> None:
    collectives = registry.collectives_page(demo_store, "", 0, 1000)
    assert collectives
    for listed in collectives:
        assert listed.id is not None
        collective = registry.get_collective(demo_store, listed.id)
        assert collective is not None
        ref = SubjectRef(SubjectKind.COLLECTIVE, listed.id)
        stored = el.evaluate_subject(demo_store, catalog, ref, 2026, "default")
        answer = whatif.evaluate_collective(demo_store, catalog, collective,
                                            registry.get_history(demo_store, ref), 2026,
                                            "default")
        assert _shape(answer.verdicts) == _shape(stored), collective.name


def test_an_unsaved_rating_changes_the_verdict_and_nothing_is_written(
        demo_store: Store, catalog: Catalog) -> None:
    person = next(p for p in registry.people_page(demo_store, "", 0, 1000)
                  if whatif.verdict_codes(whatif.evaluate_person(
                      catalog, p, registry.get_history(demo_store, SubjectRef(
                          SubjectKind.PERSON, p.id or 0)), 2026, "default").verdicts
                  ).get("lao_dong_tien_tien") == "eligible")
    ref = SubjectRef(SubjectKind.PERSON, person.id or 0)
    history = registry.get_history(demo_store, ref)
    before = registry.audit_entries(demo_store, 5)
    no_2026 = replace(history, years=tuple(y for y in history.years if y.year != 2026))
    answer = whatif.evaluate_person(catalog, person, no_2026, 2026, "default")
    assert whatif.verdict_codes(answer.verdicts)["lao_dong_tien_tien"] == "ineligible"
    weak = replace(no_2026, years=(*no_2026.years, YearRecord(2026, Rating.KHT)))
    assert whatif.verdict_codes(whatif.evaluate_person(
        catalog, person, weak, 2026, "default").verdicts)["lao_dong_tien_tien"] == "ineligible"
    disciplined = replace(history, discipline=(*history.discipline, Discipline(
        DisciplineLevel.KHIEN_TRACH, date(2026, 3, 1))))
    assert whatif.verdict_codes(whatif.evaluate_person(
        catalog, person, disciplined, 2026, "default").verdicts)["lao_dong_tien_tien"] != \
        "eligible"
    assert registry.get_history(demo_store, ref) == history     # nothing written
    assert registry.audit_entries(demo_store, 5) == before


def test_a_new_person_not_yet_saved_is_evaluated(catalog: Catalog) -> None:
    from desktop.core.model import Person

    person = Person(None, "Hoàng Thị Mới")
    history = History(years=(YearRecord(2026, Rating.HTXS, exemplary=True, solidarity=True,
                                        movement=True),),
                      awards=(Award(2025, "lao_dong_tien_tien"),))
    answer = whatif.evaluate_person(catalog, person, history, 2026, "default")
    assert whatif.verdict_codes(answer.verdicts)["lao_dong_tien_tien"] == "eligible"
    assert answer.year == 2026 and answer.next_steps


def test_a_collective_with_unsaved_members_counts_them(demo_store: Store,
                                                       catalog: Catalog) -> None:
    listed = registry.collectives_page(demo_store, "", 0, 1000)[0]
    stored = registry.get_collective(demo_store, listed.id or 0)
    assert stored is not None and stored.member_ids
    history = registry.get_history(demo_store, SubjectRef(SubjectKind.COLLECTIVE,
                                                          listed.id or 0))
    empty = Collective(None, stored.name, stored.kind, member_ids=())
    pop = whatif.collective_population(demo_store, catalog, empty, history, 2026)
    assert pop.members[whatif.DRAFT_ID].total == 0
    pop = whatif.collective_population(demo_store, catalog, stored, history, 2026)
    assert pop.members[whatif.DRAFT_ID].total == len(set(stored.member_ids))
