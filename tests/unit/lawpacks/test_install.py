"""Installing, listing and rolling back law packs (operations/lawpacks): the issue's "done
when" — a pack changing CSTĐCS from 1/10/2026 installs, changes verdicts only for review
dates from that day, tells its changes in words and rolls back; tampered, older and
untrusted packs are refused with their reason; a province publishes its own profile."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog
from desktop.core.operations import lawpacks as lp
from desktop.core.operations.lawpacks.state import root
from desktop.core.package.lawpack import LawPackRefused
from desktop.core.rules.batch import run_batch
from tests.lawpack_tools import (
    CSTDCS,
    CSTDCS_PACK,
    FORMS,
    NOW,
    Publisher,
    build,
    case,
    copy_tree,
    province_profile,
    publisher,
    rewrite_zip,
)

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def pub(tmp_path: Path) -> Publisher:
    return publisher(tmp_path)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def install(path: Path, pub: Publisher, data: Path, when: datetime = NOW) -> lp.PackReport:
    return lp.install_pack(path, forms_dir=FORMS, bundled_keys_dir=pub.bundled_dir,
                           data_dir=data, actor="Cán bộ TĐKT", now=when)


def refusal(path: Path, pub: Publisher, data: Path) -> str:
    with pytest.raises(LawPackRefused) as caught:
        install(path, pub, data)
    return caught.value.code


def catalog(data: Path) -> Catalog:
    found, notices = lp.effective_catalog(FORMS, data, as_of=date(2026, 12, 3))
    assert not notices
    return found


def verdicts(cat: Catalog, as_of: str) -> dict[str, str]:
    cases = [case("htt", True, "htt+sk"), case("htxs", False, "htxs"),
             case("htxs", True, "htxs+sk")]
    data = {"format": "hoso-eligibility/1", "review_year": 2026, "province": "default",
            "as_of": as_of, "cases": cases}
    return {r["id"]: r["verdict"] for r in run_batch(data, cat)}


OLD = {"htt+sk": "eligible", "htxs": "eligible", "htxs+sk": "eligible"}
NEW = {"htt+sk": "ineligible", "htxs": "ineligible", "htxs+sk": "eligible"}


def test_the_pack_installs_changes_verdicts_from_its_day_and_rolls_back(
        tmp_path: Path, pub: Publisher, data: Path) -> None:
    before = catalog(data)
    days = ("2026-01-15", "2026-09-30", "2026-10-01", "2026-12-31")
    assert [verdicts(before, d) for d in days] == [OLD] * 4

    report = install(build(tmp_path / "p1.zip", pub), pub, data)
    assert report.installed and report.previous_version is None
    texts = [c.text for c in report.changes]
    assert any(t.startswith("CSTĐCS: từ 01/10/2026 cần HTXSNV và sáng kiến") for t in texts)
    assert all(c.day is None or c.day >= date(2026, 10, 1) for c in report.changes)

    after = catalog(data)
    assert [verdicts(after, d) for d in days] == [OLD, OLD, NEW, NEW]
    assert after.on(date(2026, 10, 1)).title(CSTDCS).origin == "lawpack:hoso/1"
    # the bundled forms are untouched; the pack lies beside them in the data dir
    assert not list(FORMS.rglob("*@2026-10-01.toml"))
    folder = root(data) / "packs" / "hoso"
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["1"]

    [row] = lp.list_packs(data)
    assert row.in_use and row.pack.version == 1 and [c.text for c in row.pack.changes] == texts

    back = lp.rollback(data, forms_dir=FORMS, actor="Cán bộ TĐKT", now=NOW)
    assert (back.publisher, back.from_version, back.to_version) == ("hoso", 1, None)
    assert any(c.text.startswith("CSTĐCS: từ 01/10/2026 cần HTXSNV hoặc sáng kiến")
               for c in back.changes)
    assert [verdicts(catalog(data), d) for d in days] == [OLD] * 4
    assert lp.list_packs(data) == []
    assert [h["action"] for h in lp.history(data)] == ["install", "rollback"]


def test_a_newer_pack_keeps_the_previous_for_rollback(tmp_path: Path, pub: Publisher,
                                                      data: Path) -> None:
    install(build(tmp_path / "p1.zip", pub), pub, data)
    source = copy_tree(CSTDCS_PACK, tmp_path / "v2")
    title = source / "titles" / f"{CSTDCS}@2026-10-01.toml"
    title.write_text(title.read_text("utf-8").replace(
        'threshold = "province:cstdcs_ballot_share"', "threshold = 0.9"), "utf-8")
    report = install(build(tmp_path / "p2.zip", pub, source, version=2, replaces=1), pub, data)
    assert report.previous_version == 1
    assert any("Hội đồng bỏ phiếu kín, từ 90%" in c.text for c in report.changes)
    assert [(r.pack.version, r.in_use) for r in lp.list_packs(data)] == [(2, True), (1, False)]
    # older and equal packs are refused, each with its reason
    assert refusal(tmp_path / "p1.zip", pub, data) == "lawpack.older"
    assert refusal(tmp_path / "p2.zip", pub, data) == "lawpack.already_installed"
    back = lp.rollback(data, forms_dir=FORMS, actor="t", now=NOW)
    assert (back.from_version, back.to_version) == (2, 1)
    assert [(r.pack.version, r.in_use) for r in lp.list_packs(data)] == [(1, True)]
    # once rolled back, the newer pack may be installed again
    assert install(tmp_path / "p2.zip", pub, data).installed


def test_tampered_untrusted_and_unsigned_packs_are_refused(tmp_path: Path, pub: Publisher,
                                                           data: Path) -> None:
    good = build(tmp_path / "p.zip", pub)
    name = f"forms/titles/{CSTDCS}@2026-10-01.toml"
    tampered = rewrite_zip(good, tmp_path / "t.zip", lambda e: {
        **e, name: e[name].replace(b'min = "htxs"', b'min = "htt" ')})
    assert refusal(tampered, pub, data) == "lawpack.tampered"
    stranger = publisher(tmp_path, "hoso", bundled=False)
    assert refusal(build(tmp_path / "s.zip", stranger), pub, data) == "lawpack.untrusted_key"
    unsigned = rewrite_zip(good, tmp_path / "u.zip",
                           lambda e: {k: v for k, v in e.items() if not k.endswith(".minisig")})
    assert refusal(unsigned, pub, data) == "lawpack.unsigned"
    # nothing was installed, nothing left behind
    assert lp.list_packs(data) == []
    packs = root(data) / "packs"
    assert not packs.exists() or not any(p for p in packs.rglob("*") if p.is_file())


def test_a_pack_that_breaks_the_catalog_is_refused_and_leaves_nothing(
        tmp_path: Path, pub: Publisher, data: Path) -> None:
    source = copy_tree(CSTDCS_PACK, tmp_path / "broken")
    title = source / "titles" / f"{CSTDCS}@2026-10-01.toml"
    title.write_text(title.read_text("utf-8").replace(
        'code = "lao_dong_tien_tien"', 'code = "lao_dong_xuat_sac"'), "utf-8")
    with pytest.raises(LawPackRefused) as caught:
        install(build(tmp_path / "b.zip", pub, source), pub, data)
    assert caught.value.code == "lawpack.breaks_catalog"
    assert "lao_dong_xuat_sac" in caught.value.message
    assert str(tmp_path) not in caught.value.message   # no staging path in the message
    assert lp.list_packs(data) == []
    assert not [p for p in (root(data) / "packs").rglob("*") if p.is_file()]


def test_a_pack_whose_examples_contradict_it_is_refused(tmp_path: Path, pub: Publisher,
                                                        data: Path) -> None:
    source = copy_tree(CSTDCS_PACK, tmp_path / "wrong")
    title = source / "titles" / f"{CSTDCS}@2026-10-01.toml"
    title.write_text(title.read_text("utf-8").replace(
        'id = "cstdcs-2026-chi-htxs"\nnote = "HTXSNV alone was enough before 1/10/2026; from '
        'that day a sáng kiến is needed too."\nexpected = "ineligible"',
        'id = "cstdcs-2026-chi-htxs"\nexpected = "eligible"'), "utf-8")
    assert refusal(build(tmp_path / "w.zip", pub, source), pub, data) == \
        "lawpack.examples_fail"


def test_a_pack_that_changes_rules_before_its_effective_date_is_refused(
        tmp_path: Path, pub: Publisher, data: Path) -> None:
    late = build(tmp_path / "late.zip", pub, effective=date(2026, 11, 1))
    with pytest.raises(LawPackRefused) as caught:
        install(late, pub, data)
    assert caught.value.code == "lawpack.changes_before_effective"
    assert caught.value.detail == "2026-10-01"
    # the builder refuses to make it in the first place
    with pytest.raises(Exception, match="01/10/2026"):
        lp.build_pack(CSTDCS_PACK, forms_dir=FORMS, version=1, effective=date(2026, 11, 1),
                      secret=pub.secret, dest=tmp_path / "x.zip", publisher="hoso",
                      publisher_name="Thử", now=NOW)


def test_a_province_publishes_its_own_profile(tmp_path: Path, pub: Publisher,
                                              data: Path) -> None:
    prov = publisher(tmp_path, "bac_ninh", bundled=False)
    pack = build(tmp_path / "bn.zip", prov, province_profile(tmp_path / "bn"),
                 effective=date(2025, 12, 15))
    assert refusal(pack, pub, data) == "lawpack.untrusted_key"    # not enrolled yet
    info = lp.enrol_province_key(data, pub.bundled_dir, prov.pub_text, "bac_ninh",
                                 "Sở Nội vụ tỉnh Bắc Ninh", "Cán bộ TĐKT", NOW)
    assert info.fingerprint.replace(" ", "") == prov.public.key_id_hex
    report = install(pack, pub, data)
    assert [c.text for c in report.changes] == [
        "Tỉnh Bắc Ninh: từ 15/12/2025 hạn nộp hồ sơ khen công trạng: 10/12 → 05/12."]
    bac_ninh = catalog(data).province("bac_ninh")
    assert bac_ninh.deadline("cong_trang", 2026) == date(2026, 12, 5)
    assert bac_ninh.origin == "lawpack:bac_ninh/1"
    # the same key cannot change the national rules
    assert refusal(build(tmp_path / "t.zip", prov, version=2), pub, data) == \
        "lawpack.outside_scope"
    # a national pack and the province's pack live together
    install(build(tmp_path / "p.zip", pub), pub, data)
    both = catalog(data)
    assert both.province("bac_ninh").deadline("cong_trang", 2026) == date(2026, 12, 5)
    assert both.on(date(2026, 10, 1)).title(CSTDCS).origin == "lawpack:hoso/1"
    # a key line typed from the printed sheet, in groups, is the same key
    line = prov.pub_text.splitlines()[1]
    typed = " ".join(line[i:i + 4] for i in range(0, len(line), 4))
    assert lp.parse_key_text(typed) == prov.public


def test_the_province_key_can_be_removed(tmp_path: Path, pub: Publisher, data: Path) -> None:
    prov = publisher(tmp_path, "bac_ninh", bundled=False)
    lp.enrol_province_key(data, pub.bundled_dir, prov.pub_text, "bac_ninh", "Sở Nội vụ",
                          "t", NOW)
    assert [k.source for k in lp.list_keys(data, pub.bundled_dir)] == ["bundled", "enrolled"]
    lp.remove_province_key(data, prov.public.key_id_hex)
    assert [k.source for k in lp.list_keys(data, pub.bundled_dir)] == ["bundled"]
    with pytest.raises(Exception) as caught:
        lp.enrol_province_key(data, pub.bundled_dir, pub.pub_text, "bac_ninh", "x", "t", NOW)
    assert getattr(caught.value, "code", "") == "lawpack.key_bundled"


def test_a_pack_for_another_app_version_is_set_aside_at_start(tmp_path: Path, pub: Publisher,
                                                              data: Path) -> None:
    install(build(tmp_path / "p.zip", pub, max_app_version="0.1.9"), pub, data)
    found, notices = lp.effective_catalog(FORMS, data, app_version="0.2.0")
    assert [n.publisher for n in notices] == ["hoso"]
    assert found.on(date(2026, 10, 1)).title(CSTDCS).origin.startswith("forms:")


def test_a_damaged_state_file_falls_back_on_the_bundled_rules(tmp_path: Path, pub: Publisher,
                                                              data: Path) -> None:
    install(build(tmp_path / "p.zip", pub), pub, data)
    (root(data) / "state.json").write_text("{ hỏng", "utf-8")
    found, notices = lp.effective_catalog(FORMS, data)
    assert notices and found.on(date(2026, 10, 1)).title(CSTDCS).origin.startswith("forms:")


def test_examine_checks_everything_and_installs_nothing(tmp_path: Path, pub: Publisher,
                                                        data: Path) -> None:
    path = build(tmp_path / "p.zip", pub)
    report = lp.examine_pack(path, forms_dir=FORMS, bundled_keys_dir=pub.bundled_dir,
                             data_dir=data)
    assert not report.installed and report.changes
    assert json.loads(json.dumps(report.to_json()))["key"]["source"] == "bundled"
    assert lp.list_packs(data) == []
    stranger = publisher(tmp_path, "x", bundled=False)
    given = lp.examine_pack(build(tmp_path / "s.zip", stranger, publisher_code="hoso"),
                            forms_dir=FORMS, bundled_keys_dir=pub.bundled_dir,
                            given_keys=(stranger.public,))
    assert given.key_source == "given"


def test_the_project_key_is_bundled() -> None:
    keys = lp.trusted_keys(None, REPO / "resources" / "lawpack")
    [key] = keys.values()
    assert (key.publisher, key.province, key.source) == ("hoso", None, "bundled")
    assert key.name == "Dự án Hồ sơ Khen thưởng"


def test_a_crash_before_the_switch_leaves_the_rules_as_they_were(
        tmp_path: Path, pub: Publisher, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch is the atomic replacement of state.json: until it happens the app uses what
    it used before; the folder written before it is removed by the next install."""
    from desktop.core.operations.lawpacks import install as install_module

    def crash(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(install_module, "write_state", crash)
    with pytest.raises(OSError):
        install(build(tmp_path / "p.zip", pub), pub, data)
    assert lp.list_packs(data) == []
    assert catalog(data).on(date(2026, 10, 1)).title(CSTDCS).origin.startswith("forms:")
    monkeypatch.undo()
    install(build(tmp_path / "p2.zip", pub, version=2), pub, data)
    folders = [p.name for p in (root(data) / "packs" / "hoso").iterdir()]
    assert len(folders) == 1 and folders[0].startswith("2-")


def test_a_pack_lowering_a_report_the_law_fixes_is_refused(tmp_path: Path, pub: Publisher,
                                                           data: Path) -> None:
    """Issue 12: a province may ask less than Mẫu 05 only for LĐTT and TTLĐTT (LAW §5.2 A)."""
    source = province_profile(copy_tree(CSTDCS_PACK, tmp_path / "reports"))
    profile = source / "provinces" / "bac_ninh.toml"
    profile.write_text(profile.read_text("utf-8") + '\n[reports]\n'
                       'lao_dong_tien_tien = "summary"\nchien_si_thi_dua_co_so = "none"\n',
                       "utf-8")
    with pytest.raises(LawPackRefused) as caught:
        install(build(tmp_path / "r.zip", pub, source), pub, data)
    assert caught.value.code == "lawpack.breaks_catalog"
    assert "chien_si_thi_dua_co_so" in caught.value.message
    assert lp.list_packs(data) == []
