"""Achievement reports (báo cáo thành tích, LAW.md §6.3–6.5): the guided sections the officer
writes for each nomination, suggestions from the registry, and the copy check.

- Which report form a nomination uses comes from forms/documents (the kinds with
  `role = "report"`): by the round's kind, the subject (person or collective) and the
  simplified procedure. A title whose file says `report_form = ""` (gia đình văn hóa) needs no
  report. A long-service (cống hiến) nomination outside the simplified procedure uses the
  báo cáo tóm tắt, which forms/documents/bao_cao_tom_tat.toml names for long service too.
- `prefill` writes the registry's facts as Vietnamese sentences the officer can edit: the
  rating and the titles of each year with their decisions, the sáng kiến with their scope and
  recognition, the research topics, the confirmations with their notes, discipline. It covers
  the years the title's own rule reads (the longest `consecutive_years.count`,
  `proofs.window`, `award_then_years.years` or `cycle_titles.cycle` of its criteria, at least
  the review year), so the report speaks of the period the criteria judge.
- `copy_warnings`: copying between reports is forbidden (LAW §6.4, writing rules). Two reports
  of a round are flagged when they share a run of at least `COPY_MIN_WORDS` identical words
  after folding case, diacritics and spacing (desktop.core.text_similarity). Decision on the
  prefilled lines: a line of a report that is exactly one of the lines `prefill` offers that
  report from its own record is left out of the comparison (two people named in the same
  decision truthfully get the same sentence about it). A line the officer rewrote is their
  own text and is compared; a paragraph copied from another report is found wherever it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.core.catalog import (
    Catalog,
    Criterion,
    Group,
    Node,
    ProvinceParam,
    ProvinceProfile,
    ReportRequirement,
)
from desktop.core.catalog.documents import DocumentKind, ReportSection
from desktop.core.catalog.documents import report_kind_for as _kind_from_catalog
from desktop.core.errors import UserError
from desktop.core.i18n import N_, _
from desktop.core.model import History, Rating, SubjectKind
from desktop.core.model.rounds import Nomination, NominationStatus, Round, RoundKind
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as round_repo
from desktop.core.store import work_units as wu_repo
from desktop.core.text import clean, format_date, nfc
from desktop.core.text_similarity import DEFAULT_MIN_WORDS, shared_passages, words_of

COPY_MIN_WORDS = DEFAULT_MIN_WORDS
SHOWN_PASSAGES = 3                    # passages named per pair in a warning line
FALLBACK_REPORT = "bao_cao_tom_tat"   # long service outside the simplified procedure
SUMMARY_REPORT = "bao_cao_tom_tat"    # a province's [reports] title = "summary"
_LOCKED = frozenset({NominationStatus.EXPORTED, NominationStatus.DECIDED})
_YEAR_PARAMS = {"consecutive_years": "count", "proofs": "window",
                "award_then_years": "years", "cycle_titles": "cycle"}


# ---- values --------------------------------------------------------------------------------


class LengthState(StrEnum):
    EMPTY = "empty"
    SHORT = "short"
    OK = "ok"
    LONG = "long"


_STATE_WORDS = {
    LengthState.EMPTY: N_("chưa viết"),
    LengthState.SHORT: N_("quá ngắn"),
    LengthState.OK: N_("độ dài phù hợp"),
    LengthState.LONG: N_("quá dài"),
}


def count_chars(text: str) -> int:
    """Characters as the officer sees them: NFC, line breaks and surrounding spaces not counted."""
    return sum(len(line.strip()) for line in nfc(text).splitlines())


def count_words(text: str) -> int:
    return len(text.split())


def length_state(text: str, section: ReportSection) -> LengthState:
    chars = count_chars(text)
    if chars == 0:
        return LengthState.EMPTY
    if chars < section.min_chars:
        return LengthState.SHORT
    if chars > section.max_chars:
        return LengthState.LONG
    return LengthState.OK


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def length_text(text: str, section: ReportSection) -> str:
    """“412 ký tự, 85 từ — độ dài phù hợp (nên từ 400 đến 6.000 ký tự)”."""
    state = length_state(text, section)
    return _("{c} ký tự, {w} từ — {state} (nên từ {lo} đến {hi} ký tự)").format(
        c=_thousands(count_chars(text)), w=_thousands(count_words(text)),
        state=_(_STATE_WORDS[state]), lo=_thousands(section.min_chars),
        hi=_thousands(section.max_chars))


@dataclass(frozen=True)
class SectionText:
    """One guided section: its definition from forms/documents and the current text."""

    section: ReportSection
    text: str

    @property
    def state(self) -> LengthState:
        return length_state(self.text, self.section)


@dataclass(frozen=True)
class Report:
    nomination_id: int
    round_id: int
    kind: DocumentKind
    subject_name: str
    title_name: str
    status: NominationStatus
    sections: tuple[SectionText, ...]
    turned_down: bool = False   # the council's latest meeting did not pass it: not printed
    drafted: bool = False       # the app's draft (summary_drafts), not yet saved by the officer
    simplified: bool = False    # the nomination uses the simplified procedure

    @property
    def empty(self) -> bool:
        return not any(s.text.strip() for s in self.sections)

    @property
    def locked(self) -> bool:
        """Sent or decided: the report is what was sent and is no longer edited."""
        return self.status in _LOCKED

    def texts(self) -> dict[str, str]:
        return {s.section.code: s.text for s in self.sections}

    def problems(self) -> list[str]:
        """What the officer still has to do, section by section (empty when complete)."""
        out = []
        for s in self.sections:
            if s.state is LengthState.EMPTY:
                out.append(_("“{h}”: chưa viết.").format(h=s.section.heading))
            elif s.state is LengthState.SHORT:
                out.append(_("“{h}”: quá ngắn ({c}/{lo} ký tự).").format(
                    h=s.section.heading, c=count_chars(s.text), lo=s.section.min_chars))
            elif s.state is LengthState.LONG:
                out.append(_("“{h}”: quá dài ({c}/{hi} ký tự).").format(
                    h=s.section.heading, c=count_chars(s.text), hi=s.section.max_chars))
        return out


@dataclass(frozen=True)
class CopyPassage:
    """A passage shared by two reports: in which section of each, how long, how it starts."""

    section_a: str
    heading_a: str
    section_b: str
    heading_b: str
    words: int
    excerpt: str


@dataclass(frozen=True)
class CopyWarning:
    nomination_a: int
    name_a: str
    nomination_b: int
    name_b: str
    passages: tuple[CopyPassage, ...]

    def involves(self, nomination_id: int) -> bool:
        return nomination_id in (self.nomination_a, self.nomination_b)

    def other(self, nomination_id: int) -> tuple[int, str]:
        if nomination_id == self.nomination_a:
            return self.nomination_b, self.name_b
        return self.nomination_a, self.name_a

    def describe(self, nomination_id: int | None = None) -> str:
        """One line for the officer, from the point of view of `nomination_id` if given:
        "Trùng với báo cáo của B: mục 3 ↔ mục 3, 55 từ, bắt đầu “…”"."""
        if nomination_id is not None and nomination_id == self.nomination_b:
            mine = [(p.heading_b, p.heading_a, p.words, p.excerpt) for p in self.passages]
            other = self.name_a
        else:
            mine = [(p.heading_a, p.heading_b, p.words, p.excerpt) for p in self.passages]
            other = self.name_b
        if nomination_id is None:
            head = _("Báo cáo của {a} và {b} có đoạn trùng nhau").format(a=self.name_a,
                                                                      b=self.name_b)
        else:
            head = _("Trùng với báo cáo của {b}").format(b=other)
        parts = [_("{h} ↔ {o}, {n} từ, bắt đầu “{e}”").format(
            h=_short(h), o=_short(o), n=n, e=e) for h, o, n, e in mine[:SHOWN_PASSAGES]]
        if len(mine) > SHOWN_PASSAGES:
            parts.append(_("và {n} đoạn khác").format(n=len(mine) - SHOWN_PASSAGES))
        return head + ": " + "; ".join(parts)


def _short(heading: str) -> str:
    """“mục 3” for “3. Giải pháp, sáng kiến…”; a heading without a number stays whole."""
    number = heading.split(" ", 1)[0].rstrip(".")
    return _("mục {n}").format(n=number) if number.isdigit() else f"“{heading}”"


# ---- which form ----------------------------------------------------------------------------


def _subject_code(nomination: Nomination) -> str:
    return "individual" if nomination.subject.kind is SubjectKind.PERSON else "collective"


def draftable(reports: list[Report]) -> list[Report]:
    """The reports the bulk "Soạn báo cáo tóm tắt" drafts (operations.summary_drafts): short
    reports a province asks instead of the full one, still empty, not sent, passed."""
    return [r for r in reports if r.kind.code == SUMMARY_REPORT and r.empty and not r.locked
            and not r.simplified and not r.turned_down]


def unit_province(store: Store, catalog: Catalog) -> ProvinceProfile:
    """The profile of the unit's province in force (the national defaults without one)."""
    unit = reg_repo.get_unit(store.db)
    return catalog.province_or_default(unit.province if unit is not None else None)


