"""Read resources/demo/commune.toml into DemoData, checking it as it goes: every key read is of
the right type and in range (reader.Table), every name it refers to exists, and a key nobody
reads (a typo) is an error. The file ships with the app, so a problem here is a bug, reported
with the key."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Any

from desktop.core.model import (
    AwardKind,
    CollectiveKind,
    DisciplineLevel,
    Gender,
    Rating,
    Scope,
    SubjectGroup,
    Unit,
    UnitKind,
    WorkUnitKind,
)
from desktop.core.model.rounds import Attendance
from desktop.core.operations.demo.data import (
    EVIDENCE,
    PICKS,
    AwardSpec,
    CollectiveDraw,
    Cooperative,
    Council,
    CouncilSeat,
    DecisionRegister,
    DemoData,
    Department,
    DisciplineSpec,
    Featured,
    Hamlet,
    HamletPeople,
    InitiativeRule,
    InitiativeSpec,
    Minority,
    MovementClaim,
    Names,
    NominationSpec,
    Population,
    RatingShares,
    Registrations,
    ReportRole,
    ResearchSpec,
    RoundScript,
    TitleDraw,
    Year,
)
from desktop.core.operations.demo.reader import MISSING, DemoDataError, Table, nfc
from desktop.paths import resources_dir

__all__ = ["DemoDataError", "demo_data", "demo_data_path", "load_demo_data"]


def demo_data_path() -> Path:
    return resources_dir() / "demo" / "commune.toml"


@functools.cache
def demo_data() -> DemoData:
    """The shipped demo commune (read once)."""
    return load_demo_data(demo_data_path())


def _read(table: Table, build: Callable[[Table], Any]) -> Any:
    value = build(table)
    table.done()
    return value


# ---- the registry --------------------------------------------------------------------------------


def _unit(t: Table) -> Unit:
    return Unit(name=t.text("name"), kind=t.choice("kind", UnitKind),
                superior_body=t.text("superior_body"), doc_code=t.text("doc_code"),
                place_name=t.text("place_name"), head_name=t.text("head_name"),
                head_title=t.text("head_title"), officer_name=t.text("officer_name"),
                officer_title=t.text("officer_title"), code=t.text("code"))


def _names(t: Table) -> Names:
    weights = t.table("surnames")
    surnames: list[str] = []
    for name in weights.written():
        surnames += [nfc(name)] * weights.number(name, low=1)
    weights.done()
    minorities = tuple(_read(m, lambda m: Minority(m.text("ethnicity"), m.texts("male"),
                                                   m.texts("female")))
                       for m in t.tables("minorities"))
    return Names(tuple(surnames), t.texts("middle_male"), t.texts("middle_female"),
                 t.texts("given_male"), t.texts("given_female"), t.texts("phone_prefixes"),
                 minorities)


def _population(t: Table) -> Population:
    return Population(t.number("history_years", low=3), t.span("ages"), t.span("leader_ages"),
                      t.share("minority_share"), t.share("phone_share"),
                      t.number("national_ids", low=0), t.span("contract_staff"),
                      t.share("contract_female_share"), t.numbers("hire_months"))


def _department(t: Table) -> Department:
    department = Department(
        t.text("name"), t.choice("kind", CollectiveKind), t.span("size"),
        t.share("female_share"), t.texts("leaders"), t.texts("staff"),
        t.texts("contract_positions"), t.text("initiative"),
        t.choice("group", SubjectGroup, "cbccvc"), t.text("official_name"),
        t.choice("unit_kind", WorkUnitKind), t.text("head"))
    if department.head not in department.leaders:
        raise t.fail("head", f"“{department.head}” is not one of the department's leaders")
    return department


def _hamlet_people(t: Table) -> HamletPeople:
    head, claim = t.table("head"), t.table("claim")
    people = HamletPeople(
        t.span("count"), t.text("note"), t.share("title_share"), head.text("position"),
        head.share("female_share"), head.span("ages"), t.span("farmers"),
        t.texts("farmer_positions"), t.share("farmer_female_share"), t.span("farmer_ages"),
        t.share("cooperative_share"), claim.text("code"), claim.text("evidence"))
    head.done()
    claim.done()
    return people


# ---- history -------------------------------------------------------------------------------------


def _ratings(t: Table) -> RatingShares:
    shares = RatingShares(t.share("htxs"), t.share("htt"), t.share("ht"), t.share("kht"),
                          t.number("htxs_cap_percent", low=0))
    if abs(shares.htxs + shares.htt + shares.ht + shares.kht - 1) > 1e-9:
        raise DemoDataError(f"{t.where}: the four shares must add up to 1")
    return shares


def _titles(t: Table) -> TitleDraw:
    return TitleDraw(t.share("blocked_share"), t.text("blocked_note"),
                     t.share("confirmed_share"), t.share("cstdcs_share"),
                     t.share("initiative_share"), t.number("giay_khen_workers", low=0),
                     t.texts("quality_notes"), t.texts("farmer_quality_notes"))


def _decisions(t: Table, issuers: dict[str, str]) -> DecisionRegister:
    after = t.table("after_ldtt")
    offsets = {code: after.number(code, low=1) for code in after.written()}
    after.done()
    cstdcs = t.table("cstdcs")
    register = DecisionRegister(
        t.text("number"), t.span("ldtt_number"), t.span("year_end_days"),
        t.number("review_year_after_meeting", low=1), t.issuer("issuer", issuers), offsets,
        cstdcs.number("reform_year"), cstdcs.number("days_after_ldtt", low=0),
        cstdcs.span("numbers_before"), cstdcs.span("numbers_after"),
        cstdcs.issuer("issuer_before", issuers), cstdcs.issuer("issuer_after", issuers))
    cstdcs.done()
    return register


def _initiative_rule(t: Table, issuers: dict[str, str]) -> InitiativeRule:
    commune, province = t.table("commune"), t.table("province")
    rule = InitiativeRule(t.span("months"), commune.numbering("number"),
                          commune.issuer("recognised_by", issuers),
                          province.numbering("number"),
                          province.issuer("recognised_by", issuers))
    commune.done()
    province.done()
    return rule


# ---- the featured people -------------------------------------------------------------------------


def _year(t: Table, default: Any = 0) -> Year:
    return Year(t.number("year", default), t.optional_number("year_if_outside"))


def _offset(value: Any, history_years: int, where: str) -> int:
    try:
        offset = int(value)
    except (TypeError, ValueError):
        raise DemoDataError(f"{where}: “{value}” is not a year offset") from None
    if not -history_years < offset <= 0:
        raise DemoDataError(f"{where}: year {offset} is outside the {history_years} years "
                            "of history")
    return offset


def _ratings_by_year(t: Table, history_years: int) -> dict[int, Rating]:
    table = t.optional_table("ratings")
    if table is None:
        return {}
    ratings = {_offset(key, history_years, table.where): table.choice(key, Rating)
               for key in table.written()}
    table.done()
    return ratings


def _featured(t: Table, issuers: dict[str, str], history_years: int) -> Featured:
    return Featured(
        name=t.text("name"), why=t.text("why"), gender=t.choice("gender", Gender),
        department=t.text("department"), position=t.text("position"),
        ethnicity=t.text("ethnicity", "Kinh"), ratings=_ratings_by_year(t, history_years),
        cstdcs=tuple(_offset(y, history_years, f"{t.where}.cstdcs")
                     for y in t.get("cstdcs", [])),
        undecided_from=t.optional_number("undecided_from"),
        pending_review=t.text("pending_review", ""),
        initiatives=tuple(_read(i, lambda i: _initiative(i, issuers))
                          for i in t.tables("initiatives")),
        research=tuple(_read(r, _research) for r in t.tables("research")),
        discipline=tuple(_read(d, _discipline) for d in t.tables("discipline")),
        awards=tuple(_read(a, lambda a: _award(a, issuers)) for a in t.tables("awards")),
        report=t.text_table("report"))


def _initiative(t: Table, issuers: dict[str, str]) -> InitiativeSpec:
    return InitiativeSpec(t.text("name"), t.choice("scope", Scope), _year(t),
                          t.optional_numbering("decision_no"), t.optional_day("decision_date"),
                          t.issuer("recognised_by", issuers, ""))


def _research(t: Table) -> ResearchSpec:
    return ResearchSpec(t.text("name"), t.choice("scope", Scope), _year(t),
                        t.optional_day("accepted_on"), t.flag("applied"),
                        t.text("certified_by", ""), t.text("applied_at", ""))


def _discipline(t: Table) -> DisciplineSpec:
    return DisciplineSpec(t.choice("level", DisciplineLevel), t.day("start"),
                          t.optional_day("end"), t.numbering("decision_no"), t.text("reason"))


def _award(t: Table, issuers: dict[str, str]) -> AwardSpec:
    award = AwardSpec(t.text("title"), _year(t, default=MISSING),
                      t.choice("kind", AwardKind, "cong_trang"),
                      t.optional_numbering("decision_no"), t.optional_day("decision_date"),
                      t.issuer("issuer", issuers, ""))
    if award.decision_no is not None and (award.decision_date is None or not award.issuer):
        raise DemoDataError(f"{t.where}: a decision written out needs decision_date and issuer")
    return award


# ---- the officer's year --------------------------------------------------------------------------


def _registrations(t: Table) -> Registrations:
    return Registrations(
        t.day("day"), t.text("everyone"), t.text("eligible"), t.texts("forgot", ()),
        tuple(_read(n, lambda n: (n.text("title"), n.texts("people")))
              for n in t.tables("named")),
        t.text("departments"), t.text("departments_note"))


def _clock(t: Table, key: str) -> time | None:
    if not t.has(key):
        return None
    text = t.text(key)
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise t.fail(key, f"“{text}” is not a time of day (\"08:00\")") from None


def _seat(t: Table) -> CouncilSeat:
    seat = CouncilSeat(t.text("position"), t.text("attendance", "present"), t.text("name", ""),
                       t.text("who", ""), t.text("head_of", ""), t.text("holds", ""))
    if seat.attendance not in {a.value for a in Attendance}:
        raise t.fail("attendance", f"“{seat.attendance}” is not present, written_opinion or "
                                   "absent")
    if sum(bool(x) for x in (seat.name, seat.who, seat.head_of, seat.holds)) != 1:
        raise t.fail("name", "give exactly one of name, who, head_of, holds")
    if seat.who not in ("", "unit_head", "officer"):
        raise t.fail("who", f"“{seat.who}” is not unit_head or officer")
    return seat


def _council(t: Table) -> Council:
    return Council(t.number("members", low=1), t.number("present", low=0),
                   t.number("absent_with_written_opinion", low=0), t.text("place"),
                   t.number("counting_committee", low=0), _clock(t, "starts_at"),
                   _clock(t, "ends_at"),
                   tuple(_read(s, _seat) for s in t.tables("seats")))


def _round(t: Table) -> RoundScript:
    notes = t.text_table("part_notes")
    if "other" not in notes:
        raise t.fail("part_notes", "needs `other`, the note of any part not listed")
    return RoundScript(
        t.text("name"), t.number("opened_days_ago", low=0), t.number("meeting_days_ago", low=0),
        t.number("posted_until_days_ago", low=0), t.number("deadline_days_if_past", low=1),
        t.text("posting_place"), _read(t.table("registrations"), _registrations),
        _read(t.table("council"), _council),
        {code: note for code, note in notes.items() if code != "other"}, notes["other"],
        tuple(_read(n, _nomination) for n in t.tables("nominations")),
        dict(_read(n, _next_number) for n in t.tables("next_numbers")))


def _next_number(t: Table) -> tuple[tuple[str, str], int]:
    return (t.text("type"), t.text("code")), t.number("number", low=1)


def _nomination(t: Table) -> NominationSpec:
    evidence = t.optional_table("evidence")
    parts = {part: evidence.one_of(part, EVIDENCE) for part in evidence.written()} \
        if evidence else {}
    if evidence:
        evidence.done()
    spec = NominationSpec(
        t.text("title"), t.number("votes_for", low=0), t.text("person", ""),
        t.one_of("pick", ("", *PICKS), ""), t.number("count", 1, low=1),
        t.flag("grounds_initiative"), t.text("justification", ""), parts)
    if bool(spec.person) == bool(spec.pick):
        raise DemoDataError(f"{t.where}: give either person or pick")
    if "pdf" in parts.values() and not spec.grounds_initiative:
        raise DemoDataError(f"{t.where}: “pdf” evidence is the grounds initiative's decision; "
                            "set grounds_initiative = true")
    return spec


# ---- the whole file ------------------------------------------------------------------------------


def load_demo_data(path: Path) -> DemoData:
    """Read and check the demo's data file; DemoDataError names what is wrong."""
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DemoDataError(f"{path}: {exc}") from exc
    top = Table(raw, path.name)
    issuers = top.text_table("issuers")
    place = top.table("place")
    population_table = top.table("population")
    population = _population(population_table)
    ratings = _read(population_table.table("ratings"), _ratings)
    titles = _read(population_table.table("titles"), _titles)
    population_table.done()
    data = DemoData(
        unit=_read(top.table("unit"), _unit),
        commune=place.text("commune"), province=place.text("province"),
        province_id_code=place.text("province_id_code"), issuers=issuers,
        names=_read(top.table("names"), _names),
        population=population, ratings=ratings, titles=titles,
        decisions=_read(top.table("decisions"), lambda t: _decisions(t, issuers)),
        initiatives=_read(top.table("initiatives"), lambda t: _initiative_rule(t, issuers)),
        departments=tuple(_read(d, _department) for d in top.tables("departments")),
        collectives=_read(top.table("collectives"), lambda c: CollectiveDraw(
            c.share("htxs_share"), c.share("ttldtt_ldtt_share"), c.text("review_note"))),
        cooperative=_read(top.table("cooperative"),
                          lambda c: Cooperative(c.text("name"), c.text("note"),
                                                     c.text("head_title"), c.text("head_name"))),
        hamlet_people=_read(top.table("hamlet_people"), _hamlet_people),
        hamlets=tuple(_read(h, lambda h: Hamlet(h.text("name"), h.flag("always"),
                                                h.texts("peoples", ())))
                      for h in top.tables("hamlets")),
        featured=tuple(_read(f, lambda f: _featured(f, issuers, population.history_years))
                       for f in top.tables("featured")),
        movement_claim=_read(top.table("movement_claim"),
                             lambda m: MovementClaim(m.text("code"), m.text("text"))),
        round=_read(top.table("round"), _round),
        report=top.text_table("report"),
        report_roles=tuple(_read(r, lambda r: ReportRole(r.texts("match"),
                                                         r.text_table("report")))
                           for r in top.tables("report_roles")))
    place.done()
    top.done()
    _check_references(data)
    return data


