"""Five years of history for the drawn registry, as the law would have produced it
(LAW §10): the commune's yearly decisions, ratings with HTXS capped, LĐTT only for htt/htxs,
CSTĐCS for htxs or with a recognised initiative, the departments' and hamlets' own titles.
Farmers and workers (group cong_nhan_nong_dan) are never rated: the thôn confirms their year
and that alone decides their LĐTT (Law Art 24.3, LAW §4.1)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from desktop.core.model import (
    Award,
    AwardKind,
    Claim,
    Collective,
    CollectiveKind,
    History,
    Initiative,
    Rating,
    Scope,
    SubjectGroup,
    YearRecord,
)
from desktop.core.operations.demo.data import DemoData, InitiativeSpec
from desktop.core.operations.demo.registry import Draft

# title codes (DESIGN §3)
LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
TTLDTT = "tap_the_lao_dong_tien_tien"
GIAY_KHEN = "giay_khen"
THON_VAN_HOA = "thon_to_dan_pho_van_hoa"

_GOOD = (Rating.HTT, Rating.HTXS)


def history_years(data: DemoData, review_year: int) -> range:
    return range(review_year - data.population.history_years + 1, review_year + 1)


@dataclass(frozen=True)
class Register:
    """The commune's decisions: one per title and year (number, date, issuer)."""

    numbers: dict[tuple[str, int], tuple[str, date, str]]

    def award(self, code: str, year: int, kind: AwardKind = AwardKind.CONG_TRANG) -> Award:
        number, when, issuer = self.numbers[(code, year)]
        return Award(year=year, code=code, kind=kind, decision_no=number, decision_date=when,
                     issuer=issuer)


def decision_register(rng: random.Random, data: DemoData, review_year: int, today: date
                      ) -> Register:
    rules = data.decisions
    numbers: dict[tuple[str, int], tuple[str, date, str]] = {}
    for year in history_years(data, review_year):
        when = min(date(year, 12, rng.randint(*rules.year_end_days)), today)
        if year == review_year:   # decided on what the council proposed: after it met
            met = today - timedelta(days=data.round.meeting_days_ago)
            when = min(met + timedelta(days=rules.review_year_after_meeting), today)
        ldtt = rng.randint(*rules.ldtt_number)
        numbers[(LDTT, year)] = (rules.number.format(n=ldtt), when, rules.issuer)
        for code, after in rules.after_ldtt.items():
            numbers[(code, year)] = (rules.number.format(n=ldtt + after), when, rules.issuer)
        numbers[(CSTDCS, year)] = _cstdcs(rng, data, year, review_year, when, today)
    return Register(numbers)


def _cstdcs(rng: random.Random, data: DemoData, year: int, review_year: int, when: date,
            today: date) -> tuple[str, date, str]:
    """CSTĐCS: decided a few days after LĐTT, by the district before the reform and by the
    commune after it."""
    rules = data.decisions
    reformed = year >= rules.cstdcs_reform_year
    cstd_when = when + timedelta(days=rules.cstdcs_days_after_ldtt) if year < review_year \
        else when
    number = rng.randint(*(rules.cstdcs_numbers_after if reformed
                           else rules.cstdcs_numbers_before))
    return (rules.number.format(n=number), min(cstd_when, today),
            rules.cstdcs_issuer_after if reformed else rules.cstdcs_issuer_before)


def ticks(rng: random.Random, data: DemoData, ok: bool = True, note: str = "",
          farmer: bool = False) -> dict[str, Any]:
    """The three qualities of a year, confirmed (or not), with the officer's note (a farmer's
    says who in the thôn confirmed his year)."""
    notes = data.titles.farmer_quality_notes if farmer else data.titles.quality_notes
    return {"exemplary": ok, "solidarity": True, "movement": ok,
            "qualities_note": note or rng.choice(notes)}


def rated(d: Draft) -> bool:
    """Whether the person has a civil-service rating: not a farmer or worker (Law Art 24.3)."""
    return d.person.group is not SubjectGroup.CONG_NHAN_NONG_DAN


def _good_year(d: Draft, year: int) -> bool:
    """A year that earned LĐTT: rated htt/htxs, or for a farmer confirmed by the thôn."""
    record = d.years.get(year)
    if record is None:
        return False
    return record.rating in _GOOD if rated(d) else bool(record.exemplary)


