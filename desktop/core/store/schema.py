"""Whether a profile's schema is current, asked with the standard library alone.

Opening the profile at start-up needs only this answer; the migrations themselves (and
sqlite-utils, which they run through) are imported only when one is pending or the file is
newer than this app. SCHEMA_NAMES is `migrations.known_names()` written out (a test keeps
them equal): add each new migration's name at the end of both.
"""

from __future__ import annotations

import sqlite3

SCHEMA_NAMES: tuple[str, ...] = (
    "m001_registry",
    "m002_name_search",
    "m003_sort_keys_latin_letters",
    "m004_rounds",
    "m005_people_identity_index",
    "m006_claims",
    "m007_documents",
    "m008_packages",
    "m009_unit_structure",
    "m010_signed_documents",
    "m011_council_members",
    "m012_rule_versions",
    "m013_former_units",
    "m015_list_summaries",
    "m017_people_search_index",
)
MIGRATION_SET = "hoso"  # migrations.base.MIGRATIONS' name in _sqlite_migrations


def schema_is_current(conn: sqlite3.Connection) -> bool:
    """Exactly this app's migrations applied: nothing pending, nothing newer."""
    try:
        # the table itself (NOT INDEXED) and its index (the count is read from it alone):
        # a damaged page of either is found here, before anything is written, as
        # sqlite-utils found it (open_store says StoreUnreadable and offers the backups)
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations NOT INDEXED WHERE migration_set = ?",
            [MIGRATION_SET])]
        indexed = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE "
                               "migration_set = ?", [MIGRATION_SET]).fetchone()[0]
    except sqlite3.OperationalError:  # no such table: a new file
        return False
    # as sets: migrations merged from parallel branches may be applied out of number order
    return (len(applied) == len(SCHEMA_NAMES) == indexed
            and set(applied) == set(SCHEMA_NAMES))
