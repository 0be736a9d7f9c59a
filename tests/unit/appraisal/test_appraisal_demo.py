"""The appraisal on a real profile (the demo): `hoso dossier check` exit codes and JSON, and
the export's refusal with its recorded override."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main as cli_main
from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import (
    appraisal,
    demo,
    home_titles,
    keys,
    packages,
    profiles,
    reports,
    rounds,
)
from desktop.core.operations import registry as reg_ops
from desktop.core.rules import Verdict
from desktop.core.secrets import MemorySecretStore
from desktop.core.store import Store
from tests.unit.test_export import _fake_documents

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    info = demo.build_demo(data, 2026, "tester", TODAY, catalog)
    store = profiles.open_profile(data, info.id)
    try:
        demo.write_demo_reports(store, catalog, TODAY, "tester")
    finally:
        store.close()
    return data


@pytest.fixture
def profile(demo_dir: Path, tmp_path: Path) -> Any:
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    store = profiles.open_profile(data, profiles.list_profiles(data)[0].id)
    yield data, store, rounds.list_rounds(store)[0].id
    store.close()


def check(data: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    code = cli_main(["dossier", "check", "--data-dir", str(data), "--round", "1", "--json",
                     *extra])
    return code, json.loads(capsys.readouterr().out)


def test_the_demo_would_not_be_sent_back(profile: Any, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    data, _store, _rid = profile
    code, out = check(data, capsys=capsys)
    assert code == 0, out
    assert out["returned"] == 0
    assert {p["severity"] for p in out["problems"]} == {"fix"}
    exception = [p for p in out["problems"] if p["code"] == "appraisal.ineligible_justified"]
    assert [p["subject"] for p in exception] == ["Phạm Minh Tuấn"]
    assert set(exception[0]) >= {"code", "severity", "document", "subject", "message", "fix"}


def test_no_farmer_report_speaks_of_a_rating(profile: Any, catalog: Catalog) -> None:
    """The farmers the demo proposes (LĐTT, Giấy khen) report their yields and the thôn's
    confirmation, never a civil-service rating they do not have (Law Art 24.3)."""
    _data, store, rid = profile
    group = dict(store.db.execute("SELECT full_name, subject_group FROM people").fetchall())
    farmers = {n.subject_name for n in rounds.nominations(store, rid)
               if group.get(n.subject_name) == "cong_nhan_nong_dan"}
    assert len(farmers) >= 2
    texts = {r.subject_name: "\n".join(r.texts().values())
             for r in reports.round_reports(store, catalog, rid) if r.subject_name in farmers}
    # LĐTT asks no individual report by default (forms/provinces [reports], issue 12): the
    # farmers with a report are those proposed for something else (Giấy khen)
    reported = {n.subject_name for n in rounds.nominations(store, rid)
                if n.subject_name in farmers and n.target != "lao_dong_tien_tien"}
    assert reported and set(texts) == reported
    for name, text in texts.items():
        assert "xuất sắc nhiệm vụ" not in text and "xếp loại" not in text, name
        assert "tiếp nhận và xử lý" not in text, name   # an office worker's sample, not his


def _copy_a_report(store: Store, catalog: Catalog, round_id: int) -> None:
    """One teacher's achievements pasted into another teacher's report."""
    mine, theirs = [r for r in reports.round_reports(store, catalog, round_id)
                    if r.kind.code == "bao_cao_ca_nhan"][:2]
    pasted = ("Trong năm học đã tổ chức dạy học theo nhóm, xây dựng ngân hàng câu hỏi, kèm "
              "cặp học sinh yếu sau giờ học, phối hợp chặt chẽ với cha mẹ học sinh, tham gia "
              "đầy đủ các buổi sinh hoạt chuyên môn của tổ và của cụm trường.")
    for r in (mine, theirs):
        texts = dict(r.texts())
        texts["thanh_tich"] = texts.get("thanh_tich", "") + "\n" + pasted
        reports.save_report(store, catalog, r.nomination_id, texts, "tester")


def test_copied_reports_make_the_check_fail(profile: Any, catalog: Catalog,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    data, store, rid = profile
    _copy_a_report(store, catalog, rid)
    code, out = check(data, capsys=capsys)
    assert code == 1
    assert "appraisal.reports_copied" in {p["code"] for p in out["problems"]}


def test_bad_input_is_exit_2(profile: Any, capsys: pytest.CaptureFixture[str]) -> None:
    data, _store, _rid = profile
    code = cli_main(["dossier", "check", "--data-dir", str(data), "--round", "99", "--json"])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "dossier.round_unknown"


def test_checking_issues_no_number(profile: Any, catalog: Catalog) -> None:
    _data, store, rid = profile
    before = store.db.execute("SELECT COUNT(*) FROM document_numbers").fetchone()[0]
    appraisal.appraise_round(store, catalog, rid, TODAY)
    assert store.db.execute("SELECT COUNT(*) FROM document_numbers").fetchone()[0] == before


def test_export_refuses_then_records_the_override(profile: Any, catalog: Catalog,
                                                  tmp_path: Path) -> None:
    _data, store, rid = profile
    secrets = MemorySecretStore()
    keys.create_signing_key(store, secrets, "tester", TODAY)
    _copy_a_report(store, catalog, rid)

    def export(reason: str = "") -> packages.ExportResult:
        return packages.export_round(store, catalog, secrets, rid, tmp_path / "out", "tester",
                                     TODAY, write_documents=_fake_documents,
                                     override_reason=reason)

    with pytest.raises(UserError) as refused:
        export()
    assert refused.value.code == "export.appraisal_returned"
    with pytest.raises(UserError) as short:
        export("vì gấp")
    assert short.value.code == "export.override_too_short"
    assert not list((tmp_path / "out").glob("*.zip"))
    why = "Hai giáo viên dạy cùng tổ, cấp trên đã đồng ý nhận trước ngày 30/11."
    result = export(why)
    with zipfile.ZipFile(result.package) as zf:
        dossier = json.loads(zf.read("data/dossier.json"))
    assert dossier["appraisal"]["override_reason"] == why
    assert "appraisal.reports_copied" in {p["code"] for p in dossier["appraisal"]["problems"]}
    audit = store.db.execute("SELECT summary FROM audit_log WHERE action = 'override'"
                             ).fetchall()
    assert len(audit) == 1 and why in audit[0][0]


def test_a_clean_export_carries_the_appraisal_without_override(profile: Any, catalog: Catalog,
                                                               tmp_path: Path) -> None:
    _data, store, rid = profile
    secrets = MemorySecretStore()
    keys.create_signing_key(store, secrets, "tester", TODAY)
    result = packages.export_round(store, catalog, secrets, rid, tmp_path / "out", "tester",
                                   TODAY, write_documents=_fake_documents)
    with zipfile.ZipFile(result.package) as zf:
        record = json.loads(zf.read("data/dossier.json"))["appraisal"]
    assert record["override_reason"] is None
    assert all(p["severity"] == "fix" for p in record["problems"])


def test_the_appraisal_says_who_decides_the_round(profile: Any, catalog: Catalog) -> None:
    """The demo round proposes titles the province decides: the dossier goes up (decided_by
    None, its justified exception "Cấp trên có thể không chấp nhận"). A round of the unit's
    own titles (forms/titles decided_by_unit) is submitted to the unit's head, who is named
    instead; nothing goes up."""
    _data, store, rid = profile
    upward = appraisal.appraise_round(store, catalog, rid, TODAY)
    assert upward.decided_by is None and upward.as_json()["decided_by"] is None
    tuan = next(f for f in upward.findings if f.code == "appraisal.ineligible_justified")
    assert tuan.message.endswith("Cấp trên có thể không chấp nhận.")

    person = next(n.subject for n in rounds.nominations(store, rid)
                  if n.target == "lao_dong_tien_tien")
    rnd, _c = rounds.create_round(store, catalog, RoundKind.DOT_XUAT, 2026, "Khen đột xuất",
                                  "tester", TODAY, receiving_body="Sở Nội vụ tỉnh Phú Thọ")
    assert rnd.id is not None

    def ineligible(store: Store, catalog: Catalog, ref: Any, year: int, province: str, *,
                   claims: Any = ()) -> list[Verdict]:
        return [Verdict(info.code, info.name, ref.id, year, "ineligible", ())
                for info in catalog.titles.values()]

    rounds.add_nomination(store, catalog, rnd.id, person, "giay_khen",
                          "Cứu hai em nhỏ đuối nước tại sông Thao", "tester", TODAY,
                          achievement="Cứu hai em nhỏ đuối nước", evaluate=ineligible)
    own = appraisal.appraise_round(store, catalog, rnd.id, TODAY)
    head = home_titles.decider(reg_ops.get_unit(store))
    assert own.decided_by == head and head.startswith("Chủ tịch")
    assert own.as_json()["decided_by"] == head
    exception = next(f for f in own.findings if f.code == "appraisal.ineligible_justified")
    assert exception.message.endswith(f"{head} có thể không chấp nhận.")
    assert "Cấp trên" not in exception.message
