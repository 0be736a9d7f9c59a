"""Verdicts and the reasons an officer can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop.core.model.rule_version import RuleVersion


class Status(StrEnum):
    """Three-valued outcome of one criterion (LAW §10a.10: unconfirmed is never "met")."""

    MET = "met"
    NOT_MET = "not_met"
    UNCONFIRMED = "unconfirmed"  # a qualitative tick or a date the officer has not given yet
    BLOCKER = "blocker"  # a global rule (pending review, discipline) decided the verdict
    INFO = "info"


@dataclass(frozen=True)
class Reason:
    code: str
    status: Status
    message: str  # Vietnamese: the criterion and the facts used
    basis: str  # "Luật TĐKT 2022, Điều 23"
    facts: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "status": self.status.value, "message": self.message,
                "basis": self.basis, "facts": self.facts}


@dataclass(frozen=True)
class Verdict:
    target: str
    target_name: str
    subject_id: int
    review_year: int
    verdict: str  # eligible | ineligible | hold
    reasons: tuple[Reason, ...]
    evidence_needed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    ballot: dict[str, Any] | None = None
    rule: RuleVersion | None = None   # the versions of the rules this verdict applied

    @property
    def eligible(self) -> bool:
        return self.verdict == "eligible"

    @property
    def confirmed(self) -> bool:
        """Eligible with every qualitative criterion ticked by the officer."""
        return self.eligible and not any(r.status is Status.UNCONFIRMED for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        return {"target": self.target, "verdict": self.verdict,
                "reasons": [r.to_json() for r in self.reasons],
                "evidence_needed": list(self.evidence_needed), "missing": list(self.missing),
                "info": list(self.info), "ballot": self.ballot,
                "rule_version": self.rule.to_json() if self.rule else None}
