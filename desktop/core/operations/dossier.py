"""The dossier documents of a round (issue 5): gather the round's data once, issue the numbers,
build every Document in the legal order, render each to DOCX and PDF.

- `check_unit_for_documents(unit)` — what the unit profile still lacks (the documents are
  refused with that list, never printed with blanks).
- `gather(store, catalog, round_id, today)` — the frozen DossierData; issues the dossier id
  and the document numbers in one transaction (a reprint keeps its numbers).
- `build_documents(...)` — the Documents, in the legal order (forms/documents `order`).
- `write_dossier(...)` — every document as DOCX and PDF in <out_dir>/<dossier id>/, written
  to a temporary folder first and renamed, so a failure never leaves half a dossier.
- `build_registration_list(...)`, `build_posting_list(...)` — the two lists outside the dossier.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from desktop.core.catalog import Catalog, ProvinceProfile
from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents import builders as b
from desktop.core.documents.blocks import Document
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import (
    History,
    Unit,
)
from desktop.core.model.dossier import (
    AttachmentInfo,
    CouncilResult,
    DossierData,
    NominationData,
    ReceivedAward,
    RegistrationLine,
)
from desktop.core.model.rounds import CouncilMeeting, CouncilVote, Nomination, Round, Verdict
from desktop.core.operations import dossier_facts as facts
from desktop.core.operations import dossier_subjects as subjects
from desktop.core.operations import numbering
from desktop.core.operations import reports as reports_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations import signing_fields as signing_ops
from desktop.core.rules.numbering import NumberRef, RegisterEntry
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as rounds_repo
from desktop.core.text import clean, person_sort_key, sort_key

Progress = Callable[[int, int, str], None]   # (done, total, what) — for the UI's progress bar



def empty_round_message() -> str:
    return _("Đợt xét chưa có ai được đề nghị, nên chưa có hồ sơ để in. Hãy thêm người "
             "hoặc tập thể được đề nghị vào đợt xét trước.")


# ---- the unit profile --------------------------------------------------------------------------


def check_unit_for_documents(unit: Unit | None) -> list[Problem]:
    """Every field of the unit profile the documents print and that is still empty."""
    needed = [
        ("name", _("Tên đơn vị (cơ quan ban hành văn bản)")),
        ("head_name", _("Họ và tên người đứng đầu (người ký)")),
        ("head_title", _("Chức vụ người đứng đầu (ví dụ: Chủ tịch)")),
        ("code", _("Mã đơn vị (do tỉnh cấp, dùng đặt tên gói hồ sơ)")),
        ("doc_code", _("Ký hiệu văn bản (ví dụ: UBND, dùng trong “Số: 05/TTr-UBND”)")),
        ("place_name", _("Địa danh ghi trên văn bản (ví dụ: Thanh Sơn)")),
    ]
    problems = []
    for field_name, label in needed:
        value = clean(getattr(unit, field_name, "") if unit is not None else "")
        if not value:
            problems.append(Problem("dossier.unit_incomplete",
                                    field_name, _("Thông tin đơn vị còn thiếu: {what}.")
                                    .format(what=label)))
    return problems


def _unit_or_error(store: Store) -> Unit:
    unit = reg_repo.get_unit(store.db)
    problems = check_unit_for_documents(unit)
    if problems:
        raise ValidationError(problems, _(
            "Chưa in được văn bản: thông tin đơn vị còn thiếu. Hãy điền trong Thông tin đơn "
            "vị:\n{items}").format(items="\n".join(f"• {p.message}" for p in problems)))
    assert unit is not None
    return unit


# ---- gathering ---------------------------------------------------------------------------------


def _received(catalog: Catalog, history: History, nom: Nomination, year: int
              ) -> tuple[tuple[ReceivedAward, ...], tuple[ReceivedAward, ...]]:
    titles: list[ReceivedAward] = []
    forms: list[ReceivedAward] = []
    for a in history.awards:
        if a.year > year or (a.year == year and a.code == nom.target):
            continue
        info = catalog.known(a.code)   # a title since ended is still a title received
        item = ReceivedAward(a.year, a.code, info.name if info else a.code,
                             info.category if info else "hinh_thuc", clean(a.decision_no),
                             a.decision_date, clean(a.issuer),
                             award_verb=info.award_verb if info else "")
        (titles if item.category == "danh_hieu" else forms).append(item)
    key = lambda a: (a.year, a.name)  # noqa: E731
    return tuple(sorted(titles, key=key)), tuple(sorted(forms, key=key))


def _latest_meeting(store: Store, round_id: int) -> CouncilMeeting | None:
    meetings = rounds_repo.meetings_of_round(store.db, round_id)
    return max(meetings, key=lambda m: (m.held_on, m.id or 0)) if meetings else None


def _vote(store: Store, nomination_id: int, meeting: CouncilMeeting | None
          ) -> CouncilResult | None:
    if meeting is None:
        return None
    found: list[CouncilVote] = [v for v in rounds_repo.votes_of_nomination(store.db,
                                                                           nomination_id)
                                if v.meeting_id == meeting.id]
    if not found:
        return None
    v = found[-1]
    return CouncilResult(v.method, v.votes_for, meeting.members_total, v.threshold, v.passed,
                         v.ballots_issued, v.ballots_valid)


def _report_kind(catalog: Catalog, rnd: Round, nom: Nomination, province: ProvinceProfile
                 ) -> str:
    """The same choice the report editor makes (operations.reports), so the officer writes
    exactly the form the dossier prints; "" when the province asks no report for it."""
    found = reports_ops.report_kind_for(catalog, nom, rnd, province)
    return found.code if found else ""


def _nomination(store: Store, catalog: Catalog, rnd: Round, nom: Nomination,
                meeting: CouncilMeeting | None, reports: dict[int, dict[str, str]],
                province: ProvinceProfile) -> NominationData:
    assert nom.id is not None
    title = catalog.title(nom.target)
    subject = subjects.subject_details(store, nom.subject)
    history = reg_repo.get_history(store.db, nom.subject)
    titles, forms = _received(catalog, history, nom, rnd.year)
    rating = next((y.rating for y in history.years if y.year == rnd.year), None)
    parts = {p.code: p.name for p in (*title.dossier_parts, *catalog.rounds.simplified_parts)}
    attachments = tuple(
        AttachmentInfo(a.part, parts.get(a.part, a.part),
                       clean(a.original_name), a.sha256, a.file_name)
        for a in rounds_repo.attachments_of(store.db, nom.id))
    return NominationData(
        id=nom.id, target=nom.target, title_name=title.name, title_short=title.short_name,
        category=title.category, award_verb=title.award_verb, title_rank=title.rank,
        decided_by_unit=title.decided_by_unit, subject=subject, eligibility=nom.eligibility,
        justification=clean(nom.justification),
        achievement=clean(nom.achievement), initiative=clean(nom.initiative),
        simplified=nom.simplified, rating=rating, vote=_vote(store, nom.id, meeting),
        titles_received=titles, forms_received=forms,
        report_kind=_report_kind(catalog, rnd, nom, province),
        report=MappingProxyType({k: doc_repo.clean_lines(v)
                                for k, v in reports.get(nom.id, {}).items()}),
        attachments=attachments, authority=title.authority,
        grounds=subjects.grounds_of(catalog, province, title, subject.kind, history, rnd.year,
                                    nom.initiative),
        unmet=(subjects.unmet_of(catalog, nom.eligibility)
               if nom.eligibility.verdict is not Verdict.ELIGIBLE else ()),
        list_summary=clean(nom.list_summary),
        year_works=facts.year_works(history, rnd.year),
        qualities=facts.qualities(history, rnd.year),
        recent_awards=facts.recent_awards(catalog, title, history, rnd.year))


def nomination_data(store: Store, catalog: Catalog, rnd: Round, nom: Nomination
                    ) -> NominationData:
    """One nominee's data as the dossier prints it, without the council's vote or the
    report's text (what a drafted report is written from)."""
    unit = reg_repo.get_unit(store.db)
    profile = catalog.province_or_default(unit.province if unit is not None else None)
    return _nomination(store, catalog, rnd, nom, None, {}, profile)


