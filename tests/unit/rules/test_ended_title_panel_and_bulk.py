"""A title that has since ended: both eligibility paths read a past award of it the same way.

A record of a title awarded while it was in force still counts as a past award (the rank it
gave, the title held that year), so the panel (one subject, operations.eligibility) and the
bulk path (everyone, span by span, operations.eligibility_bulk) classify it with the same
function, eligibility.recorded_award (the version on any day). A nomination is the other way:
only for a title in force (Catalog.title refuses the rest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog, Layer, load_catalog
from desktop.core.errors import UserError
from desktop.core.model import (
    Award,
    History,
    Person,
    Rating,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    YearRecord,
)
from desktop.core.operations import eligibility as el
from desktop.core.operations import eligibility_bulk as bulk
from desktop.core.store import Store
from desktop.core.store import registry as repo

FORMS = Path(__file__).resolve().parents[3] / "forms"
ENDED = "chien_si_thi_dua_bo_nganh"      # a title of this test's own, in force until 30/6/2026


@pytest.fixture
def ended_catalog(tmp_path: Path) -> Catalog:
    """The bundled forms, plus a title ranked above CSTĐ tỉnh that ended on 30/6/2026."""
    titles = tmp_path / "pack" / "titles"
    titles.mkdir(parents=True)
    text = (FORMS / "titles" / "chien_si_thi_dua_tinh.toml").read_text("utf-8")
    for old, new in (('code = "chien_si_thi_dua_tinh"', f'code = "{ENDED}"'),
                     ("valid_from = 2024-01-01", "valid_from = 2024-01-01\nvalid_to = 2026-06-30"),
                     ('name = "Chiến sĩ thi đua cấp tỉnh"',
                      'name = "Chiến sĩ thi đua cấp bộ, ngành"'),
                     ("rank = 40", "rank = 45")):
        assert old in text
        text = text.replace(old, new, 1)
    (titles / f"{ENDED}.toml").write_text(text, "utf-8")
    catalog = load_catalog(FORMS, [Layer(tmp_path / "pack", "lawpack:test/ended")],
                           as_of=date(2026, 12, 31))
    assert ENDED not in catalog.titles and catalog.known(ENDED) is not None
    return catalog


def _person(store: Store) -> int:
    years = tuple(YearRecord(y, Rating.HTXS, exemplary=True, solidarity=True, movement=True)
                  for y in range(2020, 2027))
    awards = (*(Award(y, "lao_dong_tien_tien") for y in range(2020, 2027)),
              *(Award(y, "chien_si_thi_dua_co_so") for y in range(2020, 2027)),
              Award(2025, ENDED), Award(2026, ENDED))   # 2026: decided before it ended
    with store.write() as db:
        repo.insert_people(db, [Person(None, "Trần Văn Bình", group=SubjectGroup.CBCCVC,
                                       hired_on=date(2010, 1, 1))])
        pid = int(db.execute("SELECT id FROM people").fetchone()[0])
        repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid),
                         History(years, awards))
    return pid


def test_a_title_that_ended_counts_alike_in_the_panel_and_the_bulk_path(
        store: Store, ended_catalog: Catalog) -> None:
    pid = _person(store)
    panel = el.load_population(store, ended_catalog, "individual", 2026, [pid])
    people = bulk.People(store, ended_catalog, 2026, "default")
    spans = list(people.populations())
    assert len(spans) == 1
    for pop in (panel, spans[0]):
        assert pop.has_title(pid, ENDED, 2026)          # a title, not a form, nor dropped
        assert not pop.merit_awards.get((ENDED, 2026))
    review_year = {key: ids for key, ids in panel.titles.items() if key[1] == 2026}
    assert {key: ids for key, ids in spans[0].titles.items() if key[1] == 2026} == review_year
    # the verdicts of the two paths, title by title
    table = el.eligibility_table(store, ended_catalog, 2026, "default")
    verdicts = el.evaluate_subject(store, ended_catalog, SubjectRef(SubjectKind.PERSON, pid),
                                   2026, "default")
    assert ENDED not in table
    for verdict in verdicts:
        assert (pid in table[verdict.target]["eligible"]) == (verdict.verdict == "eligible")


def test_next_steps_start_above_a_title_that_ended(store: Store,
                                                   ended_catalog: Catalog) -> None:
    pid = _person(store)
    steps = el.next_steps(store, ended_catalog.on(date(2027, 12, 31)),
                          SubjectRef(SubjectKind.PERSON, pid), 2026, "default")
    ranks = {s.code: ended_catalog.title(s.code).rank for s in steps}
    assert ranks and min(ranks.values()) > 45, ranks      # CSTĐ tỉnh (40) is below it


def test_a_nomination_is_only_for_a_title_in_force(store: Store,
                                                   ended_catalog: Catalog) -> None:
    _person(store)
    with pytest.raises(UserError) as refused:
        el.eligible_ids(store, ended_catalog, ENDED, 2026, "default")
    assert refused.value.code == "catalog.not_in_force"
