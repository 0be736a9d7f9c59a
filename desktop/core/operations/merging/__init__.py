"""Merged communes (issue 14, LAW §8.1): bring a former unit's registry into this one.

1. `load_database(store, path)` (a former unit's hoso database, read-only) or
   `load_excel(store, catalog, table, mapping, options)` (its staff list, read by the people
   import) gives a `SourceRegistry` (sources.py).
2. `plan_merge(store, catalog, source, former_unit, today)` compares it with this registry:
   who is new, which pairs may be one person, what their histories say differently, which
   records cannot come in (plan.py, with combine.py's generic field-by-field comparison).
3. The officer decides each pair (`PairDecision`: merge, with choices, or keep both);
   `check_decisions` lists what is still missing; `commit_merge` takes a backup and writes
   everything in one transaction with an audit entry (writing.py); `undo_merge` takes it out.

decisions.py reads and writes the officer's decisions as JSON (`hoso merge --confirm`);
former.py keeps the unit's list of former units (the unit form).
"""

from desktop.core.operations.merging.combine import (
    EXISTING,
    INCOMING,
    Conflict,
    FieldDifference,
    field_label,
)
from desktop.core.operations.merging.former import (
    list_former_units,
    posting_counts,
    postings_of,
    save_unit_profile,
    validate_former_unit,
)
from desktop.core.operations.merging.plan import (
    KEEP_BOTH,
    MERGE,
    MergePlan,
    Pair,
    PairDecision,
    PlannedCollective,
    Rejected,
    certain_decisions,
    check_decisions,
    plan_merge,
)
from desktop.core.operations.merging.sources import (
    DATABASE,
    EXCEL,
    IncomingPerson,
    SourceRegistry,
    load_database,
    load_excel,
    resolve_database,
)
from desktop.core.operations.merging.writing import (
    MergeRecord,
    MergeResult,
    commit_merge,
    merges,
    restore_hint,
    undo_merge,
)

__all__ = [
    "DATABASE", "EXCEL", "EXISTING", "INCOMING", "KEEP_BOTH", "MERGE", "Conflict",
    "FieldDifference", "IncomingPerson", "MergePlan", "MergeRecord", "MergeResult", "Pair",
    "PairDecision", "PlannedCollective", "Rejected", "SourceRegistry", "certain_decisions",
    "check_decisions", "commit_merge", "field_label", "list_former_units", "load_database",
    "load_excel", "merges", "plan_merge", "posting_counts", "postings_of", "resolve_database",
    "restore_hint", "save_unit_profile", "undo_merge", "validate_former_unit",
]