def _order(n: NominationData) -> tuple[bool, int, str, bool, str]:
    name_key = (person_sort_key(n.subject.name) if n.subject.is_individual
                else sort_key(n.subject.name))
    return (n.category != "danh_hieu", n.title_rank, n.target, not n.subject.is_individual,
            name_key)


def report_problems(catalog: Catalog, data: DossierData) -> list[Problem]:
    """Every report section still to write, for every nominee (all at once)."""
    problems = []
    for n in data.nominations:
        if not n.report_kind or not n.proposed:
            continue
        kind = catalog.documents[n.report_kind]
        problems += [Problem("dossier.report_missing",
                             f"report:{n.id}:{s.code}", b.missing_message(n, kind, s))
                     for s in b.missing_sections(n, kind)]
    return problems


INTERNAL_TO_TRINH = "to_trinh_noi_bo"     # the council's proposal to the unit head
INTERNAL_LIST = "danh_sach_noi_bo"
PROVINCE_TO_TRINH = "to_trinh"            # the unit's proposal to the receiving body
PROVINCE_LIST = "danh_sach"
# Document.metadata["destination"]: who the document is for (LAW §5.2).
TO_UNIT = "unit"              # stays with the unit: internal proposal, quyết định, certificates
TO_PROVINCE = "province"      # goes up in the package: tờ trình, danh sách, biên bản, reports


