"""The officer's year (LAW.md §5): emulation registration, nomination rounds, the council
meeting and its votes, the dossier checklist with evidence files, public posting, dashboard.

One function per intention. Each validates its whole input first, writes in one transaction
with an audit entry, and returns its result (with `Changes` where the registry views care).

"One achievement, one reward" (Law Art 5; LAW §2.1, §2.8, §10a.6–7), as enforced by
`add_nomination` — a nomination is refused, with the reason, when:

1. the same person or collective is already nominated for the same title in the same round;
2. the same title for the same year is already proposed in another round (except two
   sudden-feat rounds: each `dot_xuat` round is its own feat);
3. the same achievement would get two rewards: in a `dot_xuat`, `phong_trao` or `cong_hien`
   round one subject gets one nomination (the round *is* the achievement); in `cong_trang`
   rounds of one year a subject gets at most one form of commendation (hình thức; emulation
   titles such as LĐTT and CSTĐCS may go together, as the law builds one on the other);
   a campaign (`phong_trao`) with the same movement name rewards a subject once across rounds;
4. the history already records that award for that year and kind (except `dot_xuat`);
5. the sáng kiến cited as grounds is recorded as used for another award, or is cited by
   another nomination of the same subject for another title or year (a sáng kiến is used once).

Province profile keys read (forms/provinces/*.toml, with the defaults used when absent):
`receiving_body` (str), `[deadlines] cong_trang = "12-10"`, `cong_hien = "12-10"` (MM-DD of the
round's year), `dot_xuat_days = 10`, `phong_trao_days = 30` (days after today or the movement's
end), `[public_posting] <title code> = <days>` (defaults: huan_chuong_lao_dong_hang_ba = 10,
gia_dinh_van_hoa = 10), `max_attachment_mb = 50`.

Title keys read (forms/titles/<code>.toml): `[ballot] required = bool, threshold = share |
"province:<parameter>"` (resolved in the province's `[parameters]`; a share of the council's
total membership; without [ballot], LAW §5.4: 0.8 for CSTĐCS and the Cờ, 0.9 for CSTĐ tỉnh
and toàn quốc, other titles by show of hands passing with more than half of the total
membership), `[[dossier]] code, name, kinds (optional: round kinds the part applies to)`.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import N_, _
from desktop.core.model import Award, Changes, History, SubjectKind, SubjectRef
from desktop.core.model.rounds import (
    Attachment,
    Checklist,
    ChecklistItem,
    CouncilMeeting,
    CouncilVote,
    Dashboard,
    EligibilitySnapshot,
    MediaType,
    Nomination,
    NominationStatus,
    PostingRow,
    PublicPosting,
    Reason,
    Registration,
    Round,
    RoundKind,
    TallyRow,
    Verdict,
    VoteMethod,
)
from desktop.core.model.serialize import to_dict
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.store.database import write_error
from desktop.core.text import clean, fold, format_date

# ---- defaults (documented in the module docstring) --------------------------------------------

DEFAULT_DEADLINES: Mapping[str, Any] = {"cong_trang": "12-10", "cong_hien": "12-10",
                                         "dot_xuat_days": 10, "phong_trao_days": 30}
DEFAULT_RECEIVING_BODY = N_("Sở Nội vụ (Phòng Thi đua, khen thưởng)")
DEFAULT_POSTING_DAYS: Mapping[str, int] = {"huan_chuong_lao_dong_hang_ba": 10,
                                           "gia_dinh_van_hoa": 10}
DEFAULT_MAX_ATTACHMENT_MB = 50
# LAW §5.4 (N98 Art 30.7): titles voted by ballot and their threshold on total membership.
DEFAULT_BALLOT_THRESHOLDS: Mapping[str, float] = {
    "chien_si_thi_dua_co_so": 0.8,
    "co_thi_dua_tinh": 0.8,
    "co_thi_dua_chinh_phu": 0.8,
    "chien_si_thi_dua_tinh": 0.9,
    "chien_si_thi_dua_toan_quoc": 0.9,
}
HANDS_THRESHOLD = 0.5  # show of hands: strictly more than half of the total membership
REDUCE_MAX_SIDE = 2480  # pixels: an A4 page at 300 dpi
REDUCE_JPEG_QUALITY = 85

_CSTD_TITLES = frozenset({"chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh",
                          "chien_si_thi_dua_toan_quoc"})

# Dossier parts (LAW §5.1–5.3, §10 rows 19 and 21); a title file's [[dossier]] replaces them.
PART_NAMES: Mapping[str, str] = {
    "to_trinh": N_("Tờ trình đề nghị khen thưởng (kèm danh sách)"),
    "bao_cao_thanh_tich": N_("Báo cáo thành tích"),
    "bao_cao_tom_tat": N_("Báo cáo tóm tắt thành tích"),
    "bien_ban": N_("Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    "bien_ban_kiem_phieu": N_("Biên bản họp Hội đồng và kết quả kiểm phiếu"),
    "xac_nhan_sang_kien": N_("Giấy chứng nhận hoặc xác nhận sáng kiến, đề tài hoặc kết quả "
                             "hoàn thành xuất sắc nhiệm vụ"),
    "xac_nhan_dot_xuat": N_("Văn bản xác nhận thành tích đột xuất"),
}
SIMPLIFIED_PARTS = ("to_trinh", "bao_cao_tom_tat")
# Parts that only some round kinds need, when a title file lists them without `kinds`.
_PART_KINDS: Mapping[str, list[str]] = {"xac_nhan_dot_xuat": [RoundKind.DOT_XUAT.value]}

Evaluator = Callable[[Store, Catalog, SubjectRef, int, str], Any]

_EDITABLE = frozenset({NominationStatus.DRAFT, NominationStatus.REVIEWED,
                       NominationStatus.READY, NominationStatus.RETURNED})


# ---- small helpers -----------------------------------------------------------------------------


def _subject_label(ref: SubjectRef) -> str:
    return "individual" if ref.kind is SubjectKind.PERSON else "collective"


def _province_code(store: Store, province: str | None) -> str:
    if province:
        return province
    unit = reg_repo.get_unit(store.db)
    return unit.province if unit else "default"


def _province_get(catalog: Catalog, province: str, key: str, default: Any) -> Any:
    profile = catalog.provinces.get(province) or catalog.provinces.get("default")
    return profile.get(key, default) if profile is not None else default


def _round_or_error(store: Store, round_id: int) -> Round:
    rnd = repo.get_round(store.db, round_id)
    if rnd is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
    return rnd


def _nomination_or_error(store: Store, nomination_id: int) -> Nomination:
    nom = repo.get_nomination(store.db, nomination_id)
    if nom is None:
        raise UserError(_("Đề nghị này không còn (có thể đã bị gỡ khỏi đợt xét)."))
    return nom


def _subject_name_or_error(store: Store, ref: SubjectRef) -> str:
    name = repo.subject_name(store.db, ref)
    if name is None:
        raise UserError(_("Người hoặc tập thể này không còn trong danh sách."))
    return name


# ---- deadlines -------------------------------------------------------------------------------


def days_left(rnd: Round, today: date) -> int:
    """Days from today to the deadline; 0 on the last day, negative once past."""
    return (rnd.deadline - today).days


def deadline_text(rnd: Round, today: date) -> str:
    n = days_left(rnd, today)
    when = format_date(rnd.deadline)
    if n > 0:
        return _("Còn {n} ngày (hạn nộp {date}, gửi {body}).").format(
            n=n, date=when, body=rnd.receiving_body)
    if n == 0:
        return _("Hôm nay là hạn nộp cuối cùng ({date}, gửi {body}).").format(
            date=when, body=rnd.receiving_body)
    return _("Đã quá hạn nộp {n} ngày (hạn {date}).").format(n=-n, date=when)


def _past_deadline(rnd: Round, today: date) -> UserError:
    return UserError(
        _("Đợt “{name}” đã quá hạn nộp {n} ngày (hạn {date}).").format(
            name=rnd.name, n=-days_left(rnd, today), date=format_date(rnd.deadline)),
        _("Nếu {body} đồng ý nhận muộn, hãy sửa hạn nộp của đợt rồi thử lại; dữ liệu đã nhập "
          "vẫn được giữ.").format(body=rnd.receiving_body or _("cơ quan tiếp nhận")))


def default_deadline(catalog: Catalog, province: str, kind: RoundKind, year: int, today: date,
                     movement_to: date | None = None) -> date:
    table = _province_get(catalog, province, "deadlines", {}) or {}
    deadlines = {**DEFAULT_DEADLINES, **dict(table)}
    if kind in (RoundKind.CONG_TRANG, RoundKind.CONG_HIEN):
        raw = deadlines[kind.value]
        offset = 0
        if isinstance(raw, Mapping):  # {day = "MM-DD", year_offset = 1}
            offset = int(raw.get("year_offset", 0))
            raw = raw.get("day", "")
        text = str(raw)
        try:
            month, day = (int(x) for x in text.split("-"))
            return date(year + offset, month, day)
        except ValueError:
            raise UserError(_("Hồ sơ tỉnh “{p}”: hạn nộp “{v}” của loại {k} không đúng dạng "
                              "tháng-ngày (ví dụ 12-10).").format(p=province, v=text,
                                                                  k=kind.value)) from None
    key = f"{kind.value}_days"
    days = int(deadlines[key])
    start = max(today, movement_to) if movement_to else today
    return start + timedelta(days=days)


def default_receiving_body(store: Store, catalog: Catalog, province: str | None = None) -> str:
    """The body the round's files go to, from the province profile (what create_round uses
    when none is given), so a form can show it before the round exists."""
    province = _province_code(store, province)
    return str(_province_get(catalog, province, "receiving_body", "")) or _(
        DEFAULT_RECEIVING_BODY)


# ---- registration (đăng ký thi đua) ------------------------------------------------------------


def register(store: Store, catalog: Catalog, year: int, subject: SubjectRef, target: str,
             actor: str, today: date, note: str = "") -> Registration:
    """Register a person or collective for an emulation title at the start of `year`."""
    title = catalog.title(target)
    name = _subject_name_or_error(store, subject)
    problems = []
    if not title.is_title:
        problems.append(Problem("registration.not_a_title",
                                "target", _("“{t}” là hình thức khen thưởng, không đăng ký thi "
                                            "đua; chỉ đăng ký danh hiệu thi đua.")
                                .format(t=title.name)))
    elif not title.for_subject(_subject_label(subject)):
        problems.append(Problem("registration.wrong_subject",
                                "target", _("Danh hiệu “{t}” không dành cho {name}.")
                                .format(t=title.name, name=name)))
    if not today.year - 1 <= year <= today.year + 1:
        problems.append(Problem("registration.year_invalid",
                                "year", _("Năm đăng ký {y} không hợp lệ: chỉ đăng ký cho năm "
                                          "nay, năm trước hoặc năm sau.").format(y=year)))
    if not problems and repo.is_registered(store.db, subject, year, target):
        problems.append(Problem("registration.duplicate",
                                "target", _("{name} đã đăng ký “{t}” năm {y}.")
                                .format(name=name, t=title.name, y=year)))
    if problems:
        raise ValidationError(problems)
    reg = Registration(year=year, subject=subject, target=target, registered_on=today,
                       note=note)
    with store.write() as db:
        rid = repo.insert_registration(db, reg)
        reg_repo.append_audit(db, actor, "create", "registration", rid,
                              _("Đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=name, t=title.name, y=year))
        saved = repo.get_registration(db, rid)
    assert saved is not None
    return saved


def unregister(store: Store, registration_id: int, actor: str) -> Registration:
    """Remove a registration; returns it as it was, so `undo_unregister` can put it back."""
    reg = repo.get_registration(store.db, registration_id)
    if reg is None:
        raise UserError(_("Bản đăng ký này đã bị xóa."))
    with store.write() as db:
        repo.delete_registration(db, registration_id)
        reg_repo.append_audit(db, actor, "delete", "registration", registration_id,
                              _("Hủy đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=reg.subject_name, t=reg.target, y=reg.year),
                              {"snapshot": to_dict(reg)})
    return reg


def undo_unregister(store: Store, catalog: Catalog, removed: Registration, actor: str
                    ) -> Registration:
    """Put back a registration `unregister` removed: same subject, title, year, date and note
    (the original registration date matters: it proves the subject registered in time)."""
    name = _subject_name_or_error(store, removed.subject)
    title = catalog.name_of(removed.target)
    if repo.is_registered(store.db, removed.subject, removed.year, removed.target):
        raise UserError(_("{name} đã được đăng ký lại “{t}” năm {y}; không cần hoàn tác.")
                        .format(name=name, t=title, y=removed.year))
    with store.write() as db:
        rid = repo.insert_registration(db, replace(removed, id=None))
        reg_repo.append_audit(db, actor, "create", "registration", rid,
                              _("Hoàn tác hủy đăng ký thi đua: {name} – {t} năm {y}").format(
                                  name=name, t=title, y=removed.year),
                              {"restored_from": removed.id})
        saved = repo.get_registration(db, rid)
    assert saved is not None
    return saved


def registrations(store: Store, year: int) -> list[Registration]:
    """The registration list of `year`, by title then Vietnamese name order (for printing)."""
    return repo.registrations(store.db, year)


# ---- rounds ------------------------------------------------------------------------------------


def create_round(store: Store, catalog: Catalog, kind: RoundKind, year: int, name: str,
                 actor: str, today: date, *, province: str | None = None,
                 deadline: date | None = None, receiving_body: str | None = None,
                 movement: str = "", movement_from: date | None = None,
                 movement_to: date | None = None) -> Round:
    """A round: its deadline and receiving body default from the province profile."""
    province = _province_code(store, province)
    problems = []
    if not 1945 <= year <= 2100:
        problems.append(Problem("round.year_invalid",
                                "year", _("Năm {y} không hợp lệ.").format(y=year)))
    if kind is RoundKind.PHONG_TRAO:
        if not clean(movement):
            problems.append(Problem("round.movement_missing",
                                    "movement", _("Đợt khen phong trào cần tên phong trào thi "
                                                  "đua.")))
        if movement_from is None or movement_to is None:
            problems.append(Problem("round.movement_period_missing", "movement_period",
                                    _("Đợt khen phong trào cần thời gian phát động và tổng kết "
                                      "phong trào (từ ngày, đến ngày).")))
        elif movement_to < movement_from:
            problems.append(Problem("round.movement_period_reversed", "movement_period",
                                    _("Ngày tổng kết phong trào trước ngày phát động.")))
    if problems:
        raise ValidationError(problems)
    if deadline is None:
        deadline = default_deadline(catalog, province, kind, year, today, movement_to)
    if deadline < today:
        raise UserError(_("Hạn nộp {date} đã qua.").format(date=format_date(deadline)),
                        _("Hãy nhập hạn nộp mới mà cơ quan tiếp nhận đã thông báo."))
    body = clean(receiving_body) if receiving_body is not None else ""
    if not body:
        body = str(_province_get(catalog, province, "receiving_body", "")) or _(
            DEFAULT_RECEIVING_BODY)
    title = clean(name) or _("Xét khen thưởng {kind} năm {y}").format(
        kind=kind.label.lower(), y=year)
    rnd = Round(kind=kind, year=year, name=title, deadline=deadline, receiving_body=body,
                movement=clean(movement) if kind is RoundKind.PHONG_TRAO else "",
                movement_from=movement_from if kind is RoundKind.PHONG_TRAO else None,
                movement_to=movement_to if kind is RoundKind.PHONG_TRAO else None)
    with store.write() as db:
        rid = repo.insert_round(db, rnd)
        reg_repo.append_audit(db, actor, "create", "round", rid,
                              _("Tạo đợt xét “{name}”").format(name=title),
                              {"round": to_dict(rnd)})
    return replace(rnd, id=rid)


def change_deadline(store: Store, round_id: int, deadline: date, actor: str, today: date
                    ) -> Round:
    rnd = _round_or_error(store, round_id)
    if deadline < today:
        raise UserError(_("Hạn nộp {date} đã qua.").format(date=format_date(deadline)))
    with store.write() as db:
        repo.update_round_deadline(db, round_id, deadline)
        reg_repo.append_audit(db, actor, "update", "round", round_id,
                              _("Đổi hạn nộp đợt “{name}”: {a} → {b}").format(
                                  name=rnd.name, a=format_date(rnd.deadline),
                                  b=format_date(deadline)))
    return replace(rnd, deadline=deadline)


def delete_round(store: Store, round_id: int, actor: str) -> None:
    rnd = _round_or_error(store, round_id)
    noms = repo.nominations_of_round(store.db, round_id)
    if noms or repo.meetings_of_round(store.db, round_id):
        raise UserError(_("Không xóa được đợt “{name}”: đợt có {n} đề nghị hoặc biên bản họp "
                          "Hội đồng.").format(name=rnd.name, n=len(noms)),
                        _("Hãy gỡ các đề nghị trước nếu thật sự muốn xóa đợt này."))
    with store.write() as db:
        repo.delete_round(db, round_id)
        reg_repo.append_audit(db, actor, "delete", "round", round_id,
                              _("Xóa đợt xét “{name}”").format(name=rnd.name),
                              {"snapshot": to_dict(rnd)})


def get_round(store: Store, round_id: int) -> Round | None:
    return repo.get_round(store.db, round_id)


def list_rounds(store: Store, year: int | None = None) -> list[Round]:
    return repo.list_rounds(store.db, year)


def nominations(store: Store, round_id: int) -> list[Nomination]:
    return repo.nominations_of_round(store.db, round_id)


def get_nomination(store: Store, nomination_id: int) -> Nomination | None:
    return repo.get_nomination(store.db, nomination_id)


def needs_registration(catalog: Catalog, rnd: Round, target: str) -> bool:
    """Emulation titles reviewed at year end are registered for in January."""
    info = catalog.titles.get(target)
    return rnd.kind is RoundKind.CONG_TRANG and info is not None and info.is_title


def unregistered_nominees(store: Store, catalog: Catalog, round_id: int) -> list[Nomination]:
    """Nominees for an emulation title who did not register for it that year (flag them)."""
    rnd = _round_or_error(store, round_id)
    return [n for n in repo.nominations_of_round(store.db, round_id)
            if needs_registration(catalog, rnd, n.target) and not n.registered]


# ---- eligibility snapshot ----------------------------------------------------------------------


def _default_evaluate(store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                      province: str) -> Any:
    try:
        module = importlib.import_module("desktop.core.operations.eligibility")
    except ImportError as exc:
        raise UserError(_("Phiên bản này chưa có bộ kiểm tra điều kiện khen thưởng.")) from exc
    return module.evaluate_subject(store, catalog, ref, year, province)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def snapshot_of(result: Any, target: str) -> EligibilitySnapshot:
    """The verdict for `target` from an evaluator's result.

    Accepted shapes: a mapping target → verdict object; an iterable of verdict objects each
    with a `target`; or one verdict object. A verdict object (mapping or attributes) has
    `verdict` (str or enum) and `reasons` (strings, or objects with code, message, basis).
    """
    item = result
    if isinstance(result, Mapping) and "verdict" not in result:
        if target not in result:
            raise ValueError(f"evaluator gave no verdict for {target!r}")
        item = result[target]
    elif _get(result, "verdict") is None:
        items = _get(result, "results", result)
        found = [x for x in items if _get(x, "target") == target]
        if not found:
            raise ValueError(f"evaluator gave no verdict for {target!r}")
        item = found[0]
    if _get(item, "target") not in (None, target):
        raise ValueError(f"evaluator gave a verdict for {_get(item, 'target')!r}, not {target!r}")
    raw = _get(item, "verdict")
    verdict = Verdict(str(getattr(raw, "value", raw)))
    reasons = []
    for r in _get(item, "reasons", ()) or ():
        if isinstance(r, str):
            reasons.append(Reason("", r))
        else:
            status = _get(r, "status", "") or ""
            reasons.append(Reason(str(_get(r, "code", "") or ""), str(_get(r, "message", "")),
                                  str(_get(r, "basis", "") or ""),
                                  str(getattr(status, "value", status))))
    return EligibilitySnapshot(verdict, tuple(reasons))


# ---- nominations -------------------------------------------------------------------------------


def add_nomination(store: Store, catalog: Catalog, round_id: int, subject: SubjectRef,
                   target: str, justification: str, actor: str, today: date, *,
                   province: str | None = None, achievement: str = "", initiative: str = "",
                   evaluate: Evaluator | None = None) -> tuple[Nomination, Changes]:
    """Nominate a person or collective in a round, with the eligibility verdict stored.

    An ineligible nominee needs a written justification, kept and shown in the dossier; a
    nominee on hold (pending discipline, investigation or complaint) is refused outright.
    "One achievement, one reward" duplicates are refused (module docstring).
    """
    rnd = _round_or_error(store, round_id)
    if days_left(rnd, today) < 0:
        raise _past_deadline(rnd, today)
    name = _subject_name_or_error(store, subject)
    title = catalog.title(target)
    if not title.for_subject(_subject_label(subject)):
        raise UserError(_("“{t}” không dành cho {name}.").format(t=title.name, name=name))
    if rnd.kind.award_kind not in title.kinds:
        raise UserError(_("“{t}” không xét trong đợt khen {kind}.").format(
            t=title.name, kind=rnd.kind.label.lower()))
    province = _province_code(store, province)
    snapshot = snapshot_of((evaluate or _default_evaluate)(store, catalog, subject, rnd.year,
                                                           province), target)
    why = clean(justification)
    details = "\n".join(f"• {r.message}" for r in snapshot.reasons)
    if snapshot.verdict is Verdict.HOLD:
        # Decree 152 Art 4.4 (LAW §2.4): no proposal while discipline, an investigation or a
        # complaint is pending; a justification cannot override this.
        raise UserError(
            _("{name} đang tạm dừng xét khen thưởng (chờ kết luận kỷ luật, thanh tra, kiểm tra "
              "hoặc giải quyết khiếu nại), nên chưa đề nghị “{t}” được.").format(
                name=name, t=title.name) + ("\n" + details if details else ""),
            _("Khi cơ quan có thẩm quyền kết luận không vi phạm, hãy bỏ đánh dấu “đang xem xét” "
              "trong quá trình rồi đề nghị lại."))
    if snapshot.verdict is Verdict.INELIGIBLE and not why:
        raise UserError(
            _("{name} chưa đủ điều kiện “{t}”.").format(name=name, t=title.name)
            + ("\n" + details if details else ""),
            _("Muốn vẫn đề nghị, hãy ghi rõ lý do bằng văn bản; lý do được lưu và in trong hồ "
              "sơ."))
    problems = _duplicate_problems(store, catalog, rnd, subject, title, clean(initiative))
    if problems:
        raise UserError(_("Không thể đề nghị {name} – “{t}”: mỗi thành tích chỉ được khen "
                          "thưởng một lần.").format(name=name, t=title.name)
                        + "\n" + "\n".join(f"• {p}" for p in problems))
    nom = Nomination(round_id=round_id, subject=subject, target=target, eligibility=snapshot,
                     justification=why if snapshot.verdict is not Verdict.ELIGIBLE or why
                     else "", achievement=achievement, initiative=initiative)
    with store.write() as db:
        nid = repo.insert_nomination(db, nom)
        reg_repo.append_audit(db, actor, "create", "nomination", nid,
                              _("Đề nghị {name} – {t} (đợt “{r}”)").format(
                                  name=name, t=title.name, r=rnd.name),
                              {"verdict": snapshot.verdict.value, "justification": why})
        saved = repo.get_nomination(db, nid)
    assert saved is not None
    return saved, _changes_for(subject)


def _changes_for(ref: SubjectRef) -> Changes:
    if ref.kind is SubjectKind.PERSON:
        return Changes(people=frozenset({ref.id}))
    return Changes(collectives=frozenset({ref.id}))


def _duplicate_problems(store: Store, catalog: Catalog, rnd: Round, ref: SubjectRef,
                        title: TitleInfo, initiative: str) -> list[str]:
    problems: list[str] = []
    for other, ornd in repo.nominations_of_subject(store.db, ref):
        other_name = catalog.name_of(other.target)
        same_round = ornd.id == rnd.id
        if same_round and other.target == title.code:
            problems.append(_("Đã có đề nghị “{t}” cho đối tượng này trong đợt này.")
                            .format(t=title.name))
        elif (other.target == title.code and ornd.year == rnd.year
              and not (ornd.kind is RoundKind.DOT_XUAT and rnd.kind is RoundKind.DOT_XUAT)):
            problems.append(_("Đã được đề nghị “{t}” năm {y} trong đợt “{r}”.")
                            .format(t=title.name, y=rnd.year, r=ornd.name))
        elif same_round and rnd.kind is not RoundKind.CONG_TRANG:
            problems.append(_("Trong đợt này đã được đề nghị “{o}” cho cùng thành tích; mỗi "
                              "thành tích chỉ khen một hình thức.").format(o=other_name))
        elif (rnd.kind is RoundKind.CONG_TRANG and ornd.kind is RoundKind.CONG_TRANG
              and ornd.year == rnd.year and not title.is_title
              and not catalog.title(other.target).is_title):
            problems.append(_("Thành tích năm {y} đã được đề nghị khen “{o}” (đợt “{r}”); "
                              "không đề nghị thêm hình thức khen thưởng khác cho cùng thành "
                              "tích.").format(y=rnd.year, o=other_name, r=ornd.name))
        elif (rnd.kind is RoundKind.PHONG_TRAO and ornd.kind is RoundKind.PHONG_TRAO
              and not same_round and fold(ornd.movement) == fold(rnd.movement)):
            problems.append(_("Thành tích trong phong trào “{m}” đã được đề nghị khen “{o}” "
                              "(đợt “{r}”).").format(m=rnd.movement, o=other_name, r=ornd.name))
    history = reg_repo.get_history(store.db, ref)
    if rnd.kind is not RoundKind.DOT_XUAT:
        for award in history.awards:
            if (award.code == title.code and award.year == rnd.year
                    and award.kind.value == rnd.kind.value):
                problems.append(_("Quá trình khen thưởng đã ghi “{t}” năm {y}{d}.").format(
                    t=title.name, y=award.year,
                    d=_(" (quyết định số {n})").format(n=award.decision_no)
                    if award.decision_no else ""))
    if initiative:
        key = fold(initiative)
        matches = [i for i in history.initiatives if fold(i.name) == key]
        if not matches:
            problems.append(_("Không có sáng kiến “{n}” trong quá trình của đối tượng này; hãy "
                              "nhập sáng kiến vào quá trình trước.").format(n=initiative))
        for item in matches:
            if item.used_for_code and (item.used_for_code, item.used_for_year) != (
                    title.code, rnd.year):
                problems.append(_("Sáng kiến “{n}” đã dùng để đề nghị “{o}” năm {y}; mỗi sáng "
                                  "kiến chỉ dùng một lần.").format(
                                      n=item.name, o=catalog.name_of(item.used_for_code),
                                      y=item.used_for_year or ""))
        for other, ornd in repo.nominations_citing_initiative(store.db, ref, key):
            if (other.target, ornd.year) != (title.code, rnd.year):
                problems.append(_("Sáng kiến “{n}” đã được nêu trong đề nghị “{o}” (đợt “{r}”); "
                                  "mỗi sáng kiến chỉ dùng một lần.").format(
                                      n=initiative, o=catalog.name_of(other.target),
                                      r=ornd.name))
    return problems


def remove_nomination(store: Store, nomination_id: int, actor: str) -> Changes:
    """Take a nomination out of its round (not once sent or decided)."""
    nom = _nomination_or_error(store, nomination_id)
    if nom.status not in _EDITABLE:
        raise UserError(_("Đề nghị ở trạng thái “{s}” nên không gỡ được; hồ sơ đã gửi hoặc đã "
                          "có quyết định được giữ lại.").format(s=nom.status.label))
    with store.write() as db:
        snapshot = {"nomination": to_dict(nom),
                    "votes": [to_dict(v) for v in repo.votes_of_nomination(db, nomination_id)],
                    "attachments": [to_dict(a) for a in repo.attachments_of(db, nomination_id)]}
        repo.delete_nomination(db, nomination_id)
        reg_repo.append_audit(db, actor, "delete", "nomination", nomination_id,
                              _("Gỡ đề nghị {name} – {t}").format(name=nom.subject_name,
                                                                  t=nom.target),
                              {"snapshot": snapshot})
    return _changes_for(nom.subject)


# ---- statuses ----------------------------------------------------------------------------------


def set_status(store: Store, catalog: Catalog, nomination_id: int, status: NominationStatus,
               actor: str, today: date, *, province_notes: str = "", decision_no: str = "",
               decision_date: date | None = None, issuer: str = "") -> Nomination:
    """Move a nomination along draft → reviewed → ready → exported → returned | decided.

    reviewed needs a passing council vote; ready needs a complete checklist; returned needs
    the province's notes; decided needs the decision number and date, and records the award
    in the subject's history (and marks the sáng kiến cited, if any, as used for it).
    ready → decided only for titles the unit decides itself.
    """
    nom = _nomination_or_error(store, nomination_id)
    title = catalog.title(nom.target)
    if not nom.status.can_go_to(status):
        allowed = ", ".join(f"“{s.label}”" for s in NominationStatus
                            if nom.status.can_go_to(s)) or _("không có")
        raise UserError(_("Không chuyển được từ “{a}” sang “{b}”.").format(
            a=nom.status.label, b=status.label),
            _("Từ “{a}” chỉ chuyển được sang: {allowed}.").format(a=nom.status.label,
                                                                   allowed=allowed))
    if status is NominationStatus.REVIEWED:
        votes = repo.votes_of_nomination(store.db, nomination_id)
        if not votes:
            raise UserError(_("Chưa ghi kết quả biểu quyết của Hội đồng cho đề nghị này."),
                            _("Hãy ghi biên bản họp và số phiếu (hoặc biểu quyết) trước."))
        if not votes[-1].passed:
            raise UserError(_("Đề nghị này không đạt tỷ lệ phiếu của Hội đồng ({v}/{t} cần "
                              "{p}).").format(v=votes[-1].votes_for, t=_members_of(store,
                                                                                   votes[-1]),
                                              p=_percent(votes[-1].threshold)))
    if status is NominationStatus.READY:
        items = checklist(store, catalog, nomination_id)
        if not items.complete:
            raise UserError(_("Hồ sơ còn thiếu: {parts}.").format(
                parts="; ".join(i.name for i in items.missing)),
                _("Hãy đính kèm bản quét hoặc đánh dấu đã có bản giấy cho từng thành phần."))
    if (status is NominationStatus.DECIDED and nom.status is NominationStatus.READY
            and not title.decided_by_unit):
        raise UserError(_("“{t}” do {a} quyết định: hãy gửi hồ sơ trước khi ghi quyết định.")
                        .format(t=title.name, a=title.authority))
    notes = clean(province_notes)
    if status is NominationStatus.RETURNED and not notes:
        raise UserError(_("Hãy ghi ý kiến của cơ quan tiếp nhận khi hồ sơ bị trả lại."))
    number = clean(decision_no)
    if status is NominationStatus.DECIDED:
        problems = []
        if not number:
            problems.append(Problem("status.decision_no_missing",
                                    "decision_no", _("Chưa nhập số quyết định.")))
        if decision_date is None:
            problems.append(Problem("status.decision_date_missing",
                                    "decision_date", _("Chưa nhập ngày quyết định.")))
        elif decision_date > today:
            problems.append(Problem("status.decision_date_future",
                                    "decision_date", _("Ngày quyết định ở tương lai.")))
        if problems:
            raise ValidationError(problems)
    rnd = _round_or_error(store, nom.round_id)
    with store.write() as db:
        repo.set_nomination_status(
            db, nomination_id, status,
            province_notes=notes if status is NominationStatus.RETURNED else None,
            decision_no=number if status is NominationStatus.DECIDED else None,
            decision_date=decision_date if status is NominationStatus.DECIDED else None)
        if status is NominationStatus.DECIDED:
            assert decision_date is not None
            reg_repo.add_history(db, nom.subject, History(awards=(Award(
                year=rnd.year, code=nom.target, kind=rnd.kind.award_kind, decision_no=number,
                decision_date=decision_date, issuer=clean(issuer) or title.authority),)))
            if nom.initiative:  # the sáng kiến is now used (LAW §2.8)
                repo.mark_initiative_used(db, nom.subject, nom.initiative, nom.target, rnd.year)
        reg_repo.append_audit(db, actor, "status", "nomination", nomination_id,
                              _("{name} – {t}: {a} → {b}").format(
                                  name=nom.subject_name, t=title.name, a=nom.status.label,
                                  b=status.label),
                              {"before": nom.status.value, "after": status.value,
                               "province_notes": notes, "decision_no": number,
                               "decision_date": decision_date})
        saved = repo.get_nomination(db, nomination_id)
    assert saved is not None
    return saved


def _percent(share: float) -> str:
    return f"{share * 100:g}%"


def _members_of(store: Store, vote: CouncilVote) -> int:
    meeting = repo.get_meeting(store.db, vote.meeting_id)
    return meeting.members_total if meeting else 0


# ---- council -----------------------------------------------------------------------------------


def validate_meeting(meeting: CouncilMeeting, today: date) -> list[Problem]:
    problems = []
    if meeting.members_total <= 0:
        problems.append(Problem("meeting.members_total_invalid",
                                "members_total", _("Tổng số thành viên Hội đồng phải lớn hơn "
                                                   "0.")))
    if meeting.present < 0 or meeting.absent_with_written_opinion < 0:
        problems.append(Problem("meeting.present_negative",
                                "present", _("Số thành viên có mặt hoặc vắng có ý kiến bằng văn "
                                             "bản không được âm.")))
    elif meeting.members_total > 0 and meeting.voices > meeting.members_total:
        problems.append(Problem("meeting.voices_over_members", "present", _(
            "Có mặt ({p}) cộng vắng có ý kiến bằng văn bản ({w}) vượt tổng số thành viên "
            "Hội đồng ({t}).").format(p=meeting.present, w=meeting.absent_with_written_opinion,
                                       t=meeting.members_total)))
    if meeting.held_on > today:
        problems.append(Problem("meeting.date_future", "held_on", _("Ngày họp ở tương lai.")))
    if not clean(meeting.chair):
        problems.append(Problem("meeting.chair_missing", "chair", _("Chưa nhập chủ trì cuộc họp.")))
    if not clean(meeting.secretary):
        problems.append(Problem("meeting.secretary_missing",
                                "secretary", _("Chưa nhập thư ký cuộc họp.")))
    return problems


def record_meeting(store: Store, meeting: CouncilMeeting, actor: str, today: date
                   ) -> CouncilMeeting:
    """The Hội đồng TĐKT meeting: members (total), present, absent with written opinions."""
    rnd = _round_or_error(store, meeting.round_id)
    problems = validate_meeting(meeting, today)
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        mid = repo.insert_meeting(db, meeting)
        reg_repo.append_audit(db, actor, "create", "council_meeting", mid,
                              _("Họp Hội đồng ngày {d} (đợt “{r}”)").format(
                                  d=format_date(meeting.held_on), r=rnd.name),
                              {"meeting": to_dict(meeting)})
        saved = repo.get_meeting(db, mid)
    assert saved is not None
    return saved


def update_meeting(store: Store, meeting: CouncilMeeting, actor: str, today: date
                   ) -> CouncilMeeting:
    """Correct the minutes of a meeting already recorded (its id in `meeting.id`).

    The votes already recorded must still fit the new figures (ballots or hands ≤ present +
    written opinions); their pass/fail is recomputed on the new total membership, which is
    refused if it would change the result of a nomination past “Hội đồng đã xét”.
    """
    before = repo.get_meeting(store.db, meeting.id) if meeting.id is not None else None
    if before is None or before.round_id != meeting.round_id:
        raise UserError(_("Không tìm thấy biên bản họp Hội đồng này."))
    rnd = _round_or_error(store, meeting.round_id)
    problems = validate_meeting(meeting, today)
    recomputed = []
    if not problems:
        for v in repo.votes_of_meeting(store.db, before.id or 0):
            nom = repo.get_nomination(store.db, v.nomination_id)
            name = nom.subject_name if nom else ""
            counted = v.ballots_issued if v.ballots_issued is not None else v.votes_for
            if counted > meeting.voices:
                problems.append(Problem("meeting.votes_over_voices", "present", _(
                    "Đã ghi {n} phiếu cho {name}, nhiều hơn số thành viên có mặt và vắng có ý "
                    "kiến bằng văn bản ({m}): hãy sửa số phiếu trước.").format(
                        n=counted, name=name, m=meeting.voices)))
                continue
            passed = vote_passes(v.method, v.votes_for, meeting.members_total, v.threshold)
            if (passed != v.passed and nom is not None
                    and nom.status not in (NominationStatus.DRAFT, NominationStatus.REVIEWED,
                                           NominationStatus.RETURNED)):
                problems.append(Problem("meeting.result_flips", "members_total", _(
                    "Sửa tổng số thành viên làm thay đổi kết quả của {name}, đề nghị đang ở "
                    "trạng thái “{s}”: hãy đưa về “Dự thảo” trước.").format(
                        name=name, s=nom.status.label)))
            recomputed.append(replace(v, passed=passed))
    if problems:
        raise ValidationError(problems)
    with store.write() as db:
        repo.update_meeting(db, meeting)
        for v in recomputed:
            repo.upsert_vote(db, v)
        reg_repo.append_audit(db, actor, "update", "council_meeting", before.id or 0,
                              _("Sửa biên bản họp Hội đồng ngày {d} (đợt “{r}”)").format(
                                  d=format_date(meeting.held_on), r=rnd.name),
                              {"before": to_dict(before), "after": to_dict(meeting)})
        saved = repo.get_meeting(db, before.id or 0)
    assert saved is not None
    return saved


def meetings(store: Store, round_id: int) -> list[CouncilMeeting]:
    return repo.meetings_of_round(store.db, round_id)


def votes(store: Store, nomination_id: int) -> list[CouncilVote]:
    return repo.votes_of_nomination(store.db, nomination_id)


def tally(store: Store, catalog: Catalog, meeting_id: int) -> list[TallyRow]:
    """The vote-counting minutes data of a meeting: one row per candidate voted on."""
    meeting = repo.get_meeting(store.db, meeting_id)
    if meeting is None:
        raise UserError(_("Không tìm thấy biên bản họp Hội đồng này."))
    rows = []
    for v in repo.votes_of_meeting(store.db, meeting_id):
        nom = repo.get_nomination(store.db, v.nomination_id)
        if nom is None:
            continue
        rows.append(TallyRow(nomination_id=v.nomination_id, name=nom.subject_name,
                             title=catalog.name_of(nom.target), method=v.method,
                             ballots_issued=v.ballots_issued, ballots_valid=v.ballots_valid,
                             votes_for=v.votes_for, members_total=meeting.members_total,
                             threshold=v.threshold, passed=v.passed))
    return rows


def ballot_rule(title: TitleInfo, catalog: Catalog | None = None, province: str = "default"
                ) -> tuple[bool, float]:
    """(ballot required, threshold on total membership) for a title.

    Reads the title file's `[ballot] required, threshold` (the threshold a share, or
    "province:<parameter>" from the province profile's [parameters]); without a [ballot]
    table, the defaults of LAW §5.4.
    """
    raw = title.data.get("ballot")
    default = DEFAULT_BALLOT_THRESHOLDS.get(title.code)
    if isinstance(raw, Mapping) and "required" in raw:
        ballot = bool(raw["required"])
        value: Any = raw.get("threshold", default)
    else:
        ballot = default is not None
        value = default
    if not ballot:
        return False, HANDS_THRESHOLD
    if isinstance(value, str) and value.startswith("province:"):
        name = value.removeprefix("province:")
        params = _province_get(catalog, province, "parameters", {}) if catalog else {}
        value = (params or {}).get(name, default)
    try:
        threshold = float(value if value is not None else 0.8)
    except (TypeError, ValueError):
        threshold = -1.0
    if not 0 < threshold <= 1:
        raise UserError(_("Tỷ lệ phiếu của “{t}” trong danh mục không hợp lệ ({v}).")
                        .format(t=title.name, v=value))
    return True, threshold


def vote_passes(method: VoteMethod, votes_for: int, members_total: int, threshold: float
                ) -> bool:
    """Always counted on the council's total membership (LAW §10 conventions)."""
    share = Fraction(votes_for, members_total)
    if method is VoteMethod.HANDS and threshold == HANDS_THRESHOLD:
        return share > Fraction(1, 2)
    return share >= Fraction(str(threshold))


