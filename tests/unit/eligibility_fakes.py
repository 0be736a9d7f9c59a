"""An eligibility evaluator for tests that are not about eligibility: every title eligible,
answered in the production shape (rules.Verdict, one per title), as
`operations.eligibility.evaluate_subject` answers."""

from __future__ import annotations

from collections.abc import Collection

from desktop.core.catalog import Catalog
from desktop.core.model import SubjectRef
from desktop.core.rules import Verdict
from desktop.core.store import Store


def always_eligible(store: Store, catalog: Catalog, ref: SubjectRef, year: int, province: str,
                    *, claims: Collection[str] = ()) -> list[Verdict]:
    return [Verdict(info.code, info.name, ref.id, year, "eligible", ())
            for info in catalog.titles.values()]
