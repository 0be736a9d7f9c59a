"""Vietnamese text helpers: folding, NFC, FTS queries, sorting, dates, masking."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date, datetime, time
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import UserError
from desktop.core.text import (
    clean,
    date_phrase,
    fold,
    format_date,
    format_time,
    fts_prefix_query,
    mask_national_id,
    parse_date,
    parse_time,
    percent,
    person_sort_key,
    search_terms,
    sort_key,
)

NFD = "NFD"
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữự"
    "vxyỳýỷỹỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " "),
    max_size=40)


# ---- fold / clean ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Đặng Thị Ỷ", "dang thi y"),
    ("đặng thị ỷ", "dang thi y"),
    ("NGUYỄN VĂN ĐỨC", "nguyen van duc"),
    ("Trường THCS Lê Quý Đôn", "truong thcs le quy don"),
    ("  Phạm   Thị\tHương  ", "pham thi huong"),
    ("Ưng Hoàng Phúc", "ung hoang phuc"),
    ("", ""),
])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(unicodedata.normalize(NFD, text)) == expected


def test_fold_handles_decomposed_d_with_stroke_neighbours() -> None:
    # NFD never decomposes đ (it has no combining form), so it must be mapped explicitly.
    assert unicodedata.normalize(NFD, "Đ") == "Đ"
    assert fold("Đ") == "d"
    assert fold("đ") == "d"


def test_clean_gives_nfc_trimmed_single_spaces() -> None:
    raw = unicodedata.normalize(NFD, "  Nguyễn\u00a0 Thị   Ánh \n")
    cleaned = clean(raw)
    assert cleaned == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean(None) == ""


@pytest.mark.parametrize("pasted", [
    "\ufeffĐặng Thị Ỷ",          # byte-order mark at the start of a CSV cell
    "Đặng\u200b Thị Ỷ",          # zero-width space from a web page
    "Đặng Thị\u00ad Ỷ",          # soft hyphen from Word
    "\u200eĐặng Thị Ỷ\u200f",    # direction marks
    "Đặng\u2060 Thị Ỷ\u2060",    # word joiner
])
def test_clean_removes_invisible_characters(pasted: str) -> None:
    assert clean(pasted) == "Đặng Thị Ỷ"
    assert fold(clean(pasted)) == "dang thi y"


@given(vietnamese_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_of_vietnamese_letters_is_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()


@given(vietnamese_text)
def test_nfc_and_nfd_sort_equal(text: str) -> None:
    assert sort_key(unicodedata.normalize("NFC", text)) == sort_key(
        unicodedata.normalize(NFD, text))


@given(vietnamese_text)
def test_nfc_and_nfd_fold_equal(text: str) -> None:
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize(NFD, text))
    assert clean(unicodedata.normalize(NFD, text)) == clean(text)


# ---- search terms and FTS queries -----------------------------------------------------------


def test_search_terms_fold_and_split_on_punctuation() -> None:
    assert search_terms("Đặng, Thị-Ỷ!") == ["dang", "thi", "y"]
    assert search_terms("  ") == []
    assert fts_prefix_query("  ...  ") is None
    assert fts_prefix_query("dang thi y") == '"dang"* "thi"* "y"*'


HOSTILE = ['"', '""', "*", "-", "- a", "a AND b", "a OR", "NOT", "NEAR(", "NEAR(a b", "a:b",
           "name_folded:x", "^a", "(", ")", "'; DROP TABLE people; --", "\x00", "a\"*OR*\"b",
           "AND", "OR NOT", "{a b}", "+", "a + b", "🙂", "中文"]


@pytest.fixture
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(name_folded, tokenize='unicode61')")
    for name in ("Đặng Thị Ỷ", "Nguyễn Văn An", "Lê Anh Tuấn"):
        conn.execute("INSERT INTO t (name_folded) VALUES (?)", [fold(name)])
    return conn


@pytest.mark.parametrize("query", HOSTILE)
def test_fts_query_never_raises_or_injects(fts: sqlite3.Connection, query: str) -> None:
    match = fts_prefix_query(query)
    if match is None:
        return
    # Only quoted ASCII terms with a prefix star: no operator can survive.
    for part in match.split(" "):
        assert part.startswith('"') and part.endswith('"*')
        assert part[1:-2].isalnum() and part[1:-2].isascii()
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", [match]).fetchall()


@given(st.text(max_size=30))
def test_fts_query_property(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(name_folded, tokenize='unicode61')")
    match = fts_prefix_query(query)
    if match is not None:
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [match]).fetchall()


def test_fts_search_finds_by_prefix_without_marks(fts: sqlite3.Connection) -> None:
    def find(q: str) -> int:
        match = fts_prefix_query(q)
        assert match is not None
        return len(fts.execute("SELECT rowid FROM t WHERE t MATCH ?", [match]).fetchall())

    assert find("dang thi y") == 1
    assert find("Đặng") == 1
    assert find(unicodedata.normalize(NFD, "ĐẶNG THỊ")) == 1
    assert find("ng") == 1  # prefix of "nguyen"
    assert find("an") == 2  # "an" and "anh"
    assert find("nguyen y") == 0


# ---- sorting --------------------------------------------------------------------------------


def test_sort_key_alphabet_order() -> None:
    ordered = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
               "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
    assert sorted(reversed(ordered), key=sort_key) == ordered


def test_sort_key_words_and_tones() -> None:
    words = ["Anh", "An", "Ân", "Ăn", "Bình", "Dũng", "Đức", "Duy"]
    assert sorted(words, key=sort_key) == ["An", "Anh", "Ăn", "Ân", "Bình", "Dũng", "Duy", "Đức"]
    # tones: ngang < huyền < hỏi < ngã < sắc < nặng, only after the letters tie
    assert sorted(["á", "ạ", "à", "a", "ả", "ã"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
    assert sort_key("Đặng") == sort_key(unicodedata.normalize(NFD, "Đặng"))
    assert sort_key("ĐẶNG") == sort_key("đặng")


def test_sort_key_places_foreign_letters_in_latin_order() -> None:
    # f, j, w, z appear in names of schools, companies and ethnic-minority names.
    assert sorted(["Giang", "Fan", "Em"], key=sort_key) == ["Em", "Fan", "Giang"]
    assert sorted(["Kim", "Jang", "Inh"], key=sort_key) == ["Inh", "Jang", "Kim"]
    assert sorted(["Xuân", "Wừu", "Vân"], key=sort_key) == ["Vân", "Wừu", "Xuân"]
    assert sorted(["Zơ", "Yến"], key=sort_key) == ["Yến", "Zơ"]


def test_sort_key_binary_order_matches_in_sqlite() -> None:
    names = ["Đức", "Duy", "Ánh", "Anh", "Ân", "Bé", "ân"]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (name TEXT, k TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(n, sort_key(n)) for n in names])
    in_sql = [r[0] for r in conn.execute("SELECT name FROM t ORDER BY k, rowid")]
    assert in_sql == sorted(names, key=sort_key)


def test_person_sort_key_sorts_by_given_name_then_whole_name() -> None:
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Đức Anh", "Phạm Ánh"]
    assert sorted(people, key=person_sort_key) == [
        "Lê Văn An", "Nguyễn Thị An", "Đỗ Đức Anh", "Phạm Ánh", "Trần Văn Bình"]
    assert person_sort_key("  Lê   Văn An ") == person_sort_key("Lê Văn An")
    assert person_sort_key("") == person_sort_key("")


# ---- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("05/03/1990", date(1990, 3, 5)),
    ("5/3/1990", date(1990, 3, 5)),
    ("5-3-1990", date(1990, 3, 5)),
    ("05.03.1990", date(1990, 3, 5)),
    ("1990-03-05", date(1990, 3, 5)),
    (" 29/02/2024 ", date(2024, 2, 29)),
    ("31/12/2026", date(2026, 12, 31)),
])
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, "Ngày sinh") == expected


def test_parse_date_passes_dates_and_empty() -> None:
    assert parse_date(date(2020, 1, 2), "x") == date(2020, 1, 2)
    assert parse_date(datetime(2020, 1, 2, 10, 30), "x") == date(2020, 1, 2)
    assert parse_date(None, "x") is None
    assert parse_date("   ", "x") is None


@pytest.mark.parametrize("text", ["31/02/2024", "29/02/2023", "00/01/2020", "32/01/2020",
                                  "15/13/2020", "2023-02-29", "2024-13-01", "31/04/2025"])
def test_parse_date_refuses_impossible_dates(text: str) -> None:
    with pytest.raises(UserError) as info:
        parse_date(text, "Ngày sinh")
    assert "Ngày sinh" in info.value.message
    assert "không phải là ngày có thật" in info.value.message


@pytest.mark.parametrize("text", ["abc", "05/03/90", "1990", "05/03/1990 extra", "1990/03/05",
                                  "ngày 5 tháng 3", "--", "5//3/1990", "١٢/٠٣/١٩٩٠x"])
def test_parse_date_refuses_garbage_with_the_field_name(text: str) -> None:
    with pytest.raises(UserError) as info:
        parse_date(text, "Ngày quyết định")
    assert info.value.message.startswith("Ngày quyết định:")
    assert "ngày/tháng/năm" in info.value.message


def test_format_date() -> None:
    assert format_date(date(2026, 2, 5)) == "05/02/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(("value", "expected"), [
    (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
    (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
    (date(2026, 11, 23), "ngày 23 tháng 11 năm 2026"),
    (date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
])
def test_date_phrase_leading_zeros(value: date, expected: str) -> None:
    assert date_phrase(value) == expected


# ---- national id ----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("001090012345", "•••••••••345"),
    ("123456789", "••••••789"),
    (" 001090012345 ", "•••••••••345"),
    ("12", "••"),
    ("", ""),
])
def test_mask_national_id(value: str, expected: str) -> None:
    masked = mask_national_id(value)
    assert masked == expected
    assert "0010900" not in masked


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_format_then_parse_round_trips(value: date) -> None:
    assert parse_date(format_date(value), "Ngày") == value
    assert parse_date(value.isoformat(), "Ngày") == value


@given(st.dates())
def test_date_phrase_property(value: date) -> None:
    words = date_phrase(value).split(" ")
    assert words[0::2] == ["ngày", "tháng", "năm"]
    day, month, year = words[1], words[3], words[5]
    assert len(day) == 2 and int(day) == value.day
    assert int(month) == value.month
    assert len(month) == (2 if value.month <= 2 or value.month >= 10 else 1)
    assert int(year) == value.year


# ---- the one percent formatter ----------------------------------------------------------------


@pytest.mark.parametrize(("share", "text"), [
    (Fraction(4, 5), "80%"), (0.7, "70%"), (1.0, "100%"), (0, "0%"),
    (Fraction(10, 12), "83,3%"), (Fraction(11, 12), "91,7%"), (Fraction(2, 3), "66,7%"),
    (Fraction(7, 9), "77,8%"), (Fraction(1, 8), "12,5%"),
    # never rounded up onto a whole percent the share is below (thresholds sit there)
    (Fraction(699, 1000), "69,9%"), (Fraction(4999, 10000), "49,9%"),
    (Fraction(7999, 10000), "79,9%"), (Fraction(8999, 10000), "89,9%"),
])
def test_percent_in_the_official_style(share: Fraction | float, text: str) -> None:
    assert percent(share) == text


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=2000))
def test_percent_never_shows_a_share_above_a_whole_percent_it_is_under(n: int, total: int
                                                                       ) -> None:
    shown = percent(Fraction(n, total))
    whole = int(shown.rstrip("%").split(",")[0])
    if "," not in shown:  # a whole percent is shown only when the share reaches it
        assert Fraction(n, total) * 100 >= whole


@pytest.mark.parametrize(("typed", "expected"), [
    ("8:00", time(8, 0)), ("08:30", time(8, 30)), ("8h", time(8, 0)), ("8h30", time(8, 30)),
    ("14 giờ 15", time(14, 15)), ("7g30", time(7, 30)), ("", None), (None, None)])
def test_parse_time_reads_what_officers_write(typed: str | None, expected: time | None
                                              ) -> None:
    assert parse_time(typed, "Giờ họp") == expected
    if expected is not None:
        assert format_time(expected) == expected.strftime("%H:%M")


@pytest.mark.parametrize("typed", ["25:00", "8:75", "tám giờ", "8"])
def test_parse_time_refuses_what_is_not_a_time(typed: str) -> None:
    with pytest.raises(UserError, match="Giờ họp"):
        parse_time(typed, "Giờ họp")
