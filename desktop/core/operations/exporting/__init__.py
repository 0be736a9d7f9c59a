"""Excel out: every list of the app to an .xlsx file (issue 12).

One function per list; each reads through core (nothing is changed) and writes the file
atomically with openpyxl in write-only (streaming) mode:

- export_people, export_collectives (with members): the lists as shown, search and
  eligibility filter included, any size;
- export_registrations (a year), export_decisions (awards recorded for a year);
- export_nominations, export_posting_list, export_dashboard (a round).

`suggested_file_name` gives the default name the UI offers, e.g.
`DanhSachCaNhan_UyBanNhanDanXaThanhSon_2026-11-23.xlsx`.
"""

from desktop.core.operations.exporting.registry_lists import (
    export_collectives,
    export_decisions,
    export_people,
    export_registrations,
)
from desktop.core.operations.exporting.round_lists import (
    export_dashboard,
    export_nominations,
    export_posting_list,
)
from desktop.core.operations.exporting.workbook import (
    ExportResult,
    check_destination,
    suggested_file_name,
)

__all__ = [
    "ExportResult",
    "check_destination",
    "export_collectives",
    "export_dashboard",
    "export_decisions",
    "export_nominations",
    "export_people",
    "export_posting_list",
    "export_registrations",
    "suggested_file_name",
]
