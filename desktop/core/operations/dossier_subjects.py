"""What the dossier documents say about each nominee and about the province, gathered from the
registry and forms/ (issue 11): the unit's real structure, the grounds met, the criteria not
met, the province's name and regulation, the legal bases in force, the meeting's details.

Pure functions over the store and the catalog; operations.dossier.gather calls them once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from desktop.core.catalog import Catalog, Criterion, Group, Node, ProvinceProfile, TitleInfo
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import (
    _COLLECTIVE_KIND_LABELS,
    History,
    Rating,
    Scope,
    SubjectKind,
    SubjectRef,
    Unit,
)
from desktop.core.model.dossier import (
    ABSENT,
    ABSENT_WRITTEN,
    COLLECTIVE,
    GROUND_CLAIM,
    GROUND_INITIATIVE,
    GROUND_RESEARCH,
    GROUND_RUN,
    INDIVIDUAL,
    PRESENT,
    Ground,
    Head,
    MeetingDetails,
    MemberAttendance,
    ProvinceInfo,
    SubjectDetails,
)
from desktop.core.model.rounds import Attendance, CouncilMeeting, EligibilitySnapshot, Round
from desktop.core.store import Store
from desktop.core.store import former_units as former_repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import work_units as wu_repo
from desktop.core.text import clean, fold

# ---- the subject: registry, work unit and head -------------------------------------------------


def subject_details(store: Store, ref: SubjectRef) -> SubjectDetails:
    """The nominee as the documents print it: a person with the work unit's full name and its
    head; a collective under its work unit's full official name, headed by that unit's head."""
    db = store.db
    if ref.kind is SubjectKind.PERSON:
        p = reg_repo.get_person(db, ref.id)
        if p is None:
            raise UserError(_("Người được đề nghị không còn trong danh sách (mã {id}).")
                            .format(id=ref.id))
        unit = wu_repo.get_work_unit(db, p.work_unit_id) if p.work_unit_id else None
        head = None
        if unit is not None and clean(unit.head_name) and clean(unit.head_title):
            head = Head(clean(unit.head_title), clean(unit.head_name), clean(unit.name))
        return SubjectDetails(
            kind=INDIVIDUAL, name=clean(p.full_name), ref=f"person:{ref.id}",
            birth_date=p.birth_date, gender=p.gender, ethnicity=clean(p.ethnicity),
            position=clean(p.position),
            department=clean(unit.name) if unit is not None else clean(p.department),
            phone=clean(p.phone), head=head, hometown=clean(p.hometown),
            residence=clean(p.residence), qualification=clean(p.qualification),
            political_theory=clean(p.political_theory), academic_rank=clean(p.academic_rank),
            party_post=clean(p.party_post), mass_org_post=clean(p.mass_org_post),
            former_postings=tuple(f.line for f in former_repo.postings_of(db, ref.id)))
    c = reg_repo.get_collective(db, ref.id)
    if c is None:
        raise UserError(_("Tập thể được đề nghị không còn trong danh sách (mã {id}).")
                        .format(id=ref.id))
    unit = wu_repo.get_work_unit(db, c.work_unit_id) if c.work_unit_id else None
    head = None
    if unit is not None and clean(unit.head_name) and clean(unit.head_title):
        head = Head(clean(unit.head_title), clean(unit.head_name), clean(unit.name))
    return SubjectDetails(kind=COLLECTIVE,
                          name=clean(unit.name) if unit is not None else clean(c.name),
                          ref=f"collective:{ref.id}",
                          collective_kind=_COLLECTIVE_KIND_LABELS.get(c.kind, ""),
                          members=len(c.member_ids), note=clean(c.note), head=head)


# ---- the grounds met ---------------------------------------------------------------------------


def _walk(node: Node | None) -> Iterator[Criterion]:
    if node is None:
        return
    if isinstance(node, Group):
        for item in node.items:
            yield from _walk(item)
    else:
        yield node


def _int(value: Any, province: ProvinceProfile) -> int:
    return int(province.resolve(value))


def _run(years_with: set[int], end: int) -> tuple[int, ...]:
    """The consecutive years ending with `end` that are all in `years_with`."""
    run: list[int] = []
    year = end
    while year in years_with:
        run.insert(0, year)
        year -= 1
    return tuple(run)


def _unused_for(used_code: str, used_year: int | None, target: str, year: int) -> bool:
    return not used_code or (used_code == target and used_year == year)


def grounds_of(catalog: Catalog, province: ProvinceProfile, title: TitleInfo, subject: str,
               history: History, year: int, initiative: str = "") -> tuple[Ground, ...]:
    """The grounds the registry shows the nominee meets, in the order the title's criteria
    name them: runs of titles or ratings that reach their count, sáng kiến and đề tài that
    count (scope, window, not used elsewhere), facts the officer confirmed for the year. The
    sáng kiến named on the nomination is always shown."""
    out: list[Ground] = []
    seen: set[tuple[str, str]] = set()

    def add(g: Ground) -> None:
        key = (g.kind, fold(g.name))
        if key not in seen:
            seen.add(key)
            out.append(g)

    def initiative_ground(name: str) -> None:
        for i in history.initiatives:
            if fold(i.name) == fold(name):
                add(Ground(GROUND_INITIATIVE, clean(i.name), decision_no=clean(i.decision_no),
                           decision_date=i.decision_date, issuer=clean(i.recognised_by),
                           scope=i.scope.value))
                return
        for t in history.research:
            if fold(t.name) == fold(name):
                add(Ground(GROUND_RESEARCH, clean(t.name), decision_date=t.accepted_on,
                           scope=t.scope.value))
                return
        add(Ground(GROUND_INITIATIVE, clean(name)))

    ratings = {y.year: y.rating for y in history.years if y.rating is not None}
    confirmed = {c.code: c for c in history.claims if c.year == year}
    for c in _walk(title.criteria.get(subject)):
        params = c.params
        if c.predicate == "consecutive_years":
            count = _int(params["count"], province)
            codes = params.get("titles") or ()
            if codes:
                for code in codes:
                    run = _run({a.year for a in history.awards if a.code == code}, year)
                    if len(run) >= count:
                        add(Ground(GROUND_RUN, catalog.name_of(code), years=run))
            elif params.get("min_rating"):
                low = Rating(params["min_rating"])
                run = _run({y for y, r in ratings.items() if r.rank >= low.rank}, year)
                if len(run) >= count:
                    add(Ground(GROUND_RUN, low.short, years=run))
        elif c.predicate == "proofs":
            window = _int(params["window"], province)
            low_scope = Scope(params["min_scope"])
            first = year - window + 1
            if "initiative" in params["sources"]:
                for i in history.initiatives:
                    if (first <= i.year <= year and i.scope.rank >= low_scope.rank
                            and _unused_for(i.used_for_code, i.used_for_year, title.code, year)):
                        initiative_ground(i.name)
            if "research" in params["sources"]:
                for t in history.research:
                    if (first <= t.year <= year and t.scope.rank >= low_scope.rank
                            and t.accepted_on is not None
                            and (t.applied or not params.get("research_applied"))
                            and _unused_for(t.used_for_code, t.used_for_year, title.code, year)):
                        add(Ground(GROUND_RESEARCH, clean(t.name), decision_date=t.accepted_on,
                                   scope=t.scope.value))
        elif c.predicate == "claim":
            found = confirmed.get(str(params["claim"]))
            if found is not None:
                add(Ground(GROUND_CLAIM, str(params.get("label") or c.label),
                           note=clean(found.note)))
    if initiative:      # named on the nomination: shown even outside the criteria's window
        initiative_ground(initiative)
    return tuple(out)


# ---- the criteria not met, as formal citations -------------------------------------------------

_ARTICLE_CLAUSE = re.compile(r"^Điều (\d+\w*) khoản (\d+\w*)(.*)$")


def formal_citation(catalog: Catalog, basis: str) -> str:
    """"Luật TĐKT 2022, Điều 22" → "Điều 22 Luật Thi đua, khen thưởng"; "… Điều 30 khoản 7"
    → "khoản 7 Điều 30 …". A basis of an unknown source is returned as it is."""
    text = clean(basis)
    for source in sorted(catalog.legal_sources.values(), key=lambda s: -len(str(s["cite"]))):
        cite = str(source["cite"])
        if text.startswith(cite):
            rest = text[len(cite):].lstrip(" ,")
            formal = str(source.get("formal") or source["title"])
            if not rest:
                return formal
            found = _ARTICLE_CLAUSE.match(rest)
            if found:
                rest = f"khoản {found.group(2)} Điều {found.group(1)}{found.group(3)}"
            return f"{rest} {formal}"
    return text


def unmet_of(catalog: Catalog, eligibility: EligibilitySnapshot) -> tuple[str, ...]:
    """The criteria the review found not met (or blocking), each once, formally cited."""
    out: list[str] = []
    for reason in eligibility.reasons:
        if reason.status in ("not_met", "blocker") and reason.basis:
            cited = formal_citation(catalog, reason.basis)
            if cited not in out:
                out.append(cited)
    return tuple(out)


# ---- the province and the legal bases ------------------------------------------------------------

_PROVINCE_IN = re.compile(r"\b(tỉnh|thành phố)\s+(.+)$", re.IGNORECASE)


def province_name(catalog: Catalog, unit: Unit) -> str:
    """"tỉnh Bắc Ninh" from the unit's province profile; for the national default profile,
    from the unit's superior body ("Ủy ban nhân dân tỉnh Phú Thọ"); "" when neither says."""
    profile = catalog.provinces.get(unit.province)
    if profile is not None and profile.code != "default":
        name = clean(profile.name)
        return name[:1].lower() + name[1:]
    found = _PROVINCE_IN.search(clean(unit.superior_body))
    if found is None:
        return ""
    level, place = found.group(1).lower(), found.group(2)
    if place.isupper():
        place = place.title()
    return f"{level} {place}"


