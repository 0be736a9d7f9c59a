"""Where a former unit's registry comes from: its own hoso database, or its staff list in
Excel (read, mapped and checked by the people import).

A database is named by its data dir (profiles/<id>/hoso.sqlite inside), by its profile
folder, or as the file itself; it is read through a read-only in-memory snapshot
(store.snapshot), migrated there if it is older, refused if it is newer, and never written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Collective, History, Person, SubjectKind, SubjectRef, Unit
from desktop.core.model.former import REFORM_DATE, FormerUnit, former_name_from_unit
from desktop.core.operations import importing as imp
from desktop.core.operations.importing.convert import RowProblem
from desktop.core.operations.profiles import DB_NAME, ProfileInfo, profiles_dir
from desktop.core.store import Store
from desktop.core.store import merging as merge_repo
from desktop.core.store import registry as repo
from desktop.core.store.snapshot import peek_unit_name, snapshot

# A former commune has hundreds of people, a large agency a few thousand; the importer's
# row limit bounds what one merge reads into memory.
MAX_SOURCE_PEOPLE = imp.DEFAULT_LIMITS.max_rows
DATABASE, EXCEL = "database", "excel"


@dataclass(frozen=True)
class IncomingPerson:
    """A person of the former unit's registry. `key`: their id there (or the sheet row)."""

    key: int
    person: Person
    history: History = field(default_factory=History)

    @property
    def name(self) -> str:
        return self.person.full_name


@dataclass(frozen=True)
class IncomingCollective:
    key: int
    collective: Collective  # member_ids are keys of IncomingPerson
    history: History = field(default_factory=History)


@dataclass(frozen=True)
class SourceRegistry:
    """A former unit's registry, read and checked, nothing written yet."""

    kind: str  # DATABASE or EXCEL
    path: Path
    people: tuple[IncomingPerson, ...]
    collectives: tuple[IncomingCollective, ...] = ()
    unit: Unit | None = None  # the former unit's own profile (a database only)
    profile_id: str = ""
    skipped: tuple[RowProblem, ...] = ()  # Excel rows left out (skip bad rows)
    detail: Mapping[str, object] = field(default_factory=dict)  # for the audit entry

    @property
    def suggested_former(self) -> FormerUnit:
        """The former unit as its own profile names it (the officer may correct it)."""
        if self.unit is None:
            return FormerUnit(None, "", REFORM_DATE)
        return FormerUnit(None, former_name_from_unit(self.unit.name), REFORM_DATE,
                          code=self.unit.code)

    def describe(self) -> str:
        if self.kind == EXCEL:
            return _("bảng tính “{name}”").format(name=self.path.name)
        name = self.unit.name if self.unit else self.path.name
        return _("cơ sở dữ liệu của “{name}”").format(name=name)


# ---- a hoso database -------------------------------------------------------------------------


def _profiles(data_dir: Path) -> list[ProfileInfo]:
    """The profiles of another data dir, their unit names read without writing anything
    there (profiles.list_profiles would leave -wal/-shm files beside each database)."""
    folder = profiles_dir(data_dir)
    if not folder.is_dir():
        return []
    return [ProfileInfo(sub.name, sub / DB_NAME, peek_unit_name(sub / DB_NAME) or sub.name)
            for sub in sorted(folder.iterdir()) if (sub / DB_NAME).is_file()]


