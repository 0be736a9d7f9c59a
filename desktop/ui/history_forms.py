"""The history tables of the editors: their columns, and raw cells ⇄ model objects.

Parsing what was typed (a date, a year) happens here, with every problem named by table and
row; the rules about what may be saved stay in core.operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import (
    Award,
    AwardKind,
    Claim,
    Discipline,
    DisciplineLevel,
    History,
    Initiative,
    Rating,
    ResearchTopic,
    Scope,
    YearRecord,
)
from desktop.core.text import format_date, parse_date
from desktop.ui.record_table import Field
from desktop.ui.unconfirmed import tick_legend

NO_RATING = ""


def year_fields() -> list[Field]:
    ratings = [(NO_RATING, _("(chưa xếp loại)"))] + [(r.value, f"{r.short} – {r.label}")
                                                    for r in Rating]
    tip = _("Do cán bộ xác nhận sau khi xem xét: {legend}").format(legend=tick_legend())
    # the tick columns are wide enough for "☐ ? chưa rõ" (the grid's 90 px)
    return [
        Field("year", _("Năm"), "int", width=60),
        Field("rating", _("Xếp loại"), "choice", ratings, width=230),
        Field("titles", _("Danh hiệu, khen thưởng"), "summary", width=200,
              tip=_("Lấy từ thẻ “Danh hiệu, khen thưởng”")),
        Field("exemplary", _("Gương mẫu"), "tristate", width=90, tip=tip),
        Field("solidarity", _("Đoàn kết"), "tristate", width=90, tip=tip),
        Field("movement", _("Phong trào"), "tristate", width=90, tip=tip),
        Field("qualities_note", _("Ghi chú xác nhận"), width=150),
        Field("pending_review", _("Tạm hoãn xét"), "check", width=95,
              tip=_("Đang bị xem xét kỷ luật, điều tra, thanh tra, khiếu nại: tạm hoãn xét "
                    "(Nghị định 152/2025, Điều 4 khoản 4)")),
        Field("pending_note", _("Ghi chú")),
    ]


def award_fields(catalog: Catalog, subject: str) -> list[Field]:
    codes = [(t.code, t.name) for t in catalog.ordered(subject)]
    kinds = [(k.value, k.label) for k in AwardKind]
    return [
        Field("year", _("Năm"), "int", width=60),
        Field("code", _("Danh hiệu / hình thức"), "choice", codes, width=260),
        Field("kind", _("Loại hình"), "choice", kinds, width=130),
        Field("decision_no", _("Số quyết định"), width=120),
        Field("decision_date", _("Ngày quyết định"), "date", width=110),
        Field("issuer", _("Cơ quan ban hành")),
    ]


def initiative_fields(catalog: Catalog) -> list[Field]:
    scopes = [(s.value, s.label) for s in Scope]
    used = [("", _("(chưa dùng)"))] + [(t.code, t.name) for t in catalog.ordered()]
    return [
        Field("year", _("Năm"), "int", width=60),
        Field("name", _("Tên sáng kiến"), width=220),
        Field("scope", _("Phạm vi"), "choice", scopes, width=110),
        Field("decision_no", _("Số QĐ công nhận"), width=120),
        Field("decision_date", _("Ngày QĐ"), "date", width=100),
        Field("recognised_by", _("Cơ quan công nhận"), width=150),
        Field("used_for_code", _("Đã dùng để xét"), "choice", used, width=180),
        Field("used_for_year", _("Năm xét"), "int", width=70),
    ]


def research_fields(catalog: Catalog) -> list[Field]:
    scopes = [(s.value, s.label) for s in Scope]
    used = [("", _("(chưa dùng)"))] + [(t.code, t.name) for t in catalog.ordered()]
    return [
        Field("year", _("Năm"), "int", width=60),
        Field("name", _("Tên đề tài, đề án"), width=240),
        Field("scope", _("Phạm vi"), "choice", scopes, width=110),
        Field("accepted_on", _("Ngày nghiệm thu"), "date", width=110),
        Field("applied", _("Đã áp dụng"), "check", width=80),
        Field("used_for_code", _("Đã dùng để xét"), "choice", used, width=180),
        Field("used_for_year", _("Năm xét"), "int", width=70),
    ]


def claim_fields(catalog: Catalog, subject: str) -> list[Field]:
    claims = list(catalog.claims(subject).items())
    return [
        Field("year", _("Năm"), "int", width=60),
        Field("code", _("Nội dung cán bộ xác nhận"), "choice", claims, width=520,
              tip=_("Thành tích chỉ cán bộ xác nhận được (dẫn đầu cụm, khối; vượt chỉ tiêu; "
                    "thành tích trong phong trào…); không có dòng này thì coi là chưa đạt")),
        Field("note", _("Căn cứ, ghi chú (số văn bản…)")),
    ]


def discipline_fields() -> list[Field]:
    levels = [(d.value, d.label) for d in DisciplineLevel]
    return [
        Field("level", _("Hình thức kỷ luật"), "choice", levels, width=140),
        Field("start_date", _("Từ ngày"), "date", width=100),
        Field("end_date", _("Đến ngày"), "date", width=100),
        Field("decision_no", _("Số quyết định"), width=120),
        Field("reason", _("Lý do")),
    ]


# ---- model → cells ------------------------------------------------------------------------


def year_rows(history: History) -> list[dict[str, Any]]:
    return [{"year": y.year, "rating": y.rating.value if y.rating else NO_RATING,
             "exemplary": y.exemplary, "solidarity": y.solidarity, "movement": y.movement,
             "qualities_note": y.qualities_note, "pending_review": y.pending_review,
             "pending_note": y.pending_note} for y in history.years]


def award_rows(history: History) -> list[dict[str, Any]]:
    return [{"year": a.year, "code": a.code, "kind": a.kind.value, "decision_no": a.decision_no,
             "decision_date": format_date(a.decision_date), "issuer": a.issuer}
            for a in history.awards]


def initiative_rows(history: History) -> list[dict[str, Any]]:
    return [{"year": i.year, "name": i.name, "scope": i.scope.value,
             "decision_no": i.decision_no, "decision_date": format_date(i.decision_date),
             "recognised_by": i.recognised_by, "used_for_code": i.used_for_code,
             "used_for_year": i.used_for_year or ""} for i in history.initiatives]


def research_rows(history: History) -> list[dict[str, Any]]:
    return [{"year": t.year, "name": t.name, "scope": t.scope.value,
             "accepted_on": format_date(t.accepted_on), "applied": t.applied,
             "used_for_code": t.used_for_code, "used_for_year": t.used_for_year or ""}
            for t in history.research]


def claim_rows(history: History) -> list[dict[str, Any]]:
    return [{"year": c.year, "code": c.code, "note": c.note} for c in history.claims]


def discipline_rows(history: History) -> list[dict[str, Any]]:
    return [{"level": d.level.value, "start_date": format_date(d.start_date),
             "end_date": format_date(d.end_date), "decision_no": d.decision_no,
             "reason": d.reason} for d in history.discipline]


# ---- cells → model ------------------------------------------------------------------------


class _Parser:
    """Collects every problem of every table, each named with its table and row."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def run(self, table: str, rows: list[dict[str, Any]],
            build: Callable[[dict[str, Any], str], Any]) -> list[Any]:
        result = []
        for n, raw in enumerate(rows, start=1):
            where = _("{table}, dòng {n}").format(table=table, n=n)
            try:
                result.append(build(raw, where))
            except UserError as exc:
                self.problems.append(Problem("history.cell_invalid", table, exc.message))
        return result