def record_vote(store: Store, catalog: Catalog, meeting_id: int, nomination_id: int,
                method: VoteMethod, votes_for: int, actor: str, *,
                ballots_issued: int | None = None, ballots_valid: int | None = None,
                province: str | None = None) -> CouncilVote:
    """The ballot count (or show of hands) for one candidate; pass/fail on total membership.

    votes_for ≤ ballots_valid ≤ ballots_issued ≤ present + written opinions ≤ members.
    """
    meeting = repo.get_meeting(store.db, meeting_id)
    if meeting is None:
        raise UserError(_("Không tìm thấy biên bản họp Hội đồng này."))
    nom = _nomination_or_error(store, nomination_id)
    if nom.round_id != meeting.round_id:
        raise UserError(_("Đề nghị này thuộc đợt xét khác với cuộc họp đã chọn."))
    if nom.status not in (NominationStatus.DRAFT, NominationStatus.REVIEWED,
                          NominationStatus.RETURNED):
        raise UserError(_("Đề nghị đang ở trạng thái “{s}”: hãy đưa về “Dự thảo” trước khi "
                          "ghi lại kết quả biểu quyết.").format(s=nom.status.label))
    title = catalog.title(nom.target)
    ballot, threshold = ballot_rule(title, catalog, _province_code(store, province))
    problems = []
    if ballot and method is not VoteMethod.BALLOT:
        problems.append(Problem("vote.ballot_required",
                                "method", _("“{t}” phải bỏ phiếu kín, không biểu quyết giơ "
                                            "tay.").format(t=title.name)))
    voices = meeting.voices
    if votes_for < 0:
        problems.append(Problem("vote.negative", "votes_for", _("Số phiếu đồng ý không được âm.")))
    if method is VoteMethod.BALLOT:
        if ballots_issued is None or ballots_valid is None:
            problems.append(Problem("vote.ballots_missing",
                                    "ballots", _("Hãy nhập số phiếu phát ra và số phiếu hợp "
                                                 "lệ.")))
        else:
            if ballots_valid < 0 or ballots_issued < 0:
                problems.append(Problem("vote.ballots_negative",
                                        "ballots", _("Số phiếu không được âm.")))
            if votes_for > ballots_valid:
                problems.append(Problem("vote.for_over_valid", "votes_for", _(
                    "Số phiếu đồng ý ({v}) lớn hơn số phiếu hợp lệ ({h}).").format(
                        v=votes_for, h=ballots_valid)))
            if ballots_valid > ballots_issued:
                problems.append(Problem("vote.valid_over_issued", "ballots_valid", _(
                    "Số phiếu hợp lệ ({h}) lớn hơn số phiếu phát ra ({p}).").format(
                        h=ballots_valid, p=ballots_issued)))
            if ballots_issued > voices:
                problems.append(Problem("vote.issued_over_voices", "ballots_issued", _(
                    "Số phiếu phát ra ({p}) lớn hơn số thành viên có mặt và vắng có ý kiến "
                    "bằng văn bản ({n}).").format(p=ballots_issued, n=voices)))
    else:
        ballots_issued = ballots_valid = None
        if votes_for > voices:
            problems.append(Problem("vote.hands_over_voices", "votes_for", _(
                "Số biểu quyết đồng ý ({v}) lớn hơn số thành viên có mặt và vắng có ý kiến bằng "
                "văn bản ({n}).").format(v=votes_for, n=voices)))
    if votes_for > meeting.members_total:
        problems.append(Problem("vote.for_over_members", "votes_for", _(
            "Số đồng ý ({v}) vượt tổng số thành viên Hội đồng ({t}).").format(
                v=votes_for, t=meeting.members_total)))
    if problems:
        raise ValidationError(problems)
    if method is VoteMethod.BALLOT and not ballot:
        threshold = HANDS_THRESHOLD  # a ballot the unit chose: still a majority of the total
    passed = vote_passes(method, votes_for, meeting.members_total, threshold)
    vote = CouncilVote(meeting_id=meeting_id, nomination_id=nomination_id, method=method,
                       votes_for=votes_for, ballots_issued=ballots_issued,
                       ballots_valid=ballots_valid, threshold=threshold, passed=passed)
    with store.write() as db:
        vid = repo.upsert_vote(db, vote)
        reg_repo.append_audit(db, actor, "vote", "nomination", nomination_id,
                              _("{name} – {t}: {v}/{n} đồng ý, {res}").format(
                                  name=nom.subject_name, t=title.name, v=votes_for,
                                  n=meeting.members_total,
                                  res=_("đạt") if passed else _("không đạt")),
                              {"vote": to_dict(vote)})
    return replace(vote, id=vid)


