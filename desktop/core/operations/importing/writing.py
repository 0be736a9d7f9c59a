"""Write a checked preview in one transaction: every row, or nothing (the default), or, when
the officer chose to skip the bad rows, every valid row with a report of what was skipped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, History, SubjectKind, SubjectRef
from desktop.core.operations.importing.convert import RowProblem
from desktop.core.operations.importing.name_case import NAME_CASE_FIXED
from desktop.core.operations.importing.validation import ImportPreview, PreviewRow, SamePeople
from desktop.core.store import Store
from desktop.core.store import registry as repo
from desktop.core.store.people_import import national_ids
from desktop.core.text import clean

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: tuple[RowProblem, ...]  # every problem of every row not imported
    changes: Changes
    without_birth_date: int = 0  # people written with no birth date, to complete later

    @property
    def skipped_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.skipped}))


def _unconfirmed(preview: ImportPreview) -> UserError:
    names = ", ".join(d.label for d in preview.unconfirmed)
    flags = " ".join(f"--default {d.key}=…" for d in preview.unconfirmed)
    return UserError(
        _("Chưa chọn giá trị cho: {names}. Chưa nhập gì.").format(names=names),
        _("Hãy chọn giá trị cho các dòng không có thông tin này (dòng lệnh: {flags}).")
        .format(flags=flags), code="import.default_unconfirmed")


def _national_id_taken_since(db: Database, row: PreviewRow, holder_id: int) -> RowProblem:
    """The preview found this CCCD free; someone saved it for another person since."""
    holder = repo.get_person(db, holder_id)
    return RowProblem(
        row.row, "", _("{name}: số CCCD/CMND này vừa được lưu cho {holder} (mã {id}) sau khi "
                       "xem trước; mỗi người một số.").format(
            name=row.person.full_name, holder=holder.full_name if holder else "?",
            id=holder_id), "national_id", "import.national_id_taken")


def commit_import(store: Store, catalog: Catalog, preview: ImportPreview, actor: str,
                  source_name: str, *, skip_bad_rows: bool = False) -> ImportResult:
    """Write the preview's rows in one transaction.

    Without `skip_bad_rows` any bad row refuses the whole file (ValidationError listing
    every problem) and nothing is written. With it, the valid rows are written and the bad
    ones reported in `ImportResult.skipped`, including rows that became duplicates because
    someone saved the same person, or gave another person the row's CCCD, after the preview
    was made (import.duplicate_in_store, import.national_id_taken).
    """
    if not preview.rows:
        raise UserError(_("Không có dòng nào để nhập."), code="import.no_data")
    if preview.unconfirmed:
        raise _unconfirmed(preview)
    if not skip_bad_rows and not preview.ok:
        raise ValidationError(
            [Problem(p.code, str(p.row), p.text()) for p in preview.problems],
            _("Tệp còn {n} dòng lỗi nên chưa nhập gì. Hãy sửa tệp rồi tải lại, hoặc chọn bỏ "
              "qua các dòng lỗi.").format(n=preview.error_count))
    skipped: list[RowProblem] = list(preview.problems)
    ids: list[int] = []
    with store.write() as db:
        # Checked again inside the transaction: someone may have added a person, or given a
        # person one of the file's CCCDs, since the preview was made.
        in_store = SamePeople(store)
        holders = national_ids(db)
        writable: list[PreviewRow] = []
        clashes: list[RowProblem] = []
        for row in preview.rows:
            if not row.ok:
                continue
            same = in_store.of(row.person)
            holder = holders.get(clean(row.person.national_id)) \
                if clean(row.person.national_id) else None
            if same:
                clashes.append(RowProblem(
                    row.row, "", _("{name} đã có trong danh sách (mã {id}).").format(
                        name=row.person.full_name, id=same[0]), "full_name",
                    "import.duplicate_in_store"))
            elif holder is not None:
                clashes.append(_national_id_taken_since(db, row, holder))
            else:
                writable.append(row)
        if clashes and not skip_bad_rows:
            raise ValidationError([Problem(c.code, str(c.row), c.text()) for c in clashes])
        skipped += clashes
        if not writable:
            raise UserError(_("Không còn dòng hợp lệ nào để nhập."),
                            _("Hãy sửa tệp rồi tải lại."), code="import.nothing_valid")
        for row in writable:
            pid = repo.insert_person(db, row.person)
            if row.year_record is not None:
                repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid),
                                 History(years=(row.year_record,)))
            ids.append(pid)
        skipped.sort(key=lambda p: p.row)
        table = preview.table
        repo.append_audit(
            db, actor, "import", "people", None,
            _("Nhập {n} người từ tệp {name}").format(n=len(ids), name=source_name),
            {"file": source_name, "sha256": preview.sha256, "rows": len(ids),
             "sheet": preview.sheet, "rating_year": preview.rating_year,
             "mapping": preview.mapping,
             "format": table.format if table else None,
             "encoding": table.encoding if table else None,
             "defaults": {d.key: d.value for d in preview.defaults if d.must_confirm},
             # names in capitals written in title case at the officer's choice
             "names_fixed": preview.note_count(NAME_CASE_FIXED),
             "skipped": [{"row": p.row, "code": p.code} for p in skipped]})
    undated = sum(1 for row in writable if row.person.birth_date is None)
    return ImportResult(len(ids), tuple(skipped), Changes(people=frozenset(ids), bulk=True),
                        undated)
