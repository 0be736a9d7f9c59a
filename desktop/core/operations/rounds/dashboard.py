"""The round at a glance: counts by title and status, days to the deadline, and the shares
of individual nominees who are workers or farmers, women, and ethnic minorities (the figures a
province asks about its proposals)."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.model.rounds import Dashboard, RoundKind
from desktop.core.operations.rounds.base import round_or_error
from desktop.core.operations.rounds.deadlines import days_left
from desktop.core.store import Store
from desktop.core.store import rounds as repo
from desktop.core.text import fold


def is_ethnic_minority(ethnicity: str | None) -> bool:
    """Known and not Kinh (an empty ethnicity is unknown, not counted as a minority)."""
    folded = fold(ethnicity or "")
    return bool(folded) and folded != "kinh"


def dashboard(store: Store, catalog: Catalog, round_id: int, today: date) -> Dashboard:
    """Counts by title and status, days to the deadline, and the shares of individual
    nominees who are workers/farmers/direct labourers, women, and ethnic minorities."""
    rnd = round_or_error(store, round_id)
    counts: dict[str, dict[str, int]] = {}
    people: dict[int, dict[str, Any]] = {}
    collectives: set[int] = set()
    not_registered = 0
    for fact in repo.nominee_facts(store.db, round_id):
        per = counts.setdefault(fact["target"], {})
        per[fact["status"]] = per.get(fact["status"], 0) + 1
        if fact["person_id"] is not None:
            people[fact["person_id"]] = fact
        else:
            collectives.add(fact["collective_id"])
        title = catalog.titles.get(fact["target"])
        if (rnd.kind is RoundKind.CONG_TRANG and title is not None and title.is_title
                and not fact["registered"]):
            not_registered += 1
    facts = list(people.values())
    return Dashboard(
        round_id=round_id, days_left=days_left(rnd, today), counts=counts,
        individuals=len(facts), collectives=len(collectives),
        workers_farmers=sum(1 for f in facts if f["subject_group"] == "cong_nhan_nong_dan"),
        women=sum(1 for f in facts if f["gender"] == "nu"),
        ethnic_minorities=sum(1 for f in facts if is_ethnic_minority(f["ethnicity"])),
        not_registered=not_registered)
