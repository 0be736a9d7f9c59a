"""The one vote rule (rules.VoteRule): exact arithmetic, always on the council's TOTAL
membership (LAW §5.4), the figures read from the title files and the province profile."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from desktop.core.catalog import Catalog
from desktop.core.rules import VoteRule, exact_share


def test_ballot_counts_total_membership_exactly() -> None:
    rule = VoteRule(Fraction(4, 5))
    assert rule.passes(8, 10)           # exactly 80 %
    assert not rule.passes(7, 10)
    assert not rule.passes(7, 9)        # 77.8 %
    assert not rule.passes(0, 0)        # no council, no pass
    assert not VoteRule(Fraction(9, 10)).passes(9, 11)
    assert VoteRule(Fraction(9, 10)).passes(27, 30)


def test_show_of_hands_needs_strictly_more_than_half() -> None:
    hands = VoteRule(Fraction(1, 2), more_than=True)
    assert not hands.passes(5, 10)
    assert hands.passes(6, 10)
    assert hands.passes(5, 9)


@pytest.mark.parametrize(("rule", "total", "needed"), [
    (VoteRule(Fraction(4, 5)), 10, 8), (VoteRule(Fraction(4, 5)), 12, 10),
    (VoteRule(Fraction(9, 10)), 11, 10), (VoteRule(Fraction(1, 2), more_than=True), 10, 6),
    (VoteRule(Fraction(1, 2), more_than=True), 9, 5)])
def test_votes_needed_is_the_first_passing_count(rule: VoteRule, total: int, needed: int
                                                 ) -> None:
    assert rule.votes_needed(total) == needed
    assert rule.passes(needed, total) and not rule.passes(needed - 1, total)


def test_a_share_written_as_a_decimal_is_read_as_that_decimal() -> None:
    assert exact_share(0.8) == Fraction(4, 5)
    assert exact_share(0.9) == Fraction(9, 10)
    assert VoteRule.recorded(0.7, False).passes(7, 10)   # not 0.69999… nor 0.70000…1


def test_the_rule_comes_from_the_title_file_and_the_province(catalog: Catalog) -> None:
    default = catalog.province("default")
    cstdcs = VoteRule.for_title(catalog.title("chien_si_thi_dua_co_so"), default)
    assert cstdcs == VoteRule(Fraction(4, 5), more_than=False, ballot=True)
    tinh = VoteRule.for_title(catalog.title("chien_si_thi_dua_tinh"), default)
    assert tinh.share == Fraction(9, 10) and tinh.ballot
    ldtt = VoteRule.for_title(catalog.title("lao_dong_tien_tien"), default)
    assert ldtt == VoteRule(Fraction(1, 2), more_than=True, ballot=False)
    stricter = replace(default, parameters={**default.parameters, "cstdcs_ballot_share": 0.85})
    assert VoteRule.for_title(catalog.title("chien_si_thi_dua_co_so"), stricter).share == \
        Fraction(17, 20)
