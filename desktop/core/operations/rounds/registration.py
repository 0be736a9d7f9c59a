"""Emulation registration (đăng ký thi đua): who registers for which title in January."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectRef
from desktop.core.model.rounds import Registration
from desktop.core.model.serialize import to_dict
from desktop.core.operations.rounds.base import (
    changes_for,
    refusal,
    subject_label,
    subject_name_or_error,
)
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo


def register(store: Store, catalog: Catalog, year: int, subject: SubjectRef, target: str,
             actor: str, today: date, note: str = "") -> tuple[Registration, Changes]:
    """Register a person or collective for an emulation title at the start of `year`."""
    title = catalog.title(target)
    name = subject_name_or_error(store, subject)
    problems = []
    if not title.is_title:
        problems.append(Problem("registration.not_a_title",
                                "target", _("“{t}” là hình thức khen thưởng, không đăng ký thi "
                                            "đua; chỉ đăng ký danh hiệu thi đua.")
                                .format(t=title.name)))
    elif not title.for_subject(subject_label(subject)):
        problems.append(Problem("registration.wrong_subject",
                                "target", _("Danh hiệu “{t}” không dành cho {name}.")
                                .format(t=title.name, name=name)))
    if not today.year - 1 <= year <= today.year + 1:
        problems.append(Problem("registration.year_invalid",
                                "year", _("Năm đăng ký {y} không hợp lệ: chỉ đăng ký cho năm "
                                          "nay, năm trước hoặc năm sau.").format(y=year)))
    if not problems and repo.is_registered(store.db, subject, year, target):
        problems.append(Problem("registration.duplicate",
                                "target", _("{name} đã đăng ký “{t}” năm {y}.")
                                .format(name=name, t=title.name, y=year)))
    if problems:
        raise refusal(problems)
    reg = Registration(year=year, subject=subject, target=target, registered_on=today,
                       note=note)
    with store.write() as db:
        rid = repo.insert_registration(db, reg)
        reg_repo.append_audit(db, actor, "create", "registration", rid,
                              _("Đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=name, t=title.name, y=year))
        saved = repo.get_registration(db, rid)
    assert saved is not None
    return saved, changes_for(subject, registration_years=(year,))


def unregister(store: Store, registration_id: int, actor: str
               ) -> tuple[Registration, Changes]:
    """Remove a registration; returns it as it was, so `undo_unregister` can put it back."""
    reg = repo.get_registration(store.db, registration_id)
    if reg is None:
        raise UserError(_("Bản đăng ký này đã bị xóa."), code="registration.not_found")
    with store.write() as db:
        repo.delete_registration(db, registration_id)
        reg_repo.append_audit(db, actor, "delete", "registration", registration_id,
                              _("Hủy đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=reg.subject_name, t=reg.target, y=reg.year),
                              {"snapshot": to_dict(reg)})
    return reg, changes_for(reg.subject, registration_years=(reg.year,))


def undo_unregister(store: Store, catalog: Catalog, removed: Registration, actor: str
                    ) -> tuple[Registration, Changes]:
    """Put back a registration `unregister` removed: same subject, title, year, date and note
    (the original registration date matters: it proves the subject registered in time)."""
    name = subject_name_or_error(store, removed.subject)
    title = catalog.name_of(removed.target)
    if repo.is_registered(store.db, removed.subject, removed.year, removed.target):
        raise UserError(_("{name} đã được đăng ký lại “{t}” năm {y}; không cần hoàn tác.")
                        .format(name=name, t=title, y=removed.year),
                        code="registration.registered_again")
    with store.write() as db:
        rid = repo.insert_registration(db, replace(removed, id=None))
        reg_repo.append_audit(db, actor, "create", "registration", rid,
                              _("Hoàn tác hủy đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=name, t=title, y=removed.year),
                              {"restored_from": removed.id})
        saved = repo.get_registration(db, rid)
    assert saved is not None
    return saved, changes_for(saved.subject, registration_years=(saved.year,))


def registrations(store: Store, year: int) -> list[Registration]:
    """The registration list of `year`, by title then Vietnamese name order (for printing)."""
    return repo.registrations(store.db, year)
