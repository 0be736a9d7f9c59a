"""m012_rule_versions: the versions of the rules a nomination's verdict applied (issue 14).

`rule_as_of` is the day whose rules were in force (the nomination date, never after 31/12 of
the review year), `rule_title` the title's file ("chien_si_thi_dua_co_so@2026-10-01"),
`rule_province` the province profile's chain, `rule_origin` where the title version came
from ("forms:<app version>" or "lawpack:<publisher>/<version>"). Nominations made before keep
NULL and empty strings: which rules they applied was not recorded, and nothing is guessed.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script


@MIGRATIONS(name="m012_rule_versions")
def m012_rule_versions(db: Database) -> None:
    run_script(db, """
        ALTER TABLE nominations ADD COLUMN rule_as_of TEXT
            CHECK (rule_as_of IS NULL OR rule_as_of GLOB
                   '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
        ALTER TABLE nominations ADD COLUMN rule_title TEXT NOT NULL DEFAULT ''
            CHECK (length(rule_title) <= 200);
        ALTER TABLE nominations ADD COLUMN rule_province TEXT NOT NULL DEFAULT ''
            CHECK (length(rule_province) <= 400);
        ALTER TABLE nominations ADD COLUMN rule_origin TEXT NOT NULL DEFAULT ''
            CHECK (length(rule_origin) <= 200);
    """)
