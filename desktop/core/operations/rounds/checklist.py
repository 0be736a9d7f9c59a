"""The dossier checklist of a nomination (LAW §5.1–5.3): the parts its title file lists for the
round's kind, or the simplified procedure's parts (forms/rounds.toml), each present once a scan
is attached or it is ticked by hand — except the parts the app writes itself (`made_by_app` in
the title file, issue 12): the tờ trình with the round's danh sách is there for every nominee,
the council's biên bản once the meeting's result for the nominee is recorded. Nobody ticks
those on each of 150 nominees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.catalog import (
    Catalog,
    DossierPart,
    ProvinceProfile,
    ReportRequirement,
    TitleInfo,
)
from desktop.core.catalog.documents import REPORT_PARTS
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Checklist, ChecklistItem, Nomination, RoundKind
from desktop.core.operations.rounds.base import (
    VOTABLE,
    changes_for,
    nomination_or_error,
    round_or_error,
)
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import format_date


def dossier_parts(catalog: Catalog, title: TitleInfo, kind: RoundKind, simplified: bool,
                  province: ProvinceProfile | None = None) -> tuple[DossierPart, ...]:
    """The parts the dossier needs: the simplified procedure's, or the title's for `kind`
    with its achievement report as the province asks ([reports]: none drops it, summary
    makes it the báo cáo tóm tắt)."""
    if simplified:
        return catalog.rounds.simplified_parts
    parts = title.parts_for(kind.value)
    wanted = (province.report_requirement(title.code) if province is not None
              else ReportRequirement.FULL)
    if wanted is ReportRequirement.FULL:
        return parts
    summary = next((p for p in catalog.rounds.simplified_parts
                    if p.code == "bao_cao_tom_tat"), None)
    out = []
    for part in parts:
        if part.code not in REPORT_PARTS:
            out.append(part)
        elif wanted is ReportRequirement.SUMMARY and summary is not None:
            out.append(replace(summary, kinds=part.kinds))
    return tuple(out)


def parts_of(store: Store, catalog: Catalog, nom: Nomination) -> tuple[DossierPart, ...]:
    rnd = round_or_error(store, nom.round_id)
    unit = reg_repo.get_unit(store.db)
    province = catalog.province_or_default(unit.province if unit is not None else None)
    return dossier_parts(catalog, catalog.title(nom.target), rnd.kind, nom.simplified,
                         province)


def part_or_error(store: Store, catalog: Catalog, nom: Nomination, part: str) -> DossierPart:
    found = next((p for p in parts_of(store, catalog, nom) if p.code == part), None)
    if found is None:
        raise UserError(_("Hồ sơ này không có thành phần “{p}”.").format(p=part),
                        code="checklist.unknown_part")
    return found


def _made_by_app(store: Store, catalog: Catalog, part: DossierPart, item: ChecklistItem,
                 nomination_id: int, produced: dict[str, date]) -> ChecklistItem:
    """An app-made part: present when the app can make it now (a scan or a tick of the
    signed copy counts too), from what, when the app last wrote it, or why not yet."""
    written = [produced[k] for k in catalog.rounds.made_by_app.get(part.made_by_app, ())
               if k in produced]
    item = replace(item, made_by=part.made_by_app, made_on=max(written) if written else None)
    if part.made_by_app != "council_minutes":
        return replace(item, present=True, made_from=_("danh sách của đợt"))
    held = repo.last_meeting_day(store.db, nomination_id)
    if held is None:
        return replace(item, waiting=_(
            "Phần mềm lập biên bản khi đã ghi kết quả họp Hội đồng của đề nghị này "
            "(nút “Họp Hội đồng…”)."))
    return replace(item, present=True, made_from=_("biên bản họp ngày {d}").format(
        d=format_date(held)))


def checklist(store: Store, catalog: Catalog, nomination_id: int) -> Checklist:
    nom = nomination_or_error(store, nomination_id)
    rnd = round_or_error(store, nom.round_id)
    files = repo.attachments_of(store.db, nomination_id)
    marks = repo.marks_of(store.db, nomination_id)
    produced = repo.produced_kinds(store.db, nomination_id)
    items = []
    for part in parts_of(store, catalog, nom):
        attached = tuple(a for a in files if a.part == part.code)
        marked = part.code in marks
        item = ChecklistItem(part=part.code, name=part.name,
                             present=bool(attached) or marked, attachments=attached,
                             marked=marked, note=marks.get(part.code, ""))
        if part.made_by_app:
            item = _made_by_app(store, catalog, part, item, nomination_id, produced)
        items.append(item)
    return Checklist(nomination_id=nomination_id, simplified=nom.simplified,
                     simplified_allowed=catalog.rounds.allows_simplified(rnd.kind.value),
                     items=tuple(items))


def set_simplified(store: Store, catalog: Catalog, nomination_id: int, simplified: bool,
                   actor: str) -> tuple[Nomination, Changes]:
    """Use (or stop using) the simplified procedure: tờ trình + báo cáo tóm tắt."""
    nom = nomination_or_error(store, nomination_id)
    rnd = round_or_error(store, nom.round_id)
    if simplified and not catalog.rounds.allows_simplified(rnd.kind.value):
        raise UserError(_("Thủ tục đơn giản chỉ áp dụng cho khen đột xuất và khen quá trình "
                          "cống hiến ({basis}), không áp dụng cho đợt “{r}”.")
                        .format(basis=catalog.rounds.simplified_basis, r=rnd.name),
                        code="checklist.simplified_not_allowed")
    if nom.status not in VOTABLE:
        raise UserError(_("Đề nghị đang ở trạng thái “{s}”: không đổi thủ tục được.")
                        .format(s=nom.status.label), code="checklist.not_editable")
    with store.write() as db:
        repo.set_simplified(db, nomination_id, simplified)
        reg_repo.append_audit(db, actor, "update", "nomination", nomination_id,
                              _("{name}: {what}").format(
                                  name=nom.subject_name,
                                  what=_("dùng thủ tục đơn giản") if simplified
                                  else _("dùng thủ tục đầy đủ")))
    return (replace(nom, simplified=simplified),
            changes_for(rounds=(nom.round_id,), nominations=(nomination_id,)))


def mark_part(store: Store, catalog: Catalog, nomination_id: int, part: str, present: bool,
              actor: str, note: str = "") -> tuple[Checklist, Changes]:
    """Tick a part as present without a scan (paper original, or made by the app)."""
    nom = nomination_or_error(store, nomination_id)
    found = part_or_error(store, catalog, nom, part)
    with store.write() as db:
        repo.set_mark(db, nomination_id, part, present, note)
        reg_repo.append_audit(db, actor, "update", "nomination", nomination_id,
                              _("{name}: {part} – {state}").format(
                                  name=nom.subject_name, part=found.name,
                                  state=_("đã có") if present else _("chưa có")))
    return (checklist(store, catalog, nomination_id),
            changes_for(rounds=(nom.round_id,), nominations=(nomination_id,)))