def _number_plan(catalog: Catalog, data: DossierData) -> list[tuple[str, str, str, date]]:
    """(document key, doc type, issuer code, date) of every numbered document this dossier
    will have. Each tờ trình only when it has nominees. The council issues under its own name
    (its code, e.g. "HĐTĐKT") and so keeps its own sequence (Decree 30 Art 15); the biên bản
    are dated on the meeting day, the others on the day their number is issued."""
    kinds = catalog.documents

    def code_of(kind: DocumentKind) -> str:
        return kind.text("number_code") or data.unit.doc_code

    plan = []
    for key, wanted in ((INTERNAL_TO_TRINH, data.decided_here), (PROVINCE_TO_TRINH,
                                                                  data.sent_up)):
        if wanted:
            plan.append((key, kinds[key].doc_type, code_of(kinds[key]), data.today))
    if data.meeting is not None:
        held = data.meeting.held_on
        minutes = ["bien_ban_hop"] + (["bien_ban_kiem_phieu"] if b.ballot_nominations(data)
                                      else [])
        plan += [(key, kinds[key].doc_type, code_of(kinds[key]), held) for key in minutes]
    decision = kinds["quyet_dinh"]
    plan += [(b.decision_key(g[0].target), decision.doc_type, code_of(decision), data.today)
             for g in b.decided_groups(data, decision)]
    return plan


def assemble(store: Store, catalog: Catalog, round_id: int, today: date) -> DossierData:
    """The round's dossier data without its id and numbers, reading only (the appraisal runs
    on it). Refuses a missing round, an incomplete unit profile and an empty round."""
    catalog = catalog.on(today)   # the document kinds in force on the documents' date
    rnd = rounds_repo.get_round(store.db, round_id)
    if rnd is None:
        raise UserError(_("Không tìm thấy đợt xét này; có thể đã bị xóa."))
    unit = _unit_or_error(store)
    noms = rounds_repo.nominations_of_round(store.db, round_id)
    if not noms:
        raise UserError(empty_round_message())
    meeting = _latest_meeting(store, round_id)
    reports = doc_repo.reports_of_round(store.db, round_id)
    profile = catalog.provinces.get(unit.province) or catalog.provinces["default"]
    items = sorted((_nomination(store, catalog, rnd, n, meeting, reports, profile)
                    for n in noms), key=_order)
    postings = rounds_repo.postings_of(store.db, round_id)
    info = subjects.province_info(catalog, unit, rnd, today)
    data = DossierData(unit=unit, round=rnd, dossier_id="", today=today,
                       nominations=tuple(items), meeting=meeting,
                       posting=postings[-1] if postings else None,
                       province_name=profile.name, province=info,
                       legal_bases=MappingProxyType(subjects.legal_bases(catalog, unit, today)),
                       meeting_details=subjects.meeting_details(meeting))
    return data


