"""A synthetic unit for the benchmarks: 100,000 people and 1,000,000 history rows (DESIGN §8).

    python bench/make_synthetic.py --out DIR [--people 100000] [--seed 1] [--force]

Creates DIR/profiles/synthetic/hoso.sqlite through the app's own open_store (so the schema
and its FTS triggers are the real ones), the unit row through the repository, then people,
collectives with members, year records, awards, initiatives, research topics and discipline
with raw executemany in one transaction. Names are NFC, and name_folded / sort_key come from
the same functions the repository uses (text.fold, text.person_sort_key, text.sort_key).
History rows (year_records + awards + initiatives + research + discipline, people and
collectives together) total exactly 10 per person. Writes DIR/settings.json so `hoso
--data-dir DIR` opens this profile. Prints timings; asserts nothing.

FTS5: the migration's per-row insert trigger on people costs about 9 s for 100k rows (11.3 s
with it against 2.6 s without, measured on the 2-core machine), so the generator drops that one
trigger inside the transaction, bulk-inserts, runs the FTS 'rebuild' command (0.7 s) and
re-creates the trigger from the SQL SQLite stored for it: the schema ends up identical.
Collectives (3,000 rows) keep their trigger.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.model import Unit, UnitKind  # noqa: E402
from desktop.core.operations.demo import demo_data  # noqa: E402
from desktop.core.operations.profiles import write_settings  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.core.store import registry as repo  # noqa: E402
from desktop.core.store.database import now_iso  # noqa: E402
from desktop.core.text import fold, person_sort_key, sort_key  # noqa: E402

PROFILE = "synthetic"
FIRST_YEAR, REVIEW_YEAR = 2019, 2026  # eight years of history
HISTORY_PER_PERSON = 10
UNIT = Unit(name="Sở Giáo dục và Đào tạo tỉnh Phú Thọ (dữ liệu tổng hợp)", kind=UnitKind.CO_QUAN,
            superior_body="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", doc_code="SGDĐT", place_name="Phú Thọ",
            head_name="Nguyễn Văn Hùng", head_title="Giám đốc", officer_name="Trần Thị Mai",
            officer_title="Chuyên viên Văn phòng Sở")
PLACES = ["Thanh Sơn", "Tân Sơn", "Yên Lập", "Cẩm Khê", "Hạ Hòa", "Đoan Hùng", "Thanh Ba",
          "Phù Ninh", "Lâm Thao", "Tam Nông", "Thanh Thủy", "Việt Trì", "Vĩnh Yên", "Phúc Yên",
          "Tam Đảo", "Lập Thạch", "Sông Lô", "Mai Châu", "Đà Bắc", "Lạc Sơn", "Kim Bôi",
          "Tân Lạc", "Lương Sơn", "Cao Phong", "Yên Thủy", "Lạc Thủy", "Hòa Bình"]
SCHOOLS = [("Trường Mầm non", "truong"), ("Trường Tiểu học", "truong"),
           ("Trường THCS", "truong"), ("Trường THPT", "truong"),
           ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "phong_ban"),
           ("Phòng Giáo dục", "phong_ban"), ("Trạm Y tế trường", "tram_y_te")]
POSITIONS = ["Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Tổ trưởng chuyên môn",
             "Nhân viên kế toán", "Nhân viên văn thư", "Hiệu phó", "Bảo vệ", "Nhân viên y tế"]
# the demo commune's name lists (resources/demo/commune.toml)
_NAMES = demo_data().names
SURNAMES, PHONE_PREFIXES = _NAMES.surnames, _NAMES.phone_prefixes
MIDDLE_MALE, MIDDLE_FEMALE = _NAMES.middle_male, _NAMES.middle_female
GIVEN_MALE, GIVEN_FEMALE = _NAMES.given_male, _NAMES.given_female
ETHNIC = [(m.ethnicity, list(m.male), list(m.female)) for m in _NAMES.minorities]
RATINGS = ("htxs", "htt", "ht", "kht")
PAD_AWARDS = (("giay_khen", "phong_trao"), ("giay_khen", "dot_xuat"),
              ("giay_khen", "cong_trang"), ("bang_khen_tinh", "phong_trao"))


def log(message: str, t0: float) -> None:
    print(f"{time.perf_counter() - t0:7.2f}s  {message}", flush=True)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def make_name(rng: random.Random, female: bool) -> tuple[str, str]:
    """(full name, ethnicity); about 6 % of ethnic-minority names."""
    if rng.random() < 0.06:
        eth, males, females = rng.choice(ETHNIC)
        base = rng.choice(females if female else males)
        surname, middle, _given = base.split(" ", 2)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        return nfc(f"{surname} {middle} {given}"), eth
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    if rng.random() < 0.15:  # a second middle name: Nguyễn Thị Thu Hằng, Trần Văn Minh Đức
        extra = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE).split()[-1]
        if extra not in middle.split():
            middle = f"{middle} {extra}"
    return nfc(f"{rng.choice(SURNAMES)} {middle} {given}"), "Kinh"


def build(out: Path, people: int, seed: int, force: bool) -> dict[str, int]:
    t0 = time.perf_counter()
    folder = out / "profiles" / PROFILE
    path = folder / "hoso.sqlite"
    if path.exists():
        if not force:
            sys.exit(f"{path} exists; pass --force to rebuild it")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    store = open_store(path, create=True)
    # a big page cache for this one bulk load: the name and history indexes take keys in
    # random order, and with the default 2 MB cache most of the time went to re-reading pages
    store.conn.execute("PRAGMA cache_size = -400000")
    log("schema (open_store, migrations)", t0)

    # ---- collectives: one per school / office, about 33 people each --------------------------
    n_groups = max(1, people // 33)
    groups = []
    for gid in range(1, n_groups + 1):
        kind_name, kind = SCHOOLS[gid % len(SCHOOLS)]
        place = PLACES[gid % len(PLACES)]
        name = nfc(f"{kind_name} {place} số {gid // len(PLACES) + 1}")
        groups.append((gid, name, fold(name), sort_key(name), kind, ""))

    # ---- people ------------------------------------------------------------------------------
    stamp = now_iso()
    keys: dict[str, tuple[str, str]] = {}  # name -> (folded, sort key), computed once per name
    person_rows = []
    national_ids: set[str] = set()
    member_rows = []
    first_years = []
    for pid in range(1, people + 1):
        female = rng.random() < 0.62
        name, ethnicity = make_name(rng, female)
        if name not in keys:
            keys[name] = (fold(name), person_sort_key(name))
        folded, skey = keys[name]
        birth = date(rng.randint(1966, 2002), rng.randint(1, 12), rng.randint(1, 28))
        hired_year = rng.randint(max(birth.year + 21, 1990), REVIEW_YEAR - 2)
        hired = date(hired_year, rng.choice((8, 9, 9, 10)), rng.randint(1, 28))
        gid = (pid - 1) % n_groups + 1
        group = "cbccvc" if rng.random() < 0.85 else rng.choice(
            ("nguoi_lao_dong", "cong_nhan_nong_dan"))
        phone = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        national_id = (f"025{rng.randrange(4)}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
                       if rng.random() < 0.3 else "")
        while national_id in national_ids:  # one person's each (the editor refuses a repeat);
            # the next number, not a new draw, so the rest of the profile stays the same
            national_id = national_id[:6] + f"{(int(national_id[6:]) + 1) % 10**6:06d}"
        if national_id:
            national_ids.add(national_id)
        person_rows.append((pid, name, folded, skey, birth.isoformat(),
                            "nu" if female else "nam", ethnicity, rng.choice(POSITIONS),
                            groups[gid - 1][1], group, hired.isoformat(), phone, national_id,
                            stamp, stamp))
        member_rows.append((gid, pid))
        first_years.append(max(FIRST_YEAR, hired_year))
    log(f"generated {people} people ({len(keys)} distinct names)", t0)

    # ---- history -----------------------------------------------------------------------------
    years_rows: list[tuple[object, ...]] = []
    award_rows: list[tuple[object, ...]] = []
    for pid, first in zip(range(1, people + 1), first_years, strict=True):
        # 3 to 8 years each, 5 on average: start somewhere between the hire year and 2024
        start = rng.randint(first, REVIEW_YEAR - 2) if rng.random() < 0.55 else first
        start = max(start, REVIEW_YEAR - 7) if rng.random() < 0.5 else max(start, 2021)
        for year in range(start, REVIEW_YEAR + 1):
            roll = rng.random()
            rating = RATINGS[0 if roll < 0.13 else 1 if roll < 0.78 else 2 if roll < 0.98 else 3]
            tick = 1 if year == REVIEW_YEAR and rng.random() < 0.9 else None
            years_rows.append((pid, None, year, rating, 0, "", tick, tick, tick, ""))
            if year < REVIEW_YEAR and rating in ("htt", "htxs"):
                award_rows.append((pid, None, year, "lao_dong_tien_tien", "cong_trang",
                                   f"{300 + year % 100}/QĐ-SGDĐT", f"{year}-12-20",
                                   "Giám đốc Sở Giáo dục và Đào tạo"))
                if rating == "htxs" and rng.random() < 0.6:
                    award_rows.append((pid, None, year, "chien_si_thi_dua_co_so", "cong_trang",
                                       f"{100 + year % 100}/QĐ-SGDĐT", f"{year}-12-25",
                                       "Giám đốc Sở Giáo dục và Đào tạo"))
    for gid, *_rest in groups:
        for year in range(FIRST_YEAR, REVIEW_YEAR + 1):
            years_rows.append((None, gid, year, "htxs" if rng.random() < 0.3 else "htt", 0, "",
                               None, None, None, ""))
            if year < REVIEW_YEAR and rng.random() < 0.6:
                award_rows.append((None, gid, year, "tap_the_lao_dong_tien_tien", "cong_trang",
                                   f"{301 + year % 100}/QĐ-SGDĐT", f"{year}-12-20",
                                   "Giám đốc Sở Giáo dục và Đào tạo"))
    initiative_rows = []
    for pid in rng.sample(range(1, people + 1), people // 50):
        year = rng.randint(2022, REVIEW_YEAR)
        scope = "tinh" if rng.random() < 0.1 else "co_so"
        initiative_rows.append((pid, year, f"Sáng kiến đổi mới phương pháp dạy học số {pid}",
                                scope, f"{rng.randint(10, 99)}/QĐ-HĐSK", f"{year}-10-15",
                                "Hội đồng Sáng kiến", "", None))
    research_rows = [(pid, rng.randint(2021, 2025), f"Đề tài nghiên cứu khoa học số {pid}",
                      "co_so", None, 1, "", None)
                     for pid in rng.sample(range(1, people + 1), people // 300)]
    discipline_rows = []
    for pid in rng.sample(range(1, people + 1), people // 200):
        year = rng.randint(2020, REVIEW_YEAR)
        discipline_rows.append((pid, rng.choice(("khien_trach", "khien_trach", "canh_cao")),
                                f"{year}-03-01", f"{year}-09-01", f"{rng.randint(1, 90)}/QĐ-SGDĐT",
                                "Vi phạm quy chế chuyên môn"))
    target = people * HISTORY_PER_PERSON
    fixed = len(years_rows) + len(initiative_rows) + len(research_rows) + len(discipline_rows)
    shortfall = target - fixed - len(award_rows)
    if shortfall < 0:  # small runs can overshoot: drop the last collective awards
        del award_rows[shortfall:]
    for _i in range(max(0, shortfall)):  # Giấy khen and campaign awards make up the rest
        code, kind = rng.choice(PAD_AWARDS)
        year = rng.randint(FIRST_YEAR, REVIEW_YEAR - 1)
        award_rows.append((rng.randint(1, people), None, year, code, kind,
                           f"{rng.randint(1, 999)}/QĐ-SGDĐT", f"{year}-11-20",
                           "Giám đốc Sở Giáo dục và Đào tạo"))
    total = (len(years_rows) + len(award_rows) + len(initiative_rows) + len(research_rows)
             + len(discipline_rows))
    log(f"generated {total} history rows", t0)

    # ---- one transaction ---------------------------------------------------------------------
    with store.write() as db:
        repo.save_unit(db, UNIT)
        conn = db.conn
        conn.executemany(
            "INSERT INTO collectives (id, name, name_folded, sort_key, kind, note, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?)", [(*g, stamp, stamp) for g in groups])
        # The FTS insert trigger costs ~9 s per 100k rows one by one; an FTS 'rebuild' after
        # the bulk insert does the same in under a second. The trigger is put back from its
        # own stored SQL, so the schema stays exactly the migration's.
        trigger_sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name = 'people_fts_ai'").fetchone()[0]
        conn.execute("DROP TRIGGER people_fts_ai")
        conn.executemany(
            "INSERT INTO people (id, full_name, name_folded, sort_key, birth_date, gender, "
            "ethnicity, position, department, subject_group, hired_on, phone, national_id, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", person_rows)
        conn.execute("INSERT INTO people_fts(people_fts) VALUES ('rebuild')")
        conn.execute(trigger_sql)
        log("inserted people and collectives, FTS rebuilt", t0)
        conn.executemany("INSERT INTO collective_members (collective_id, person_id) VALUES (?,?)",
                         member_rows)
        conn.executemany(
            "INSERT INTO year_records (person_id, collective_id, year, rating, pending_review, "
            "pending_note, exemplary, solidarity, movement, qualities_note) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            years_rows)
        conn.executemany(
            "INSERT INTO awards (person_id, collective_id, year, code, kind, decision_no, "
            "decision_date, issuer) VALUES (?,?,?,?,?,?,?,?)",
            award_rows)
        conn.executemany(
            "INSERT INTO initiatives (person_id, year, name, scope, decision_no, decision_date, "
            "recognised_by, used_for_code, used_for_year) VALUES (?,?,?,?,?,?,?,?,?)",
            initiative_rows)
        conn.executemany(
            "INSERT INTO research_topics (person_id, year, name, scope, accepted_on, applied, "
            "used_for_code, used_for_year) VALUES (?,?,?,?,?,?,?,?)", research_rows)
        conn.executemany(
            "INSERT INTO discipline (person_id, level, start_date, end_date, decision_no, reason) "
            "VALUES (?,?,?,?,?,?)", discipline_rows)
        repo.append_audit(db, "bench", "synthetic", "unit", 1,
                          f"Dữ liệu tổng hợp: {people} người", {"seed": seed})
        log("inserted history", t0)
    # no ANALYZE / PRAGMA optimize: the app never runs them, so neither does its test unit
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
              for t in ("people", "collectives", "collective_members", "year_records", "awards",
                        "initiatives", "research_topics", "discipline")}
    store.close()
    write_settings(out, last_profile=PROFILE)
    counts["history_rows"] = sum(counts[t] for t in ("year_records", "awards", "initiatives",
                                                     "research_topics", "discipline"))
    log(f"committed: {counts}", t0)
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="rebuild an existing database")
    args = parser.parse_args(argv)
    build(args.out, args.people, args.seed, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
