"""Before registering or nominating many at once: who can be picked, and what applying would
do for each (the verdict with its reasons, the registration, every conflict with the "one
achievement, one reward" rules), computed by the same functions the single operations use,
so the preview and the refusal can never disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.bulk import BulkRow, Candidate
from desktop.core.model.rounds import Reason, Round
from desktop.core.operations import eligibility
from desktop.core.operations.rounds.base import (
    province_code,
    round_or_error,
    subject_label,
)
from desktop.core.operations.rounds.nominations import (
    Evaluator,
    achievement_claims,
    form_problems,
    nomination_form,
    snapshot_of,
)
from desktop.core.operations.rounds.one_reward import one_reward_problems
from desktop.core.rules import Verdict as RuleVerdict
from desktop.core.store import Store
from desktop.core.store import candidates as picking
from desktop.core.store import rounds as repo
from desktop.core.text import clean, format_date

# A picker lists at most this many at a time (a commune has a few hundred people; an agency
# with more narrows the list by name or department).
PICK_LIMIT = 500


def candidates(store: Store, kind: SubjectKind, query: str = "", department: str = "",
               limit: int = PICK_LIMIT) -> tuple[list[Candidate], int]:
    """People (or collectives) matching `query` and `department`, up to `limit`, and how many
    match in all. The main window's eligibility filter does not apply here."""
    if kind is SubjectKind.PERSON:
        people, total = picking.people(store.db, query, department, limit)
        return [Candidate(SubjectRef(kind, p.id or 0), p.full_name, " – ".join(
            x for x in (format_date(p.birth_date), p.position) if x), p.department)
            for p in people], total
    groups, total = picking.collectives(store.db, query, limit)
    return [Candidate(SubjectRef(kind, c.id or 0), c.name, c.kind.label) for c in groups], total


def eligible_subjects(store: Store, catalog: Catalog, target: str, year: int, kind: SubjectKind,
                      province: str | None = None) -> list[SubjectRef]:
    """Everyone of `kind` the rules find eligible for `target` in `year` (not those on hold)."""
    label = "individual" if kind is SubjectKind.PERSON else "collective"
    ids = eligibility.eligible_ids(store, catalog, target, year, province_code(store, province),
                                   kind=label)
    return [SubjectRef(kind, i) for i in ids]


def registrable_subjects(store: Store, catalog: Catalog, target: str, year: int,
                         kind: SubjectKind, province: str | None = None) -> list[SubjectRef]:
    """Everyone of `kind` who could still be eligible for `target` in `year` (what the year
    has not recorded yet taken at its best; eligibility.could_become_eligible_ids): whom a
    registration at the start of the year is for."""
    label = "individual" if kind is SubjectKind.PERSON else "collective"
    ids = eligibility.could_become_eligible_ids(store, catalog, target, year,
                                                province_code(store, province), kind=label)
    return [SubjectRef(kind, i) for i in ids]


class Prefetched:
    """An Evaluator that answers from verdicts read for many subjects at once, and asks
    `fallback` for anything else (another year, other claims, another subject)."""

    def __init__(self, answers: dict[SubjectRef, list[RuleVerdict]], year: int, province: str,
                 claims: Collection[str], fallback: Evaluator) -> None:
        self._answers = answers
        self._key = (year, province, frozenset(claims))
        self._fallback = fallback

    def __call__(self, store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                 province: str, *, claims: Collection[str] = ()) -> Sequence[RuleVerdict]:
        if (year, province, frozenset(claims)) == self._key and ref in self._answers:
            return self._answers[ref]
        return self._fallback(store, catalog, ref, year, province, claims=claims)


def prefetch(store: Store, catalog: Catalog, refs: Sequence[SubjectRef], year: int,
             province: str, claims: Collection[str] = (),
             evaluate: Evaluator | None = None) -> Evaluator:
    """The evaluator a bulk operation uses: `evaluate` when given (tests, a dialog's cache),
    else the rules read once for all of `refs`."""
    if evaluate is not None:
        return evaluate
    answers = eligibility.evaluate_subjects(store, catalog, refs, year, province, claims=claims)
    return Prefetched(answers, year, province, claims, eligibility.evaluate_subject)


def unique(subjects: Iterable[SubjectRef]) -> list[SubjectRef]:
    """Each subject once, in the order given."""
    return list(dict.fromkeys(subjects))


def _names(store: Store, subjects: Sequence[SubjectRef]) -> dict[SubjectRef, tuple[str, str]]:
    """(name, department) of each subject still in the registry."""
    departments = picking.person_departments(
        store.db, [r.id for r in subjects if r.kind is SubjectKind.PERSON])
    found = {}
    for ref in subjects:
        name = repo.subject_name(store.db, ref)
        if name is not None:
            found[ref] = (name, departments.get(ref.id, "")
                          if ref.kind is SubjectKind.PERSON else "")
    return found


def _gone(ref: SubjectRef) -> BulkRow:
    return BulkRow(ref, "", "", None, None, (Problem(
        "subject.not_found", "subject", _("Người hoặc tập thể này không còn trong danh sách.")),))


def check_round_title(catalog: Catalog, rnd: Round, target: str) -> TitleInfo:
    """The title, if a round of this kind reviews it (else refused for the whole batch)."""
    title = catalog.title(target)
    if rnd.kind.award_kind not in title.kinds:
        raise UserError(_("“{t}” không xét trong đợt khen {kind}.").format(
            t=title.name, kind=rnd.kind.label.lower()), code="nomination.wrong_round_kind")
    return title