def report_kind_for(catalog: Catalog, nomination: Nomination, rnd: Round,
                    province: ProvinceProfile) -> DocumentKind | None:
    """The report form this nomination needs, or None when it needs no report: its title
    has no report form, or the province asks none for it ([reports] = "none": the list's
    summary column is the record). A province asking a summary gets the báo cáo tóm tắt."""
    title = catalog.title(nomination.target)
    subject = _subject_code(nomination)
    if not title.report_form(subject):
        return None
    kinds = catalog.documents
    if not nomination.simplified:
        wanted = province.report_requirement(title.code)
        if wanted is ReportRequirement.NONE:
            return None
        if wanted is ReportRequirement.SUMMARY:
            return kinds.get(SUMMARY_REPORT)
    kind = _kind_from_catalog(kinds, rnd.kind.value, nomination.target, subject,
                              nomination.simplified)
    if kind is None and rnd.kind is RoundKind.CONG_HIEN:
        kind = kinds.get(FALLBACK_REPORT)
    return kind


def _kind_or_error(store: Store, catalog: Catalog, nomination: Nomination, rnd: Round
                   ) -> DocumentKind:
    kind = report_kind_for(catalog, nomination, rnd, unit_province(store, catalog))
    if kind is None:
        raise UserError(_("“{t}” không cần báo cáo thành tích trong đợt này.").format(
            t=catalog.name_of(nomination.target)), code="report.not_needed")
    return kind