def random_ratings(rng: random.Random, data: DemoData, drafts: list[Draft], review_year: int
                   ) -> None:
    """Ratings year by year in the file's shares, HTXS never above its cap (the featured
    people keep theirs); a farmer's year has no rating."""
    for year in history_years(data, review_year):
        present = [d for d in drafts if d.first_year <= year]
        for d in present:
            if not d.fixed:
                d.years[year] = (YearRecord(year=year, rating=data.ratings.draw(rng.random()))
                                 if rated(d) else YearRecord(year=year))
        cap = sum(1 for d in present if rated(d)) * data.ratings.htxs_cap_percent // 100
        best = sorted((d for d in present if d.years[year].rating is Rating.HTXS),
                      key=lambda d: not d.fixed)  # featured people keep their HTXS
        for d in best[cap:]:
            if not d.fixed:
                d.years[year] = replace(d.years[year], rating=Rating.HTT)


def random_titles(rng: random.Random, data: DemoData, drafts: list[Draft], review_year: int,
                  register: Register, today: date) -> None:
    """Titles for the past years; the review year gets its ticks and, for those confirmed, the
    LĐTT already decided in November (CSTĐCS and TTLĐTT are what the round decides)."""
    for d in drafts:
        if d.fixed:
            continue
        for year, record in sorted(d.years.items()):
            if not rated(d):
                _farmer_year(rng, data, d, record, register, review_year)
            elif year == review_year:
                _review_year(rng, data, d, record, register)
            elif record.rating in _GOOD:
                _past_year(rng, data, drafts, d, record, register, today)
    _movement_giay_khen(rng, data, drafts, review_year - 1, register)


def _movement_giay_khen(rng: random.Random, data: DemoData, drafts: list[Draft], year: int,
                        register: Register) -> None:
    """A Giấy khen for a movement in the year before the review, to a few good workers."""
    workers = [d for d in drafts if not d.fixed and _good_year(d, year)]
    for d in rng.sample(workers, min(data.titles.giay_khen_workers, len(workers))):
        d.awards.append(replace(register.award(GIAY_KHEN, year), kind=AwardKind.PHONG_TRAO))


def _review_year(rng: random.Random, data: DemoData, d: Draft, record: YearRecord,
                 register: Register) -> None:
    good = record.rating in _GOOD
    blocked = rng.random() < data.titles.blocked_share and good
    marks = (ticks(rng, data, ok=False, note=data.titles.blocked_note) if blocked
             else ticks(rng, data) if rng.random() < data.titles.confirmed_share else {})
    d.years[record.year] = replace(record, **marks)
    if good and marks and not blocked:
        d.awards.append(register.award(LDTT, record.year))


def _farmer_year(rng: random.Random, data: DemoData, d: Draft, record: YearRecord,
                 register: Register, review_year: int) -> None:
    """A farmer's year: the thôn confirms the three qualities (or does not), and that alone
    makes the LĐTT of a past year (Law Art 24.3); never a CSTĐCS, which would need a rating
    of htxs or a sáng kiến. The review year's LĐTT is what the round decides: the thôn's
    bình xét comes after the commune's November decision for its staff."""
    confirmed = rng.random() < data.titles.confirmed_share
    d.years[record.year] = replace(record, **(ticks(rng, data, farmer=True) if confirmed
                                               else {}))
    if confirmed and record.year < review_year:
        d.awards.append(register.award(LDTT, record.year))


def _past_year(rng: random.Random, data: DemoData, drafts: list[Draft], d: Draft,
               record: YearRecord, register: Register, today: date) -> None:
    year = record.year
    d.years[year] = replace(record, exemplary=True, solidarity=True, movement=True)
    d.awards.append(register.award(LDTT, year))
    if record.rating is Rating.HTXS and rng.random() < data.titles.cstdcs_share:
        d.awards.append(register.award(CSTDCS, year))
    elif (rng.random() < data.titles.initiative_share
          and d.person.group is SubjectGroup.CBCCVC):
        # HTT plus a recognised initiative also makes a CSTĐCS (LAW §10 #3)
        dept = data.department(d.person.department)
        name = dept.initiative if dept else ""
        if name and not any(i.name == name for x in drafts for i in x.initiatives):
            d.initiatives.append(initiative(rng, data, InitiativeSpec(name, Scope.CO_SO), year,
                                            today, used_for=(CSTDCS, year)))
            d.awards.append(register.award(CSTDCS, year))