def planned_numbers(store: Store, catalog: Catalog, data: DossierData
                    ) -> tuple[dict[str, int], dict[str, date], list[RegisterEntry]]:
    """The numbers and dates the dossier's documents have, or would have if printed now,
    without issuing any: (numbers, dates, register entries of those not issued yet)."""
    numbers: dict[str, int] = {}
    dates: dict[str, date] = {}
    planned: list[RegisterEntry] = []
    plan = _number_plan(catalog, data)
    register = numbering.register(store, catalog, data.unit, {when.year for *_k, when in plan})
    taken: dict[tuple[str, str, int], int] = {}
    for key, doc_type, code, when in plan:
        done = doc_repo.issued_number(store.db, data.round.id or 0, key)
        if done is not None:
            numbers[key] = done[0]
            dates[key] = doc_repo.issued_on(store.db, data.round.id or 0, key) or when
            continue
        series = (doc_type, code, when.year)
        floor = numbering.at_least(store, catalog, data.unit, when.year, doc_type, code,
                                   register)
        numbers[key] = max(floor, taken.get(series, 0) + 1)
        taken[series] = numbers[key]
        dates[key] = when
        group = next((g for g in b.decided_groups(data, catalog.documents["quyet_dinh"])
                      if b.decision_key(g[0].target) == key), None)
        kind = catalog.documents.get(key.split("/")[0])
        planned.append(RegisterEntry(
            NumberRef(numbers[key], doc_type, code), when,
            f"{kind.name if kind else key} – {data.round.name}",
            title=group[0].target if group else "",
            title_year=data.round.year if group else None))
    return numbers, dates, planned


def _mark_unwritten(catalog: Catalog, data: DossierData, text: str) -> DossierData:
    """Every report section still to write holds `text` (a trial shows where they are)."""
    marked = []
    for n in data.nominations:
        if n.report_kind and n.proposed:
            kind = catalog.documents[n.report_kind]
            missing = {s.code: text for s in b.missing_sections(n, kind)}
            if missing:
                n = replace(n, report=MappingProxyType({**n.report, **missing}))
        marked.append(n)
    return replace(data, nominations=tuple(marked))


def gather(store: Store, catalog: Catalog, round_id: int, today: date, *,
           require_reports: bool = True, unwritten: str = "") -> DossierData:
    """Everything the round's documents print, with the dossier id and the numbers issued.

    Refuses, listing every problem at once: a unit profile with blanks, an empty round,
    a round whose every nominee the council turned down, reports with sections not written.
    With `unwritten` (a trial, to look at) a section not written yet prints that text
    instead of refusing the dossier.
    """
    catalog = catalog.on(today)   # the document kinds in force on the documents' date
    data = assemble(store, catalog, round_id, today)
    info = data.province
    unit = data.unit
    if not data.proposed:
        raise UserError(_("Hội đồng không thông qua trường hợp nào trong đợt xét này, nên "
                          "không có tờ trình để lập."))
    if unwritten:
        data = _mark_unwritten(catalog, data, unwritten)
    elif require_reports:
        problems = report_problems(catalog, data)
        if problems:
            raise ValidationError(problems, _(
                "Chưa lập được hồ sơ: còn {n} phần báo cáo thành tích chưa viết.\n{items}")
                .format(n=len(problems), items="\n".join(f"• {p.message}" for p in problems)))
    if data.sent_up and not info.name:
        raise UserError(_(
            "Chưa biết tên tỉnh để ghi nơi nhận tờ trình: hãy ghi Cơ quan cấp trên là “Ủy ban "
            "nhân dân tỉnh …” (hoặc thành phố) trong Thông tin đơn vị, hoặc chọn hồ sơ tỉnh."),
            code="dossier.province_unknown")
    numbers: dict[str, int] = {}
    dates: dict[str, date] = {}
    plan = _number_plan(catalog, data)
    register = numbering.register(store, catalog, unit, {when.year for *_k, when in plan})
    with store.write() as db:
        dossier_id = doc_repo.dossier_id(db, round_id)
        for key, doc_type, code, when in plan:
            floor = numbering.at_least(store, catalog, unit, when.year, doc_type, code, register)
            numbers[key] = doc_repo.issue_number(db, round_id, key, doc_type, when.year, when,
                                                 code, floor)
            dates[key] = doc_repo.issued_on(db, round_id, key) or when
    return replace(data, dossier_id=dossier_id, numbers=MappingProxyType(numbers),
                   dates=MappingProxyType(dates))


