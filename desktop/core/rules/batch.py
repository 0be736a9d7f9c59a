"""`hoso eligibility FILE.json`: the batch contract of DESIGN §4.

Input: {"format": "hoso-eligibility/1", "review_year", "province", "as_of", "cases": [...]}
(published as docs/schema/hoso-eligibility-1.schema.json); output on stdout: {"results":
[{"id", "target", "verdict", "reasons": [{"code", "message", "basis", …}], "evidence_needed":
[...], "missing": [...], "info": [...], "ballot": …, "rule_version": {"as_of", "title",
"province", "origin"}}]}. `as_of` ("YYYY-MM-DD", not before 1 January of the review year) is
the day whose rule versions apply (the nomination date); without it, 31/12 of the review year
(catalog.versions). Unknown keys are ignored; a missing or malformed required key, an unknown
title code or province, or a target with no version in force on that day is an error naming
the case id and the key (exit 2). The same converter reads the worked examples in
forms/titles/*.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.core.catalog import MEMBER_COUNTS, QUALITIES, SUBJECTS, Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import AwardKind, DisciplineLevel, Gender, Rating, Scope, SubjectGroup
from desktop.core.rules.engine import Engine
from desktop.core.rules.facts import (
    DisciplineFact,
    MemberFacts,
    Population,
    ProofFact,
    SubjectFacts,
    YearFacts,
)
from desktop.core.rules.verdict import Verdict

FORMAT = "hoso-eligibility/1"


class BatchError(UserError):
    """Malformed input, naming the case and the key."""

    def __init__(self, case_id: str, key: str, problem: str) -> None:
        where = (_("trường hợp “{id}”, khóa “{key}”").format(id=case_id, key=key) if case_id
                 else _("khóa “{key}”").format(key=key))
        super().__init__(f"{where}: {problem}")
        self.case_id = case_id
        self.key = key


class _Reader:
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id

    def fail(self, key: str, problem: str) -> BatchError:
        return BatchError(self.case_id, key, problem)

    def get(self, obj: Mapping[str, Any], key: str, path: str, kind: type | tuple[type, ...],
            default: Any = ..., nullable: bool = False) -> Any:
        if key not in obj:
            if default is ...:
                raise self.fail(path, _("thiếu khóa bắt buộc"))
            return default
        value = obj[key]
        if value is None and nullable:
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(path, _("giá trị {v!r} không đúng kiểu").format(v=value))
        return value

    def enum(self, value: Any, allowed: Any, path: str) -> str:
        names = [getattr(a, "value", a) for a in allowed]
        if value not in names:
            raise self.fail(path, _("“{v}” không thuộc {names}").format(v=value,
                                                                       names=", ".join(names)))
        return str(value)

    def date(self, value: Any, path: str) -> date:
        if not isinstance(value, str):
            raise self.fail(path, _("cần ngày dạng YYYY-MM-DD"))
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(path, _("ngày “{v}” không hợp lệ (YYYY-MM-DD)").format(v=value)) \
                from None

    def code(self, value: Any, catalog: Catalog, path: str, *, in_force: bool = False) -> str:
        """A title code the catalog knows (on any day; `in_force`: on the catalog's day)."""
        if not isinstance(value, str) or catalog.known(value) is None:
            raise self.fail(path, _("mã danh hiệu/hình thức khen thưởng không có: {v!r}")
                            .format(v=value))
        if in_force and value not in catalog.titles:
            raise self.fail(path, _("“{name}” không có quy định có hiệu lực ngày {day}")
                            .format(name=catalog.name_of(value),
                                    day=catalog.as_of.strftime("%d/%m/%Y")))
        return value


def _used_for(r: _Reader, value: Any, catalog: Catalog, path: str) -> tuple[str, int | None]:
    if value is None or value == "":
        return "", None
    if isinstance(value, str):
        code, _sep, year = value.partition(":")
        r.code(code, catalog, path)
        if year and not year.isdigit():
            raise r.fail(path, _("dạng “mã:năm”, ví dụ chien_si_thi_dua_co_so:2025"))
        return code, int(year) if year else None
    if isinstance(value, dict):
        code = r.code(value.get("code", value.get("target")), catalog, path + ".code")
        year = r.get(value, "year", path + ".year", int, None, nullable=True)
        return code, year
    raise r.fail(path, _("cần null, “mã:năm” hoặc {\"code\", \"year\"}"))


def case_to_subject(case: Mapping[str, Any], catalog: Catalog, review_year: int, sid: int = 0
                    ) -> tuple[str, str, SubjectFacts]:
    """(case id, target code, facts) of one batch case or worked example."""
    if not isinstance(case, dict):
        raise BatchError("", "cases[]", _("mỗi trường hợp phải là một đối tượng JSON"))
    case_id = case.get("id")
    if not isinstance(case_id, str | int) or isinstance(case_id, bool) or case_id == "":
        raise BatchError("", "id", _("thiếu mã trường hợp (id)"))
    r = _Reader(str(case_id))
    target = r.code(r.get(case, "target", "target", str), catalog, "target", in_force=True)
    subject = r.get(case, "subject", "subject", dict)
    kind = r.enum(r.get(subject, "kind", "subject.kind", str), SUBJECTS, "subject.kind")
    group = gender = None
    hired: date | None = None
    if kind == "individual":
        group = r.enum(r.get(subject, "group", "subject.group", str, "cbccvc"), SubjectGroup,
                       "subject.group")
        g = r.get(subject, "gender", "subject.gender", str, None, nullable=True)
        gender = r.enum(g, Gender, "subject.gender") if g is not None else None
        h = r.get(subject, "hired_on", "subject.hired_on", str, None, nullable=True)
        hired = r.date(h, "subject.hired_on") if h is not None else None
    ckind = r.get(subject, "collective_kind", "subject.collective_kind", str, None,
                  nullable=True)

    years: dict[int, YearFacts] = {}
    for key, rec in r.get(case, "years", "years", dict).items():
        path = f"years.{key}"
        if not str(key).isdigit() or not 1945 <= int(key) <= 2100:
            raise r.fail(path, _("năm phải là số, ví dụ \"2025\""))
        if not isinstance(rec, dict):
            raise r.fail(path, _("cần một đối tượng {rating, titles, awards}"))
        year = int(key)
        rating = r.get(rec, "rating", path + ".rating", str, None, nullable=True)
        if rating is not None:
            r.enum(rating, Rating, path + ".rating")
        titles: set[str] = set()
        awards: list[tuple[str, str]] = []
        entries = [(item, f"{path}.titles[{i}]") for i, item in
                   enumerate(r.get(rec, "titles", path + ".titles", list, []))]
        entries += [(item, f"{path}.awards[{i}]") for i, item in
                    enumerate(r.get(rec, "awards", path + ".awards", list, []))]
        for item, ipath in entries:
            if isinstance(item, str):
                code, award_kind = r.code(item, catalog, ipath), "cong_trang"
            elif isinstance(item, dict):
                raw = item.get("form", item.get("title", item.get("code")))
                code = r.code(raw, catalog, ipath + ".form")
                award_kind = r.enum(r.get(item, "kind", ipath + ".kind", str, "cong_trang"),
                                    AwardKind, ipath + ".kind")
            else:
                raise r.fail(ipath, _("cần mã hoặc {\"form\", \"kind\"}"))
            known = catalog.known(code)
            if known is not None and known.is_title:
                titles.add(code)
            else:
                awards.append((code, award_kind))
        ticks = {q: r.get(rec, q, f"{path}.{q}", bool, True, nullable=True) for q in QUALITIES}
        years[year] = YearFacts(year, rating, frozenset(titles), tuple(awards),
                                ticks["exemplary"], ticks["solidarity"], ticks["movement"])

    proofs: list[ProofFact] = []
    for source, key in (("initiative", "initiatives"), ("research", "research")):
        for i, item in enumerate(r.get(case, key, key, list, [])):
            path = f"{key}[{i}]"
            if not isinstance(item, dict):
                raise r.fail(path, _("cần một đối tượng"))
            used, used_year = _used_for(r, item.get("used_for"), catalog, path + ".used_for")
            proofs.append(ProofFact(
                source, r.get(item, "year", path + ".year", int),
                r.enum(r.get(item, "scope", path + ".scope", str), Scope, path + ".scope"),
                str(item.get("name", item.get("id", ""))), str(item.get("decision_no", "")),
                used, used_year,
                r.get(item, "accepted", path + ".accepted", bool, True),
                r.get(item, "applied", path + ".applied", bool, source == "initiative")))

    discipline: list[DisciplineFact] = []
    for i, item in enumerate(r.get(case, "discipline", "discipline", list, [])):
        path = f"discipline[{i}]"
        if not isinstance(item, dict):
            raise r.fail(path, _("cần một đối tượng"))
        level = r.enum(r.get(item, "level", path + ".level", str), DisciplineLevel,
                       path + ".level")
        start_key = "start" if "start" in item else "start_date"
        end_key = "end" if "end" in item else "end_date"
        start = r.date(r.get(item, start_key, f"{path}.{start_key}", str), f"{path}.{start_key}")
        end_raw = r.get(item, end_key, f"{path}.{end_key}", str, None, nullable=True)
        end = r.date(end_raw, f"{path}.{end_key}") if end_raw is not None else None
        if end is not None and end < start:
            raise r.fail(f"{path}.{end_key}", _("ngày kết thúc trước ngày bắt đầu"))
        discipline.append(DisciplineFact(level, start, end, str(item.get("decision_no", ""))))

    members: MemberFacts | None = None
    if kind == "collective" or "members" in case:
        m = r.get(case, "members", "members", dict)
        total = r.get(m, "total", "members.total", int)
        counts: dict[str, int] = {}
        for of in MEMBER_COUNTS:
            key = of if of in ("completed", "women") else f"with_{of}"
            default = ... if of in ("completed", "lao_dong_tien_tien") else 0
            counts[of] = r.get(m, key, f"members.{key}", int, default)
            if not 0 <= counts[of] <= total:
                raise r.fail(f"members.{key}", _("phải từ 0 đến members.total"))
        worst = r.get(m, "worst_discipline", "members.worst_discipline", str, None,
                      nullable=True)
        if worst is not None:
            r.enum(worst, DisciplineLevel, "members.worst_discipline")
        members = MemberFacts(total, counts, worst)

    claims_raw = r.get(case, "claims", "claims", (dict, list), {})
    if isinstance(claims_raw, list):
        claims = frozenset(str(c) for c in claims_raw)
    else:
        claims = frozenset(k for k, v in claims_raw.items() if v is True)
    pending = r.get(case, "pending_review", "pending_review", bool, False)
    return str(case_id), target, SubjectFacts(
        sid, kind, years, group, gender, hired, ckind, tuple(proofs), tuple(discipline),
        pending, members, claims)


def evaluate_case(engine: Engine, case: Mapping[str, Any], review_year: int) -> tuple[str,
                                                                                    Verdict]:
    case_id, target, facts = case_to_subject(case, engine.catalog, review_year)
    pop = Population.from_subjects(facts.kind, review_year, [facts])
    return case_id, engine.evaluate(pop, facts.id, target)


def result_json(case_id: str, verdict: Verdict) -> dict[str, Any]:
    out = verdict.to_json()
    return {"id": case_id, **out}


def _as_of(data: Mapping[str, Any], year: int) -> date:
    """The day whose rule versions apply: `as_of`, or 31/12 of the review year."""
    if "as_of" not in data:
        return date(year, 12, 31)
    value = _Reader("").date(data["as_of"], "as_of")
    if value < date(year, 1, 1) or value.year > 2100:
        raise BatchError("", "as_of", _("ngày áp dụng quy định phải từ 01/01/{y} (năm xét) "
                                        "trở đi").format(y=year))
    return value


def run_batch(data: Any, catalog: Catalog) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        raise BatchError("", "(gốc)", _("tệp phải là một đối tượng JSON"))
    fmt = data.get("format")
    if fmt != FORMAT:
        raise BatchError("", "format", _("cần “{f}”, có {v!r}").format(f=FORMAT, v=fmt))
    year = data.get("review_year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1945 <= year <= 2100:
        raise BatchError("", "review_year", _("cần năm xét, ví dụ 2026"))
    catalog = catalog.on(_as_of(data, year))
    province = data.get("province", "default")
    known = catalog.book.provinces.codes if catalog.book is not None else catalog.provinces
    if not isinstance(province, str) or province not in known:
        raise BatchError("", "province", _("không có hồ sơ tỉnh {v!r}; có: {names}").format(
            v=province, names=", ".join(sorted(known))))
    cases = data.get("cases")
    if not isinstance(cases, list):
        raise BatchError("", "cases", _("cần một mảng các trường hợp"))
    engine = Engine.for_province(catalog, province)
    seen: set[str] = set()
    results = []
    for case in cases:
        case_id, verdict = evaluate_case(engine, case, year)
        if case_id in seen:
            raise BatchError(case_id, "id", _("mã trường hợp bị trùng"))
        seen.add(case_id)
        results.append(result_json(case_id, verdict))
    return results