def resolve_database(path: Path, profile: str | None = None) -> tuple[Path, str]:
    """(the database file, its profile id) for a data dir, a profile folder or the file."""
    path = Path(path)
    if path.is_file():
        return path, path.parent.name
    if (path / DB_NAME).is_file():
        return path / DB_NAME, path.name
    if not path.is_dir():
        raise UserError(_("Không tìm thấy “{path}”.").format(path=path),
                        _("Hãy chọn thư mục dữ liệu (có thư mục profiles) hoặc thư mục hồ sơ "
                          "của đơn vị cũ."), code="merge.source_missing")
    found = _profiles(path)
    ids = [p.id for p in found]
    if profile is not None:
        if profile not in ids:
            raise UserError(_("Thư mục {path} không có hồ sơ đơn vị “{id}”.").format(
                path=path, id=profile), code="merge.source_profile_missing")
        return profiles_dir(path) / profile / DB_NAME, profile
    if not found:
        raise UserError(_("Thư mục {path} không có hồ sơ đơn vị nào.").format(path=path),
                        _("Hãy chọn thư mục dữ liệu (có thư mục profiles) hoặc thư mục hồ sơ "
                          "của đơn vị cũ."), code="merge.source_missing")
    if len(found) > 1:
        raise UserError(
            _("Thư mục {path} có {n} hồ sơ đơn vị: {names}.").format(
                path=path, n=len(found),
                names="; ".join(f"{p.id} ({p.unit_name})" for p in found)),
            _("Hãy chọn một hồ sơ (dòng lệnh: --from-profile MÃ)."),
            code="merge.source_profile_ambiguous")
    return found[0].path, found[0].id


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def load_database(target: Store, path: Path, profile: str | None = None) -> SourceRegistry:
    """Read a former unit's registry from its hoso database (never written)."""
    db_path, profile_id = resolve_database(path, profile)
    if _same_file(db_path, target.path):
        raise UserError(_("Đây chính là cơ sở dữ liệu đang mở; không hợp nhất với chính nó."),
                        _("Hãy chọn thư mục dữ liệu của đơn vị cũ."), code="merge.same_database")
    with snapshot(db_path) as source:
        db = source.db
        unit = repo.get_unit(db)
        ids = merge_repo.people_ids(db)
        if len(ids) > MAX_SOURCE_PEOPLE:
            raise UserError(_("Cơ sở dữ liệu của đơn vị cũ có {n} người, quá {max} người hợp "
                              "nhất được một lần.").format(n=len(ids), max=MAX_SOURCE_PEOPLE),
                            code="merge.source_too_many")
        people = []
        for pid in ids:
            person = repo.get_person(db, pid)
            if person is None:
                continue
            history = repo.get_history(db, SubjectRef(SubjectKind.PERSON, pid))
            people.append(IncomingPerson(pid, person, history))
        collectives = []
        for cid in merge_repo.collective_ids(db):
            collective = repo.get_collective(db, cid)
            if collective is None:
                continue
            history = repo.get_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid))
            collectives.append(IncomingCollective(cid, collective, history))
    return SourceRegistry(DATABASE, db_path, tuple(people), tuple(collectives), unit,
                          profile_id, detail={"path": str(db_path), "profile": profile_id,
                                              "unit": unit.name if unit else "",
                                              "unit_code": unit.code if unit else ""})


# ---- an Excel staff list ---------------------------------------------------------------------

# In a merge, someone already in the registry is a pair to confirm, not a bad row.
_PAIR_CODES = frozenset({"import.duplicate_in_store"})


def excel_rows(preview: imp.ImportPreview) -> tuple[list[imp.PreviewRow], list[RowProblem]]:
    """(rows that can come in, problems of the others) for a merge."""
    good, bad = [], []
    for row in preview.rows:
        problems = [p for p in row.problems if p.code not in _PAIR_CODES]
        if problems:
            bad += problems
        else:
            good.append(row)
    return good, bad


def load_excel(target: Store, catalog: Catalog, table: imp.RawTable, mapping: Mapping[str, int],
               options: imp.ImportOptions, *, skip_bad_rows: bool = False) -> SourceRegistry:
    """A former unit's staff list, checked as the people import checks it. Rows that name
    someone already in the registry are kept (they become pairs to confirm); other bad rows
    refuse the list, or are left out and reported with `skip_bad_rows`."""
    preview = imp.preview(target, catalog, table, mapping, options)
    if preview.unconfirmed:
        names = ", ".join(d.label for d in preview.unconfirmed)
        raise UserError(_("Chưa chọn giá trị cho: {names}.").format(names=names),
                        _("Hãy chọn giá trị cho các dòng không có thông tin này."),
                        code="import.default_unconfirmed")
    good, bad = excel_rows(preview)
    if bad and not skip_bad_rows:
        raise ValidationError(
            [Problem(p.code, str(p.row), p.text()) for p in bad],
            _("Bảng tính còn {n} dòng lỗi. Hãy sửa tệp, hoặc chọn bỏ qua các dòng lỗi.")
            .format(n=len({p.row for p in bad})))
    if not good:
        raise UserError(_("Bảng tính không còn dòng hợp lệ nào."), code="import.nothing_valid")
    people = tuple(
        IncomingPerson(row.row, replace(row.person, id=None),
                       History(years=(row.year_record,)) if row.year_record else History())
        for row in good)
    return SourceRegistry(EXCEL, Path(table.source_name), people, skipped=tuple(bad),
                          detail={"file": table.source_name, "sha256": table.sha256,
                                  "sheet": table.sheet, "mapping": dict(preview.mapping),
                                  "rating_year": preview.rating_year})
