"""`hoso demo`'s sample commune: deterministic, realistic, and lawful (LAW §10, §10a)."""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalog import Catalog
from desktop.core.operations import demo
from desktop.core.operations import registry as ops
from desktop.core.operations.profiles import list_profiles, read_settings
from desktop.core.store import open_store

TODAY = date(2026, 11, 23)
REVIEW = 2026
TABLES = {
    "people": "full_name, name_folded, sort_key, birth_date, gender, ethnicity, position, "
              "department, subject_group, hired_on, phone, national_id",
    "collectives": "name, name_folded, sort_key, kind, note",
    "collective_members": "collective_id, person_id",
    "year_records": "person_id, collective_id, year, rating, pending_review, pending_note, "
                    "exemplary, solidarity, movement, qualities_note",
    "awards": "person_id, collective_id, year, code, kind, decision_no, decision_date, issuer",
    "initiatives": "person_id, collective_id, year, name, scope, decision_no, decision_date, "
                   "recognised_by, used_for_code, used_for_year",
    "research_topics": "person_id, year, name, scope, accepted_on, applied, used_for_code",
    "discipline": "person_id, level, start_date, end_date, decision_no, reason",
    "unit": "name, kind, superior_body, doc_code, place_name, head_name, head_title, "
            "officer_name, officer_title, province",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    info = demo.build_demo(data, 11, "tester", TODAY, catalog)
    return info.path


def rows(path: Path, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the demo wrote except time stamps."""
    return {t: rows(path, f"SELECT {cols} FROM {t} ORDER BY {cols}") for t, cols in TABLES.items()}


def test_every_cccd_of_the_demo_is_one_persons(built: Path) -> None:
    """The person editor refuses a CCCD another person holds: editing any demo person must
    not be refused for a number the demo gave twice."""
    numbers = [n for (n,) in rows(built, "SELECT national_id FROM people WHERE national_id "
                                         "<> ''")]
    assert numbers and len(set(numbers)) == len(numbers)


def test_same_seed_same_commune_other_seed_other_people(tmp_path: Path, catalog: Catalog,
                                                        built: Path) -> None:
    again = demo.build_demo(tmp_path / "a", 11, "someone else", TODAY, catalog)
    other = demo.build_demo(tmp_path / "b", 12, "tester", TODAY, catalog)
    assert content(again.path) == content(built)
    assert content(other.path)["people"] != content(built)["people"]


def test_profile_is_registered_and_opened_next(built: Path) -> None:
    data_dir = built.parents[2]
    profiles = list_profiles(data_dir)
    assert [p.unit_name for p in profiles] == ["Ủy ban nhân dân xã Thanh Sơn"]
    assert read_settings(data_dir)["last_profile"] == profiles[0].id
    audit = rows(built, "SELECT actor, action FROM audit_log ORDER BY id")
    assert ("tester", "demo") in audit


def test_counts_departments_and_hamlets(built: Path) -> None:
    people = rows(built, "SELECT count(*) FROM people")[0][0]
    assert 120 <= people <= 180
    kinds = Counter(k for (k,) in rows(built, "SELECT kind FROM collectives"))
    assert 6 <= kinds["thon_to_dan_pho"] <= 10
    assert kinds["truong"] == 3 and kinds["tram_y_te"] == 1 and kinds["phong_ban"] == 4
    names = {n for (n,) in rows(built, "SELECT name FROM collectives")}
    assert {"Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
            "Trung tâm Phục vụ hành chính công", "Trạm Y tế xã", "Trường THCS Thanh Sơn"} <= names
    # every department and hamlet has members, and they are people of the unit
    empty = rows(built, "SELECT name FROM collectives c WHERE NOT EXISTS "
                        "(SELECT 1 FROM collective_members m WHERE m.collective_id = c.id)")
    assert empty == []
    groups = Counter(g for (g,) in rows(built, "SELECT subject_group FROM people"))
    assert groups["cbccvc"] > people // 2
    assert groups["nguoi_lao_dong"] >= 5 and groups["cong_nhan_nong_dan"] >= 5


def test_every_text_is_nfc_and_folded_like_the_repository(built: Path) -> None:
    from desktop.core.text import fold, person_sort_key

    for table, cols in TABLES.items():
        for row in rows(built, f"SELECT {cols} FROM {table}"):
            for value in row:
                if isinstance(value, str):
                    assert unicodedata.normalize("NFC", value) == value, (table, value)
    for name, folded, key in rows(built, "SELECT full_name, name_folded, sort_key FROM people"):
        assert folded == fold(name) and key == person_sort_key(name)


def test_names_are_vietnamese_with_consistent_gender_and_minorities(built: Path) -> None:
    people = rows(built, "SELECT full_name, gender, ethnicity FROM people")
    assert len({n for n, _g, _e in people}) == len(people)  # no two people share a name
    for name, gender, _eth in people:
        words = name.split()
        assert 3 <= len(words) <= 4, name
        if words[1] == "Thị":
            assert gender == "nu", name
        if words[1] in ("Văn", "A"):
            assert gender == "nam", name
    positions = rows(built, "SELECT position FROM people WHERE gender = 'nam'")
    assert not [p for (p,) in positions if p.startswith("Nữ ")]  # no male “nữ hộ sinh”
    ethnicities = {e for _n, _g, e in people} - {"Kinh"}
    assert len(ethnicities) >= 3
    assert ("Đặng Thị Ỷ", "nu", "Kinh") in people


def test_search_finds_dang_thi_y_without_accents(built: Path) -> None:
    store = open_store(built)
    try:
        assert ops.count_people(store, "dang thi y") >= 1
        found = [p.full_name for p in ops.people_page(store, "dang thi y", 0, 100)]
        assert "Đặng Thị Ỷ" in found
        assert ops.count_people(store, "thanh son") == 0  # people, not the unit
    finally:
        store.close()


def test_history_spans_three_to_five_consecutive_years_ending_with_the_review(built: Path
                                                                              ) -> None:
    years: dict[int, list[int]] = defaultdict(list)
    for pid, year in rows(built, "SELECT person_id, year FROM year_records "
                                 "WHERE person_id IS NOT NULL ORDER BY year"):
        years[pid].append(year)
    people = [pid for (pid,) in rows(built, "SELECT id FROM people")]
    assert set(years) == set(people)
    spans = Counter(len(ys) for ys in years.values())
    for ys in years.values():
        assert 3 <= len(ys) <= 5
        assert ys == list(range(REVIEW - len(ys) + 1, REVIEW + 1))
    assert spans[5] > 0 and (spans[3] + spans[4]) > 0
    hired_late = rows(built, "SELECT count(*) FROM people WHERE hired_on > ?",
                      (f"{REVIEW - 2}-06-30",))
    assert hired_late == [(0,)]


def test_titles_follow_the_law(built: Path) -> None:
    rating = {(p, y): r for p, y, r in rows(
        built, "SELECT person_id, year, rating FROM year_records WHERE person_id IS NOT NULL")}
    awards = rows(built, "SELECT person_id, year, code, kind, decision_no, decision_date, issuer "
                         "FROM awards WHERE person_id IS NOT NULL")
    used = {(p, c, y) for p, c, y in rows(
        built, "SELECT person_id, used_for_code, used_for_year FROM initiatives "
               "WHERE used_for_code <> ''")}
    farmers = {p for (p,) in rows(built, "SELECT id FROM people WHERE subject_group = "
                                         "'cong_nhan_nong_dan'")}
    confirmed = {(p, y) for p, y in rows(
        built, "SELECT person_id, year FROM year_records WHERE person_id IS NOT NULL AND "
               "exemplary = 1 AND solidarity = 1 AND movement = 1")}
    by_year = Counter((y, r) for (_p, y), r in rating.items() if r is not None)
    for year in range(REVIEW - 4, REVIEW + 1):
        rated = sum(n for (y, _r), n in by_year.items() if y == year)
        assert by_year[(year, "htxs")] <= rated * 0.2, year  # HTXS capped at 20 %
        assert by_year[(year, "htxs")] > 0 and by_year[(year, "ht")] > 0
    for pid, year, code, _kind, number, when, issuer in awards:
        assert number.endswith("/QĐ-UBND") and issuer
        assert date.fromisoformat(when).year >= year and date.fromisoformat(when) <= TODAY
        if code == "lao_dong_tien_tien" and pid in farmers:   # the thôn's word (Art 24.3)
            assert (pid, year) in confirmed
        elif code == "lao_dong_tien_tien":
            assert rating[(pid, year)] in ("htt", "htxs")
        if code == "chien_si_thi_dua_co_so":
            assert ("lao_dong_tien_tien" in
                    {c for p, y, c, *_r in awards if p == pid and y == year})
            assert rating[(pid, year)] == "htxs" or (pid, code, year) in used
    codes = Counter((code, kind) for _p, _y, code, kind, *_r in awards)
    assert codes[("bang_khen_tinh", "cong_trang")] == 1
    assert codes[("giay_khen", "dot_xuat")] >= 1 and codes[("giay_khen", "cong_trang")] >= 1
    # the reform of 1/7/2025: CSTĐCS decided by the district before, by the commune after
    issuers = {(y >= 2025, i) for _p, y, c, _k, _n, _d, i in awards
               if c == "chien_si_thi_dua_co_so"}
    assert issuers == {(False, "Chủ tịch UBND huyện Thanh Sơn"),
                       (True, "Chủ tịch UBND xã Thanh Sơn")}


def test_farmers_have_no_rating_and_only_the_titles_the_thon_confirms(built: Path) -> None:
    """A farmer or worker (cong_nhan_nong_dan) is never rated (Law Art 24.3, LAW §4.1): no
    rating in any year, his confirmed years noted by the thôn, LĐTT only for those years and
    never a CSTĐCS (no htxs rating, no sáng kiến)."""
    farmers = {p for (p,) in rows(built, "SELECT id FROM people WHERE subject_group = "
                                         "'cong_nhan_nong_dan'")}
    assert len(farmers) >= 7
    records = rows(built, "SELECT person_id, year, rating, exemplary, qualities_note FROM "
                          "year_records WHERE person_id IS NOT NULL")
    mine = [r for r in records if r[0] in farmers]
    assert mine and all(r[2] is None for r in mine)
    assert all("thôn" in note.lower() for _p, _y, _r, ok, note in mine if ok)
    titles = rows(built, "SELECT person_id, year, code FROM awards WHERE person_id IS NOT NULL")
    confirmed = {(p, y) for p, y, _r, ok, _n in mine if ok}
    farmer_titles = [(p, y, c) for p, y, c in titles if p in farmers]
    assert farmer_titles   # past LĐTT on the thôn's confirmation
    for p, y, code in farmer_titles:
        assert code in ("lao_dong_tien_tien", "giay_khen"), code
        if code == "lao_dong_tien_tien":
            assert (p, y) in confirmed and y < REVIEW   # the round decides the review year


def test_review_year_has_candidates_and_blocked_people(built: Path) -> None:
    def person(name: str) -> int:
        return int(rows(built, "SELECT id FROM people WHERE full_name = ?", (name,))[0][0])

    # CSTĐ tỉnh: CSTĐCS 2024–2026 and an unused initiative of provincial scope
    star = person("Lê Thị Thu Hằng")
    cstd = {y for (y,) in rows(built, "SELECT year FROM awards WHERE person_id = ? AND code = "
                                      "'chien_si_thi_dua_co_so'", (star,))}
    assert {REVIEW - 2, REVIEW - 1, REVIEW} <= cstd
    assert rows(built, "SELECT scope, used_for_code, recognised_by FROM initiatives "
                       "WHERE person_id = ?", (star,)) == [
        ("tinh", "", "Chủ tịch UBND tỉnh Phú Thọ")]
    # CSTĐCS by HTXS, by an unused initiative, by an accepted research topic
    assert rows(built, "SELECT rating FROM year_records WHERE person_id = ? AND year = ?",
                (person("Đặng Thị Ỷ"), REVIEW)) == [("htxs",)]
    assert rows(built, "SELECT scope, used_for_code FROM initiatives WHERE person_id = ?",
                (person("Bùi Thị Hạnh"),)) == [("co_so", "")]
    assert rows(built, "SELECT count(*) FROM research_topics WHERE person_id = ? AND "
                       "accepted_on IS NOT NULL", (person("Hoàng Đức Minh"),)) == [(1,)]
    # blocked: pending review (hold) and a khiển trách from 2025 running into the review year
    pending = rows(built, "SELECT p.full_name FROM year_records y JOIN people p "
                          "ON p.id = y.person_id WHERE y.pending_review = 1")
    assert pending == [("Trần Văn Quyết",)]
    discipline = rows(built, "SELECT person_id, level, start_date, end_date FROM discipline")
    assert len(discipline) == 1
    pid, level, start, end = discipline[0]
    assert pid == person("Vũ Văn Lợi") and level == "khien_trach"
    assert start.startswith(f"{REVIEW - 1}-") and end >= f"{REVIEW}-01-01"
    assert rows(built, "SELECT count(*) FROM awards WHERE person_id = ? AND year = ?",
                (pid, REVIEW - 1)) == [(0,)]
    # qualitative ticks confirmed, with a note, for most people in the review year
    ticks = rows(built, "SELECT exemplary, solidarity, movement, qualities_note FROM "
                        "year_records WHERE person_id IS NOT NULL AND year = ?", (REVIEW,))
    confirmed = [t for t in ticks if None not in t[:3] and t[3]]
    assert len(confirmed) >= 0.8 * len(ticks)


def test_collectives_have_ratings_and_lawful_ttldtt(built: Path) -> None:
    records = rows(built, "SELECT c.kind, y.year, y.rating FROM year_records y JOIN collectives c "
                          "ON c.id = y.collective_id")
    assert {k for k, _y, _r in records} >= {"phong_ban", "truong", "tram_y_te"}
    titles = rows(built, "SELECT a.collective_id, a.year FROM awards a WHERE a.code = "
                         "'tap_the_lao_dong_tien_tien'")
    assert titles
    for cid, year in titles:
        members = rows(built, "SELECT m.person_id FROM collective_members m WHERE "
                              "m.collective_id = ?", (cid,))
        rated = [p for (p,) in members if rows(
            built, "SELECT 1 FROM year_records WHERE person_id = ? AND year = ?", (p, year))]
        with_ldtt = [p for p in rated if rows(
            built, "SELECT 1 FROM awards WHERE person_id = ? AND year = ? AND code = "
                   "'lao_dong_tien_tien'", (p, year))]
        assert len(with_ldtt) >= 0.7 * len(rated)
    assert rows(built, "SELECT count(*) FROM awards WHERE code = 'thon_to_dan_pho_van_hoa'")[0][0]


def test_refuses_to_overwrite_an_existing_demo(built: Path, catalog: Catalog) -> None:
    data_dir = built.parents[2]
    before = hashlib.sha256(built.read_bytes()).hexdigest()
    folders = sorted(p.name for p in (data_dir / "profiles").iterdir())
    with pytest.raises(demo.DemoExists) as raised:
        demo.build_demo(data_dir, 11, "tester", TODAY, catalog)
    assert "Thanh Sơn" in str(raised.value)
    assert hashlib.sha256(built.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in (data_dir / "profiles").iterdir()) == folders


def test_review_year_ldtt_only_with_confirmed_qualities(built: Path) -> None:
    decided = rows(built, "SELECT y.exemplary, y.solidarity, y.movement, y.pending_review, "
                          "y.rating FROM awards a JOIN year_records y ON y.person_id = a.person_id "
                          "AND y.year = a.year WHERE a.code = 'lao_dong_tien_tien' AND a.year = ?",
                   (REVIEW,))
    assert len(decided) > 50
    assert all(row == (1, 1, 1, 0, row[4]) and row[4] in ("htt", "htxs") for row in decided)


def test_the_engine_sees_the_intended_mix(built: Path, catalog: Catalog) -> None:
    from desktop.core.model import SubjectKind, SubjectRef
    from desktop.core.operations.eligibility import eligibility_table, evaluate_subject

    store = open_store(built)
    try:
        def verdict(name: str, code: str) -> str:
            pid = store.conn.execute("SELECT id FROM people WHERE full_name = ?",
                                     [name]).fetchone()[0]
            found = [v.verdict for v in evaluate_subject(
                store, catalog, SubjectRef(SubjectKind.PERSON, pid), REVIEW, "default")
                if v.target == code]
            return found[0]

        for name in ("Đặng Thị Ỷ", "Bùi Thị Hạnh", "Hoàng Đức Minh", "Lê Thị Thu Hằng"):
            assert verdict(name, "chien_si_thi_dua_co_so") == "eligible", name
        assert verdict("Lê Thị Thu Hằng", "chien_si_thi_dua_tinh") == "eligible"
        assert verdict("Phạm Minh Tuấn", "chien_si_thi_dua_tinh") == "ineligible"
        assert verdict("Trần Văn Quyết", "chien_si_thi_dua_co_so") == "hold"
        assert verdict("Vũ Văn Lợi", "lao_dong_tien_tien") == "ineligible"
        people = eligibility_table(store, catalog, REVIEW, "default")
        assert 10 <= len(people["chien_si_thi_dua_co_so"]["eligible"]) <= 40
        groups = eligibility_table(store, catalog, REVIEW, "default", kind="collective")
        assert groups["tap_the_lao_dong_tien_tien"]["eligible"]
    finally:
        store.close()


# ---- the officer's year: registrations, the round, the council, the dossiers -------------------


@pytest.fixture(scope="module")
def year_end(built: Path, catalog: Catalog) -> Any:
    from desktop.core.operations import rounds

    store = open_store(built)
    try:
        (rnd,) = rounds.list_rounds(store, REVIEW)
        noms = rounds.nominations(store, rnd.id)
        (meeting,) = rounds.meetings(store, rnd.id)
        return {"round": rnd, "noms": {(n.subject_name, n.target): n for n in noms},
                "meeting": meeting, "tally": rounds.tally(store, catalog, meeting.id),
                "checklists": {n.id: rounds.checklist(store, catalog, n.id) for n in noms},
                "registrations": rounds.registrations(store, REVIEW),
                "postings": rounds.postings(store, rnd.id),
                "dashboard": rounds.dashboard(store, catalog, rnd.id, TODAY),
                "files": {n.id: [rounds.attachment_path(store, a) for i in
                                 rounds.checklist(store, catalog, n.id).items
                                 for a in i.attachments] for n in noms}}
    finally:
        store.close()


def test_january_registrations(year_end: Any) -> None:
    regs = year_end["registrations"]
    assert all(r.registered_on == date(REVIEW, 1, 10) for r in regs)
    by_target = Counter(r.target for r in regs)
    assert by_target["lao_dong_tien_tien"] > 100
    assert by_target["chien_si_thi_dua_co_so"] >= 10
    assert by_target["tap_the_lao_dong_tien_tien"] == 8
    cstd = {r.subject_name for r in regs if r.target == "chien_si_thi_dua_co_so"}
    assert "Đặng Thị Ỷ" in cstd and "Hoàng Đức Minh" not in cstd


def test_year_end_round_and_its_mix_of_nominations(year_end: Any) -> None:
    rnd, noms = year_end["round"], year_end["noms"]
    assert rnd.kind.value == "cong_trang" and rnd.deadline == date(REVIEW, 12, 10)
    targets = Counter(t for _n, t in noms)
    assert targets["chien_si_thi_dua_co_so"] == 4 and targets["lao_dong_tien_tien"] == 2
    assert targets["tap_the_lao_dong_tien_tien"] == 2 and targets["giay_khen"] == 1
    assert targets["chien_si_thi_dua_tinh"] == 2
    ineligible = [n for n in noms.values() if n.eligibility.verdict.value == "ineligible"]
    assert [n.subject_name for n in ineligible] == ["Phạm Minh Tuấn"]
    assert "Hội đồng Sáng kiến tỉnh" in ineligible[0].justification
    assert all(n.eligibility.verdict.value == "eligible" for n in noms.values()
               if n not in ineligible)
    assert noms[("Hoàng Đức Minh", "chien_si_thi_dua_co_so")].registered is False
    assert year_end["dashboard"].not_registered == 1
    assert noms[("Bùi Thị Hạnh", "chien_si_thi_dua_co_so")].initiative


def test_council_result_on_total_membership(year_end: Any) -> None:
    meeting, tally = year_end["meeting"], year_end["tally"]
    assert (meeting.members_total, meeting.present, meeting.absent_with_written_opinion) == (
        12, 10, 1)
    assert len(meeting.counting_committee) == 3 and meeting.chair and meeting.secretary
    assert meeting.held_on < TODAY
    assert len(tally) == len(year_end["noms"])
    failed = [r for r in tally if not r.passed]
    assert len(failed) == 1
    # 9 of 11 valid ballots (81.8 %) but 9 of 12 members (75 %) < 80 %: fails
    (row,) = failed
    assert row.method.value == "ballot" and row.votes_for == 9 and row.ballots_valid == 11
    assert row.votes_for / row.ballots_valid >= 0.8 > row.share_of_total
    for r in tally:
        ballot = r.title in ("Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh")
        assert (r.method.value == "ballot") == ballot, r
        assert r.passed == (r.share_of_total >= r.threshold if ballot
                            else r.share_of_total > 0.5)


def test_passed_dossiers_are_complete_with_real_evidence(year_end: Any) -> None:
    passed = {r.nomination_id for r in year_end["tally"] if r.passed}
    statuses = {n.id: n.status.value for n in year_end["noms"].values()}
    for nid, checklist in year_end["checklists"].items():
        if nid not in passed:
            assert statuses[nid] == "draft" and not checklist.complete
        elif statuses[nid] == "ready":
            assert checklist.complete
    tuan = year_end["noms"][("Phạm Minh Tuấn", "chien_si_thi_dua_tinh")]
    assert statuses[tuan.id] == "reviewed"
    assert [i.part for i in year_end["checklists"][tuan.id].missing] == [
        "xac_nhan_sang_kien_tinh"]
    assert sum(1 for s in statuses.values() if s == "ready") == len(passed) - 1
    media = Counter()
    for files in year_end["files"].values():
        for path in files:
            head = path.read_bytes()[:8]
            media["pdf" if head.startswith(b"%PDF-") else
                  "png" if head.startswith(b"\x89PNG") else "other"] += 1
            assert path.stat().st_size < 200_000
    assert media["pdf"] == 2 and media["png"] == 1 and media["other"] == 0


def test_evidence_pdf_says_what_it_recognises(year_end: Any) -> None:
    from pypdf import PdfReader

    hanh = year_end["noms"][("Bùi Thị Hạnh", "chien_si_thi_dua_co_so")]
    (pdf,) = year_end["files"][hanh.id]
    text = unicodedata.normalize("NFC", PdfReader(pdf).pages[0].extract_text())
    assert "QUYẾT ĐỊNH" in text and "Công nhận sáng kiến" in text
    assert hanh.initiative.split()[0] in text


def test_public_posting_recorded(year_end: Any) -> None:
    (posting,) = year_end["postings"]
    assert posting.posted_from > year_end["meeting"].held_on
    assert posting.posted_to <= TODAY and posting.days >= 5 and posting.place


def test_a_report_the_council_turned_down_is_not_owed(built: Path, catalog: Catalog) -> None:
    """The dossier window counts unwritten reports only of nominees the council passed: the
    demo's CSTĐCS nominee who failed the ballot needs none (his report is never printed)."""
    from desktop.core.operations import reports
    from desktop.core.operations import rounds as round_ops

    store = open_store(built)
    try:
        (rnd,) = round_ops.list_rounds(store, TODAY.year)
        assert rnd.id is not None
        owed = reports.round_reports(store, catalog, rnd.id)
        down = [r for r in owed if r.turned_down]
        failed = {n.id for n in round_ops.nominations(store, rnd.id)
                  if any(not v.passed for v in round_ops.votes(store, n.id or 0))}
        assert down and {r.nomination_id for r in down} == failed
    finally:
        store.close()
