"""The engine: global blockers (LAW §2, §10a), a title's rule tree, verdicts with reasons.

`Engine.evaluate` explains one subject and title; `Engine.select` answers one title for a
whole population with set operations (the registry filter at 100,000 people). Both read the
same predicates, and a property test keeps them in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.core.catalog import Catalog, Criterion, Group, Node, ProvinceProfile, TitleInfo
from desktop.core.i18n import _
from desktop.core.model import DisciplineLevel
from desktop.core.model.rule_version import RuleVersion
from desktop.core.rules.facts import RATING_RANK, Population
from desktop.core.rules.predicates import IMPLEMENTATIONS, READS_TARGET, Outcome
from desktop.core.rules.verdict import Reason, Status, Verdict
from desktop.core.text import percent

BASIS_HOLD = "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"
BASIS_TIE = "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6"
SUBJECT_LABELS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


@dataclass
class Context:
    engine: Engine
    pop: Population
    target: str  # the title under review (initiatives used for it stay usable)
    year: int

    def value(self, v: Any) -> Any:
        return self.engine.province.resolve(v)

    def short(self, code: str) -> str:
        info = self.engine.catalog.titles.get(code)
        return info.short_name if info else code

    def rule(self, code: str) -> Node:
        return self.engine.rule(code, self.pop.kind)

    def rule_sets(self, code: str) -> tuple[set[int], set[int]]:
        """(met, unconfirmed) of the rule of `code` over every subject of the population.

        Every predicate decides each subject from that subject's facts alone, so the answer
        for any subset of subjects is this one intersected with it: a title's own selection
        and a `meets_title` naming it share one evaluation. The memo is keyed by the title
        under review only when the rule reads it (an initiative stays usable for it)."""
        target = self.target if self.engine.reads_target(code, self.pop.kind) else None
        key = ("rule", code, target, self.year)
        cache = self.pop.cache
        if key not in cache:
            cache[key] = self.engine.select_node(self, self.rule(code), self.pop.ids)
        result: tuple[set[int], set[int]] = cache[key]
        return result

    def rated_at_least(self, minimum: str, year: int) -> set[int]:
        return self.pop.rated_at_least(RATING_RANK[minimum], year)


@dataclass(frozen=True)
class Needs:
    """Which history a kind's rules read, so a bulk loader can skip the rest.

    rating_years: ratings of the last n years for everyone; history_codes: titles and forms
    read in years before the review year (every code is read in the review year);
    window_awards: forms whose holders need their whole rating history (award_then_years).
    """

    rating_years: int
    history_codes: frozenset[str]
    window_awards: frozenset[str]


class Engine:
    """Evaluates titles of one catalog under one province profile."""

    def __init__(self, catalog: Catalog, province: ProvinceProfile) -> None:
        missing = set(_predicate_names(catalog)) - set(IMPLEMENTATIONS)
        if missing:  # the catalog's vocabulary and this module must agree
            raise RuntimeError(f"predicates without an implementation: {sorted(missing)}")
        self.catalog = catalog
        self.province = province
        self._reads_target: dict[tuple[str, str], bool] = {}

    @classmethod
    def for_province(cls, catalog: Catalog, province: str) -> Engine:
        return cls(catalog, catalog.province(province))

    def rule(self, code: str, kind: str) -> Node:
        info = self.catalog.title(code)
        node = info.criteria.get(kind)
        if node is None:
            raise KeyError(f"{code}: no criteria for subject '{kind}'")
        return node

    def reads_target(self, code: str, kind: str) -> bool:
        """Whether the rule of `code` (titles it names included) reads which title is under
        review (predicates.READS_TARGET)."""
        key = (code, kind)
        if key not in self._reads_target:
            self._reads_target[key] = False  # a title naming itself ends the walk here
            found = False

            def walk(node: Node) -> None:
                nonlocal found
                if isinstance(node, Group):
                    for item in node.items:
                        walk(item)
                elif node.predicate in READS_TARGET:
                    found = True
                elif node.predicate == "meets_title":
                    found = found or self.reads_target(node.params["code"], kind)

            walk(self.rule(code, kind))
            self._reads_target[key] = found
        return self._reads_target[key]

    def needs(self, kind: str, codes: Iterable[str] | None = None) -> Needs:
        """What the rules of `codes` (default: every title for `kind`) read from history."""
        rating_years = 1
        history: set[str] = set()
        window: set[str] = set()
        seen: set[str] = set()

        def walk(node: Node) -> None:
            nonlocal rating_years
            if isinstance(node, Group):
                for item in node.items:
                    walk(item)
                return
            p = node.params
            if node.predicate == "consecutive_years":
                if "min_rating" in p:
                    rating_years = max(rating_years, int(self.province.resolve(p["count"])))
                history.update(p.get("titles", ()))
            elif node.predicate == "cycle_titles":
                history.add(p["code"])
            elif node.predicate == "award_then_years":
                history.add(p["award"])
                window.add(p["award"])
                if "title" in p:
                    history.add(p["title"])
            elif node.predicate == "meets_title" and p["code"] not in seen:
                seen.add(p["code"])
                walk(self.rule(p["code"], kind))

        wanted = None if codes is None else set(codes)
        for info in self.applicable(kind):
            if wanted is None or info.code in wanted:
                walk(info.criteria[kind])
        return Needs(rating_years, frozenset(history), frozenset(window))

    def cstdcs_cap(self, ldtt_count: int) -> int | None:
        """Most CSTĐCS the province allows for `ldtt_count` people with LĐTT, or None (no cap,
        the national rule since 1/1/2024, LAW §4.2)."""
        share = float(self.province.parameter("cstdcs_max_share_of_ldtt"))
        return None if share <= 0 else int(share * ldtt_count + 1e-9)

    def applicable(self, kind: str) -> list[TitleInfo]:
        return [t for t in self.catalog.ordered(kind) if kind in t.criteria]

    # ---- one subject ------------------------------------------------------------------------

    def evaluate(self, pop: Population, sid: int, code: str) -> Verdict:
        info = self.catalog.title(code)
        year = pop.review_year
        ctx = Context(self, pop, code, year)
        reasons: list[Reason] = []
        info_lines = self._info(pop, sid, info)
        ballot = self._ballot(info)
        if pop.kind not in info.criteria:
            reason = Reason("subject_kind", Status.NOT_MET,
                            _("{t} không xét cho {s}.").format(
                                t=info.name, s=_(SUBJECT_LABELS.get(pop.kind, pop.kind))),
                            info.legal_basis[0] if info.legal_basis else "")
            return Verdict(code, info.name, sid, year, "ineligible", (reason,), (), (),
                           tuple(info_lines), ballot, self.rule_version(info))
        if sid in pop.pending:
            reasons.append(Reason(
                "pending_review", Status.BLOCKER,
                _("Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc có khiếu nại, tố "
                  "cáo chưa giải quyết xong: tạm dừng, chưa xét, chưa đề nghị khen thưởng năm "
                  "{y}.").format(y=year), BASIS_HOLD, {"pending_review": True}))
        for d in pop.discipline_in(sid, year):
            end = d.end.strftime("%d/%m/%Y") if d.end else _("chưa xác định")
            reasons.append(Reason(
                "discipline", Status.BLOCKER,
                _("Bị kỷ luật {lvl} từ {a} đến {b}, trùng năm {y}: không xét khen thưởng năm "
                  "này; thành tích chỉ được tính từ khi hết thời hạn kỷ luật.").format(
                    lvl=DisciplineLevel(d.level).label.lower(), a=d.start.strftime("%d/%m/%Y"),
                    b=end, y=year), BASIS_HOLD,
                {"level": d.level, "start": d.start.isoformat(),
                 "end": d.end.isoformat() if d.end else None}))
        status, leaf_reasons, missing, evidence = self.explain_node(ctx, info.criteria[pop.kind],
                                                                    sid)
        reasons.extend(leaf_reasons)
        if sid in pop.pending:
            verdict = "hold"
        elif any(r.code == "discipline" for r in reasons) or status is Status.NOT_MET:
            verdict = "ineligible"
        else:
            verdict = "eligible"
        if verdict == "eligible" and ballot and ballot["required"]:
            evidence.append(_("Biên bản họp Hội đồng TĐKT và biên bản kiểm phiếu: số phiếu đồng "
                              "ý từ {pct} tổng số thành viên Hội đồng trở lên")
                            .format(pct=percent(ballot["threshold"])))
        return Verdict(code, info.name, sid, year, verdict, tuple(reasons),
                       tuple(dict.fromkeys(evidence)),
                       tuple(dict.fromkeys(missing)) if verdict != "eligible" else (),
                       tuple(info_lines), ballot, self.rule_version(info))

    def rule_version(self, info: TitleInfo) -> RuleVersion:
        """The versions this engine applies to `info`: the catalog's day, the title's file,
        the province profile's chain."""
        return RuleVersion(self.catalog.as_of, info.version, self.province.version,
                           info.origin)

    def _ballot(self, info: TitleInfo) -> dict[str, Any] | None:
        if not info.ballot.required:
            return None
        return {"required": True, "threshold": float(self.province.resolve(info.ballot.threshold)),
                "basis": info.ballot.basis}

    def _info(self, pop: Population, sid: int, info: TitleInfo) -> list[str]:
        lines = []
        if pop.gender.get(sid) == "nu":
            lines.append(_("Nữ: được ưu tiên khi các trường hợp có thành tích ngang nhau "
                           "({b}).").format(b=BASIS_TIE))
        members = pop.members.get(sid)
        women_share = float(self.province.parameter("women_collective_priority_share"))
        if members and members.total and members.count("women") >= \
                women_share * members.total - 1e-9:
            lines.append(_("Tập thể có từ {p} thành viên là nữ: được ưu tiên khi các trường hợp "
                           "có thành tích ngang nhau ({b}).")
                         .format(p=percent(women_share), b=BASIS_TIE))
        if info.code == "chien_si_thi_dua_co_so":
            cap = float(self.province.parameter("cstdcs_max_share_of_ldtt"))
            if cap > 0:
                lines.append(_("Hồ sơ tỉnh giới hạn số Chiến sĩ thi đua cơ sở không quá {p} số "
                               "người đạt Lao động tiên tiến; nếu vượt, xếp theo số phiếu.")
                             .format(p=percent(cap)))
        return lines

    def explain_node(self, ctx: Context, node: Node, sid: int
                     ) -> tuple[Status, list[Reason], list[str], list[str]]:
        """(status, reasons, missing, evidence) of one rule tree for one subject."""
        if isinstance(node, Criterion):
            check, _select = IMPLEMENTATIONS[node.predicate]
            out: Outcome = check(ctx, node.params, sid)
            prefix = node.label + ": " if node.label and node.predicate != "claim" else ""
            reasons = [Reason(node.id, out.status, prefix + out.message, node.basis, out.facts),
                       *out.sub_reasons]
            return out.status, reasons, out.missing, out.evidence
        results = [self.explain_node(ctx, item, sid) for item in node.items]
        statuses = [r[0] for r in results]
        if node.mode == "all":
            status = (Status.NOT_MET if Status.NOT_MET in statuses else
                      Status.UNCONFIRMED if Status.UNCONFIRMED in statuses else Status.MET)
            reasons = [x for r in results for x in r[1]]
            missing = [x for r in results for x in r[2]]
            evidence = [x for r in results for x in r[3]] if status is not Status.NOT_MET else []
            return status, reasons, missing, evidence
        if Status.MET in statuses:
            chosen = results[statuses.index(Status.MET)]
            return Status.MET, chosen[1], [], chosen[3]
        if Status.UNCONFIRMED in statuses:
            chosen = results[statuses.index(Status.UNCONFIRMED)]
            return Status.UNCONFIRMED, chosen[1], [], chosen[3]
        # Routes for another kind of subject (a failed group_in guard) only add noise.
        routes = [r for item, r in zip(node.items, results, strict=True)
                  if not _guard_failed(item, r[1])] or results
        reasons = [x for r in routes for x in r[1]]
        options = ["; ".join(r[2]) for r in routes if r[2]]
        if len(options) == 1:
            missing = options
        elif options:
            head = node.label or _("một trong các điều kiện")
            missing = [_("{head}: {opts}").format(head=head, opts=_(" HOẶC ").join(options))]
        else:
            missing = []
        return Status.NOT_MET, reasons, missing, []

    # ---- a population -----------------------------------------------------------------------

    def select(self, pop: Population, code: str, ids: set[int] | None = None
               ) -> dict[str, set[int]]:
        """For one title: {"eligible", "confirmed", "hold"} id sets; the other subjects of
        `ids` (default: everyone) are ineligible."""
        info = self.catalog.title(code)
        ids = pop.ids if ids is None else set(ids)  # pop.ids is only read, never changed
        if pop.kind not in info.criteria:
            return {"eligible": set(), "confirmed": set(), "hold": set()}
        ctx = Context(self, pop, code, pop.review_year)
        hold = pop.pending & ids
        open_ = pop.open_ids() if ids is pop.ids else ids - hold - pop.disciplined(
            pop.review_year)
        met, unconfirmed = ctx.rule_sets(code)
        met, unconfirmed = met & open_, unconfirmed & open_
        eligible = met | unconfirmed
        return {"eligible": eligible, "confirmed": met, "hold": hold}

    def select_node(self, ctx: Context, node: Node, ids: set[int]) -> tuple[set[int], set[int]]:
        """(met, unconfirmed), both subsets of `ids` (every predicate's select keeps to it)."""
        if isinstance(node, Criterion):
            _check, select = IMPLEMENTATIONS[node.predicate]
            leaf_met, leaf_unconfirmed = select(ctx, node.params, ids)
            return leaf_met, (leaf_unconfirmed - leaf_met) if leaf_unconfirmed else set()
        if node.mode == "all":
            ok = ids  # met or unconfirmed so far
            met_all: set[int] | None = None
            for item in node.items:
                if not ok:
                    return set(), set()
                m, u = self.select_node(ctx, item, ok)
                met_all = m if met_all is None else met_all & m
                ok = (m | u) if u else m
            met_all = (met_all or set()) & ok
            return met_all, ok - met_all
        met: set[int] = set()
        unconfirmed: set[int] = set()
        for item in node.items:
            rest = ids - met if met else ids
            if not rest:
                break
            m, u = self.select_node(ctx, item, rest)
            met |= m
            unconfirmed |= u
        return met, (unconfirmed - met) if unconfirmed else unconfirmed


def _guard_failed(item: Node, reasons: list[Reason]) -> bool:
    """An `all` route that starts with a subject-group guard which did not match."""
    return (isinstance(item, Group) and item.mode == "all" and bool(reasons)
            and isinstance(item.items[0], Criterion)
            and item.items[0].predicate == "group_in"
            and reasons[0].status is Status.NOT_MET)


def _predicate_names(catalog: Catalog) -> set[str]:
    names: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Criterion):
            names.add(node.predicate)
        elif isinstance(node, Group):
            for item in node.items:
                walk(item)

    for info in catalog.titles.values():
        for node in info.criteria.values():
            walk(node)
    return names