# ---- across sections -----------------------------------------------------------------------------


def _named_twice(data: DemoData) -> list[str]:
    problems = []
    for label, names in (("departments", [d.name for d in data.departments]),
                         ("featured", list(data.featured_names)),
                         ("hamlets", [h.name for h in data.hamlets])):
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            problems.append(f"{label}: named twice: {', '.join(twice)}")
    return problems


def _featured_places(data: DemoData) -> list[str]:
    """The featured people work in a department; the unit's head and officer are featured."""
    departments = {d.name for d in data.departments}
    problems = [f"featured “{f.name}”: no department “{f.department}”" for f in data.featured
                if f.department not in departments]
    return problems + [f"unit: “{who}” must be one of the [[featured]] people"
                       for who in (data.unit.head_name, data.unit.officer_name)
                       if who not in data.featured_names]


def _round_people(data: DemoData) -> list[str]:
    """Whoever the round names by name is a featured person."""
    regs = data.round.registrations
    people = [*regs.forgot, *(p for _t, names in regs.named for p in names),
              *(n.person for n in data.round.nominations if n.person)]
    return [f"round: “{p}” is not one of the [[featured]] people" for p in people
            if p not in data.featured_names]


def _has_certified_research(featured: Featured | None) -> bool:
    return bool(featured and featured.research
                and all(r.certified_by and r.applied_at for r in featured.research))