def _nomination_and_round(store: Store, nomination_id: int) -> tuple[Nomination, Round]:
    nom = round_repo.get_nomination(store.db, nomination_id)
    if nom is None:
        raise UserError(_("Đề nghị này không còn (có thể đã bị gỡ khỏi đợt xét)."))
    rnd = round_repo.get_round(store.db, nom.round_id)
    if rnd is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
    return nom, rnd


# ---- load and save -------------------------------------------------------------------------


def _report(catalog: Catalog, nom: Nomination, kind: DocumentKind, stored: Mapping[str, str]
            ) -> Report:
    assert nom.id is not None
    return Report(nom.id, nom.round_id, kind, nom.subject_name, catalog.name_of(nom.target),
                  nom.status,
                  tuple(SectionText(s, stored.get(s.code, "")) for s in kind.sections))


def load_report(store: Store, catalog: Catalog, nomination_id: int) -> Report:
    """The report of one nomination: every section of its form with the text saved so far."""
    nom, rnd = _nomination_and_round(store, nomination_id)
    kind = _kind_or_error(store, catalog, nom, rnd)
    report = _report(catalog, nom, kind, doc_repo.get_report_sections(store.db, nomination_id))
    return replace(report, drafted=nomination_id in doc_repo.drafted_reports(store.db,
                                                                             nom.round_id))


def round_reports(store: Store, catalog: Catalog, round_id: int) -> list[Report]:
    """The report of every nomination of the round that needs one, in nomination order."""
    rnd = round_repo.get_round(store.db, round_id)
    if rnd is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
    stored = doc_repo.reports_of_round(store.db, round_id)
    meetings = round_repo.meetings_of_round(store.db, round_id)
    latest = max(meetings, key=lambda m: (m.held_on, m.id or 0)) if meetings else None
    out = []
    province = unit_province(store, catalog)
    drafted = doc_repo.drafted_reports(store.db, round_id)
    for nom in round_repo.nominations_of_round(store.db, round_id):
        kind = report_kind_for(catalog, nom, rnd, province)
        if kind is not None and nom.id is not None:
            votes = [v for v in round_repo.votes_of_nomination(store.db, nom.id)
                     if latest is not None and v.meeting_id == latest.id]
            report = _report(catalog, nom, kind, stored.get(nom.id, {}))
            out.append(replace(report, turned_down=bool(votes) and not votes[-1].passed,
                               drafted=nom.id in drafted, simplified=nom.simplified))
    return out


def normalise_section(text: str) -> str:
    """NFC, each line trimmed and its inner spaces collapsed, no empty lines: what is stored."""
    return "\n".join(line for line in (clean(x) for x in nfc(text).splitlines()) if line)