# ---- dossier checklist -------------------------------------------------------------------------


def dossier_parts(title: TitleInfo, kind: RoundKind, simplified: bool
                  ) -> list[tuple[str, str]]:
    """(code, name) of each part the dossier needs (LAW §5.1–5.3)."""
    if simplified:
        return [(c, _(PART_NAMES[c])) for c in SIMPLIFIED_PARTS]
    configured = title.data.get("dossier")
    if isinstance(configured, list) and configured:
        parts = [(str(p["code"]), str(p.get("name") or _(PART_NAMES.get(p["code"], p["code"]))))
                 for p in configured
                 if isinstance(p, Mapping)
                 and kind.value in (p.get("kinds") or _PART_KINDS.get(p["code"], [kind.value]))]
        if kind is RoundKind.DOT_XUAT and "xac_nhan_dot_xuat" not in {c for c, _n in parts}:
            parts.append(("xac_nhan_dot_xuat", _(PART_NAMES["xac_nhan_dot_xuat"])))
        return parts
    ballot, _threshold = ballot_rule(title)
    codes = ["to_trinh", "bao_cao_thanh_tich", "bien_ban_kiem_phieu" if ballot else "bien_ban"]
    if title.code in _CSTD_TITLES:
        codes.append("xac_nhan_sang_kien")
    if kind is RoundKind.DOT_XUAT:
        codes.append("xac_nhan_dot_xuat")
    return [(c, _(PART_NAMES[c])) for c in codes]