def initiative(rng: random.Random, data: DemoData, spec: InitiativeSpec, year: int,
               today: date, used_for: tuple[str, int] | None = None) -> Initiative:
    """A recognised sáng kiến of `year`: as the file writes it, or dated and numbered as the
    commune's (or the province's) initiative council would. A day the file writes relative to
    the review year counts from the day it is built (`today`)."""
    rule = data.initiatives
    provincial = spec.scope is not Scope.CO_SO
    when = (spec.decision_date.on(year, today.year) if spec.decision_date
            else date(year, rng.randint(*rule.months), rng.randint(1, 28)))
    number = spec.decision_no or (rule.province_number if provincial else rule.commune_number)
    return Initiative(
        year=year, name=spec.name, scope=spec.scope, decision_no=number.draw(rng),
        decision_date=min(when, today),
        recognised_by=spec.recognised_by or (rule.province_by if provincial
                                             else rule.commune_by),
        used_for_code=used_for[0] if used_for else "",
        used_for_year=used_for[1] if used_for else None)


# ---- collectives ---------------------------------------------------------------------------------


def _earned_ttldtt(data: DemoData, in_year: list[Draft], year: int) -> bool:
    """TTLĐTT for a past year: enough members with LĐTT, none disciplined that year."""
    if not in_year:
        return False
    ldtt = sum(1 for d in in_year if any(a.code == LDTT and a.year == year for a in d.awards))
    disciplined = any(dd.overlaps_year(year) for x in in_year for dd in x.discipline)
    return ldtt / len(in_year) >= data.collectives.ttldtt_ldtt_share and not disciplined


def _department_history(rng: random.Random, data: DemoData, drafts: list[Draft], name: str,
                        review_year: int, register: Register) -> History:
    """A department's ratings (its qualities confirmed for the review year), and TTLĐTT in
    the past years it earned it."""
    records, awards = [], []
    for year in history_years(data, review_year):
        in_year = [d for d in drafts if d.person.department == name and year in d.years]
        rating = Rating.HTXS if rng.random() < data.collectives.htxs_share else Rating.HTT
        marks: dict[str, Any] = {}
        if year == review_year:
            marks = {"exemplary": True, "solidarity": True, "movement": True,
                     "qualities_note": data.collectives.review_note}
        records.append(YearRecord(year=year, rating=rating, **marks))
        if year < review_year and _earned_ttldtt(data, in_year, year):
            awards.append(register.award(TTLDTT, year))
    return History(years=tuple(records), awards=tuple(awards))


def collectives(rng: random.Random, data: DemoData, drafts: list[Draft], ids: dict[int, int],
                hamlets: list[str], review_year: int, register: Register
                ) -> list[tuple[Collective, History]]:
    """The departments with their history, the cooperative, and the thôn (every other one
    with its review-year criteria confirmed)."""
    def members(belongs: Any) -> tuple[int, ...]:
        return tuple(ids[i] for i, d in enumerate(drafts) if belongs(d))

    result = []
    for dept in data.departments:
        history = _department_history(rng, data, drafts, dept.name, review_year, register)
        result.append((Collective(None, dept.name, dept.kind, "", members(
            lambda d, name=dept.name: d.person.department == name)), history))
    coop = data.cooperative
    result.append((Collective(None, coop.name, CollectiveKind.DOANH_NGHIEP, coop.note, members(
        lambda d: d.person.department == coop.name)), History()))
    spec = data.hamlet_people
    for n, hamlet in enumerate(hamlets):
        titles = tuple(register.award(THON_VAN_HOA, year)
                       for year in history_years(data, review_year)
                       if year < review_year and rng.random() < spec.title_share)
        # no random draw here, so the rest of the demo stays as it was for a given seed
        claims = (Claim(review_year, spec.claim_code, spec.claim_evidence),) \
            if n % 2 == 0 else ()
        result.append((Collective(None, hamlet, CollectiveKind.THON_TO_DAN_PHO, spec.note,
                                  members(lambda d, h=hamlet: d.collective == h)),
                       History(awards=titles, claims=claims)))
    return result


def movement_claim(data: DemoData, drafts: list[Draft], review_year: int) -> None:
    """The officer confirms one farmer's movement achievement: the Giấy khen of the round.
    The last farmer the thôn confirmed, so it is not the first one, whom the round proposes
    for LĐTT."""
    for d in reversed(drafts):
        record = d.years.get(review_year)
        if (not d.fixed and d.person.group is SubjectGroup.CONG_NHAN_NONG_DAN
                and record is not None and record.exemplary):
            d.claims.append(Claim(review_year, data.movement_claim.code,
                                  data.movement_claim.text))
            return