def receiving_body(round_body: str, province: str) -> str:
    """The round's receiving body, naming the province: "Sở Nội vụ (Phòng Thi đua, khen
    thưởng)" → "Sở Nội vụ tỉnh Phú Thọ (Phòng Thi đua, khen thưởng)"."""
    body = clean(round_body)
    if not province or not body or fold(province) in fold(body):
        return body
    head, paren, tail = body.partition("(")
    return f"{head.rstrip()} {province}" + (f" ({tail}" if paren else "")


def _in_force(source: Mapping[str, Any], when: date) -> bool:
    start, end = source.get("valid_from"), source.get("valid_to")
    return (not isinstance(start, date) or start <= when) and \
        (not isinstance(end, date) or when <= end)


def legal_bases(catalog: Catalog, unit: Unit, when: date) -> dict[str, str]:
    """source key → its "Căn cứ …;" line, for the sources in force on `when` that apply to
    the unit's kind."""
    out = {}
    for key, source in catalog.legal_sources.items():
        line = clean(str(source.get("can_cu", "")))
        kinds = source.get("unit_kinds") or ()
        if line and _in_force(source, when) and (not kinds or unit.kind.value in kinds):
            out[key] = line
    return out


def province_info(catalog: Catalog, unit: Unit, rnd: Round, when: date) -> ProvinceInfo:
    name = province_name(catalog, unit)
    profile = catalog.provinces.get(unit.province)
    regulation = ""
    cite = clean(profile.legal_basis) if profile is not None else ""
    if cite:
        for source in catalog.legal_sources.values():
            if str(source["cite"]) == cite and _in_force(source, when):
                regulation = clean(str(source.get("can_cu", "")))
    return ProvinceInfo(name=name, receiving_body=receiving_body(rnd.receiving_body, name),
                        regulation=regulation)


# ---- the meeting -------------------------------------------------------------------------------

_ATTENDANCE = {Attendance.PRESENT: PRESENT, Attendance.WRITTEN_OPINION: ABSENT_WRITTEN,
               Attendance.ABSENT: ABSENT}


def meeting_details(meeting: CouncilMeeting | None) -> MeetingDetails:
    """Start and end time and the members by name and position (migration m011); a meeting
    recorded before names were kept gives none of them, and the minutes print its counts."""
    if meeting is None:
        return MeetingDetails()
    return MeetingDetails(
        starts_at=meeting.starts_at, ends_at=meeting.ends_at,
        members=tuple(MemberAttendance(clean(m.name), clean(m.position),
                                       _ATTENDANCE[m.attendance])
                      for m in meeting.members if clean(m.name)))
