"""`hoso demo`: build the sample commune as a new profile, and with an output folder its
dossier and signed package (DESIGN §7). The commune is resources/demo/commune.toml; the
registry and its history are drawn from one `random.Random(seed)`, so the same seed gives the
same commune."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations.demo import units
from desktop.core.operations.demo.data import DemoData
from desktop.core.operations.demo.featured import feature
from desktop.core.operations.demo.history import (
    Register,
    collectives,
    decision_register,
    movement_claim,
    random_ratings,
    random_titles,
)
from desktop.core.operations.demo.loading import demo_data
from desktop.core.operations.demo.outputs import demo_package, write_demo_dossier
from desktop.core.operations.demo.province import ProvinceAnswers, answer_demo_package
from desktop.core.operations.demo.registry import (
    Draft,
    NamePool,
    department_people,
    draw_hamlets,
    give_national_ids,
    hamlet_people,
)
from desktop.core.operations.demo.year import officers_year
from desktop.core.operations.profiles import ProfileInfo, create_profile, list_profiles
from desktop.core.operations.registry import validate_history, validate_person
from desktop.core.operations.rounds import list_rounds, nominations
from desktop.core.store import Store, open_store
from desktop.core.store import registry as repo


class DemoExists(UserError):
    """The data dir already holds the sample commune; nothing is overwritten."""


@dataclass(frozen=True)
class DemoResult:
    """What `hoso demo` made: the profile, its counts and, with an output folder, the
    dossier documents, the signed package and the unit's public key."""

    info: ProfileInfo
    people: int
    collectives: int
    documents: tuple[Path, ...] = ()
    package: Path | None = None
    public_key: Path | None = None
    province: ProvinceAnswers | None = None   # the province's key, receipt and decisions


def existing_demo(data_dir: Path, data: DemoData | None = None) -> ProfileInfo | None:
    name = (data or demo_data()).unit.name
    return next((p for p in list_profiles(data_dir) if p.unit_name == name), None)


def _registry(rng: random.Random, data: DemoData, review_year: int, today: date
              ) -> tuple[list[Draft], list[str], Register]:
    """The people with their history, the hamlets, and the commune's decisions (in the order
    the draws are made)."""
    register = decision_register(rng, data, review_year, today)
    drafts = department_people(rng, data, review_year)
    names = NamePool(rng, data)
    names.used.update(d.person.full_name for d in drafts)
    hamlets = draw_hamlets(rng, data)
    drafts += hamlet_people(rng, data, review_year, names, hamlets)
    feature(rng, data, drafts, names, review_year, register, today)
    random_ratings(rng, data, drafts, review_year)
    random_titles(rng, data, drafts, review_year, register, today)
    give_national_ids(rng, data, drafts)
    movement_claim(data, drafts, review_year)
    return drafts, hamlets, register


def _check_drafts(drafts: list[Draft], catalog: Catalog, today: date) -> None:
    problems = []
    for d in drafts:
        problems += validate_person(d.person, today)
        problems += validate_history(d.history(), catalog, "individual")
    if problems:  # the generator broke a rule the editors enforce: a bug, not user input
        raise ValidationError(problems)


def _check_titles(data: DemoData, catalog: Catalog) -> None:
    for code in sorted(data.titles_used()):
        catalog.title(code)   # an unknown code raises, naming it


def build_demo(data_dir: Path, seed: int, actor: str, today: date, catalog: Catalog, *,
               data: DemoData | None = None) -> ProfileInfo:
    """Create the sample commune (`data`, by default the shipped commune.toml) as a new
    profile in `data_dir`; refuses if one is there."""
    data = data or demo_data()
    found = existing_demo(data_dir, data)
    if found is not None:
        raise DemoExists(
            _("Thư mục dữ liệu {path} đã có đơn vị mẫu “{name}”. Không ghi đè dữ liệu đã có.")
            .format(path=data_dir, name=found.unit_name),
            _("Hãy chọn thư mục dữ liệu khác, hoặc xóa hồ sơ mẫu cũ rồi chạy lại."),
            code="demo.exists")
    _check_titles(data, catalog)
    rng = random.Random(seed)
    review_year = today.year
    drafts, hamlets, register = _registry(rng, data, review_year, today)
    structure_rng = random.Random(seed + 1)     # not from `rng`: the rest stays as it was
    for d in drafts:
        d.person = units.ly_lich(d.person, hamlets, structure_rng,
                                 d.collective if d.collective in hamlets else "")
    _check_drafts(drafts, catalog, today)
    info, store = create_profile(data_dir, data.unit, actor)
    try:
        ids, cids = _write_registry(store, catalog, data, rng, drafts, hamlets, register,
                                    review_year, seed, actor)
        people = {d.person.full_name: ids[i] for i, d in enumerate(drafts)}
        officers_year(store, catalog, data, drafts, people, cids, review_year, actor, today)
    except BaseException:
        store.close()
        shutil.rmtree(info.path.parent, ignore_errors=True)
        raise
    store.close()
    return info


def _write_registry(store: Store, catalog: Catalog, data: DemoData, rng: random.Random,
                    drafts: list[Draft], hamlets: list[str], register: Register,
                    review_year: int, seed: int, actor: str
                    ) -> tuple[dict[int, int], dict[str, int]]:
    """People, collectives and their history in one transaction: (draft index → person id,
    collective name → id)."""
    with store.write() as db:
        ids: dict[int, int] = {}
        for i, d in enumerate(drafts):
            pid = repo.insert_person(db, d.person)
            ids[i] = pid
            repo.add_history(db, SubjectRef(SubjectKind.PERSON, pid), d.history())
        groups = collectives(rng, data, drafts, ids, hamlets, review_year, register)
        cids: dict[str, int] = {}
        for collective, history in groups:
            problems = validate_history(history, catalog, "collective")
            if problems:
                raise ValidationError(problems)
            cid = repo.insert_collective(db, collective)
            cids[collective.name] = cid
            repo.add_history(db, SubjectRef(SubjectKind.COLLECTIVE, cid), history)
        units.add_work_units(db, data, [d.person for d in drafts],
                             [ids[i] for i in range(len(drafts))], cids, hamlets)
        repo.append_audit(db, actor, "demo", "unit", 1,
                          _("Tạo dữ liệu mẫu: {people} người, {groups} tập thể")
                          .format(people=len(drafts), groups=len(groups)),
                          {"seed": seed, "review_year": review_year})
    return ids, cids


def make_demo(data_dir: Path, out: Path | None, seed: int, actor: str, today: date,
              catalog: Catalog, *, data: DemoData | None = None) -> DemoResult:
    """Build the sample commune and, with `out`, write its dossier and package there, and
    the province's answers to it (province.py)."""
    data = data or demo_data()
    info = build_demo(data_dir, seed, actor, today, catalog, data=data)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    store = open_store(info.path)
    try:
        people = repo.count_people(store.db)
        collectives_count = repo.count_collectives(store.db)
        if out is None:
            return DemoResult(info, people, collectives_count)
        documents = write_demo_dossier(store, catalog, out, today, actor, data)
        package, public_key = demo_package(store, catalog, out, actor, today)
        unit = repo.get_unit(store.db)
        sent = {(n.subject.kind.value, n.subject.id or 0, n.target)
                for r in list_rounds(store) if r.id
                for n in nominations(store, r.id) if n.status is NominationStatus.EXPORTED}
    finally:
        store.close()
    assert unit is not None
    province = answer_demo_package(package, public_key, unit, out, sent, catalog, actor, today)
    return DemoResult(info, people, collectives_count, tuple(documents), package, public_key,
                      province)
