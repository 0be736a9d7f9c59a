"""The copy check: long identical passages between reports (LAW.md §6.4)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from desktop.core.text_similarity import shared_passages, words_of

COPIED = ("Trong năm qua, đồng chí đã chủ động tham mưu cho Ủy ban nhân dân xã triển khai "
          "chuyển đổi số trong giải quyết thủ tục hành chính, rút ngắn thời gian xử lý hồ sơ "
          "từ năm ngày xuống còn hai ngày, được người dân đánh giá cao và không có hồ sơ trễ "
          "hạn nào trong cả năm")
assert len(COPIED.split()) >= 30

OWN_A = ("Đồng chí Hoàng Thị Hoa phụ trách văn phòng, thống kê. Trực tiếp theo dõi công tác "
         "một cửa của xã.")
OWN_B = ("Đồng chí Lê Thị Lan làm kế toán ngân sách xã, lập dự toán đúng hạn, quyết toán "
         "không có sai sót.")
UNRELATED = ("Thôn Bản Mường có một trăm hai mươi hộ, đường liên thôn được bê tông hóa toàn bộ, "
             "nhà văn hóa thôn được xây mới bằng nguồn xã hội hóa, tỷ lệ hộ nghèo giảm còn "
             "hai phần trăm, không có tệ nạn xã hội, an ninh trật tự được giữ vững trong năm.")


def test_a_copied_thirty_word_passage_is_found_in_both_reports() -> None:
    texts = {(1, "thanh_tich"): OWN_A + " " + COPIED + ".",
             (2, "giai_phap"): COPIED + ". " + OWN_B}
    found = shared_passages(texts, min_words=25)
    assert len(found) == 1
    p = found[0]
    assert {p.key_a, p.key_b} == {(1, "thanh_tich"), (2, "giai_phap")}
    assert p.words == len(COPIED.split())
    a_text, b_text = texts[p.key_a], texts[p.key_b]
    assert a_text[p.start_a:p.end_a] == COPIED
    assert b_text[p.start_b:p.end_b] == COPIED
    assert p.excerpt.startswith("Trong năm qua, đồng chí")


def test_unrelated_reports_share_nothing() -> None:
    texts = {(1, "a"): OWN_A + " " + COPIED, (2, "a"): UNRELATED, (3, "a"): OWN_B}
    assert shared_passages(texts, min_words=25) == []


def test_a_passage_shorter_than_the_threshold_is_not_copying() -> None:
    short = " ".join(COPIED.split()[:20])
    texts = {(1, "a"): OWN_A + " " + short, (2, "a"): short + " " + OWN_B}
    assert shared_passages(texts, min_words=25) == []
    assert len(shared_passages(texts, min_words=15)) == 1


def test_diacritics_case_spacing_and_punctuation_do_not_hide_a_copy() -> None:
    retyped = unicodedata.normalize("NFD", COPIED).upper()
    no_marks = "".join(c for c in unicodedata.normalize("NFD", COPIED)
                       if unicodedata.category(c) != "Mn").replace("đ", "d")
    spaced = "   ".join(COPIED.replace(",", " ;").split())
    for variant in (retyped, no_marks, spaced):
        texts = {(1, "x"): COPIED, (2, "y"): "Mở đầu khác hẳn.\n" + variant}
        found = shared_passages(texts, min_words=25)
        assert len(found) == 1, variant
        assert found[0].words == len(COPIED.split())


def test_sections_of_the_same_report_are_not_compared() -> None:
    texts = {(1, "thanh_tich"): COPIED, (1, "giai_phap"): COPIED}
    assert shared_passages(texts, min_words=25) == []


def test_text_both_reports_got_from_the_registry_is_not_copying() -> None:
    fact = ("Năm 2025: xếp loại Hoàn thành xuất sắc nhiệm vụ; được công nhận danh hiệu Lao động "
            "tiên tiến theo Quyết định số 123/QĐ-UBND ngày 15/12/2025 của Chủ tịch Ủy ban nhân "
            "dân xã Tân Lập.")
    assert len(words_of(fact).words) >= 25
    texts = {(1, "t"): OWN_A + "\n" + fact, (2, "t"): fact + "\n" + OWN_B}
    assert len(shared_passages(texts, min_words=25)) == 1          # without the prefill
    common = {1: [fact], 2: [fact]}
    assert shared_passages(texts, min_words=25, common=common) == []
    # A line taken from one's own record is left out whatever the other report did.
    assert shared_passages(texts, min_words=25, common={1: [fact]}) == []
    # A line the officer changed is theirs, and is compared.
    edited = {(1, "t"): fact.replace("Năm 2025:", "Trong năm 2025,"),
              (2, "t"): fact.replace("Năm 2025:", "Trong năm 2025,")}
    assert len(shared_passages(edited, min_words=25, common=common)) == 1
    # Facts followed by a short phrase both happen to use are not a copy either ...
    phrase = "Năm 2026 tiếp nhận và giải quyết"
    texts = {(1, "t"): fact + "\n" + phrase + " 300 hồ sơ.",
             (2, "t"): fact + "\n" + phrase + " 317 hồ sơ."}
    assert len(shared_passages(texts, min_words=25)) == 1
    assert shared_passages(texts, min_words=25, common=common) == []
    # ... while copied text that goes beyond the shared facts is still reported.
    texts = {(1, "t"): fact + "\n" + COPIED, (2, "t"): fact + "\n" + COPIED}
    found = shared_passages(texts, min_words=25, common=common)
    assert len(found) == 1
    assert COPIED in texts[(1, "t")][found[0].start_a:found[0].end_a]
    assert found[0].words == len(COPIED.split())
    assert found[0].excerpt.startswith("Trong năm qua")


def test_one_long_copied_run_is_one_passage_and_two_runs_are_two() -> None:
    other = UNRELATED
    texts = {(1, "a"): COPIED + " Xen giữa. " + other, (2, "b"): other + " Khác. " + COPIED}
    found = shared_passages(texts, min_words=25)
    assert sorted(p.words for p in found) == sorted([len(COPIED.split()),
                                                     len(words_of(other).words)])


def test_many_reports_find_exactly_the_planted_pairs() -> None:
    rng = random.Random(7)
    vocabulary = [w for w in (UNRELATED + " " + OWN_A + " " + OWN_B).split() if w.isalpha()]
    texts: dict[tuple[int, str], str] = {}
    for doc in range(100):
        for part in ("chuc_trach", "thanh_tich", "giai_phap", "chap_hanh", "khac"):
            texts[(doc, part)] = " ".join(rng.choice(vocabulary) for _ in range(250))
    texts[(17, "thanh_tich")] += " " + COPIED
    texts[(64, "chap_hanh")] = COPIED + " " + texts[(64, "chap_hanh")]
    found = shared_passages(texts, min_words=25)
    assert [({p.key_a, p.key_b}, p.words) for p in found] == [
        ({(17, "thanh_tich"), (64, "chap_hanh")}, len(COPIED.split()))]


def test_min_words_must_be_positive() -> None:
    with pytest.raises(ValueError):
        shared_passages({}, min_words=0)
