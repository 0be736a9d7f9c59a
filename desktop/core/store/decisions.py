"""What recording one decision for many nominations writes, and what taking it back needs:
the award a decision added (found by subject, year, title and number, since the history
editor rewrites award rows under new ids), a sáng kiến's "used for" mark, and a nomination's
status and decision put back as they were.

Callers wrap writes in `Store.write()`; these functions never commit by themselves.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.store.database import now_iso
from desktop.core.text import fold


def _owner(ref: SubjectRef) -> str:
    return "person_id" if ref.kind is SubjectKind.PERSON else "collective_id"


def award_ids(db: Database, ref: SubjectRef, year: int, code: str, decision_no: str
              ) -> list[int]:
    """The subject's awards of `code` in `year` under decision `decision_no`, newest last."""
    return [int(r[0]) for r in db.execute(
        f"SELECT id FROM awards WHERE {_owner(ref)} = ? AND year = ? AND code = ? "
        "AND decision_no = ? ORDER BY id", [ref.id, year, code, decision_no]).fetchall()]


def delete_award(db: Database, award_id: int) -> None:
    db.execute("DELETE FROM awards WHERE id = ?", [award_id])


def initiative_uses(db: Database, ref: SubjectRef, name: str
                    ) -> list[tuple[int, str, int | None]]:
    """(id, used_for_code, used_for_year) of the subject's sáng kiến named `name` (folded)."""
    key = fold(name)
    return [(int(r[0]), r[2] or "", r[3]) for r in db.execute(
        f"SELECT id, name, used_for_code, used_for_year FROM initiatives WHERE {_owner(ref)} = ?",
        [ref.id]).fetchall() if fold(r[1]) == key]


def set_initiative_use(db: Database, initiative_id: int, code: str, year: int | None) -> None:
    db.execute("UPDATE initiatives SET used_for_code = ?, used_for_year = ? WHERE id = ?",
               [code, year, initiative_id])


def restore_decision(db: Database, nomination_id: int, status: NominationStatus,
                     decision_no: str, decision_date: date | None) -> None:
    """Put a nomination's status and decision back as they were before a decision."""
    db.execute("UPDATE nominations SET status = ?, decision_no = ?, decision_date = ?, "
               "updated_at = ? WHERE id = ?",
               [status.value, decision_no,
                decision_date.isoformat() if decision_date else None, now_iso(), nomination_id])
