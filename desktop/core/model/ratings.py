"""One year's rating of a person as the ratings grid and the ratings-only import edit it: the
xếp loại and the three qualities ticks the LĐTT rule reads (the rest of the year's record,
"tạm hoãn xét" and its notes, is left as it is)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.model import Rating, SubjectGroup


@dataclass(frozen=True)
class RatingMarks:
    """None is "not set": no rating yet; a tick not yet confirmed (never read as met)."""

    rating: Rating | None = None
    exemplary: bool | None = None
    solidarity: bool | None = None
    movement: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {"rating": self.rating.value if self.rating else None,
                "exemplary": self.exemplary, "solidarity": self.solidarity,
                "movement": self.movement}

    @classmethod
    def from_json(cls, value: Any) -> RatingMarks:
        """From the audit log or a draft (hostile: unknown values raise ValueError)."""
        if not isinstance(value, dict):
            raise ValueError("marks")
        rating = value.get("rating")

        def tick(key: str) -> bool | None:
            v = value.get(key)
            if v is not None and not isinstance(v, bool):
                raise ValueError(key)
            return v

        return cls(Rating(rating) if rating else None, tick("exemplary"), tick("solidarity"),
                   tick("movement"))


QUALITIES = ("exemplary", "solidarity", "movement")


@dataclass(frozen=True)
class RatingRow:
    """One person in the grid: who, last year's rating (read-only) and this year's marks as
    stored (`has_record`: a row of the year exists in the history)."""

    person_id: int
    full_name: str
    birth_date: date | None
    position: str
    work_unit: str          # the work unit's short name, else the department as typed
    work_unit_id: int | None
    group: SubjectGroup
    last_year: Rating | None
    marks: RatingMarks
    has_record: bool
    pending_review: bool = False


@dataclass(frozen=True)
class RatingChange:
    """One (person, year) the save changed: before (None when the year had no row) and after."""

    person_id: int
    name: str
    year: int
    before: RatingMarks | None
    after: RatingMarks
