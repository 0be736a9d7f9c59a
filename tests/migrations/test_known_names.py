"""Migrations are append-only: a shipped one is never removed, renamed or reordered."""

from __future__ import annotations

from desktop.core.store.migrations import MIGRATIONS, known_names

# Every migration that has ever been committed, in order. Add new names at the end only.
SHIPPED = [
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
]


def test_known_names_extend_the_shipped_list() -> None:
    names = known_names()
    assert names[:len(SHIPPED)] == SHIPPED, (
        "a shipped migration was removed, renamed or reordered; add a new one instead")
    assert len(set(names)) == len(names)


def test_every_migration_is_transactional_and_has_a_test() -> None:
    from pathlib import Path

    here = Path(__file__).parent
    for migration in MIGRATIONS._migrations:
        assert migration.transactional, migration.name
        assert (here / f"test_{migration.name}.py").is_file(), (
            f"migration {migration.name} needs tests/migrations/test_{migration.name}.py")


def test_the_start_up_check_knows_every_migration() -> None:
    """store.schema answers "schema current?" without importing the migrations (nor
    sqlite-utils): its list is theirs."""
    from desktop.core.store.migrations.base import MIGRATIONS as base_set
    from desktop.core.store.schema import MIGRATION_SET, SCHEMA_NAMES

    assert list(SCHEMA_NAMES) == known_names()
    assert base_set.name == MIGRATION_SET
