"""The list's "Tóm tắt thành tích, căn cứ" column, nominee by nominee (issue 12; LAW §6.6).

Where the province asks no individual report (forms/provinces [reports] = "none", the
default for LĐTT), this line is the nominee's achievement record. The app writes it from the
registry (documents.builders.danh_sach.basis_text); the officer may replace any line with
their own wording, and give it back to the app by clearing it.

- `list_lines` — every proposed nominee with the app's line and the officer's own, if any.
- `set_list_summaries` — saves the officer's lines, all or none, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.errors import Problem, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import dossier as dossier_ops
from desktop.core.operations.rounds.base import changes_for
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as round_repo
from desktop.core.text import clean

# A list line is read in a table cell of a landscape page: a few lines, not a report.
MAX_CHARS = 600
_LOCKED = frozenset({NominationStatus.EXPORTED, NominationStatus.DECIDED})


@dataclass(frozen=True)
class ListLine:
    nomination_id: int
    name: str
    title_name: str
    automatic: str     # what the app writes from the registry
    own: str = ""      # the officer's wording ("" = the automatic line is printed)
    locked: bool = False

    @property
    def printed(self) -> str:
        return self.own or self.automatic


def list_lines(store: Store, catalog: Catalog, round_id: int, today: date
               ) -> tuple[ListLine, ...]:
    """Every nominee the list prints, in the list's order, with both wordings."""
    data = dossier_ops.assemble(store, catalog, round_id, today)
    kind = catalog.on(today).documents[dossier_ops.PROVINCE_LIST]
    statuses = {n.id: n.status for n in round_repo.nominations_of_round(store.db, round_id)}
    return tuple(
        ListLine(n.id, n.subject.name, n.title_name,
                 b.basis_text(replace(n, list_summary=""), kind, data.round.year),
                 n.list_summary, statuses.get(n.id) in _LOCKED)
        for n in data.nominations if n.proposed)


def set_list_summaries(store: Store, round_id: int, texts: Mapping[int, str], actor: str
                       ) -> Changes:
    """Save the officer's wording of the given nominees' lines ("" gives a line back to the
    app). Refused whole, every problem listed: a nomination not in the round
    (`list_summary.unknown`), one already sent or decided (`list_summary.locked`), a line
    longer than MAX_CHARS (`list_summary.too_long`)."""
    noms = {n.id: n for n in round_repo.nominations_of_round(store.db, round_id)}
    problems = []
    cleaned: dict[int, str] = {}
    for nid, text in texts.items():
        nom = noms.get(nid)
        field = f"list_summary:{nid}"
        if nom is None:
            problems.append(Problem("list_summary.unknown", field, _(
                "Đề nghị số {id} không còn trong đợt xét này.").format(id=nid)))
            continue
        line = clean(" ".join(str(text).split()))
        if line == nom.list_summary:
            continue
        if nom.status in _LOCKED:
            problems.append(Problem("list_summary.locked", field, _(
                "{name}: đề nghị đã gửi hoặc đã có quyết định, không sửa danh sách được.")
                .format(name=nom.subject_name)))
        elif len(line) > MAX_CHARS:
            problems.append(Problem("list_summary.too_long", field, _(
                "{name}: tóm tắt dài {n} ký tự, quá {max} ký tự của một ô trong danh sách.")
                .format(name=nom.subject_name, n=len(line), max=MAX_CHARS)))
        else:
            cleaned[nid] = line
    if problems:
        raise ValidationError(problems, _("Chưa lưu được tóm tắt thành tích (không ghi gì):\n"
                                          "{items}").format(
            items="\n".join(f"• {p.message}" for p in problems)))
    with store.write() as db:
        for nid, line in cleaned.items():
            nom = noms[nid]
            round_repo.set_list_summary(db, nid, line)
            reg_repo.append_audit(db, actor, "update", "nomination", nid,
                                  _("{name}: tóm tắt thành tích trong danh sách").format(
                                      name=nom.subject_name),
                                  {"list_summary": {"before": nom.list_summary,
                                                    "after": line}})
    return changes_for(rounds=(round_id,), nominations=cleaned)
