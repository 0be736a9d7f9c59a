"""m017_people_search_index: the people list's order with each folded name in the index.

Per keystroke, a broad search ("nguyen t": 50,000 of 300,000 people) reads the list in order
and tests each folded name in Python until the page is full (store/registry.py, the scan).
Through `people_sort(sort_key, id)` every row read is also a lookup in the people table;
this index holds the folded name too, so the scan reads the index alone (covering), in the
same order (sort_key, then id).

The few broad searches the scan does not take go to FTS5, whose AND of several common
prefixes ("nguyen thi thu h") reads every segment of the name index: a registry filled by
imports has hundreds of small ones. They are merged into one here, once (~2 s at 300,000
people; FTS5's automerge keeps later ones few).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.core.store.migrations.base import MIGRATIONS, run_script


@MIGRATIONS(name="m017_people_search_index")
def m017_people_search_index(db: Database) -> None:
    run_script(
        db,
        """
        CREATE INDEX people_search ON people(sort_key, id, name_folded);
        INSERT INTO people_fts(people_fts) VALUES ('optimize');
        """,
    )