def _year(value: Any, where: str, required: bool = True) -> int | None:
    text = str(value or "").strip()
    if not text:
        if required:
            raise UserError(_("{where}: chưa nhập năm.").format(where=where))
        return None
    if not text.isdigit() or not 1945 <= int(text) <= 2100:
        raise UserError(_("{where}: năm “{v}” không hợp lệ.").format(where=where, v=text))
    return int(text)


def _date(value: Any, where: str, label: str) -> date | None:
    return parse_date(value, f"{where} – {label}")


def history_from_tables(years: list[dict[str, Any]], awards: list[dict[str, Any]],
                        initiatives: list[dict[str, Any]], research: list[dict[str, Any]],
                        discipline: list[dict[str, Any]],
                        claims: Sequence[dict[str, Any]] = ()) -> tuple[History, list[Problem]]:
    p = _Parser()

    def year_record(r: dict[str, Any], where: str) -> YearRecord:
        return YearRecord(year=_year(r["year"], where) or 0,
                          rating=Rating(r["rating"]) if r["rating"] else None,
                          pending_review=bool(r["pending_review"]),
                          pending_note=r["pending_note"] or "", exemplary=r["exemplary"],
                          solidarity=r["solidarity"], movement=r["movement"],
                          qualities_note=r["qualities_note"] or "")

    def award(r: dict[str, Any], where: str) -> Award:
        return Award(year=_year(r["year"], where) or 0, code=r["code"], kind=AwardKind(r["kind"]),
                     decision_no=r["decision_no"] or "",
                     decision_date=_date(r["decision_date"], where, _("Ngày quyết định")),
                     issuer=r["issuer"] or "")

    def initiative(r: dict[str, Any], where: str) -> Initiative:
        return Initiative(year=_year(r["year"], where) or 0, name=r["name"] or "",
                          scope=Scope(r["scope"]), decision_no=r["decision_no"] or "",
                          decision_date=_date(r["decision_date"], where, _("Ngày QĐ")),
                          recognised_by=r["recognised_by"] or "",
                          used_for_code=r["used_for_code"] or "",
                          used_for_year=_year(r["used_for_year"], where, required=False))

    def topic(r: dict[str, Any], where: str) -> ResearchTopic:
        return ResearchTopic(year=_year(r["year"], where) or 0, name=r["name"] or "",
                             scope=Scope(r["scope"]),
                             accepted_on=_date(r["accepted_on"], where, _("Ngày nghiệm thu")),
                             applied=bool(r["applied"]), used_for_code=r["used_for_code"] or "",
                             used_for_year=_year(r["used_for_year"], where, required=False))

    def sanction(r: dict[str, Any], where: str) -> Discipline:
        start = _date(r["start_date"], where, _("Từ ngày"))
        if start is None:
            raise UserError(_("{where}: chưa nhập ngày bắt đầu kỷ luật.").format(where=where))
        return Discipline(level=DisciplineLevel(r["level"]), start_date=start,
                          end_date=_date(r["end_date"], where, _("Đến ngày")),
                          decision_no=r["decision_no"] or "", reason=r["reason"] or "")

    def claim(r: dict[str, Any], where: str) -> Claim:
        return Claim(year=_year(r["year"], where) or 0, code=r["code"] or "",
                     note=r["note"] or "")

    history = History(
        years=tuple(p.run(_("Theo năm"), years, year_record)),
        awards=tuple(p.run(_("Danh hiệu, khen thưởng"), awards, award)),
        initiatives=tuple(p.run(_("Sáng kiến"), initiatives, initiative)),
        research=tuple(p.run(_("Đề tài"), research, topic)),
        discipline=tuple(p.run(_("Kỷ luật"), discipline, sanction)),
        claims=tuple(p.run(_("Xác nhận khác"), list(claims), claim)),
    )
    return history, p.problems