def _all_part_codes(catalog: Catalog | None) -> set[str]:
    codes = set(PART_NAMES)
    if catalog is not None:
        for info in catalog.titles.values():
            configured = info.data.get("dossier")
            if isinstance(configured, list):
                codes.update(str(p["code"]) for p in configured if isinstance(p, Mapping))
    return codes


def checklist(store: Store, catalog: Catalog, nomination_id: int) -> Checklist:
    nom = _nomination_or_error(store, nomination_id)
    rnd = _round_or_error(store, nom.round_id)
    title = catalog.title(nom.target)
    files = repo.attachments_of(store.db, nomination_id)
    marks = repo.marks_of(store.db, nomination_id)
    items = []
    for code, name in dossier_parts(title, rnd.kind, nom.simplified):
        attached = tuple(a for a in files if a.part == code)
        marked = code in marks
        items.append(ChecklistItem(part=code, name=name, present=bool(attached) or marked,
                                   attachments=attached, marked=marked,
                                   note=marks.get(code, "")))
    return Checklist(nomination_id=nomination_id, simplified=nom.simplified,
                     simplified_allowed=rnd.kind.allows_simplified, items=tuple(items))


def set_simplified(store: Store, nomination_id: int, simplified: bool, actor: str) -> Nomination:
    """Use (or stop using) the simplified procedure: tờ trình + báo cáo tóm tắt."""
    nom = _nomination_or_error(store, nomination_id)
    rnd = _round_or_error(store, nom.round_id)
    if simplified and not rnd.kind.allows_simplified:
        raise UserError(_("Thủ tục đơn giản chỉ áp dụng cho khen đột xuất và khen quá trình "
                          "cống hiến (Luật TĐKT, Điều 85), không áp dụng cho đợt “{r}”.")
                        .format(r=rnd.name))
    if nom.status not in (NominationStatus.DRAFT, NominationStatus.REVIEWED,
                          NominationStatus.RETURNED):
        raise UserError(_("Đề nghị đang ở trạng thái “{s}”: không đổi thủ tục được.")
                        .format(s=nom.status.label))
    with store.write() as db:
        repo.set_simplified(db, nomination_id, simplified)
        reg_repo.append_audit(db, actor, "update", "nomination", nomination_id,
                              _("{name}: {what}").format(
                                  name=nom.subject_name,
                                  what=_("dùng thủ tục đơn giản") if simplified
                                  else _("dùng thủ tục đầy đủ")))
    return replace(nom, simplified=simplified)


