"""Documents name the former unit as "xã Tân Lập (cũ)": in the work history of a merged
person's achievement report, and on every decision of the former unit's bodies the report
cites."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.documents.blocks import FieldLine, Table
from desktop.core.model import SubjectKind, SubjectRef
from desktop.core.model.former import FormerUnit
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import dossier, registry
from desktop.core.operations import rounds as rounds_ops
from desktop.core.operations.merging import commit_merge, load_database, plan_merge
from tests.unit.eligibility_fakes import always_eligible
from tests.unit.merging.helpers import (
    CSTD_TINH,
    P_NAME,
    TODAY,
    officer_decisions,
    two_communes,
)

SECTIONS = {"chuc_trach": "Giáo viên Toán.", "thanh_tich": "Học sinh giỏi cấp tỉnh: 6 em.",
            "giai_phap": "Ôn luyện bằng trí tuệ nhân tạo.", "chap_hanh": "Không vi phạm."}


def test_a_merged_persons_report_names_the_former_commune(tmp_path: Path,
                                                          catalog: Catalog) -> None:
    store, source_dir = two_communes(tmp_path, catalog)
    try:
        plan = plan_merge(store, catalog, load_database(store, source_dir),
                          FormerUnit(None, "xã Tân Lập"), TODAY)
        commit_merge(store, catalog, plan, officer_decisions(plan), "x")
        hang = next(p.id for p in registry.people_page(store, P_NAME, 0, 5))
        assert hang is not None
        rnd, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2025,
                                          "Xét khen thưởng tổng kết năm 2025", "x",
                                          date(2025, 12, 1),
                                          receiving_body="Sở Nội vụ tỉnh Phú Thọ")
        assert rnd.id is not None
        rounds_ops.add_nomination(store, catalog, rnd.id, SubjectRef(SubjectKind.PERSON, hang),
                                  CSTD_TINH, "", "x", date(2025, 12, 1),
                                  evaluate=always_eligible)
        data = dossier.gather(store, catalog, rnd.id, TODAY, require_reports=False)
    finally:
        store.close()
    (n,) = data.nominations
    assert n.subject.former_postings == ("Giáo viên, Trường THCS Tân Lập, xã Tân Lập (cũ)",)
    report = b.build_report(data, replace(n, report=MappingProxyType(SECTIONS)),
                            catalog.documents[n.report_kind])
    lines = [f"{x.label}: {x.value}" for x in report.blocks if isinstance(x, FieldLine)]
    assert ("Nơi công tác trước khi hợp nhất: Giáo viên, Trường THCS Tân Lập, "
            "xã Tân Lập (cũ)") in lines
    cited = [str(c) for t in report.blocks if isinstance(t, Table) for row in t.rows
             for c in row]
    assert any("210/QĐ-UBND" in c and c.endswith("Chủ tịch UBND xã Tân Lập (cũ)")
               for c in cited)
    assert any(c.endswith("Chủ tịch UBND xã Thanh Sơn") for c in cited)

