"""The officer's decisions on the pairs as a JSON file (`hoso merge --confirm PAIRS.json`),
and the plan as JSON (`hoso merge --dry-run --json`), which is a template of that file.

Format "hoso-merge-decisions/1" (docs/merge.md):

    {"format": "hoso-merge-decisions/1",
     "pairs": [{"pair": "17-342",                      the plan's pair id
                "decision": "merge" | "keep_both" | null,
                "fields": {"phone": "existing" | "incoming", ...},
                "choices": {"year:2024": "existing" | "incoming", ...},
                "incoming": {"full_name": ...}, "existing": {"full_name": ...}},
               ...]}

`fields` picks, for a field both records fill differently, which value the merged person
keeps (unnamed: the existing one); `choices` says which record is right for each conflict of
the pair's histories (every one must be chosen). A pair with `decision` null, or absent, is
undecided. The names under "incoming"/"existing", when given, must still be the pair's: a
file made for other registries (or before someone was renamed) is refused, not applied.
Every other key (the plan's details) is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.core.errors import Problem, UserError
from desktop.core.i18n import _
from desktop.core.model import Person
from desktop.core.operations.merging.combine import EXISTING, SIDES
from desktop.core.operations.merging.plan import (
    KEEP_BOTH,
    MERGE,
    MergePlan,
    Pair,
    PairDecision,
)
from desktop.core.text import clean, fold, mask_national_id

FORMAT = "hoso-merge-decisions/1"
MAX_BYTES = 16 * 1024 * 1024
MAX_PAIRS = 100_000


def _person(person: Person, key: int | None = None) -> dict[str, Any]:
    return {"id": person.id if key is None else key, "full_name": person.full_name,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "national_id": mask_national_id(person.national_id) if person.national_id else "",
            "position": person.position, "department": person.department}


def pair_json(pair: Pair, decision: PairDecision | None = None) -> dict[str, Any]:
    return {
        "pair": pair.id, "certain": pair.certain, "why": list(pair.why),
        "incoming": _person(pair.incoming.person, pair.incoming.key),
        "existing": _person(pair.existing),
        "differences": [{"field": d.field, "label": d.label, "existing": d.existing,
                         "incoming": d.incoming} for d in pair.differences],
        "filled": list(pair.filled),
        "conflicts": [{"key": c.key, "label": c.label, "existing": c.existing,
                       "incoming": c.incoming} for c in pair.conflicts],
        "decision": None if decision is None else (MERGE if decision.merge else KEEP_BOTH),
        "fields": {d.field: (decision.fields.get(d.field, EXISTING) if decision else EXISTING)
                   for d in pair.differences},
        "choices": {c.key: (decision.conflicts.get(c.key) if decision else None)
                    for c in pair.conflicts},
    }


def plan_json(plan: MergePlan, decisions: Mapping[str, PairDecision] | None = None
              ) -> dict[str, Any]:
    """The plan, with the decisions so far: a template of the decisions file."""
    decisions = decisions or {}
    return {
        "format": FORMAT,
        "source": {"kind": plan.source.kind, **{k: v for k, v in plan.source.detail.items()}},
        "former_unit": {"name": plan.former.name, "label": plan.former.label,
                        "code": plan.former.code,
                        "merged_on": plan.former.merged_on.isoformat(),
                        "recorded": plan.former.id is not None},
        "people_to_add": [_person(p.person, p.key) for p in plan.new_people],
        "collectives_to_add": [{"id": c.incoming.key, "name": c.name, "renamed": c.renamed}
                               for c in plan.collectives],
        "collectives_already_merged": plan.collectives_already,
        "rejected": [{"kind": r.kind, "id": r.key, "name": r.name,
                      "problems": [{"code": p.code, "message": p.message}
                                   for p in r.problems]} for r in plan.rejected],
        "marked_former": plan.marked,
        "pairs": [pair_json(p, decisions.get(p.id)) for p in plan.pairs],
    }


def _invalid(message: str) -> UserError:
    return UserError(message, _("Hãy lấy mẫu bằng “hoso merge … --dry-run --json”; xem "
                                "docs/merge.md."), code="merge.confirm_invalid")


def _sides(value: Any, what: str, pair_id: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _invalid(_("Cặp “{id}”: “{what}” phải là một đối tượng JSON.").format(
            id=pair_id, what=what))
    result = {}
    for key, side in value.items():
        if side is None:
            continue
        if not isinstance(key, str) or side not in SIDES:
            raise _invalid(_("Cặp “{id}”: “{what}” chỉ nhận “existing” hoặc “incoming”.")
                           .format(id=pair_id, what=what))
        result[key] = side
    return result


def parse_decisions(text: str) -> tuple[dict[str, PairDecision], dict[str, dict[str, str]]]:
    """(decisions by pair id, the names the file gives for each pair). UserError
    merge.confirm_invalid for anything that is not the format."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _invalid(_("Tệp quyết định không phải JSON hợp lệ ({why}).").format(why=exc)
                       ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _invalid(_("Tệp quyết định phải có \"format\": \"{f}\".").format(f=FORMAT))
    pairs = data.get("pairs")
    if not isinstance(pairs, list) or len(pairs) > MAX_PAIRS:
        raise _invalid(_("Tệp quyết định phải có danh sách \"pairs\"."))
    decisions: dict[str, PairDecision] = {}
    names: dict[str, dict[str, str]] = {}
    for item in pairs:
        if not isinstance(item, dict) or not isinstance(item.get("pair"), str):
            raise _invalid(_("Mỗi mục của \"pairs\" phải có \"pair\" (mã cặp)."))
        pair_id = item["pair"]
        if pair_id in decisions or pair_id in names:
            raise _invalid(_("Cặp “{id}” được ghi hai lần.").format(id=pair_id))
        named = {}
        for side in SIDES:
            who = item.get(side)
            if isinstance(who, dict) and isinstance(who.get("full_name"), str):
                named[side] = who["full_name"]
        names[pair_id] = named
        decision = item.get("decision")
        if decision is None:
            continue
        if decision not in (MERGE, KEEP_BOTH):
            raise _invalid(_("Cặp “{id}”: \"decision\" phải là \"merge\", \"keep_both\" hoặc "
                             "null.").format(id=pair_id))
        decisions[pair_id] = PairDecision(decision == MERGE,
                                          _sides(item.get("fields"), "fields", pair_id),
                                          _sides(item.get("choices"), "choices", pair_id))
    return decisions, names


def read_decisions(path: Path) -> tuple[dict[str, PairDecision], dict[str, dict[str, str]]]:
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise _invalid(_("Tệp quyết định lớn quá 16 MB."))
        text = Path(path).read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid(_("Tệp quyết định phải là văn bản UTF-8.")) from exc
    except OSError as exc:
        raise UserError(_("Không đọc được tệp quyết định {path}: {why}").format(
            path=path, why=exc.strerror or exc), code="merge.confirm_unreadable") from exc
    return parse_decisions(text)


def stale_pairs(plan: MergePlan, names: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Pairs whose names in the file are not those of the plan's pair any more."""
    problems = []
    for pair_id, named in names.items():
        pair = plan.pair(pair_id)
        if pair is None:
            continue
        now = {"incoming": pair.incoming.name, "existing": pair.existing.full_name}
        for side, name in named.items():
            if fold(clean(name)) != fold(clean(now[side])):
                problems.append(Problem(
                    "merge.confirm_stale", pair_id,
                    _("Cặp “{id}” trong tệp quyết định là “{file}”, nhưng nay là “{now}”: "
                      "hãy lấy lại mẫu.").format(id=pair_id, file=name, now=now[side])))
    return problems
