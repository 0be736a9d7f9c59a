"""m015_list_summaries: the list's summary column and drafted short reports (issue 12).

- `nominations.list_summary`: the officer's own wording of the nominee's line in the list's
  "Tóm tắt thành tích, căn cứ" column; empty means the app writes it from the registry (the
  year's rating, sáng kiến with their decisions, titles of the last years).
- `achievement_reports.drafted`: 1 while a report is the app's draft (the bulk "Soạn báo cáo
  tóm tắt"), not yet read and saved by the officer; saving it in the editor sets 0.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script


@MIGRATIONS(name="m015_list_summaries")
def m015_list_summaries(db: Database) -> None:
    run_script(
        db,
        """
        ALTER TABLE nominations ADD COLUMN list_summary TEXT NOT NULL DEFAULT '';
        ALTER TABLE achievement_reports ADD COLUMN drafted INTEGER NOT NULL DEFAULT 0
            CHECK (drafted IN (0, 1));
        """,
    )