def save_report(store: Store, catalog: Catalog, nomination_id: int, sections: Mapping[str, str],
                actor: str) -> Report:
    """Save the sections of one report in one transaction, with an audit entry.

    Only the sections of the nomination's form are accepted; text is normalised (NFC, one
    paragraph per line). A sent or decided nomination keeps the report it was sent with.
    """
    nom, rnd = _nomination_and_round(store, nomination_id)
    kind = _kind_or_error(store, catalog, nom, rnd)
    if nom.status in _LOCKED:
        raise UserError(_("Đề nghị ở trạng thái “{s}”: báo cáo đã gửi đi nên không sửa được.")
                        .format(s=nom.status.label),
                        _("Nếu hồ sơ bị trả lại, hãy ghi trạng thái “Bị trả lại” rồi sửa."))
    codes = {s.code for s in kind.sections}
    unknown = sorted(set(sections) - codes)
    if unknown:
        raise UserError(_("Mẫu “{k}” không có mục {codes}.").format(k=kind.name,
                                                                  codes=", ".join(unknown)))
    with store.write() as db:
        before = doc_repo.get_report_sections(db, nomination_id)
        merged = dict(before)
        merged.update({code: normalise_section(text) for code, text in sections.items()})
        merged = {k: v for k, v in merged.items() if k in codes and v}
        changed = sorted(c for c in codes if before.get(c, "") != merged.get(c, ""))
        doc_repo.save_report_sections(db, nomination_id, merged)
        if changed:
            reg_repo.append_audit(
                db, actor, "report", "nomination", nomination_id,
                _("Sửa báo cáo thành tích của {name} ({n} mục)").format(
                    name=nom.subject_name, n=len(changed)),
                {"kind": kind.code, "sections": changed,
                 "before": {c: before.get(c, "") for c in changed}})
        saved = doc_repo.get_report_sections(db, nomination_id)
    return _report(catalog, nom, kind, saved)


# ---- suggestions from the registry ----------------------------------------------------------


def _walk(node: Node) -> Iterable[Criterion]:
    if isinstance(node, Group):
        for item in node.items:
            yield from _walk(item)
    else:
        yield node


def report_years(catalog: Catalog, target: str, subject: str, province: str) -> int:
    """How many years (ending with the review year) the title's criteria read; at least 1."""
    title = catalog.title(target)
    rule = title.criteria.get(subject)
    profile = catalog.province_or_default(province)
    years = 1
    if rule is None:
        return years
    for criterion in _walk(rule):
        key = _YEAR_PARAMS.get(criterion.predicate)
        value: Any = criterion.params.get(key) if key else None
        if isinstance(value, ProvinceParam):
            value = profile.resolve(value)
        if isinstance(value, int) and not isinstance(value, bool):
            years = max(years, value)
    return years


def _decision(no: str, when: date | None, issuer: str) -> str:
    bits = []
    if no:
        bits.append(_("Quyết định số {no}").format(no=no))
    if when:
        bits.append(_("ngày {d}").format(d=format_date(when)))
    if issuer:
        bits.append(_("của {who}").format(who=issuer))
    return " ".join(bits)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _year_lines(catalog: Catalog, history: History, years: range, subject: str) -> list[str]:
    claims = catalog.claims(subject)
    ratings = {r.year: r for r in history.years}
    lines = []
    for y in years:
        bits = []
        record = ratings.get(y)
        if record is not None and record.rating is not None:
            bits.append(_("xếp loại “{r}”").format(r=Rating(record.rating).label))
        for award in sorted((a for a in history.awards if a.year == y), key=lambda a: a.code):
            info = catalog.known(award.code)   # a title since ended was still received
            name = info.name if info else award.code
            verb = info.award_verb if info else ""
            line = (_("được {verb} danh hiệu “{name}”") if info is not None and info.is_title
                    else _("được {verb} “{name}”") if verb else f"“{name}”")
            decision = _decision(award.decision_no, award.decision_date, award.issuer)
            bits.append(line.format(verb=verb, name=name)
                        + (f" ({decision})" if decision else ""))
        for claim in sorted((c for c in history.claims if c.year == y), key=lambda c: c.code):
            label = claims.get(claim.code, claim.code)
            bits.append(label + (f": {claim.note}" if claim.note else ""))
        if bits:
            lines.append(_sentence(_("Năm {y}: {facts}").format(y=y, facts="; ".join(bits))))
    return lines


