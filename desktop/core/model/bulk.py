"""Working in bulk: the people and collectives a picker lists, and what registering or
nominating each of them would do, shown before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import Problem
from desktop.core.model import SubjectRef
from desktop.core.model.rounds import EligibilitySnapshot, Reason, Verdict


@dataclass(frozen=True)
class Candidate:
    """A person or collective as a bulk picker lists it."""

    subject: SubjectRef
    name: str
    detail: str          # birth date and position of a person, kind of a collective
    department: str = ""  # a person's phòng ban (the picker filters by it)


@dataclass(frozen=True)
class BulkRow:
    """What registering or nominating one subject would do, before it is applied.

    `blocks` are the reasons it cannot be applied at all, each with its stable code (already
    registered, already nominated, the award already recorded that year, on hold…);
    an ineligible subject is not blocked, it needs a written justification instead.
    """

    subject: SubjectRef
    name: str
    department: str
    verdict: EligibilitySnapshot | None   # None: the rules gave none for this title
    registered: bool | None               # None: the title needs no registration
    blocks: tuple[Problem, ...] = ()
    initiative: str = ""                  # the sáng kiến cited as grounds (the only usable one)
    # a registration in a year still in progress: the reasons it is not (yet) eligible when
    # only that year's facts still to come stand behind them (its rating, its qualities…;
    # operations.eligibility.awaiting_year); () when eligible or refused by what is known
    awaiting: tuple[Reason, ...] = ()

    @property
    def applicable(self) -> bool:
        return not self.blocks

    @property
    def eligible(self) -> bool:
        return self.verdict is not None and self.verdict.verdict is Verdict.ELIGIBLE

    @property
    def pending(self) -> bool:
        """Not eligible yet only for want of the year's own results: not a refusal."""
        return bool(self.awaiting)

    @property
    def needs_justification(self) -> bool:
        return self.verdict is not None and self.verdict.verdict is Verdict.INELIGIBLE

    @property
    def preselected(self) -> bool:
        """Ticked when the preview opens: it can be applied and the rules say eligible."""
        return self.applicable and self.eligible
