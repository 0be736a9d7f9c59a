"""Rounds whose titles the unit decides itself (LAW §5.2: LĐTT, CSTĐCS, TTLĐTT, Giấy khen):
nothing of them goes to the receiving body, so the screens say who decides instead of
"gửi Sở Nội vụ", and the export says at once that there is no package to send.

- `decider(unit)` — "Chủ tịch Ủy ban nhân dân xã Tân Phú" (the head's title without "Phó").
- `round_decider(store, catalog, round_id, adding=None)` — that decider when every nomination
  of the round (and the title about to be added) is decided by the unit; None otherwise (a
  mixed round, or an empty one with nothing chosen yet).
- `only_unit_titles_refusal(unit)` — the one refusal of an export with nothing to send
  (code `export.unit_titles_only`), shown by the export dialog before any choice and raised
  by `packages.export_round`.
"""

from __future__ import annotations

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Unit
from desktop.core.operations import rounds as round_ops
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo

UNIT_TITLES_ONLY = "export.unit_titles_only"


def decider(unit: Unit | None) -> str:
    """"Chủ tịch Ủy ban nhân dân xã Thanh Sơn" (the head's title without "Phó")."""
    if unit is None:
        return _("thủ trưởng đơn vị")
    title = unit.head_title.strip()
    if title.casefold().startswith("phó "):
        title = title[4:5].upper() + title[5:]
    return f"{title} {unit.name}".strip() or _("thủ trưởng đơn vị")


def only_unit_titles_message(unit: Unit | None) -> str:
    return _("Đợt này chỉ có danh hiệu do {decider} quyết định; không có hồ sơ gửi cấp trên."
             ).format(decider=decider(unit))


def only_unit_titles_refusal(unit: Unit | None) -> UserError:
    return UserError(only_unit_titles_message(unit),
                     _("Các danh hiệu này do {decider} quyết định theo tờ trình của Hội đồng "
                       "Thi đua - Khen thưởng; hãy in hồ sơ của đợt để trình ký.")
                     .format(decider=decider(unit)), code=UNIT_TITLES_ONLY)


def title_decided_at_home(catalog: Catalog, code: str) -> bool:
    info = catalog.titles.get(code)
    return info is not None and info.decided_by_unit


def round_decider(store: Store, catalog: Catalog, round_id: int, adding: str | None = None
                  ) -> str | None:
    """Who decides every title of the round, when the unit decides them all; `adding` is the
    title a dialog is about to nominate for."""
    targets = {n.target for n in round_ops.nominations(store, round_id)}
    if adding:
        targets.add(adding)
    if not targets or not all(title_decided_at_home(catalog, t) for t in targets):
        return None
    return decider(reg_repo.get_unit(store.db))


def home_titles(catalog: Catalog, subject: str = "individual") -> list[str]:
    """The names of the titles the unit decides itself for `subject`, lowest rank first."""
    infos = sorted((t for t in catalog.titles.values()
                    if t.decided_by_unit and subject in t.subjects),
                   key=lambda t: (t.rank, t.name))
    return [t.name for t in infos]
