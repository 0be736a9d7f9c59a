"""Short achievement reports drafted in bulk (issue 12): where the province asks a báo cáo tóm
tắt thành tích of every nominee of a title (forms/provinces [reports] = "summary", e.g. for
LĐTT), one action drafts the "Tóm tắt thành tích" section of each one not written yet, from
the registry: the year's rating, the qualities the officer confirmed, the year's sáng kiến and
đề tài with their recognition, the higher titles of the last years, discipline, and the
proposal. The sentences are worded by forms/documents/bao_cao_tom_tat.toml (the document's
language is the law's, whatever the interface's), never invented: a fact not recorded is not
written.

- `plan_summary_drafts` — the preview: one draft per nominee whose short report is empty,
  and the names of those already written (kept as they are).
- `apply_summary_drafts` — writes the drafts the officer saw, all or none, in one
  transaction; each report is marked as the app's draft until the officer saves it in the
  report editor.
- `undo_summary_drafts` — takes the whole batch back, refused whole if one was edited since.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.catalog.documents import DocumentKind
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes, Gender, History, SubjectGroup, SubjectKind, SubjectRef
from desktop.core.model.dossier import GROUND_INITIATIVE, Ground, NominationData
from desktop.core.model.rounds import Nomination, NominationStatus, Round
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations.reports import SUMMARY_REPORT
from desktop.core.operations.rounds.base import changes_for
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as round_repo
from desktop.core.text import format_date

SECTION = "tom_tat"
_LOCKED = frozenset({NominationStatus.EXPORTED, NominationStatus.DECIDED})
# Groups addressed as "đồng chí" in an administrative text: cadres, civil servants, the
# armed forces; others by gender.
_COMRADES = frozenset({SubjectGroup.CBCCVC, SubjectGroup.VU_TRANG})


@dataclass(frozen=True)
class SummaryDraft:
    nomination_id: int
    name: str
    title_name: str
    text: str


@dataclass(frozen=True)
class DraftPlan:
    round_id: int
    drafts: tuple[SummaryDraft, ...]   # written by apply_summary_drafts
    kept: tuple[str, ...]              # names whose short report has text already


# ---- wording ---------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _address(store: Store, kind: DocumentKind, n: NominationData) -> tuple[str, str]:
    """(first mention, later mentions): ("đồng chí Lê Thị Lan", "đồng chí")."""
    t = kind.text
    if not n.subject.is_individual:
        return f"{t('who_collective')} {n.subject.name}", t("who_collective")
    person = None
    if n.subject.ref.startswith("person:"):
        person = reg_repo.get_person(store.db, int(n.subject.ref.split(":", 1)[1]))
    if person is not None and person.group in _COMRADES:
        word = t("who_comrade")
    elif n.subject.gender is Gender.NAM:
        word = t("who_mr")
    elif n.subject.gender is Gender.NU:
        word = t("who_ms")
    else:
        word = t("who_mr_ms")
    return f"{word} {n.subject.name}", word


def _work(kind: DocumentKind, g: Ground, who: str) -> str:
    t = kind.text
    scope = t("draft_scope").format(scope=t(f"scope_{g.scope}")) if g.scope else ""
    if g.kind == GROUND_INITIATIVE:
        recognition = ""
        if g.decision_no:
            dated = t("draft_dated").format(date=format_date(g.decision_date)) \
                if g.decision_date else ""
            by = t("draft_by").format(issuer=g.issuer) if g.issuer else ""
            recognition = t("draft_recognition").format(number=g.decision_no, dated=dated,
                                                        by=by)
        return t("draft_initiative").format(who=who, name=g.name, recognition=recognition,
                                            scope=scope)
    accepted = (t("draft_accepted").format(date=format_date(g.decision_date))
                if g.decision_date else "")
    return t("draft_research").format(who=who, name=g.name, accepted=accepted, scope=scope)


class _Mentions:
    """The nominee's full name on first mention ("đồng chí Lê Thị Lan"), then the short form
    ("đồng chí")."""

    def __init__(self, full: str, short: str) -> None:
        self.full, self.short, self.named = full, short, False

    def __call__(self) -> str:
        if self.named:
            return self.short
        self.named = True
        return self.full


def draft_text(store: Store, kind: DocumentKind, n: NominationData, history: History,
               year: int) -> str:
    """The "Tóm tắt thành tích" of one nominee, one sentence per recorded fact."""
    t = kind.text
    full, short = _address(store, kind, n)
    who = _Mentions(full, short)
    lines = []
    if n.rating is not None:
        lines.append(t("draft_rating").format(year=year, who=who(),
                                              rating=t(f"rating_{n.rating.value}")))
    if not n.subject.is_individual and n.subject.members:
        lines.append(t("draft_members").format(n=n.subject.members))
    record = next((r for r in history.years if r.year == year), None)
    if record is not None:
        confirmed = [t(f"quality_{q}") for q in ("exemplary", "solidarity", "movement")
                     if getattr(record, q) is True]
        if confirmed:       # without a rating (a farmer, Law Art 24.3) the ticks come first
            key = "draft_qualities" if who.named else "draft_qualities_first"
            lines.append(t(key).format(year=year, who=who(), qualities="; ".join(confirmed)))
        if record.qualities_note:
            lines.append(_sentence(record.qualities_note))
    if n.achievement:
        lines.append(_sentence(n.achievement))
    lines += [_work(kind, g, who()) for g in n.year_works]
    awards: dict[tuple[str, str, str], list[int]] = {}
    for a in n.recent_awards:
        if a.year < year:
            awards.setdefault((a.category, a.award_verb, a.name), []).append(a.year)
    if awards:
        bits = [t("draft_award_title" if category == "danh_hieu" else "draft_award_form")
                .format(verb=verb, name=name,
                        years=", ".join(str(y) for y in sorted(set(years))))
                for (category, verb, name), years in awards.items()]
        lines.append(t("draft_awards").format(who=who(), awards="; ".join(bits)))
    punished = sorted((d for d in history.discipline if d.overlaps_year(year)),
                      key=lambda d: d.start_date)
    if punished:
        lines += [t("draft_discipline").format(year=year, who=who(),
                                               level=t(f"discipline_{d.level.value}"))
                  for d in punished]
    else:
        lines.append(t("draft_no_discipline").format(year=year, who=who()))
    closing = "draft_closing_title" if n.category == "danh_hieu" else "draft_closing_form"
    lines.append(t(closing).format(verb=n.award_verb, title=n.title_name, year=year, who=full))
    return "\n".join(_cap(line) for line in lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def drafted_lines(store: Store, catalog: Catalog, rnd: Round, nom: Nomination) -> list[str]:
    """The lines the bulk action writes for this nominee: shared wording from its own record,
    which the copy check does not count as copying (as it does not count prefill lines)."""
    kind = catalog.documents.get(SUMMARY_REPORT)
    if kind is None:
        return []
    data = dossier_ops.nomination_data(store, catalog, rnd, nom)
    history = reg_repo.get_history(store.db, nom.subject)
    return draft_text(store, kind, data, history, rnd.year).splitlines()


# ---- plan, apply, undo -----------------------------------------------------------------------


def plan_summary_drafts(store: Store, catalog: Catalog, round_id: int, today: date
                        ) -> DraftPlan:
    """What the bulk action would write: a draft for every proposed nominee whose short
    report (báo cáo tóm tắt, outside the simplified procedure) is still empty and not sent."""
    data = dossier_ops.assemble(store, catalog, round_id, today)
    kind = catalog.on(today).documents[SUMMARY_REPORT]
    stored = doc_repo.reports_of_round(store.db, round_id)
    statuses = {n.id: n.status for n in round_repo.nominations_of_round(store.db, round_id)}
    drafts, kept = [], []
    for n in data.nominations:
        if n.report_kind != SUMMARY_REPORT or n.simplified or not n.proposed \
                or statuses.get(n.id) in _LOCKED:
            continue
        if any(v.strip() for v in stored.get(n.id, {}).values()):
            kept.append(n.subject.name)
            continue
        ref = n.subject.ref.split(":", 1)
        history = reg_repo.get_history(store.db, _subject_ref(ref)) if len(ref) == 2 \
            else History()
        drafts.append(SummaryDraft(n.id, n.subject.name, n.title_name,
                                   draft_text(store, kind, n, history, data.round.year)))
    return DraftPlan(round_id, tuple(drafts), tuple(kept))


def _subject_ref(parts: list[str]) -> SubjectRef:
    kind = SubjectKind.PERSON if parts[0] == "person" else SubjectKind.COLLECTIVE
    return SubjectRef(kind, int(parts[1]))


def apply_summary_drafts(store: Store, catalog: Catalog, round_id: int, today: date,
                         nomination_ids: Sequence[int], actor: str
                         ) -> tuple[tuple[int, ...], Changes]:
    """Write the drafts of `nomination_ids` (those the preview showed), all or none.

    Refused whole (`summary_drafts.changed`, naming them) when one of them no longer needs a
    draft (written, removed or sent since the preview), and (`summary_drafts.nothing`) when
    none is chosen. Each report is marked drafted; the audit entries share one batch id."""
    wanted = list(dict.fromkeys(nomination_ids))
    if not wanted:
        raise UserError(_("Không có báo cáo tóm tắt nào cần soạn."),
                        code="summary_drafts.nothing")
    plan = plan_summary_drafts(store, catalog, round_id, today)
    by_id = {d.nomination_id: d for d in plan.drafts}
    gone = [i for i in wanted if i not in by_id]
    if gone:
        names = [n.subject_name for n in (round_repo.get_nomination(store.db, i) for i in gone)
                 if n is not None] or [str(i) for i in gone]
        raise UserError(_("Chưa soạn được (không ghi gì): báo cáo của {names} đã được viết, "
                          "đã gửi hoặc không còn trong đợt.").format(names=", ".join(names)),
                        _("Hãy mở lại “Soạn báo cáo tóm tắt” để xem danh sách mới."),
                        code="summary_drafts.changed")
    batch = uuid.uuid4().hex
    with store.write() as db:
        for nid in wanted:
            draft = by_id[nid]
            doc_repo.save_report_sections(db, nid, {SECTION: draft.text}, drafted=True)
            reg_repo.append_audit(db, actor, "report", "nomination", nid,
                                  _("Soạn nháp báo cáo tóm tắt thành tích của {name}").format(
                                      name=draft.name),
                                  {"kind": SUMMARY_REPORT, "drafted": True, "batch": batch})
    return tuple(wanted), changes_for(rounds=(round_id,), nominations=wanted)


def undo_summary_drafts(store: Store, round_id: int, nomination_ids: Sequence[int],
                        actor: str) -> Changes:
    """Take back a batch of drafts in one transaction. Refused whole
    (`summary_drafts.undo_changed`, naming them) when one has been saved by the officer
    since; reports removed since are skipped."""
    drafted = doc_repo.drafted_reports(store.db, round_id)
    noms = {n.id: n for n in round_repo.nominations_of_round(store.db, round_id)}
    present = [i for i in nomination_ids if i in noms
               and doc_repo.get_report_sections(store.db, i)]
    edited = [noms[i].subject_name for i in present if i not in drafted]
    if edited:
        raise UserError(_("Không hoàn tác được: báo cáo tóm tắt của {names} đã được sửa và lưu "
                          "sau khi soạn.").format(names=", ".join(edited)),
                        _("Hãy sửa từng báo cáo trong trình soạn báo cáo."),
                        code="summary_drafts.undo_changed")
    with store.write() as db:
        for nid in present:
            doc_repo.delete_report(db, nid)
            reg_repo.append_audit(db, actor, "report", "nomination", nid,
                                  _("Hoàn tác bản nháp báo cáo tóm tắt của {name}").format(
                                      name=noms[nid].subject_name),
                                  {"kind": SUMMARY_REPORT, "undo": True})
    return changes_for(rounds=(round_id,), nominations=present)
