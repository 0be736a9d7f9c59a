"""The appraisal before a dossier leaves (issue 11): a registry of small pure checks.

`appraise(AppraisalInput)` → `Finding`s with a stable code, a severity (`returned`, `fix`),
the document and the nominee concerned, a message and how to fix it. The checks live in
`nominees` and `dossier`; importing this package registers them all (README lists the codes).
"""

from desktop.core.rules.appraisal import dossier, nominees  # noqa: F401  (registers the checks)
from desktop.core.rules.appraisal.base import (
    CHECKS,
    AppraisalInput,
    Check,
    CopiedPair,
    Finding,
    Hit,
    MissingPart,
    Severity,
    Target,
    appraise,
    codes,
    run_check,
)

__all__ = ["CHECKS", "AppraisalInput", "Check", "CopiedPair", "Finding", "Hit", "MissingPart",
           "Severity", "Target", "appraise", "codes", "run_check"]
