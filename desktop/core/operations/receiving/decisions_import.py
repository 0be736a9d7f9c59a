"""The unit imports the province's decisions file: verified with the office's key, each line
matched to its nomination, and every granted award written into the subject's history with the
nomination "decided" — all in one transaction, so next year's eligibility reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import SubjectKind
from desktop.core.model.rounds import Nomination, NominationStatus
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.receiving.enrolment import province_public_keys as keys_to_verify
from desktop.core.operations.receiving.files import day_of
from desktop.core.operations.receiving.receipts import refuse_other_unit
from desktop.core.package import receipt as rcpt
from desktop.core.package.minisign import PublicKey
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.text import clean, fold, format_date

# what to do with one line of the file
_DECIDE, _NOT_GRANTED, _ALREADY = "decide", "not_granted", "already"


@dataclass(frozen=True)
class DecisionsResult:
    dossier_id: str
    decided: tuple[tuple[int, str, str], ...]       # (nomination id, name, decision no)
    not_granted: tuple[tuple[int, str], ...]        # (nomination id, name)
    already_recorded: tuple[tuple[int, str], ...] = ()
    statuses: Mapping[int, NominationStatus] = field(default_factory=dict)


@dataclass
class _Plan:
    """The file, line by line: what will be written, and what stops it."""

    decide: list[tuple[Nomination, Mapping[str, Any]]] = field(default_factory=list)
    not_granted: list[tuple[int, str]] = field(default_factory=list)
    already: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _same_birth(store: Store, nomination: Nomination, birth: str) -> bool:
    person = reg_repo.get_person(store.db, nomination.subject.id)
    return (person is not None and person.birth_date is not None
            and person.birth_date.isoformat() == birth)


def _same_title_and_name(noms: Sequence[Nomination], kind: SubjectKind, target: str,
                         folded_name: str) -> list[Nomination]:
    return [n for n in noms if n.subject.kind is kind and n.target == target
            and fold(n.subject_name) == folded_name]


def _match(store: Store, noms: Sequence[Nomination], line: Mapping[str, Any]
           ) -> list[Nomination]:
    """The nominations a line can mean: same kind, title and (folded) name; then the same
    subject id when the file gives one, or else the same birth date among namesakes."""
    subject = line["subject"]
    kind = SubjectKind.PERSON if subject["kind"] == "person" else SubjectKind.COLLECTIVE
    # the name must agree even when the id is given: a file for another unit's dossier with
    # colliding ids must not write into the wrong person's history
    same = _same_title_and_name(noms, kind, line["target"], fold(clean(subject["name"])))
    if subject.get("id") is not None:
        return [n for n in same if n.subject.id == subject["id"]]
    birth = subject.get("birth_date")
    if len(same) > 1 and birth and kind is SubjectKind.PERSON:
        return [n for n in same if _same_birth(store, n, birth)]
    return same


def _outcome(nom: Nomination, line: Mapping[str, Any], i: int) -> str | Problem:
    """What one matched line means for its nomination, or why it cannot be written."""
    if not line["granted"]:
        return _NOT_GRANTED
    if nom.status is NominationStatus.DECIDED:
        if clean(nom.decision_no) == clean(line["decision_no"]):
            return _ALREADY
        return Problem("decisions.import_number_differs", f"row{i}", _(
            "Dòng {i}: {name} đã có quyết định số {old}, khác số {new} trong tệp.").format(
                i=i, name=nom.subject_name, old=nom.decision_no, new=line["decision_no"]))
    if nom.status not in (NominationStatus.EXPORTED, NominationStatus.READY):
        return Problem("decisions.import_not_sent", f"row{i}", _(
            "Dòng {i}: đề nghị của {name} đang ở trạng thái “{s}”, chưa phải hồ sơ đã gửi.")
            .format(i=i, name=nom.subject_name, s=nom.status.label))
    if not line["decision_no"] or not line["decision_date"]:
        return Problem("decisions.import_incomplete", f"row{i}", _(
            "Dòng {i}: {name} thiếu số hoặc ngày quyết định.").format(i=i, name=nom.subject_name))
    return _DECIDE


def _unmatched(found: Sequence[Nomination], line: Mapping[str, Any], i: int) -> Problem:
    text = (_("Dòng {i}: không tìm thấy đề nghị “{t}” cho {name} trong đợt xét này.")
            if not found else
            _("Dòng {i}: có nhiều đề nghị “{t}” cho {name}; không biết ghi vào ai."))
    return Problem("decisions.import_unmatched", f"row{i}", text.format(
        i=i, t=line["target"], name=clean(line["subject"]["name"])))


def _plan(store: Store, noms: Sequence[Nomination], lines: Sequence[Mapping[str, Any]]
          ) -> _Plan:
    plan = _Plan()
    for i, line in enumerate(lines, 1):
        found = _match(store, noms, line)
        if len(found) != 1:
            plan.problems.append(_unmatched(found, line, i))
            continue
        nom = found[0]
        assert nom.id is not None
        outcome = _outcome(nom, line, i)
        if isinstance(outcome, Problem):
            plan.problems.append(outcome)
        elif outcome == _DECIDE:
            plan.decide.append((nom, line))
        else:
            (plan.not_granted if outcome == _NOT_GRANTED else plan.already).append(
                (nom.id, nom.subject_name))
    return plan


def _refuse_known_file(store: Store, sha256: str) -> None:
    done = repo.decisions_by_sha(store.db, sha256)
    if done is not None:
        raise UserError(_("Tệp quyết định này đã được nhập ngày {day}.").format(
            day=format_date(day_of(done.imported_at))),
            _("Không cần nhập lại; xem quá trình khen thưởng của từng người."),
            code="decisions.import_again")


def _round_of(store: Store, dossier_id: str) -> int:
    round_id = repo.round_of_dossier(store.db, dossier_id)
    if round_id is None:
        raise UserError(_("Không tìm thấy đợt xét có mã hồ sơ {id} trong dữ liệu của đơn vị.")
                        .format(id=dossier_id),
                        _("Hãy kiểm tra đúng hồ sơ (đúng máy, đúng đơn vị) rồi nhập lại."),
                        code="decisions.import_unknown_dossier")
    return round_id


def import_decisions(store: Store, catalog: Catalog, path: Path,
                     province_public_keys: Sequence[PublicKey] | None, actor: str, today: date
                     ) -> DecisionsResult:
    """Verify a decisions file and write each granted award into the subject's history, with
    the nomination set to "decided" (decision number and date) — all in one transaction, so
    next year's eligibility reads them. A file already imported is refused, and so is a file
    with any line that cannot be written (nothing is written then)."""
    keys = keys_to_verify(store, province_public_keys)
    signed = rcpt.load_signed(Path(path), keys, rcpt.DECISIONS_SCHEMA)
    doc = signed.document
    dossier_id = clean(doc["dossier_id"])
    _refuse_known_file(store, signed.sha256)
    refuse_other_unit(store, doc, _("Tệp quyết định này dành cho đơn vị {other}, không phải "
                                    "{mine}."), "decisions.other_unit")
    round_id = _round_of(store, dossier_id)
    plan = _plan(store, rounds_ops.nominations(store, round_id), doc["decisions"])
    if plan.problems:
        raise ValidationError(plan.problems, _("Không nhập được tệp quyết định (không ghi gì):\n")
                              + "\n".join(f"• {p.message}" for p in plan.problems))
    decided: list[tuple[int, str, str]] = []
    statuses: dict[int, NominationStatus] = {}
    with store.write() as wdb:
        for nom, line in plan.decide:
            assert nom.id is not None
            statuses[nom.id] = _decide(store, catalog, nom, line, actor, today)
            decided.append((nom.id, nom.subject_name, clean(line["decision_no"])))
        numbers = sorted({d[2] for d in decided})
        repo.insert_decisions(wdb, signed.sha256, dossier_id, ", ".join(numbers), len(decided))
        reg_repo.append_audit(
            wdb, actor, "decisions", "round", round_id,
            _("Nhập quyết định khen thưởng cho hồ sơ {id}: {n} được khen thưởng, {m} không")
            .format(id=dossier_id, n=len(decided), m=len(plan.not_granted)),
            {"file_sha256": signed.sha256, "key_id": signed.key_id, "decision_no": numbers,
             "not_granted": [n for _i, n in plan.not_granted]})
    return DecisionsResult(dossier_id, tuple(decided), tuple(plan.not_granted),
                           tuple(plan.already), statuses)


def _decide(store: Store, catalog: Catalog, nom: Nomination, line: Mapping[str, Any],
            actor: str, today: date) -> NominationStatus:
    """Set one nomination "decided" with its decision (which writes the award into history)."""
    assert nom.id is not None
    if nom.status is NominationStatus.READY:
        # decided by the province, so the dossier was sent even if not marked so
        rounds_ops.set_status(store, catalog, nom.id, NominationStatus.EXPORTED, actor, today)
    saved, _changes = rounds_ops.set_status(
        store, catalog, nom.id, NominationStatus.DECIDED, actor, today,
        decision_no=line["decision_no"],
        decision_date=date.fromisoformat(line["decision_date"]), issuer=line["issuer"])
    return saved.status
