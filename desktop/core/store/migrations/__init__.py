"""Append-only schema migrations (sqlite_utils.Migrations).

Never edit or reorder a migration that has shipped: add a new module `mNNN_<what>.py` that
registers itself with `@MIGRATIONS(name="mNNN_<what>")`, import it below after the others, and
test it in tests/migrations/. The set's names are how a newer database is recognised and
refused; they are applied in the order they are imported here.
"""

from __future__ import annotations

from desktop.core.store.migrations import shipped_m001_m008  # noqa: F401  (registers m001–m008)

# isort: split
# After the shipped set, in number order: each module registers itself when imported.
from desktop.core.store.migrations import (
    m009_unit_structure,  # noqa: F401
    m010_signed_documents,  # noqa: F401
    m011_council_members,  # noqa: F401
    m012_rule_versions,  # noqa: F401
    m013_former_units,  # noqa: F401
    m015_list_summaries,  # noqa: F401
    m017_people_search_index,  # noqa: F401
)

# isort: split
from desktop.core.store.migrations.base import MIGRATIONS, known_names, run_script

__all__ = ["MIGRATIONS", "known_names", "run_script"]
