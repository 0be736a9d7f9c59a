"""The province office's decisions file: for each nominee of a received dossier, granted or
not, with the decision's number, date and issuer — checked, signed and written for the unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.errors import Problem, ValidationError
from desktop.core.i18n import _
from desktop.core.operations.receiving.files import target_path, write_signed
from desktop.core.operations.receiving.intake import ReceivedDossier, latest_received
from desktop.core.package import receipt as rcpt
from desktop.core.package.minisign import SecretKey
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store.database import now_iso
from desktop.core.text import clean, fold

_NomineeKey = tuple[str, str, str, str]


@dataclass(frozen=True)
class Decision:
    """One line of a decisions file: who, what, and by which decision (or not granted)."""

    subject_kind: str          # "person" | "collective", as in dossier.json
    subject_name: str
    target: str
    granted: bool = True
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""
    subject_id: int | None = None
    note: str = ""
    subject_birth_date: str | None = None   # ISO, from dossier.json: tells namesakes apart

    @property
    def nominee_key(self) -> _NomineeKey:
        return _nominee_key(self.subject_kind, self.subject_name, self.target,
                            self.subject_birth_date)


def _nominee_key(kind: str, name: str, target: str, birth: str | None = None) -> _NomineeKey:
    return (kind, fold(clean(name)), target, birth or "")


def _nominees(item: ReceivedDossier) -> dict[_NomineeKey, int | None]:
    """The dossier's nominees, by key, with the subject id the unit gave (if any)."""
    return {_nominee_key(n["kind"], n["name"], n["target"], n.get("birth_date")): n.get("id")
            for n in item.nominees}


def _grant_problems(i: int, name: str, d: Decision, today: date) -> list[Problem]:
    """A granted line needs its decision's number, a date not in the future and its issuer."""
    problems = []
    if not clean(d.decision_no):
        problems.append(Problem("decisions.number_missing", f"row{i}", _(
            "Dòng {i}: {name} chưa có số quyết định.").format(i=i, name=name)))
    if d.decision_date is None:
        problems.append(Problem("decisions.date_missing", f"row{i}", _(
            "Dòng {i}: {name} chưa có ngày quyết định.").format(i=i, name=name)))
    elif d.decision_date > today:
        problems.append(Problem("decisions.date_future", f"row{i}", _(
            "Dòng {i}: ngày quyết định ở tương lai.").format(i=i)))
    if not clean(d.issuer):
        problems.append(Problem("decisions.issuer_missing", f"row{i}", _(
            "Dòng {i}: {name} chưa ghi cấp quyết định.").format(i=i, name=name)))
    return problems


def validate_decisions(item: ReceivedDossier, decisions: Sequence[Decision], today: date
                       ) -> list[Problem]:
    """Every problem of the table, line by line: a line for someone the dossier did not
    propose (for that title), a line given twice, a granted line without its decision."""
    problems = []
    if not decisions:
        problems.append(Problem("decisions.empty", "decisions", _("Chưa có dòng quyết định nào.")))
    nominees = _nominees(item)
    seen: set[_NomineeKey] = set()
    for i, d in enumerate(decisions, 1):
        name = clean(d.subject_name) or "?"
        if d.nominee_key not in nominees:
            problems.append(Problem("decisions.not_proposed", f"row{i}", _(
                "Dòng {i}: {name} không được đề nghị “{t}” trong hồ sơ {id}.").format(
                i=i, name=name, t=d.target, id=item.dossier_id)))
        if d.nominee_key in seen:
            problems.append(Problem("decisions.duplicate", f"row{i}", _(
                "Dòng {i}: {name} – “{t}” ghi hai lần.").format(i=i, name=name, t=d.target)))
        seen.add(d.nominee_key)
        if d.granted:
            problems += _grant_problems(i, name, d, today)
    return problems


def decisions_template(store: Store, dossier_id: str) -> list[Decision]:
    """One not-yet-granted line per nominee of the dossier's latest revision (the table the
    officer fills in)."""
    item = latest_received(store, dossier_id)
    return [Decision(subject_kind=n["kind"], subject_name=n["name"], target=n["target"],
                     granted=False, subject_id=n.get("id"),
                     subject_birth_date=n.get("birth_date")) for n in item.nominees]


def decisions_file_name(item: ReceivedDossier, today: date) -> str:
    """The name the decisions file for this dossier is saved under, stamped with the day."""
    return rcpt.decisions_file_name(item.unit_code, item.dossier_id, today.strftime("%Y%m%d"))


def _decision_line(d: Decision, subject_id: int | None) -> dict[str, Any]:
    """One line as the decisions file carries it; a line not granted has no decision."""
    granted = bool(d.granted)
    subject: dict[str, Any] = {"kind": d.subject_kind, "id": subject_id,
                               "name": clean(d.subject_name)}
    if d.subject_birth_date:
        subject["birth_date"] = d.subject_birth_date
    line: dict[str, Any] = {
        "subject": subject, "target": d.target, "granted": granted,
        "decision_no": clean(d.decision_no) if granted else "",
        "decision_date": d.decision_date.isoformat() if granted and d.decision_date else None,
        "issuer": clean(d.issuer) if granted else ""}
    if clean(d.note):
        line["note"] = clean(d.note)
    return line


def issue_decisions(store: Store, secret: SecretKey, dossier_id: str,
                    decisions: Sequence[Decision], dest: Path, actor: str, today: date) -> Path:
    """Write the signed decisions file for a received dossier: for each nominee of its latest
    revision, granted or not, with the decision number, date and issuer."""
    item = latest_received(store, dossier_id)
    problems = validate_decisions(item, decisions, today)
    if problems:
        raise ValidationError(problems)
    ids = _nominees(item)
    lines = [_decision_line(d, d.subject_id if d.subject_id is not None
                            else ids.get(d.nominee_key)) for d in decisions]
    document = {"schema": rcpt.DECISIONS_SCHEMA, "dossier_id": item.dossier_id,
                "unit": {"code": item.unit_code, "name": item.unit_name},
                "issued_at": now_iso(), "decisions": lines}
    path = write_signed(target_path(dest, decisions_file_name(item, today)), secret, document)
    granted = [d for d in decisions if d.granted]
    with store.write() as db:
        reg_repo.append_audit(db, actor, "decisions", "received_package", item.id,
                              _("Ghi quyết định cho hồ sơ {id} của {unit}: {n}/{t} được khen "
                                "thưởng").format(id=item.dossier_id, unit=item.unit_name,
                                                 n=len(granted), t=len(decisions)),
                              {"file": path.name, "key_id": secret.key_id_hex,
                               "decision_no": sorted({clean(d.decision_no) for d in granted})})
    return path
