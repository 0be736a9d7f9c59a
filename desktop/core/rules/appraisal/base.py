"""The appraisal before a dossier leaves ("thẩm định trước", issue 11): what it reads, what it
finds, and the registry of its checks.

A check is a small pure function over `AppraisalInput` (the dossier's frozen data and what the
operations layer worked out from the store: the number register's problems, the report gaps,
the copied passages, the parts not yet in the dossier) that yields `Hit`s. It is registered
once with its stable code and its severity:

- `returned` — a province clerk would send the dossier back for it;
- `fix` — it should be corrected, but the dossier is not sent back for it alone.

`appraise(input)` runs every registered check in the order they were registered (the order
README lists them) and returns the `Finding`s, `returned` ones first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem
from desktop.core.model.dossier import DossierData


class Severity(StrEnum):
    RETURNED = "returned"    # the province would send the dossier back
    FIX = "fix"              # should be corrected


class Target(StrEnum):
    """What the officer opens to correct a finding (the panel's "go to" action)."""

    NOMINATION = "nomination"   # the nominee: registry record, nomination, attachments
    REPORT = "report"           # the nominee's achievement report
    MEETING = "meeting"         # the council meeting and its votes
    ROUND = "round"             # the round itself (receiving body, deadline)
    UNIT = "unit"               # the unit profile
    REGISTER = "register"       # the number register


@dataclass(frozen=True)
class Hit:
    """What one check found, before the registry adds its code and severity."""

    document: str               # forms/documents kind code ("to_trinh"), or "ho_so", "so_dang_ky"
    message: str
    fix: str
    subject: str = ""           # the nominee's name, "" for the dossier as a whole
    nomination_id: int | None = None
    target: Target = Target.NOMINATION


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    document: str
    subject: str
    message: str
    fix: str
    nomination_id: int | None = None
    target: Target = Target.NOMINATION

    @property
    def returned(self) -> bool:
        return self.severity is Severity.RETURNED

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity.value, "document": self.document,
                "subject": self.subject, "message": self.message, "fix": self.fix,
                "nomination": self.nomination_id, "target": self.target.value}


@dataclass(frozen=True)
class CopiedPair:
    """Two reports of the round that share a long identical passage (LAW §6.4)."""

    nomination_a: int
    name_a: str
    nomination_b: int
    name_b: str
    words: int
    excerpt: str


@dataclass(frozen=True)
class MissingPart:
    """A dossier part neither attached nor ticked; `proves_grounds`: it is the proof of a
    criterion (the sáng kiến's recognition), whose lack an exception may be about."""

    name: str
    proves_grounds: bool = False


def _empty() -> Mapping[int, tuple[MissingPart, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True)
class AppraisalInput:
    data: DossierData
    catalog: Catalog
    # rules.numbering.check_register's problems that concern this dossier (its own numbers
    # and the decisions it cites), codes numbers.*
    register: tuple[Problem, ...] = ()
    # report sections still to write, field "report:<nomination id>:<section>"
    report_gaps: tuple[Problem, ...] = ()
    copies: tuple[CopiedPair, ...] = ()
    # nomination id -> the dossier parts neither attached nor ticked
    missing_parts: Mapping[int, tuple[MissingPart, ...]] = field(default_factory=_empty)
    # the unit profile's blanks (operations.dossier.check_unit_for_documents)
    unit_gaps: tuple[Problem, ...] = ()
    # who decides the unit's own titles (forms/titles decided_by_unit), as the documents
    # name them: "Chủ tịch Ủy ban nhân dân xã Tân Phú" (operations.home_titles.decider)
    unit_decider: str = ""


CheckFn = Callable[[AppraisalInput], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    run: CheckFn


CHECKS: list[Check] = []


def check(code: str, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    """Register a check under its stable code (one code per check, never reused)."""

    def register(fn: CheckFn) -> CheckFn:
        if any(c.code == code for c in CHECKS):
            raise ValueError(f"appraisal code registered twice: {code}")
        CHECKS.append(Check(code, severity, fn))
        return fn

    return register


def run_check(found: Check, source: AppraisalInput) -> list[Finding]:
    return [Finding(found.code, found.severity, h.document, h.subject, h.message, h.fix,
                    h.nomination_id, h.target) for h in found.run(source)]


def appraise(source: AppraisalInput) -> list[Finding]:
    """Every finding of every registered check: `returned` first, then in registry order."""
    findings = [f for c in CHECKS for f in run_check(c, source)]
    return sorted(findings, key=lambda f: not f.returned)


def codes() -> tuple[str, ...]:
    return tuple(c.code for c in CHECKS)
