"""The council's vote rule (LAW §5.4, §10a): the one place that says whether a vote passes.

A vote is always measured against the council's TOTAL membership, absent members included
(they answer in writing and the minutes show it); a ballot title needs at least its share
(80 % for CSTĐCS, 90 % for CSTĐ tỉnh…), a show of hands more than half. Arithmetic is exact
(`Fraction`): 8 of 10 is exactly 80 %, never 79.99999 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from desktop.core.catalog import ProvinceProfile, TitleInfo


def exact_share(value: float | Fraction | str) -> Fraction:
    """A share written in a file or stored as REAL (0.8) as the exact fraction it means
    (4/5), not the binary float nearest to it."""
    if isinstance(value, Fraction):
        return value
    return Fraction(repr(value) if isinstance(value, float) else value)


@dataclass(frozen=True)
class VoteRule:
    """`share` of the total membership, reached at least (ballot) or exceeded (more_than)."""

    share: Fraction
    more_than: bool = False
    ballot: bool = False    # a secret ballot is required (else a show of hands may do)

    @classmethod
    def for_title(cls, title: TitleInfo, province: ProvinceProfile) -> VoteRule:
        """The rule the title file sets ([ballot]), with a province parameter resolved."""
        return cls(exact_share(title.vote_share(province)), title.ballot.more_than,
                   title.ballot.required)

    @classmethod
    def recorded(cls, threshold: float, more_than: bool) -> VoteRule:
        """The rule a stored vote was counted under."""
        return cls(exact_share(threshold), more_than)

    def passes(self, votes_for: int, members_total: int) -> bool:
        """Whether `votes_for` of a council of `members_total` carries the vote."""
        if members_total <= 0 or votes_for < 0:
            return False
        share = Fraction(votes_for, members_total)
        return share > self.share if self.more_than else share >= self.share

    def votes_needed(self, members_total: int) -> int:
        """The fewest votes in favour that pass, for a council of `members_total`."""
        need = self.share * members_total
        whole = need.numerator // need.denominator
        if self.more_than or whole < need:
            whole += 1
        return whole