# ---- building ----------------------------------------------------------------------------------


def documents_of(catalog: Catalog, data: DossierData,
                 offset_mm: tuple[float, float] = (0.0, 0.0)) -> list[Document]:
    """The dossier's Documents from gathered data, in the legal order (pure): first what the
    unit decides itself (the council's tờ trình to the head and its list, the head's quyết
    định, the certificates), then what goes to the receiving body (the tờ trình and its list),
    the council's biên bản, the achievement reports. Each carries
    metadata["destination"] (TO_UNIT or TO_PROVINCE): the package takes only TO_PROVINCE.
    Each document uses its kind's version in force on the dossier's date (issue 14)."""
    catalog = catalog.on(data.today)
    kinds = catalog.documents
    ordered: list[tuple[int, int, Document]] = []
    certificates_signed = signing_ops.certificates_signed(catalog, data.unit.province)

    def add(kind: DocumentKind, doc: Document | None, destination: str, sub: int = 0) -> None:
        if doc is not None:
            doc = replace(doc, metadata={**doc.metadata, "destination": destination,
                                         **signing_ops.field_metadata(kind,
                                                                      certificates_signed)})
            ordered.append((kind.order, sub, doc))

    if data.number(INTERNAL_TO_TRINH) and data.decided_here:
        internal = kinds[INTERNAL_TO_TRINH]
        add(internal, b.build_to_trinh(data, internal), TO_UNIT)
        add(kinds[INTERNAL_LIST], b.build_danh_sach(data, kinds[INTERNAL_LIST], internal),
            TO_UNIT)
    if data.number(PROVINCE_TO_TRINH) and data.sent_up:
        upward = kinds[PROVINCE_TO_TRINH]
        add(upward, b.build_to_trinh(data, upward), TO_PROVINCE)
        add(kinds[PROVINCE_LIST], b.build_danh_sach(data, kinds[PROVINCE_LIST], upward),
            TO_PROVINCE)
    if data.number("bien_ban_hop"):
        add(kinds["bien_ban_hop"], b.build_bien_ban_hop(data, kinds["bien_ban_hop"]),
            TO_PROVINCE)
    if data.number("bien_ban_kiem_phieu"):
        add(kinds["bien_ban_kiem_phieu"],
            b.build_bien_ban_kiem_phieu(data, kinds["bien_ban_kiem_phieu"]), TO_PROVINCE)
    for i, n in enumerate(data.nominations):
        if n.report_kind and n.proposed:
            kind = kinds[n.report_kind]
            add(kind, b.build_report(data, n, kind),
                TO_UNIT if n.decided_by_unit else TO_PROVINCE, i)
    decision = kinds["quyet_dinh"]
    for i, group in enumerate(b.decided_groups(data, decision)):
        add(decision, b.build_quyet_dinh(data, decision, group, kinds[INTERNAL_TO_TRINH]),
            TO_UNIT, i)
    for kind in kinds.values():
        if kind.role == "certificate":
            add(kind, b.build_certificates(data, kind, decision, offset_mm), TO_UNIT)
    ordered.sort(key=lambda t: (t[0], t[1]))
    return [doc for _o, _s, doc in ordered]


def for_province(docs: list[Document]) -> list[Document]:
    """What the province package carries (LAW §5.2 D): never the unit's own decisions."""
    return [d for d in docs if d.metadata.get("destination") == TO_PROVINCE]


def build_documents(store: Store, catalog: Catalog, round_id: int, today: date,
                    offset_mm: tuple[float, float] = (0.0, 0.0), *,
                    unwritten: str = "") -> list[Document]:
    return documents_of(catalog, gather(store, catalog, round_id, today, unwritten=unwritten),
                        offset_mm)


def _default_fonts_dir() -> Path:
    from desktop.paths import resources_dir
    return resources_dir() / "fonts"


