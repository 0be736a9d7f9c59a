""""One achievement, one reward" (Law Art 5; LAW §2.1, §2.8, §10a.6–7).

A nomination is refused, each with its code, when:

- `one_reward.same_round`: the subject is already nominated for that title in this round;
- `one_reward.same_year`: the same title for the same year is proposed in another round
  (except two sudden-feat rounds: each `dot_xuat` round is its own feat);
- `one_reward.same_achievement`: in a `dot_xuat`, `phong_trao` or `cong_hien` round the round
  *is* the achievement, so a subject gets one nomination in it;
- `one_reward.form_twice`: in `cong_trang` rounds of one year a subject gets at most one form
  of commendation (emulation titles such as LĐTT and CSTĐCS may go together: the law builds
  one on the other);
- `one_reward.movement_twice`: a campaign (`phong_trao`) with the same movement rewards a
  subject once across rounds;
- `one_reward.history_has_award`: the history already records that award for that year and
  kind (except `dot_xuat`);
- `initiative.unknown`, `initiative.used`, `initiative.cited_elsewhere`: the sáng kiến cited as
  grounds is not in the history, is recorded as used for another award, or is cited by another
  nomination of the subject for another title or year (a sáng kiến is used once).
"""

from __future__ import annotations

from desktop.core.catalog import Catalog, TitleInfo
from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.model import History, SubjectRef
from desktop.core.model.rounds import Nomination, Round, RoundKind
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import fold


def one_reward_problems(store: Store, catalog: Catalog, rnd: Round, ref: SubjectRef,
                        title: TitleInfo, initiative: str) -> list[Problem]:
    """Every reason a nomination of `ref` for `title` in `rnd` would reward twice."""
    history = reg_repo.get_history(store.db, ref)
    problems = [p for other, ornd in repo.nominations_of_subject(store.db, ref)
                if (p := _conflict(catalog, rnd, title, other, ornd)) is not None]
    problems += _history_problems(rnd, title, history)
    if initiative:
        problems += initiative_problems(store, catalog, rnd, ref, title, initiative, history)
    return problems


def _conflict(catalog: Catalog, rnd: Round, title: TitleInfo, other: Nomination,
              ornd: Round) -> Problem | None:
    """The first rule an earlier nomination (`other`, in round `ornd`) breaks, if any."""
    other_name = catalog.name_of(other.target)
    same_round = ornd.id == rnd.id
    both_sudden = ornd.kind is RoundKind.DOT_XUAT and rnd.kind is RoundKind.DOT_XUAT
    if same_round and other.target == title.code:
        return Problem("one_reward.same_round", "target", _(
            "Đã có đề nghị “{t}” cho đối tượng này trong đợt này.").format(t=title.name))
    if other.target == title.code and ornd.year == rnd.year and not both_sudden:
        return Problem("one_reward.same_year", "target", _(
            "Đã được đề nghị “{t}” năm {y} trong đợt “{r}”.").format(
                t=title.name, y=rnd.year, r=ornd.name))
    if same_round and rnd.kind is not RoundKind.CONG_TRANG:
        return Problem("one_reward.same_achievement", "target", _(
            "Trong đợt này đã được đề nghị “{o}” cho cùng thành tích; mỗi thành tích chỉ khen "
            "một hình thức.").format(o=other_name))
    if (rnd.kind is RoundKind.CONG_TRANG and ornd.kind is RoundKind.CONG_TRANG
            and ornd.year == rnd.year and not title.is_title
            and not catalog.title(other.target).is_title):
        return Problem("one_reward.form_twice", "target", _(
            "Thành tích năm {y} đã được đề nghị khen “{o}” (đợt “{r}”); không đề nghị thêm "
            "hình thức khen thưởng khác cho cùng thành tích.").format(
                y=rnd.year, o=other_name, r=ornd.name))
    if (rnd.kind is RoundKind.PHONG_TRAO and ornd.kind is RoundKind.PHONG_TRAO
            and not same_round and fold(ornd.movement) == fold(rnd.movement)):
        return Problem("one_reward.movement_twice", "target", _(
            "Thành tích trong phong trào “{m}” đã được đề nghị khen “{o}” (đợt “{r}”).").format(
                m=rnd.movement, o=other_name, r=ornd.name))
    return None


def _history_problems(rnd: Round, title: TitleInfo, history: History) -> list[Problem]:
    if rnd.kind is RoundKind.DOT_XUAT:  # each feat is its own achievement
        return []
    return [Problem("one_reward.history_has_award", "target", _(
        "Quá trình khen thưởng đã ghi “{t}” năm {y}{d}.").format(
            t=title.name, y=award.year,
            d=_(" (quyết định số {n})").format(n=award.decision_no) if award.decision_no
            else ""))
        for award in history.awards
        if award.code == title.code and award.year == rnd.year
        and award.kind.value == rnd.kind.value]


def initiative_problems(store: Store, catalog: Catalog, rnd: Round, ref: SubjectRef,
                        title: TitleInfo, initiative: str, history: History) -> list[Problem]:
    """Whether the sáng kiến named `initiative` may ground this nomination (used once)."""
    key = fold(initiative)
    matches = [i for i in history.initiatives if fold(i.name) == key]
    if not matches:
        return [Problem("initiative.unknown", "initiative", _(
            "Không có sáng kiến “{n}” trong quá trình của đối tượng này; hãy nhập sáng kiến "
            "vào quá trình trước.").format(n=initiative))]
    problems = [Problem("initiative.used", "initiative", _(
        "Sáng kiến “{n}” đã dùng để đề nghị “{o}” năm {y}; mỗi sáng kiến chỉ dùng một lần.")
        .format(n=item.name, o=catalog.name_of(item.used_for_code), y=item.used_for_year or ""))
        for item in matches
        if item.used_for_code and (item.used_for_code, item.used_for_year) != (
            title.code, rnd.year)]
    problems += [Problem("initiative.cited_elsewhere", "initiative", _(
        "Sáng kiến “{n}” đã được nêu trong đề nghị “{o}” (đợt “{r}”); mỗi sáng kiến chỉ dùng "
        "một lần.").format(n=initiative, o=catalog.name_of(other.target), r=ornd.name))
        for other, ornd in repo.nominations_citing_initiative(store.db, ref, key)
        if (other.target, ornd.year) != (title.code, rnd.year)]
    return problems