def _initiative_lines(history: History, years: range) -> list[str]:
    lines = []
    for item in sorted(history.initiatives, key=lambda i: (i.year, i.name)):
        if item.year not in years:
            continue
        text = _("Sáng kiến “{n}” (năm {y}), phạm vi ảnh hưởng: {s}").format(
            n=item.name, y=item.year, s=item.scope.label.lower())
        decision = _decision(item.decision_no, item.decision_date, item.recognised_by)
        if decision:
            text += ", " + _("được công nhận theo {d}").format(d=decision)
        lines.append(_sentence(text))
    for topic in sorted(history.research, key=lambda t: (t.year, t.name)):
        if topic.year not in years:
            continue
        text = _("Đề tài, đề án “{n}” (năm {y}), phạm vi: {s}").format(
            n=topic.name, y=topic.year, s=topic.scope.label.lower())
        if topic.accepted_on:
            text += ", " + _("nghiệm thu ngày {d}").format(d=format_date(topic.accepted_on))
        if topic.applied:
            text += ", " + _("đã được áp dụng vào thực tiễn")
        lines.append(_sentence(text))
    return lines


def _conduct_lines(history: History, years: range) -> list[str]:
    lines = []
    for record in sorted(history.years, key=lambda r: r.year):
        if record.year in years and record.qualities_note:
            lines.append(_sentence(_("Năm {y}: {note}").format(y=record.year,
                                                             note=record.qualities_note)))
    punished = [d for d in history.discipline if any(d.overlaps_year(y) for y in years)]
    for d in sorted(punished, key=lambda d: d.start_date):
        text = _("Bị kỷ luật “{lv}” từ ngày {d}").format(lv=d.level.label,
                                                         d=format_date(d.start_date))
        if d.decision_no:
            text += " " + _("(Quyết định số {no})").format(no=d.decision_no)
        lines.append(_sentence(text))
    if not punished and len(years) == 1:
        lines.append(_("Trong năm {y}, hồ sơ của đơn vị không ghi nhận hình thức kỷ luật nào.")
                     .format(y=years.start))
    elif not punished:
        lines.append(_("Từ năm {a} đến năm {b}, hồ sơ của đơn vị không ghi nhận hình thức kỷ "
                       "luật nào.").format(a=years.start, b=years.stop - 1))
    return lines


def _prefill_for(store: Store, catalog: Catalog, nom: Nomination, rnd: Round, kind: DocumentKind,
                 year: int) -> dict[str, str]:
    db = store.db
    subject = _subject_code(nom)
    unit = reg_repo.get_unit(db)
    province = unit.province if unit else "default"
    span = report_years(catalog, nom.target, subject, province)
    years = range(year - span + 1, year + 1)
    history = reg_repo.get_history(db, nom.subject)
    facts = _year_lines(catalog, history, years, subject)
    methods = _initiative_lines(history, years)
    conduct = _conduct_lines(history, years)

    duties: list[str] = []
    background: list[str] = []
    if nom.subject.kind is SubjectKind.PERSON:
        person = reg_repo.get_person(db, nom.subject.id)
        work_unit = (wu_repo.get_work_unit(db, person.work_unit_id)
                     if person is not None and person.work_unit_id else None)
        department = work_unit.name if work_unit is not None else (
            person.department if person is not None else "")
        if person is not None and (person.position or department):
            # a work unit's full name already says whose it is ("… xã Thanh Sơn")
            where = ", ".join(x for x in (person.position, department,
                                          unit.name if unit and work_unit is None else "")
                              if x)
            duties.append(_sentence(_("Chức vụ, đơn vị công tác: {w}").format(w=where)))
    else:
        collective = reg_repo.get_collective(db, nom.subject.id)
        if collective is not None:
            own = (wu_repo.get_work_unit(db, collective.work_unit_id)
                   if collective.work_unit_id else None)
            text = _("{name} ({k}) có {n} thành viên").format(
                name=own.name if own is not None else collective.name,
                k=collective.kind.label.lower(),
                n=len(collective.member_ids))
            if unit is not None:
                text += ", " + _("trực thuộc {u}").format(u=unit.name)
            background.append(_sentence(text))
            if collective.note:
                background.append(_sentence(collective.note))

    feat: list[str] = []
    if nom.achievement:
        feat.append(_sentence(nom.achievement))
    if nom.initiative and not any(nom.initiative in m for m in methods):
        methods.append(_sentence(_("Sáng kiến nêu làm căn cứ đề nghị: “{n}”").format(
            n=nom.initiative)))
    movement: list[str] = []
    if rnd.kind is RoundKind.PHONG_TRAO and rnd.movement:
        text = _("Tham gia phong trào thi đua “{m}”").format(m=rnd.movement)
        if rnd.movement_from and rnd.movement_to:
            text += " " + _("từ ngày {a} đến ngày {b}").format(
                a=format_date(rnd.movement_from), b=format_date(rnd.movement_to))
        movement.append(_sentence(text))

    by_code: dict[str, list[str]] = {
        "chuc_trach": duties,
        "dac_diem": background,
        "thanh_tich": movement + facts,
        "giai_phap": methods,
        "bien_phap": methods,
        "chap_hanh": conduct,
        "hanh_dong": feat,
        "ket_qua": [],
        "hoan_canh": [],
        "tom_tat": feat + facts + methods,
    }
    return {s.code: "\n".join(by_code.get(s.code, [])) for s in kind.sections
            if by_code.get(s.code)}