def mark_part(store: Store, catalog: Catalog, nomination_id: int, part: str, present: bool,
              actor: str, note: str = "") -> Checklist:
    """Tick a part as present without a scan (paper original, or made by the app)."""
    nom = _nomination_or_error(store, nomination_id)
    rnd = _round_or_error(store, nom.round_id)
    codes = [c for c, _n in dossier_parts(catalog.title(nom.target), rnd.kind, nom.simplified)]
    if part not in codes:
        raise UserError(_("Hồ sơ này không có thành phần “{p}”.").format(p=part))
    with store.write() as db:
        repo.set_mark(db, nomination_id, part, present, note)
        reg_repo.append_audit(db, actor, "update", "nomination", nomination_id,
                              _("{name}: {part} – {state}").format(
                                  name=nom.subject_name, part=_(PART_NAMES.get(part, part)),
                                  state=_("đã có") if present else _("chưa có")))
    return checklist(store, catalog, nomination_id)


# ---- attachments -------------------------------------------------------------------------------

_MAGIC = ((b"%PDF-", MediaType.PDF), (b"\xff\xd8\xff", MediaType.JPEG),
          (b"\x89PNG\r\n\x1a\n", MediaType.PNG))


def sniff(head: bytes) -> MediaType | None:
    """The media type from the first bytes (never from the file name)."""
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    return None


