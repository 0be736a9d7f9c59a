"""Import people from an officer's staff list: .xlsx, .xls, or CSV / "Unicode Text".

Three steps, each one a function the wizard and `hoso import people` call:

1. `read_table(path)` reads the file into a `RawTable` (reading.py, sources.py), within the
   limits of limits.py, decoding text files as decoding.py detects.
2. `guess_mapping(headers)` proposes which column holds which field (mapping.py, from the
   table of fields.py).
3. `preview(...)` converts and checks every row (validation.py, convert.py, characters.py)
   and lists every problem with its row, column and code, every note (no birth date, a
   name typed in capitals: name_case.py, fixed only when the officer chooses), and every
   default the officer must confirm; `commit_import(...)` (writing.py) writes all rows in
   one transaction, or nothing, or, when asked, the valid rows with a report of what was
   skipped (report.py).
"""

from desktop.core.operations.importing.convert import RowProblem
from desktop.core.operations.importing.decoding import CHOOSABLE as ENCODINGS
from desktop.core.operations.importing.decoding import encoding_label
from desktop.core.operations.importing.fields import (
    BY_KEY,
    FIELD_KEYS,
    FIELDS,
    ImportField,
    Kind,
    WhenMissing,
    default_choices,
)
from desktop.core.operations.importing.limits import (
    DEFAULT_LIMITS,
    FileRefused,
    ImportLimits,
    column_letter,
)
from desktop.core.operations.importing.mapping import (
    MappingError,
    apply_overrides,
    guess_mapping,
    guess_rating_year,
    mapping_json,
)
from desktop.core.operations.importing.name_case import (
    NAME_CAPITALS,
    NAME_CASE_FIXED,
    NameCaseOffer,
    is_all_capitals,
    vietnamese_title_case,
)
from desktop.core.operations.importing.reading import RawRow, RawTable, display_value, read_table
from desktop.core.operations.importing.report import report_csv, report_text, save_report
from desktop.core.operations.importing.validation import (
    BIRTH_DATE_MISSING,
    DefaultNeed,
    ImportOptions,
    ImportPreview,
    PreviewRow,
    SamePeople,
    needed_defaults,
    preview,
)
from desktop.core.operations.importing.writing import ImportResult, commit_import

__all__ = [
    "BIRTH_DATE_MISSING", "BY_KEY", "DEFAULT_LIMITS", "ENCODINGS", "FIELDS", "FIELD_KEYS",
    "NAME_CAPITALS", "NAME_CASE_FIXED", "DefaultNeed", "FileRefused", "ImportField",
    "ImportLimits", "ImportOptions", "ImportPreview", "ImportResult", "Kind", "MappingError",
    "NameCaseOffer", "PreviewRow", "RawRow", "RawTable", "RowProblem", "SamePeople",
    "WhenMissing", "apply_overrides", "column_letter", "commit_import", "default_choices",
    "display_value", "encoding_label", "guess_mapping", "guess_rating_year", "is_all_capitals",
    "mapping_json", "needed_defaults", "preview", "read_table", "report_csv", "report_text",
    "save_report", "vietnamese_title_case",
]