def prefill(store: Store, catalog: Catalog, nomination_id: int, year: int | None = None
            ) -> dict[str, str]:
    """Suggested text per section from the registry (section code → text; sections with
    nothing to suggest are absent). `year` is the review year (the round's by default)."""
    nom, rnd = _nomination_and_round(store, nomination_id)
    kind = _kind_or_error(store, catalog, nom, rnd)
    return _prefill_for(store, catalog, nom, rnd, kind, rnd.year if year is None else year)


# ---- the copy check --------------------------------------------------------------------------


def copy_warnings(store: Store, catalog: Catalog, round_id: int,
                  draft: Mapping[int, Mapping[str, str]] | None = None,
                  min_words: int = COPY_MIN_WORDS) -> list[CopyWarning]:
    """Pairs of reports in the round that share a long identical passage (LAW §6.4).

    `draft` replaces the stored text of some nominations (the editor checks what is being
    typed before it is saved). One warning per pair of reports, longest passage first.
    """
    reports = round_reports(store, catalog, round_id)
    rnd = round_repo.get_round(store.db, round_id)
    assert rnd is not None
    noms = {n.id: n for n in round_repo.nominations_of_round(store.db, round_id)}
    texts: dict[tuple[int, str], str] = {}
    common: dict[int, list[str]] = {}
    headings: dict[tuple[int, str], str] = {}
    names: dict[int, str] = {}
    for report in reports:
        own = dict(report.texts())
        if draft and report.nomination_id in draft:
            own.update(draft[report.nomination_id])
        names[report.nomination_id] = report.subject_name
        for s in report.sections:
            headings[(report.nomination_id, s.section.code)] = s.section.heading
            text = own.get(s.section.code, "")
            if len(words_of(text).words) >= min_words:
                texts[(report.nomination_id, s.section.code)] = text
        if any(key[0] == report.nomination_id for key in texts):
            common[report.nomination_id] = list(_prefill_for(
                store, catalog, noms[report.nomination_id], rnd, report.kind, rnd.year).values())
            if report.kind.code == SUMMARY_REPORT:   # a bulk draft's sentences are its own
                from desktop.core.operations.summary_drafts import drafted_lines

                common[report.nomination_id] += drafted_lines(
                    store, catalog, rnd, noms[report.nomination_id])
    grouped: dict[tuple[int, int], list[CopyPassage]] = defaultdict(list)
    for p in shared_passages(texts, min_words=min_words, common=common):
        ka, kb = p.key_a, p.key_b
        assert isinstance(ka, tuple) and isinstance(kb, tuple)
        if ka[0] > kb[0]:
            ka, kb = kb, ka
        if ka[0] != kb[0] and noms[ka[0]].subject == noms[kb[0]].subject:
            continue   # one person's two reports (two titles in a round) tell the same work
        grouped[(ka[0], kb[0])].append(CopyPassage(ka[1], headings[ka], kb[1], headings[kb],
                                                   p.words, p.excerpt))
    warnings = [CopyWarning(a, names[a], b, names[b],
                            tuple(sorted(ps, key=lambda x: -x.words)))
                for (a, b), ps in grouped.items()]
    warnings.sort(key=lambda w: (-w.passages[0].words, w.nomination_a, w.nomination_b))
    return warnings
