"""The year's ratings of many people as one intention: the grid's "Lưu" and the ratings-only
import both write through `save_ratings` (one transaction, one audit entry holding what each
row was before), and `undo_ratings` puts that entry's rows back whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.ratings import RatingChange, RatingMarks, RatingRow
from desktop.core.store import Store
from desktop.core.store import ratings as repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import undo as undo_repo

FIRST_YEAR = 1945


@dataclass(frozen=True)
class RatingsSaved:
    """What a save wrote: the rows it changed (rows given unchanged are not listed) and the
    audit entry `undo_ratings` takes back (None when nothing changed)."""

    changed: tuple[RatingChange, ...]
    audit_id: int | None

    @property
    def people(self) -> frozenset[int]:
        return frozenset(c.person_id for c in self.changed)


def rating_rows(*, store: Store, year: int) -> list[RatingRow]:
    """Every person of the unit with last year's rating and this year's marks."""
    return repo.rating_rows(store.db, year)


def missing_ratings(*, store: Store, year: int) -> tuple[int, int]:
    """(people without a rating for `year`, people who are rated at all): workers and
    farmers are not counted, their LĐTT rests on the three ticks."""
    return repo.missing_ratings(store.db, year)


def year_problems(year: int, today: date, field: str = "year") -> list[Problem]:
    if not FIRST_YEAR <= year <= 2100:
        return [Problem("ratings.year_invalid", field,
                        _("Năm {y} không hợp lệ.").format(y=year))]
    if year > today.year:
        return [Problem("ratings.year_future", field, _(
            "Năm {y} chưa đến (năm nay là {now}): chưa xếp loại được.").format(
                y=year, now=today.year))]
    return []


def save_ratings(*, store: Store, entries: Mapping[tuple[int, int], RatingMarks], actor: str,
                 today: date, source: str = "") -> tuple[RatingsSaved, Changes]:
    """Write the marks of every (person id, year) given, all or none.

    Refused whole, every problem listed, for a year not allowed (`ratings.year_invalid`,
    `ratings.year_future`) or a person no longer in the list (`ratings.person_unknown`);
    `ratings.nothing_given` when `entries` is empty. Rows given as they are stored are not
    written. `source` names the file of an import, for the log.
    """
    if not entries:
        raise UserError(_("Chưa có xếp loại nào để lưu."), code="ratings.nothing_given")
    problems: list[Problem] = []
    for year in sorted({y for _p, y in entries}):
        problems += year_problems(year, today)
    names = repo.names_of(store.db, (p for p, _y in entries))
    gone = sorted({p for p, _y in entries} - set(names))
    if gone:
        problems.append(Problem("ratings.person_unknown", "entries", _(
            "Không còn trong danh sách (đã bị xóa?): mã {ids}.").format(
                ids=", ".join(map(str, gone)))))
    if problems:
        raise ValidationError(problems, _("Chưa lưu xếp loại (không ghi gì):"))
    with store.write() as db:
        stored = repo.marks_of(db, entries)
        changed = [RatingChange(pid, names[pid], year, stored.get((pid, year)), marks)
                   for (pid, year), marks in sorted(entries.items())
                   if stored.get((pid, year)) != marks]
        if not changed:
            return RatingsSaved((), None), Changes()
        for c in changed:
            repo.set_marks(db, c.person_id, c.year, c.after)
        years = sorted({c.year for c in changed})
        summary = (_("Xếp loại năm {y}: {n} người").format(y=years[0], n=len(changed))
                   if len(years) == 1 else
                   _("Xếp loại các năm {ys}: {n} dòng").format(
                       ys=", ".join(map(str, years)), n=len(changed)))
        if source:
            summary += _(" (từ tệp {name})").format(name=source)
        audit_id = reg_repo.append_audit(db, actor, "ratings", "year_records", None, summary, {
            "years": years, "source": source,
            "rows": [{"person_id": c.person_id, "year": c.year,
                      "before": c.before.to_json() if c.before else None,
                      "after": c.after.to_json()} for c in changed]})
    saved = RatingsSaved(tuple(changed), audit_id)
    return saved, Changes(people=saved.people)


def undo_ratings(*, store: Store, audit_id: int, actor: str) -> Changes:
    """Put back every row the save logged as `audit_id` as it was before, in one transaction.

    Refused (`ratings.undo_changed`, naming them) when a row was changed again since, so an
    undo never overwrites later work; `undo.nothing` for an entry that is not a ratings save,
    `undo.already` when undone before. People deleted since are skipped.
    """
    entry = undo_repo.get_audit_entry(store.db, audit_id)
    if entry is None or entry.action != "ratings":
        raise UserError(_("Không có lần lưu xếp loại nào để hoàn tác."), code="undo.nothing")
    rows: list[dict[str, Any]] = list(entry.detail.get("rows", []))
    with store.write() as db:
        if repo.undo_recorded(db, audit_id):
            raise UserError(_("Đã hoàn tác lần lưu xếp loại này rồi."), code="undo.already")
        keys = [(int(r["person_id"]), int(r["year"])) for r in rows]
        names = repo.names_of(db, (p for p, _y in keys))
        now = repo.marks_of(db, keys)
        later = sorted({names[p] for (p, y), r in zip(keys, rows, strict=True)
                        if p in names and now.get((p, y)) != RatingMarks.from_json(r["after"])})
        if later:
            raise UserError(
                _("Không hoàn tác được: xếp loại của {names} đã được sửa lại sau lần lưu đó.")
                .format(names=", ".join(later)),
                _("Hãy sửa từng người trong bảng xếp loại nếu vẫn muốn đổi."),
                code="ratings.undo_changed")
        restored = set()
        for (pid, year), r in zip(keys, rows, strict=True):
            if pid not in names:
                continue
            before = r["before"]
            repo.set_marks(db, pid, year, RatingMarks.from_json(before) if before
                           else RatingMarks())
            if before is None:
                repo.remove_if_bare(db, pid, year)
            restored.add(pid)
        reg_repo.append_audit(db, actor, "undo_ratings", "year_records", None,
                              _("Hoàn tác xếp loại: {n} người").format(n=len(restored)),
                              {"audit_id": audit_id})
    return Changes(people=frozenset(restored))
