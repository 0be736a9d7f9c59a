"""Nominations: what a nomination needs (`nomination_form`), adding one with its verdict
stored, removing one, and the registration flag.

The form is computed here, once, for the dialog and for the operation alike: an achievement
text where the round's kind requires it (forms/rounds.toml), a sáng kiến as grounds where a
dossier part of the title proves one (`grounds = "initiative"`), the parts, the verdict.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Protocol

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectRef
from desktop.core.model.rounds import (
    EligibilitySnapshot,
    InitiativeChoice,
    Nomination,
    NominationForm,
    Reason,
    Round,
    RoundKind,
    Verdict,
)
from desktop.core.model.serialize import to_dict
from desktop.core.operations import eligibility
from desktop.core.operations.rounds.base import (
    EDITABLE,
    changes_for,
    nomination_or_error,
    province_code,
    refusal,
    round_or_error,
    subject_label,
    subject_name_or_error,
)
from desktop.core.operations.rounds.deadlines import days_left, past_deadline
from desktop.core.operations.rounds.one_reward import one_reward_problems
from desktop.core.rules import Verdict as RuleVerdict
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import clean, fold


class Evaluator(Protocol):
    """Eligibility of one subject for every title that applies to it, in `year`
    (`operations.eligibility.evaluate_subject`; tests pass their own)."""

    def __call__(self, store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                 province: str, *, claims: Collection[str] = ()) -> Sequence[RuleVerdict]:
        ...


class CachedEvaluator:
    """An Evaluator that asks the rules once per subject, year, province and claims: a dialog
    asks again each time the officer picks another title for the same subject."""

    def __init__(self, evaluate: Evaluator | None = None) -> None:
        self._evaluate = evaluate or eligibility.evaluate_subject
        self._seen: dict[tuple[SubjectRef, int, str, frozenset[str], date],
                         Sequence[RuleVerdict]] = {}

    def __call__(self, store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                 province: str, *, claims: Collection[str] = ()) -> Sequence[RuleVerdict]:
        key = (ref, year, province, frozenset(claims), catalog.as_of)
        if key not in self._seen:
            self._seen[key] = self._evaluate(store, catalog, ref, year, province, claims=claims)
        return self._seen[key]


def snapshot_of(verdicts: Sequence[RuleVerdict], target: str) -> EligibilitySnapshot | None:
    """The verdict for `target` as stored with a nomination; None when the rules gave none."""
    for item in verdicts:
        if item.target == target:
            return EligibilitySnapshot(Verdict(item.verdict), tuple(
                Reason(r.code, r.message, r.basis, r.status.value) for r in item.reasons),
                item.rule)
    return None


def needs_registration(catalog: Catalog, rnd: Round, target: str) -> bool:
    """Emulation titles reviewed at year end are registered for in January."""
    info = catalog.titles.get(target)
    return rnd.kind is RoundKind.CONG_TRANG and info is not None and info.is_title


def achievement_claims(catalog: Catalog, kind: RoundKind, achievement: str) -> frozenset[str]:
    """The confirmations a nomination's written achievement stands for in a round of `kind`
    (forms/rounds.toml achievement_claim: a sudden feat is the feat the criteria ask for)."""
    claim = catalog.rounds.of(kind.value).achievement_claim
    return frozenset({claim}) if claim and clean(achievement) else frozenset()


def _initiative_choices(store: Store, catalog: Catalog, rnd: Round, ref: SubjectRef,
                        title: TitleInfo) -> tuple[InitiativeChoice, ...]:
    cited = {fold(n.initiative): (n, r) for n, r in repo.nominations_of_subject(store.db, ref)
             if n.initiative and (n.target, r.year) != (title.code, rnd.year)}
    choices = []
    for item in reg_repo.get_history(store.db, ref).initiatives:
        note = ""
        if item.used_for_code and (item.used_for_code, item.used_for_year) != (title.code,
                                                                               rnd.year):
            note = _("đã dùng cho {t} năm {y}").format(t=catalog.name_of(item.used_for_code),
                                                       y=item.used_for_year or "")
        elif fold(item.name) in cited:
            other, ornd = cited[fold(item.name)]
            note = _("đã nêu trong đề nghị “{t}” (đợt “{r}”)").format(
                t=catalog.name_of(other.target), r=ornd.name)
        choices.append(InitiativeChoice(item.name, item.year, item.scope.value, not note, note))
    return tuple(choices)


def nomination_form(store: Store, catalog: Catalog, round_id: int, subject: SubjectRef,
                    target: str, *, province: str | None = None, achievement: str = "",
                    evaluate: Evaluator | None = None, today: date | None = None
                    ) -> NominationForm:
    """What nominating `subject` for `target` in the round needs, and the verdict it gets.

    In a round whose kind names an `achievement_claim` (a sudden feat), the achievement
    written in the nomination counts as that confirmation when the rules are evaluated.
    `today`: the nomination date; the rules applied are those in force then, or on 31/12 of
    the round's year when nominating after it (catalog.versions.rule_date). Without it, the
    catalog's own day.
    """
    rnd = round_or_error(store, round_id)
    if today is not None:
        catalog = catalog.for_review(rnd.year, today)
    title = catalog.title(target)
    rules = catalog.rounds.of(rnd.kind.value)
    claims = achievement_claims(catalog, rnd.kind, achievement)
    verdicts = (evaluate or eligibility.evaluate_subject)(
        store, catalog, subject, rnd.year, province_code(store, province), claims=claims)
    parts = title.parts_for(rnd.kind.value)
    grounds = any(p.grounds == "initiative" for p in parts)
    return NominationForm(
        round_id=round_id, subject=subject, target=target, title_name=title.name,
        achievement_required=rules.achievement_required,
        achievement_claim=rules.achievement_claim,
        initiative_grounds=grounds,
        initiatives=_initiative_choices(store, catalog, rnd, subject, title) if grounds else (),
        parts=tuple((p.code, p.name) for p in parts),
        verdict=snapshot_of(verdicts, target),
        needs_registration=needs_registration(catalog, rnd, target),
        registered=repo.is_registered(store.db, subject, rnd.year, target))


def _reasons_text(snapshot: EligibilitySnapshot) -> str:
    shown = [r for r in snapshot.reasons if r.status != "met"] or list(snapshot.reasons)
    return "".join(f"\n   – {r.message}" for r in shown)


def form_problems(form: NominationForm, name: str, justification: str, achievement: str,
                  initiative: str) -> list[Problem]:
    """What the nomination form refuses (the one-reward rules are apart, one_reward.py)."""
    problems = []
    if form.achievement_required and not achievement:
        problems.append(Problem("nomination.needs_achievement", "achievement", _(
            "Chưa ghi thành tích đột xuất được đề nghị khen.")))
    if form.needs_justification and not justification:
        assert form.verdict is not None
        problems.append(Problem("nomination.needs_justification", "justification", _(
            "{name} chưa đủ điều kiện “{t}”.").format(name=name, t=form.title_name)
            + _reasons_text(form.verdict)))
    if initiative and not form.initiative_grounds:
        problems.append(Problem("initiative.not_grounds", "initiative", _(
            "Hồ sơ “{t}” không dùng sáng kiến làm căn cứ; hãy bỏ chọn sáng kiến.").format(
                t=form.title_name)))
    return problems


def _hint(codes: set[str]) -> str:
    hints = []
    if "nomination.needs_achievement" in codes:
        hints.append(_("Hãy ghi ngắn gọn việc làm, thời gian, kết quả; nội dung này vào tờ "
                       "trình."))
    if "nomination.needs_justification" in codes:
        hints.append(_("Muốn vẫn đề nghị, hãy ghi rõ lý do bằng văn bản; lý do được lưu và in "
                       "trong hồ sơ."))
    return " ".join(hints)


def add_nomination(store: Store, catalog: Catalog, round_id: int, subject: SubjectRef,
                   target: str, justification: str, actor: str, today: date, *,
                   province: str | None = None, achievement: str = "", initiative: str = "",
                   evaluate: Evaluator | None = None) -> tuple[Nomination, Changes]:
    """Nominate a person or collective in a round, with the eligibility verdict stored.

    Refused, with every problem at once: a nominee on hold (`nomination.on_hold`; a
    justification cannot override it), an ineligible nominee without a written justification
    (`nomination.needs_justification`), a sudden feat without its achievement
    (`nomination.needs_achievement`), a sáng kiến the title does not use as grounds
    (`initiative.not_grounds`), and the "one achievement, one reward" rules (one_reward.py).
    The verdict is stored with the versions of the rules it applied: those in force on
    `today`, or on 31/12 of the round's year when nominating after it.
    """
    rnd = round_or_error(store, round_id)
    if days_left(rnd, today) < 0:
        raise past_deadline(rnd, today)
    # the rules in force on the nomination date, never after the round's year (issue 14)
    catalog = catalog.for_review(rnd.year, today)
    name = subject_name_or_error(store, subject)
    title = catalog.title(target)
    if not title.for_subject(subject_label(subject)):
        raise UserError(_("“{t}” không dành cho {name}.").format(t=title.name, name=name),
                        code="nomination.wrong_subject")
    if rnd.kind.award_kind not in title.kinds:
        raise UserError(_("“{t}” không xét trong đợt khen {kind}.").format(
            t=title.name, kind=rnd.kind.label.lower()), code="nomination.wrong_round_kind")
    why, feat, cited = clean(justification), clean(achievement), clean(initiative)
    form = nomination_form(store, catalog, round_id, subject, target, province=province,
                           achievement=feat, evaluate=evaluate)
    snapshot = form.verdict
    if snapshot is None:  # every title has criteria for each of its subjects (catalog test)
        raise ValueError(f"the rules gave no verdict for {target!r}")
    if form.on_hold:
        # Decree 152 Art 4.4 (LAW §2.4): no proposal while discipline, an investigation or a
        # complaint is pending; a justification cannot override this.
        raise refusal([Problem("nomination.on_hold", "subject", _(
            "{name} đang tạm dừng xét khen thưởng (chờ kết luận kỷ luật, thanh tra, kiểm tra "
            "hoặc giải quyết khiếu nại), nên chưa đề nghị “{t}” được.").format(
                name=name, t=title.name) + _reasons_text(snapshot))],
            hint=_("Khi cơ quan có thẩm quyền kết luận không vi phạm, hãy bỏ đánh dấu “đang "
                   "xem xét” trong quá trình rồi đề nghị lại."))
    problems = form_problems(form, name, why, feat, cited)
    duplicates = one_reward_problems(store, catalog, rnd, subject, title, cited)
    if problems or duplicates:
        heading = (_("Không thể đề nghị {name} – “{t}”: mỗi thành tích chỉ được khen thưởng một "
                     "lần.") if duplicates else _("Chưa đề nghị được {name} – “{t}”:")).format(
            name=name, t=title.name)
        everything = problems + duplicates
        raise refusal(everything, heading, _hint({p.code for p in everything}))
    nom = Nomination(round_id=round_id, subject=subject, target=target, eligibility=snapshot,
                     justification=why if snapshot.verdict is not Verdict.ELIGIBLE or why
                     else "", achievement=feat, initiative=cited)
    with store.write() as db:
        nid = repo.insert_nomination(db, nom)
        reg_repo.append_audit(db, actor, "create", "nomination", nid,
                              _("Đề nghị {name} – {t} (đợt “{r}”)").format(
                                  name=name, t=title.name, r=rnd.name),
                              {"verdict": snapshot.verdict.value, "justification": why})
        saved = repo.get_nomination(db, nid)
    assert saved is not None
    return saved, changes_for(subject, rounds=(round_id,), nominations=(nid,))


def remove_nomination(store: Store, nomination_id: int, actor: str) -> Changes:
    """Take a nomination out of its round (not once sent or decided)."""
    nom = nomination_or_error(store, nomination_id)
    if nom.status not in EDITABLE:
        raise UserError(_("Đề nghị ở trạng thái “{s}” nên không gỡ được; hồ sơ đã gửi hoặc đã "
                          "có quyết định được giữ lại.").format(s=nom.status.label),
                        code="nomination.not_editable")
    with store.write() as db:
        snapshot = {"nomination": to_dict(nom),
                    "votes": [to_dict(v) for v in repo.votes_of_nomination(db, nomination_id)],
                    "attachments": [to_dict(a) for a in repo.attachments_of(db, nomination_id)]}
        repo.delete_nomination(db, nomination_id)
        reg_repo.append_audit(db, actor, "delete", "nomination", nomination_id,
                              _("Gỡ đề nghị {name} – {t}").format(name=nom.subject_name,
                                                                  t=nom.target),
                              {"snapshot": snapshot})
    return changes_for(nom.subject, rounds=(nom.round_id,), nominations=(nomination_id,))


def nominations(store: Store, round_id: int) -> list[Nomination]:
    return repo.nominations_of_round(store.db, round_id)


def get_nomination(store: Store, nomination_id: int) -> Nomination | None:
    return repo.get_nomination(store.db, nomination_id)


def unregistered_nominees(store: Store, catalog: Catalog, round_id: int) -> list[Nomination]:
    """Nominees for an emulation title who did not register for it that year (flag them)."""
    rnd = round_or_error(store, round_id)
    return [n for n in repo.nominations_of_round(store.db, round_id)
            if needs_registration(catalog, rnd, n.target) and not n.registered]