def nomination_preview(store: Store, catalog: Catalog, round_id: int,
                       subjects: Sequence[SubjectRef], target: str, *,
                       province: str | None = None, achievement: str = "",
                       evaluate: Evaluator | None = None) -> list[BulkRow]:
    """One row per subject (each once): what nominating it for `target` in the round would
    do. A subject on hold, already nominated, or whose award is already recorded that year
    is blocked, each with its code; the one usable sáng kiến is cited where the title uses
    one as grounds."""
    rnd = round_or_error(store, round_id)
    title = check_round_title(catalog, rnd, target)
    feat = clean(achievement)
    refs = unique(subjects)
    where = province_code(store, province)
    known = _names(store, refs)
    claims = achievement_claims(catalog, rnd.kind, feat)
    evaluator = prefetch(store, catalog, [r for r in refs if r in known], rnd.year, where,
                         claims, evaluate)
    rows = []
    for ref in refs:
        if ref not in known:
            rows.append(_gone(ref))
            continue
        name, department = known[ref]
        if not title.for_subject(subject_label(ref)):
            rows.append(BulkRow(ref, name, department, None, None, (Problem(
                "nomination.wrong_subject", "subject", _("“{t}” không dành cho {name}.").format(
                    t=title.name, name=name)),)))
            continue
        form = nomination_form(store, catalog, round_id, ref, target, province=where,
                               achievement=feat, evaluate=evaluator)
        usable = [c.name for c in form.initiatives if c.usable]
        initiative = usable[0] if form.initiative_grounds and len(usable) == 1 else ""
        blocks = []
        if form.on_hold:
            blocks.append(Problem("nomination.on_hold", "subject", _(
                "Đang tạm dừng xét khen thưởng (chờ kết luận kỷ luật, thanh tra, kiểm tra hoặc "
                "giải quyết khiếu nại).")))
        blocks += [p for p in form_problems(form, name, "", feat, initiative)
                   if p.code != "nomination.needs_justification"]
        blocks += one_reward_problems(store, catalog, rnd, ref, title, initiative)
        rows.append(BulkRow(ref, name, department, form.verdict,
                            form.registered if form.needs_registration else None,
                            tuple(blocks), initiative))
    return rows


def registration_year_problems(year: int, today: date) -> list[Problem]:
    if today.year - 1 <= year <= today.year + 1:
        return []
    return [Problem("registration.year_invalid", "year", _(
        "Năm đăng ký {y} không hợp lệ: chỉ đăng ký cho năm nay, năm trước hoặc năm sau.")
        .format(y=year))]


def check_registration_title(catalog: Catalog, target: str) -> TitleInfo:
    title = catalog.title(target)
    if not title.is_title:
        raise UserError(_("“{t}” là hình thức khen thưởng, không đăng ký thi đua; chỉ đăng ký "
                          "danh hiệu thi đua.").format(t=title.name),
                        code="registration.not_a_title")
    return title


def registration_preview(store: Store, catalog: Catalog, year: int,
                         subjects: Sequence[SubjectRef], target: str, *,
                         province: str | None = None, today: date | None = None,
                         evaluate: Evaluator | None = None) -> list[BulkRow]:
    """One row per subject: whether it can register for `target` in `year` (not twice, not
    for a title that is not its own), with the rules' verdict for that year as information.

    At the start of the year the verdict is usually "not yet": the year's rating is still to
    come. With `today` in or before `year`, a row whose only unmet reasons are such facts of
    the year carries them as `awaiting` (eligibility.awaiting_year), so the picker shows it
    as waiting for the year's results, not as refused."""
    title = check_registration_title(catalog, target)
    refs = unique(subjects)
    known = _names(store, refs)
    evaluator = prefetch(store, catalog, [r for r in refs if r in known], year,
                         province_code(store, province), (), evaluate)
    where = province_code(store, province)
    rows = []
    actual: dict[SubjectRef, RuleVerdict | None] = {}
    for ref in refs:
        if ref not in known:
            rows.append(_gone(ref))
            continue
        name, department = known[ref]
        if not title.for_subject(subject_label(ref)):
            rows.append(BulkRow(ref, name, department, None, None, (Problem(
                "registration.wrong_subject", "target", _(
                    "Danh hiệu “{t}” không dành cho {name}.").format(t=title.name, name=name)),)))
            continue
        registered = repo.is_registered(store.db, ref, year, target)
        blocks = (Problem("registration.duplicate", "target", _(
            "Đã đăng ký “{t}” năm {y}.").format(t=title.name, y=year)),) if registered else ()
        verdicts = evaluator(store, catalog, ref, year, where)
        rows.append(BulkRow(ref, name, department, snapshot_of(verdicts, target), registered,
                            blocks))
        actual[ref] = next((v for v in verdicts if v.target == target), None)
    if today is None or not eligibility.year_in_progress(year, today):
        return rows
    return _with_awaiting(store, catalog, rows, actual, target, year, where)


def _with_awaiting(store: Store, catalog: Catalog, rows: list[BulkRow],
                   actual: dict[SubjectRef, RuleVerdict | None], target: str, year: int,
                   province: str) -> list[BulkRow]:
    """`rows` with the reasons each not-yet-eligible one awaits from the year (one read of
    the facts of those rows)."""
    waiting = [ref for ref, v in actual.items() if v is not None and v.verdict == "ineligible"]
    if not waiting:
        return rows
    best = eligibility.verdicts_at_best(store, catalog, waiting, target, year, province)
    out = []
    for row in rows:
        now, later = actual.get(row.subject), best.get(row.subject)
        reasons = eligibility.awaiting_year(now, later) if now and later else ()
        out.append(replace(row, awaiting=tuple(
            Reason(r.code, r.message, r.basis, r.status.value) for r in reasons)))
    return out