def _photo_evidence(data: DemoData) -> list[str]:
    """A photo of the research certificate needs a featured person whose research says who
    certified it and where it was applied."""
    return [f"round: “png” evidence needs a featured person with research (certified_by, "
            f"applied_at): {n.person or n.pick}" for n in data.round.nominations
            if "png" in n.evidence.values()
            and not _has_certified_research(data.featured_person(n.person))]


def _hamlet_rules(data: DemoData) -> list[str]:
    ethnicities = {m.ethnicity for m in data.names.minorities}
    problems = [f"hamlets “{h.name}”: no [[names.minorities]] “{p}”" for h in data.hamlets
                for p in h.peoples if p not in ethnicities]
    if sum(h.always for h in data.hamlets) > 1:
        problems.append("hamlets: at most one can be `always`")
    if len(data.hamlets) < data.hamlet_people.count[1]:
        problems.append("hamlet_people.count: more hamlets than [[hamlets]]")
    return problems


# Checks across sections: each returns what is wrong, as lines of the error.
_CHECKS: tuple[Callable[[DemoData], list[str]], ...] = (
    _named_twice, _featured_places, _round_people, _photo_evidence, _hamlet_rules)


def _check_references(data: DemoData) -> None:
    """Names that must refer to something the file defines."""
    problems = [p for check in _CHECKS for p in check(data)]
    if problems:
        raise DemoDataError("commune.toml:\n" + "\n".join(f"  {p}" for p in problems))
