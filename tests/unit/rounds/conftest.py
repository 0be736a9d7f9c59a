"""Fixtures for the rounds tier: a few people and collectives, a fake eligibility evaluator
that answers in the production shape (rules.Verdict, one per title)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Collective,
    Gender,
    Person,
    SubjectGroup,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
)
from desktop.core.model.rounds import Nomination, Round, RoundKind
from desktop.core.operations import rounds as ops
from desktop.core.rules import Reason, Status, Verdict
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo

ACTOR = "Cán bộ TĐKT"


@dataclass
class FakeEvaluator:
    """Eligible for every title unless told otherwise, per subject id; records its calls."""

    verdicts: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[SubjectRef, int, str, frozenset[str]]] = field(default_factory=list)

    def __call__(self, store: Store, catalog: Catalog, ref: SubjectRef, year: int,
                 province: str, *, claims: Collection[str] = ()) -> list[Verdict]:
        self.calls.append((ref, year, province, frozenset(claims)))
        verdict = self.verdicts.get(ref.id, "eligible")
        reasons = () if verdict == "eligible" else (Reason(
            "rating", Status.NOT_MET, "Xếp loại năm 2026 chưa đạt hoàn thành tốt nhiệm vụ.",
            "Luật TĐKT 2022, Điều 24"),)
        return [Verdict(info.code, info.name, ref.id, year, verdict, reasons)
                for info in catalog.titles.values()]


@dataclass
class World:
    store: Store
    catalog: Catalog
    today: date
    evaluate: FakeEvaluator
    hoa: SubjectRef        # woman, Tày, cbccvc
    nam: SubjectRef        # man, Kinh, worker/farmer
    lan: SubjectRef        # woman, Kinh, cbccvc, with a phone and CCCD
    phong: SubjectRef      # a collective

    def round(self, kind: RoundKind = RoundKind.CONG_TRANG, **kw: Any) -> Round:
        kw.setdefault("year", 2026)
        kw.setdefault("name", f"Đợt {kind.value} {kw['year']}")
        rnd, _changes = ops.create_round(self.store, self.catalog, kind, actor=ACTOR,
                                         today=self.today, **kw)
        return rnd

    def nominate(self, rnd: Round, ref: SubjectRef, target: str = "lao_dong_tien_tien",
                 justification: str = "", **kw: Any) -> Nomination:
        assert rnd.id is not None
        nom, _changes = ops.add_nomination(self.store, self.catalog, rnd.id, ref, target,
                                           justification, ACTOR, self.today,
                                           evaluate=self.evaluate, **kw)
        return nom

    def count(self, table: str) -> int:
        return int(self.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def world(store: Store, catalog: Catalog, today: date) -> World:
    with store.write() as db:
        reg_repo.save_unit(db, Unit(name="Ủy ban nhân dân xã Tân Lập", kind=UnitKind.XA,
                                    superior_body="", doc_code="UBND", place_name="Tân Lập",
                                    head_name="Nguyễn Văn Chủ", head_title="Chủ tịch",
                                    officer_name="", officer_title=""))
        hoa = reg_repo.insert_person(db, Person(
            None, "Hoàng Thị Hoa", birth_date=date(1985, 3, 14), gender=Gender.NU,
            ethnicity="Tày", department="Văn phòng - Thống kê"))
        nam = reg_repo.insert_person(db, Person(
            None, "Đặng Văn Nam", birth_date=date(1979, 7, 2), gender=Gender.NAM,
            ethnicity="Kinh", group=SubjectGroup.CONG_NHAN_NONG_DAN, department=""))
        lan = reg_repo.insert_person(db, Person(
            None, "Lê Thị Lan", birth_date=date(1990, 12, 1), gender=Gender.NU,
            ethnicity="Kinh", department="Tài chính - Kế toán", phone="0912 345 678",
            national_id="001190012345"))
        phong = reg_repo.insert_collective(db, Collective(None, "Phòng Kinh tế",
                                                          member_ids=(hoa, lan)))
    return World(store, catalog, today, FakeEvaluator(),
                 SubjectRef(SubjectKind.PERSON, hoa), SubjectRef(SubjectKind.PERSON, nam),
                 SubjectRef(SubjectKind.PERSON, lan), SubjectRef(SubjectKind.COLLECTIVE, phong))


@pytest.fixture
def make_file(tmp_path: Any) -> Callable[..., Any]:
    folder = tmp_path / "scans"
    folder.mkdir()

    def make(name: str, content: bytes) -> Any:
        path = folder / name
        path.write_bytes(content)
        return path
    return make