def write_dossier(store: Store, catalog: Catalog, round_id: int, out_dir: Path, today: date,
                  progress: Progress | None = None, *, fonts_dir: Path | None = None,
                  offset_mm: tuple[float, float] = (0.0, 0.0),
                  workers: int | None = None, unwritten: str = "") -> list[Path]:
    """Every document of the round as DOCX and PDF in <out_dir>/<dossier id>/; returns the
    paths (DOCX then PDF of each document, in the legal order). `offset_mm` is the printer
    calibration of the certificates printed on pre-printed blanks; `unwritten` (a trial) is
    printed in report sections not written yet instead of refusing (see gather).

    Documents unchanged since they were last rendered come from the profile's render cache;
    the others are rendered on every core (`workers`, default all; documents.render)."""
    from desktop.core.documents.fonts import register_fonts
    from desktop.core.documents.format import load_format
    from desktop.core.documents.render import render_many
    from desktop.core.documents.render_cache import RenderCache, cache_folder

    docs = build_documents(store, catalog, round_id, today, offset_mm, unwritten=unwritten)
    fmt = load_format(catalog.forms_dir / "documents" / "format.toml")
    fonts_dir = fonts_dir or _default_fonts_dir()
    fonts = register_fonts(fonts_dir, fmt)
    cache = RenderCache(cache_folder(store.path.parent), fmt, fonts)
    dossier_id = docs[0].dossier_id
    titles = {d.name: d.title for d in docs}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dossier_id}-", dir=out_dir))
    except OSError as exc:
        raise UserError(_("Không ghi được vào thư mục “{d}”: {why}").format(
            d=out_dir, why=exc.strerror or exc), _("Hãy chọn thư mục khác.")) from exc
    try:
        if progress is not None:
            progress(0, len(docs), docs[0].title)
        step = None if progress is None else (
            lambda done, total, name: progress(done, total, titles.get(name, "")))
        render_many(docs, fmt, fonts_dir, tmp, workers, cache=cache, progress=step)
        final = out_dir / dossier_id
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dossier_id}-old-", dir=out_dir))
            os.replace(final, old / "previous")
            os.replace(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    # Remember each PDF as written, so a signed copy can be checked against it (issue 15).
    from desktop.core.operations import signed_documents as signed_ops

    signed_ops.record_prepared(store, round_id, docs, final, today)
    if progress is not None:
        progress(len(docs), len(docs), "")
    return [final / f"{d.name}{ext}" for d in docs for ext in (".docx", ".pdf")]


# ---- the lists outside the dossier -------------------------------------------------------------


def build_registration_list(store: Store, catalog: Catalog, year: int, today: date
                            ) -> Document:
    """Danh sách đăng ký thi đua of `year`."""
    unit = _unit_or_error(store)
    regs = rounds_repo.registrations(store.db, year)
    if not regs:
        raise UserError(_("Năm {y} chưa có ai đăng ký thi đua.").format(y=year))
    lines = []
    for r in regs:
        info = catalog.title(r.target)
        subject = subjects.subject_details(store, r.subject)
        lines.append(RegistrationLine(
            name=subject.name, where=subject.where, target=r.target, title_name=info.name,
            title_rank=info.rank, category=info.category, registered_on=r.registered_on,
            subject_kind=subject.kind, ref=subject.ref, note=clean(r.note)))
    return b.build_registration_list(unit, year, lines, catalog.documents["danh_sach_dang_ky"],
                                     today)


def build_posting_list(store: Store, catalog: Catalog, round_id: int, today: date
                       ) -> Document:
    """Danh sách công khai of the round: name, unit and title only."""
    rnd = rounds_repo.get_round(store.db, round_id)
    if rnd is None:
        raise UserError(_("Không tìm thấy đợt xét này; có thể đã bị xóa."))
    unit = _unit_or_error(store)
    rows = rounds_ops.posting_list(store, catalog, round_id)
    if not rows:
        raise UserError(empty_round_message())
    postings = rounds_repo.postings_of(store.db, round_id)
    with store.write() as db:   # the posted list already carries the dossier's id
        dossier_id = doc_repo.dossier_id(db, round_id)
    return b.build_posting_list(unit, rnd.name, rows, postings[-1] if postings else None,
                                catalog.documents["danh_sach_cong_khai"], today, dossier_id)
