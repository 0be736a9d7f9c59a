"""SQLite through sqlite-utils: opening, migrations, repositories. Only core imports this."""

from desktop.core.store.database import Store, backups_of, open_store

__all__ = ["Store", "backups_of", "open_store"]
