"""The unit's side of the way back: the packages it sent, and what the province's receipts
said about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.operations.receiving.files import day_of
from desktop.core.store import Store
from desktop.core.store import packages as repo


@dataclass(frozen=True)
class SentPackage:
    dossier_id: str
    revision: int
    file_name: str
    sha256: str
    created_at: str
    received_on: date | None          # from the province's receipt
    receiving_body: str

    @property
    def sent_on(self) -> date:
        return day_of(self.created_at)


def sent_packages(store: Store) -> list[SentPackage]:
    """The packages this unit exported, newest first, with the receipt's date when imported."""
    result = []
    for row in reversed(repo.exported_packages(store.db)):
        doc = (row.receipt or {}).get("document") or {}
        received_on = date.fromisoformat(row.received_at[:10]) if row.received_at else None
        result.append(SentPackage(row.dossier_id, row.revision, row.file_name, row.sha256,
                                  row.created_at, received_on,
                                  str(doc.get("receiving_body", ""))))
    return result
