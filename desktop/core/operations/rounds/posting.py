"""Public posting (công khai, LAW §5.6): how long the list must stay up (the province
profile's [public_posting], per title), the list itself (name, unit and title only, LAW §9),
and the dates it was posted."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import NominationStatus, PostingRow, PublicPosting
from desktop.core.operations.rounds.base import (
    changes_for,
    profile_of,
    refusal,
    round_or_error,
)
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.text import format_date


def posting_days_required(store: Store, catalog: Catalog, round_id: int,
                          province: str | None = None) -> int:
    """Days the list must stay posted (0: no title of the round requires posting)."""
    table = profile_of(store, catalog, province).posting_days
    targets = {n.target for n in repo.nominations_of_round(store.db, round_id)}
    return max((table[t] for t in targets if t in table), default=0)


def posting_list(store: Store, catalog: Catalog, round_id: int,
                 statuses: Collection[NominationStatus] | None = None) -> list[PostingRow]:
    """The public list: name, unit and title only (LAW §9: no other personal data)."""
    round_or_error(store, round_id)
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
                   province: str | None = None) -> tuple[PublicPosting, Changes]:
    """The dates (and place) the round's list was posted; at least the days its titles need."""
    rnd = round_or_error(store, round_id)
    posting = PublicPosting(round_id=round_id, posted_from=posted_from, posted_to=posted_to,
                            place=place)
    needed = posting_days_required(store, catalog, round_id, province)
    if posted_to < posted_from:
        raise refusal([Problem("posting.dates_reversed", "posted_to",
                               _("Ngày kết thúc niêm yết trước ngày bắt đầu."))])
    if needed and posting.days < needed:
        raise refusal([Problem("posting.too_short", "posted_to", _(
            "Danh sách phải niêm yết ít nhất {n} ngày; từ {a} đến {b} mới là {d} ngày.").format(
                n=needed, a=format_date(posted_from), b=format_date(posted_to),
                d=posting.days))])
    with store.write() as db:
        pid = repo.insert_posting(db, posting)
        reg_repo.append_audit(db, actor, "create", "public_posting", pid,
                              _("Niêm yết công khai đợt “{r}”: {a} – {b}").format(
                                  r=rnd.name, a=format_date(posted_from),
                                  b=format_date(posted_to)))
    return replace(posting, id=pid), changes_for(rounds=(round_id,), postings=(pid,))


def postings(store: Store, round_id: int) -> list[PublicPosting]:
    return repo.postings_of(store.db, round_id)
