"""The closed vocabulary of eligibility predicates (names in catalog.PREDICATES).

Each predicate has two readings of the same rule:
- `check(ctx, params, sid)` explains one subject: status, the facts used, what is missing and
  the evidence the dossier will need;
- `select(ctx, params, ids)` answers for many subjects at once with set operations and returns
  (met, unconfirmed) subsets of `ids`.
A property test checks that both readings agree on random populations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from desktop.core.i18n import _
from desktop.core.model import DisciplineLevel, Rating, Scope
from desktop.core.rules.facts import LEVEL_RANK, RATING_RANK, SCOPE_RANK, ProofFact
from desktop.core.rules.verdict import Reason, Status
from desktop.core.text import percent

if TYPE_CHECKING:
    from desktop.core.rules.engine import Context

Sets = tuple[set[int], set[int]]  # (met, unconfirmed)


@dataclass
class Outcome:
    status: Status
    message: str
    facts: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    sub_reasons: list[Reason] = field(default_factory=list)  # meets_title explains its title


def _rating_short(code: str) -> str:
    return Rating(code).short


def _rating_of_rank(rank: int) -> str:
    return next(r.value for r in Rating if r.rank == rank)


def _quality_label(name: str) -> str:
    return {
        "exemplary": _("gương mẫu chấp hành chủ trương, chính sách của Đảng, pháp luật của "
                       "Nhà nước"),
        "solidarity": _("tinh thần tự lực, tự cường, đoàn kết, tương trợ"),
        "movement": _("tích cực tham gia phong trào thi đua"),
    }[name]


def _of_label(ctx: Context, of: str) -> str:
    if of == "completed":
        return _("hoàn thành nhiệm vụ")
    if of == "women":
        return _("là nữ")
    return _("đạt {title}").format(title=ctx.short(of))


def _years(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


# ---- rating_at_least ----------------------------------------------------------------------


def rating_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    need = RATING_RANK[p["min"]]
    year = ctx.year
    rank = ctx.pop.rating(sid, year)
    facts = {"year": year, "rating": _rating_of_rank(rank) if rank is not None else None,
             "min": p["min"]}
    if rank is None:
        return Outcome(Status.NOT_MET,
                       _("Chưa có xếp loại năm {y}; cần từ {min} trở lên.")
                       .format(y=year, min=_rating_short(p["min"])), facts,
                       [_("cần xếp loại từ {min} trở lên năm {y}")
                        .format(min=_rating_short(p["min"]), y=year)])
    got = _rating_short(_rating_of_rank(rank))
    if rank >= need:
        evidence = ([_("Văn bản đánh giá, xếp loại {r} năm {y}").format(r=got, y=year)]
                    if p["min"] == "htxs" else [])
        return Outcome(Status.MET, _("Xếp loại năm {y}: {got} (yêu cầu từ {min} trở lên).")
                       .format(y=year, got=got, min=_rating_short(p["min"])), facts, [], evidence)
    return Outcome(Status.NOT_MET, _("Xếp loại năm {y}: {got}; cần từ {min} trở lên.")
                   .format(y=year, got=got, min=_rating_short(p["min"])), facts,
                   [_("cần xếp loại từ {min} trở lên năm {y}")
                    .format(min=_rating_short(p["min"]), y=year)])


def rating_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    return ctx.rated_at_least(p["min"], ctx.year) & ids, set()


# ---- consecutive_years --------------------------------------------------------------------


def _year_ok(ctx: Context, p: Mapping[str, Any], sid: int, year: int) -> bool:
    if sid in ctx.pop.disciplined(year):
        return False
    if "min_rating" in p:
        rank = ctx.pop.rating(sid, year)
        if rank is not None and rank >= RATING_RANK[p["min_rating"]]:
            return True
    return any(ctx.pop.has_title(sid, code, year) for code in p.get("titles", ()))


def _year_label(ctx: Context, p: Mapping[str, Any]) -> str:
    parts = [ctx.short(c) for c in p.get("titles", ())]
    if "min_rating" in p:
        parts.insert(0, _("xếp loại {r}").format(r=_rating_short(p["min_rating"]))
                     if p["min_rating"] == "htxs" else
                     _("xếp loại từ {r}").format(r=_rating_short(p["min_rating"])))
    return _(" hoặc ").join(parts)


def consecutive_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    count = ctx.value(p["count"])
    last = ctx.year
    first = last - count + 1
    good = [y for y in range(first, last + 1) if _year_ok(ctx, p, sid, y)]
    bad = [y for y in range(first, last + 1) if y not in good]
    what = _year_label(ctx, p)
    facts = {"years": list(range(first, last + 1)), "years_met": good}
    if not bad:
        evidence = []
        if p.get("titles"):
            evidence.append(_("Quyết định công nhận {what} các năm {years}")
                            .format(what=what, years=", ".join(map(str, good))))
        return Outcome(Status.MET, _("{what}: {n} năm liên tục {years}.")
                       .format(what=what[:1].upper() + what[1:], n=count,
                               years=_years(first, last)), facts, [], evidence)
    missing = []
    for y in bad:
        if sid in ctx.pop.disciplined(y):
            missing.append(_("năm {y} trong thời hạn kỷ luật, không được tính").format(y=y))
        elif p.get("titles") and "min_rating" not in p:
            missing.append(_("cần thêm danh hiệu {what} năm {y}").format(what=what, y=y))
        else:
            missing.append(_("cần {what} năm {y}").format(what=what, y=y))
    have = ", ".join(map(str, good)) or _("không năm nào")
    return Outcome(Status.NOT_MET,
                   _("Cần {what} {n} năm liên tục {years}; hiện có: {have}.")
                   .format(what=what, n=count, years=_years(first, last), have=have),
                   facts, missing)


def consecutive_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    count = ctx.value(p["count"])
    result = set(ids)
    for y in range(ctx.year - count + 1, ctx.year + 1):
        ok: set[int] = set()
        if "min_rating" in p:
            ok |= ctx.rated_at_least(p["min_rating"], y)
        for code in p.get("titles", ()):
            ok |= ctx.pop.titles.get((code, y), set())
        result &= ok
        result -= ctx.pop.disciplined(y)
        if not result:
            break
    return result, set()


# ---- qualities ------------------------------------------------------------------------------


def qualities_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    year = ctx.year
    values = {q: ctx.pop.quality(sid, q, year) for q in p["which"]}
    refused = [q for q, v in values.items() if v is False]
    open_ = [q for q, v in values.items() if v is None]
    facts = {"year": year, "confirmed": {q: v for q, v in values.items()}}
    labels = "; ".join(_quality_label(q) for q in p["which"])
    if refused:
        return Outcome(Status.NOT_MET,
                       _("Năm {y} chưa đạt: {what} (theo xác nhận của cán bộ).")
                       .format(y=year, what="; ".join(_quality_label(q) for q in refused)),
                       facts, [_("cần đạt: {what} năm {y}")
                               .format(what="; ".join(_quality_label(q) for q in refused),
                                       y=year)])
    if open_:
        what = "; ".join(_quality_label(q) for q in open_)
        return Outcome(Status.UNCONFIRMED,
                       _("Chưa xác nhận năm {y}: {what}. Cần đánh dấu và ghi chú trong hồ sơ.")
                       .format(y=year, what=what), facts, [],
                       [_("Xác nhận của thủ trưởng/Hội đồng TĐKT về: {what} (năm {y})")
                        .format(what=what, y=year)])
    return Outcome(Status.MET, _("Đã xác nhận năm {y}: {what}.").format(y=year, what=labels),
                   facts)


def qualities_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    met = set(ids)
    maybe = set(ids)
    for q in p["which"]:
        yes, no = ctx.pop.answered(q, ctx.year)
        met &= yes
        maybe -= no
    return met, maybe - met


# ---- claim ----------------------------------------------------------------------------------


def claim_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    label = p["label"]
    if sid in ctx.pop.claims.get(p["claim"], ()):
        return Outcome(Status.MET, _("Đã xác nhận: {what}.").format(what=label),
                       {"claim": p["claim"]}, [], [p.get("evidence", label)])
    return Outcome(Status.NOT_MET, _("Chưa có xác nhận: {what}.").format(what=label),
                   {"claim": p["claim"]}, [_("cần xác nhận: {what}").format(what=label)])


def claim_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    return ctx.pop.claims.get(p["claim"], set()) & ids, set()


# ---- hired_months ---------------------------------------------------------------------------


def _months_until_year_end(hired: date, year: int) -> int:
    months = (year - hired.year) * 12 + (12 - hired.month)
    return months + (1 if hired.day == 1 else 0)


def hired_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    need = ctx.value(p["months"])
    hired = ctx.pop.hired_on.get(sid)
    if need <= 0:
        return Outcome(Status.MET, _("Tỉnh không áp dụng thời gian công tác tối thiểu."),
                       {"months": need})
    if hired is None:
        return Outcome(Status.UNCONFIRMED,
                       _("Chưa có ngày tuyển dụng: không kiểm tra được điều kiện công tác từ "
                         "đủ {n} tháng trong năm {y}.").format(n=need, y=ctx.year),
                       {"months": need}, [],
                       [_("Quyết định tuyển dụng (ngày vào làm)")])
    months = _months_until_year_end(hired, ctx.year)
    facts = {"hired_on": hired.isoformat(), "months": months, "min_months": need}
    if months >= need:
        return Outcome(Status.MET, _("Tuyển dụng từ {d}: đủ {n} tháng công tác tính đến "
                                     "31/12/{y}.").format(d=hired.strftime("%d/%m/%Y"), n=need,
                                                          y=ctx.year), facts)
    return Outcome(Status.NOT_MET,
                   _("Tuyển dụng từ {d}: chưa đủ {n} tháng công tác tính đến 31/12/{y}.")
                   .format(d=hired.strftime("%d/%m/%Y"), n=need, y=ctx.year), facts,
                   [_("cần đủ {n} tháng công tác (tuyển dụng từ ngày {d} trở về trước)")
                    .format(n=need, d=_latest_hire(ctx.year, need).strftime("%d/%m/%Y"))])


def hired_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    need = ctx.value(p["months"])
    if need <= 0:
        return set(ids), set()
    # Months to 31/12 only fall as the hire date moves later: one cut-off date decides.
    met = ctx.pop.hired_by(_latest_hire(ctx.year, need)) & ids
    unknown = ids - ctx.pop.hired_on.keys()
    return met, unknown


def _latest_hire(year: int, months: int) -> date:
    """The latest hire date that still gives `months` months of work by 31/12 of `year`."""
    total = year * 12 + 12 - months
    y, m = divmod(total, 12)
    return date(y, m + 1, 1)


# ---- group_in / collective_kind_in ----------------------------------------------------------


def group_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    from desktop.core.model import SubjectGroup

    group = ctx.pop.group.get(sid)
    label = SubjectGroup(group).label if group else _("chưa rõ")
    status = Status.MET if group in p["groups"] else Status.NOT_MET
    return Outcome(status, _("Đối tượng: {g}.").format(g=label), {"group": group})


def group_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    return ctx.pop.in_groups(p["groups"]) & ids, set()


def ckind_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    kind = ctx.pop.collective_kind.get(sid)
    if kind is None:
        return Outcome(Status.UNCONFIRMED, _("Chưa rõ loại tập thể."), {}, [],
                       [_("Xác nhận loại tập thể (thôn, tổ dân phố…)")])
    status = Status.MET if kind in p["kinds"] else Status.NOT_MET
    return Outcome(status, _("Loại tập thể: {k}.").format(k=kind), {"collective_kind": kind},
                   [] if status is Status.MET else [_("chỉ xét cho loại tập thể: {k}")
                                                    .format(k=", ".join(p["kinds"]))])


def ckind_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    met = {sid for sid in ids if ctx.pop.collective_kind.get(sid) in p["kinds"]}
    return met, {sid for sid in ids if sid not in ctx.pop.collective_kind}


# ---- meets_title ----------------------------------------------------------------------------


def meets_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    code = p["code"]
    short = ctx.short(code)
    if ctx.pop.has_title(sid, code, ctx.year):
        return Outcome(Status.MET, _("Đã được công nhận {t} năm {y}.").format(t=short, y=ctx.year),
                       {"holds": code})
    status, reasons, missing, evidence = ctx.engine.explain_node(ctx, ctx.rule(code), sid)
    sub = [Reason(f"{code}/{r.code}", r.status, r.message, r.basis, r.facts) for r in reasons]
    if status is Status.MET:
        msg = _("Đạt tiêu chuẩn {t} năm {y}.")
    elif status is Status.UNCONFIRMED:
        msg = _("Đạt tiêu chuẩn {t} năm {y} nếu các tiêu chí chưa xác nhận được xác nhận.")
    else:
        msg = _("Chưa đạt tiêu chuẩn {t} năm {y}.")
    return Outcome(status, msg.format(t=short, y=ctx.year), {"title": code}, missing, evidence,
                   sub)


def meets_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    holders = ctx.pop.titles.get((p["code"], ctx.year), set()) & ids
    met, unconfirmed = ctx.rule_sets(p["code"])
    rest = ids - holders if holders else ids
    return (met & rest) | holders, unconfirmed & rest


# ---- proofs (sáng kiến, đề tài) -------------------------------------------------------------


def _usable_proofs(ctx: Context, p: Mapping[str, Any], sid: int) -> tuple[list[ProofFact],
                                                                         list[str]]:
    window = ctx.value(p["window"])
    first = ctx.year - window + 1
    need_scope = SCOPE_RANK[p["min_scope"]]
    usable: list[ProofFact] = []
    notes: list[str] = []
    for proof in ctx.pop.proofs.get(sid, ()):
        if proof.source not in p["sources"] or not first <= proof.year <= ctx.year:
            continue
        name = proof.name or proof.source
        if SCOPE_RANK[proof.scope] < need_scope:
            notes.append(_("“{n}” có phạm vi {s}, chưa đủ.").format(n=name,
                                                                   s=Scope(proof.scope).label))
            continue
        if proof.source == "research" and not proof.accepted:
            notes.append(_("Đề tài “{n}” chưa được nghiệm thu.").format(n=name))
            continue
        if p.get("applied") and not proof.applied:
            # Law Art 21, 22, 74.1.d: "được áp dụng hiệu quả" holds for sáng kiến and đề tài.
            notes.append(_("“{n}” chưa được áp dụng hiệu quả.").format(n=name))
            continue
        if not proof.usable_for(ctx.target, ctx.year):
            notes.append(_("“{n}” đã dùng cho {t} năm {y}: mỗi sáng kiến, đề tài chỉ dùng một "
                           "lần.").format(n=name, t=ctx.short(proof.used_for_code),
                                          y=proof.used_for_year or "?"))
            continue
        if sid in ctx.pop.disciplined(proof.year):
            notes.append(_("“{n}” có trong thời hạn kỷ luật, không được tính.").format(n=name))
            continue
        usable.append(proof)
    return usable, notes


def _proof_what(p: Mapping[str, Any]) -> str:
    sources = p["sources"]
    if tuple(sources) == ("initiative",):
        return _("sáng kiến")
    if tuple(sources) == ("research",):
        return _("đề tài khoa học")
    return _("sáng kiến hoặc đề tài khoa học")


def proofs_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    count = ctx.value(p["count"])
    window = ctx.value(p["window"])
    usable, notes = _usable_proofs(ctx, p, sid)
    what = _proof_what(p)
    scope = Scope(p["min_scope"]).label
    years = _years(ctx.year - window + 1, ctx.year)
    facts = {"usable": [u.name for u in usable], "count": count, "years": years,
             "min_scope": p["min_scope"]}
    if len(usable) >= count:
        evidence = [(_("Quyết định công nhận sáng kiến “{n}”{no} (phạm vi {s})")
                     if u.source == "initiative" else
                     _("Biên bản nghiệm thu đề tài “{n}”{no} (phạm vi {s})"))
                    .format(n=u.name or "?", no=f", số {u.decision_no}" if u.decision_no else "",
                            s=Scope(u.scope).label) for u in usable[:count]]
        return Outcome(Status.MET, _("Có {k} {what} phạm vi {s} trở lên, chưa dùng cho khen "
                                     "thưởng khác, năm {years}: {names}.")
                       .format(k=len(usable), what=what, s=scope, years=years,
                               names=", ".join(f"“{u.name}”" for u in usable)), facts, [],
                       evidence)
    msg = _("Cần {n} {what} phạm vi {s} trở lên chưa dùng cho khen thưởng khác, năm {years}; "
            "hiện có {k}.").format(n=count, what=what, s=scope, years=years, k=len(usable))
    if notes:
        msg += " " + " ".join(notes)
    return Outcome(Status.NOT_MET, msg, facts,
                   [_("cần thêm {k} {what} phạm vi {s} trở lên (năm {years})")
                    .format(k=count - len(usable), what=what, s=scope, years=years)])


def proofs_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    count = ctx.value(p["count"])
    if count <= 0:
        return set(ids), set()
    candidates = ids & ctx.pop.proofs.keys()
    return {sid for sid in candidates if len(_usable_proofs(ctx, p, sid)[0]) >= count}, set()


# ---- members --------------------------------------------------------------------------------


def share_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    share = float(ctx.value(p["min"]))
    members = ctx.pop.members.get(sid)
    label = _of_label(ctx, p["of"])
    if members is None or members.total <= 0:
        return Outcome(Status.NOT_MET, _("Chưa có danh sách thành viên của tập thể."), {},
                       [_("cần danh sách thành viên và kết quả của từng người")])
    n = members.count(p["of"])
    need = math.ceil(share * members.total - 1e-9)
    facts = {"count": n, "total": members.total, "min_share": share}
    text = _("{n}/{t} thành viên ({pct}) {what}; yêu cầu từ {min}.").format(
        n=n, t=members.total, pct=percent(Fraction(n, members.total)), what=label,
        min=percent(share))
    if n >= need:
        return Outcome(Status.MET, text, facts)
    return Outcome(Status.NOT_MET, text, facts,
                   [_("cần thêm {k} thành viên {what}").format(k=need - n, what=label)])


def share_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    share = float(ctx.value(p["min"]))
    met = set()
    for sid in ids:
        m = ctx.pop.members.get(sid)
        if m is not None and m.total > 0 and m.count(p["of"]) >= math.ceil(share * m.total - 1e-9):
            met.add(sid)
    return met, set()


def count_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    need = ctx.value(p["min"])
    members = ctx.pop.members.get(sid)
    n = members.count(p["of"]) if members else 0
    label = _of_label(ctx, p["of"])
    text = _("{n} thành viên {what}; yêu cầu ít nhất {min}.").format(n=n, what=label, min=need)
    if members is not None and n >= need:
        return Outcome(Status.MET, text, {"count": n})
    return Outcome(Status.NOT_MET, text, {"count": n},
                   [_("cần ít nhất {k} thành viên {what}").format(k=need, what=label)])


def count_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    need = ctx.value(p["min"])
    return {sid for sid in ids if (m := ctx.pop.members.get(sid)) is not None
            and m.count(p["of"]) >= need}, set()


def members_discipline_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    members = ctx.pop.members.get(sid)
    limit = DisciplineLevel(p["level"]).label
    if members is None:
        return Outcome(Status.NOT_MET, _("Chưa có danh sách thành viên của tập thể."), {},
                       [_("cần danh sách thành viên và tình hình kỷ luật")])
    worst = members.worst_discipline
    if worst is None or LEVEL_RANK[worst] < LEVEL_RANK[p["level"]]:
        text = (_("Không có thành viên bị kỷ luật từ mức {l} trở lên.").format(l=limit))
        return Outcome(Status.MET, text, {"worst_discipline": worst})
    return Outcome(Status.NOT_MET,
                   _("Có thành viên bị kỷ luật mức {w} (không được từ mức {l} trở lên).")
                   .format(w=DisciplineLevel(worst).label, l=limit),
                   {"worst_discipline": worst},
                   [_("không xét được khi có thành viên bị kỷ luật từ mức {l} trở lên")
                    .format(l=limit)])


def members_discipline_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    limit = LEVEL_RANK[p["level"]]
    return {sid for sid in ids if (m := ctx.pop.members.get(sid)) is not None
            and (m.worst_discipline is None or LEVEL_RANK[m.worst_discipline] < limit)}, set()


# ---- award_then_years -----------------------------------------------------------------------


def _window_ok(ctx: Context, p: Mapping[str, Any], sid: int, y0: int) -> tuple[bool, list[str]]:
    """Years y0+1 … review year: all rated min_rating or better, none disciplined."""
    min_rank = RATING_RANK[p["min_rating"]]
    missing = []
    titles = htxs = 0
    for y in range(y0 + 1, ctx.year + 1):
        rank = ctx.pop.rating(sid, y)
        if sid in ctx.pop.disciplined(y):
            missing.append(_("năm {y} trong thời hạn kỷ luật").format(y=y))
        elif rank is None or rank < min_rank:
            missing.append(_("cần xếp loại từ {r} năm {y}")
                           .format(r=_rating_short(p["min_rating"]), y=y))
        if "title" in p and ctx.pop.has_title(sid, p["title"], y):
            titles += 1
        if rank == RATING_RANK["htxs"]:
            htxs += 1
    need_titles = ctx.value(p.get("title_count", 0))
    need_htxs = ctx.value(p.get("htxs_count", 0))
    if titles < need_titles:
        missing.append(_("cần thêm {k} danh hiệu {t} trong các năm {a}–{b}")
                       .format(k=need_titles - titles, t=ctx.short(p["title"]), a=y0 + 1,
                               b=ctx.year))
    if htxs < need_htxs:
        missing.append(_("cần thêm {k} năm xếp loại HTXSNV trong các năm {a}–{b}")
                       .format(k=need_htxs - htxs, a=y0 + 1, b=ctx.year))
    return not missing, missing


def award_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    years = ctx.value(p["years"])
    award = ctx.short(p["award"])
    merit = [y for y in ctx.pop.merit_award_years(sid, p["award"]) if y <= ctx.year - years]
    facts: dict[str, Any] = {"award_years": merit}
    other = ctx.pop.other_award_years(sid, p["award"])
    if not merit:
        text = _("Chưa có {a} (khen thưởng công trạng) từ năm {y} trở về trước.").format(
            a=award, y=ctx.year - years)
        if other:
            text += " " + _("{a} năm {ys} là khen đột xuất/phong trào, không làm căn cứ khen "
                            "công trạng.").format(a=award, ys=", ".join(map(str, other)))
        return Outcome(Status.NOT_MET, text, facts,
                       [_("cần {a} (công trạng) từ năm {y} trở về trước")
                        .format(a=award, y=ctx.year - years)])
    best: list[str] | None = None
    for y0 in sorted(merit, reverse=True):
        ok, missing = _window_ok(ctx, p, sid, y0)
        if ok:
            facts["from_year"] = y0
            return Outcome(Status.MET, _("Có {a} năm {y0}; các năm {a1}–{b} đạt yêu cầu ({n} năm "
                                         "liên tục trở lên).").format(a=award, y0=y0, a1=y0 + 1,
                                                                     b=ctx.year, n=years),
                           facts, [], [_("Quyết định tặng {a} năm {y0}").format(a=award, y0=y0)])
        if best is None or len(missing) < len(best):
            best = missing
    return Outcome(Status.NOT_MET,
                   _("Có {a} năm {ys} nhưng các năm sau đó chưa đủ điều kiện.")
                   .format(a=award, ys=", ".join(map(str, merit))), facts, best or [])


def award_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    holders: set[int] = set()
    for (code, _y), who in ctx.pop.merit_awards.items():
        if code == p["award"]:
            holders |= who
    return {sid for sid in holders & ids if award_check(ctx, p, sid).status is Status.MET}, set()


# ---- cycle_titles ---------------------------------------------------------------------------


def _cycles(ctx: Context, p: Mapping[str, Any], sid: int) -> list[int] | None:
    count = ctx.value(p["count"])
    cycle = ctx.value(p["cycle"])
    have = {y for y in ctx.pop.title_years(sid, p["code"]) if y <= ctx.year}
    for start in sorted(have, reverse=True):
        run = [start + k * cycle for k in range(count)]
        if all(y in have for y in run) and run[-1] <= ctx.year:
            return run
    return None


def cycle_check(ctx: Context, p: Mapping[str, Any], sid: int) -> Outcome:
    count = ctx.value(p["count"])
    short = ctx.short(p["code"])
    run = _cycles(ctx, p, sid)
    have = [y for y in ctx.pop.title_years(sid, p["code"]) if y <= ctx.year]
    facts = {"years": have}
    if run:
        return Outcome(Status.MET, _("{n} lần liên tục {t}: các năm {ys}.")
                       .format(n=count, t=short, ys=", ".join(map(str, run))), facts, [],
                       [_("Quyết định tặng {t} các năm {ys}")
                        .format(t=short, ys=", ".join(map(str, run)))])
    return Outcome(Status.NOT_MET,
                   _("Cần {n} lần liên tục {t} (mỗi lần cách nhau {c} năm); hiện có: {ys}.")
                   .format(n=count, t=short, c=ctx.value(p["cycle"]),
                           ys=", ".join(map(str, have)) or _("chưa có")), facts,
                   [_("cần {n} lần liên tục danh hiệu {t}").format(n=count, t=short)])


def cycle_select(ctx: Context, p: Mapping[str, Any], ids: set[int]) -> Sets:
    holders: set[int] = set()
    for (code, _y), who in ctx.pop.titles.items():
        if code == p["code"]:
            holders |= who
    return {sid for sid in holders & ids if _cycles(ctx, p, sid)}, set()


# ---- the vocabulary -------------------------------------------------------------------------

Check = Callable[["Context", Mapping[str, Any], int], Outcome]
Select = Callable[["Context", Mapping[str, Any], set[int]], Sets]

# Predicates whose answer depends on the title under review (ctx.target), not only on the
# subject's facts: a rule holding one is memoised per title (Context.rule_sets).
READS_TARGET = frozenset({"proofs"})

IMPLEMENTATIONS: Mapping[str, tuple[Check, Select]] = {
    "rating_at_least": (rating_check, rating_select),
    "consecutive_years": (consecutive_check, consecutive_select),
    "qualities": (qualities_check, qualities_select),
    "claim": (claim_check, claim_select),
    "hired_months": (hired_check, hired_select),
    "group_in": (group_check, group_select),
    "collective_kind_in": (ckind_check, ckind_select),
    "meets_title": (meets_check, meets_select),
    "proofs": (proofs_check, proofs_select),
    "member_share": (share_check, share_select),
    "member_count": (count_check, count_select),
    "members_discipline_below": (members_discipline_check, members_discipline_select),
    "award_then_years": (award_check, award_select),
    "cycle_titles": (cycle_check, cycle_select),
}