def attachments_dir(store: Store) -> Path:
    return store.path.parent / "attachments"


def attachment_path(store: Store, attachment: Attachment) -> Path:
    return attachments_dir(store) / attachment.file_name


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def attach_file(store: Store, nomination_id: int, part: str, path: Path, actor: str,
                reduce_images: bool = False, *, catalog: Catalog | None = None,
                max_bytes: int | None = None) -> Attachment:
    """Copy a PDF/JPEG/PNG scan into <profile>/attachments/<sha256><ext> and attach it.

    The file type comes from its magic bytes. Nothing is written unless the file is
    acceptable; the copy is atomic (temporary file, then rename), and a file already stored
    under the same hash is reused. With reduce_images, images wider or taller than an A4
    page at 300 dpi (or over the size limit) are reduced first.
    """
    nom = _nomination_or_error(store, nomination_id)
    if nom.status not in _EDITABLE:
        raise UserError(_("Hồ sơ ở trạng thái “{s}” không thêm tệp được.")
                        .format(s=nom.status.label))
    if catalog is not None:
        rnd = _round_or_error(store, nom.round_id)
        codes = {c for c, _n in dossier_parts(catalog.title(nom.target), rnd.kind,
                                               nom.simplified)}
    else:
        codes = _all_part_codes(None)
    if part not in codes:
        raise UserError(_("Hồ sơ này không có thành phần “{p}”.").format(p=part))
    limit = max_bytes or DEFAULT_MAX_ATTACHMENT_MB * 1024 * 1024
    path = Path(path)
    try:
        if not path.exists():
            raise UserError(_("Không tìm thấy tệp “{n}”.").format(n=path.name),
                            _("Tệp có thể đã bị chuyển hoặc đổi tên; hãy chọn lại."))
        if not path.is_file():
            raise UserError(_("“{n}” không phải là một tệp.").format(n=path.name))
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(_("Không đọc được tệp “{n}” ({why}).").format(n=path.name,
                                                                      why=exc.strerror or exc),
                        _("Hãy kiểm tra quyền đọc tệp hoặc sao chép tệp ra máy rồi thử lại.")
                        ) from exc
    if size == 0:
        raise UserError(_("Tệp “{n}” rỗng.").format(n=path.name))
    media = sniff(head)
    if media is None:
        raise UserError(_("“{n}” không phải tệp PDF, JPG hoặc PNG (nội dung tệp không đúng "
                          "định dạng, dù tên tệp là gì).").format(n=path.name),
                        _("Hãy quét hoặc lưu văn bản thành PDF, JPG hoặc PNG."))
    is_image = media is not MediaType.PDF
    if size > limit and not (is_image and reduce_images):
        hint = (_("Hãy chọn “Giảm dung lượng ảnh” hoặc quét lại ở 200–300 dpi.") if is_image
                else _("Hãy quét lại ở 200–300 dpi, đen trắng hoặc thang xám, hoặc tách thành "
                       "nhiều tệp."))
        raise UserError(_("Tệp “{n}” quá lớn ({s} MB); giới hạn là {m} MB.").format(
            n=path.name, s=_mb(size), m=_mb(limit)), hint)
    folder = attachments_dir(store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if is_image and reduce_images:
            data, media, reduced = _reduce_image(path, media)
            if len(data) > limit:
                raise UserError(_("Ảnh “{n}” vẫn lớn hơn {m} MB sau khi giảm dung lượng.")
                                .format(n=path.name, m=_mb(limit)),
                                _("Hãy quét lại ở độ phân giải thấp hơn."))
            digest, created = _store_bytes(folder, data, media)
            size = len(data)
        else:
            digest, created, size = _store_copy(folder, path, media)
            reduced = False
    except OSError as exc:
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        raise UserError(_("Không sao chép được tệp “{n}” ({why}).").format(
            n=path.name, why=exc.strerror or exc)) from exc
    target = folder / (digest + media.extension)
    attachment = Attachment(nomination_id=nomination_id, part=part, sha256=digest,
                            original_name=path.name, media_type=media, size=size,
                            reduced=reduced)
    try:
        with store.write() as db:
            existing = repo.find_attachment(db, nomination_id, part, digest)
            if existing is not None:
                return existing
            aid = repo.insert_attachment(db, attachment)
            reg_repo.append_audit(db, actor, "attach", "nomination", nomination_id,
                                  _("{name}: đính kèm “{f}” ({part})").format(
                                      name=nom.subject_name, f=path.name,
                                      part=_(PART_NAMES.get(part, part))),
                                  {"sha256": digest, "size": size, "media_type": media.value})
    except BaseException:
        if created and not repo.sha_in_use(store.db, digest):
            target.unlink(missing_ok=True)
        raise
    return replace(attachment, id=aid)


def _store_copy(folder: Path, source: Path, media: MediaType) -> tuple[str, bool, int]:
    """Copy with hashing into a temporary file, then rename to <sha256><ext>."""
    tmp = folder / f".part-{uuid.uuid4().hex}"
    sha = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                sha.update(chunk)
                dst.write(chunk)
                size += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        return (*_place(folder, tmp, sha.hexdigest(), media), size)
    finally:
        tmp.unlink(missing_ok=True)


def _store_bytes(folder: Path, data: bytes, media: MediaType) -> tuple[str, bool]:
    tmp = folder / f".part-{uuid.uuid4().hex}"
    try:
        with tmp.open("wb") as dst:
            dst.write(data)
            dst.flush()
            os.fsync(dst.fileno())
        return _place(folder, tmp, hashlib.sha256(data).hexdigest(), media)
    finally:
        tmp.unlink(missing_ok=True)


def _place(folder: Path, tmp: Path, digest: str, media: MediaType) -> tuple[str, bool]:
    target = folder / (digest + media.extension)
    if target.exists() and target.stat().st_size == tmp.stat().st_size:
        return digest, False  # same content already stored: dedupe
    os.replace(tmp, target)
    return digest, True


def _reduce_image(path: Path, media: MediaType) -> tuple[bytes, MediaType, bool]:
    """Shrink to at most REDUCE_MAX_SIDE pixels; JPEG out unless the PNG has transparency."""
    try:
        from PIL import Image, ImageOps
    except ImportError as exc:  # Pillow comes with reportlab; refuse clearly if it is absent
        raise UserError(_("Máy này không giảm được dung lượng ảnh (thiếu thư viện Pillow).")
                        ) from exc
    try:
        with Image.open(path) as img:
            if media is MediaType.JPEG:
                img.draft("RGB", (REDUCE_MAX_SIDE, REDUCE_MAX_SIDE))
            image = ImageOps.exif_transpose(img) or img
            if max(image.size) <= REDUCE_MAX_SIDE:
                return path.read_bytes(), media, False
            image.thumbnail((REDUCE_MAX_SIDE, REDUCE_MAX_SIDE))
            out = io.BytesIO()
            if image.mode in ("RGBA", "LA") or "transparency" in image.info:
                image.save(out, format="PNG", optimize=True)
                return out.getvalue(), MediaType.PNG, True
            image.convert("RGB").save(out, format="JPEG", quality=REDUCE_JPEG_QUALITY,
                                      optimize=True)
            return out.getvalue(), MediaType.JPEG, True
    except (Image.DecompressionBombError, OSError, ValueError) as exc:
        raise UserError(_("Không mở được ảnh “{n}” để giảm dung lượng ({why}).").format(
            n=path.name, why=exc), _("Hãy quét lại ở độ phân giải thấp hơn.")) from exc


def detach(store: Store, attachment_id: int, nomination_id: int, actor: str) -> None:
    """Remove a file from a nomination. The stored copy stays (it may be shared)."""
    nom = _nomination_or_error(store, nomination_id)
    if nom.status not in _EDITABLE:
        raise UserError(_("Hồ sơ ở trạng thái “{s}” không bỏ tệp được.")
                        .format(s=nom.status.label))
    found = [a for a in repo.attachments_of(store.db, nomination_id) if a.id == attachment_id]
    if not found:
        raise UserError(_("Tệp đính kèm này đã được bỏ."))
    with store.write() as db:
        repo.delete_attachment(db, attachment_id)
        reg_repo.append_audit(db, actor, "detach", "nomination", nomination_id,
                              _("{name}: bỏ tệp “{f}”").format(name=nom.subject_name,
                                                              f=found[0].original_name),
                              {"attachment": to_dict(found[0])})


# ---- public posting ----------------------------------------------------------------------------


def posting_days_required(store: Store, catalog: Catalog, round_id: int,
                          province: str | None = None) -> int:
    """Days the list must stay posted (0: the profile does not require posting)."""
    province = _province_code(store, province)
    table = {**DEFAULT_POSTING_DAYS,
             **dict(_province_get(catalog, province, "public_posting", {}) or {})}
    targets = {n.target for n in repo.nominations_of_round(store.db, round_id)}
    return max((int(table[t]) for t in targets if t in table), default=0)


def posting_list(store: Store, catalog: Catalog, round_id: int,
                 statuses: Collection[NominationStatus] | None = None) -> list[PostingRow]:
    """The public list: name, unit and title only (LAW §9: no other personal data)."""
    _round_or_error(store, round_id)
    unit = reg_repo.get_unit(store.db)
    unit_name = unit.name if unit else ""
    rows = []
    for fact in repo.nominee_facts(store.db, round_id):
        if statuses is not None and NominationStatus(fact["status"]) not in statuses:
            continue
        where = (fact["department"] or unit_name) if fact["person_id"] is not None else unit_name
        rows.append(PostingRow(name=fact["name"], unit=where,
                               title=catalog.name_of(fact["target"])))
    return rows


def record_posting(store: Store, catalog: Catalog, round_id: int, posted_from: date,
                   posted_to: date, actor: str, *, place: str = "",
                   province: str | None = None) -> PublicPosting:
    rnd = _round_or_error(store, round_id)
    if posted_to < posted_from:
        raise UserError(_("Ngày kết thúc niêm yết trước ngày bắt đầu."))
    posting = PublicPosting(round_id=round_id, posted_from=posted_from, posted_to=posted_to,
                            place=place)
    needed = posting_days_required(store, catalog, round_id, province)
    if needed and posting.days < needed:
        raise UserError(_("Danh sách phải niêm yết ít nhất {n} ngày; từ {a} đến {b} mới là "
                          "{d} ngày.").format(n=needed, a=format_date(posted_from),
                                              b=format_date(posted_to), d=posting.days))
    with store.write() as db:
        pid = repo.insert_posting(db, posting)
        reg_repo.append_audit(db, actor, "create", "public_posting", pid,
                              _("Niêm yết công khai đợt “{r}”: {a} – {b}").format(
                                  r=rnd.name, a=format_date(posted_from),
                                  b=format_date(posted_to)))
    return replace(posting, id=pid)


def postings(store: Store, round_id: int) -> list[PublicPosting]:
    return repo.postings_of(store.db, round_id)


# ---- dashboard ---------------------------------------------------------------------------------


def is_ethnic_minority(ethnicity: str | None) -> bool:
    """Known and not Kinh (an empty ethnicity is unknown, not counted as a minority)."""
    folded = fold(ethnicity or "")
    return bool(folded) and folded != "kinh"


def dashboard(store: Store, catalog: Catalog, round_id: int, today: date) -> Dashboard:
    """Counts by title and status, days to the deadline, and the shares of individual
    nominees who are workers/farmers/direct labourers, women, and ethnic minorities."""
    rnd = _round_or_error(store, round_id)
    counts: dict[str, dict[str, int]] = {}
    people: dict[int, dict[str, Any]] = {}
    collectives: set[int] = set()
    not_registered = 0
    for fact in repo.nominee_facts(store.db, round_id):
        per = counts.setdefault(fact["target"], {})
        per[fact["status"]] = per.get(fact["status"], 0) + 1
        if fact["person_id"] is not None:
            people[fact["person_id"]] = fact
        else:
            collectives.add(fact["collective_id"])
        title = catalog.titles.get(fact["target"])
        if (rnd.kind is RoundKind.CONG_TRANG and title is not None and title.is_title
                and not fact["registered"]):
            not_registered += 1
    facts = list(people.values())
    return Dashboard(
        round_id=round_id, days_left=days_left(rnd, today), counts=counts,
        individuals=len(facts), collectives=len(collectives),
        workers_farmers=sum(1 for f in facts if f["subject_group"] == "cong_nhan_nong_dan"),
        women=sum(1 for f in facts if f["gender"] == "nu"),
        ethnic_minorities=sum(1 for f in facts if is_ethnic_minority(f["ethnicity"])),
        not_registered=not_registered)
