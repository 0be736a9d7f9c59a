"""The year's ratings in bulk (issue 12: a unit imported with last year's ratings could not
nominate anyone at year end): the grid's rows and its save (saving.py), and a ratings-only
import onto the people already saved (importing.py). Both write through `save_ratings`: one
transaction, one audit entry, one `undo_ratings`."""

from desktop.core.model.ratings import QUALITIES, RatingChange, RatingMarks, RatingRow
from desktop.core.operations.ratings.importing import (
    MATCHED,
    NAME_MISMATCH,
    OK_CODES,
    UNCHANGED,
    YEAR,
    RatingImportRow,
    RatingsImportPreview,
    RatingsImportResult,
    apply_overrides,
    apply_ratings_import,
    guess_ratings_mapping,
    guess_year,
    mapping_json,
    preview_ratings,
)
from desktop.core.operations.ratings.saving import (
    RatingsSaved,
    missing_ratings,
    rating_rows,
    save_ratings,
    undo_ratings,
    year_problems,
)

__all__ = [
    "MATCHED", "NAME_MISMATCH", "OK_CODES", "QUALITIES", "UNCHANGED", "YEAR", "RatingChange",
    "RatingImportRow",
    "RatingMarks", "RatingRow", "RatingsImportPreview", "RatingsImportResult", "RatingsSaved",
    "apply_overrides", "apply_ratings_import", "guess_ratings_mapping", "guess_year",
    "mapping_json", "missing_ratings", "preview_ratings", "rating_rows", "save_ratings",
    "undo_ratings", "year_problems",
]
