"""The report of an import, for the officer to keep or send: every skipped or refused row
with its column, code and reason, as text (the clipboard) or as a CSV file Excel opens
(UTF-8 with a byte-order mark, so Vietnamese shows correctly)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.files import write_atomic
from desktop.core.i18n import _
from desktop.core.operations.importing.convert import RowProblem


def report_text(title: str, problems: Sequence[RowProblem]) -> str:
    return "\n".join([title, *(p.text() for p in problems)])


def report_csv(problems: Sequence[RowProblem]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([_("Dòng"), _("Cột"), _("Mã lỗi"), _("Lý do")])
    for p in problems:
        writer.writerow([p.row, p.column, p.code, p.message])
    return out.getvalue().encode("utf-8-sig")


def save_report(path: Path, problems: Sequence[RowProblem]) -> None:
    """Write the report as CSV (atomically: a half-written report is never left)."""
    try:
        write_atomic(Path(path), report_csv(problems))
    except OSError as exc:
        raise UserError(_("Không ghi được báo cáo vào “{path}”.").format(path=path),
                        _("Hãy chọn thư mục khác, hoặc đóng tệp nếu đang mở trong Excel."),
                        code="import.report_unwritable") from exc
