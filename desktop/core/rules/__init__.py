"""Eligibility: a closed set of named predicates over facts, an engine, verdicts and reasons.

The rules read only `facts.Population` (built from a batch file, or by core.operations from
the store) and the catalog; they never import the store (import-linter contract).
"""

from desktop.core.rules.council import VoteRule, exact_share
from desktop.core.rules.engine import Engine
from desktop.core.rules.facts import (
    DisciplineFact,
    MemberFacts,
    Population,
    ProofFact,
    SubjectFacts,
    YearFacts,
)
from desktop.core.rules.verdict import Reason, Status, Verdict

__all__ = ["DisciplineFact", "Engine", "MemberFacts", "Population", "ProofFact", "Reason",
           "Status", "SubjectFacts", "Verdict", "VoteRule", "YearFacts", "exact_share"]
