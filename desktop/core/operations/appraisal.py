"""The appraisal before a dossier leaves ("thẩm định trước", issue 11): `appraise_round`
gathers what the checks of desktop.core.rules.appraisal read — the dossier's data as it would
be printed now (numbers previewed, none issued), the number register's problems that concern
this dossier, the report sections not written, the copied passages, the parts not in the
dossier — and runs them. Reads only: running it changes nothing.

`hoso dossier check` prints its result, the dossier dialog shows it, and the export refuses a
dossier with `returned` findings unless the officer writes why it goes anyway
(operations.packages records that reason in the audit log and in dossier.json).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.catalog.documents import REPORT_PARTS
from desktop.core.errors import ValidationError
from desktop.core.model.dossier import DossierData
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations import home_titles, numbering
from desktop.core.operations import reports as reports_ops
from desktop.core.operations.rounds.checklist import checklist
from desktop.core.rules.appraisal import (
    AppraisalInput,
    CopiedPair,
    Finding,
    MissingPart,
    Severity,
    Target,
    appraise,
)
from desktop.core.rules.numbering import check_register, parse_number
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo

__all__ = ["Appraisal", "Finding", "Severity", "Target", "appraise_round"]


@dataclass(frozen=True)
class Appraisal:
    round_id: int
    findings: tuple[Finding, ...]
    # who decides every title of the round when the unit decides them all (forms/titles
    # decided_by_unit; home_titles.round_decider), e.g. "Chủ tịch Ủy ban nhân dân xã Tân
    # Phú": the dossier is submitted to them, nothing goes up. None: a higher level decides.
    decided_by: str | None = None

    @property
    def returned(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.returned)

    @property
    def to_fix(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.returned)

    @property
    def would_be_returned(self) -> bool:
        return bool(self.returned)

    def as_json(self) -> dict[str, Any]:
        return {"round": self.round_id, "decided_by": self.decided_by,
                "returned": len(self.returned), "fix": len(self.to_fix),
                "problems": [f.as_json() for f in self.findings]}


def _unit_gaps(store: Store, catalog: Catalog, round_id: int) -> Appraisal:
    unit = reg_repo.get_unit(store.db)
    source = AppraisalInput(data=None, catalog=catalog,   # type: ignore[arg-type]
                            unit_gaps=tuple(dossier_ops.check_unit_for_documents(unit)))
    from desktop.core.rules.appraisal import CHECKS, run_check

    found = next(c for c in CHECKS if c.code == "appraisal.unit_incomplete")
    return Appraisal(round_id, tuple(run_check(found, source)),
                     home_titles.round_decider(store, catalog, round_id))


def _cited(data: DossierData) -> set[tuple[int, str, str, int]]:
    """(number, type, code, year) of every decision the dossier cites from the history."""
    out = set()
    for n in data.nominations:
        for a in (*n.titles_received, *n.forms_received):
            ref = parse_number(a.decision_no)
            if ref is not None and a.decision_date is not None:
                out.add((ref.number, ref.doc_type, ref.code, a.decision_date.year))
    return out


def _register(store: Store, catalog: Catalog, data: DossierData) -> tuple[Any, ...]:
    numbers, dates, planned = dossier_ops.planned_numbers(store, catalog, data)
    years = {d.year for d in dates.values()} | {data.round.year}
    entries = numbering.register(store, catalog, data.unit, years)
    ours = {(numbers[k], dates[k]) for k in numbers}
    cited = _cited(data)
    focus = [e for e in entries if (e.ref.number, e.dated) in ours
             or (e.ref.number, e.ref.doc_type, e.ref.code, e.year) in cited] + planned
    problems = check_register([*entries, *planned], doc_repo.first_meetings(store.db),
                              numbering.voted_titles(catalog), only=focus)
    return numbers, dates, tuple(problems)


def _copies(store: Store, catalog: Catalog, round_id: int) -> tuple[CopiedPair, ...]:
    return tuple(CopiedPair(w.nomination_a, w.name_a, w.nomination_b, w.name_b,
                            w.passages[0].words, w.passages[0].excerpt)
                 for w in reports_ops.copy_warnings(store, catalog, round_id))


def _missing_parts(store: Store, catalog: Catalog, data: DossierData
                   ) -> dict[int, tuple[MissingPart, ...]]:
    out = {}
    for n in data.proposed:
        grounds = {p.code for p in catalog.title(n.target).dossier_parts if p.grounds}
        items = checklist(store, catalog, n.id).missing
        # what the app writes itself (forms/titles made_by_app: the biên bản waits for the
        # council's result, which the vote check reports) and the reports (report_gaps) are
        # checked on their own, never as a missing scan
        parts = tuple(MissingPart(i.name, i.part in grounds) for i in items
                      if not i.made_by and i.part not in REPORT_PARTS)
        if parts:
            out[n.id] = parts
    return out


def appraise_round(store: Store, catalog: Catalog, round_id: int, today: date) -> Appraisal:
    """Every finding of the appraisal of the round's dossier as it would be printed today.
    Raises UserError for a round that does not exist or has no nominee (nothing to appraise);
    an incomplete unit profile is itself the finding."""
    try:
        data = dossier_ops.assemble(store, catalog, round_id, today)
    except ValidationError as exc:
        if all(c == "dossier.unit_incomplete" for c in exc.codes):
            return _unit_gaps(store, catalog, round_id)
        raise
    numbers, dates, register = _register(store, catalog, data)
    data = replace(data, numbers=MappingProxyType(numbers), dates=MappingProxyType(dates))
    source = AppraisalInput(
        data=data, catalog=catalog, register=register,
        report_gaps=tuple(dossier_ops.report_problems(catalog, data)),
        copies=_copies(store, catalog, round_id),
        missing_parts=MappingProxyType(_missing_parts(store, catalog, data)),
        unit_decider=home_titles.decider(data.unit))
    return Appraisal(round_id, tuple(appraise(source)),
                     home_titles.round_decider(store, catalog, round_id))
